# Helpers for the test suites that run inside the VM (busybox sh).  A suite
# prints TAP on stdout; transcripts for the book go to fd 3, which /init
# points at a serial port of their own so they never mix with the TAP.

_n=0

plan() { echo "1..$1"; }

# ok STATUS DESCRIPTION: STATUS 0 passes, as a shell exit status would.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
	fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   got:  '$1'"
		echo "#   want: '$2'"
	fi
}

# same GOT-FILE WANT-FILE DESCRIPTION: the files are equal, byte for byte;
# when not, the first lines of the difference follow as TAP comments.
same() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$2" "$1" | head -n 30 | sed 's/^/#   /'
	fi
}

# fails ERRNO-NAME DESCRIPTION COMMAND...: the command must fail, and its
# message must name the error (busybox prints strerror text).
fails() {
	want=$1 desc=$2
	shift 2
	out=$("$@" 2>&1)
	st=$?
	case "$st:$out" in
	0:*) ok 1 "$desc (succeeded)" ;;
	*"$want"*) ok 0 "$desc" ;;
	*) ok 1 "$desc"; echo "#   output: $out" ;;
	esac
}

# load PATH.ko [PARAM=VALUE...]: busybox insmod ignores the module parameters
# given on the kernel command line, so pass them on here.
load() {
	ko=$1
	name=$(basename "$ko" .ko)
	shift
	for w in $(cat /proc/cmdline); do
		case $w in
		"$name".*=*) set -- "$@" "${w#"$name".}" ;;
		esac
	done
	insmod "$ko" "$@"
}

# capture NAME 'COMMAND': run the shell command and keep "$ COMMAND" and its
# output as build/capture/<target>/<chapter>/NAME.txt for the book.
capture() {
	{
		echo "@@capture $1"
		echo "\$ $2"
		sh -c "$2" 2>&1
		echo "@@end"
	} >&3
}

# arg NAME: the value of NAME=VALUE on the kernel command line, such as
# "ram" (the VM's memory size as QEMU was given it) or "vmalloc".
arg() {
	for w in $(cat /proc/cmdline); do
		case $w in
		"$1"=*) echo "${w#*=}" ;;
		esac
	done
}

# await WORD FILE: wait until FILE holds WORD, 10 s at most (the status
# says whether it came).
await() {
	_wait=100
	until grep -qs "$1" "$2" || [ $_wait -eq 0 ]; do
		sleep 0.1
		_wait=$((_wait - 1))
	done
	grep -qs "$1" "$2"
}

# spawn OUT PROGRAM [ARG...]: start PROGRAM in the background, its output
# in OUT, and await its "ready", that is, until it has mapped what the
# suite will look at.  Its pid is left in $pid.
spawn() {
	_out=$1
	shift
	"$@" >"$_out" &
	pid=$!
	await ready "$_out"
}
