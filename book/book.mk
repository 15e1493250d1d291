# The book: build/html/ (one page per chapter), build/book.pdf, build/book.epub.
#
# Pandoc 2.17 cannot split a book into pages, so every page goes through
# two passes:
#
#   index   chapters/NN-slug.md -> $(BK)/ast/NN-slug.json
#           listings pulled in from real files and runs (filters/include.lua),
#           headings and figures numbered (filters/number.lua), plus the
#           page's labels ($(BK)/lab/) and search entries ($(BK)/find/)
#   render  each AST -> build/html/NN-slug.html, with the labels of all
#           pages ($(BK)/labels.tsv) to resolve @fig: and @sec: references;
#           all ASTs together -> book.epub and book.pdf
#
# A page's label and search files are rewritten only when their content
# changes, so a prose edit re-renders that page and the whole-book outputs,
# never the other pages.  Dependencies on included files and programs come
# from the depfiles include.lua writes.
#
# Works on its own too (make -f book/book.mk book), with the source
# directories below pointed elsewhere: that is how book/test/ builds its
# fixture book.

B ?= build
BK := $(B)/book

BOOK_FRONT_DIR   := book/front
BOOK_CHAPTER_DIR := chapters
BOOK_BACK_DIR    := book/back
BOOK_FIG_DIR     := figures

PANDOC := pandoc

