# The x86_64 kernel's virtual address space with 4-level paging, from the
# numbers the layout module printed on the amd64 kernel.  The areas differ
# by a factor of tens of millions, so this one is drawn in order, not to scale.
# data: build/vm/run/amd64/01-layout/layout/result.tap
map = "build/capture/amd64/01-layout/map.txt"
hex(k) = system(sprintf("awk '$1 == \"%s\" { print $2 }' %s", k, map))
# Sizes need 64-bit arithmetic on hex, which the shell has and mawk lacks.
# The shell's is signed, so drop the top 16 bits: in a canonical
# kernel-half address they are all ones.
# VMALLOC_END is the last byte of its area; the other ends are the first
# byte after theirs, hence "last".
size(lo, hi, last) = system(sprintf("h=%s; l=%s; echo $(( 0x${h#0xffff} - 0x${l#0xffff} + %d )) | " . \
	"awk '{ s = $1; u = \"B\"; split(\"KiB MiB GiB TiB\", us); " . \
	"for (i = 1; s >= 1024 && i <= 4; i++) { s /= 1024; u = us[i] } printf \"%%.4g %%s\", s, u }'", \
	hi, lo, last))

set termoption noenhanced
unset key
unset border
unset xtics
unset ytics
set xrange [0:10]
set yrange [0:12]
set style fill solid 1.0 border lc "black"
set title "x86_64, 4-level paging: 47-bit user space, 48-bit kernel half"

row(n, y, c, addr, text) = sprintf( \
	"set object %d rect from 3.6,%f to 4.6,%f fc rgb '%s'; " . \
	"set label %d '%s' at 3.5,%f right font 'DejaVu Sans Mono,10'; " . \
	"set label %d '%s' at 4.8,%f left font ',10'", \
	n, y, y + 0.8, c, 2 * n, addr, y + 0.4, 2 * n + 1, text, y + 0.4)

eval row(1, 0, "#cfe2f3", "0000000000000000", "user space, up to TASK_SIZE " . hex("TASK_SIZE") . " (128 TiB)")
eval row(2, 1, "#ffffff", "0000800000000000", "non-canonical hole: no address here is valid")
eval row(3, 2, "#d9d2e9", hex("LDT_BASE_ADDR"), "LDT remap for page-table isolation")
eval row(4, 3, "#b6d7a8", hex("PAGE_OFFSET"), "direct map of all RAM, to high_memory " . hex("high_memory"))
eval row(5, 4, "#f9cb9c", hex("VMALLOC_START"), "vmalloc and ioremap (" . size(hex("VMALLOC_START"), hex("VMALLOC_END"), 1) . ")")
eval row(6, 5, "#ea9999", hex("VMEMMAP_START"), "vmemmap: the struct page array")
eval row(7, 6, "#d9d2e9", hex("CPU_ENTRY_AREA_BASE"), "cpu_entry_area")
eval row(8, 7, "#d9d2e9", hex("ESPFIX_BASE_ADDR"), "espfix stacks")
eval row(9, 8, "#ffe599", hex("__START_KERNEL_map"), "kernel image (text, data, bss)")
eval row(10, 9, "#f9cb9c", hex("MODULES_VADDR"), "modules (" . size(hex("MODULES_VADDR"), hex("MODULES_END"), 0) . ")")
eval row(11, 10, "#ffe599", hex("FIXADDR_START"), "fixmap (" . size(hex("FIXADDR_START"), hex("FIXADDR_TOP"), 0) . "), then vsyscall")
plot NaN
