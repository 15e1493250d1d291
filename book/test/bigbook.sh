#!/bin/sh
# Writes a fixture book the size the real one will have: front matter,
# seven chapters of about fourteen PDF pages each and back matter, with
# listings, runs, tables, figures and references across pages, and three
# exercises a chapter with their solutions.  bench.sh times the book's
# build on it.  The prose is made up, but from a fixed seed: every run
# writes the same book.  Run from the top of the tree.
#
#   bigbook.sh DIR      writes DIR/{front,chapters,back,figures,exercises,solutions}
set -eu
dir=$1
rm -rf "$dir"
mkdir -p "$dir/front" "$dir/chapters" "$dir/back"

chapters="01-layout 02-paging 03-allocators 04-iomem 05-remap 06-cache 07-devres"
for c in $chapters; do
	mkdir -p "$dir/figures/$c"
	cp book/test/mini/figures/01-alpha/graph.dot book/test/mini/figures/01-alpha/box.svg \
		book/test/mini/figures/03-beta/plot.gp "$dir/figures/$c/"
done

# One page of Markdown: KIND is front, chapter or back, N the chapter's
# number (its seed), ID its page id.
page() {
	awk -v kind="$1" -v n="$2" -v id="$3" '
	BEGIN {
		srand(n)
		nw = split("page frame zone node kernel memory mapping table entry " \
			"address range allocator cache slab buddy order region " \
			"the the a a of of to to in in is is and and that that which " \
			"when every each first last some most small large virtual " \
			"physical user space kernel reclaim fault walk flush lock " \
			"holds returns maps frees splits merges reads writes keeps", words, " ")
		ncode = split("mm->mmap_lock|struct page|vm_area_struct|alloc_pages()|" \
			"/proc/PID/maps|/sys/kernel/debug/|GFP_KERNEL|__free_pages()|" \
			"build/vm/run/amd64/01-layout/layout/result.tap|" \
			"modules/03-allocators/test/buddy-order-stress.sh", code, "|")
		if (kind == "statement") {
			para(70)
			printf "```\nmake check-exercise EX=%s\n```\n\n", id
			para(50)
			exit
		}
		if (kind == "chapter") {
			printf "# Chapter %d of the fixture {#sec:c%d}\n\n", n, n
		} else {
			printf "# The %s matter\n\n", kind
		}
		para(80)
		for (s = 1; s <= (kind == "chapter" ? 6 : 2); s++) {
			printf "## Section %d, on %s {#sec:c%d-%d}\n\n", s, words[int(rand() * 18) + 1], n, s
			para(110)
			para(90)
			if (kind == "chapter") {
				section(s)
			}
		}
	}
	function section(s) {
		if (n > 1) {
			printf "As @sec:c%d-%d showed, and as @fig:c%d-graph draws it, ", n - 1, s, n - 1
			para(60)
		}
		printf "```{.c include=\"book/test/include/listing.c\" region=\"greet_all\"}\n```\n\n"
		para(100)
		printf "### Under the hood\n\n"
		para(120)
		if (s % 2 == 0) {
			printf "```{.console run=\"book/test/include/script.sh %s\"}\n```\n\n", \
				"ok_12_-_amd64_01-layout/layout_512M:_vmas:_file_mappings_have_the_offsets_of_/proc/PID/maps"
			printf "```{.lua include=\"book/filters/bookmap.lua\"}\n```\n\n"
		} else {
			printf "| Field | Meaning | Where it is set |\n|---|---|---|\n"
			for (r = 1; r <= 5; r++) {
				printf "| `%s` | ", code[int(rand() * ncode) + 1]
				para_inline(12)
				printf " | `%s` |\n", code[int(rand() * ncode) + 1]
			}
			printf "\n"
		}
		para(90)
		fig = s == 1 ? "graph" : s == 3 ? "box" : s == 5 ? "plot" : ""
		if (fig != "") {
			printf "![The %s of chapter %d](figures/%s/%s){#fig:c%d-%s}\n\n", fig, n, id, fig, n, fig
			para(70)
		}
	}
	function para_inline(len,   i, w) {
		for (i = 1; i <= len; i++) {
			w = words[int(rand() * nw) + 1]
			if (rand() < 0.04) {
				w = "`" code[int(rand() * ncode) + 1] "`"
			} else if (rand() < 0.01) {
				w = "$2^{" int(rand() * 30) "}$"
			}
			printf "%s%s", (i > 1 ? " " : ""), w
		}
	}
	function para(len) {
		para_inline(len)
		printf ".\n\n"
	}'
}

page front 0 preface >"$dir/front/preface.md"
n=0
for c in $chapters; do
	n=$((n + 1))
	page chapter $n "$c" >"$dir/chapters/$c.md"
done
page back 99 notes >"$dir/back/notes.md"

# Exercises of each kind that has a statement of its own: code for the
# host, code for the VM, and a question graded by hand.
n=0
for c in $chapters; do
	n=$((n + 1))
	nn=${c%%-*}
	for k in 1 2 3; do
		ex=$dir/exercises/$c/$nn.$k-fixture sol=$dir/solutions/$c/$nn.$k-fixture
		mkdir -p "$ex" "$sol"
		page statement $((n * 10 + k)) "$nn.$k" >"$ex/statement.md"
		case $k in
		1) kind="sim
build:   sim/$c/fixture.c" file=fixture$k.c ;;
		2) kind="module
targets: amd64 i386" file=fixture$k.c ;;
		3) kind=open file=answer$k.md ;;
		esac
		cat >"$ex/manifest" <<-EOF
		title:   Exercise $k of chapter $n
		kind:    $kind
		files:   $file
		$([ "$k" = 3 ] || echo "script:  fixture.sh")
		test: one     3      $([ "$k" = 3 ] && echo manual || echo core)   The first thing to get right.
		test: two     2      $([ "$k" = 3 ] && echo manual || echo extra)  The second thing to get right.
		EOF
		if [ "$k" = 3 ]; then
			echo "(a)" >"$ex/$file"
			page statement $((n * 10 + k + 100)) "$nn.$k" >"$sol/$file"
		else
			echo "/* TODO (exercise $nn.$k) */" >"$ex/$file"
			cp book/test/include/listing.c "$sol/$file"
		fi
	done
done
