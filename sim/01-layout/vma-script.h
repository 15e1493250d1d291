/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The script language of vma (the simulator) and vma-replay (the same script
 * run by the real kernel).  Both read a script with parse_script() and
 * refuse the same mistakes with the same message, so that whatever one runs,
 * the other runs too.
 *
 * One operation per line, '#' starts a comment.  Numbers are decimal or 0x
 * hex, with an optional k, m, g or t suffix (4k = 4096).  PROT is three
 * letters: r or -, w or -, x or - ("rw-", "r--", "---").
 *
 *   window LO HI       the part of the address space the script works in,
 *                      [LO, HI); first line, page aligned, LO >= 64k
 *   start_brk ADDR     put the heap there: start_brk = brk = ADDR; optional,
 *                      before any operation, page aligned, in the window
 *   mmap ADDR LEN PROT [fixed|noreplace]
 *                      anonymous private mapping; ADDR "-" (or 0) asks the
 *                      kernel to choose, another ADDR is a hint unless
 *                      "fixed" (MAP_FIXED) or "noreplace"
 *                      (MAP_FIXED_NOREPLACE) follows
 *   munmap ADDR LEN
 *   mprotect ADDR LEN PROT
 *   brk +LEN | -LEN | ADDR
 *                      move the program break by LEN, or to ADDR
 *   touch ADDR [LEN]   write a byte to each page of [ADDR, ADDR + LEN)
 *                      (LEN defaults to 1: one page)
 *   find ADDR          find_vma(ADDR): the first VMA that ends above ADDR
 *   maps               print the window's lines of /proc/PID/maps
 *
 * vma-replay owns only the window of a real process, so the ranges a line
 * names must lie in it.  Two exceptions let the kernel's own checks be
 * tried, because the kernel refuses these before it looks at any mapping:
 * an ADDR at or above TASK_SIZE, and a LEN above TASK_SIZE for mmap and
 * munmap.  A hint (mmap without fixed or noreplace) may be anything: the
 * kernel never maps over something at a hint.  brk may ask for anything
 * too: the heap cannot grow out of the window, the next mapping stops it.
 */
#ifndef VMA_SCRIPT_H
#define VMA_SCRIPT_H

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/*
 * The top of user space.  x86_64 with 4-level page tables: the lower half
 * of the 48-bit space, less one guard page.  (Debian's kernel can use 5
 * levels, but keeps mmap() below this line unless a hint asks for more.)
 * 686-pae with VMSPLIT_3G: 3 GiB, where the kernel's PAGE_OFFSET begins.
 */
#if defined(__x86_64__)
#define TASK_SIZE ((1UL << 47) - PAGE_SIZE)
#elif defined(__i386__)
#define TASK_SIZE 0xc0000000UL
#else
#error "vma models the x86 kernels of Debian 12 only"
#endif

/* Debian's CONFIG_DEFAULT_MMAP_MIN_ADDR: nothing is mapped below it. */
#define MMAP_MIN_ADDR 0x10000UL

enum op {
	OP_MMAP,
	OP_MUNMAP,
	OP_MPROTECT,
	OP_BRK,
	OP_TOUCH,
	OP_FIND,
	OP_MAPS
};

struct cmd {
	enum op op;
	unsigned long addr, len;
	int prot; /* PROT_READ | PROT_WRITE | PROT_EXEC */
	int flags; /* 0, MAP_FIXED or MAP_FIXED_NOREPLACE */
	char brk_sign; /* '+' or '-' for a relative brk, 0 for an absolute one */
	char text[SCRIPT_LINE_MAX]; /* the line, words joined by one blank */
};

#define CMDS_MAX 2048

struct vma_script {
	unsigned long win_lo, win_hi; /* the window [win_lo, win_hi) */
	unsigned long start_brk; /* 0: the script has no heap */
	int nr_cmds;
	struct cmd cmds[CMDS_MAX];
};

static const struct {
	const char *name;
	enum op op;
	int min_args, max_args;
	const char *usage;
} vma_ops[] = {
	{ "mmap", OP_MMAP, 3, 4, "mmap ADDR|- LEN PROT [fixed|noreplace]" },
	{ "munmap", OP_MUNMAP, 2, 2, "munmap ADDR LEN" },
	{ "mprotect", OP_MPROTECT, 3, 3, "mprotect ADDR LEN PROT" },
	{ "brk", OP_BRK, 1, 1, "brk +LEN|-LEN|ADDR" },
	{ "touch", OP_TOUCH, 1, 2, "touch ADDR [LEN]" },
	{ "find", OP_FIND, 1, 1, "find ADDR" },
	{ "maps", OP_MAPS, 0, 0, "maps" },
};

