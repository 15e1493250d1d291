# The SLUB simulator: slab sizes worked out by hand from calculate_order(),
# constructors per slab, the per-CPU fast path and the slow path, the
# moves between full, partial and freed, merging, made-up problems and
# refusals of bad input.
. sim/lib/tap.sh
plan 66

S=$SIM/slab

# run LINE...: the lines as a script; its output in $T/out
run() {
	printf '%s\n' "$@" >"$T/in"
	# shellcheck disable=SC2086 # the options, one word each
	"$S" $opts -f "$T/in" >"$T/out" 2>"$T/err"
}
# geometry CACHE: "size S order O objects N" from the cache's line
geometry() {
	grep "^cache $1:" "$T/out" |
		sed 's/.* size \([0-9]*\) .* order \([0-9]*\) objects \([0-9]*\).*/size \1 order \2 objects \3/'
}
# got OBJECT: the address and what kmem_cache_alloc() did for it
got() {
	grep "^alloc [^ ]* $1 " "$T/out" | sed 's/.* -> //'
}
# freed OBJECT: what kmem_cache_free() did
freed() {
	grep "^free $1 " "$T/out" | sed 's/.* -> //'
}
# sysfs CACHE FIELD: a counter of the cache's /sys/kernel/slab line
sysfs() {
	grep -A1 "^/sys/kernel/slab/$1:" "$T/out" | tail -n 2 | tr "\n" " " |
		sed "s/.* $2 \([0-9]*\).*/\1/"
}
opts=-N

# One CPU: slub_min_objects = 4 * (fls(1) + 1) = 8.  The smallest order
# that holds 8 objects and wastes at most 1/16 of the slab:
#   8 B: 8 * 8 fits in a page, 4096 % 8 = 0           -> order 0, 512
#   192: 8 * 192 = 1536 fits, 4096 % 192 = 64 <= 256   -> order 0, 21
#   1024: 8 KiB needs order 1, 8192 % 1024 = 0          -> order 1, 8
#   700 -> 704: 5632 B needs order 1, 8192 % 704 = 448 <= 512 -> 11
#   1500 -> 1504: order 2 wastes 1344 > 1024; order 3: 1184 <= 2048 -> 21
#   8192: at most 4 fit in order 3 (slub_max_order), so 4  -> order 3, 4
run 'cache a 8' 'cache b 192' 'cache c 1024' 'cache d 700' 'cache e 1500' \
	'cache f 8192'
is "$(geometry a)" "size 8 order 0 objects 512" "8-byte objects: 512 in a page"
is "$(geometry b)" "size 192 order 0 objects 21" "192: 21 in a page"
is "$(geometry c)" "size 1024 order 1 objects 8" "1024: order 1 for 8 objects"
is "$(geometry d)" "size 704 order 1 objects 11" "700 rounds up to 704: 11 in order 1"
is "$(geometry e)" "size 1504 order 3 objects 21" "1504: order 2 wastes too much, order 3"
is "$(geometry f)" "size 8192 order 3 objects 4" "8192: 4 in order 3"
# Two CPUs: slub_min_objects 12, and 512-byte objects need order 1.
run 'cpus 2' 'cache a 512'
is "$(geometry a)" "size 512 order 1 objects 16" "2 CPUs: 512 needs order 1 for 12 objects"
run 'cache a 512'
is "$(geometry a)" "size 512 order 0 objects 8" "1 CPU: 512 fits order 0"

# The free pointer: in the middle of the object, aligned down to a
# pointer; after the object when a constructor must keep it intact.
run 'cache a 60' 'cache b 60 ctor'
is "$(grep '^cache a:' "$T/out" | sed 's/.*offset \([0-9]*\).*/\1/')" 24 \
	"no ctor: the free pointer at 60 / 2 aligned down to 8, 24"
