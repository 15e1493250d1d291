#!/bin/sh
# One TAP test point per build: its log must hold no warning or error.
#   clean-build.sh OUT-DIR/.built...
echo "1..$#"
n=0
for built in "$@"; do
	n=$((n + 1))
	dir=$(dirname "$built")
	if grep -qE 'warning:|error:' "$dir/build.log"; then
		echo "not ok $n - $dir builds clean under W=1 and sparse"
		grep -E 'warning:|error:' "$dir/build.log" | head -n 5 | sed 's/^/# /'
	else
		echo "ok $n - $dir builds clean under W=1 and sparse"
	fi
done
