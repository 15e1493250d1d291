# The book: build/html/ (one page per chapter), build/book.pdf, build/book.epub.
#
# Pandoc 2.17 cannot split a book into pages, so every page goes through
# two passes:
#
#   index   chapters/NN-slug.md -> $(BK)/ast/NN-slug.json
#           the chapter's exercises appended (filters/exercises.lua),
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
# Two editions, each in a folder of its own so that both can be kept: the
# student edition (exercises, no solutions) in build/, and with
# EDITION=instructor, in build/instructor/, the same book plus the pages of
# book/instructor/: the reference solutions and the grading guide.
#
# Works on its own too (make -f book/book.mk book), with the source
# directories below pointed elsewhere: that is how book/test/ builds its
# fixture books.

B ?= build
EDITION ?= student
ifeq ($(filter student instructor,$(EDITION)),)
$(error EDITION=$(EDITION): the editions are student (the default) and instructor)
endif
BOOK_OUT := $(if $(filter instructor,$(EDITION)),$(B)/instructor,$(B))
BK := $(BOOK_OUT)/book

BOOK_FRONT_DIR      := book/front
BOOK_CHAPTER_DIR    := chapters
BOOK_BACK_DIR       := book/back
BOOK_INSTRUCTOR_DIR := book/instructor
BOOK_FIG_DIR        := figures
BOOK_EX_DIR         := exercises
BOOK_SOL_DIR        := solutions

PANDOC := pandoc

