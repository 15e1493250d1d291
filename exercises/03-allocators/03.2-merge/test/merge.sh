# Exercise 03.2: the student's buddy (built with their buddy-merge.h, in
# $SIM) against the outputs of sim/03-allocators/test/buddy-scripts/, worked
# out by hand, and against the reference simulator on made-up scripts (made
# by script.awk beside this file), step by step with -v.  One TAP line per
# test id of the manifest.
. sim/lib/tap.sh
hand=sim/03-allocators/test/buddy-scripts
ref=${REF:-build/sim/03-allocators}
gen=$EX/test/script.awk
plan 5

# buddy ARGS...: the student's buddy, unless a signal (the CPU-time limit,
# a crash) has already killed it once: then every later run fails at once,
# so that a program that loops costs the grader one time limit, not many.
killed=
buddy() {
	if [ -n "$killed" ]; then
		echo "not run: buddy was killed by signal $killed before"
		return 1
	fi
	"$SIM/buddy" "$@"
	bst=$?
	[ $bst -gt 128 ] && [ $bst -ne 99 ] && killed=$((bst - 128))
	return $bst
}

# why FILE-WANT FILE-GOT WHAT...: the first lines of the difference, as
# the diagnostics of the test that failed, after a line that says what ran.
why() {
	want=$1 got=$2
	shift 2
	{
		echo "# $*"
		diff -u "$want" "$got" | sed -n '3,16p' | sed 's/^/#   /'
	} >"$T/why"
}

# The scripts worked out by hand, as buddy.sh runs them.
st=0
: >"$T/why"
for script in "$hand"/*.bud; do
	case ${script##*/} in
	steps-*) buddy -v -f "$script" >"$T/out" 2>&1 ;;
	*) buddy -f "$script" >"$T/out" 2>&1 ;;
	esac
	if ! cmp -s "$T/out" "${script%.bud}.out"; then
		[ $st -eq 0 ] && why "${script%.bud}.out" "$T/out" \
			"buddy$(case $script in */steps-*) echo ' -v' ;; esac) -f $script:"
		st=1
	fi
done
buddy -s 5 -c >"$T/out" 2>&1
if ! cmp -s "$T/out" "$hand/seed-5.out"; then
	[ $st -eq 0 ] && why "$hand/seed-5.out" "$T/out" "buddy -s 5 -c:"
	st=1
fi
ok $st "hand: the scripts worked out by hand print what they should"
cat "$T/why"

# regen SEED KIND: how the student makes the script again.
regen() {
	echo "awk -v seed=$1 -v kind=$2 -f $gen >s.bud; $SIM/buddy -v -f s.bud"
}

# Scripts that allocate, then free everything: the pfns that the
# allocations get do not depend on the head or tail of a list, so the
# merges can be right while the placement is wrong.
st_merge=0 st_put=0
: >"$T/why-merge"
: >"$T/why-put"
for seed in $(seq 1 100); do
	awk -v seed="$seed" -v kind=drain -f "$gen" >"$T/s.bud"
	"$ref/buddy" -v -f "$T/s.bud" >"$T/want" 2>&1
	buddy -v -f "$T/s.bud" >"$T/got" 2>&1
	cmp -s "$T/got" "$T/want" && continue
	# Without the put lines and the lists, what is left is the merging.
	sed -e '/^  put /d' -e '/^lists$/,$d' "$T/want" >"$T/want-m"
	sed -e '/^  put /d' -e '/^lists$/,$d' "$T/got" >"$T/got-m"
	if [ $st_merge -eq 0 ] && ! cmp -s "$T/got-m" "$T/want-m"; then
		why "$T/want-m" "$T/got-m" "differs from the reference (put lines left out): $(regen "$seed" drain)"
		mv "$T/why" "$T/why-merge"
		st_merge=1
	fi
	if [ $st_put -eq 0 ]; then
		why "$T/want" "$T/got" "differs from the reference: $(regen "$seed" drain)"
		mv "$T/why" "$T/why-put"
		st_put=1
	fi
	[ $st_merge -eq 1 ] && break
done
ok $st_merge "merge: 100 scripts that free all they allocate merge as the reference does"
cat "$T/why-merge"
ok $st_put "placement: and each freed block goes to the head or the tail of its list as there"
cat "$T/why-put"

st=0
: >"$T/why"
for seed in $(seq 1 100); do
	awk -v seed="$seed" -v kind=mixed -f "$gen" >"$T/s.bud"
	"$ref/buddy" -v -f "$T/s.bud" >"$T/want" 2>&1
	buddy -v -f "$T/s.bud" >"$T/got" 2>&1
	if ! cmp -s "$T/got" "$T/want"; then
		why "$T/want" "$T/got" "differs from the reference: $(regen "$seed" mixed)"
		st=1
		break
	fi
done
ok $st "mixed: 100 scripts that allocate and free in any order print what the reference prints"
cat "$T/why"

# Booting and allocating never merge: they must print as before.
st=0
: >"$T/why"
for seed in $(seq 1 20); do
	awk -v seed="$seed" -v kind=drain -f "$gen" | sed '/^free /d' >"$T/s.bud"
	"$ref/buddy" -v -f "$T/s.bud" >"$T/want" 2>&1
	buddy -v -f "$T/s.bud" >"$T/got" 2>&1
	if ! cmp -s "$T/got" "$T/want"; then
		why "$T/want" "$T/got" "differs from the reference: the script of $(regen "$seed" drain) without its free lines"
		st=1
		break
	fi
done
ok $st "boot: zones and allocations alone print as before"
cat "$T/why"
