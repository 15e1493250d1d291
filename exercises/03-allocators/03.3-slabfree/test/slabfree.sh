# Exercise 03.3: the student's slab (built with their slab-free.h, in $SIM)
# against the reference simulator: on the scripts beside this file, one per
# way a free can go, and on scripts made up by slab -s SEED, with 8-byte
# and 4-byte pointers.  The counters of the free path are a test of their
# own, against the frees each run prints: the other tests leave their line
# out.  One TAP line per test id of
# the manifest.
. sim/lib/tap.sh
ref=${REF:-build/sim/03-allocators}
dir=$EX/test
plan 6

# slab ARGS...: the student's slab, unless a signal (the CPU-time limit, a
# crash) has already killed it once: then every later run fails at once,
# so that a program that loops costs the grader one time limit, not many.
killed=
slab() {
	if [ -n "$killed" ]; then
		echo "not run: slab was killed by signal $killed before"
		return 1
	fi
	"$SIM/slab" "$@"
	sst=$?
	[ $sst -gt 128 ] && [ $sst -ne 99 ] && killed=$((sst - 128))
	return $sst
}

counters=$T/counters-bad
: >"$counters"

# tally FILE: do the free_fastpath and free_slowpath of each cache, at each
# show, count the frees that the run printed as fast and slow?  (slab.c
# prints the path the free takes, from the same test as the kernel's.)
tally() {
	awk '
		/^cache [^ ]+: merged into / {
			name = $2
			sub(/:$/, "", name)
			real[name] = $5
			next
		}
		/^alloc [^ ]+ [^ ]+ cpu [0-9]+ -> 0x/ { cache[$3] = $2; next }
		/^free [^ ]+ cpu [0-9]+ -> (fast|slow):/ {
			c = cache[$2]
			if (c in real)
				c = real[c]
			n[c, $6 == "fast:" ? "fast" : "slow"]++
			next
		}
		/^\/sys\/kernel\/slab\// {
			c = $1
			sub(/^\/sys\/kernel\/slab\//, "", c)
			sub(/:$/, "", c)
			next
		}
		/^  alloc_fastpath/ && !bad {
			if ($6 != n[c, "fast"] + 0 || $8 != n[c, "slow"] + 0) {
				printf "#   %s: free_fastpath %s free_slowpath %s, but %d fast and %d slow frees\n",
					c, $6, $8, n[c, "fast"], n[c, "slow"]
				bad = 1
			}
		}
		END { exit bad }' "$1"
}

# compare WHAT: $T/want and $T/got, the reference's output and the
# student's, but for the line of the counters; fails with the difference
# in $T/why.  The first run whose counters do not add up goes to $counters.
compare() {
	if [ ! -s "$counters" ] && ! tally "$T/got" >"$T/tally"; then
		{
			echo "# $1: the counters do not add up"
			cat "$T/tally"
		} >"$counters"
	fi
	grep -v '^  alloc_fastpath' "$T/want" >"$T/want-o"
	grep -v '^  alloc_fastpath' "$T/got" >"$T/got-o"
	cmp -s "$T/want-o" "$T/got-o" && return 0
	{
		echo "# $1 differs from the reference (counters left out):"
		diff -u "$T/want-o" "$T/got-o" | sed -n '3,16p' | sed 's/^/#   /'
	} >"$T/why"
	return 1
}

# script ID DESCRIPTION: the test of one script of this folder, ID.slab.
script() {
	: >"$T/why"
	"$ref/slab" -f "$dir/$1.slab" >"$T/want" 2>&1
	slab -f "$dir/$1.slab" >"$T/got" 2>&1
	compare "slab -f $dir/$1.slab"
	ok $? "$1: $2"
	cat "$T/why"
}

script fast "frees to the CPU's own slab, last in, first out"
script full "a full slab that gets an object back becomes partial, at the tail"
script empty "an empty slab is freed, or kept while the node has fewer than min_partial"
script remote "another CPU's slab stays that CPU's, its freed objects wait on the slab"

st=0
: >"$T/why"
for seed in $(seq 1 200); do
	arch=x86_64
	[ "$seed" -gt 150 ] && arch=i386
	"$ref/slab" -s "$seed" >"$T/script"
	"$ref/slab" -a $arch -f "$T/script" >"$T/want" 2>&1
	slab -a $arch -f "$T/script" >"$T/got" 2>&1
	if ! compare "slab -s $seed | slab -a $arch -f -"; then
		st=1
		break
	fi
done
ok $st "random: 200 scripts of slab -s SEED print what the reference prints"
cat "$T/why"

[ ! -s "$counters" ]
ok $? "counters: free_fastpath and free_slowpath add up to the fast and slow frees printed"
cat "$counters"
