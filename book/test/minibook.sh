#!/bin/sh
# TAP: numbering, cross-references, exercises, the two editions and
# incremental rebuilds, on the fixture book in book/test/mini (front
# matter, chapters 01 and 03, back matter, one figure of each kind, three
# exercises of chapter 01 with their solutions).  It builds a copy under
# OUT, so that it can edit the copy and watch what gets rebuilt.  Run from
# the top of the tree.
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
# holds FILE TEXT: FILE, under OUT, has TEXT, line breaks aside.
holds() { tr "\n" " " <"$out/$1" | grep -qF -- "$2"; }
has() { holds "html/$1" "$2"; }
# has_all PAGE TEXT...: the page has every TEXT.
has_all() {
	page=$1
	shift
	for text; do has "$page" "$text" || return 1; done
}

build() {
	MAKEFLAGS= make -j2 -f book/book.mk B="$out" BOOK_FRONT_DIR="$src/front" \
		BOOK_CHAPTER_DIR="$src/chapters" BOOK_BACK_DIR="$src/back" \
		BOOK_FIG_DIR="$src/figures" BOOK_EX_DIR="$src/exercises" BOOK_SOL_DIR="$src/solutions" \
		BOOK_PREREQS= "$@" >"$out/make.log" 2>&1
}
stamp() { stat -c %y "$out/html/$1"; }
now() { date +%s.%N; }

echo 1..45

# Enough words for the preface to run onto a second page, under a running
# header of its own.
awk 'BEGIN { for (i = 0; i < 1200; i++) printf "Filler%s", i % 12 == 11 ? ".\n" : " "; print "" }' \
	>>"$src/front/preface.md"

desc="the fixture book builds (HTML, EPUB, PDF)" check build book
sed 's/^/# /' "$out/make.log"
desc="so does its instructor edition" check build EDITION=instructor book
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
sh book/test/pdf.sh "$out/book.pdf" >"$out/pdf.tap"
desc="the PDF wraps long code lines and gives front matter its running header" \
	check sh -c "! grep -q '^not ok' '$out/pdf.tap' && test \$(grep -c '^ok' '$out/pdf.tap') -eq 2"
sed 's/^/# /' "$out/pdf.tap"
desc="SVG figures lose their DOCTYPE" check sh -c "! grep -q DOCTYPE '$out/html/figures/01-alpha/box.svg'"
build -n -W book/test/mini/figures/03-beta/plot.dat "$out/figures/03-beta/plot.svg"
desc="a gnuplot figure is redrawn when its # data: file changes" check grep -q gnuplot "$out/make.log"
desc="a listing is named by its file and shows the region" \
	check has 01-alpha.html '<code>book/test/include/listing.c</code>'
alpha=$(stamp 01-alpha.html) beta=$(stamp 03-beta.html)
build -W book/test/include/listing.c book-html
desc="an edit to an included file redoes only the pages that include it" \
	check test "$(stamp 01-alpha.html)" != "$alpha" -a "$(stamp 03-beta.html)" = "$beta"

desc="a chapter ends with its exercises, a numbered section" \
	check has 01-alpha.html '<h2 id="sec:01-alpha-exercises"><span class="secno">1.4</span> Exercises</h2>'
desc="an exercise shows its title, kind, points, statement, files and command" check has_all 01-alpha.html \
	'<h3 class="unnumbered" id="ex:01.1">Exercise 01.1: The first element</h3>' \
	'<em>Simulation code, graded on your machine.</em> <strong>4 points.</strong>' \
	'returns the value of the first element of a list, as <a href="#sec:alpha-first">Section 1.1</a>' \
	'<code>'"$src"'/exercises/01-alpha/01.1-first/first.c</code>' '<code>make check-exercise EX=01.1</code>'
desc="a statement's headings go under its exercise's" \
	check has 01-alpha.html '<h4 class="unnumbered" id="01-alpha-ex-01.1-hints">Hints</h4>'
