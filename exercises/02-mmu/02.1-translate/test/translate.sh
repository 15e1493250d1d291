# Exercise 02.1: a student's translations of the accesses of two seeded
# page-table problems, one 4level and one pae, against the walker's answers.
#   sh translate.sh problem   the problems of $SEED, and how to answer
#   sh translate.sh answer    a correct answers file, for the instructor
#   sh translate.sh           TAP: the answers in the file $ANSWERS, one
#                             test point per access, named FORMAT-K
# $SIM holds walk.
formats="4level pae"
questions=4

# The walker's answers, as the lines of an answers file: an address, or a
# fault without the word "fault" and its explanation.
key() {
	for m in $formats; do
		"$SIM/walk" -s "$SEED" -m "$m" -n $questions -c | awk -v m="$m" '
			/^Answers:/ { on = 1; next }
			on && /^ *[0-9]+\. / {
				k = $1
				sub(/\./, "", k)
				a = $0
				sub(/.* -> (fault )?/, "", a)
				sub(/ \(.*/, "", a)
				print m "-" k " = " a
			}'
	done
}

case ${1:-} in
problem)
	for m in $formats; do
		echo "---- $m"
		"$SIM/walk" -s "$SEED" -m "$m" -n $questions
		echo
	done
	cat <<'TEXT'
For each access, write one line named by the format and the number of
the question: the physical address in hex, or the fault (not-present
LEVEL, supervisor, read-only or nx); a # starts a comment.

    4level-1 = 0x...
    4level-2 = not-present pud
    pae-1    = nx
TEXT
	exit 0
	;;
answer)
	echo "# Exercise 02.1: the answers of seed $SEED, as walk -s $SEED -m FORMAT -n $questions -c prints them."
	key
	exit 0
	;;
esac

key | awk -v answers="$ANSWERS" -v total=$((questions * 2)) "$(cat exercises/answers.awk)"'
	# An answer in a canonical form: a number in hex (0x...) as a
	# number, a fault as its words; "" when it is neither.
	function canon(s) {
		s = tolower(s)
		gsub(/[ \t]+/, " ", s)
		sub(/^fault:? */, "", s)
		sub(/^not present/, "not-present", s)
		if (s ~ /^0x[0-9a-f]+$/)
			return sprintf("%.0f", number(s))
		if (s ~ /^(not-present (pgd|p4d|pud|pmd|pte)|supervisor|read-only|nx)$/)
			return s
		return ""
	}
	BEGIN {
		read_answers(answers, got)
		print "1.." total
	}
	{
		n++
		if (!($1 in got) || got[$1] == "")
			printf "not ok %d - %s: no answer: write a line \"%s = ADDRESS or FAULT\"\n", n, $1, $1
		else if (canon(got[$1]) == "")
			printf "not ok %d - %s: \"%s\" is neither an address in hex (0x...) nor a fault (not-present LEVEL, supervisor, read-only, nx)\n", n, $1, substr(got[$1], 1, 40)
		else if (canon(got[$1]) != canon($3 (NF > 3 ? " " $4 : "")))
			printf "not ok %d - %s: %s is not it\n", n, $1, got[$1]
		else
			printf "ok %d - %s: %s\n", n, $1, got[$1]
	}'
