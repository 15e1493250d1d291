#!/bin/sh
# Grade one student's files for one exercise.
#
#   grade.sh EXERCISE-DIR FILES-DIR OUT-DIR STUDENT
#
# FILES-DIR holds the files the manifest names (a submission folder, or the
# exercise folder itself for `make check-exercise`); STUDENT seeds the
# numeric problems.  Everything the student's code touches runs in
# tools/grade-jail with limits, in a folder of its own under OUT-DIR:
#   module   for each target, in parallel: the build (vm/build-unit.sh),
#            then the initramfs and one fresh boot (vm/mkinitramfs.sh,
#            vm/run.sh), whose verdict on an oops, a panic or a time-out
#            fails every test of that target;
#   sim      the manifest's build: programs, compiled with the student's
#            files first on the include path, under ASan and UBSan, then
#            the test script with SIM naming their folder;
#   numeric  the test script, with SEED derived from STUDENT and ANSWERS
#            naming the student's file;
#   open     nothing to run: each test is for a human.
# Writes OUT-DIR/result.tsv (tools/grade-score.awk), OUT-DIR/tests/, and
# OUT-DIR/log.txt, the excerpts of logs that explain failures.
#
# From the make fragment, in the environment: JAIL (the jail's binary),
# GRADE_UIDS (FIRST-LAST: the uids the jail takes when run as root),
# CC, SIM_CFLAGS, SIM_SAN, ASAN_OPTIONS, UBSAN_OPTIONS (sim/sim.mk's).
set -eu
export LC_ALL=C
ex=$1 sub=$2 out=$3 student=$4