desc="exercises come in the order of their numbers, 01.2 before 01.10" check sh -c \
	"grep -o 'id=\"ex:[^\"]*\"' '$out/html/01-alpha.html' | tr '\n' ' ' | grep -qx 'id=\"ex:01.1\" id=\"ex:01.2\" id=\"ex:01.10\" '"
desc="a chapter without exercises has no Exercises section" check sh -c "! grep -q 'Exercises' '$out/html/03-beta.html'"
desc="a reference to an exercise reads Exercise NN.K" \
	check has 03-beta.html '<a href="01-alpha.html#ex:01.1">Exercise 01.1</a>'
desc="the student edition has neither solutions nor a grading guide" check sh -c \
	"! ls '$out/html' | grep -q -e solutions -e grading && ! grep -rq -e quokka -e 'Solution' '$out/html'"
desc="the instructor edition's appendix has each test and the solution's files" check has_all \
	../instructor/html/solutions.html 'id="sol:01.1">Exercise 01.1: The first element</h2>' \
	'<td style="text-align: left;">Return the head' 'list_head_value_of_the_quokka' \
	'<div class="model-answer">' 'wombat pages'
desc="its chapters link each exercise to its solution" \
	check has ../instructor/html/01-alpha.html '<a href="solutions.html#sol:01.1">Solution 01.1</a>'
desc="its grading guide lists the exercises" \
	check has ../instructor/html/grading.html '<a href="01-alpha.html#ex:01.10">Exercise 01.10</a>'
