# The TLB from two sides, against the number of pages a program touches in
# a random cycle, one load a page.  Left axis: the simulator's hit rate in
# a 64-entry 4-way TLB and in a 1536-entry 12-way one, the size of the
# second-level TLB of Intel's Skylake, both LRU (a cycle longer than a set
# never hits), and in the first with random replacement.  Right axis: the
# time of a load on the machine that built the book, measured by tlbhost,
# whose steps are where its own TLBs (and caches) stop holding the pages,
# with 4 KiB pages and with transparent huge pages (tlbhost -H; its first
# line says how much the kernel granted).
# data: build/sim/02-mmu/tlb build/sim/02-mmu/tlbhost figures/02-mmu/tlbsim.sh
set termoption noenhanced
set logscale x 2
set xrange [1:16384]
set format x "%.0f"
set xtics ("1" 1, "4" 4, "16" 16, "64" 64, "256" 256, "1k" 1024, "4k" 4096, "16k" 16384)
set xlabel "pages touched (4 KiB each)"
set ylabel "simulated hit rate (%)"
set yrange [0:105]
set ytics nomirror
set y2label "ns per load, measured"
set y2range [0:*]
set y2tics
set key below horizontal maxcols 2 width -6 font ",10"
plot "< sh figures/02-mmu/tlbsim.sh 64 4" using 1:2 axes x1y1 with linespoints pt 7 ps 0.6 \
		title "sim: 64 entries, 4-way, LRU", \
	"< sh figures/02-mmu/tlbsim.sh 64 4 random" using 1:2 axes x1y1 with linespoints pt 6 ps 0.6 \
		title "sim: 64 entries, 4-way, random", \
	"< sh figures/02-mmu/tlbsim.sh 1536 12" using 1:2 axes x1y1 with linespoints pt 5 ps 0.6 \
		title "sim: 1536 entries, 12-way, LRU", \
	"< build/sim/02-mmu/tlbhost" using 1:2 axes x1y2 with linespoints pt 9 ps 0.8 lw 2 \
		title "measured: ns per load (right)", \
	"< build/sim/02-mmu/tlbhost -H" using 1:2 axes x1y2 with linespoints pt 8 ps 0.8 lw 2 dt 2 \
		title "measured, -H: 2 MiB pages asked (right)"
