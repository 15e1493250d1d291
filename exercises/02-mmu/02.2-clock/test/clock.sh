# Exercise 02.2: the student's tlb (built with their tlb-clock.h, in $SIM)
# against the reference solution's runs: on the traces of this folder,
# whose .out files it wrote, and on made-up patterns, whose .want files
# hold what each reference did (h, hit; m, miss; m-PAGE, a miss that
# evicted PAGE).  The shipped simulator has no clock to compare with.
#
# To write the .out and .want files again, build tlb with the solution
# (copy solutions/02-mmu/02.2-clock/tlb-clock.h here and run
# make check-exercise EX=02.2), then:
#   REGEN=1 SIM=build/exercise/02.2/sim EX=exercises/02-mmu/02.2-clock \
#	sh exercises/02-mmu/02.2-clock/test/clock.sh
. sim/lib/tap.sh
dir=$EX/test
ref=${REF:-build/sim/02-mmu}
plan 6

# The made-up patterns: the TLB's geometry, then the pattern.
patterns='random-full:-e 8 -a full -g random -n 12 -R 400 -s 1
random-2way:-e 8 -a 2 -g random -n 20 -R 400 -s 2
random-4way:-e 16 -a 4 -g random -n 40 -R 400 -s 3
chase:-e 8 -a full -g chase -n 9 -R 100 -s 4
loop-2m:-e 4 -a 2 -g loop -n 6 -P 2m -R 60'

# tlb ARGS...: the student's tlb, unless a signal (the CPU-time limit, a
# crash) has already killed it once: then every later run fails at once.
killed=
tlb() {
	if [ -n "$killed" ]; then
		echo "not run: tlb was killed by signal $killed before"
		return 1
	fi
	"$SIM/tlb" "$@"
	st=$?
	[ $st -gt 128 ] && [ $st -ne 99 ] && killed=$((st - 128))
	return $st
}

# outcomes: what each reference of tlb -c did, one a line
outcomes() {
	awk '/^ +[0-9]+  [rw] / {
		if (/ hit$/) print "h"
		else if (match($0, /evicts 0x[0-9a-f]+/))
			print "m-" substr($0, RSTART + 7, RLENGTH - 7)
		else print "m"
	}'
}

geometry() {
	sed -n 's/^# tlb \(-e [0-9]* -a [0-9a-z]*\) -p clock:.*/\1/p' "$1"
}

if [ -n "${REGEN:-}" ]; then
	for t in "$dir"/*.trace; do
		# shellcheck disable=SC2046 # options
		tlb $(geometry "$t") -p clock -c -f "$t" >"${t%.trace}.out"
	done
	echo "$patterns" | while IFS=: read -r name args; do
		# shellcheck disable=SC2086 # options
		tlb $args -p clock -c | outcomes >"$dir/$name.want"
	done
	exit 0
fi

# traces ID DESCRIPTION NAME...: one test over hand-made traces; the
# first difference follows the test's line.
traces() {
	id=$1 desc=$2 st=0
	shift 2
	: >"$T/why"
	for name; do
		t=$dir/$name.trace
		# shellcheck disable=SC2046 # options
		tlb $(geometry "$t") -p clock -c -f "$t" >"$T/out" 2>&1
		if ! cmp -s "$T/out" "$dir/$name.out"; then
			[ $st -eq 0 ] && {
				echo "# $name.trace (its comment explains it):"
				diff -u "$dir/$name.out" "$T/out" | head -n 20 | sed 's/^/#   /'
			} >"$T/why"
			st=1
		fi
	done
	ok $st "$id: $desc"
	cat "$T/why"
}

traces second-chance "a referenced entry is passed over once" second-chance
traces sweep "new entries are referenced; the hand goes round" sweep
traces sets "each set has a hand of its own" sets
traces holes "empty ways are filled first; only evictions move the hand" holes

st=0
: >"$T/why"
echo "$patterns" >"$T/patterns"
while IFS=: read -r name args; do
	# shellcheck disable=SC2086 # options
	tlb $args -p clock -c >"$T/run" 2>&1
	outcomes <"$T/run" >"$T/got"
	if ! cmp -s "$T/got" "$dir/$name.want"; then
		n=$(paste -d ' ' "$T/got" "$dir/$name.want" |
			awk '$1 != $2 { print NR; exit } END { if (!NR) print 1 }')
		{
			echo "# tlb $args -p clock -c: reference $n differs"
			echo "#   want: $(sed -n "${n}p" "$dir/$name.want")"
			echo "#   got:  $(sed -n "${n}p" "$T/got")"
			grep -E "^ +$n  " "$T/run" | sed 's/^/#   /'
		} >"$T/why"
		st=1
		break
	fi
done <"$T/patterns"
ok $st "random: made-up patterns hit and evict as the reference's clock does"
cat "$T/why"

# The other policies are the simulator's: the student's file must leave
# them alone.
st=0
for p in lru fifo random; do
	tlb -e 8 -a 2 -p $p -s 5 -c -g random -n 20 -R 300 >"$T/got" 2>&1
	"$ref/tlb" -e 8 -a 2 -p $p -s 5 -c -g random -n 20 -R 300 >"$T/want" 2>&1
	cmp -s "$T/got" "$T/want" || st=1
done
ok $st "others: lru, fifo and random replace as before"