is "$(geometry b)" "size 72 order 0 objects 56" "ctor: 64 + an 8-byte free pointer"
# i386: pointers of 4 bytes, but objects still aligned to 8
# (ARCH_SLAB_MINALIGN is __alignof__(unsigned long long))
opts="-N -a i386"
run 'cache a 20 ctor'
is "$(geometry a)" "size 24 order 0 objects 170" "i386: 20 + a 4-byte pointer is 24"
opts=-N
run 'cache a 20 ctor'
is "$(geometry a)" "size 32 order 0 objects 128" "x86_64: 24 + an 8-byte pointer is 32"
run 'cache a 32 hwcache' 'cache b 100 hwcache'
is "$(grep '^cache a:' "$T/out" | sed 's/.*align \([0-9]*\).*/\1/')" 32 \
	"SLAB_HWCACHE_ALIGN: a 32-byte object shares a 64-byte line"
is "$(geometry b)" "size 128 order 0 objects 32" "SLAB_HWCACHE_ALIGN: 100 takes two lines"

# Constructors run for each object of a new slab, not on each allocation.
run 'cache c 1016 ctor' 'alloc c x1' 'alloc c x2' 'alloc c x3' 'alloc c x4' \
	'alloc c x5' 'alloc c x6' 'alloc c x7' 'alloc c x8' 'alloc c x9' \
	'free x1' 'alloc c x10' show
is "$(geometry c)" "size 1024 order 1 objects 8" "1016 and a free pointer: 8 objects of 1024"
is "$(sysfs c ctor_calls)" 16 "10 allocations from 2 slabs of 8: 16 ctor calls"
is "$(got x1 | sed 's/^[^ ]* //')" "slow: new slab 0x1000, order 1, 8 ctor calls" \
	"the first allocation makes a slab and constructs its objects"
is "$(got x2 | sed 's/^[^ ]* //')" fast "the second comes off the CPU's freelist"

# Fast and slow paths, and last in, first out.
run 'cpus 2' 'cache c 256' 'alloc c a' 'alloc c b' 'alloc c d cpu 1' \
	'free b' 'alloc c e' 'free a cpu 1' 'alloc c f cpu 1' show
is "$(got a | cut -d' ' -f2-)" "slow: new slab 0x1000, order 0" "cpu 0's first object: a new slab"
is "$(got d | cut -d' ' -f2-)" "slow: new slab 0x1001, order 0" "cpu 1 gets a slab of its own"
is "$(freed b)" "fast: slab 0x1000 inuse 16/16, cpu 0's slab" \
	"a free to the CPU's own slab takes the fast path"
is "$(got e | cut -d' ' -f1)" "$(got b | cut -d' ' -f1)" \
	"the object freed last is handed out first"
is "$(freed a)" "slow: slab 0x1000 inuse 15/16, cpu 0's slab" \
	"a free to another CPU's slab takes the slow path, the slab stays frozen"
is "$(got f | sed 's/^[^ ]* //')" fast "cpu 1 still allocates from its own slab"
is "$(sysfs c alloc_fastpath)/$(sysfs c alloc_slowpath)/$(sysfs c free_fastpath)/$(sysfs c free_slowpath)" \
	"3/2/1/1" "the fast and slow path counters: 3 allocations fast, 2 slow"
is "$(sysfs c cpu_slabs)" 2 "two CPUs, two CPU slabs"

# Objects freed to a CPU's slab by another CPU come back when the CPU's
# freelist runs dry: on 2 CPUs a slab of 1024-byte objects has order 2
# and 16 of them (12 wanted, 16384 % 1024 = 0).
{
	echo 'cpus 2'
	echo 'cache c 1024'
	i=0
	while [ $i -lt 16 ]; do
		echo "alloc c a$i"
		i=$((i + 1))
	done
	echo 'free a3 cpu 1'
	echo 'alloc c a16'
} >"$T/in"
"$S" $opts -f "$T/in" >"$T/out"
is "$(geometry c)" "size 1024 order 2 objects 16" "2 CPUs: 16 objects of 1024 in order 2"
is "$(got a16)" "$(got a3 | cut -d' ' -f1) slow: objects freed to slab 0x1000 by others" \
	"a dry freelist takes back what other CPUs freed to the slab"

