# targets: amd64 i386
# mem: 256M
# The buddy simulator against the live allocator.  Only free-list counts
# can be compared, not pfns (the kernel's blocks lie where boot and every
# allocation since left them), and only for the orders that bypass the
# per-CPU lists: 4 to 8 and 10 (orders 0-3 and the pageblock order 9 may be
# served from a CPU's cache).  For each of them the simulator gets a zone
# with one free block at every order where the kernel's Unmovable list had
# one, and must predict which block the kernel splits and what it leaves on
# the lists.  When no Unmovable block is big enough, the kernel steals from
# another migrate type, which the simulator does not model: that order is
# skipped, and says so.
. /lib/tap.sh
d=/sys/kernel/debug/pages
plan 8

capture buddyinfo "cat /proc/buddyinfo"
capture pagetypeinfo "cat /proc/pagetypeinfo"
capture watermarks "grep -E '^Node|^ +pages free|^ +(min|low|high) ' /proc/zoneinfo | head -n 10"
capture boot-alloc "dmesg | grep -E 'zonelists|mem auto-init|SLUB:' | cut -c 16-"
load ./pages.ko
ok $? "pages.ko loads"
# delta BEFORE AFTER FROM: after - before, orders FROM..10 (11 counts each).
delta() {
	echo "$1" "$2" | awk -v from="$3" '{ for (o = from; o <= 10; o++) printf "%d ", $(o + 12) - $(o + 1) }'
}
# @region predict
for k in 4 5 6 7 8 10; do
	echo "alloc $k" >$d/ctl
	before=$(awk '$1 == "before" { $1 = ""; print }' $d/last)
	after=$(awk '$1 == "after" { $1 = ""; print }' $d/last)
	[ $k = 4 ] && capture buddy-last "cat $d/last"
	fits=$(echo "$before" | awk -v k=$k '{ f = 0; for (o = k; o <= 10; o++) f += $(o + 1); print f }')
	if [ "$fits" -eq 0 ]; then
		ok 0 "# SKIP order $k: no Unmovable block of order $k or more, the kernel fell back to another migrate type"
		continue
	fi
	# A zone aligned to 2048 pages, of a size with bit o set for every order
	# o that has a free block: boot frees it as exactly one block of each.
	size=$(echo "$before" | awk '{ s = 0; p = 1; for (o = 1; o <= 11; o++) { if ($o > 0) s += p; p *= 2 } print s }')
	sim=$(printf '%s\n' "zone Normal 0x800 $size" show "alloc A $k" show |
		./buddy -f - | awk '$1 == "Node" { $1 = $2 = $3 = $4 = ""; print }')
	want=$(delta "$(echo "$sim" | sed -n 1p)" "$(echo "$sim" | sed -n 2p)" $k)
	is "$(delta "$before" "$after" $k)" "$want" \
		"alloc_pages(GFP_KERNEL, $k): orders $k-10 change as the simulator predicts"
done
# @end predict
echo "free all" >$d/ctl
rmmod pages
ok $? "pages.ko unloads"
