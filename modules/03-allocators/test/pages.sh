# targets: amd64 i386
# mem: 256M 1G
# The page allocator by order and by GFP flags.  At 1G the 686-pae kernel
# has HighMem (everything above its 879 MB of lowmem); at 256M it has none.
. /lib/tap.sh
d=/sys/kernel/debug/pages
plan 16

load ./pages.ko
ok $? "pages.ko loads"
ctl() { echo "$*" >$d/ctl; }
col() { awk -v c="$1" 'NR > 1 { print $c }' $d/held | tr '\n' ' '; }

for order in 0 1 2 3 4 5 6 7 8 9 10; do ctl alloc $order; done
is "$(col 2)" "0 1 2 3 4 5 6 7 8 9 10 " "a block of each order, 0 to 10"
capture held-orders "cat $d/held"
# A block of order n starts at a pfn that is a multiple of 2^n: the buddy
# allocator only ever splits aligned blocks into halves.
bad=
while read -r id order gfp pfn rest; do
	[ "$id" = id ] && continue
	[ $((pfn % (1 << order))) -eq 0 ] || bad="$bad $id"
done <$d/held
is "$bad" "" "every block is aligned to its own size"
ctl free all
is "$(col 1)" "" "free all returns every block"

target=$(cat /etc/target)
if [ "$target" = amd64 ]; then normal=DMA32; else normal=Normal; fi
high=$normal
[ "$target" = i386 ] && [ "$(arg ram)" = 1G ] && high=HighMem
ctl alloc 0 kernel
ctl alloc 0 dma
ctl alloc 0 highuser
capture held-zones "cat $d/held"
is "$(col 6)" "$normal DMA $high " "GFP_KERNEL: $normal, GFP_DMA: DMA, GFP_HIGHUSER: $high"
# Lowmem pages sit in the direct map: virt - phys is the same for all of them.
offsets=$(awk 'NR > 1 && $7 != "-" { print $7, $5 }' $d/held | while read -r v p; do
	printf '%x\n' $((v - p)); done | sort -u | wc -l)
is "$offsets" 1 "lowmem blocks: virt - phys is one constant (the direct map)"
if [ "$high" = HighMem ]; then
	is "$(awk 'NR == 4 { print $7 }' $d/held)" - "a HighMem page has no kernel address"
else
	is "$(awk 'NR == 4 { print ($7 != "-") }' $d/held)" 1 \
		"without HighMem, GFP_HIGHUSER gets a page with a kernel address"
fi
if [ "$target" = amd64 ]; then
	ctl alloc 0 dma32
	is "$(awk 'NR == 5 { print $6 }' $d/held)" DMA32 "GFP_DMA32: DMA32"
else
	fails "Invalid argument" "i386 has no ZONE_DMA32" ctl alloc 0 dma32
fi
ctl free all

fails "Invalid argument" "order 11 is beyond MAX_ORDER - 1" ctl alloc 11
fails "Invalid argument" "an unknown GFP name" ctl alloc 0 atomic
fails "Invalid argument" "garbage" ctl frobnicate
fails "Invalid argument" "a negative order" ctl alloc -1
fails "No such file or directory" "freeing a block not held" ctl free 3
fails "Argument list too long" "a write longer than a command" \
	ctl "alloc 0 $(printf '%0100d' 0)"
i=0
while [ $i -lt 64 ]; do ctl alloc 0 || break; i=$((i + 1)); done
fails "No space left on device" "the 65th block is refused" ctl alloc 0
ctl free all
rmmod pages
ok $? "pages.ko unloads"
