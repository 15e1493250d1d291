# mem: 1G
# timeout: 60
# Exercise 02.3 in the VM: the module's answer for pages whose size the
# test knows, and for places where no page is, its errors, and the pte
# lock it must give back.  1 GiB: the kernel turns transparent huge pages
# off on machines with less than 512 MiB.  Each description starts with the
# test's id in the manifest, which gives its points.
. /lib/tap.sh
d=/sys/kernel/debug/pagesize
plan 13

insmod ./pagesize.ko
ok $? "load: pagesize.ko loads"

spawn /tmp/mapper ./mapper
va() { awk -v n="$1" '$1 == n { print $2 }' /tmp/mapper; }
# ask VA: the module's answer for VA in the mapper, or its error.
ask() { echo "$pid $1" >$d/query && cat $d/query; }

is "$(ask "$(va small)" 2>&1)" 4k "small: a written anonymous page is 4k"
stack=$(awk '$NF == "[stack]" { print $1 }' /proc/$pid/maps | cut -d- -f2)
is "$(ask "$(printf %x $((0x$stack - 4096)))" 2>&1)" 4k \
	"small: the top page of the stack is 4k"
is "$(ask "$(va thp)" 2>&1)" 2m "huge: the first page of a transparent huge page is 2m"
is "$(ask "$(va thp-last)" 2>&1)" 2m "huge: so is its last page"
is "$(ask "$(va untouched)" 2>&1)" none \
	"none: a page never touched has no page (its pte is none)"
# Page 1 lies far below everything the mapper has: no table reaches it.
is "$(ask 1000 2>&1)" none "none: nothing is mapped at 0x1000 (an upper level is none)"

if ask "$(va small)" >/dev/null 2>&1; then
	kill -USR1 $pid
	await touched /tmp/mapper
	ok $? "unlock: the process can still fault on the table after a query"
else
	ok 1 "unlock: the process can still fault on the table after a query"
fi
is "$(ask "$(va untouched)" 2>&1)" 4k "small: once written, the untouched page is 4k"
kill -9 $pid

fails "Invalid argument" "errors: garbage is refused" sh -c "echo banana >$d/query"
true &
gone=$!
wait $gone
fails "No such process" "errors: a pid nobody has" \
	sh -c "echo $gone 1000 >$d/query && cat $d/query"
fails "Invalid argument" "errors: kthreadd (pid 2) has no mm" \
	sh -c "echo 2 1000 >$d/query && cat $d/query"

rmmod pagesize
ok $? "unload: pagesize.ko unloads"
