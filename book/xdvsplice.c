// SPDX-License-Identifier: GPL-2.0
/*
 * xdvsplice: put the pages of one part of the book, typeset again on their
 * own, in place of that part's pages in the whole book's XDV file.
 *
 *   xdvsplice BOOK.xdv PART.xdv K OUT.xdv
 *
 * XDV is the extended DVI that xelatex -no-pdf writes: a preamble, pages
 * from bop to eop, and a postamble listing the fonts.  book/xelatex.sh
 * numbers the parts of the book in TeX's \count1, which TeX copies into
 * every page's bop, so a part's pages are those whose second count is K.
 * Each run of TeX numbers its fonts as it loads them, so PART's fonts get
 * BOOK's number when BOOK defines the same font, a fresh one otherwise.
 * A font is defined just before its first use in OUT and again in the
 * postamble, as TeX does, and OUT defines only the fonts its pages use.
 *
 * On a file that is not XDV, or K naming no page, it prints one line and
 * exits 1 (book/xelatex.sh then typesets the whole book instead).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	SET1 = 128,
	SET_RULE = 132,
	PUT1 = 133,
	PUT_RULE = 137,
	NOP = 138,
	BOP = 139,
	EOP = 140,
	PUSH = 141,
	POP = 142,
	RIGHT1 = 143,
	W0 = 147,
	W1 = 148,
	X0 = 152,
	X1 = 153,
	DOWN1 = 157,
	Y0 = 161,
	Y1 = 162,
	Z0 = 166,
	Z1 = 167,
	FNT_NUM_0 = 171,
	FNT_NUM_63 = 234,
	FNT1 = 235,
	XXX1 = 239,
	FNT_DEF1 = 243,
	PRE = 247,
	POST = 248,
	POST_POST = 249,
	BEGIN_REFLECT = 250,
	END_REFLECT = 251,
	XDV_NATIVE_FONT_DEF = 252,
	XDV_GLYPHS = 253,
	XDV_TEXT_AND_GLYPHS = 254,
	XDV_ID = 7,
};

/* The optional fields of a native font definition, four bytes each. */
#define XDV_FLAG_COLORED 0x0200
#define XDV_FLAG_EXTEND 0x1000
#define XDV_FLAG_SLANT 0x2000
#define XDV_FLAG_EMBOLDEN 0x4000

struct buf {
	unsigned char *p;
	size_t len, cap;
};

/* A font as a file defines it: its number there, and the definition's
 * bytes after the number, prefixed by the opcode, which identify it. */
struct font {
	int32_t num;
	size_t len;
	unsigned char *def;
};

struct xdv {
	const char *name;
	unsigned char *p;
	size_t len, pos;
	struct font *fonts;
	size_t nfonts;
	uint32_t maxv, maxh, maxstack;
};

