# targets: amd64
# expect: kernel log: WARNING: CPU: 0 PID:
. /lib/tap.sh
plan 1
load ./selftest_warn.ko
ok $? "the module loads; only the kernel log shows the warning"
