# targets: i386
# mem: 2G
# append: vmalloc=256M
# vmalloc= moves the end of the direct map: a bigger vmalloc area leaves
# less LOWMEM.  Booted with 2 GiB so that the difference is visible.
. /lib/tap.sh
d=/sys/kernel/debug/layout
plan 4

load ./layout.ko
ok $? "layout.ko loads"
capture map-vmalloc "cat $d/map"
capture boot-vmalloc "dmesg | grep -E 'LOWMEM|HIGHMEM available'"
val() { awk -v k="$1" '$1 == k { print $2 }' $d/map; }
# The kernel reserves vmalloc= bytes plus the 8 MiB VMALLOC_OFFSET hole
# below VMALLOC_END, so vmalloc spans exactly 256 MiB.
is "$(($(val VMALLOC_END) - $(val VMALLOC_START)))" "$((256 << 20))" \
	"vmalloc=256M gives a 256 MiB vmalloc area"
is "$(./kmap -a i386 -P -m "$(arg ram)" -v "$(arg vmalloc)" | awk '/^TASK_SIZE/, 0')" \
	"$(cat $d/map)" "kmap -v $(arg vmalloc) computes the kernel's map"
rmmod layout
ok $? "layout.ko unloads"
