#!/bin/sh
# Wall time of `make check` after set-up, twice:
#   - as the README's two commands run it: after `make`, which has booted
#     every VM suite already (the book shows their captures), so check
#     boots only the grader's VMs; this is the time the goal is for;
#   - with every VM suite booted again, the cost of a change to the runner.
set -eu
timed() {
	s=$(date +%s.%N)
	summary=$(make --no-print-directory check 2>&1 | tail -n 1)
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" -v r="$summary" -v what="$1" -v goal="$2" \
		'BEGIN { printf "check: make check %s %.1f s, %s%s\n", what, e - s, r, goal }'
}
make --no-print-directory -j"$(nproc)" everything >/dev/null
timed "after make:" " (goal <= 120 s)"
rm -rf build/vm/run
timed "with every VM suite booted again:" ""
