// SPDX-License-Identifier: GPL-2.0
/*
 * walk - the x86 page-table walk, as the MMU does it on a TLB miss, for the
 * four formats Linux 6.1 uses on x86: 2level (i386 without PAE), pae (the
 * 686-pae kernel), 4level and 5level (x86_64).
 *
 *   walk -s SEED [-m FORMAT] [-n N] [-p RAM] [-c]   a translation problem
 *   walk -m FORMAT -a VA                            an address, cut up
 *   walk -f FILE [-x ACCESS]                        redo a walk from a file
 *
 * A walk is printed in the format that the chapter's module prints for a
 * real process, one line per level, so that the two can be compared line
 * for line in the VM.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

/* asm/page_types.h */
#define PAGE_SHIFT 12
#define PAGE_SIZE ((uint64_t)1 << PAGE_SHIFT)
#define MB ((uint64_t)1 << 20)
#define GB ((uint64_t)1 << 30)

/* asm/pgtable_types.h: the hardware bits of an entry */
#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7 /* on pud and pmd entries (pgd without PAE) */
#define _PAGE_BIT_PAT 7 /* on pte entries */
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_NX 63 /* 64-bit entries only */

#define _PAGE_PRESENT ((uint64_t)1 << _PAGE_BIT_PRESENT)
#define _PAGE_RW ((uint64_t)1 << _PAGE_BIT_RW)
#define _PAGE_USER ((uint64_t)1 << _PAGE_BIT_USER)
#define _PAGE_ACCESSED ((uint64_t)1 << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY ((uint64_t)1 << _PAGE_BIT_DIRTY)
#define _PAGE_PSE ((uint64_t)1 << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL ((uint64_t)1 << _PAGE_BIT_GLOBAL)
#define _PAGE_NX ((uint64_t)1 << _PAGE_BIT_NX)

/* What an entry pointing to a lower table holds, above user pages and
 * above kernel pages (asm/pgtable_types.h, without _ENC). */
#define _PAGE_TABLE \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

enum level {
	PGD,
	P4D,
	PUD,
	PMD,
	PTE,
	NR_LEVELS
};
static const char *const level_name[NR_LEVELS] = { "pgd", "p4d", "pud", "pmd",
						   "pte" };

/*
 * A format: for each level its shift and its number of entries, 0 when
 * the level is folded into the one above, as asm-generic/pgtable-nop4d.h,
 * -nopud.h and -nopmd.h fold them.
 */
struct format {
	const char *name, *what;
	int entry_size; /* bytes: sizeof(pteval_t) */
	int va_bits; /* __VIRTUAL_MASK_SHIFT + 1 on x86_64 */
	int phys_bits; /* __PHYSICAL_MASK_SHIFT */
	int shift[NR_LEVELS];
	unsigned int ptrs[NR_LEVELS];
	bool huge[NR_LEVELS]; /* a present entry with _PAGE_PSE maps a page */
	uint64_t ram, max_ram; /* -p: the default, and 2^MAX_PHYSMEM_BITS */
};

static const struct format formats[] = {
	/* pgtable-2level_types.h: PGDIR_SHIFT 22, PTRS_PER_PGD and
	 * PTRS_PER_PTE 1024; page_32_types.h: 32-bit physical addresses;
	 * sparsemem.h: MAX_PHYSMEM_BITS 32 */
	{
		.name = "2level",
		.what = "i386 without PAE, 32-bit entries, 4k and 4m pages",
		.entry_size = 4,
		.va_bits = 32,
		.phys_bits = 32,
		.shift = { [PGD] = 22, [PTE] = PAGE_SHIFT },
		.ptrs = { [PGD] = 1024, [PTE] = 1024 },
		.huge = { [PGD] = true },
		.ram = 512 * MB,
		.max_ram = 4 * GB,
	},
	/* pgtable-3level_types.h: PGDIR_SHIFT 30, PTRS_PER_PGD 4, PMD_SHIFT 21,
	 * PTRS_PER_PMD and PTRS_PER_PTE 512; page_32_types.h: with PAE,
	 * __PHYSICAL_MASK_SHIFT 52; sparsemem.h: MAX_PHYSMEM_BITS 36 */
	{
		.name = "pae",
		.what = "i386 with PAE, 64-bit entries, 4k and 2m pages",
		.entry_size = 8,
		.va_bits = 32,
		.phys_bits = 52,
		.shift = { [PGD] = 30, [PMD] = 21, [PTE] = PAGE_SHIFT },
		.ptrs = { [PGD] = 4, [PMD] = 512, [PTE] = 512 },
		.huge = { [PMD] = true },
		.ram = 8 * GB,
		.max_ram = 64 * GB,
	},
	/* pgtable_64_types.h: PGDIR_SHIFT 39, PUD_SHIFT 30, PMD_SHIFT 21, 512
	 * entries a table; page_64_types.h: __VIRTUAL_MASK_SHIFT 47,
	 * __PHYSICAL_MASK_SHIFT 52; sparsemem.h: MAX_PHYSMEM_BITS 46 */
	{
		.name = "4level",
		.what = "x86_64, 48-bit addresses, 4k, 2m and 1g pages",
		.entry_size = 8,
		.va_bits = 48,
		.phys_bits = 52,
		.shift = { 39, 0, 30, 21, PAGE_SHIFT },
		.ptrs = { 512, 0, 512, 512, 512 },
		.huge = { [PUD] = true, [PMD] = true },
		.ram = 16 * GB,
		.max_ram = (uint64_t)1 << 46,
	},
	/* The same with CONFIG_X86_5LEVEL on a CPU with LA57: pgdir_shift 48
	 * (set at boot), P4D_SHIFT 39, ptrs_per_p4d 512, __VIRTUAL_MASK_SHIFT
	 * 56, MAX_PHYSMEM_BITS 52 */
	{
		.name = "5level",
		.what = "x86_64 with LA57, 57-bit addresses, 4k, 2m and 1g pages",
		.entry_size = 8,
		.va_bits = 57,
		.phys_bits = 52,
		.shift = { 48, 39, 30, 21, PAGE_SHIFT },
		.ptrs = { 512, 512, 512, 512, 512 },
		.huge = { [PUD] = true, [PMD] = true },
		.ram = 16 * GB,
		.max_ram = (uint64_t)1 << 52,
	},
};

