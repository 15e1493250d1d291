#!/bin/sh
# TAP: book/xdvsplice.c, built with ASan and UBSan, on the book's own XDV
# file: splicing each part of the book into itself gives the same book
# back, and bad input gets one line of error, exit status 1 and no output
# file.  (book/test/minibook.sh checks splices of parts typeset again.)
# Run from the top of the tree.
#
#   xdvsplice.sh BOOK.xdv WORK
set -u
book=$1 work=$2
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
# xdvipdfmx finds the figures from the book's folder.
pdf() { (cd "$(dirname "$book")" && xdvipdfmx -q -E -o "$2" "$1"); }
n=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
}

tool=$work/xdvsplice
cc -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -o "$tool" book/xdvsplice.c || exit 1
# The parts are numbered from 1 in book order; the title and contents are
# part 0, never spliced.  Count them from the book's \bookpart lines.
parts=$(grep -c '^\\bookpart{' "$(dirname "$book")/book.tex")
echo "1..$((parts + 6))"

pdf "$(basename "$book")" "$work/book.pdf" || exit 1
pdftotext "$work/book.pdf" "$work/book.txt"
k=1
while [ "$k" -le "$parts" ]; do
	desc="part $k spliced into the book from the book itself gives the same text"
	if "$tool" "$book" "$book" "$k" "$work/out.xdv" 2>"$work/err" &&
		pdf "$work/out.xdv" "$work/out.pdf" &&
		pdftotext "$work/out.pdf" - | cmp -s - "$work/book.txt"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$work/err"
	fi
	k=$((k + 1))
done

# bad ARGS... -- REASON: xdvsplice fails with status 1, one line that
# starts with "xdvsplice: " and has REASON, and writes no output file.
bad() {
	desc=$1
	shift
	rm -f "$work/bad.xdv"
	"$tool" "$@" "$work/bad.xdv" 2>"$work/err"
	status=$?
	if [ "$status" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ] &&
		grep -q "^xdvsplice: .*$reason" "$work/err" && [ ! -e "$work/bad.xdv" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $status)"
		sed 's/^/#   /' "$work/err"
	fi
}
: >"$work/empty.xdv"
head -c "$(($(wc -c <"$book") / 2))" "$book" >"$work/half.xdv"
# A file that ends like an XDV file but whose pages stop half-way.
{
	head -c 4000 "$book"
	tail -c 64 "$book"
} >"$work/cut.xdv"
reason="not an XDV file" bad "an empty file is not XDV" "$work/empty.xdv" "$book" 1
reason="not an XDV file" bad "a PDF is not XDV" "$book" "$work/book.pdf" 1
reason="no postamble" bad "a file cut in half has no postamble" "$work/half.xdv" "$book" 1
reason="pointer\|command\|ends in the middle" \
	bad "a file with pages missing is refused, not read past its end" "$work/cut.xdv" "$book" 1
reason="no page of part 999" bad "a part with no page" "$book" "$book" 999
reason="not a part number" bad "a part number that is not one" "$book" "$book" x
