# targets: amd64
# mem: 3G
# qemu: -cpu qemu64,+pdpe1gb
# append: hugepagesz=1G hugepages=1
# A 1 GiB page: a pud whose PSE bit makes it the leaf, two levels above
# the ptes.  The CPU must offer 1 GiB pages (pdpe1gb, which qemu64 lacks),
# and the kernel sets the page aside at boot (hugepages=1), while 1 GiB of
# physical memory is still free and aligned.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 6

load ./mmu.ko
ok $? "mmu.ko loads"
capture hugetlb-pool "grep -H . /sys/kernel/mm/hugepages/hugepages-1048576kB/*_hugepages"
spawn /tmp/pages ./pages huge=0x80000000/1g
va=$(awk '$1 == "huge" { print $2 }' /tmp/pages)
capture walk-1g "echo $pid $va >$d/walk; cat $d/walk"
cat $d/walk >/tmp/huge.walk
is "$(awk '$1 == "pud" || $1 == "page" { print $1, $2 }' /tmp/huge.walk | tr '\n' ' ')" \
	"pud 2 page 1g " "the walk ends at pud 2, on a 1g page"
pa=$(awk '$1 == "pa" { print $2 }' /tmp/huge.walk)
is "$(printf 0x%x $((pa >> 12)))" "$(./pagemap $pid "$va")" \
	"the page's frame is pagemap's"
is "$(printf 0x%x $((pa & ((1 << 30) - 1))))" 0x5000 \
	"the offset in the page is the VA's low 30 bits"
grep -v '^pid ' /tmp/huge.walk >/tmp/huge.want
./walk -f /tmp/huge.walk >/tmp/huge.sim 2>&1
same /tmp/huge.sim /tmp/huge.want "the simulator redoes the module's walk"
kill $pid

rmmod mmu
ok $? "mmu.ko unloads"
