# targets: amd64
# mem: 256M
# qemu: -cpu qemu64,+la57
# kernel: bzimage
# timeout: 120
# Five levels of page tables, for real.  Booted through the bzImage, whose
# decompressor switches the CPU to 5-level paging when it offers LA57 (the
# PVH boot of the other suites skips it and stays with four: see chapter
# 1's la57 suite).  The p4d level is no longer folded, user space reaches
# 2^56, and the simulator must still redo the module's walks.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 8

load ./mmu.ko
ok $? "mmu.ko loads"
capture info-la57 "cat $d/info"
val() { awk -v k="$1" '$1 == k { print $2 }' $d/info; }
is "$(val format) $(val PGTABLE_LEVELS) $(val PTRS_PER_P4D) $(val __VIRTUAL_MASK_SHIFT)" \
	"5level 5 512 56" "5 levels, 512 entries in a p4d table, 57-bit addresses"
grep -q -w la57 /proc/cpuinfo
ok $? "/proc/cpuinfo lists la57"

# 2^55: far above the 128 TiB that four levels give user space.
spawn /tmp/pages ./pages high=0x0080000000000000
va() { awk -v n="$1" '$1 == n { print $2 }' /tmp/pages; }
for page in anon high; do
	capture "walk-la57-$page" "echo $pid $(va $page) >$d/walk; cat $d/walk"
	cat $d/walk >/tmp/$page.walk
	pa=$(awk '$1 == "pa" { print $2 }' /tmp/$page.walk)
	is "$(awk '$1 == "p4d" || $1 == "page" { print $1, $2 }' /tmp/$page.walk | tr '\n' ' ')$(printf 0x%x $((pa >> 12)))" \
		"p4d $(($(va $page) >> 39 & 511)) page 4k $(./pagemap $pid "$(va $page)")" \
		"$page: a walk through the p4d, to a 4k page on pagemap's frame"
	grep -v '^pid ' /tmp/$page.walk >/tmp/$page.want
	./walk -f /tmp/$page.walk >/tmp/$page.sim 2>&1
	same /tmp/$page.sim /tmp/$page.want "$page: the simulator redoes the module's walk"
done
kill $pid

rmmod mmu
ok $? "mmu.ko unloads"
