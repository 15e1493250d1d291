#!/bin/sh
# Benchmark lines for `make bench`: how fast the TLB simulator replays a
# binary trace, file reading (mmap) included.  The trace, 50 M references
# spread at random over 128 pages, so that a 64-entry TLB misses half of
# them (misses are the slow path), is made under build/bench/tlb/; each
# rate is the best of 3 runs, as other jobs may share the CPU.  Run from
# the top of the tree, after the build.
set -eu
tlb=build/sim/02-mmu/tlb
dir=build/bench/tlb
refs=52428800
trace=$dir/random128-$refs.bin
mkdir -p "$dir"
if [ ! -f "$trace" ] || [ -n "$(find "$tlb" -newer "$trace")" ]; then
	"$tlb" -g random -n 128 -R "$refs" -s 1 -w "$trace.tmp"
	mv "$trace.tmp" "$trace"
fi

# cpu FILE: the CPU seconds of this shell's children, from `times`
cpu() {
	awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] }
		print s }' "$1"
}

# rate WAYS: M references a second through a 64-entry LRU TLB, by CPU
# time (user and system: the mapping of the file counts), and by wall time
rate() {
	best='' wall=''
	for _ in 1 2 3; do
		times >"$dir/cpu0"
		s=$(date +%s.%N)
		"$tlb" -e 64 -a "$1" -p lru -f "$trace" >"$dir/out"
		e=$(date +%s.%N)
		times >"$dir/cpu1"
		best=$(awk -v a="$(cpu "$dir/cpu0")" -v c="$(cpu "$dir/cpu1")" -v b="$best" \
			'BEGIN { t = c - a; print (b == "" || t < b) ? t : b }')
		wall=$(awk -v s="$s" -v e="$e" -v b="$wall" \
			'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
	done
	awk -v t="$best" -v w="$wall" -v n="$refs" -v a="$1" \
		-v h="$(awk '/^hit rate/ { print $3 }' "$dir/out")" 'BEGIN {
		printf "tlb: %.0f M refs/s (%.0f M by wall time), 64-entry LRU %s, %.0f M references, %s hits (goal >= 50)\n",
			n / t / 1e6, n / w / 1e6, a == "full" ? "fully associative" : a "-way", n / 1e6, h }'
}
rate full
rate 4
