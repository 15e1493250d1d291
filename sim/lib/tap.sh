# Helpers for the simulators' shell tests (sim/NN-slug/test/*.sh), which
# print TAP and run from the top directory with $SIM naming the folder of
# the programs under test.  $T is a scratch folder, removed at exit.
# plan, ok, is and same are the VM suites' own.
. vm/guest/tap.sh

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

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
