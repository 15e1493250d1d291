# mem: 256M
# timeout: 30
# Exercise 01.3 in the VM: the module's maps file against what the kernel
# itself prints in /proc/PID/maps and /proc/PID/smaps, its errors, and the
# references and the lock it must give back.  Each description starts with
# the test's id in the manifest, which gives its points.
. /lib/tap.sh
d=/sys/kernel/debug/vmas
plan 9

# waitfor SECONDS COMMAND...: until the command succeeds, or false.
waitfor() {
	n=$(($1 * 10))
	shift
	until "$@"; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.1
	done
}

# victim [-m MIB]: start one, its pid in $victim, once its maps are made.
victim() {
	: >/tmp/victim.out
	./victim "$@" >/tmp/victim.out &
	victim=$!
	waitfor 5 grep -qs ready /tmp/victim.out
}

# readmaps PID: the module's maps of PID in /tmp/maps; fails as the read does.
readmaps() {
	echo "$1" >$d/pid && cat $d/maps >/tmp/maps
}

# errors: what the last read of maps said on stderr, as TAP comments.
errors() {
	sed 's/^/#   /' /tmp/err
}

# The gate page [vsyscall] of amd64 is no VMA of the process: /proc adds it.
nogate() {
	grep -v vsyscall "$@"
}

insmod ./vmas.ko
ok $? "load: vmas.ko loads"

victim
readmaps $victim 2>/tmp/err
awk '{ print $1, $2 }' /tmp/maps >/tmp/got
nogate /proc/$victim/maps | awk '{ print $1, $2 }' >/tmp/want
same /tmp/got /tmp/want "walk: the VMAs and their permissions equal /proc/PID/maps"
errors

# smaps names every flag it knows; keep those the module's table has.
names="rd wr ex sh mr mw me ms gd pf lo io sr rr dc de ac nr ht dd"
awk '{ $2 = ""; print }' /tmp/maps >/tmp/got
nogate /proc/$victim/smaps | awk -v names="$names" '
	BEGIN { split(names, n); for (i in n) known[n[i]] = 1 }
	/^[0-9a-f]+-[0-9a-f]+ / { range = $1 }
	/^VmFlags:/ {
		line = range " "
		for (i = 2; i <= NF; i++)
			if ($i in known)
				line = line " " $i
		print line
	}' >/tmp/want
same /tmp/got /tmp/want "flags: the flag names equal the VmFlags of /proc/PID/smaps"
errors

# The mmap of the victim's SIGUSR1 handler needs the lock for writing.
if readmaps $victim 2>/tmp/err; then
	kill -USR1 $victim
	waitfor 5 grep -qs mapped /tmp/victim.out
	ok $? "unlock: the process can still mmap after its maps were read"
else
	ok 1 "unlock: the process can still mmap after its maps were read"
	errors
fi
kill -9 $victim

# A leaked mm keeps its pages when its process exits.
memfree() {
	awk '$1 == "MemFree:" { print int($2 / 1024) }' /proc/meminfo
}
freed() {
	[ "$(memfree)" -ge $((before - 8)) ]
}
before=$(memfree)
victim -m 32
if readmaps $victim 2>/tmp/err; then
	kill -9 $victim
	waitfor 5 freed
	ok $? "mmput: the 32 MiB of a process come back when it exits"
	echo "#   MemFree: $before MiB before, $(memfree) MiB after"
else
	ok 1 "mmput: the 32 MiB of a process come back when it exits"
	errors
	kill -9 $victim
fi

true &
gone=$!
wait $gone
fails "No such process" "esrch: the pid of a process that has exited" readmaps $gone
fails "Invalid argument" "kthread: kthreadd (pid 2) has no mm" readmaps 2
fails "Invalid argument" "garbage: a pid that is not a number" \
	sh -c "echo banana >$d/pid"

rmmod vmas
ok $? "unload: vmas.ko unloads"
