# Exercise 03.1: a student's answers to a seeded buddy-allocator problem
# (a zone, allocations and frees: which pfn do three allocations get, and
# what does /proc/buddyinfo say at the end), against the simulator's.
#   sh buddy.sh problem   the problem of $SEED, and how to write the answers
#   sh buddy.sh answer    a correct answers file, for the instructor
#   sh buddy.sh           TAP: the answers in the file $ANSWERS, one test
#                         point per question, named by it
# $SIM holds buddy.  A seed whose script has no allocation after a free,
# fewer than three allocations to ask about, or one that fails, gives way
# to the next one.

# key SEED: the questions and their answers, "NAME ID ANSWER" lines, from
# the simulator's answer to the problem; nothing when the seed is no good.
key() {
	"$SIM/buddy" -s "$1" -c | awk '
		/^alloc [A-Z] [0-9]+ -> / {
			if ($5 == "failed")
				bad = 1
			n++
			id[n] = $2
			pfn[n] = $5
			if (freed && !reuse)
				reuse = n
			next
		}
		/^free [A-Z] -> / { freed = 1; next }
		/^Node 0, zone +Normal / { info = $5; for (i = 6; i <= NF; i++) info = info " " $i }
		END {
			if (bad || !reuse || reuse == 1 || reuse == n)
				exit
			print "first", id[1], pfn[1]
			print "reuse", id[reuse], pfn[reuse]
			print "last", id[n], pfn[n]
			print "buddyinfo", "-", info
		}'
}

seed=$SEED
until [ -n "$(key "$seed")" ]; do
	seed=$((seed + 1))
done

case ${1:-} in
problem)
	"$SIM/buddy" -s "$seed" | sed '/^#/d'
	key "$seed" | awk '
		$1 == "first" { a = $2 }
		$1 == "reuse" { b = $2 }
		$1 == "last" { c = $2 }
		END {
			print ""
			print "The zone starts with all its pages free, cut into blocks as the"
			print "boot does it.  Run the script in your head, then answer:"
			print ""
			print "    first     = the pfn that alloc " a " gets, in hex"
			print "    reuse     = the pfn that alloc " b " gets"
			print "    last      = the pfn that alloc " c " gets"
			print "    buddyinfo = the 11 numbers of /proc/buddyinfo at the end,"
			print "                the free blocks of order 0 to 10"
			print ""
			print "one line each, such as"
			print ""
			print "    first     = 0x2f40"
			print "    buddyinfo = 3 0 1 2 0 0 0 0 0 0 0"
			print ""
			print "a # starts a comment."
		}'
	exit 0
	;;
answer)
	echo "# Exercise 03.1: the answers of seed $SEED, as buddy -s $seed -c prints them."
	key "$seed" | awk '{ $2 = "="; print }'
	exit 0
	;;
esac

key "$seed" | awk -v answers="$ANSWERS" "$(cat exercises/answers.awk)"'
	# buddyinfo as 11 numbers separated by one blank; "" when it is not.
	# The line may be pasted whole: "Node 0, zone   Normal" goes.
	function counts(s,   n, w, i, out) {
		sub(/.*[Nn]ormal/, "", s)
		gsub(/[,;]/, " ", s)
		n = split(s, w, /[ \t]+/)
		out = ""
		k = 0
		for (i = 1; i <= n; i++) {
			if (w[i] == "")
				continue
			if (w[i] !~ /^[0-9]+$/)
				return ""
			out = out (k++ ? " " : "") (w[i] + 0)
		}
		return k == 11 ? out : ""
	}
	BEGIN {
		read_answers(answers, ans)
		for (name in ans)
			got[tolower(name)] = ans[name]
		print "1..4"
	}
	{
		n++
		want = $3
		for (i = 4; i <= NF; i++)
			want = want " " $i
		if (!($1 in got) || got[$1] == "")
			printf "not ok %d - %s: no answer: write a line \"%s = ...\"\n", n, $1, $1
		else if ($1 == "buddyinfo" && counts(got[$1]) == "")
			printf "not ok %d - %s: \"%s\" is not 11 numbers\n", n, $1, substr(got[$1], 1, 60)
		else if ($1 == "buddyinfo")
			printf "%sok %d - %s: %s\n", counts(got[$1]) == want ? "" : "not ", n, $1,
				counts(got[$1]) == want ? got[$1] : got[$1] " is not it"
		else if (number(got[$1]) < 0)
			printf "not ok %d - %s: \"%s\" is not a pfn (hex with 0x, or decimal)\n", n, $1, substr(got[$1], 1, 40)
		else if (number(got[$1]) != number(want))
			printf "not ok %d - %s: %s is not it\n", n, $1, got[$1]
		else
			printf "ok %d - %s: %s\n", n, $1, got[$1]
	}'
