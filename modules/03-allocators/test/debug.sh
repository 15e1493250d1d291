# targets: amd64 i386
# mem: 256M
# append: slub_debug=FZPU
# Everything again with SLUB's debugging on for every cache: sanity checks
# (F), red zones (Z), poisoning (P) and the owner of every object (U).  Any
# overrun, double free or leak the modules committed would show up in the
# kernel log, which fails the suite.
. /lib/tap.sh
s=/sys/kernel/slab/book_obj
plan 9

for m in pages kmalloc slabcache vmalloc; do load ./$m.ko || break; done
ok $? "the four modules load"
echo "alloc 3" >/sys/kernel/debug/pages/ctl
echo "alloc 0 highuser" >/sys/kernel/debug/pages/ctl
echo "sizes 1 8192" >/sys/kernel/debug/kmalloc/ctl
is "$(wc -l </sys/kernel/debug/kmalloc/sizes)" 8192 "8192 kmallocs and kfrees under slub_debug"
echo "alloc 500" >/sys/kernel/debug/slabcache/ctl
echo "free 250" >/sys/kernel/debug/slabcache/ctl
echo "alloc 4m" >/sys/kernel/debug/vmalloc/ctl
ok $? "vmalloc(4m)"
capture slab-geometry-debug "cd $s && grep . object_size slab_size objs_per_slab order sanity_checks red_zone poison store_user"
for f in sanity_checks red_zone store_user; do
	is "$(cat $s/$f)" 1 "slub_debug=FZPU turns on $f for book_obj"
done
# Red zones and the owner's record need room: each object takes more space.
[ "$(cat $s/slab_size)" -gt 192 ]
ok $? "the debug metadata makes book_obj's slots larger than 192 bytes"
echo 1 >/sys/kernel/slab/book_obj/validate
ok $? "validating every slab of book_obj finds nothing wrong"
for m in vmalloc slabcache kmalloc pages; do rmmod $m || break; done
ok $? "the four modules unload and free everything"
