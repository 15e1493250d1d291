#!/bin/sh
# Wall time of `make check` after set-up, with every VM suite booted again.
set -eu
rm -rf build/vm/run build/check
s=$(date +%s.%N)
summary=$(make --no-print-directory check 2>&1 | tail -n 1)
e=$(date +%s.%N)
awk -v s="$s" -v e="$e" -v r="$summary" \
	'BEGIN { printf "check: make check %.1f s, %s (goal <= 120 s)\n", e - s, r }'
