# targets: amd64 i386
# mem: 256M
# timeout: 60
# The VMA simulator against the kernel.  Each script of
# sim/01-layout/test/golden/ runs twice: in the simulator (vma), and with
# the real system calls (vma-replay).  Both must print the golden output,
# which therefore records what Linux 6.1 does, and which the simulator's
# host tests and exercise 01.2 hold their code to.
. /lib/tap.sh
set -- golden/*.vma
plan $(($# * 2))
capture replay-split "./vma-replay -f golden/split.vma"
capture replay-account "./vma-replay -f golden/account.vma"

for script; do
	name=${script%.vma}
	./vma-replay -f "$script" >/tmp/real 2>&1
	same /tmp/real "$name.out" "${name#golden/}: the kernel does what the golden output says"
	./vma -f "$script" >/tmp/sim 2>&1
	same /tmp/sim /tmp/real "${name#golden/}: the simulator does what the kernel does"
done
