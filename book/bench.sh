#!/bin/sh
# Benchmark lines for `make bench`: the book's build, from scratch, then
# after a prose edit to one chapter, all formats and the HTML pages alone.
# It builds the fixture of book/test/bigbook.sh, the size the whole book
# will have (seven chapters with exercises, over 100 PDF pages), under
# build/bench/book/: the numbers do not depend on how much of the real
# book is written yet, and the edits touch no real chapter.  Run from the
# top of the tree.
set -u
out=build/bench/book
src=$out/src
jobs=$(nproc)
sh book/test/bigbook.sh "$src"
rm -rf "$out/out"

# Wall-clock and CPU seconds taken by make of the given book targets: the
# machine may be busy with other work, which shows as wall time only.
# `times` prints, on its second line, the CPU time of this shell's
# children, in minutes and seconds.
timed() {
	t0=$(date +%s.%N)
	times >"$out/cpu0"
	MAKEFLAGS= make --no-print-directory -j"$jobs" -f book/book.mk B="$out/out" \
		BOOK_FRONT_DIR="$src/front" BOOK_CHAPTER_DIR="$src/chapters" \
		BOOK_BACK_DIR="$src/back" BOOK_FIG_DIR="$src/figures" \
		BOOK_EX_DIR="$src/exercises" BOOK_SOL_DIR="$src/solutions" \
		BOOK_PREREQS= "$@" >"$out/make.log" 2>&1 || { cat "$out/make.log" >&2; exit 1; }
	times >"$out/cpu1"
	date +%s.%N | awk -v t0="$t0" -v c0="$out/cpu0" -v c1="$out/cpu1" '
	function cpu(file,   line, f, i, t, s) {
		getline line <file
		getline line <file
		split(line, f, " ")
		for (i = 1; i <= 2; i++) {
			split(f[i], t, "m")
			s += t[1] * 60 + t[2]
		}
		return s
	}
	{ printf "%.1f s (%.1f s CPU)", $1 - t0, cpu(c1) - cpu(c0) }'
}

chapter=$src/chapters/03-allocators.md
full=$(timed book)
pages=$(pdfinfo "$out/out/book.pdf" | awk '/^Pages:/ { print $2 }')
echo "book: full build $full, $pages PDF pages, $jobs jobs (goal <= 20 s)"
echo "A sentence more." >>"$chapter"
echo "book: rebuild after a prose edit to one chapter $(timed book) (goal <= 2 s)"
echo "Another sentence." >>"$chapter"
echo "book: HTML after a prose edit to one chapter $(timed book-html)"
