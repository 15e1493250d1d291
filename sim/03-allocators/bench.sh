#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The buddy allocator's speed, for `make bench`: the -O2 build of buddy
# makes 20 M allocations and frees on a 1 GiB zone (262144 pages, kept
# about half full, orders 0 to 10, mostly 0), best of three runs.
set -eu
best=0
for run in 1 2 3; do
	rate=$(build/sim/03-allocators/buddy -b 20m -s "$run" |
		awk '/M operations\/s/ { print $3 }')
	best=$(awk -v a="$best" -v b="$rate" 'BEGIN { print (b > a) ? b : a }')
done
echo "buddy: $best M alloc+free operations/s on a 1 GiB zone (goal >= 20 M/s)"
