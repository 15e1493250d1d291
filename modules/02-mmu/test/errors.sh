# targets: amd64 i386
# mem: 256M
# Bad input to the walk file: each refusal has its errno, none oopses, and
# a refused write leaves the last good one in place.
. /lib/tap.sh
d=/sys/kernel/debug/mmu
plan 19

load ./mmu.ko
ok $? "mmu.ko loads"
fails "No data available" "a read before any write" cat $d/walk

sleep 60 &
pid=$!
true &
gone=$!
wait $gone
case $(cat /etc/target) in
amd64)
	top=0x00007ffffffff000 kernel=0xffffffff81000000 wild=0x0000800000000000
	;;
i386)
	top=0xc0000000 kernel=0xc1000000 wild=0x100000000
	;;
esac
# put WORDS: write them to the walk file in one write, as echo does.
put() { sh -c "echo '$*' >$d/walk"; }

fails "Invalid argument" "garbage" put banana
fails "Invalid argument" "a pid and no address" put $pid
fails "Invalid argument" "an address that is not hex" put $pid 0x12g4
fails "Invalid argument" "something after the address" put $pid 0x1000 0x2000
fails "Invalid argument" "a negative pid" put -1 0x1000
fails "No such process" "the pid of a process that has exited" put $gone 0x1000
fails "Invalid argument" "kthreadd (pid 2) has no mm" put 2 0x1000
fails "Bad address" "a kernel address ($kernel)" put $pid $kernel
fails "Bad address" "TASK_SIZE ($top), the first address above user space" put $pid $top
fails "out of range" "an address outside the address space ($wild)" put $pid $wild
fails "Message too long" "a 64 KiB write" \
	sh -c "head -c 65536 /dev/zero | tr '\\0' 7 >$d/walk"

below=$(printf 0x%x $((top - 4096)))
put $pid $below
ok $? "the last page below TASK_SIZE is accepted"
put 2 0x1000 2>/dev/null
grep -q "^va 0x0*${below#0x}\$" $d/walk
ok $? "a refused write leaves the last good one"
is "$(sh -c "echo self 0x1000 >$d/walk && echo \$\$ \$(sed -n 's/^pid //p' $d/walk)" |
	awk '{ print ($1 == $2) }')" 1 "self is the writer"
kill $pid
wait $pid
fails "No such process" "a process that exited after the write" cat $d/walk
rmmod mmu
ok $? "mmu.ko unloads"
fails "No such file" "the walk file goes with the module" cat $d/walk
