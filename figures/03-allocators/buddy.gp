# A block of 16 pages split down to one page and merged back, step by step:
# the run of the buddy simulator on its split-and-merge test script, with
# -v, which prints every take, split, merge and put.  One row per call,
# the first at the top; free blocks labelled with their order, allocated
# ones with their ID.
# data: build/sim/03-allocators/buddy sim/03-allocators/test/buddy-scripts/steps-split-merge.bud figures/03-allocators/buddy.awk figures/lib.awk
set termoption noenhanced
unset key
unset border
unset xtics
unset ytics
set lmargin 0
set rmargin 1
set tmargin 0.5
set bmargin 0.5
load '< awk ''1; /^zone / { print "lists" }'' sim/03-allocators/test/buddy-scripts/steps-split-merge.bud | build/sim/03-allocators/buddy -v -f - | awk -f figures/lib.awk -f figures/03-allocators/buddy.awk'
plot NaN
