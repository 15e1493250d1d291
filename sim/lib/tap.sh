# Helpers for the simulators' shell tests (sim/NN-slug/test/*.sh), which
# print TAP and run from the top directory with $SIM naming the folder of
# the programs under test.  $T is a scratch folder, removed at exit.

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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

# same GOT-FILE WANT-FILE DESCRIPTION: equal byte for byte; the start of
# the difference as comments when not.
same() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$2" "$1" | head -n 30 | sed 's/^/#   /'
	fi
}

# rejects MESSAGE DESCRIPTION COMMAND...: the command fails with the usage
# status 2 (a sanitizer's 99 is no refusal) and one line of error on
# stderr that contains MESSAGE, and prints nothing on stdout.
rejects() {
	want=$1 desc=$2
	shift 2
	"$@" >"$T/rejects.out" 2>"$T/rejects.err"
	st=$?
	err=$(cat "$T/rejects.err")
	if [ $st -eq 2 ] && [ ! -s "$T/rejects.out" ] &&
		[ "$(wc -l <"$T/rejects.err")" -eq 1 ]; then
		case $err in
		*"$want"*) ok 0 "rejects $desc"; return ;;
		esac
	fi
	ok 1 "rejects $desc"
	echo "#   status $st, stderr: $err"
}
