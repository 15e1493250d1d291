#!/bin/sh
# TAP: numbering, cross-references and incremental rebuilds, on the fixture
# book in book/test/mini (front matter, chapters 01 and 03, back matter,
# one figure of each kind).  It builds a copy under OUT, so that it can
# edit the copy and watch what gets rebuilt.  Run from the top of the tree.
#
#   minibook.sh OUT
set -u
out=$1
src=$out/src
rm -rf "$out"
mkdir -p "$out"
cp -R book/test/mini "$src"
n=0

check() {
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
	fi
}
has() { tr "\n" " " <"$out/html/$1" | grep -qF -- "$2"; }

build() {
	MAKEFLAGS= make -j2 -f book/book.mk B="$out" BOOK_FRONT_DIR="$src/front" \
		BOOK_CHAPTER_DIR="$src/chapters" BOOK_BACK_DIR="$src/back" \
		BOOK_FIG_DIR="$src/figures" BOOK_PREREQS= "$@" >"$out/make.log" 2>&1
}
stamp() { stat -c %y "$out/html/$1"; }
now() { date +%s.%N; }

echo 1..18

desc="the fixture book builds (HTML, EPUB, PDF)" check build book
sed 's/^/# /' "$out/make.log"

desc="chapter 03 is numbered 3, from its file name" \
	check has 03-beta.html '<h1 id="sec:beta"><span class="secno">3</span> Beta</h1>'
desc="sections N.M.K and figures N.K" \
	check has 01-alpha.html '<span class="secno">1.1.1</span> Deeper'
desc="figure captions read Figure N.K" check has 01-alpha.html '<figcaption aria-hidden="true">Figure 1.2: A box'
desc="front matter is not numbered" check has preface.html 'id="preface-preface">Preface</h1>'
desc="a reference to another page links to that page" \
	check has 01-alpha.html '<a href="03-beta.html#fig:beta-plot">Figure 3.1</a>'
desc="a reference to an unnumbered section shows its title" \
	check has 01-alpha.html '<a href="preface.html#preface-unnumbered-too">Unnumbered too</a>'

pdftotext "$out/book.pdf" "$out/book.txt"
desc="the PDF numbers as the HTML does" check sh -c "grep -q '^Figure 3.1: A plot of a data file' '$out/book.txt' &&
	grep -q '^1.1.1 Deeper' '$out/book.txt' && grep -q 'Across pages: Figure 3.1 lives' '$out/book.txt'"
desc="the EPUB numbers as the HTML does" check sh -c "pandoc -f epub -t html '$out/book.epub' | tr '\\n' ' ' | grep -q '>Figure 3.1</a> lives in'"
desc="SVG figures lose their DOCTYPE" check sh -c "! grep -q DOCTYPE '$out/html/figures/01-alpha/box.svg'"
build -n -W book/test/mini/figures/03-beta/plot.dat "$out/figures/03-beta/plot.svg"
desc="a gnuplot figure is redrawn when its # data: file changes" check grep -q gnuplot "$out/make.log"
desc="a listing is named by its file and shows the region" \
	check has 01-alpha.html '<code>book/test/include/listing.c</code>'
build -n -W book/test/include/listing.c book-html
desc="an edit to an included file redoes only the pages that include it" check sh -c \
	"grep -q -- '-M page=01-alpha -M part' '$out/make.log' && ! grep -q -- '-M page=03-beta -M part' '$out/make.log'"

# A prose edit: only that page is rendered again.
alpha=$(stamp 01-alpha.html) preface=$(stamp preface.html) beta=$(stamp 03-beta.html)
echo "A new paragraph." >>"$src/chapters/03-beta.md"
t0=$(now)
build book-html
echo "# rebuilt the fixture's HTML after a prose edit in $(now | awk -v t0="$t0" '{ printf "%.2f", $1 - t0 }') s"
desc="a prose edit re-renders its page" check test "$(stamp 03-beta.html)" != "$beta"
desc="a prose edit re-renders no other page" \
	check test "$(stamp 01-alpha.html)$(stamp preface.html)" = "$alpha$preface"

# A new section moves the numbers other pages refer to.
sed -i 's/^## One/## Zero\n\n## One/' "$src/chapters/03-beta.md"
build book-html
desc="renumbering a page updates references from other pages" \
	check has 01-alpha.html '<a href="03-beta.html#sec:beta-one">Section 3.2</a>'

echo "See @fig:missing." >>"$src/chapters/03-beta.md"
build book-html
desc="an unresolved reference fails the build, naming it" \
	check grep -qx 'xref.lua: 03-beta: unresolved reference @fig:missing' "$out/make.log"
sed -i '/@fig:missing/d' "$src/chapters/03-beta.md"

sed -i 's/^# Notes/# Notes {#sec:beta}/' "$src/back/notes.md"
build book-html
desc="a label defined twice fails the build, naming both pages" \
	check grep -qx 'book.mk: label sec:beta is defined in 03-beta and in notes' "$out/make.log"