static inline unsigned long script_number(const struct script *s,
					  const char *word, const char *what)
{
	uint64_t val;

	if (!parse_size(word, &val) || val > ULONG_MAX)
		script_error(s, "bad %s '%s'", what, word);
	return val;
}

static inline int script_prot(const struct script *s, const char *word)
{
	if (strlen(word) != 3 || !strchr("r-", word[0]) ||
	    !strchr("w-", word[1]) || !strchr("x-", word[2]))
		script_error(s,
			     "bad protection '%s' (want rw-, r--, r-x, ---...)",
			     word);
	return (word[0] == 'r' ? PROT_READ : 0) |
	       (word[1] == 'w' ? PROT_WRITE : 0) |
	       (word[2] == 'x' ? PROT_EXEC : 0);
}

/* The window rule above; len is what the kernel will use (page aligned). */
static inline void script_range(const struct script *s,
				const struct vma_script *vs, unsigned long addr,
				unsigned long len)
{
	if (addr >= TASK_SIZE)
		return;
	if (addr < vs->win_lo || addr >= vs->win_hi || len > vs->win_hi - addr)
		script_error(s, "0x%lx+0x%lx is outside the window 0x%lx-0x%lx",
			     addr, len, vs->win_lo, vs->win_hi);
}

static inline void script_window(const struct script *s, struct vma_script *vs)
{
	if (s->argc != 3)
		script_error(s, "want: window LO HI");
	vs->win_lo = script_number(s, s->argv[1], "address");
	vs->win_hi = script_number(s, s->argv[2], "address");
	if (vs->win_lo % PAGE_SIZE || vs->win_hi % PAGE_SIZE ||
	    vs->win_lo < MMAP_MIN_ADDR || vs->win_hi > TASK_SIZE ||
	    vs->win_lo >= vs->win_hi)
		script_error(s,
			     "the window must be page aligned and within "
			     "0x%lx-0x%lx, LO below HI",
			     MMAP_MIN_ADDR, TASK_SIZE);
}

static inline void script_start_brk(const struct script *s,
				    struct vma_script *vs)
{
	if (s->argc != 2)
		script_error(s, "want: start_brk ADDR");
	if (vs->start_brk || vs->nr_cmds)
		script_error(s, "start_brk comes once, before any operation");
	vs->start_brk = script_number(s, s->argv[1], "address");
	if (vs->start_brk % PAGE_SIZE || vs->start_brk < vs->win_lo ||
	    vs->start_brk >= vs->win_hi)
		script_error(s,
			     "start_brk must be page aligned, in the window");
}

static inline void script_cmd(const struct script *s,
			      const struct vma_script *vs, struct cmd *c)
{
	const char *len = s->argc > 2 ? s->argv[2] : "1";

	switch (c->op) {
	case OP_MMAP:
		c->addr = strcmp(s->argv[1], "-") ?
				  script_number(s, s->argv[1], "address") :
				  0;
		c->len = script_number(s, s->argv[2], "length");
		c->prot = script_prot(s, s->argv[3]);
		if (s->argc == 5 && !strcmp(s->argv[4], "fixed"))
			c->flags = MAP_FIXED;
		else if (s->argc == 5 && !strcmp(s->argv[4], "noreplace"))
			c->flags = MAP_FIXED_NOREPLACE;
		else if (s->argc == 5)
			script_error(s,
				     "bad mmap flag '%s' (want fixed or "
				     "noreplace)",
				     s->argv[4]);
		if (c->flags && c->len <= TASK_SIZE)
			script_range(s, vs, c->addr, PAGE_ALIGN(c->len));
		break;
	case OP_MPROTECT:
		c->prot = script_prot(s, s->argv[3]);
		/* fall through */
	case OP_MUNMAP:
		c->addr = script_number(s, s->argv[1], "address");
		c->len = script_number(s, s->argv[2], "length");
		if (c->op == OP_MPROTECT || c->len <= TASK_SIZE)
			script_range(s, vs, c->addr, PAGE_ALIGN(c->len));
		break;
	case OP_BRK:
		if (!vs->start_brk)
			script_error(s, "brk needs a start_brk line first");
		if (strchr("+-", s->argv[1][0]))
			c->brk_sign = s->argv[1][0];
		c->addr = script_number(s, s->argv[1] + !!c->brk_sign, "break");
		break;
	case OP_TOUCH:
		c->addr = script_number(s, s->argv[1], "address");
		c->len = script_number(s, len, "length");
		if (!c->len || c->len > ULONG_MAX - c->addr)
			script_error(s, "touch needs a length that fits");
		script_range(s, vs, c->addr, c->len);
		break;
	case OP_FIND:
		c->addr = script_number(s, s->argv[1], "address");
		if (c->addr < vs->win_lo || c->addr >= vs->win_hi)
			script_error(s, "find needs an address in the window");
		break;
	case OP_MAPS:
		break;
	}
}

