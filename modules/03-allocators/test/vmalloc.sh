# targets: amd64 i386
# mem: 256M
# vmalloc: pages gathered one by one, mapped side by side in the vmalloc
# area, with a guard page after them.
. /lib/tap.sh
d=/sys/kernel/debug/vmalloc
plan 9

load ./vmalloc.ko
ok $? "vmalloc.ko loads"
ctl() { echo "$*" >$d/ctl; }

ctl alloc 1m
capture vmalloc-1m "head -n 12 $d/pages"
is "$(awk 'NR > 2 { n++ } END { print n }' $d/pages)" 256 "vmalloc(1m) is 256 pages"
is "$(awk 'NR > 2 { print $3 }' $d/pages | sort -u | wc -l)" 256 \
	"each page has a frame of its own"
# Real addresses in vmallocinfo (%pK) for root, rather than hashed ones.
echo 1 >/proc/sys/kernel/kptr_restrict
addr=$(awk 'NR == 1 { print $3 }' $d/pages)
# /proc/vmallocinfo: "START-END SIZE CALLER pages=N vmalloc ...".
line=$(grep "^$addr-" /proc/vmallocinfo)
capture vmallocinfo-1m "grep '^$addr-' /proc/vmallocinfo"
is "$(echo "$line" | awk '{ print $2 }')" $((1048576 + 4096)) \
	"the area is one page longer than asked: the guard page"
is "$(echo "$line" | grep -o 'pages=[0-9]*')" pages=256 "vmallocinfo counts 256 pages"
ctl free
fails "No data available" "nothing allocated, nothing to show" cat $d/pages
fails "Invalid argument" "alloc 0" ctl alloc 0
fails "Invalid argument" "a size that is not a size" ctl alloc 1q
rmmod vmalloc
ok $? "vmalloc.ko unloads"