static uint32_t max(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("xdvsplice: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = 2 * (b->len + n);
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void put_byte(struct buf *b, unsigned int v)
{
	unsigned char c = v;

	put(b, &c, 1);
}

static void put_be(struct buf *b, uint32_t v, int n)
{
	while (n--)
		put_byte(b, v >> (8 * n) & 0xff);
}

static const unsigned char *need(struct xdv *x, size_t n)
{
	const unsigned char *p = x->p + x->pos;

	if (n > x->len - x->pos)
		die("%s: ends in the middle of a command at byte %zu", x->name,
		    x->pos);
	x->pos += n;
	return p;
}

static uint32_t get_be(struct xdv *x, int n)
{
	const unsigned char *p = need(x, n);
	uint32_t v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void read_file(struct xdv *x, const char *name)
{
	FILE *f = fopen(name, "rb");
	size_t n;

	if (!f)
		die("%s: %s", name, strerror(errno));
	x->name = name;
	x->p = NULL;
	x->len = 0;
	for (;;) {
		x->p = xrealloc(x->p, x->len + 65536);
		n = fread(x->p + x->len, 1, 65536, f);
		x->len += n;
		if (n < 65536)
			break;
	}
	if (ferror(f))
		die("%s: read error", name);
	fclose(f);
	x->pos = 0;
	x->fonts = NULL;
	x->nfonts = 0;
}

/* Read a font definition whose opcode has just been read; record it. */
static void font_def(struct xdv *x, unsigned int op)
{
	size_t start;
	int32_t num;
	struct font *f;

	if (op == XDV_NATIVE_FONT_DEF) {
		unsigned int flags, extra = 0;

		num = (int32_t)get_be(x, 4);
		start = x->pos;
		need(x, 4);
		flags = get_be(x, 2);
		need(x, get_be(x, 1) + 4);
		extra += !!(flags & XDV_FLAG_COLORED) +
			 !!(flags & XDV_FLAG_EXTEND) +
			 !!(flags & XDV_FLAG_SLANT) +
			 !!(flags & XDV_FLAG_EMBOLDEN);
		need(x, 4 * extra);
	} else {
		unsigned int a, l;

		num = (int32_t)get_be(x, op - FNT_DEF1 + 1);
		start = x->pos;
		need(x, 12);
		a = get_be(x, 1);
		l = get_be(x, 1);
		need(x, a + l);
	}
	for (size_t i = 0; i < x->nfonts; i++)
		if (x->fonts[i].num == num)
			return;
	x->fonts = xrealloc(x->fonts, (x->nfonts + 1) * sizeof(*x->fonts));
	f = &x->fonts[x->nfonts++];
	f->num = num;
	f->len = x->pos - start + 1;
	f->def = xrealloc(NULL, f->len);
	f->def[0] = op == XDV_NATIVE_FONT_DEF ? op : FNT_DEF1 + 3;
	memcpy(f->def + 1, x->p + start, f->len - 1);
}

static int is_font_def(unsigned int op)
{
	return op == XDV_NATIVE_FONT_DEF || (op >= FNT_DEF1 && op < PRE);
}

static void preamble(struct xdv *x)
{
	if (x->len < 15 || x->p[0] != PRE || x->p[1] != XDV_ID)
		die("%s: not an XDV file (version %d) from xelatex -no-pdf",
		    x->name, XDV_ID);
	x->pos = 14;
	need(x, get_be(x, 1));
}

/* The postamble's fonts and page extents.  Nothing in it is trusted to
 * find the pages: they are read in order from the preamble on. */
static void postamble(struct xdv *x)
{
	size_t end = x->len, post;

	while (end > 0 && x->p[end - 1] == 223)
		end--;
	if (end < 6 || x->p[end - 1] != XDV_ID || x->p[end - 6] != POST_POST)
		die("%s: no postamble: was xelatex stopped?", x->name);
	x->pos = end - 5;
	post = get_be(x, 4);
	if (post >= end || x->p[post] != POST)
		die("%s: the postamble pointer is wrong", x->name);
	x->pos = post + 17;
	x->maxv = get_be(x, 4);
	x->maxh = get_be(x, 4);
	x->maxstack = get_be(x, 2);
	need(x, 2);
	for (;;) {
		unsigned int op = get_be(x, 1);

		if (op == POST_POST)
			break;
		if (!is_font_def(op))
			die("%s: command %u in the postamble", x->name, op);
		font_def(x, op);
	}
}

static void free_fonts(struct xdv *x)
{
	for (size_t i = 0; i < x->nfonts; i++)
		free(x->fonts[i].def);
	free(x->fonts);
}

/* Read an XDV file and its fonts; leave x->pos at its first page. */
static void load(struct xdv *x, const char *name)
{
	read_file(x, name);
	preamble(x);
	postamble(x);
	preamble(x);
}

static const struct font *font_of(const struct xdv *x, int32_t num)
{
	for (size_t i = 0; i < x->nfonts; i++)
		if (x->fonts[i].num == num)
			return &x->fonts[i];
	die("%s: font %d is used but never defined", x->name, num);
	return NULL;
}

/* The output: its fonts are BOOK's, numbered as there, then PART's new
 * ones. */
struct out {
	struct buf b;
	struct font *fonts;
	size_t nfonts;
	unsigned char *defined;
	int32_t next;
	long last_bop;
	unsigned int pages;
};

static int32_t add_font(struct out *o, const struct font *f, int32_t num)
{
	o->fonts = xrealloc(o->fonts, (o->nfonts + 1) * sizeof(*o->fonts));
	o->defined = xrealloc(o->defined, o->nfonts + 1);
	o->fonts[o->nfonts] = *f;
	o->fonts[o->nfonts].num = num;
	o->defined[o->nfonts] = 0;
	return (int32_t)o->nfonts++;
}

static int32_t out_font(struct out *o, const struct font *f)
{
	for (size_t i = 0; i < o->nfonts; i++)
		if (o->fonts[i].len == f->len &&
		    !memcmp(o->fonts[i].def, f->def, f->len))
			return (int32_t)i;
	return add_font(o, f, o->next++);
}

static void put_font_def(struct buf *b, const struct font *f)
{
	put_byte(b, f->def[0]);
	put_be(b, (uint32_t)f->num, 4);
	put(b, f->def + 1, f->len - 1);
}

static void select_font(struct out *o, const struct xdv *x, int32_t num)
{
	int32_t i = out_font(o, font_of(x, num));

	if (!o->defined[i]) {
		put_font_def(&o->b, &o->fonts[i]);
		o->defined[i] = 1;
	}
	put_byte(&o->b, FNT1 + 3);
	put_be(&o->b, (uint32_t)o->fonts[i].num, 4);
}

/* The number of bytes of parameters after opcode op inside a page, for
 * the commands that are copied as they are; -1 for the others. */
static long params(struct xdv *x, unsigned int op)
{
	if (op < SET1 || op == NOP || op == PUSH || op == POP || op == W0 ||
	    op == X0 || op == Y0 || op == Z0 || op == BEGIN_REFLECT ||
	    op == END_REFLECT)
		return 0;
	if (op == SET_RULE || op == PUT_RULE)
		return 8;
	if (op < SET_RULE)
		return op - SET1 + 1;
	if (op > SET_RULE && op < PUT_RULE)
		return op - PUT1 + 1;
	if (op >= RIGHT1 && op < W0)
		return op - RIGHT1 + 1;
	if (op > W0 && op < X0)
		return op - W1 + 1;
	if (op > X0 && op < DOWN1)
		return op - X1 + 1;
	if (op >= DOWN1 && op < Y0)
		return op - DOWN1 + 1;
	if (op > Y0 && op < Z0)
		return op - Y1 + 1;
	if (op > Z0 && op < FNT_NUM_0)
		return op - Z1 + 1;
	if (op >= XXX1 && op < FNT_DEF1)
		return get_be(x, op - XXX1 + 1);
	if (op == XDV_GLYPHS) {
		need(x, 4);
		return 10L * get_be(x, 2);
	}
	if (op == XDV_TEXT_AND_GLYPHS) {
		need(x, 2L * get_be(x, 2) + 4);
		return 10L * get_be(x, 2);
	}
	return -1;
}

/* Copy the page whose bop x->pos is at to the output when copy is set,
 * skip it otherwise.  Font commands are rewritten for the output's
 * numbering; font definitions are dropped and written again where the
 * output first uses the font. */
static void page(struct xdv *x, struct out *o, int copy)
{
	const unsigned char *counts = need(x, 41) + 1;

	need(x, 4);
	if (copy) {
		long here = (long)o->b.len;

		put_byte(&o->b, BOP);
		put(&o->b, counts, 40);
		put_be(&o->b, (uint32_t)o->last_bop, 4);
		o->last_bop = here;
		o->pages++;
	}
	for (;;) {
		size_t from = x->pos;
		unsigned int op = get_be(x, 1);
		long n;

		if (op == EOP) {
			if (copy)
				put_byte(&o->b, EOP);
			return;
		}
		if (op >= FNT_NUM_0 && op < XXX1) {
			int32_t num = op <= FNT_NUM_63 ?
					      (int32_t)(op - FNT_NUM_0) :
					      (int32_t)get_be(x, op - FNT1 + 1);

			if (copy)
				select_font(o, x, num);
			continue;
		}
		if (is_font_def(op)) {
			font_def(x, op);
			continue;
		}
		n = params(x, op);
		if (n < 0)
			die("%s: command %u inside a page, at byte %zu",
			    x->name, op, from);
		need(x, n);
		if (copy)
			put(&o->b, x->p + from, x->pos - from);
	}
}

/* Move past what may come between pages; true when a page comes next,
 * false at the postamble. */
static int next_page(struct xdv *x)
{
	for (;;) {
		unsigned int op = get_be(x, 1);

		if (op == BOP || op == POST) {
			x->pos--;
			return op == BOP;
		}
		if (is_font_def(op))
			font_def(x, op);
		else if (op != NOP)
			die("%s: command %u between pages, at byte %zu",
			    x->name, op, x->pos - 1);
	}
}

/* The part a page belongs to: the second of the counts in its bop. */
static int32_t page_part(struct xdv *x)
{
	size_t at = x->pos;
	int32_t part;

	need(x, 5);
	part = (int32_t)get_be(x, 4);
	x->pos = at;
	return part;
}

/* Copy x's pages of part k; return how many there were. */
static unsigned int copy_part(struct xdv *x, struct out *o, int32_t k)
{
	unsigned int n = 0;

	while (next_page(x)) {
		int mine = page_part(x) == k;

		page(x, o, mine);
		n += mine;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct xdv book, part;
	struct out o = { .last_bop = -1 };
	char *end;
	long k;
	int spliced = 0;
	size_t post, i;
	FILE *f;

	if (argc != 5) {
		fputs("usage: xdvsplice BOOK.xdv PART.xdv K OUT.xdv\n", stderr);
		return 2;
	}
	errno = 0;
	k = strtol(argv[3], &end, 10);
	if (errno || *end || end == argv[3] || k < 0 || k > INT32_MAX)
		die("%s: not a part number", argv[3]);
	load(&book, argv[1]);
	load(&part, argv[2]);
	if (memcmp(book.p + 2, part.p + 2, 12))
		die("%s and %s: different units or magnification", book.name,
		    part.name);

	/* The book's fonts first, so that they keep their numbers; new
	 * ones are numbered after the highest. */
	for (i = 0; i < book.nfonts; i++) {
		add_font(&o, &book.fonts[i], book.fonts[i].num);
		if (book.fonts[i].num >= o.next)
			o.next = book.fonts[i].num + 1;
	}

	put(&o.b, book.p, book.pos);
	while (next_page(&book)) {
		int mine = page_part(&book) == k;

		if (mine && !spliced) {
			if (!copy_part(&part, &o, (int32_t)k))
				die("%s: no page of part %ld", part.name, k);
			spliced = 1;
		}
		page(&book, &o, !mine);
	}
	if (!spliced)
		die("%s: no page of part %ld", book.name, k);

	post = o.b.len;
	put_byte(&o.b, POST);
	put_be(&o.b, (uint32_t)o.last_bop, 4);
	put(&o.b, book.p + 2, 12);
	put_be(&o.b, max(book.maxv, part.maxv), 4);
	put_be(&o.b, max(book.maxh, part.maxh), 4);
	put_be(&o.b, max(book.maxstack, part.maxstack), 2);
	put_be(&o.b, o.pages, 2);
	for (i = 0; i < o.nfonts; i++)
		if (o.defined[i])
			put_font_def(&o.b, &o.fonts[i]);
	put_byte(&o.b, POST_POST);
	put_be(&o.b, (uint32_t)post, 4);
	put_byte(&o.b, XDV_ID);
	do
		put_byte(&o.b, 223);
	while (o.b.len % 4 || o.b.p[o.b.len - 4] != 223);

	f = fopen(argv[4], "wb");
	if (!f || fwrite(o.b.p, 1, o.b.len, f) != o.b.len || fclose(f))
		die("%s: %s", argv[4], strerror(errno));
	free_fonts(&book);
	free_fonts(&part);
	free(book.p);
	free(part.p);
	free(o.fonts);
	free(o.defined);
	free(o.b.p);
	return 0;
}