static inline void parse_script(FILE *fp, const char *name,
				struct vma_script *vs)
{
	struct script s;

	memset(vs, 0, sizeof(*vs));
	script_init(&s, fp, name);
	while (script_next(&s)) {
		struct cmd *c = &vs->cmds[vs->nr_cmds];
		size_t i, n = sizeof(vma_ops) / sizeof(vma_ops[0]);

		if (!strcmp(s.argv[0], "window")) {
			if (vs->win_hi)
				script_error(&s, "only one window line");
			script_window(&s, vs);
			continue;
		}
		if (!vs->win_hi)
			script_error(&s,
				     "the first line must be: window LO HI");
		if (!strcmp(s.argv[0], "start_brk")) {
			script_start_brk(&s, vs);
			continue;
		}
		for (i = 0; i < n && strcmp(s.argv[0], vma_ops[i].name); i++)
			;
		if (i == n)
			script_error(&s, "unknown operation '%s'", s.argv[0]);
		if (s.argc - 1 < vma_ops[i].min_args ||
		    s.argc - 1 > vma_ops[i].max_args)
			script_error(&s, "want: %s", vma_ops[i].usage);
		if (vs->nr_cmds == CMDS_MAX)
			script_error(&s, "more than %d operations", CMDS_MAX);
		memset(c, 0, sizeof(*c));
		c->op = vma_ops[i].op;
		script_cmd(&s, vs, c);
		for (int w = 0; w < s.argc; w++)
			snprintf(c->text + strlen(c->text),
				 sizeof(c->text) - strlen(c->text), "%s%s",
				 w ? " " : "", s.argv[w]);
		vs->nr_cmds++;
	}
	if (!vs->win_hi)
		script_error(&s, "empty script: the first line must be: window "
				 "LO HI");
}

/* @region problem */
/*
 * Problem number seed: a random script in a window of 16 pages, ending
 * with "maps".  The question: what does each line print?
 */
static inline void make_problem(uint64_t seed, FILE *out)
{
	static const char *const prots[] = { "rw-", "r--", "---", "r-x" };
	const unsigned long lo = 0x10000000, pages = 16;
	struct rng rng;
	int ops;

	rng_seed(&rng, seed);
	ops = rng_range(&rng, 5, 9);
	fprintf(out, "# vma -s %llu: what does each operation print?\n",
		(unsigned long long)seed);
	fprintf(out, "window 0x%lx 0x%lx\n", lo, lo + pages * PAGE_SIZE);
	while (ops--) {
		unsigned long page = rng_range(&rng, 0, pages - 1);
		unsigned long addr = lo + page * PAGE_SIZE;
		unsigned long n = rng_range(&rng, 1, 4);
		unsigned long kb = (n < pages - page ? n : pages - page) *
				   (PAGE_SIZE >> 10);
		const char *prot = prots[rng_range(&rng, 0, 3)];

		switch (rng_range(&rng, 0, 5)) {
		case 0:
		case 1:
			fprintf(out, "mmap 0x%lx %luk %s fixed\n", addr, kb,
				prot);
			break;
		case 2:
			fprintf(out, "mmap - %luk %s\n", kb, prot);
			break;
		case 3:
			fprintf(out, "munmap 0x%lx %luk\n", addr, kb);
			break;
		case 4:
			fprintf(out, "mprotect 0x%lx %luk %s\n", addr, kb,
				prot);
			break;
		default:
			fprintf(out, "touch 0x%lx\n", addr);
			break;
		}
	}
	fprintf(out, "maps\n");
}
/* @end problem */

/*
 * The script of the command line: the file of -f, or problem -s SEED,
 * which is printed first so that the answer follows its question.
 */
static inline void get_script(const struct sim_args *args,
			      struct vma_script *vs)
{
	char *text = NULL;
	size_t size = 0;
	FILE *fp;

	if (args->file) {
		fp = sim_open(args->file);
		parse_script(fp, strcmp(args->file, "-") ? args->file : "stdin",
			     vs);
		fclose(fp);
		return;
	}
	fp = open_memstream(&text, &size);
	if (!fp)
		die("out of memory");
	make_problem(args->seed, fp);
	fclose(fp);
	fputs(text, stdout);
	fp = fmemopen(text, size, "r");
	if (!fp)
		die("out of memory");
	parse_script(fp, "problem", vs);
	fclose(fp);
	free(text);
}

#endif /* VMA_SCRIPT_H */
