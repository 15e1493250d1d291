#!/bin/sh
# make check's test of the grader: a batch of fixture submissions graded by
# `make grade-batch` into a folder of its own, then, as TAP:
#   - the batch completed, with a report, a results.json of Gradescope's
#     shape and a gradebook row for every student;
#   - every exercise's reference solution (solutions/) scores full marks,
#     and its starter (exercises/) less than full marks on its core tests;
#     tests graded by hand count in neither, but their files are collected;
#   - every hostile submission of exercises/fixtures/ scores 0 for the
#     reason exercises/fixtures/expect gives, and a student with no files
#     0 everywhere, for the missing files;
#   - nothing outside the grades' folder changed: no file the hostile ones
#     tried to write exists, and no file anywhere near belongs to a uid of
#     the jail.
# Without root the jail has no uid of its own: the fork bomb and the
# writes outside are not tried, and their checks are skipped.
#
#   B=build MAKE=make GRADE_UIDS=FIRST-LAST grade-fixtures.sh EX-ID...
set -u
sub=$B/fixtures/submissions grades=$B/fixtures/grades
top=$(pwd)
canaries="$top/GRADE-ESCAPE $top/$B/GRADE-ESCAPE ${top%/*}/GRADE-ESCAPE ${HOME:-/root}/GRADE-ESCAPE"
# shellcheck disable=SC2086 # a list of paths without blanks
rm -rf "$grades" $canaries
mkdir -p "$grades"
tools/fixture-submissions.sh "$sub"
root=
[ "$(id -u)" = 0 ] && root=1

# ok and its count are the VM suites' own.
. vm/guest/tap.sh
skip() {
	_n=$((_n + 1))
	echo "ok $_n - $1 # SKIP not root: the jail has no uid of its own"
}

students=$(ls "$sub")
touch "$grades/.start"

$MAKE --no-print-directory grade-batch SUBMISSIONS="$sub" GRADES="$grades" \
	>"$grades/make.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -n 5 "$grades/make.log" | sed 's/^/# /'
rows=$(($(wc -l <"$grades/gradebook.csv" 2>/dev/null || echo 0) - 1))
ok $((st != 0 || rows != $(echo "$students" | wc -l))) \
	"the batch completed: $rows gradebook rows for $(echo "$students" | wc -l) students"

# A results.json line by line: every string escaped, every number a number.
for s in $students; do
	awk '
		BEGIN { str = "\"([^\"\\\\]|\\\\[\"\\\\nt])*\"" }
		NR == 1 && $0 == "{" { next }
		NR == 2 && $0 ~ /^  "score": [0-9]+,$/ { next }
		NR == 3 && $0 ~ ("^  \"output\": " str ",$") { next }
		NR == 4 && $0 == "  \"tests\": [" { next }
		$0 ~ ("^    {\"name\": " str ", \"score\": [0-9]+, \"max_score\": [0-9]+, \"output\": " str "},?$") { t++; next }
		$0 == "  ]" || $0 == "}" { next }
		{ bad = 1; print "#   line " NR ": " substr($0, 1, 100) }
		END { exit bad || !t }' "$grades/$s/results.json" 2>&1 &&
		[ -s "$grades/$s/report.txt" ]
	ok $? "$s: report.txt, and results.json in Gradescope's shape"
done

# rows STUDENT EX-ID: that exercise's result lines.
rows() {
	cat "$grades/$1/$2/result.tsv" 2>/dev/null
}

for ex; do
	rows empty "$ex" | awk -F '\t' '$3 != 0 { bad = 1 } END { exit bad || NR == 0 }' &&
		grep -qs 'missing' "$grades/empty/$ex"/tests/*
	ok $? "$ex: a submission without its files scores 0, for the missing files"
	if ! rows reference "$ex" | awk -F '\t' '$5 != "manual" { n++ } END { exit !n }'; then
		rows reference "$ex" | grep -q 'manual$' && rows starter "$ex" | grep -q 'manual$'
		ok $? "$ex: graded by hand; the reference and the starter are collected for it"
		continue
	fi
	rows reference "$ex" | awk -F '\t' '$5 != "manual" && $6 != "pass" { bad = 1; print "#   " $1 " (" $2 "): " $6 } END { exit bad }'
	st=$?
	[ $st -eq 0 ] || sed 's/^/#   /' "$grades/reference/$ex.err" 2>/dev/null | head -n 5
	ok $st "$ex: the reference solution scores full marks"
	rows starter "$ex" | awk -F '\t' '$5 == "core" && $6 == "fail" { f = 1 } END { exit !f }'
	ok $? "$ex: the starter fails some of its core tests"
done

while read -r s ex reason; do
	case $s in
	"" | "#"*) continue ;;
	esac
	if [ -z "$root" ] && { [ "$s" = escape ] || [ "$s" = forkbomb ]; }; then
		skip "$s: $reason"
		continue
	fi
	rows "$s" "$ex" | awk -F '\t' '$1 != "build" && $3 != 0 { bad = 1; print "#   " $1 " (" $2 ") scored " $3 } END { exit bad || NR == 0 }' &&
		grep -qsF "$reason" "$grades/$s/$ex"/tests/*
	st=$?
	[ $st -eq 0 ] || head -n 5 "$grades/$s/$ex"/tests/* 2>/dev/null | sed 's/^/#   /'
	ok $st "$s: $ex scores 0, for: $reason"
done <exercises/fixtures/expect

if [ -n "$root" ]; then
	left=
	for c in $canaries; do
		[ -e "$c" ] && left="$left $c"
	done
	ok $((${#left} != 0)) "nothing written where the hostile submissions tried${left:+:$left}"
	first=${GRADE_UIDS%-*} last=${GRADE_UIDS#*-}
	owned=$(find "$top" "${HOME:-/root}" /tmp /var/tmp /dev/shm -xdev \
		-path "$top/$grades" -prune -o -newer "$grades/.start" \
		-uid +$((first - 1)) -uid -$((last + 1)) -print 2>/dev/null | head -n 5)
	[ -z "$owned" ] || echo "$owned" | sed 's/^/#   /'
	ok $((${#owned} != 0)) "no file outside $grades that the batch made belongs to a uid of the jail"
else
	skip "nothing written where the hostile submissions tried"
	skip "no file outside $grades that the batch made belongs to a uid of the jail"
fi
plan "$_n"
