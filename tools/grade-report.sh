#!/bin/sh
# One student's grades, from what tools/grade.sh left in DIR/EX-ID/ for each
# exercise, in three forms:
#   DIR/report.txt    to read: each test with its points, and for each one
#                     that failed, why, the hint and the logs behind it
#   DIR/results.json  Gradescope's autograder shape: score, output, tests[]
#                     with name, score, max_score, output
#   DIR/scores.tsv    EX-ID SCORE MAX HAND: a row of the gradebook
# A test graded by hand scores 0 here, and its points count in HAND, not
# MAX.  An exercise whose grader failed scores 0, with its error.
#
#   grade-report.sh DIR STUDENT EX-ID...
set -eu
dir=$1 student=$2
shift 2

# Every result as one tab-separated line, with the text the student reads
# on the following lines, each behind a tab; then the exercise's log.
for ex; do
	d=$dir/$ex
	title=$(awk -F '\t' '$1 == "title" { print $2 }' "$d/manifest.tsv" 2>/dev/null || true)
	printf 'exercise\t%s\t%s\n' "$ex" "${title:-?}"
	if [ ! -s "$d/result.tsv" ]; then
		printf 'error\tthe grader failed: %s\n' \
			"$(tail -n 1 "$dir/$ex.err" 2>/dev/null || echo "no result")"
		continue
	fi
	while IFS='	' read -r id target score max class status; do
		printf 'test\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$target" "$score" "$max" "$class" "$status"
		sed 's/^/\t/' "$d/tests/$target.$id.txt"
	done <"$d/result.tsv"
	[ -s "$d/log.txt" ] && sed 's/^/log\t/' "$d/log.txt"
done | LC_ALL=C tr -d '\000-\010\013-\037' | awk -F '\t' -v dir="$dir" -v student="$student" '
	function json(s) {
		gsub(/\\/, "\\\\", s)
		gsub(/"/, "\\\"", s)
		gsub(/\t/, "\\t", s)
		gsub(/\n/, "\\n", s)
		return "\"" s "\""
	}
	function flush() {
		if (name == "")
			return
		line = sprintf("  %-5s %-20s %5s", mark, name, got "/" max)
		shown = text
		gsub(/\n/, "\n         ", shown)
		report = report line (mark == "ok" ? "\n" : "  " shown "\n")
		tests = tests (tests == "" ? "" : ",\n") sprintf("    {\"name\": %s, \"score\": %d, \"max_score\": %d, \"output\": %s}",
			json(ex " " name), got, jmax, json(text))
		name = ""
	}
	function exercise_done() {
		flush()
		if (ex == "")
			return
		report = report sprintf("  %s: %d of %d points%s\n", ex, exgot, exmax,
			exhand ? sprintf(", and %d by hand", exhand) : "") logs "\n"
		printf "%s\t%d\t%d\t%d\n", ex, exgot, exmax, exhand >(dir "/scores.tsv")
		total += exgot; totalmax += exmax; hand += exhand
	}
	$1 == "exercise" {
		exercise_done()
		ex = $2; exgot = exmax = exhand = 0; logs = ""
		report = report sprintf("%s  %s\n", ex, $3)
		next
	}
	$1 == "error" {
		report = report "  " $2 "\n"
		tests = tests (tests == "" ? "" : ",\n") sprintf("    {\"name\": %s, \"score\": 0, \"max_score\": 0, \"output\": %s}",
			json(ex), json($2))
		next
	}
	$1 == "test" {
		flush()
		name = $2 (($3 == "host") ? "" : " (" $3 ")")
		got = $4; max = $5
		mark = $7 == "pass" ? "ok" : $7 == "manual" ? "HUMAN" : "FAIL"
		jmax = $6 == "manual" ? 0 : max
		exgot += got
		if ($6 == "manual") exhand += max; else exmax += max
		text = ""
		next
	}
	$1 == "log" {
		flush()
		sub(/^log\t/, "")
		logs = logs "  | " $0 "\n"
		next
	}
	{
		sub(/^\t/, "")
		text = text (text == "" ? "" : "\n") $0
	}
	END {
		exercise_done()
		head = sprintf("%s: %d of %d points%s", student, total, totalmax,
			hand ? sprintf(", and %d more to be graded by hand", hand) : "")
		printf "%s\n\n%s", head, report >(dir "/report.txt")
		printf "{\n  \"score\": %d,\n  \"output\": %s,\n  \"tests\": [\n%s\n  ]\n}\n",
			total, json(head), tests >(dir "/results.json")
	}'
