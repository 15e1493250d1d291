#!/bin/sh
# The runner's own test: a fixture suite must be judged a failure, for the
# right reason.  Prints one TAP test point.
#   expect.sh RESULT.TAP REASON
result=$1 reason=$2
echo "1..1"
if grep '^not ok' "$result" | grep -qF "$reason"; then
	echo "ok 1 - runner fails $(sed -n 's/^not ok - \([^:]*\):.*/\1/p' "$result" | head -n 1) for: $reason"
else
	echo "not ok 1 - runner verdict on $result lacks a failure naming: $reason"
	sed 's/^/# /' "$result"
fi