manifest=$(awk -f tools/manifest.awk "$ex/manifest")
get() {
	printf '%s\n' "$manifest" | awk -F '\t' -v k="$1" '$1 == k { print $2 }'
}
id=$(get id) kind=$(get kind) files=$(get files) script=$(get script)
targets=$(get targets) build=$(get build) timeout=$(get timeout)
slug=${ex##*/}
chapter=${ex%/*}
chapter=${chapter##*/}
[ "$kind" = module ] || targets=host

rm -rf "$out"
mkdir -p "$out/tests" "$out/src"
printf '%s\n' "$manifest" >"$out/manifest.tsv"
: >"$out/log.txt"
# Scores go to stdout; a grader that fails half-way leaves no result.tsv.
exec >"$out/result.tmp"

# The student's text goes into reports and JSON: printable ASCII only.
clean() {
	LC_ALL=C tr -d '\r' | LC_ALL=C tr -c '\t\n -~' '?'
}

# jail NAME DIR JAIL-OPTIONS... COMMAND...: one step, in DIR; the verdict
# in OUT-DIR/NAME.verdict.  Symbolic links it leaves are removed: what it
# wrote is read afterwards by us, who could read anything through them.
jail() {
	name=$1 dir=$2
	shift 2
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then
		set -- -u "$GRADE_UIDS" -d "$dir" "$@"
	fi
	"$JAIL" -o "$out/$name.verdict" "$@" || true
	find "$dir" -type l -exec rm -f {} +
}

verdict() {
	cat "$out/$1.verdict" 2>/dev/null || echo "the grader could not run it"
}

# excerpt TITLE FILE [REGEX]: 25 lines of the file into the log, from the
# first that matches REGEX, or its last ones.
excerpt() {
	[ -f "$2" ] && [ -s "$2" ] || return 0
	{
		echo "--- $1"
		if [ -n "${3:-}" ] && grep -qE "$3" "$2"; then
			awk -v re="$3" '$0 ~ re { p = 1 } p' "$2" | head -n 25
		else
			tail -n 25 "$2"
		fi | cut -c 1-200 | clean
	} >>"$out/log.txt"
}

score() {
	awk -f tools/grade-score.awk -v manifest="$out/manifest.tsv" -v out="$out" "$@"
}

# The files the manifest names: present, regular, not huge.
missing=
for f in $files; do
	if [ ! -e "$sub/$f" ] && [ ! -L "$sub/$f" ]; then
		missing="$missing${missing:+; }missing $f"
	elif [ -L "$sub/$f" ] || [ ! -f "$sub/$f" ]; then
		missing="$missing${missing:+; }$f is not a regular file"
	elif [ "$(wc -c <"$sub/$f")" -gt 1048576 ]; then
		missing="$missing${missing:+; }$f is larger than 1 MiB"
	fi
done
if [ -n "$missing" ]; then
	for t in $targets; do
		score -v target="$t" -v missing="$missing" /dev/null
	done
	mv "$out/result.tmp" "$out/result.tsv"
	exit 0
fi
cp -R "$ex/." "$out/src/"
for f in $files; do
	cp "$sub/$f" "$out/src/$f"
done

# The largest file of a VM run: vm/run.sh stops a VM whose console floods
# past 2 MiB, and polls; this limit is what a flood writes between polls.
console_mib=8

module_target() {
	t=$1 w=$out/work-$t
	tap=$out/build-$t.tap
	jail "build-$t" "$w" -w 300 -t 300 -m 4096 -f 64 -n 256 \
		vm/build-unit.sh "$t" "$out/src" "$w/$slug" >"$out/build-$t.log" 2>&1
	if [ ! -f "$w/$slug/.built" ]; then
		echo "not ok - build: the module does not build for $t ($(verdict "build-$t"))" >"$tap"
		grep -E 'error|warning' "$out/build-$t.log" | head -n 10 | clean | sed 's/^/# /' >>"$tap"
		excerpt "$t: the build" "$out/build-$t.log"
		score -v target="$t" -v didnotrun="the module does not build" "$tap"
		return
	fi
	if grep -qE 'warning:|error:' "$w/$slug/build.log"; then
		echo "not ok - build: warnings from gcc (W=1) or sparse (C=1) on $t" >"$tap"
		grep -E 'warning:|error:' "$w/$slug/build.log" | head -n 10 | clean | sed 's/^/# /' >>"$tap"
	else
		echo "ok - build: no warning on $t" >"$tap"
	fi
	suite=$out/src/test/$script
	secs=$(sed -n 's/^# timeout: *//p' "$suite" | head -n 1)
	# QEMU takes the guest's memory (as run.sh picks it) and some 1.5 GiB.
	mem=$(sed -n 's/^# mem: *//p' "$suite" | head -n 1)
	mem=${mem%% *}
	case ${mem:-256M} in
	*G) mib=$((${mem%G} << 10)) ;;
	*) mib=${mem%M} mib=${mib:-256} ;;
	esac
	# shellcheck disable=SC2016 # expanded by the jailed shell
	jail "run-$t" "$w" -w $((${secs:-60} + 60)) -t 600 -m $((mib + 2048)) -f "$console_mib" -n 64 \
		sh -c 'vm/mkinitramfs.sh "$1" "$2/initramfs.cpio" "$2/$3" &&
			INITRD="$2/initramfs.cpio" vm/run.sh "$1" "$3/$4" "$5" "$2/run" "$2/capture"' \
		sh "$t" "$w" "$slug" "${script%.sh}" "$suite" >"$out/run-$t.log" 2>&1
	run=$out/run-$t.tap
	if [ -f "$w/run/result.tap" ]; then
		clean <"$w/run/result.tap" >"$run"
	else
		: >"$run"
	fi
	case $(verdict "run-$t") in
	"exit status 0") ;;
	*) echo "not ok - $t: the VM run ended with: $(verdict "run-$t")" >>"$run" ;;
	esac
	if grep -qE '^not ok - [^:]*: (timed out|no clean|kernel log|no TAP|planned|the VM run)' "$run"; then
		excerpt "$t: the kernel log" "$w/run/console.log" \
			'BUG:|WARNING:|Oops|general protection fault|Call Trace|Kernel panic'
	fi
	excerpt "$t: the VM runner" "$out/run-$t.log"
	score -v target="$t" "$tap" fatal=1 "$run"
}

