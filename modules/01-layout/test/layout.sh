# targets: amd64 i386
# mem: 512M
# The layout module on a real kernel: its files, checked against what the
# kernel says elsewhere (/proc/PID/maps, /proc/zoneinfo), and bad input.
. /lib/tap.sh
d=/sys/kernel/debug/layout
plan 12

load ./layout.ko
ok $? "layout.ko loads"
capture map "cat $d/map"
capture zones "cat $d/zones"
capture version "uname -a"
capture buddyinfo "cat /proc/buddyinfo"
capture zoneinfo "grep -E '^Node|^ +(spanned|present|managed) ' /proc/zoneinfo"

# Kernel and module agree on the memory size: the zones' present pages sum
# to the "present" counts in /proc/zoneinfo.
want=$(awk '$1 == "present" { s += $2 } END { print s }' /proc/zoneinfo)
got=$(awk 'NR > 1 { s += $6 } END { print s }' $d/zones)
is "$got" "$want" "zones: present pages match /proc/zoneinfo"

case $(cat /etc/target) in
amd64) arch="-a x86_64" ;;
i386) arch="-a i386 -P" ;;
esac
is "$(./kmap $arch -m "$(arg ram)" | awk '/^TASK_SIZE/, 0')" "$(cat $d/map)" \
	"kmap $arch -m $(arg ram) computes the kernel's map"

# @region vmas-test
sleep 30 &
victim=$!
echo $victim >$d/pid
ok $? "a live pid is accepted"
capture vmas "cat $d/vmas"
capture mm "cat $d/mm"
capture maps "cat /proc/$victim/maps"
# Same VMAs, same order, same bounds and permissions.  A [vsyscall] line
# would be the "gate area", no VMA of the process; Debian's amd64 kernel
# has none (LEGACY_VSYSCALL_NONE) unless booted with vsyscall=xonly.
maps=$(grep -v vsyscall /proc/$victim/maps)
is "$(awk '{ print $1, $2 }' $d/vmas)" "$(echo "$maps" | awk '{ print $1, $2 }')" \
	"vmas: the VMA iterator walk equals /proc/PID/maps"
# vm_pgoff is the file offset in pages for a file mapping, but for an
# anonymous one it holds the virtual page number, which maps shows as 0.
is "$(awk '$NF ~ /^\// { print $1, $3 }' $d/vmas)" \
	"$(echo "$maps" | awk '$NF ~ /^\// { print $1, $3 }')" \
	"vmas: file mappings have the offsets of /proc/PID/maps"
is "$(awk '$1 == "map_count" { print $2 }' $d/mm)" "$(wc -l <$d/vmas)" \
	"mm: map_count equals the number of VMAs"
# @end vmas-test
kill $victim

fails "Invalid argument" "pid: garbage is refused" sh -c "echo banana >$d/pid"
fails "No such process" "pid: a pid nobody has is refused" sh -c "echo 32000 >$d/pid"
fails "out of range" "pid: a 64 KiB number is refused" \
	sh -c "head -c 65536 /dev/zero | tr '\\0' 7 >$d/pid"
echo 2 >$d/pid
fails "Invalid argument" "vmas: a kernel thread has no mm" cat $d/vmas
echo 0 >$d/pid
rmmod layout
ok $? "layout.ko unloads"
