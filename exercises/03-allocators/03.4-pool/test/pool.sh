# mem: 256M
# timeout: 60
# append: slub_debug=FZPU
# Exercise 03.4 in the VM: the pool module's cache, its constructor, its
# objects and its refusals, under slub_debug=FZPU so that SLUB checks
# every object on alloc and free, and reports an overrun of its red zones,
# a double free or a leak at kmem_cache_destroy() in the kernel log (which
# fails the whole run).  Each description starts with the test's id in the
# manifest, which gives its points.
. /lib/tap.sh
d=/sys/kernel/debug/pool
s=/sys/kernel/slab/pool_obj
plan 18

ctl() { echo "$*" >$d/ctl; }
stat() { awk -v k="$1" '$1 == k { print $2 }' $d/stats; }
# sysfs prints "N N0=..." for some counters; the first word is the total.
sys() { read -r v rest <"$s/$1" && echo "$v"; }
# ids: the IDs of the objects file on one line, or why not.
ids() { awk '$2 != "constructed" { print "not constructed: " $0; exit } { printf "%s%s", (NR > 1 ? " " : ""), $1 } END { print "" }' $d/objects; }

insmod ./pool.ko
ok $? "load: pool.ko loads"

[ -d $s ] && [ ! -L $s ]
ok $? "cache: /sys/kernel/slab/pool_obj is a cache of its own, not an alias"
is "$(sys object_size 2>&1)" 128 "cache: its objects are a struct pool_obj, 128 bytes"

is "$(stat live),$(stat ctor_calls)" "0,0" "alloc: no object, no constructor call before the first alloc"
ctl alloc 5
is "$(stat live)" 5 "alloc: alloc 5 makes 5 live objects"
is "$(ids)" "0 1 2 3 4" "alloc: in slots 0 to 4, each with its id, each constructed"

ctl alloc 95
is "$(stat ctor_calls)" "$(sys total_objects 2>&1)" \
	"ctor: one constructor call per object of every slab, not per alloc"
before=$(stat ctor_calls)
ctl free 7 && ctl alloc 1
is "$(stat ctor_calls)" "$before" "ctor: an object freed and allocated again is not constructed again"

ctl free 2 && ctl free 4
is "$(stat live),$(ids | cut -d' ' -f 1-5)" "98,0 1 3 5 6" "free: free 2 and free 4 leave 98 objects, without 2 and 4"
ctl alloc 1
is "$(ids | cut -d' ' -f 1-5)" "0 1 2 3 5" "free: the next alloc takes slot 2 again"

fails "No such file" "limits: freeing an object that was freed already" ctl free 4
fails "No such file" "limits: freeing an object that was never allocated" ctl free 777
fails "No space left" "limits: more than 1024 live objects" ctl alloc 1000
is "$(stat live)" 99 "limits: a refused alloc takes nothing"

live=$(stat live)
fails "Invalid argument" "garbage: a command that is none" ctl alloc lots
fails "Argument list too long" "garbage: a write of 100000 bytes" \
	dd if=/dev/zero of=$d/ctl bs=100000 count=1
is "$(stat live)" "$live" "garbage: the refused writes change nothing"

# SLUB checks every object's red zones and free pointer, then the module
# must give everything back: kmem_cache_destroy() of a cache with objects
# left puts a WARNING in the log, and a cache left over keeps its sysfs
# name, so the next load would fail.
echo 1 >$s/validate
rmmod pool && [ ! -e $s ] && insmod ./pool.ko && [ "$(stat live),$(stat ctor_calls)" = "0,0" ] && rmmod pool
ok $? "unload: pool.ko unloads with 99 live objects, and loads again afresh"