# The built programs, each behind a wrapper that notes how it died.
sim_build() {
	w=$out/work-host
	mkdir -p "$out/sim"
	# shellcheck disable=SC2016,SC2086 # expanded by the jailed shell; a list
	jail build-host "$w" -w 300 -t 120 -m 4096 -f 64 -n 64 sh -c '
		w=$1 src=$2
		shift 2
		for c; do
			$CC -I"$src" $SIM_CFLAGS -I"${c%/*}" $SIM_SAN -o "$w/$(basename "$c" .c).bin" \
				"$c" sim/lib/*.c || exit 1
		done' sh "$w" "$out/src" $build >"$out/build-host.log" 2>&1
	for c in $build; do
		p=$(basename "$c" .c)
		[ -f "$w/$p.bin" ] || return 1
		cat >"$out/sim/$p" <<WRAPPER
#!/bin/sh
"$w/$p.bin" "\$@"
st=\$?
[ \$st -gt 128 ] && echo "$p \$*: killed by SIG\$(kill -l \$st)" >>"$w/deaths"
exit \$st
WRAPPER
		chmod +x "$out/sim/$p"
	done
}

# notes: what the grader saw of a host run besides the TAP.
host_notes() {
	w=$out/work-host
	{
		[ -f "$w/deaths" ] && sort -u "$w/deaths" | head -n 3
		for f in "$w"/sanitizer.*; do
			[ -f "$f" ] && grep -m 1 -E 'Sanitizer|runtime error:' "$f" | sed 's/^==[0-9]*==//'
		done | sort | uniq -c | sort -rn | head -n 3 | sed 's/^ *[0-9]* *//'
	} | cut -c 1-200 | clean >"$out/notes-host"
	for f in "$w"/sanitizer.*; do
		excerpt "a sanitizer's report" "$f"
		break
	done
}

host_test() {
	w=$out/work-host
	jail test-host "$w" -w "${timeout:-60}" -t 5 -f 16 -n 64 "$@" \
		sh "$ex/test/$script" >"$out/test-host.raw" 2>"$out/test-host.err"
	clean <"$out/test-host.raw" >"$out/test-host.tap"
	host_notes
	excerpt "the test's errors" "$out/test-host.err"
	v=$(verdict test-host)
	[ "$v" = "exit status 0" ] || echo "the test run: $v" >>"$out/notes-host"
	score -v target=host -v notes="$out/notes-host" -v didnotrun="$v" \
		"$out/test-host.tap"
}

case $kind in
module)
	for t in $targets; do
		module_target "$t" >"$out/result-$t.tsv" &
	done
	wait
	for t in $targets; do
		cat "$out/result-$t.tsv"
	done
	;;
sim)
	if sim_build; then
		host_test env SIM="$out/sim" EX="$ex" \
			ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$out/work-host/sanitizer:hard_rss_limit_mb=512" \
			UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$out/work-host/sanitizer"
	else
		excerpt "the build" "$out/build-host.log"
		echo "not ok - build: it does not build ($(verdict build-host))" >"$out/build-host.tap"
		grep -E 'error|warning' "$out/build-host.log" | head -n 10 | clean | sed 's/^/# /' >>"$out/build-host.tap"
		score -v target=host -v didnotrun="it does not build" "$out/build-host.tap"
	fi
	;;
numeric)
	seed=$(printf '%s %s' "$student" "$id" | cksum | cut -d' ' -f1)
	host_test env SIM="build/sim/$chapter" EX="$ex" SEED="$seed" \
		ANSWERS="$out/src/$files"
	;;
open)
	words=$(for f in $files; do printf '%s: %s words; ' "$f" "$(wc -w <"$out/src/$f")"; done)
	echo "collected ${words%; }" >"$out/notes-host"
	score -v target=host -v notes="$out/notes-host" /dev/null
	;;
esac
mv "$out/result.tmp" "$out/result.tsv"
