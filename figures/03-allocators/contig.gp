# What "physically contiguous" means, on the amd64 kernel: a kmalloc() of
# 16 KiB and the first ten pages of a vmalloc() of 1 MiB, each page of the
# buffer joined to the page frame behind it.  From the kmalloc and vmalloc
# suites' captures; the frames are those of the boot that built the book.
# data: build/vm/run/amd64/03-allocators/kmalloc/result.tap build/vm/run/amd64/03-allocators/vmalloc/result.tap figures/03-allocators/contig.awk figures/lib.awk
cap = "build/capture/amd64/03-allocators/"

set termoption noenhanced
unset key
unset border
unset xtics
unset ytics
set lmargin 0
set rmargin 0
set tmargin 0.5
set bmargin 0.5
load sprintf("< awk -f figures/lib.awk -f figures/03-allocators/contig.awk %scontig-16k.txt %svmalloc-1m.txt", cap, cap)
plot NaN