book/test/epubcheck.sh "$out/instructor/book.epub" >"$out/epubcheck.tap"
desc="the instructor edition's EPUB passes epubcheck" check sh -c "test \$(grep -c '^ok' '$out/epubcheck.tap') -eq 2"
leak() {
	book/test/leak.sh "$src/exercises" "$src/solutions" "$1" "$out/instructor" \
		"$src"/front/*.md "$src"/chapters/*.md "$src"/back/*.md >"$out/leak.tap"
	sed 's/^/# /' "$out/leak.tap"
}
leak "$out"
desc="leak.sh: no solution line in the student edition, all of them in the instructor's" \
	check sh -c "! grep -q -e '^not ok' -e SKIP '$out/leak.tap' && test \$(grep -c '^ok' '$out/leak.tap') -eq 6"
leak "$out/instructor"
desc="leak.sh fails when the edition it checks shows solutions" \
	check test "$(grep -c '^not ok .* found in html pdf epub$' "$out/leak.tap")" -eq 3
desc="exercises.lua refuses to show solutions in the student edition" check sh -c "
	printf '# Page\n\n::: solutions\n:::\n' | pandoc -f markdown -t json -o /dev/null \
	--lua-filter book/filters/exercises.lua -M exercises=/dev/null -M edition=student \
	-M exdir=x -M soldir=y -M page=p -M part=back 2>&1 |
	grep -qx 'exercises.lua: a solutions Div in the student edition: solutions are for the instructor edition only'"

# A statement edit: only its chapter's page is rendered again.
beta=$(stamp 03-beta.html)
echo "A sentence added to the statement." >>"$src/exercises/01-alpha/01.1-first/statement.md"
build book-html
desc="a statement edit re-renders its chapter's page, and no other" check sh -c \
	"test '$(stamp 03-beta.html)' = '$beta' && grep -q 'A sentence added to the statement.' '$out/html/01-alpha.html'"

# A new exercise, its files older than the page: no edit to the build.
cp -R "$src/exercises/01-alpha/01.2-essay" "$src/exercises/01-alpha/01.3-again"
sed -i 's/^title: .*/title:   Again, with old files/' "$src/exercises/01-alpha/01.3-again/manifest"
touch -d '2001-01-01' "$src/exercises/01-alpha/01.3-again" "$src/exercises/01-alpha/01.3-again"/*
build book-html
desc="a new exercise folder shows, even with files older than the page" \
	check has 01-alpha.html 'id="ex:01.3">Exercise 01.3: Again, with old files'
rm -r "$src/exercises/01-alpha/01.3-again"
build book-html
desc="a deleted exercise folder goes" check sh -c "! grep -q 'ex:01.3\"' '$out/html/01-alpha.html'"

# A prose edit: only that page is rendered again.
build book
alpha_tex=$(stat -c %y "$out/pdf/pages/01-alpha.tex")
alpha=$(stamp 01-alpha.html) preface=$(stamp preface.html) beta=$(stamp 03-beta.html)
echo "A new paragraph." >>"$src/chapters/03-beta.md"
t0=$(now)
build book-html
echo "# rebuilt the fixture's HTML after a prose edit in $(now | awk -v t0="$t0" '{ printf "%.2f", $1 - t0 }') s"
desc="a prose edit re-renders its page" check test "$(stamp 03-beta.html)" != "$beta"
desc="a prose edit re-renders no other page" \
	check test "$(stamp 01-alpha.html)$(stamp preface.html)" = "$alpha$preface"
# The PDF is one document, but its LaTeX is written page by page.
build book-pdf
sed 's/^/# /' "$out/make.log"
desc="a prose edit rewrites its page's LaTeX, and no other page's" check sh -c \
	"grep -q 'A new paragraph.' '$out/pdf/pages/03-beta.tex' &&
	test '$(stat -c %y "$out/pdf/pages/01-alpha.tex")' = '$alpha_tex'"
desc="the PDF shows the edit" check sh -c "pdftotext '$out/book.pdf' - | tr '\\n' ' ' | grep -q 'A new paragraph.'"
desc="a prose edit typesets its page again for the PDF, and no other" \
	check grep -qx 'pages/03-beta' "$out/pdf/book.typeset"
# same_as_whole: the PDF, with its page spliced in, is the one xelatex
# typesets from the whole book: the same text, links, named destinations
# and outline (the subset fonts' random name prefixes aside).
same_as_whole() {
	rm -rf "$out/whole"
	cp -R "$out/pdf" "$out/whole"
	book/xelatex.sh "$out/tools/xdvsplice" "$out/whole/book.tex" || return 1
	for f in pdf whole; do
		{
			pdftotext "$out/$f/book.pdf" -
			pdfinfo -dests "$out/$f/book.pdf"
			pdftohtml -xml -i -stdout "$out/$f/book.pdf" | sed 's/"[A-Z]\{6\}+/"/'
		} >"$out/$f.txt"
	done
	cmp "$out/pdf.txt" "$out/whole.txt"
}
desc="the PDF with the page spliced in is the whole book's: text, links, anchors, outline" \
	check same_as_whole
hl=$(ls "$out/book/hl" | wc -l)
desc="the listings are highlighted once: a prose edit adds nothing to the cache" \
	check test "$hl" -gt 0 -a "$(ls "$out/book/hl" | wc -l)" -eq "$hl"
desc="code from the cache keeps its colours: HTML spans, the EPUB's style, the PDF's macros" check sh -c "
	grep -q '<code class=\"sourceCode c\"><span id=\"code-1-1\"><a href=\"#code-1-1\" aria-hidden=\"true\" tabindex=\"-1\"></a><span class=\"dt\">' '$out/html/01-alpha.html' &&
	unzip -p '$out/book.epub' EPUB/text/ch002.xhtml | grep -q 'code span.dt' &&
	grep -q 'DataTypeTok' '$out/pdf/pages/01-alpha.tex'"

# A front-matter page, numbered in roman, spliced the same way.
echo "A line more for the preface." >>"$src/front/preface.md"
build book-pdf
desc="a front-matter page is spliced in the same way" \
	check eval "grep -qx pages/preface '$out/pdf/book.typeset' && same_as_whole"
# A page that grows moves every later page: the whole book again.
pages=$(pdfinfo "$out/book.pdf" | awk '/^Pages:/ { print $2 }')
awk 'BEGIN { for (i = 0; i < 90; i++) print "A paragraph to fill a page.\n" }' >>"$src/chapters/03-beta.md"
build book-pdf
desc="a page that runs onto a new page typesets the whole book again" check sh -c "
	grep -q '^the whole book' '$out/pdf/book.typeset' &&
	test \$(pdfinfo '$out/book.pdf' | awk '/^Pages:/ { print \$2 }') -gt $pages"

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