# Page ids, in book order.  "index" is the title page.
BOOK_PAGES := $(basename $(notdir \
	$(sort $(wildcard $(BOOK_FRONT_DIR)/*.md)) \
	$(sort $(wildcard $(BOOK_CHAPTER_DIR)/[0-9][0-9]-*.md)) \
	$(sort $(wildcard $(BOOK_BACK_DIR)/*.md))))
BOOK_AST  := $(BOOK_PAGES:%=$(BK)/ast/%.json)
BOOK_LAB  := $(BOOK_PAGES:%=$(BK)/lab/%.lab)
BOOK_FIND := $(BOOK_PAGES:%=$(BK)/find/%.js)

# Figures, as FIGDIR/NN-slug/NAME.{dot,svg,gp} -> NN-slug/NAME.
BOOK_FIG_SRC := $(wildcard $(addprefix $(BOOK_FIG_DIR)/[0-9][0-9]-*/*.,dot svg gp))
BOOK_FIGS    := $(basename $(BOOK_FIG_SRC:$(BOOK_FIG_DIR)/%=%))
BOOK_FIG_SVG := $(BOOK_FIGS:%=$(B)/figures/%.svg)
BOOK_FIG_PDF := $(BOOK_FIGS:%=$(B)/figures/%.pdf)

BOOK_HTML := $(B)/html/index.html $(BOOK_PAGES:%=$(B)/html/%.html) \
	$(B)/html/search-index.js $(B)/html/assets/book.css $(B)/html/assets/book.js \
	$(BOOK_FIGS:%=$(B)/html/figures/%.svg)

# What each pass runs: a change to any of it redoes the pass.
BOOK_INDEX_TOOLS  := book/defaults/index.yaml book/filters/include.lua \
	book/filters/number.lua book/filters/bookmap.lua
BOOK_RENDER_TOOLS := book/metadata.yaml book/filters/xref.lua book/filters/bookmap.lua
BOOK_HTML_TOOLS   := $(BOOK_RENDER_TOOLS) book/defaults/html.yaml book/filters/site.lua \
	book/templates/page.html

.PHONY: book book-html book-epub book-pdf
book: book-html book-epub book-pdf
book-html: $(BOOK_HTML)
# The site links to its own copies, so that build/html/ can be moved alone.
book-epub: $(B)/book.epub $(B)/html/book.epub
book-pdf: $(B)/book.pdf $(B)/html/book.pdf

ALL += $(BOOK_HTML) $(B)/book.epub $(B)/html/book.epub $(B)/book.pdf $(B)/html/book.pdf

# ---- index pass ------------------------------------------------------------
# One rule per source directory, which fixes the page's part.  The filters
# also write the page's label and search files, but touch them only when
# their content changes; the empty recipes below let make see that, so an
# unchanged label file leaves every other page alone.
book_index = @mkdir -p $(BK)/ast $(BK)/lab $(BK)/find $(BK)/dep && \
	$(PANDOC) -d book/defaults/index.yaml -M page=$* -M part=$(1) \
	-M bookdir=$(BK) -M figdir=$(BOOK_FIG_DIR) \
	-M depfile=$(BK)/dep/$*.d -M deptarget=$@ -o $@ $<

$(BK)/ast/%.json: $(BOOK_FRONT_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,front)
$(BK)/ast/%.json: $(BOOK_CHAPTER_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,chapter)
$(BK)/ast/%.json: $(BOOK_BACK_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,back)
$(BK)/lab/%.lab: $(BK)/ast/%.json ;
$(BK)/find/%.js: $(BK)/ast/%.json ;

-include $(wildcard $(BK)/dep/*.d)

# The list of pages, rewritten only when a page comes or goes: what depends
# on all pages depends on it too, so a deleted chapter leaves no trace (its
# HTML page goes at once).
$(BK)/pages: FORCE
	@mkdir -p $(@D)
	@echo '$(BOOK_PAGES)' | cmp -s - $@ || { echo '$(BOOK_PAGES)' >$@; \
		rm -f $(filter-out $(BOOK_HTML),$(wildcard $(B)/html/*.html)); }
# As in the top-level Makefile, for make -f book/book.mk.
FORCE:

# The labels of all pages, in book order.  A label defined twice would make
# references ambiguous: fail, naming both pages.
$(BK)/labels.tsv: $(BK)/pages $(BOOK_LAB)
	@awk -F '\t' '$$1 != "page" && ($$2 in page) { \
		printf "book.mk: label %s is defined in %s and in %s\n", $$2, page[$$2], $$3 > "/dev/stderr"; bad = 1 } \
		{ page[$$2] = $$3; print } END { exit bad }' $(BOOK_LAB) >$@.tmp
	@mv $@.tmp $@

# ---- HTML site --------------------------------------------------------------
book_render = @mkdir -p $(@D) && \
	$(PANDOC) -d book/defaults/html.yaml -M page=$(1) -M labels=$(BK)/labels.tsv -o $@

$(B)/html/%.html: $(BK)/ast/%.json $(BK)/labels.tsv $(BOOK_HTML_TOOLS) | $(BOOK_PREREQS)
	$(call book_render,$*) $<

# The title page has no source: site.lua writes its table of contents.
$(B)/html/index.html: $(BK)/labels.tsv $(BOOK_HTML_TOOLS) | $(BOOK_PREREQS)
	$(call book_render,index) -f markdown /dev/null

# An array literal: a script, because fetch() of JSON fails on file://.
$(B)/html/search-index.js: $(BK)/pages $(BOOK_FIND)
	@mkdir -p $(@D)
	@{ echo 'window.BOOK_SEARCH = ['; cat $(BOOK_FIND); echo '];'; } >$@

$(B)/html/assets/%: book/assets/%
	@mkdir -p $(@D)
	@cp $< $@

$(B)/html/figures/%.svg: $(B)/figures/%.svg
	@mkdir -p $(@D)
	@cp $< $@

$(B)/html/book.%: $(B)/book.%
	@mkdir -p $(@D)
	@cp $< $@

# ---- EPUB and PDF: all pages as one document --------------------------------
$(B)/book.epub: $(BOOK_AST) $(BK)/labels.tsv $(BOOK_FIG_SVG) $(BOOK_RENDER_TOOLS) \
		book/defaults/epub.yaml book/assets/epub.css
	@$(PANDOC) -d book/defaults/epub.yaml --file-scope --resource-path=$(B) \
		-M labels=$(BK)/labels.tsv -o $@ $(BOOK_AST)

$(B)/pdf/book.tex: $(BOOK_AST) $(BK)/labels.tsv $(BOOK_RENDER_TOOLS) book/defaults/latex.yaml
	@mkdir -p $(@D)
	@$(PANDOC) -d book/defaults/latex.yaml --file-scope -M labels=$(BK)/labels.tsv -o $@ $(BOOK_AST)

$(B)/book.pdf: $(B)/pdf/book.tex $(BOOK_FIG_PDF) book/xelatex.sh
	@book/xelatex.sh $<
	@cp $(B)/pdf/book.pdf $@

# ---- figures ----------------------------------------------------------------
# Every SVG loses its DOCTYPE and leading comments: EPUB forbids external
# DTDs, and the comments only say which tool wrote the file.
BOOK_SVG_CLEAN := awk '/^<!(DOCTYPE|--)/ { drop = 1 } !drop { print } drop && />$$/ { drop = 0 }'

$(B)/figures/%.svg: $(BOOK_FIG_DIR)/%.dot
	@mkdir -p $(@D)
	@dot -Tsvg $< | $(BOOK_SVG_CLEAN) >$@

$(B)/figures/%.svg: $(BOOK_FIG_DIR)/%.svg
	@mkdir -p $(@D)
	@$(BOOK_SVG_CLEAN) $< >$@

# A gnuplot script only plots: size, font and output are set here.  Data it
# reads from the build (a simulator's output, say) is named on a comment line
#   # data: build/sim/03-allocators/buddy.dat
# and becomes a prerequisite.
$(B)/figures/%.svg: $(BOOK_FIG_DIR)/%.gp
	@mkdir -p $(@D)
	@gnuplot -e "set terminal svg size 640,400 dynamic font 'DejaVu Sans,12'" $< | $(BOOK_SVG_CLEAN) >$@

$(foreach gp,$(filter %.gp,$(BOOK_FIG_SRC)),$(eval \
	$(gp:$(BOOK_FIG_DIR)/%.gp=$(B)/figures/%.svg): $(shell sed -n 's/^# data://p' $(gp))))

$(B)/figures/%.pdf: $(B)/figures/%.svg
	@rsvg-convert -f pdf -o $@ $<

# ---- checks and benchmark ---------------------------------------------------
CHECKS  += $(addprefix $(B)/check/book-,include.tap minibook.tap epubcheck.tap browser.tap offline.tap)
BENCHES += book/bench.sh

$(B)/check/book-include.tap: FORCE
	@$(TAP) book-include 60 $@ book/test/include.sh
$(B)/check/book-minibook.tap: FORCE
	@$(TAP) book-minibook 300 $@ book/test/minibook.sh $(B)/test/minibook
$(B)/check/book-epubcheck.tap: FORCE
	@$(TAP) book-epubcheck 120 $@ book/test/epubcheck.sh $(B)/book.epub
$(B)/check/book-browser.tap: FORCE
	@$(TAP) book-browser 120 $@ book/test/browser.sh $(B)/html
$(B)/check/book-offline.tap: FORCE
	@$(TAP) book-offline 30 $@ book/test/offline.sh $(B)/html
