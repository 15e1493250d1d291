# targets: amd64 i386
# The control: a suite that does nothing wrong must pass on both kernels, or
# the failing fixtures beside it would prove nothing.
. /lib/tap.sh
plan 2
is "$(cat /etc/target)" "$(uname -m | sed 's/x86_64/amd64/; s/i686/i386/')" \
	"the VM runs the kernel of its target"
[ -d /sys/kernel/debug/tracing ] || [ -d /sys/kernel/debug/block ]
ok $? "/init mounted debugfs"
