# targets: i386
# mem: 256M 896M 2G 3G
# The 686-pae kernel at four memory sizes: where the direct map ends
# (high_memory), what the boot log says about LOWMEM and HIGHMEM, and the
# zones that follow from it, all three of which must agree; and the
# calculator of sim/01-layout must have worked out the same numbers.
. /lib/tap.sh
d=/sys/kernel/debug/layout
plan 9

load ./layout.ko
ok $? "layout.ko loads"
capture map "cat $d/map"
capture zones "cat $d/zones"
capture zoneinfo "grep -E '^Node|^ +(spanned|present|managed) ' /proc/zoneinfo"
capture buddyinfo "cat /proc/buddyinfo"
capture boot "dmesg | grep -E 'LOWMEM|HIGHMEM available|Zone ranges|  (DMA|Normal|HighMem) '"

val() { awk -v k="$1" '$1 == k { print $2 }' $d/map; }
zone() { awk -v z="$1" -v c="$2" '$2 == z { print $c }' $d/zones; }
max_low_pfn=$(($(val max_low_pfn)))

# mm/highmem setup prints pages2mb(max_low_pfn): pages >> (20 - PAGE_SHIFT).
is "$(dmesg | sed -n 's/.*] \([0-9]*\)MB LOWMEM available./\1/p')" \
	"$((max_low_pfn >> 8))" "boot log LOWMEM equals max_low_pfn from high_memory"

# ZONE_NORMAL ends where the direct map ends; ZONE_HIGHMEM holds the rest.
is "$(($(zone Normal 4)))" "$max_low_pfn" "ZONE_NORMAL ends at max_low_pfn"
highmem=$(($(zone HighMem 6)))
is "$(dmesg | sed -n 's/.*] \([0-9]*\)MB HIGHMEM available./\1/p')" \
	"$((highmem >> 8))" "boot log HIGHMEM equals the HighMem zone's pages"

# An 8 MiB hole between the direct map and vmalloc catches overruns.
is "$(($(val VMALLOC_START) - $(val high_memory)))" "$((8 << 20))" \
	"VMALLOC_START is high_memory + VMALLOC_OFFSET (8 MiB)"
# @region kmap-test
mem=$(arg ram)
./kmap -a i386 -P -m "$mem" >/tmp/kmap
kmap_zones() { awk '/^node/, /^$/ { if (NF) print $1, $2, $3, $4, $5, $6 }' "$@"; }
is "$(awk '/^TASK_SIZE/, 0' /tmp/kmap)" "$(cat $d/map)" \
	"kmap -a i386 -P -m $mem computes the kernel's map"
is "$(kmap_zones /tmp/kmap)" "$(kmap_zones $d/zones)" \
	"kmap -a i386 -P -m $mem computes the zones' spans"
is "$(grep available /tmp/kmap)" \
	"$(dmesg | sed -n 's/.*] \([0-9]*MB [A-Z]* available\.\)/\1/p')" \
	"kmap -a i386 -P -m $mem prints the boot log's LOWMEM and HIGHMEM"
# @end kmap-test
rmmod layout
ok $? "layout.ko unloads"
