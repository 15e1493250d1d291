# targets: amd64
# timeout: 60
# expect: kernel log: a flood of messages
. /lib/tap.sh
plan 1
load ./selftest_flood.ko
ok 0 "never reached"
