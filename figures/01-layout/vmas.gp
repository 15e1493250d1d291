# A process's address space three ways: the mm_struct fields that point
# into it, its VMAs with their vm_flags (the layout module's vmas file), and
# the lines of /proc/PID/maps, for busybox's "sleep" on the amd64 kernel.
# Lowest address at the bottom; the gaps are drawn thin, not to scale.
# data: build/vm/run/amd64/01-layout/layout/result.tap figures/01-layout/vmas.awk figures/lib.awk
cap = "build/capture/amd64/01-layout/"

set termoption noenhanced
unset key
unset border
unset xtics
unset ytics
set lmargin 0
set rmargin 0
set tmargin 0.5
set bmargin 0.5
load sprintf("< awk -f figures/lib.awk -f figures/01-layout/vmas.awk %smm.txt %svmas.txt %smaps.txt", cap, cap, cap)
plot NaN
