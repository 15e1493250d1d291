# targets: amd64 i386
# mem: 1G
# The module's walk against /proc/PID/pagemap, the kernel's own answer to
# "which page frame is behind this virtual page": for each page of the
# pages process, both must name the same frame, or both say there is none.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 12

load ./mmu.ko
ok $? "mmu.ko loads"
spawn /tmp/pages ./pages
capture pages "cat /tmp/pages"
capture pages-maps "cat /proc/$pid/maps"
va() { awk -v n="$1" '$1 == n { print $2 }' /tmp/pages; }

# @region ended
# ended NAME: how the module's walk of page NAME ends: "SIZE PFN" for a
# page of SIZE (4k, 2m) whose pa is in frame PFN, or "stop LEVEL".
ended() {
	echo "$pid $(va "$1")" >$d/walk && cat $d/walk >"/tmp/$1.walk" ||
		return
	awk '$1 == "stop" { print "stop", $2 }' "/tmp/$1.walk"
	pa=$(awk '$1 == "pa" { print $2 }' "/tmp/$1.walk")
	[ -n "$pa" ] &&
		echo "$(awk '$1 == "page" { print $2 }' "/tmp/$1.walk") $(printf '0x%x' $((pa >> 12)))"
}
# flags NAME: the flags of the pte in the walk of page NAME.
flags() { sed -n 's/^pte [^ ]* [^ ]* [^ ]* //p' "/tmp/$1.walk"; }
# frame NAME: pagemap's answer for page NAME, a pfn or "none".
frame() { ./pagemap "$pid" "$(va "$1")"; }

is "$(ended anon)" "4k $(frame anon)" \
	"a written anonymous page: the walk ends in a pte, on pagemap's frame"
# @end ended
# 6.1's vm_get_page_prot() (arch/x86/mm/pgprot.c) builds a VMA's page
# protection in an unsigned long, which on x86-32 has no bit 63: the
# 686-pae kernel runs with NX, yet leaves it out of these user entries.
case $(cat /etc/target) in
amd64) nx=" nx" ;;
i386) nx= ;;
esac
is "$(flags anon)" "present rw user accessed dirty$nx" \
	"the written page's pte: present, writable, user, accessed, dirty${nx:+, no-execute}"
is "$(ended untouched) $(frame untouched)" "stop pte none" \
	"an untouched page: its pte is not present, and pagemap has no frame"
is "$(ended ro)" "4k $(frame ro)" "a read-only anonymous page that was read"
is "$(flags ro)" "present user accessed$nx" \
	"its pte: present, user, accessed${nx:+, no-execute}, but neither writable nor dirty"
is "$(ended file)" "4k $(frame file)" "a page of a file that was read"
is "$(ended stack)" "4k $(frame stack)" "a page of the stack"
is "$(ended heap)" "4k $(frame heap)" "a page of the heap"
# THP is off on machines with less than 512 MiB: hence the VM's 1 GiB.
is "$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled)" \
	always "transparent huge pages are enabled, always"
is "$(ended thp)" "2m $(frame thp)" \
	"a page of a transparent huge page: the walk ends in a pmd, on pagemap's frame"
for page in anon ro; do
	capture "walk-$page" "echo $pid $(va $page) >$d/walk; cat $d/walk"
	capture "pagemap-$page" "./pagemap $pid $(va $page)"
done
kill $pid

rmmod mmu
ok $? "mmu.ko unloads"
