# Exercise 01.1: a student's kernel map of a 32-bit kernel, against the
# kernel-map calculator's answer to the same seeded problem.
#   sh kmap.sh problem   the problem of $SEED, and how to write the answers
#   sh kmap.sh answer    a correct answers file, for the instructor
#   sh kmap.sh           TAP: the answers in the file $ANSWERS, one test
#                        point per quantity, named by it
# $SIM holds kmap.  The problem set is about the 3G/1G split and its
# variants: a seed that draws an x86_64 problem gives way to the next one.
seed=$SEED
until "$SIM/kmap" -s "$seed" | grep -q '^VMSPLIT_'; do
	seed=$((seed + 1))
done

# The calculator's answer, as the lines of an answers file.
key() {
	"$SIM/kmap" -s "$seed" -c | awk '
		/^[0-9]+MB (LOWMEM|HIGHMEM) available/ { print $2, "=", $1 + 0 }
		$1 ~ /^(PAGE_OFFSET|high_memory|VMALLOC_START|VMALLOC_END|PKMAP_BASE)$/ {
			print $1, "=", $2
		}'
}

case ${1:-} in
problem)
	"$SIM/kmap" -s "$seed"
	cat <<'TEXT'

Work it out with the chapter, then write one line per quantity: the
addresses in hex, as the layout module's map prints them, and LOWMEM and
HIGHMEM in MB, as the boot log's "LOWMEM available" and "HIGHMEM
available" lines print them; a # starts a comment.

    PAGE_OFFSET   = 0x...
    high_memory   = 0x...
    VMALLOC_START = 0x...
    VMALLOC_END   = 0x...
    PKMAP_BASE    = 0x...
    LOWMEM        = ...
    HIGHMEM       = ...
TEXT
	exit 0
	;;
answer)
	echo "# Exercise 01.1: the answers of seed $SEED, as kmap -s $seed -c prints them."
	key
	exit 0
	;;
esac

key | awk -v answers="$ANSWERS" "$(cat exercises/answers.awk)"'
	# A number, MB after a size allowed; -1 when it is not one.
	function num(s) {
		sub(/ *[Mm][Ii]?[Bb]?$/, "", s)
		return number(s)
	}
	BEGIN {
		read_answers(answers, got)
		print "1..7"
	}
	{
		n++
		if (!($1 in got) || got[$1] == "")
			printf "not ok %d - %s: no answer: write a line \"%s = VALUE\"\n", n, $1, $1
		else if (num(got[$1]) < 0)
			printf "not ok %d - %s: \"%s\" is not a number (hex with 0x, or decimal)\n", n, $1, substr(got[$1], 1, 40)
		else if (num(got[$1]) != num($3))
			printf "not ok %d - %s: %s is not it\n", n, $1, got[$1]
		else
			printf "ok %d - %s: %s\n", n, $1, got[$1]
	}'
