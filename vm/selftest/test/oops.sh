# targets: amd64
# expect: kernel log: BUG: kernel NULL pointer dereference
. /lib/tap.sh
plan 1
load ./selftest_oops.ko
ok 0 "the suite itself goes on after the oops"
