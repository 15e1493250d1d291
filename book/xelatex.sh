#!/bin/sh
# Typeset DIR/NAME.tex into DIR/NAME.pdf.
#
#   xelatex.sh XDVSPLICE DIR/NAME.tex [CHANGED...]
#
# CHANGED are the files newer than the PDF (make's $?).  When they are one
# page of the book, DIR/pages/PAGE.tex, only that page is typeset again:
# xelatex with \includeonly{pages/PAGE} (see \bookpart in
# defaults/latex-book.yaml) writes that part's pages alone, with the page
# numbers and counters the other parts' .aux files give it, and XDVSPLICE
# puts them in place of the part's old pages in the whole book's XDV,
# NAME-all.xdv, which xdvipdfmx turns into the PDF: 1.2 s instead of 2.6 s
# for the 116-page bench book.  The result is the book a whole run would
# typeset as long as the page's .aux file comes out as it was (the same
# page count, labels and table-of-contents lines): the other parts were
# typeset from that same .aux.  When it does not, or on anything else, the
# whole book is typeset, as many times as it takes for the table of
# contents and the .aux files to come out as the run before left them: one
# run usually, a second (rarely a third) when they moved.
#
# Output goes to NAME.log; on error its last lines are shown.  NAME.typeset
# says what the last build typeset: the page, or the whole book and how
# many runs it took.
set -u
splice=$1 tex=$2
shift 2
dir=$(dirname "$tex") name=$(basename "$tex" .tex)
case $splice in /*) ;; *) splice=$PWD/$splice ;; esac
cd "$dir" || exit 1

# xelatex ARGS: one run; on error, the log's first error, and false.
run() {
	xelatex -no-pdf -interaction=batchmode -halt-on-error "$@" >/dev/null 2>&1 && return
	echo "xelatex.sh: $tex failed, see $dir/$name.log:" >&2
	grep -A 8 '^!' "$name.log" >&2 || tail -n 20 "$name.log" >&2
	return 1
}

# pdf WHAT: record what this build typeset, and end with the PDF of the
# whole book's XDV.
pdf() {
	echo "$1" >"$name.typeset"
	exec xdvipdfmx -q -E -o "$name.pdf" "$name-all.xdv"
}

# The one page changed, and its part number: its place among the
# \bookpart lines.
page=
if [ $# -eq 1 ] && [ -f "$name-all.xdv" ]; then
	case $1 in "$dir"/pages/*.tex) page=pages/$(basename "$1" .tex) ;; esac
fi
part=$(grep '^\\bookpart{' "$name.tex" | grep -n -F "{$page}" | cut -d: -f1)
if [ -n "$page" ] && [ -n "$part" ] && [ -f "$page.aux" ] && [ -f "$name.aux" ]; then
	cp "$page.aux" "$page.aux.before"
	cp "$name.aux" "$name.aux.before"
	# The partial run writes a main .aux that counts its own pages only,
	# and on error, half a page's .aux: both go back as they were.
	if ! run "\\def\\bookonly{$page}\\input{$name.tex}"; then
		mv "$page.aux.before" "$page.aux"
		mv "$name.aux.before" "$name.aux"
		exit 1
	fi
	mv "$name.aux.before" "$name.aux"
	if cmp -s "$page.aux" "$page.aux.before" &&
		"$splice" "$name-all.xdv" "$name.xdv" "$part" "$name-all.xdv.tmp"; then
		rm -f "$page.aux.before" "$name.xdv"
		mv "$name-all.xdv.tmp" "$name-all.xdv"
		pdf "$page"
	fi
	rm -f "$page.aux.before" "$name-all.xdv.tmp"
fi

for run in 1 2 3; do
	cat "$name.toc" "$name.aux" pages/*.aux >"$name.before" 2>/dev/null
	run "$name.tex" || exit 1
	cat "$name.toc" "$name.aux" pages/*.aux 2>/dev/null | cmp -s - "$name.before" && break
done
rm -f "$name.before"
mv "$name.xdv" "$name-all.xdv"
pdf "the whole book (xelatex runs: $run)"
