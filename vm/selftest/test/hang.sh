# targets: amd64
# timeout: 10
# expect: timed out after 10 s
. /lib/tap.sh
plan 1
load ./selftest_hang.ko
ok 0 "never reached"
