#!/bin/sh
# Seconds from QEMU's start to its power-off, per target: the control suite
# booted five times, best and median reported.
set -eu
for t in amd64 i386; do
	for i in 1 2 3 4 5; do
		s=$(date +%s.%N)
		vm/run.sh "$t" selftest/pass vm/selftest/test/pass.sh \
			"build/bench/vm-$t" build/bench/capture
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f\n", e - s }'
	done | sort -n | awk -v t="$t" '{ d[NR] = $1 } END {
		printf "vm: %s boot to power-off: best %.2f s, median %.2f s (goal <= 2 s)\n", t, d[1], d[3]
	}'
	if grep -q '^not ok' "build/bench/vm-$t/result.tap"; then
		echo "vm: the $t control suite failed" >&2
		exit 1
	fi
done
