# targets: amd64 i386
# mem: 1G
# The walker simulator against the MMU's real tables.  The module walks
# pages of a live process; the simulator (sim/02-mmu/walk.c) is given only
# the raw entries of that walk as memory, starts again from cr3, and must
# find the same entries, the same page and the same physical address.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 7

load ./mmu.ko
ok $? "mmu.ko loads"
spawn /tmp/pages ./pages
va() { awk -v n="$1" '$1 == n { print $2 }' /tmp/pages; }

# @region sim-test
for page in stack heap thp untouched file; do
	capture "walk-$page" "echo $pid $(va $page) >$d/walk; cat $d/walk"
	cat $d/walk >/tmp/$page.walk
	grep -v '^pid ' /tmp/$page.walk >/tmp/$page.want
	./walk -f /tmp/$page.walk >/tmp/$page.sim 2>&1
	same /tmp/$page.sim /tmp/$page.want \
		"$page: the simulator redoes the module's walk"
done
capture sim-thp "./walk -f /tmp/thp.walk"
# @end sim-test
kill $pid

rmmod mmu
ok $? "mmu.ko unloads"
