# targets: amd64
# timeout: 60
# expect: kernel log: watchdog: BUG: soft lockup
. /lib/tap.sh
plan 1
load ./selftest_lockup.ko
ok 0 "never reached"
