# targets: amd64 i386
# mem: 256M
# The shape of the page tables of this boot, as the info file gives it,
# held to what must follow from it: each table's entries cover the span of
# one entry of the table above, the top table covers the address space,
# and the kernel's features agree with the flags of /proc/cpuinfo.  Then
# the module goes in and out twenty times.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 12

load ./mmu.ko
ok $? "mmu.ko loads"
capture info "cat $d/info"
val() { awk -v k="$1" '$1 == k { print $2 }' $d/info; }

case $(cat /etc/target) in
amd64)
	is "$(val format) $(val PGTABLE_LEVELS)" "4level 4" \
		"amd64, booted through PVH: 4 levels"
	# The top table spans the canonical range, both halves: 48 bits.
	vbits=$(($(val __VIRTUAL_MASK_SHIFT) + 1))
	;;
i386)
	is "$(val format) $(val PGTABLE_LEVELS)" "pae 3" "686-pae: 3 levels (PAE)"
	vbits=$(val __VIRTUAL_MASK_SHIFT)
	;;
esac
# span LOW HIGH ENTRIES: the entries of one table split the span of an
# entry above (HIGH bits) into pieces of LOW bits; a folded level has one.
span() {
	is "$((1 << ($(val "$2") - $(val "$1"))))" "$(val "$3")" \
		"$3 is 2^($2 - $1)"
}
span PAGE_SHIFT PMD_SHIFT PTRS_PER_PTE
span PMD_SHIFT PUD_SHIFT PTRS_PER_PMD
span PUD_SHIFT P4D_SHIFT PTRS_PER_PUD
span P4D_SHIFT PGDIR_SHIFT PTRS_PER_P4D
is "$((1 << (vbits - $(val PGDIR_SHIFT))))" "$(val PTRS_PER_PGD)" \
	"PTRS_PER_PGD is 2^($vbits - PGDIR_SHIFT): the pgd spans the address space"

cpuflag() { grep -q -w "$1" /proc/cpuinfo && echo yes || echo no; }
is "$(val pti) $(val pcid) $(val nx)" "$(cpuflag pti) $(cpuflag pcid) $(cpuflag nx)" \
	"pti, pcid and nx as /proc/cpuinfo lists them"
capture cpuinfo-flags "grep -m 1 '^flags' /proc/cpuinfo"

rmmod mmu
ok $? "mmu.ko unloads"
i=0
while [ $i -lt 20 ] && insmod ./mmu.ko && cat $d/info >/dev/null && rmmod mmu; do
	i=$((i + 1))
done
is "$i" 20 "mmu.ko loads, answers and unloads 20 times"
! grep -q mmu /proc/modules
ok $? "mmu.ko is gone"
[ ! -e $d ]
ok $? "so is its debugfs directory"
