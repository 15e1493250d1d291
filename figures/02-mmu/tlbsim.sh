#!/bin/sh
# For figures/02-mmu/tlb.gp: the simulator's hit rate, in percent, for a
# random cycle over N pages (the pattern tlbhost times) in a TLB of
# ENTRIES entries and WAYS ways, for the page counts tlbhost uses.  Each
# run makes 100 laps or 100000 references, so the first lap's misses,
# which a cold TLB cannot avoid, cost at most 1%.
#   tlbsim.sh ENTRIES WAYS [POLICY]
set -eu
n=1
while [ $n -le 16384 ]; do
	refs=$((n * 100 > 100000 ? n * 100 : 100000))
	build/sim/02-mmu/tlb -e "$1" -a "$2" -p "${3:-lru}" -g chase -n $n -R $refs |
		awk -v n=$n '/^hit rate/ { sub(/%/, "", $3); print n, $3 }'
	case $n in
	1) n=2 ;;
	*) if [ $((n & (n - 1))) -eq 0 ]; then n=$((n * 3 / 2)); else n=$((n * 4 / 3)); fi ;;
	esac
done
