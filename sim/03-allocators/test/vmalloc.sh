# The vmalloc area simulator: placement worked out by hand (a guard page
# after each area, the free block at the lowest address first), failures
# when the area is full or in pieces, lazy freeing, scattered page frames,
# made-up problems and refusals of bad input.
. sim/lib/tap.sh
plan 39

V=$SIM/vmalloc

# run LINE...: the lines as a script; its output in $T/out
run() {
	printf '%s\n' "$@" >"$T/in"
	# shellcheck disable=SC2086 # the options, one word each
	"$V" $opts -f "$T/in" >"$T/out" 2>"$T/err"
}
# line PREFIX: the first line of $T/out that starts with PREFIX
line() {
	grep -m1 "^$1" "$T/out"
}
# at NAME: the address that "vmalloc NAME" returned
at() {
	line "vmalloc $1 " | sed "s/.* -> \([^ ]*\).*/\1/"
}
opts=

# 686-pae, 256 MiB (the book's VM): lowmem ends at 0xd0000000, and the
# area starts 8 MiB above it, as chapter 1 derived (kmap -P -m 256M).
run 'vmalloc a 4k' 'vmalloc b 1' 'show'
is "$(at a)" 0xd0800000 \
	"the first area starts at VMALLOC_START 0xd0800000"
is "$(at b)" 0xd0802000 \
	"one page and its guard page later comes the next area"
is "$(line 'vmalloc b' | sed 's/.*pfns //' | wc -w)" 1 "vmalloc(1) is backed by one page"
is "$(sed -n '/^show/,$p' "$T/out" | sed 1d)" \
"0xd0800000-0xd0802000    8192 a pages=1 vmalloc
0xd0802000-0xd0804000    8192 b pages=1 vmalloc" \
	"show prints /proc/vmallocinfo: the size counts the guard page"

run 'vmalloc a 4k noguard' 'vmalloc b 5000' show
is "$(at b)" 0xd0801000 \
	"VM_NO_GUARD: the next area follows without a hole"
is "$(line 0xd0801000)" "0xd0801000-0xd0804000   12288 b pages=2 vmalloc" \
	"5000 bytes take two pages and a guard page"

# First fit, worked out by hand: a=[0,3) b=[3,5) c=[5,10) in pages from
# the start; freeing a leaves a hole of 3 pages at the bottom.  d needs
# 2 pages: the hole, at 0.  e needs 3: 1 page is left in the hole, so e
# goes above c, at 10.  f needs 2: the page at 2 is too small, so 13.
run 'vmalloc a 8k' 'vmalloc b 4k' 'vmalloc c 16k' 'vfree a' \
	'vmalloc d 4k' 'vmalloc e 8k' 'vmalloc f 1' 'vmalloc g 1' show
is "$(at d)" 0xd0800000 "first fit: d goes into a's hole"
is "$(at e)" 0xd080a000 "first fit: e does not fit what is left of the hole"
is "$(at f)" 0xd080d000 "first fit: nor does f (2 pages with its guard)"
is "$(sed -n '/^show/,$p' "$T/out" | sed 1d | cut -c1-21 | tr '\n' ' ')" \
	"0xd0800000-0xd0802000 0xd0803000-0xd0805000 0xd0805000-0xd080a000 0xd080a000-0xd080d000 0xd080d000-0xd080f000 0xd080f000-0xd0811000 " \
	"show lists the areas in address order"

# Exhaustion and fragmentation in a range of 8 pages.
run 'range 0x10000000 0x10008000' 'vmalloc a 16k' 'vmalloc b 16k'
is "$(line 'vmalloc b')" "vmalloc b 16k -> NULL: vmap allocation for size 20480 failed" \
	"an area larger than what is left fails, with the kernel's warning"
run 'range 0x10000000 0x10008000' 'vmalloc a 4k' 'vmalloc b 4k' \
	'vmalloc c 4k' 'vmalloc d 4k' 'vfree a' 'vfree c' 'vmalloc e 8k' \
	'vmalloc f 4k' 'vmalloc g 4k'
is "$(line 'vmalloc e')" "vmalloc e 8k -> NULL: vmap allocation for size 12288 failed" \
	"4 free pages in two holes of 2 cannot hold 3"
is "$(at f) $(at g)" \
	"0x10000000 0x10004000" "each hole still holds a 1-page area"
run 'range 0x10000000 0x10008000' 'vmalloc a 32k'
is "$(at a)" NULL: "the guard page counts: 8 pages and a guard do not fit in 8"
run 'range 0x10000000 0x10008000' 'vmalloc a 32k noguard'
is "$(at a)" 0x10000000 "without the guard, 8 pages fit in 8"

