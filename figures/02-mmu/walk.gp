# A real page-table walk on the amd64 kernel: the mmu module's walk of a
# written anonymous page of the "pages" process, captured by the pagemap
# suite.  The indices are those of a fixed address; the frames and table
# addresses are those of the boot that built the book.
# data: build/vm/run/amd64/02-mmu/pagemap/result.tap figures/02-mmu/walk.awk figures/lib.awk
set termoption noenhanced
unset key
unset border
unset xtics
unset ytics
set lmargin 1
set rmargin 1
set tmargin 0.5
set bmargin 0.5
load "< awk -f figures/lib.awk -f figures/02-mmu/walk.awk build/capture/amd64/02-mmu/walk-anon.txt"
plot NaN
