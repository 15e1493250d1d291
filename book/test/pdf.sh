#!/bin/sh
# TAP: the PDF's pages are laid out as a book's should be.  No word runs
# into the right margin, a code line no more than prose; and no page but
# the table of contents has "Contents" for its running header (unnumbered
# chapters used to leave it there).
#
#   pdf.sh BOOK.pdf
set -u
pdf=$1
echo 1..2

# The right edge of the text block is where most lines end, justified; a
# word may stick out by the hyphen or the full stop that microtype lets
# protrude, not more.
over=$(pdftotext -bbox "$pdf" - | awk -F '"' '
	/<page / { page++ }
	/<word / {
		n++; p[n] = page; x[n] = $6 + 0; w[n] = $0
		line = page " " sprintf("%.0f", $8)
		if (x[n] > end[line]) end[line] = x[n]
	}
	END {
		for (l in end) ends[sprintf("%.0f", end[l])]++
		for (e in ends) if (ends[e] > ends[right]) right = e
		for (i = 1; i <= n; i++) if (x[i] > right + 3) {
			sub(/.*">/, "", w[i]); sub(/<.*/, "", w[i])
			printf "page %d: %s (%.0f pt over)\n", p[i], w[i], x[i] - right
		}
	}')
if [ -z "$over" ]; then
	echo "ok 1 - no word crosses the right margin"
else
	echo "not ok 1 - no word crosses the right margin"
	echo "$over" | sed 's/^/# /'
fi

# Pages end with a form feed; a page's header is its first line of text.
heads=$(pdftotext -layout "$pdf" - | awk -v RS='\f' '
	{ sub(/^[ \t\n]*/, ""); sub(/\n.*/, ""); sub(/[ \t]*$/, "") }
	$0 == "Contents" { printf " %d", NR }')
if [ "$(echo "$heads" | wc -w)" -le 1 ]; then
	echo "ok 2 - one page begins with \"Contents\": the table of contents"
else
	echo "not ok 2 - one page begins with \"Contents\": the table of contents, not pages" $heads
fi
