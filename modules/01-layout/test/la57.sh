# targets: amd64
# mem: 256M
# qemu: -cpu qemu64,+la57
# Five levels of page tables need a CPU with LA57 and a kernel built for
# them; Debian's is (CONFIG_X86_5LEVEL=y).  But the switch to five levels
# happens in the decompressor, which the VM's PVH boot of vmlinux skips, so
# even on this CPU the kernel runs with four, and (as every kernel that
# runs with four does) hides la57 from /proc/cpuinfo.
. /lib/tap.sh
d=/sys/kernel/debug/layout
plan 5

load ./layout.ko
ok $? "layout.ko loads"
capture la57 "./cpuid; grep -c -w la57 /proc/cpuinfo; grep PGTABLE_LEVELS $d/map"
is "$(./cpuid)" la57 "the CPU offers LA57 (CPUID leaf 7)"
! grep -q -w la57 /proc/cpuinfo
ok $? "/proc/cpuinfo does not list la57"
is "$(awk '$1 == "PGTABLE_LEVELS" { print $2 }' $d/map)" 4 \
	"a PVH boot runs with 4 levels of page tables"
rmmod layout
ok $? "layout.ko unloads"