# Full -> partial on a free; partial -> freed to the buddy when empty and
# the node has min_partial partial slabs; kept empty when it has fewer.
run 'cache c 1024 min_partial 0' 'alloc c a0' 'alloc c a1' 'alloc c a2' \
	'alloc c a3' 'alloc c a4' 'alloc c a5' 'alloc c a6' 'alloc c a7' \
	'alloc c b0' 'free a0' 'free a1' show 'free a2' 'free a3' 'free a4' \
	'free a5' 'free a6' 'free a7' show
is "$(freed a0)" "slow: slab 0x1000 inuse 7/8, partial" \
	"the first free to a full slab puts it on the partial list"
is "$(freed a1)" "slow: slab 0x1000 inuse 6/8, partial" "and it stays there"
is "$(sysfs c partial | head -n 1)" 0 "at the end, no partial slab"
is "$(grep '^/sys/kernel/slab/c:' "$T/out" | head -n 1 | sed 's/.* partial \([0-9]*\) .* objects_partial \([0-9]*\) .*/\1 \2/')" \
	"1 6" "in the middle, one partial slab with 6 objects in use"
is "$(freed a7)" "slow: slab 0x1000 empty: freed to the buddy allocator" \
	"min_partial 0: the empty slab goes back to the buddy allocator"
is "$(grep '^c ' "$T/out" | tail -n 1 | tr -s ' ' | cut -d' ' -f2-6)" \
	"8 8 1024 8 2" "slabinfo: one slab of 2 pages, its 8 objects active"
run 'cache c 1024' 'alloc c a0' 'alloc c a1' 'alloc c a2' 'alloc c a3' \
	'alloc c a4' 'alloc c a5' 'alloc c a6' 'alloc c a7' 'alloc c b0' \
	'free a0' 'free a1' 'free a2' 'free a3' 'free a4' 'free a5' \
	'free a6' 'free a7' show
is "$(freed a7)" "slow: slab 0x1000 inuse 0/8, partial" \
	"min_partial 5: the empty slab stays, for the next allocations"
is "$(grep '^c ' "$T/out" | tr -s ' ' | cut -d' ' -f2-3)" "8 16" \
	"slabinfo counts the free objects of partial slabs only as inactive"

# Merging: no ctor, a size that fits with less than a pointer to spare,
# the same SLAB_ACCOUNT; -N (slab_nomerge) turns it off.
opts=
run 'cache m1 60' 'cache m2 64' 'cache m3 56' 'cache m4 64 ctor' \
	'cache m5 64 account' 'cache m6 50 align 64' 'alloc m2 x' show
is "$(grep '^cache m2' "$T/out")" "cache m2: merged into m1 (size 64)" \
	"a 64-byte cache merges into the 64-byte slots of a 60-byte one"
is "$(grep -c '^cache m3: object_size' "$T/out")" 1 "56 does not: 8 bytes to spare"
is "$(grep -c '^cache m4: object_size' "$T/out")" 1 "a cache with a constructor never merges"
is "$(grep -c '^cache m5: object_size' "$T/out")" 1 "SLAB_ACCOUNT merges only with SLAB_ACCOUNT"
is "$(grep '^cache m6' "$T/out")" "cache m6: merged into m1 (size 64)" \
	"aligned to 64, 50 fills the same 64 bytes"
is "$(sysfs m1 aliases) $(sysfs m1 slabs)" "2 1" "m2 and m6 are aliases of m1, whose slab served m2"
opts=-N
run 'cache m1 60' 'cache m2 64'
is "$(grep -c 'merged' "$T/out")" 0 "-N: no merging"

