# targets: amd64 i386
# mem: 256M
# A cache of our own: its geometry in /sys/kernel/slab, its constructor,
# and hardened usercopy's whitelist.
. /lib/tap.sh
d=/sys/kernel/debug/slabcache
s=/sys/kernel/slab/book_obj
plan 12

load ./slabcache.ko
ok $? "slabcache.ko loads"
ctl() { echo "$*" >$d/ctl; }
stat() { awk -v k="$1" '$1 == k { print $2 }' $d/stats; }
# sysfs prints "N N0=..." for some counters; the first word is the total.
sys() { read -r v rest <"$s/$1"; echo "$v"; }

[ -d $s ] && [ ! -L $s ]
ok $? "a cache with a constructor is never merged: /sys/kernel/slab/book_obj is its own"
is "$(stat ctor_calls)" 0 "no constructor call before the first allocation"
ctl alloc 100
capture slab-geometry "cd $s && grep . object_size slab_size objs_per_slab order align"
capture slabinfo "grep -E '^(# name|book_obj )' /proc/slabinfo"
capture slab-aliases "cd /sys/kernel/slab && echo \$(ls | wc -l) names, \$(ls -l | grep -c -- ' -> ') of them links; ls -l | awk '/ -> / { print \$(NF - 2), \$(NF - 1), \$NF }' | head -n 8"
is "$(stat ctor_calls)" "$(sys total_objects)" \
	"the constructor ran once for every object of every slab, not per allocation"
is "$(($(sys slabs) * $(sys objs_per_slab)))" "$(sys total_objects)" \
	"slabs x objects per slab = total objects"
before=$(stat ctor_calls)
ctl free 1
ctl alloc 1
is "$(stat ctor_calls)" "$before" "an object freed and allocated again is not constructed again"
is "$(cat $d/name)" "object 99" "the name field of the newest object reaches user space"
capture slab-stats "cat $d/stats"
ctl free all
fails "No data available" "no object, no name" cat $d/name
fails "No such file or directory" "freeing more than is held" ctl free 1
fails "Invalid argument" "garbage" ctl alloc lots
fails "No space left on device" "more objects than the module will hold" ctl alloc 100000
rmmod slabcache
ok $? "slabcache.ko unloads, and its cache is destroyed without a complaint"
