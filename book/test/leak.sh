#!/bin/sh
# TAP: no reference solution shows through the student edition, and the
# search would see one if it did.
#
#   leak.sh EXDIR SOLDIR STUDENT INSTRUCTOR SOURCE...
#
# STUDENT and INSTRUCTOR are the output folders of the two editions (html/,
# book.pdf, book.epub, and book/ with the build's own lists); SOURCE... the
# pages the student edition is built from.
#
# What is searched for: each line of a file under SOLDIR that its starter
# (the file of the same name under EXDIR) does not have, reduced to its
# letters and digits, if 20 or more are left.  So are the three editions
# (HTML files, `pdftotext` of the PDF, every file of the EPUB) once their
# tags are gone: a line is found whatever markup, line breaks, hyphens or
# highlighting the format wrapped around it.  A line that the student
# edition's own sources hold too (a listing of the chapter's module that
# the solution repeats, a line the statement quotes) is public anyway: it
# is left out, and counted.
#
# For each solution file: not one of its lines in the student edition; and,
# to prove that the search works, some of them in each format of the
# instructor edition, which prints every solution.  A file none of whose
# lines is left to search for, or whose chapter is not in the book yet, is
# skipped, saying so.
set -u
exdir=$1 soldir=$2 student=$3 instructor=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# Letters and digits only, lower case, on one line.
squeeze() { tr -cd 'A-Za-z0-9' | tr 'A-Z' 'a-z'; echo; }
# Markup out first: tags (not comments, whose text is there to read in the
# source of a page), and character entities.
unmark() { tr '\n' ' ' | sed 's/<[A-Za-z/][^>]*>//g; s/&[#A-Za-z0-9]*;//g' | squeeze; }

# The text of each format of an edition: ROOT NAME.
texts() {
	find "$1/html" -type f ! -name '*.pdf' ! -name '*.epub' -exec cat {} + | unmark >"$tmp/$2-html"
	pdftotext "$1/book.pdf" - | squeeze >"$tmp/$2-pdf"
	unzip -p "$1/book.epub" | unmark >"$tmp/$2-epub"
}
texts "$student" student
texts "$instructor" instructor

# The student edition's sources: its pages, the files they include (the
# depfiles name them), and its exercises' manifests and statements.
{
	cat "$@"
	awk 'FNR == 1 { for (i = 2; i <= NF; i++) print $i }' "$student"/book/dep/*.d
	sed 's|/manifest$||' "$student"/book/ex/*.list | while read -r d; do
		[ -n "$d" ] && echo "$d/manifest" && echo "$d/statement.md"
	done
} 2>/dev/null | grep -v "^$soldir/" | sort -u | while read -r f; do
	[ -f "$f" ] && grep -Iq . "$f" && cat "$f"
done | squeeze >"$tmp/sources"

# FILE<TAB>NEEDLE for each line worth searching for.  Markdown loses its
# list markers, which HTML turns into tags.
find -L "$soldir" -type f | sort >"$tmp/files"
while read -r sol; do
	starter=$exdir/${sol#"$soldir"/}
	[ -f "$starter" ] || starter=/dev/null
	awk -v sol="$sol" '
	function squeeze(s) {
		if (sol ~ /\.md$/)
			sub(/^[ \t]*([-*+>#]+|\(?[A-Za-z0-9]+[.)])[ \t]+/, "", s)
		s = tolower(s)
		gsub(/[^a-z0-9]/, "", s)
		return s
	}
	FILENAME == ARGV[1] { have[squeeze($0)] = 1; next }
	{ s = squeeze($0) }
	length(s) >= 20 && !(s in have) && !(s in seen) { seen[s] = 1; print sol "\t" s }
	' "$starter" "$sol"
done <"$tmp/files" >"$tmp/needles"

# found NAME: the needles that occur in text NAME, one a line.
found() {
	cut -f 2 "$tmp/needles" | sort -u >"$tmp/patterns"
	[ ! -s "$tmp/patterns" ] || grep -oFf "$tmp/patterns" "$tmp/$1" | sort -u
}

# Lines the student edition's sources hold are not searched for.
found sources >"$tmp/public"
awk -F '\t' 'FILENAME == ARGV[1] { public[$0] = 1; next }
	$2 in public { print $1 >"/dev/stderr"; next } { print }' \
	"$tmp/public" "$tmp/needles" >"$tmp/secret" 2>"$tmp/public-files"
mv "$tmp/secret" "$tmp/needles"
for t in student-html student-pdf student-epub instructor-html instructor-pdf instructor-epub; do
	found "$t" >"$tmp/hit-$t"
done

# count FILE [TEXT]: how many needles FILE has, or how many occur in TEXT.
count() {
	awk -F '\t' -v file="$1" -v hits="${2:+$tmp/hit-$2}" '
	BEGIN { while (hits != "" && (getline l <hits) > 0) hit[l] = 1 }
	$1 == file && (hits == "" || $2 in hit) { n++ }
	END { print n + 0 }' "$tmp/needles"
}

pages=$(cat "$instructor/book/pages")
echo "1..$(($(wc -l <"$tmp/files") * 2))"
n=0
while read -r sol; do
	searched=$(count "$sol")
	public=$(grep -cxF "$sol" "$tmp/public-files")
	[ "$public" -eq 0 ] || echo "# $sol: $public lines are in the student edition's sources too, not searched for"
	chapter=${sol#"$soldir"/}
	chapter=${chapter%%/*}

	n=$((n + 1))
	if [ "$searched" -eq 0 ]; then
		echo "ok $n # SKIP $sol: no line of its own to search for"
	else
		hits=
		for f in html pdf epub; do
			[ "$(count "$sol" "student-$f")" -eq 0 ] || hits="$hits $f"
		done
		what="the student edition shows no line of $sol ($searched searched for)"
		if [ -z "$hits" ]; then
			echo "ok $n - $what"
		else
			echo "not ok $n - $what: found in$hits"
		fi
	fi

	n=$((n + 1))
	if [ "$searched" -eq 0 ]; then
		echo "ok $n # SKIP $sol: no line of its own to search for"
	elif ! echo " $pages " | grep -qF " $chapter "; then
		echo "ok $n # SKIP $sol: chapter $chapter is not in the book"
	else
		counts= missing=
		for f in html pdf epub; do
			c=$(count "$sol" "instructor-$f")
			counts="$counts $f $c/$searched,"
			[ "$c" -gt 0 ] || missing="$missing $f"
		done
		what="the instructor edition shows $sol, lines found:${counts%,}"
		if [ -z "$missing" ]; then
			echo "ok $n - $what"
		else
			echo "not ok $n - $what"
		fi
	fi
done <"$tmp/files"