# -l: vfree() leaves the range on the purge list until it is purged, or
# until an allocation finds no room.
opts=-l
run 'range 0x10000000 0x10006000' 'vmalloc a 4k' 'vmalloc b 4k' 'vfree a' \
	'vmalloc c 4k' show 'vmalloc d 4k' show
is "$(at c)" 0x10004000 \
	"lazy: a's range is not free yet, c goes above b"
is "$(sed -n '/^show/,/^vmalloc d/p' "$T/out" | grep unpurged)" \
	"0x10000000-0x10002000    8192 unpurged vm_area" \
	"show lists the range that waits as an unpurged vm_area"
is "$(at d)" 0x10000000 \
	"when nothing fits, the purge gives a's range back and d gets it"
is "$(sed -n '/^vmalloc d/,$p' "$T/out" | grep -c unpurged)" 0 "and nothing is left unpurged"
run 'range 0x10000000 0x10008000' 'vmalloc a 4k' 'vmalloc b 4k' \
	'vmalloc c 4k' 'vfree a' 'vfree b' show purge 'vmalloc d 8k'
is "$(grep unpurged "$T/out")" "0x10000000-0x10004000   16384 unpurged vm_area" \
	"neighbours on the purge list merge"
is "$(at d)" 0x10000000 "purge frees them at once"
opts=

# The frames behind an area: one per page, all different, not in a row.
run 'vmalloc a 64k'
# shellcheck disable=SC2046 # the pfns, one word each
set -- $(line 'vmalloc a' | sed 's/.*pfns //')
is "$#" 16 "64k is backed by 16 page frames"
is "$(printf '%s\n' "$@" | sort -u | wc -l)" 16 "no frame backs two pages"
contiguous=0
prev=
for p; do
	[ -n "$prev" ] && [ $((p)) -eq $((prev + 1)) ] && contiguous=$((contiguous + 1))
	prev=$p
done
[ "$contiguous" -lt 15 ]
ok $? "contiguous in virtual memory, not in physical memory"

opts="-a x86_64"
run 'vmalloc a 4k'
is "$(at a)" 0xffffc90000000000 \
	"x86_64: VMALLOC_START 0xffffc90000000000 (4 levels, no KASLR)"
opts=

"$V" -s 5 >"$T/a"
"$V" -s 5 >"$T/b"
same "$T/a" "$T/b" "-s 5 makes up the same problem twice"
# The answer of -c is what running the problem as a script prints.
"$V" -s 5 | "$V" -f - >"$T/b"
"$V" -s 5 -c | tail -n "$(wc -l <"$T/b")" >"$T/a"
same "$T/a" "$T/b" "-s 5 -c answers with what -f prints for the problem"

printf 'vmalloc a 0\n' >"$T/bad"
rejects "vmalloc(0)" "a size of 0" "$V" -f "$T/bad"
printf 'vmalloc a 1t\n' >"$T/bad"
rejects "more than the RAM" "a size larger than the RAM" "$V" -f "$T/bad"
printf 'vmalloc a 4k\nvfree b\n' >"$T/bad"
rejects "no area of that name" "vfree of a name never allocated" "$V" -f "$T/bad"
printf 'vmalloc a 4k\nvfree a\nvfree a\n' >"$T/bad"
rejects "double free" "vfree twice" "$V" -f "$T/bad"
printf 'vmalloc a 4k\nvmalloc a 4k\n' >"$T/bad"
rejects "in use" "a name in use" "$V" -f "$T/bad"
printf 'vmalloc a 4k\nrange 0x10000000 0x10008000\n' >"$T/bad"
rejects "range must come first" "range after an allocation" "$V" -f "$T/bad"
printf 'range 0x10000800 0x10008000\n' >"$T/bad"
rejects "not page aligned" "a range not page aligned" "$V" -f "$T/bad"
printf 'vmalloc a 4q\n' >"$T/bad"
rejects "bad size '4q'" "a size that is not a size" "$V" -f "$T/bad"
printf 'vmallocate a 4k\n' >"$T/bad"
rejects "unknown operation 'vmallocate'" "an unknown operation" "$V" -f "$T/bad"
rejects "No such file" "a missing script" "$V" -f "$T/missing"
rejects "-c goes with -s" "-c without -s" "$V" -c -f "$T/bad"
rejects "give i386 or x86_64" "an unknown architecture" "$V" -a arm -s 1
