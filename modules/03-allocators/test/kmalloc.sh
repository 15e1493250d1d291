# targets: amd64 i386
# mem: 256M
# kmalloc's buckets, its large path and what "physically contiguous" means.
. /lib/tap.sh
d=/sys/kernel/debug/kmalloc
plan 16

load ./kmalloc.ko
ok $? "kmalloc.ko loads"
ctl() { echo "$*" >$d/ctl; }

ctl sizes 1 8192
cat $d/sizes >/tmp/small
is "$(awk '$2 != $3' /tmp/small)" "" "ksize() equals kmalloc_size_roundup() for 1..8192"
is "$(awk '{ print $2 }' /tmp/small | sort -n -u | tr '\n' ' ')" \
	"8 16 32 64 96 128 192 256 512 1024 2048 4096 8192 " \
	"the buckets: powers of two from 8 to 8k, plus 96 and 192"
# The bucket of a size is the smallest one it fits in.
is "$(awk 'BEGIN { n = split("8 16 32 64 96 128 192 256 512 1024 2048 4096 8192", b, " ") }
	{ for (i = 1; b[i] < $1; i++) ; if (b[i] != $2) print }' /tmp/small | head -n 3)" "" \
	"each size gets the smallest bucket it fits in"
awk '{ print $1, $2 }' /tmp/small >/tmp/small.kernel
./kmalloc -r 1 8192 >/tmp/small.sim
same /tmp/small.sim /tmp/small.kernel "the kmalloc calculator gives ksize()'s bucket for every size 1..8192"
capture sizes-boundaries "awk '\$1 ~ /^(1|8|9|64|65|96|97|128|129|192|193|256|257|4096|4097|8192)\$/' /tmp/small"

# Past KMALLOC_MAX_CACHE_SIZE (8k) kmalloc takes whole pages from the page
# allocator: 2^order pages for the smallest order that fits.
ctl sizes 8193 4194304 262144
cat $d/sizes >/tmp/large
is "$(awk '{ for (p = 4096; p < $1; p *= 2) ; if (p != $2) print }' /tmp/large | head -n 3)" "" \
	"past 8k, ksize() is the size rounded up to a power-of-two number of pages"
for size in $(awk '{ print $1 }' /tmp/large) 4194304 4194305; do
	./kmalloc -r $size $size
done >/tmp/large.sim
ctl sizes 4194304 4194305
cat $d/sizes >/tmp/max
capture sizes-max "cat /tmp/max"
cat /tmp/large /tmp/max | awk '{ print $1, $2 == "fail" ? 0 : $2 }' >/tmp/large.kernel
same /tmp/large.sim /tmp/large.kernel "and past 8k, the calculator's large path takes as many pages as the kernel"
is "$(awk '{ print $2 }' /tmp/max | tr '\n' ' ')" "4194304 fail " \
	"4 MiB (order 10) is the largest kmalloc; a byte more fails"

# A large kmalloc is one block of pages: each page follows the previous one.
ctl contig 16384
capture contig-16k "cat $d/contig"
is "$(awk 'NR > 3 { print $3 }' $d/contig | tr '\n' ' ')" "0x1000 0x1000 0x1000 " \
	"kmalloc(16384): four pages, physically consecutive"
ctl contig 8192
is "$(awk 'NR > 2 { n++ } END { print n }' $d/contig)" 2 \
	"kmalloc(8192) is page aligned: it touches exactly two pages"

fails "Invalid argument" "sizes from 0" ctl sizes 0 10
fails "Invalid argument" "sizes backwards" ctl sizes 10 1
fails "Invalid argument" "too many sizes for one read" ctl sizes 1 100000
fails "Invalid argument" "contig 0" ctl contig 0
fails "Invalid argument" "contig beyond KMALLOC_MAX_SIZE" ctl contig 4194305
rmmod kmalloc
ok $? "kmalloc.ko unloads"