# flush: the CPU's slab, with what is left on the CPU's freelist, goes to
# the head of the partial list (nobody else freed to it).  shrink: flush,
# free the empty partial slabs, and put the fullest partial slabs first.
opts=-N
{
	echo 'cache c 1024'
	for x in a b; do
		i=0
		while [ $i -lt 8 ]; do
			echo "alloc c $x$i"
			i=$((i + 1))
		done
	done
	printf '%s\n' 'alloc c c0' 'free a0' 'free a1' 'free a2' 'free a3' \
		'free a4' 'free b0' 'shrink c' 'alloc c x' 'flush c' \
		'alloc c y' show
} >"$T/in"
# shellcheck disable=SC2086 # the options, one word each
"$S" $opts -f "$T/in" >"$T/out"
is "$(grep '^shrink' "$T/out")" "shrink c -> 0 empty slabs freed" "shrink: no slab is empty"
is "$(got x | cut -d' ' -f2-)" "slow: partial slab 0x1002" \
	"after shrink the slab with 1 free object comes first, then 5, then 7"
is "$(grep '^flush' "$T/out")" "flush c cpu 0 -> slab 0x1002 inuse 8/8, full" \
	"flush of a slab with nothing left to give: it is full, on no list"
is "$(got y | cut -d' ' -f2-)" "slow: partial slab 0x1000" "then the slab with 5 free"
run 'cache c 1024' 'alloc c a' 'free a' 'flush c' 'shrink c' show
is "$(grep '^flush' "$T/out")" "flush c cpu 0 -> slab 0x1000 inuse 0/8, partial" \
	"a flushed empty slab stays while the node has fewer than min_partial"
is "$(grep '^shrink' "$T/out") $(sysfs c slabs)" "shrink c -> 1 empty slabs freed 0" \
	"shrink frees it"

"$S" -s 5 >"$T/a"
"$S" -s 5 >"$T/b"
same "$T/a" "$T/b" "-s 5 makes up the same problem twice"
"$S" -s 5 | "$S" -f - >"$T/b"
"$S" -s 5 -c | tail -n "$(wc -l <"$T/b")" >"$T/a"
same "$T/a" "$T/b" "-s 5 -c answers with what -f prints for the problem"

printf 'cache c 64\nalloc d x\n' >"$T/bad"
rejects "no cache 'd'" "an unknown cache" "$S" -f "$T/bad"
printf 'cache c 64\nalloc c x\nfree x\nfree x\n' >"$T/bad"
rejects "double free" "a double free" "$S" -f "$T/bad"
printf 'cache c 64\nalloc c x\nfree y\n' >"$T/bad"
rejects "never allocated" "a free of an object never allocated" "$S" -f "$T/bad"
printf 'cache c 0\n' >"$T/bad"
rejects "size 0" "a size of 0" "$S" -f "$T/bad"
printf 'cache c 5m\n' >"$T/bad"
rejects "KMALLOC_MAX_SIZE" "a size above 4 MiB" "$S" -f "$T/bad"
printf 'cache c 64 align 48\n' >"$T/bad"
rejects "power of two" "an alignment that is no power of two" "$S" -f "$T/bad"
printf 'cache c 64\ncache c 64\n' >"$T/bad"
rejects "exists already" "a cache made twice" "$S" -f "$T/bad"
printf 'cache c 64\nalloc c x\nalloc c x\n' >"$T/bad"
rejects "allocated already" "an object name in use" "$S" -f "$T/bad"
printf 'cpus 2\ncache c 64\nalloc c x cpu 2\n' >"$T/bad"
rejects "cpu 2: there are 2" "a CPU that does not exist" "$S" -f "$T/bad"
printf 'cache c 64\ncpus 2\n' >"$T/bad"
rejects "cpus must come first" "cpus after a cache" "$S" -f "$T/bad"
printf 'cache c 64 frobnicate\n' >"$T/bad"
rejects "unknown word 'frobnicate'" "an unknown cache flag" "$S" -f "$T/bad"
printf '\001\002garbage\n' >"$T/bad"
rejects "unknown operation" "garbage" "$S" -f "$T/bad"
rejects "No such file" "a missing script" "$S" -f "$T/missing"
rejects "-c goes with -s" "-c without -s" "$S" -c -f "$T/bad"
rejects "unknown option" "an unknown option" "$S" -x