static const struct format *fmt = &formats[2];

static const struct format *find_format(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

/* Hex digits of an entry, and of a physical address or a VA. */
static int entry_digits(void)
{
	return fmt->entry_size * 2;
}

static int va_digits(void)
{
	return fmt->va_bits > 32 ? 16 : 8;
}

static uint64_t mask_below(int bits)
{
	return bits >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;
}

/*
 * The frame an entry points to, a table or a page of 1 << shift bytes:
 * bits shift..51 (PTE_PFN_MASK, PHYSICAL_PMD_PAGE_MASK,
 * PHYSICAL_PUD_PAGE_MASK), bits shift..31 of a 32-bit entry.  Bit 12 of a
 * huge entry is _PAGE_BIT_PAT_LARGE, and bits 13..20 of a 4m entry are
 * PSE-36's high address bits, which the book leaves aside: the mask drops
 * them.
 */
static uint64_t frame_of(uint64_t val, int shift)
{
	return val & mask_below(fmt->phys_bits) & ~mask_below(shift);
}

/* VMSPLIT_3G on i386: TASK_SIZE is PAGE_OFFSET, 0xc0000000. */
static bool canonical(uint64_t va)
{
	uint64_t top = va >> (fmt->va_bits - 1);

	if (fmt->va_bits == 32)
		return va <= UINT32_MAX;
	return top == 0 || top == mask_below(64 - fmt->va_bits + 1);
}

static void check_va(const char *what, uint64_t va)
{
	if (canonical(va))
		return;
	if (fmt->va_bits == 32)
		usage_error("%s 0x%" PRIx64 ": %s has 32-bit virtual addresses",
			    what, va, fmt->name);
	usage_error(
		"%s 0x%" PRIx64
		": not canonical: with %s, bits 63 to %d must be copies of bit %d",
		what, va, fmt->name, fmt->va_bits, fmt->va_bits - 1);
}

static unsigned int index_of(uint64_t va, enum level l)
{
	return (unsigned int)(va >> fmt->shift[l]) & (fmt->ptrs[l] - 1);
}

static const char *page_name(int shift)
{
	switch (shift) {
	case 21:
		return "2m";
	case 22:
		return "4m";
	case 30:
		return "1g";
	default:
		return "4k";
	}
}

/*
 * Physical memory: the pages that hold page tables, a word (an entry) at
 * a time.  A word the walk needs and nobody gave is an error in a file;
 * the tables of a problem give all their words, zero or not.
 */
#define MAX_FRAMES 256
#define WORDS_MAX (PAGE_SIZE / 4)

static struct frame {
	uint64_t pa;
	uint64_t word[WORDS_MAX];
	bool known[WORDS_MAX];
} frames[MAX_FRAMES];
static int nr_frames;

static struct frame *frame_at(uint64_t pa, bool create)
{
	uint64_t base = pa & ~(PAGE_SIZE - 1);
	struct frame *f;

	for (int i = 0; i < nr_frames; i++)
		if (frames[i].pa == base)
			return &frames[i];
	if (!create)
		return NULL;
	if (nr_frames == MAX_FRAMES)
		usage_error("more than %d pages of page tables", MAX_FRAMES);
	f = &frames[nr_frames++];
	f->pa = base;
	return f;
}

static unsigned int slot_of(uint64_t pa)
{
	return (unsigned int)((pa & (PAGE_SIZE - 1)) / fmt->entry_size);
}

static bool mem_read(uint64_t pa, uint64_t *val)
{
	struct frame *f = frame_at(pa, false);

	if (!f || !f->known[slot_of(pa)])
		return false;
	*val = f->word[slot_of(pa)];
	return true;
}

/* @region walk */
struct walk {
	uint64_t va, cr3;
	struct {
		unsigned int index;
		uint64_t pa, val; /* the entry's physical address, its value */
	} e[NR_LEVELS];
	enum level last; /* the level of the last entry read */
	bool present; /* false: the walk stopped at an entry without P */
	int page_shift; /* when present: the page is 1 << page_shift bytes */
	uint64_t pa;
};

/*
 * The walk of the MMU: from cr3, at each level that is not folded, the
 * entry that the VA's index selects.  It ends at the first entry without
 * _PAGE_PRESENT, at a pte, or at a pud or pmd (pgd without PAE) with
 * _PAGE_PSE, which maps a huge page.  Returns false, with *missing the
 * address of the word and w->last its level, when memory does not have a
 * word it needs.
 */
static bool walk(struct walk *w, uint64_t va, uint64_t cr3, uint64_t *missing)
{
	uint64_t table = cr3;

	*w = (struct walk){ .va = va, .cr3 = cr3 };
	for (enum level l = PGD; l < NR_LEVELS; l++) {
		uint64_t val;

		if (!fmt->ptrs[l])
			continue;
		w->e[l].index = index_of(va, l);
		w->e[l].pa = table + (uint64_t)w->e[l].index * fmt->entry_size;
		w->last = l;
		if (!mem_read(w->e[l].pa, &val)) {
			*missing = w->e[l].pa;
			return false;
		}
		w->e[l].val = val;
		if (!(val & _PAGE_PRESENT))
			return true;
		if (l == PTE || (fmt->huge[l] && (val & _PAGE_PSE))) {
			w->present = true;
			w->page_shift = fmt->shift[l];
			w->pa = frame_of(val, w->page_shift) |
				(va & mask_below(w->page_shift));
			return true;
		}
		table = frame_of(val, PAGE_SHIFT);
	}
	return true; /* not reached: the pte level is never folded */
}
/* @end walk */

static void print_flags(uint64_t val, enum level l)
{
	static const char *const name[] = { "present", "rw",  "user",
					    "pwt",     "pcd", "accessed",
					    "dirty",   NULL,  "global" };

	for (int bit = 0; bit <= _PAGE_BIT_GLOBAL; bit++) {
		const char *n = name[bit];

		if (!(val & ((uint64_t)1 << bit)))
			continue;
		if (bit == _PAGE_BIT_PSE) {
			if (l == PTE)
				n = "pat";
			else if (fmt->huge[l] || l == PUD || l == PMD)
				n = "pse";
		}
		if (n)
			printf(" %s", n);
	}
	if (fmt->entry_size == 8 && (val & _PAGE_NX))
		printf(" nx");
}

/* The walk in the format of the chapter's module; indent for -c. */
static void print_walk(const struct walk *w, const char *indent)
{
	int ed = entry_digits();

	printf("%sformat %s\n", indent, fmt->name);
	printf("%sva 0x%0*" PRIx64 "\n", indent, va_digits(), w->va);
	printf("%scr3 0x%0*" PRIx64 "\n", indent, ed, w->cr3);
	for (enum level l = PGD; l <= w->last; l++) {
		if (!fmt->ptrs[l]) {
			printf("%s%s folded\n", indent, level_name[l]);
			continue;
		}
		printf("%s%s %u 0x%0*" PRIx64 " 0x%0*" PRIx64, indent,
		       level_name[l], w->e[l].index, ed, w->e[l].pa, ed,
		       w->e[l].val);
		print_flags(w->e[l].val, l);
		putchar('\n');
	}
	if (!w->present) {
		printf("%sstop %s not-present\n", indent, level_name[w->last]);
		return;
	}
	printf("%spage %s\n", indent, page_name(w->page_shift));
	printf("%spa 0x%0*" PRIx64 "\n", indent, ed, w->pa);
}

/* @region access */
enum access {
	READ,
	WRITE,
	FETCH
};
static const char *const access_name[] = { "read", "write", "fetch" };

struct question {
	bool user; /* CPL 3 */
	enum access type;
	uint64_t va;
};

/*
 * What the access does once the walk is done.  Rights combine over every
 * entry of the walk: writable only if every entry has RW, user-accessible
 * only if every one has USER, executable only if none has NX.  Linux sets
 * CR0.WP, so a kernel write to a read-only page faults too.  A PAE PDPT
 * entry has neither RW nor USER nor NX (they are reserved there, and
 * pud_populate() in arch/x86/mm/pgtable.c sets only _PAGE_PRESENT): it
 * takes no part.  QEMU's default CPU has neither SMEP nor SMAP, so the
 * kernel may read, write and run user pages.  When several rights are
 * missing, the first of supervisor, read-only and nx is named.
 */
static void outcome(const struct walk *w, const struct question *q, char *buf,
		    size_t size)
{
	bool rw = true, user = true, nx = false;

	if (!w->present) {
		snprintf(buf, size, "fault not-present %s (no P bit in the %s)",
			 level_name[w->last], level_name[w->last]);
		return;
	}
	for (enum level l = PGD; l <= w->last; l++) {
		if (!fmt->ptrs[l] || (l == PGD && fmt->ptrs[PGD] == 4))
			continue;
		rw &= !!(w->e[l].val & _PAGE_RW);
		user &= !!(w->e[l].val & _PAGE_USER);
		nx |= fmt->entry_size == 8 && (w->e[l].val & _PAGE_NX);
	}
	if (q->user && !user)
		snprintf(buf, size,
			 "fault supervisor (user access to a supervisor page)");
	else if (q->type == WRITE && !rw)
		snprintf(buf, size,
			 "fault read-only (write to a read-only page)");
	else if (q->type == FETCH && nx)
		snprintf(buf, size,
			 "fault nx (instruction fetch from an NX page)");
	else
		snprintf(buf, size, "0x%0*" PRIx64, entry_digits(), w->pa);
}
/* @end access */

/* ---- -a: an address cut into its indices */

static void decompose(uint64_t va)
{
	int hi = fmt->va_bits - 1;

	check_va("-a", va);
	printf("format %s\n", fmt->name);
	printf("va 0x%0*" PRIx64 "\n", va_digits(), va);
	for (enum level l = PGD; l < NR_LEVELS; l++) {
		if (!fmt->ptrs[l]) {
			printf("%s folded\n", level_name[l]);
			continue;
		}
		printf("%s %u bits %d-%d\n", level_name[l], index_of(va, l), hi,
		       fmt->shift[l]);
		hi = fmt->shift[l] - 1;
	}
	for (int l = PTE; l >= PGD; l--)
		if (fmt->huge[l] || l == PTE)
			printf("offset %s 0x%" PRIx64 " bits %d-0\n",
			       page_name(fmt->shift[l]),
			       va & mask_below(fmt->shift[l]),
			       fmt->shift[l] - 1);
}

/* ---- -f: a walk read back from a file */

static const char *const flag_words[] = { "present", "rw",	 "user",  "pwt",
					  "pcd",     "accessed", "dirty", "pse",
					  "pat",     "global",	 "nx" };

static struct {
	const char *path;
	unsigned int lineno;
} in;

/* A refused line of the file, named by its number. */
PRINTF(1, 2) noreturn static void in_error(const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	usage_error("%s:%u: %s", in.path, in.lineno, msg);
}

static uint64_t in_number(const char *what, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		in_error("%s '%s' is not a number", what, s);
	return v;
}

static void in_word(uint64_t pa, uint64_t val)
{
	struct frame *f;

	if (pa % fmt->entry_size)
		in_error("0x%" PRIx64 " is not aligned to %s's %d-byte entries",
			 pa, fmt->name, fmt->entry_size);
	if (pa > mask_below(fmt->phys_bits))
		in_error("0x%" PRIx64
			 " is beyond %s's %d-bit physical addresses",
			 pa, fmt->name, fmt->phys_bits);
	if (val > mask_below(fmt->entry_size * 8))
		in_error("0x%" PRIx64 " does not fit in a %d-byte entry", val,
			 fmt->entry_size);
	f = frame_at(pa, true);
	if (f->known[slot_of(pa)] && f->word[slot_of(pa)] != val)
		in_error("two values for the word at 0x%" PRIx64, pa);
	f->known[slot_of(pa)] = true;
	f->word[slot_of(pa)] = val;
}

static int level_of(const char *name)
{
	for (int l = PGD; l < NR_LEVELS; l++)
		if (!strcmp(level_name[l], name))
			return l;
	return -1;
}

static void in_level_line(char **w, int n)
{
	size_t len;

	if (n == 2 && !strcmp(w[1], "folded"))
		return;
	if (n < 4)
		in_error("a %s line is \"%s INDEX ENTRY-PA VALUE FLAGS...\"",
			 w[0], w[0]);
	len = strlen(w[1]);
	if (strspn(w[1], "0123456789") != len || len > 4)
		in_error("index '%s' is not a decimal number", w[1]);
	for (int i = 4; i < n; i++) {
		size_t k = 0;

		while (k < sizeof(flag_words) / sizeof(flag_words[0]) &&
		       strcmp(flag_words[k], w[i]))
			k++;
		if (k == sizeof(flag_words) / sizeof(flag_words[0]))
			in_error("unknown flag '%s'", w[i]);
	}
	in_word(in_number("entry address", w[2]), in_number("value", w[3]));
}

#define IN_WORDS 20

/* Reads FILE into memory; returns the va and cr3 it gives. */
static void read_walk_file(const char *path, uint64_t *va, uint64_t *cr3)
{
	FILE *fp = sim_open(path);
	bool have_va = false, have_cr3 = false;
	char line[512];

	in.path = strcmp(path, "-") ? path : "stdin";
	fmt = NULL;
	while (fgets(line, sizeof(line), fp)) {
		char *w[IN_WORDS], *p = line;
		int n = 0;

		in.lineno++;
		if (!strchr(line, '\n') && !feof(fp))
			in_error("line longer than %zu characters",
				 sizeof(line) - 2);
		line[strcspn(line, "#\n")] = '\0';
		for (p = strtok(line, " \t\r"); p; p = strtok(NULL, " \t\r")) {
			if (n == IN_WORDS)
				in_error("more than %d words", IN_WORDS);
			w[n++] = p;
		}
		if (!n)
			continue;
		if (!strcmp(w[0], "format")) {
			if (n != 2 || fmt)
				in_error("one \"format NAME\" line, first");
			fmt = find_format(w[1]);
			if (!fmt)
				in_error(
					"unknown format '%s': give 2level, pae, 4level or 5level",
					w[1]);
			continue;
		}
		if (!fmt)
			in_error("the first line must be \"format NAME\"");
		if (!strcmp(w[0], "va") && n == 2) {
			if (have_va)
				in_error("a second va line");
			*va = in_number("va", w[1]);
			have_va = true;
		} else if (!strcmp(w[0], "cr3") && n == 2) {
			if (have_cr3)
				in_error("a second cr3 line");
			*cr3 = in_number("cr3", w[1]);
			have_cr3 = true;
		} else if (level_of(w[0]) >= 0) {
			in_level_line(w, n);
		} else if (n == 2 && w[0][strlen(w[0]) - 1] == ':') {
			/* a line of a problem's memory dump */
			w[0][strlen(w[0]) - 1] = '\0';
			in_word(in_number("address", w[0]),
				in_number("value", w[1]));
		} else if (!((!strcmp(w[0], "pid") && n == 2 &&
			      strspn(w[1], "0123456789") == strlen(w[1])) ||
			     (!strcmp(w[0], "page") && n == 2) ||
			     (!strcmp(w[0], "pa") && n == 2) ||
			     (!strcmp(w[0], "stop") && n == 3))) {
			in_error("unexpected line \"%s%s\"", w[0],
				 n > 1 ? " ..." : "");
		}
	}
	if (ferror(fp))
		die("%s: read error", in.path);
	if (fp != stdin)
		fclose(fp);
	in.lineno++;
	if (!fmt || !have_va || !have_cr3)
		in_error("end of file: a walk needs format, va and cr3 lines");
	in.lineno = 0;
	check_va("va", *va);
	if (*cr3 % (fmt->ptrs[PGD] * fmt->entry_size) ||
	    *cr3 > mask_below(fmt->phys_bits))
		usage_error("cr3 0x%" PRIx64
			    ": not the address of a %u-byte aligned %s table",
			    *cr3, fmt->ptrs[PGD] * fmt->entry_size, fmt->name);
}

/* ---- -s: a problem */

static struct rng rng;
static uint64_t ram;

/* Physical memory in use, so that no two pages or tables overlap. */
static struct range {
	uint64_t start, end;
} used[MAX_FRAMES * 2];
static int nr_used;

static bool take(uint64_t start, uint64_t size)
{
	for (int i = 0; i < nr_used; i++)
		if (start < used[i].end && used[i].start < start + size)
			return false;
	if (nr_used == MAX_FRAMES * 2)
		die("out of room for pages");
	used[nr_used++] = (struct range){ start, start + size };
	return true;
}

/*
 * Page tables come from a few MiB of memory at 1 MiB; 4k pages from RAM
 * above 16 MiB, huge pages from the upper half of RAM, aligned to their
 * size: a huge page always finds room, since there are more of its
 * frames there than regions.
 */
#define TABLES_START (1 * MB)
#define TABLES_END (5 * MB)
#define DATA_START (16 * MB)

static uint64_t alloc_table(void)
{
	uint64_t pa;
	struct frame *f;

	do
		pa = rng_range(&rng, TABLES_START / PAGE_SIZE,
			       TABLES_END / PAGE_SIZE - 1)
		     << PAGE_SHIFT;
	while (!take(pa, PAGE_SIZE));
	f = frame_at(pa, true);
	memset(f->known, true, sizeof(f->known));
	return pa;
}

static uint64_t alloc_page(int shift)
{
	uint64_t size = (uint64_t)1 << shift, pa;

	do
		pa = shift == PAGE_SHIFT ?
			     rng_range(&rng, DATA_START / size,
				       ram / 2 / size - 1) :
			     rng_range(&rng, ram / 2 / size, ram / size - 1);
	while (!take(pa << shift, size));
	return pa << shift;
}

static void mem_write(uint64_t pa, uint64_t val)
{
	frame_at(pa, false)->word[slot_of(pa)] = val;
}

/* The kinds of mapping a region gets, with the bits Linux gives them. */
static const struct profile {
	bool user;
	uint64_t bits;
} profiles[] = {
	/* user text, read-only data, data */
	{ true, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED },
	{ true, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX },
	{ true, _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED |
			_PAGE_DIRTY | _PAGE_NX },
	/* the kernel's text, read-only data, data: global, in every mm */
	{ false, _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL },
	{ false, _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX },
	{ false, _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY |
			 _PAGE_GLOBAL | _PAGE_NX },
};

/* The problem's cr3: the physical address of its pgd */
static uint64_t problem_cr3;

/*
 * Puts val in the level-leaf entry of va, making the tables above it; or
 * with dry, only says whether the place is free: no page there, and no
 * table where a huge page should go.
 */
static bool map(uint64_t va, enum level leaf, uint64_t val, bool user, bool dry)
{
	uint64_t table = problem_cr3, epa, e = 0;

	for (enum level l = PGD; l <= leaf; l++) {
		if (!fmt->ptrs[l])
			continue;
		epa = table + (uint64_t)index_of(va, l) * fmt->entry_size;
		mem_read(epa, &e);
		if (l == leaf) {
			if (!dry)
				mem_write(epa, val);
			return !e;
		}
		if (!e && dry)
			return true;
		if (!e) {
			e = alloc_table();
			/* the PDPT entry of PAE: only P (pud_populate()) */
			e |= fmt->ptrs[l] == 4 ? _PAGE_PRESENT :
			     user	       ? _PAGE_TABLE :
						 _KERNPG_TABLE;
			mem_write(epa, e);
		} else if (fmt->huge[l] && (e & _PAGE_PSE)) {
			return false;
		}
		table = frame_of(e, PAGE_SHIFT);
	}
	return false;
}

#define MAX_REGIONS 5

static struct region {
	uint64_t va, size;
	enum level leaf;
} regions[MAX_REGIONS];
static int nr_regions;

/* User space is below PAGE_OFFSET (VMSPLIT_3G) or the upper half. */
static bool is_user_va(uint64_t va)
{
	return fmt->va_bits == 32 ? va < 0xc0000000 : !(va >> 63);
}

/* A VA in user space or in the kernel's, aligned to 1 << shift */
static uint64_t random_va(bool user, int shift)
{
	uint64_t lo, hi, va;

	if (fmt->va_bits == 32) {
		lo = user ? 4 * MB : 0xc0000000;
		hi = user ? 0xbfffffff : 0xff7fffff;
	} else {
		lo = user ? 4 * MB : ~mask_below(fmt->va_bits - 1);
		hi = user ? mask_below(fmt->va_bits - 1) : ~(uint64_t)0;
	}
	va = rng_range(&rng, lo, hi) & ~mask_below(shift);
	return va < lo ? va + ((uint64_t)1 << shift) : va;
}

/*
 * A region near an earlier one of the same side most of the time, so that
 * tables are shared: the indices of the levels above some level are the
 * earlier region's.
 */
static uint64_t region_va(bool user, enum level leaf)
{
	uint64_t va = random_va(user, fmt->shift[leaf]);
	int i = (int)rng_range(&rng, 0, nr_regions);
	enum level l;

	if (leaf == PGD || i >= nr_regions || is_user_va(regions[i].va) != user)
		return va;
	do
		l = (enum level)rng_range(&rng, PGD, leaf - 1);
	while (!fmt->ptrs[l]);
	return (regions[i].va & ~mask_below(fmt->shift[l])) |
	       (va & mask_below(fmt->shift[l]));
}

static void make_region(void)
{
	enum level huge[NR_LEVELS], leaf = PTE;
	int nr_huge = 0, npages;
	const struct profile *p = &profiles[rng_range(
		&rng, 0, sizeof(profiles) / sizeof(profiles[0]) - 1)];
	uint64_t bits = p->bits, va;

	if (fmt->entry_size == 4)
		bits &= ~_PAGE_NX;
	for (enum level l = PGD; l < PTE; l++)
		if (fmt->huge[l] && ram / 2 >> fmt->shift[l] >= MAX_REGIONS)
			huge[nr_huge++] = l;
	/* one region in three is a huge page, where the format has them */
	if (nr_huge && rng_range(&rng, 0, 2) == 0)
		leaf = huge[rng_range(&rng, 0, nr_huge - 1)];
	npages = leaf == PTE ? (int)rng_range(&rng, 1, 4) : 1;
	for (int tries = 0;; tries++) {
		bool ok = true;

		if (tries == 100)
			die("no room for a region");
		va = region_va(p->user, leaf);
		/* a run of pages stays within one pte table */
		if (leaf == PTE && index_of(va, PTE) + npages > fmt->ptrs[PTE])
			continue;
		for (int i = 0; i < npages && ok; i++)
			ok = map(va + ((uint64_t)i << PAGE_SHIFT), leaf, 0,
				 p->user, true);
		if (ok)
			break;
	}
	for (int i = 0; i < npages; i++) {
		/* the first page is always there, a later one may be a hole
		 * (a page not faulted in yet) */
		if (i && rng_range(&rng, 0, 3) == 0)
			continue;
		map(va + ((uint64_t)i << PAGE_SHIFT), leaf,
		    alloc_page(fmt->shift[leaf]) | bits |
			    (leaf == PTE ? 0 : _PAGE_PSE),
		    p->user, false);
	}
	regions[nr_regions++] =
		(struct region){ va, (uint64_t)npages << fmt->shift[leaf],
				 leaf };
}

enum kind {
	TRANSLATES,
	NOT_PRESENT,
	PROTECTION
};

static enum kind kind_of(const char *outcome)
{
	if (!strncmp(outcome, "fault not-present", 17))
		return NOT_PRESENT;
	return strncmp(outcome, "fault", 5) ? TRANSLATES : PROTECTION;
}

/*
 * A question about one of the regions, or about an address next to one:
 * one of its indices changed, which may lead to an entry that is not
 * present at any level.
 */
static void make_question(struct question *q)
{
	const struct region *r = &regions[rng_range(&rng, 0, nr_regions - 1)];
	uint64_t va = r->va + rng_range(&rng, 0, r->size - 1);

	if (rng_range(&rng, 0, 1)) {
		enum level l;

		do
			l = (enum level)rng_range(&rng, PGD, r->leaf);
		while (!fmt->ptrs[l]);
		va ^= rng_range(&rng, 1, fmt->ptrs[l] - 1) << fmt->shift[l];
		/* a 64-bit VA is made canonical again, from its top bit */
		if (fmt->va_bits == 32)
			va &= UINT32_MAX;
		else if ((va >> (fmt->va_bits - 1)) & 1)
			va |= ~mask_below(fmt->va_bits);
		else
			va &= mask_below(fmt->va_bits);
	}
	q->va = va;
	q->user = rng_range(&rng, 0, 1);
	q->type = (enum access)rng_range(&rng, READ, FETCH);
}

#define MAX_QUESTIONS 20

static void problem(uint64_t seed, int n, bool answers)
{
	struct question qs[MAX_QUESTIONS];
	struct walk w;
	char out[96];
	uint64_t missing;
	int first = 0, nr = 0;

	rng_seed(&rng, seed);
	problem_cr3 = alloc_table();
	/* PAE: a 32-byte PDPT from the pgd_cache slab, anywhere in its page */
	if (fmt->ptrs[PGD] == 4) {
		problem_cr3 += rng_range(&rng, 0, PAGE_SIZE / 32 - 1) * 32;
		/* and its four pmd tables, there from the start: the CPU
		 * loads the PDPT with cr3 (pgd_prepopulate_pmd()) */
		for (uint64_t i = 0; i < 4; i++)
			mem_write(problem_cr3 + i * 8,
				  alloc_table() | _PAGE_PRESENT);
	}
	for (int i = (int)rng_range(&rng, 3, 4); i > 0; i--)
		make_region();
	/* the outcomes take turns: a translation, a page not present, a
	 * protection fault, as far as a few tries find them */
	first = (int)rng_range(&rng, 0, 2);
	for (int i = 0; i < n; i++) {
		enum kind want = (enum kind)((first + i) % 3);

		for (int tries = 0; tries < 50; tries++) {
			bool dup = false;

			make_question(&qs[i]);
			for (int j = 0; j < i; j++)
				dup |= qs[j].va == qs[i].va;
			walk(&w, qs[i].va, problem_cr3, &missing);
			outcome(&w, &qs[i], out, sizeof(out));
			if (!dup && kind_of(out) == want)
				break;
		}
	}

	printf("Format %s: %s.\n", fmt->name, fmt->what);
	printf("cr3 0x%0*" PRIx64 "\n", entry_digits(), problem_cr3);
	printf("The non-zero entries of the page tables, table by table:\n");
	for (uint64_t pa = 0; nr < nr_frames; pa += PAGE_SIZE) {
		const struct frame *f = frame_at(pa, false);
		bool empty = true;

		if (!f)
			continue;
		nr++;
		for (unsigned int s = 0; s < PAGE_SIZE / fmt->entry_size; s++)
			empty &= !f->word[s];
		/* a blank line before each table that has entries */
		if (!empty)
			putchar('\n');
		for (unsigned int s = 0; s < PAGE_SIZE / fmt->entry_size; s++)
			if (f->word[s])
				printf("0x%0*" PRIx64 ": 0x%0*" PRIx64 "\n",
				       entry_digits(),
				       pa + (uint64_t)s * fmt->entry_size,
				       entry_digits(), f->word[s]);
	}
	printf("\nWhere does each access lead: to which physical address, or to\n"
	       "which fault (not-present LEVEL, supervisor, read-only, nx)?\n");
	for (int i = 0; i < n; i++)
		printf("%2d. %s %s at 0x%0*" PRIx64 "\n", i + 1,
		       qs[i].user ? "user" : "kernel", access_name[qs[i].type],
		       va_digits(), qs[i].va);
	if (!answers)
		return;
	printf("\nAnswers:\n");
	for (int i = 0; i < n; i++) {
		walk(&w, qs[i].va, problem_cr3, &missing);
		outcome(&w, &qs[i], out, sizeof(out));
		printf("%2d. %s %s at 0x%0*" PRIx64 " -> %s\n", i + 1,
		       qs[i].user ? "user" : "kernel", access_name[qs[i].type],
		       va_digits(), qs[i].va, out);
		print_walk(&w, "    ");
	}
}

static const char help[] =
	"usage: walk -s SEED [-m FORMAT] [-n N] [-p RAM] [-c]\n"
	"       walk -m FORMAT -a VA\n"
	"       walk -f FILE [-x ACCESS]\n"
	"The page-table walk of the x86 MMU, in the formats of Linux 6.1:\n"
	"2level (i386), pae (i386 with PAE), 4level and 5level (x86_64).\n"
	"  -s SEED    make up page tables and accesses to translate; -c also\n"
	"             prints the answers, each with its walk\n"
	"  -m FORMAT  2level, pae, 4level (default) or 5level\n"
	"  -n N       how many accesses (1 to 20, default 5)\n"
	"  -p RAM     physical memory (default 512m for 2level, 8g for pae,\n"
	"             16g for 4level and 5level)\n"
	"  -a VA      the index of VA at each level, and its page offsets\n"
	"  -f FILE    redo the walk of FILE (\"-\": standard input), a walk as\n"
	"             the chapter's module prints it: lines format, va, cr3,\n"
	"             then \"LEVEL INDEX ENTRY-PA VALUE FLAGS...\" lines, each\n"
	"             the word VALUE at ENTRY-PA; \"PA: VALUE\" lines (a\n"
	"             problem's memory) give more words\n"
	"  -x ACCESS  with -f: also say what an access does, one of user-read,\n"
	"             user-write, user-fetch, kernel-read, kernel-write,\n"
	"             kernel-fetch\n"
	"Example: walk -s 1 -c    (a 4level problem and its answers)\n";

static uint64_t number_arg(int opt, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		usage_error("-%c %s: not a number", opt, s);
	return v;
}

static void parse_access(const char *s, struct question *q)
{
	const char *dash = strchr(s, '-');

	if (dash && dash - s == 4 && !strncmp(s, "user", 4))
		q->user = true;
	else if (!dash || dash - s != 6 || strncmp(s, "kernel", 6))
		dash = NULL;
	for (int t = READ; dash && t <= FETCH; t++)
		if (!strcmp(dash + 1, access_name[t])) {
			q->type = (enum access)t;
			return;
		}
	usage_error(
		"-x %s: give user-read, user-write, user-fetch, kernel-read, kernel-write or kernel-fetch",
		s);
}

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help,
					      .letters = "s:cf:m:n:p:a:x:" };
	struct sim_args args = { 0 };
	const char *access = NULL, *ram_arg = NULL;
	bool m_given = false, a_given = false, np_given = false;
	uint64_t va = 0, n = 5;
	int c;

	ram = 0;
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'm':
			fmt = find_format(optarg);
			if (!fmt)
				usage_error(
					"-m %s: unknown format: give 2level, pae, 4level or 5level",
					optarg);
			m_given = true;
			break;
		case 'n':
			n = number_arg(c, optarg);
			if (n < 1 || n > MAX_QUESTIONS)
				usage_error("-n %s: from 1 to %d questions",
					    optarg, MAX_QUESTIONS);
			np_given = true;
			break;
		case 'p':
			ram = number_arg(c, ram_arg = optarg);
			np_given = true;
			break;
		case 'a':
			va = number_arg(c, optarg);
			a_given = true;
			break;
		case 'x':
			access = optarg;
			break;
		}
	}
	if (args.seeded + a_given + !!args.file != 1)
		usage_error("give one of -s SEED, -a VA and -f FILE (try -h)");
	if (args.answers && !args.seeded)
		usage_error("-c prints the answers of the problem of -s SEED");
	if (np_given && !args.seeded)
		usage_error("-n and -p shape the problem of -s SEED");
	if (access && !args.file)
		usage_error("-x goes with -f FILE");
	if (args.file && m_given)
		usage_error("-m: with -f the file's format line gives it");
	if (a_given) {
		decompose(va);
		return 0;
	}
	if (args.file) {
		struct question q = { 0 };
		struct walk w;
		uint64_t cr3_in = 0, missing;
		char out[96];

		if (access)
			parse_access(access, &q);
		read_walk_file(args.file, &q.va, &cr3_in);
		if (!walk(&w, q.va, cr3_in, &missing))
			die("%s: no word at 0x%" PRIx64
			    ": the walk of va 0x%" PRIx64 " needs its %s entry",
			    in.path, missing, q.va, level_name[w.last]);
		print_walk(&w, "");
		if (access) {
			outcome(&w, &q, out, sizeof(out));
			printf("%s %s -> %s\n", q.user ? "user" : "kernel",
			       access_name[q.type], out);
		}
		return 0;
	}
	if (!ram)
		ram = fmt->ram;
	if (ram % (4 * MB) || ram < 4 * DATA_START || ram > fmt->max_ram)
		usage_error("-p %s: %s takes from 64m to %" PRIu64
			    "g of RAM, in steps of 4m",
			    ram_arg, fmt->name, fmt->max_ram / GB);
	problem(args.seed, (int)n, args.answers);
	return 0;
}
