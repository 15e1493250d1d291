# The 686-pae kernel's virtual address space, drawn to scale from the
# numbers its layout module printed when booted with 2 GiB of RAM.
# data: build/vm/run/i386/01-layout/highmem-2G/result.tap
map = "build/capture/i386/01-layout/map-2G.txt"

# The kernel prints hex; mawk cannot read it, the shell can.  In MiB.
mib(k) = real(system(sprintf( \
	"v=$(awk '$1 == \"%s\" { print $2 }' %s); echo $((v >> 10))", k, map))) / 1024
page_offset = mib("PAGE_OFFSET")
high_memory = mib("high_memory")
vmalloc_start = mib("VMALLOC_START")
vmalloc_end = mib("VMALLOC_END")
pkmap_base = mib("PKMAP_BASE")
pkmap_end = pkmap_base + real(system(sprintf( \
	"v=$(awk '$1 == \"LAST_PKMAP\" { print $2 }' %s); echo $((v * 4))", map))) / 1024
ldt = mib("LDT_BASE_ADDR")
cea = mib("CPU_ENTRY_AREA_BASE")
fix_start = mib("FIXADDR_START")
fix_top = mib("FIXADDR_TOP")

set termoption noenhanced
unset xtics
unset key
set border 2
set ytics nomirror
set ylabel "virtual address (MiB)"
set style fill solid 1.0 border lc "black"

box(n, lo, hi, c) = sprintf("set object %d rect from 0,%f to 1,%f fc rgb '%s'", n, lo, hi, c)
right(n, y, s) = sprintf("set label %d '%s' at 1.1,%f left font ',10'", n, s, y)

set multiplot layout 1,2 title "32-bit x86, VMSPLIT_3G, PAE, 2 GiB of RAM"

set xrange [0:3.2]
set yrange [0:4096]
set ytics 512
eval box(1, 0, page_offset, "#cfe2f3")
eval box(2, page_offset, high_memory, "#b6d7a8")
eval box(3, high_memory, 4096, "#f9cb9c")
eval right(1, page_offset / 2, "user space (3 GiB)")
eval right(2, (page_offset + high_memory) / 2, "direct map of LOWMEM")
eval right(3, 4040, "vmalloc, pkmap, fixmap ...")
plot NaN

unset object
unset label
set yrange [high_memory - 16 : 4096]
set ytics auto
set ylabel "top of the address space (MiB)"
eval box(1, high_memory - 16, high_memory, "#b6d7a8")
eval box(2, high_memory, vmalloc_start, "#ffffff")
eval box(3, vmalloc_start, vmalloc_end, "#f9cb9c")
eval box(4, pkmap_base, pkmap_end, "#ea9999")
eval box(5, ldt, cea, "#d9d2e9")
eval box(6, cea, fix_start, "#d9d2e9")
eval box(7, fix_start, fix_top, "#ffe599")
eval right(1, high_memory - 8, "end of the direct map")
eval right(2, (high_memory + vmalloc_start) / 2, "8 MiB guard hole")
eval right(3, (vmalloc_start + vmalloc_end) / 2, "vmalloc and modules")
eval right(4, pkmap_base + 1, "pkmap: kmap() (512 pages)")
eval right(5, ldt + 4, "LDT remap, cpu_entry_area")
eval right(6, fix_start + 1, "fixmap: kmap_local_page() slots")
plot NaN
unset multiplot
