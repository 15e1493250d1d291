#!/bin/sh
# Benchmark lines for `make bench`: the whole book from scratch, then the
# rebuild after one chapter is touched, all formats and the HTML page alone.
# Run from the top of the tree, after a full build.
set -u
b=build
jobs=$(nproc)
page=$(ls chapters/[0-9][0-9]-*.md 2>/dev/null | head -n 1)
page=${page:-book/front/using.md}

# Seconds taken by make of the given book targets.
timed() {
	t0=$(date +%s.%N)
	MAKEFLAGS= make --no-print-directory -j"$jobs" "$@" >/dev/null || exit 1
	date +%s.%N | awk -v t0="$t0" '{ printf "%.1f s\n", $1 - t0 }'
}

rm -rf $b/book $b/html $b/pdf $b/figures $b/book.pdf $b/book.epub
echo "book: full build $(timed book) ($jobs jobs)"
touch "$page"
echo "book: rebuild after touching one chapter $(timed book) ($page)"
touch "$page"
echo "book: HTML page after touching one chapter $(timed book-html)"
