# targets: amd64 i386
# mem: 256M
# append: slub_debug=FZPU
# timeout: 240
# Load, use and unload the modules 100 times.  Each round leaves 4 MiB of
# pages, 1 MiB of vmalloc and 1000 slab objects behind if an unload forgets
# anything, so a leak shows as megabytes, far above the noise.
. /lib/tap.sh
plan 3

kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
round() {
	for m in pages kmalloc slabcache vmalloc; do load ./$m.ko || return 1; done
	echo "alloc 0" >/sys/kernel/debug/pages/ctl
	echo "alloc 10" >/sys/kernel/debug/pages/ctl
	echo "sizes 1 512" >/sys/kernel/debug/kmalloc/ctl
	cat /sys/kernel/debug/kmalloc/sizes >/dev/null
	echo "alloc 1000" >/sys/kernel/debug/slabcache/ctl
	echo "alloc 1m" >/sys/kernel/debug/vmalloc/ctl
	for m in vmalloc slabcache kmalloc pages; do rmmod $m || return 1; done
}
# One round first, so that what the first load builds once (sysfs nodes,
# caches of dentries) is not counted as growth.
round
sync
echo 3 >/proc/sys/vm/drop_caches
slab0=$(kb Slab) free0=$(kb MemFree)
n=0
while [ $n -lt 100 ] && round; do n=$((n + 1)); done
is "$n" 100 "100 rounds of load, allocate, unload"
sync
echo 3 >/proc/sys/vm/drop_caches
slab1=$(kb Slab) free1=$(kb MemFree)
capture cycles-meminfo "echo Slab: $slab0 kB before, $slab1 kB after; echo MemFree: $free0 kB before, $free1 kB after"
[ $((slab1 - slab0)) -lt 2048 ]
ok $? "slab memory grew by less than 2 MiB ($((slab1 - slab0)) kB)"
[ $((free0 - free1)) -lt 8192 ]
ok $? "free memory shrank by less than 8 MiB ($((free0 - free1)) kB)"