# Page ids, in book order.  "index" is the title page.  The instructor's
# pages come after the chapters, solutions first.
BOOK_CHAPTERS := $(basename $(notdir $(sort $(wildcard $(BOOK_CHAPTER_DIR)/[0-9][0-9]-*.md))))
BOOK_INSTRUCTOR_PAGES := $(if $(filter instructor,$(EDITION)),solutions grading)
BOOK_FRONT_PAGES := $(basename $(notdir $(sort $(wildcard $(BOOK_FRONT_DIR)/*.md))))
BOOK_BACK_PAGES := $(BOOK_INSTRUCTOR_PAGES) \
	$(basename $(notdir $(sort $(wildcard $(BOOK_BACK_DIR)/*.md))))
BOOK_PAGES := $(BOOK_FRONT_PAGES) $(BOOK_CHAPTERS) $(BOOK_BACK_PAGES)
BOOK_AST  := $(BOOK_PAGES:%=$(BK)/ast/%.json)
BOOK_LAB  := $(BOOK_PAGES:%=$(BK)/lab/%.lab)
BOOK_FIND := $(BOOK_PAGES:%=$(BK)/find/%.js)

# Figures, as FIGDIR/NN-slug/NAME.{dot,svg,gp} -> NN-slug/NAME.
BOOK_FIG_SRC := $(wildcard $(addprefix $(BOOK_FIG_DIR)/[0-9][0-9]-*/*.,dot svg gp))
BOOK_FIGS    := $(basename $(BOOK_FIG_SRC:$(BOOK_FIG_DIR)/%=%))
BOOK_FIG_SVG := $(BOOK_FIGS:%=$(B)/figures/%.svg)

BOOK_HTML := $(BOOK_OUT)/html/index.html $(BOOK_PAGES:%=$(BOOK_OUT)/html/%.html) \
	$(BOOK_OUT)/html/search-index.js $(BOOK_OUT)/html/assets/book.css \
	$(BOOK_OUT)/html/assets/book.js $(BOOK_FIGS:%=$(BOOK_OUT)/html/figures/%.svg)

# What each pass runs: a change to any of it redoes the pass.
BOOK_INDEX_TOOLS  := book/defaults/index.yaml book/filters/exercises.lua \
	book/filters/include.lua book/filters/number.lua book/filters/bookmap.lua
BOOK_RENDER_TOOLS := book/metadata.yaml book/filters/xref.lua book/filters/bookmap.lua \
	book/filters/highlight.lua
BOOK_HTML_TOOLS   := $(BOOK_RENDER_TOOLS) book/defaults/html.yaml book/filters/site.lua \
	book/templates/page.html

.PHONY: book book-html book-epub book-pdf
# The PDF first: after a prose edit it takes longest, so under -j it
# should not wait for a free job behind the others.  The HTML page before
# the EPUB: under -j2, the page's LaTeX and its HTML go together, then
# xelatex and the EPUB, the two long jobs; with the EPUB second, the HTML
# page would take the slot the LaTeX page frees and keep xelatex waiting.
book: book-pdf book-html book-epub
book-html: $(BOOK_HTML)
# The site links to its own copies, so that its html/ folder can be moved alone.
book-epub: $(BOOK_OUT)/book.epub $(BOOK_OUT)/html/book.epub
book-pdf: $(BOOK_OUT)/book.pdf $(BOOK_OUT)/html/book.pdf

ALL += $(BOOK_OUT)/book.pdf $(BOOK_OUT)/html/book.pdf \
	$(BOOK_OUT)/book.epub $(BOOK_OUT)/html/book.epub $(BOOK_HTML)

# ---- state files -------------------------------------------------------------
# Files that hold what make knows and pandoc cannot find out (the pages,
# each page's exercise files), written while the makefile is read and only
# when their content changes, so that their date says when it last did.
# Writing them in make itself, not in recipes, keeps a dozen shells off
# the start of every build.
#
# book_keep FILE,TEXT: write TEXT to FILE unless it holds it; expands to
# "changed" when it wrote.
book_keep = $(if $(and $(wildcard $(1)),$(findstring x$(2)x,x$(file <$(1))x),\
	$(findstring x$(file <$(1))x,x$(2)x)),,\
	$(file >$(1),$(2))changed)
define book_newline


endef
book_lines = $(subst $() ,$(book_newline),$(strip $(1)))
# Folders the filters write into: filters/highlight.lua's cache too.
$(shell mkdir -p $(BK)/ex $(BK)/hl)

# ---- exercises -------------------------------------------------------------
# Which exercise files each page shows: a chapter, the manifests of its
# own exercises; an instructor page, those of every chapter and every file
# of their solutions.  Pandoc cannot list a folder: the index pass reads
# the list from $(BK)/ex/PAGE.list, rewritten only when a file comes or
# goes, so that a new or deleted exercise redoes the page even when its
# files are older than the page.  A page also depends on the files
# themselves, so that an edited statement redoes it.
book_ex = $(wildcard $(BOOK_EX_DIR)/$(1)/*/manifest)
BOOK_SOL_FILES := $(if $(BOOK_INSTRUCTOR_PAGES),$(shell find -L \
	$(wildcard $(BOOK_CHAPTERS:%=$(BOOK_SOL_DIR)/%)) -type f 2>/dev/null))
book_ex_list = $(sort $(if $(filter $(BOOK_INSTRUCTOR_PAGES),$(1)), \
	$(foreach c,$(BOOK_CHAPTERS),$(call book_ex,$(c))) $(BOOK_SOL_FILES),$(call book_ex,$(1))))

$(if $(foreach p,$(BOOK_PAGES),$(call book_keep,$(BK)/ex/$(p).list,$(call book_lines,$(call book_ex_list,$(p))))),)
$(foreach p,$(BOOK_PAGES),$(eval $(BK)/ast/$(p).json: $(BK)/ex/$(p).list \
	$(wildcard $(patsubst %/manifest,%/statement.md,$(call book_ex_list,$(p))) $(call book_ex_list,$(p)))))

# ---- index pass ------------------------------------------------------------
# One rule per source directory, which fixes the page's part.  The filters
# also write the page's label and search files, but touch them only when
# their content changes; the empty recipes below let make see that, so an
# unchanged label file leaves every other page alone.
book_index = @mkdir -p $(BK)/ast $(BK)/lab $(BK)/find $(BK)/dep && \
	$(PANDOC) -d book/defaults/index.yaml -M page=$* -M part=$(1) \
	-M bookdir=$(BK) -M figdir=$(BOOK_FIG_DIR) \
	-M exercises=$(BK)/ex/$*.list -M exdir=$(BOOK_EX_DIR) -M soldir=$(BOOK_SOL_DIR) \
	-M edition=$(EDITION) -M depfile=$(BK)/dep/$*.d -M deptarget=$@ -o $@ $<

$(BK)/ast/%.json: $(BOOK_FRONT_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,front)
$(BK)/ast/%.json: $(BOOK_CHAPTER_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,chapter)
$(BK)/ast/%.json: $(BOOK_INSTRUCTOR_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,back)
$(BK)/ast/%.json: $(BOOK_BACK_DIR)/%.md $(BOOK_INDEX_TOOLS) | $(BOOK_PREREQS)
	$(call book_index,back)
$(BK)/lab/%.lab: $(BK)/ast/%.json ;
$(BK)/find/%.js: $(BK)/ast/%.json ;

-include $(wildcard $(BK)/dep/*.d)

# The list of pages, rewritten only when a page comes or goes: what depends
# on all pages depends on it too, so a deleted chapter leaves no trace (its
# HTML page goes at once).
ifneq ($(call book_keep,$(BK)/pages,$(BOOK_PAGES)),)
$(shell rm -f $(filter-out $(BOOK_HTML),$(wildcard $(BOOK_OUT)/html/*.html)))
endif
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
	$(PANDOC) -d book/defaults/html.yaml -M page=$(1) -M labels=$(BK)/labels.tsv \
	-M hlcache=$(BK)/hl -o $@

$(BOOK_OUT)/html/%.html: $(BK)/ast/%.json $(BK)/labels.tsv $(BOOK_HTML_TOOLS) | $(BOOK_PREREQS)
	$(call book_render,$*) $<

# The title page has no source: site.lua writes its table of contents.
$(BOOK_OUT)/html/index.html: $(BK)/labels.tsv $(BOOK_HTML_TOOLS) | $(BOOK_PREREQS)
	$(call book_render,index) -f markdown /dev/null

# An array literal: a script, because fetch() of JSON fails on file://.
$(BOOK_OUT)/html/search-index.js: $(BK)/pages $(BOOK_FIND)
	@mkdir -p $(@D)
	@{ echo 'window.BOOK_SEARCH = ['; cat $(BOOK_FIND); echo '];'; } >$@

$(BOOK_OUT)/html/assets/%: book/assets/%
	@mkdir -p $(@D)
	@cp $< $@

$(BOOK_OUT)/html/figures/%.svg: $(B)/figures/%.svg
	@mkdir -p $(@D)
	@cp $< $@

$(BOOK_OUT)/html/book.%: $(BOOK_OUT)/book.%
	@mkdir -p $(@D)
	@cp $< $@

# ---- EPUB and PDF: all pages as one document --------------------------------
# Code is set from the cache of filters/highlight.lua, so the writer sees
# none and leaves out the style's CSS: it is given.
$(BOOK_OUT)/book.epub: $(BOOK_AST) $(BK)/labels.tsv $(BOOK_FIG_SVG) $(BOOK_RENDER_TOOLS) \
		book/defaults/epub.yaml book/assets/epub.css $(BK)/highlighting.css
	@$(PANDOC) -d book/defaults/epub.yaml --file-scope --resource-path=$(B) \
		-M labels=$(BK)/labels.tsv -M hlcache=$(BK)/hl \
		-V highlighting-css="$$(cat $(BK)/highlighting.css)" -o $@ $(BOOK_AST)

# The highlighting style's CSS and LaTeX macros, which a writer gives
# only for a document with code in it: a probe's, through a template that
# keeps that variable alone.  book_style DEFAULTS,TEMPLATE[,OPTIONS]
book_style = @mkdir -p $(@D) && printf '```c\nint x;\n```\n' | \
	$(PANDOC) -d book/defaults/$(1).yaml -f markdown -s $(3) \
	--template book/templates/$(2) -M labels=/dev/null -o $@

$(BK)/highlighting.css: book/defaults/epub.yaml book/templates/highlighting.css
	$(call book_style,epub,highlighting.css,-t html5)

# The PDF: each page becomes LaTeX on its own, so that a prose edit
# rewrites one page's (the writer takes 1.4 s over the whole book), and
# book.tex holds the preamble and one \bookpart per page, switching
# between front, main and back matter.  xelatex.sh is told which files
# changed ($?): when it is one page, it typesets that page alone and
# splices it into the book (1.2 s instead of 2.6 s for the bench book).
$(BOOK_OUT)/pdf/pages/%.tex: $(BK)/ast/%.json $(BK)/labels.tsv $(BOOK_RENDER_TOOLS) \
		book/defaults/latex.yaml book/filters/latex.lua
	@mkdir -p $(@D)
	@$(PANDOC) -d book/defaults/latex.yaml -M labels=$(BK)/labels.tsv -M hlcache=$(BK)/hl -o $@ $<

$(BOOK_OUT)/pdf/highlighting.tex: book/defaults/latex.yaml book/templates/highlighting.latex
	$(call book_style,latex,highlighting.latex)

book_matter = $(if $(strip $(2)),'\$(1)matter' $(patsubst %,'\bookpart{pages/%}',$(2)))
$(BOOK_OUT)/pdf/book.tex: $(BK)/pages $(BOOK_OUT)/pdf/highlighting.tex book/metadata.yaml \
		book/defaults/latex-book.yaml
	@printf '%s\n' '```{=latex}' $(call book_matter,front,$(BOOK_FRONT_PAGES)) \
		$(call book_matter,main,$(BOOK_CHAPTERS)) $(call book_matter,back,$(BOOK_BACK_PAGES)) '```' | \
		$(PANDOC) -d book/defaults/latex-book.yaml \
		-V highlighting-macros="$$(cat $(BOOK_OUT)/pdf/highlighting.tex)" -o $@

$(BOOK_OUT)/book.pdf: $(BOOK_OUT)/pdf/book.tex $(BOOK_PAGES:%=$(BOOK_OUT)/pdf/pages/%.tex) \
		$(BOOK_FIGS:%=$(BOOK_OUT)/pdf/figures/%.pdf) book/xelatex.sh $(B)/tools/xdvsplice
	@book/xelatex.sh $(B)/tools/xdvsplice $< $?
	@cp $(BOOK_OUT)/pdf/book.pdf $@

# Splices one part, typeset again, into the whole book's XDV file: see
# book/xelatex.sh.
$(B)/tools/xdvsplice: book/xdvsplice.c
	@mkdir -p $(@D)
	@$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

# xelatex finds the figures next to the .tex file, whichever the edition;
# both editions copy them from $(B)/figures/, where they are kept.
$(BOOK_OUT)/pdf/figures/%.pdf: $(B)/figures/%.pdf
	@mkdir -p $(@D)
	@cp $< $@
.SECONDARY: $(BOOK_FIGS:%=$(B)/figures/%.pdf)

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

# One shell for all scripts, as SCRIPT=DATA words.
book_hash := \#
BOOK_GP_DATA := $(if $(filter %.gp,$(BOOK_FIG_SRC)),$(shell awk '$$1 == "$(book_hash)" && \
	$$2 == "data:" { print FILENAME "=" $$3 }' $(filter %.gp,$(BOOK_FIG_SRC))))
$(foreach d,$(BOOK_GP_DATA),$(eval $(patsubst $(BOOK_FIG_DIR)/%.gp,$(B)/figures/%.svg,\
	$(word 1,$(subst =, ,$(d)))): $(word 2,$(subst =, ,$(d)))))

$(B)/figures/%.pdf: $(B)/figures/%.svg
	@rsvg-convert -f pdf -o $@ $<

# ---- checks and benchmark ---------------------------------------------------
CHECKS  += $(addprefix $(B)/check/book-,include.tap minibook.tap epubcheck.tap browser.tap \
	offline.tap pdf.tap leak.tap xdvsplice.tap)
BENCHES += book/bench.sh

$(B)/check/book-include.tap: FORCE
	@$(TAP) book-include 60 $@ book/test/include.sh
$(B)/check/book-minibook.tap: FORCE
	@$(TAP) book-minibook 300 $@ book/test/minibook.sh $(B)/test/minibook
$(B)/check/book-epubcheck.tap: FORCE
	@$(TAP) book-epubcheck 120 $@ book/test/epubcheck.sh $(BOOK_OUT)/book.epub
$(B)/check/book-browser.tap: FORCE
	@$(TAP) book-browser 120 $@ book/test/browser.sh $(BOOK_OUT)/html
$(B)/check/book-offline.tap: FORCE
	@$(TAP) book-offline 30 $@ book/test/offline.sh $(BOOK_OUT)/html
$(B)/check/book-xdvsplice.tap: FORCE
	@$(TAP) book-xdvsplice 120 $@ book/test/xdvsplice.sh $(BOOK_OUT)/pdf/book-all.xdv \
		$(B)/test/xdvsplice
$(B)/check/book-pdf.tap: FORCE
	@$(TAP) book-pdf 60 $@ book/test/pdf.sh $(BOOK_OUT)/book.pdf
# Both editions, whichever this make builds.
$(B)/check/book-leak.tap: FORCE
	@$(TAP) book-leak 900 $@ sh -c '$(MAKE) --no-print-directory EDITION=student book >/dev/null && \
		$(MAKE) --no-print-directory EDITION=instructor book >/dev/null && \
		book/test/leak.sh $(BOOK_EX_DIR) $(BOOK_SOL_DIR) $(B) $(B)/instructor \
		$(wildcard $(BOOK_FRONT_DIR)/*.md $(BOOK_CHAPTER_DIR)/[0-9][0-9]-*.md $(BOOK_BACK_DIR)/*.md)'
