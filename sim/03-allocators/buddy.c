// SPDX-License-Identifier: GPL-2.0
/*
 * buddy - the page allocator's buddy system, as Linux 6.1 runs it
 *
 * Replays a script of allocations and frees on one or more zones and
 * prints what each gets, /proc/buddyinfo, the fragmentation indices of
 * /sys/kernel/debug/extfrag and, with -v, every split and merge.  Or makes
 * up such a script as an exercise (-s SEED), or times the allocator (-b).
 * The allocator itself is buddy.h; this file is its command line.
 *
 * Zones.  A script names its zones with the kernel's names (DMA, DMA32,
 * Normal, HighMem, Movable), in address order, as a kernel has them: DMA32
 * on 64-bit, HighMem on 32-bit, never both.  An allocation names the
 * highest zone it may use, as the zone bits of its GFP flags do (GFP_DMA:
 * DMA, GFP_KERNEL: Normal, GFP_HIGHUSER: HighMem), and falls back to the
 * zones below in turn, as the kernel's zonelist does; here without the
 * watermarks and lowmem_reserve that keep some memory back in each zone.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include <buddy.h>

static const char help[] =
	"usage: buddy [-v] -f FILE | buddy -s SEED [-c] | buddy -b OPS [-s SEED]\n"
	"\n"
	"The buddy allocator of Linux 6.1 (mm/page_alloc.c): zones, free lists\n"
	"of orders 0 to 10, splitting on allocation, merging on free.\n"
	"\n"
	"  -f FILE  run the script in FILE (- for standard input)\n"
	"  -v       with -f, also print every step: take, split, merge, put\n"
	"  -s SEED  print a random script, an exercise (same SEED, same one)\n"
	"  -c       with -s, also print the answer: what -f would print\n"
	"  -b OPS   time OPS random allocations and frees on a 1 GiB zone\n"
	"  -h       this help\n"
	"\n"
	"Script lines (a bare number counts pages, 16m or 1g count bytes):\n"
	"  zone DMA|DMA32|Normal|HighMem|Movable START SIZE   a zone, all free\n"
	"  alloc ID ORDER [ZONE]   2^ORDER pages from ZONE (default Normal) or below\n"
	"  free ID                 free what alloc ID got\n"
	"  free PFN ORDER          free_pages() of a block by its first pfn\n"
	"  show                    /proc/buddyinfo\n"
	"  frag                    the unusable and fragmentation indices\n"
	"  lists                   the pfns on each free list, head first\n"
	"\n"
	"Example:\n"
	"  printf '%s\\n' 'zone Normal 0x1000 16' 'alloc A 0' 'alloc B 1' \\\n"
	"      'free A' show | buddy -v -f -\n";

static struct zone zones[MAX_NR_ZONES];
static FILE *out; /* everything goes here, and to stdout only at the end */
static bool verbose;

static bool populated_zone(const struct zone *zone)
{
	return zone->spanned_pages != 0;
}

/* What an alloc line got, under its ID. */
enum block_state {
	BLOCK_ALLOCATED,
	BLOCK_FREED,
	BLOCK_FAILED
};

struct block {
	char id[16];
	enum block_state state;
	struct zone *zone;
	unsigned long pfn;
	unsigned int order;
	unsigned int line; /* of the alloc or free that set the state */
};

#define MAX_BLOCKS 4096
static struct block blocks[MAX_BLOCKS];
static int nr_blocks;

static struct block *find_block(const char *id)
{
	for (int i = 0; i < nr_blocks; i++)
		if (!strcmp(blocks[i].id, id))
			return &blocks[i];
	return NULL;
}

static bool valid_id(const char *id)
{
	if (!isalpha((unsigned char)id[0]) ||
	    strlen(id) >= sizeof(blocks[0].id))
		return false;
	for (; *id; id++)
		if (!isalnum((unsigned char)*id) && *id != '_')
			return false;
	return true;
}

/* The line as the script has it, blanks made single. */
static void print_cmd(const struct script *s)
{
	for (int i = 0; i < s->argc; i++)
		fprintf(out, "%s%s", i ? " " : "", s->argv[i]);
}

static unsigned int parse_order(const struct script *s, const char *word)
{
	uint64_t order;

	if (!*word || strspn(word, "0123456789") != strlen(word) ||
	    !parse_size(word, &order))
		script_error(s, "bad order '%s': give a number from 0 to %d",
			     word, MAX_ORDER - 1);
	if (order >= MAX_ORDER)
		script_error(s,
			     "order %s: orders go from 0 to MAX_ORDER - 1 = %d",
			     word, MAX_ORDER - 1);
	return (unsigned int)order;
}

/* parse_size()'s suffixes k, m, g and t are not hex digits: 0xab has none. */
static bool has_suffix(const char *word)
{
	return !isxdigit((unsigned char)word[strlen(word) - 1]);
}

/* A bare number counts pages (or is a pfn); with k, m, g or t, bytes. */
static uint64_t parse_pages(const struct script *s, const char *word,
			    const char *what)
{
	uint64_t v;

	if (!parse_size(word, &v))
		script_error(
			s,
			"bad %s '%s': give pages (4096, 0x1000) or bytes (16m)",
			what, word);
	if (!has_suffix(word))
		return v;
	if (v % PAGE_SIZE)
		script_error(s, "%s %s is not a whole number of 4 KiB pages",
			     what, word);
	return v >> PAGE_SHIFT;
}

static enum zone_type parse_zone_type(const struct script *s, const char *word)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (!strcmp(word, zone_names[t]))
			return t;
	script_error(
		s,
		"unknown zone '%s': give DMA, DMA32, Normal, HighMem or Movable",
		word);
}

static void cmd_zone(const struct script *s)
{
	enum zone_type type;
	uint64_t start, pages;

	if (s->argc != 4)
		script_error(s, "usage: zone NAME START SIZE");
	type = parse_zone_type(s, s->argv[1]);
	start = parse_pages(s, s->argv[2], "start");
	pages = parse_pages(s, s->argv[3], "size");
	if (populated_zone(&zones[type]))
		script_error(s, "zone %s is already there", zone_names[type]);
	if (!pages || pages > ZONE_PAGES_MAX)
		script_error(s, "zone size %s: give 1 to %lu pages (64 GiB)",
			     s->argv[3], ZONE_PAGES_MAX);
	if (start + pages < start || start + pages > UINT64_MAX >> PAGE_SHIFT)
		script_error(s, "zone %s goes beyond the 64-bit address space",
			     zone_names[type]);
	if ((type == ZONE_DMA32 && populated_zone(&zones[ZONE_HIGHMEM])) ||
	    (type == ZONE_HIGHMEM && populated_zone(&zones[ZONE_DMA32])))
		script_error(
			s,
			"DMA32 is a 64-bit zone and HighMem a 32-bit one: a kernel has one or the other");
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		const struct zone *z = &zones[t];

		if (!populated_zone(z))
			continue;
		if ((int)type > t ?
			    start < z->zone_start_pfn + z->spanned_pages :
			    start + pages > z->zone_start_pfn)
			script_error(
				s,
				"zone %s must lie %s zone %s, without overlap",
				zone_names[type],
				(int)type > t ? "above" : "below",
				zone_names[t]);
	}
	if (zone_init(&zones[type], type, start, pages))
		die("out of memory for the struct pages of zone %s",
		    zone_names[type]);
	fprintf(out, "zone %s: pfn 0x%lx-0x%lx, %lu pages\n", zone_names[type],
		(unsigned long)start, (unsigned long)(start + pages - 1),
		(unsigned long)pages);
}

/* With -v, the steps of one operation, printed after its result line. */
static FILE *steps_open(char **buf, size_t *len)
{
	FILE *steps = NULL;

	if (verbose) {
		steps = open_memstream(buf, len);
		if (!steps)
			die("out of memory");
	}
	for (int t = 0; t < MAX_NR_ZONES; t++)
		zones[t].trace = steps;
	return steps;
}

/* fclose() sets *buf and *len. */
static void steps_close(FILE *steps, char **buf, size_t *len)
{
	if (!steps)
		return;
	fclose(steps);
	fwrite(*buf, 1, *len, out);
	free(*buf);
}

static void cmd_alloc(const struct script *s)
{
	enum zone_type highest = ZONE_NORMAL;
	struct block *b;
	unsigned int order;
	FILE *steps;
	char *buf;
	size_t len;
	long pfn = -ENOMEM;
	int t;

	if (s->argc != 3 && s->argc != 4)
		script_error(s, "usage: alloc ID ORDER [ZONE]");
	if (!valid_id(s->argv[1]))
		script_error(
			s,
			"bad ID '%s': a letter, then up to 14 letters, digits or _",
			s->argv[1]);
	order = parse_order(s, s->argv[2]);
	if (s->argc == 4)
		highest = parse_zone_type(s, s->argv[3]);
	b = find_block(s->argv[1]);
	if (b && b->state == BLOCK_ALLOCATED)
		script_error(s,
			     "%s is still allocated (line %u): free it first",
			     b->id, b->line);
	if (!b) {
		if (nr_blocks == MAX_BLOCKS)
			script_error(s, "more than %d IDs", MAX_BLOCKS);
		b = &blocks[nr_blocks++];
		strcpy(b->id, s->argv[1]);
	}
	for (t = 0; t < MAX_NR_ZONES; t++)
		if (populated_zone(&zones[t]))
			break;
	if (t == MAX_NR_ZONES)
		script_error(s,
			     "no zone yet: start with 'zone NAME START SIZE'");

	steps = steps_open(&buf, &len);
	for (t = highest; t >= 0 && pfn < 0; t--)
		if (populated_zone(&zones[t]))
			pfn = alloc_pages(&zones[t], order);
	b->line = s->lineno;
	if (pfn < 0) {
		b->state = BLOCK_FAILED;
		print_cmd(s);
		fputs(" -> failed\n", out);
	} else {
		*b = (struct block){ .state = BLOCK_ALLOCATED,
				     .zone = &zones[t + 1],
				     .pfn = (unsigned long)pfn,
				     .order = order,
				     .line = s->lineno };
		strcpy(b->id, s->argv[1]);
		print_cmd(s);
		fprintf(out, " -> 0x%lx (%s)\n", b->pfn, b->zone->name);
	}
	steps_close(steps, &buf, &len);
}

static struct zone *zone_of_pfn(unsigned long pfn)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (populated_zone(&zones[t]) && zone_spans_pfn(&zones[t], pfn))
			return &zones[t];
	return NULL;
}

static void cmd_free(const struct script *s)
{
	struct zone *zone;
	struct block *b = NULL;
	unsigned long pfn;
	unsigned int order;
	const char *why;
	FILE *steps;
	char *buf;
	size_t len;

	if (s->argc == 2 && isalpha((unsigned char)s->argv[1][0])) {
		b = find_block(s->argv[1]);
		if (!b)
			script_error(s, "free %s: no alloc line has ID %s",
				     s->argv[1], s->argv[1]);
		if (b->state == BLOCK_FREED)
			script_error(
				s,
				"free %s: double free, %s was freed on line %u",
				b->id, b->id, b->line);
		if (b->state == BLOCK_FAILED) {
			/* free_pages(0, order) does nothing */
			print_cmd(s);
			fputs(" -> nothing, its allocation failed\n", out);
			return;
		}
		zone = b->zone;
		pfn = b->pfn;
		order = b->order;
	} else if (s->argc == 3) {
		uint64_t v;

		if (!parse_size(s->argv[1], &v) || has_suffix(s->argv[1]))
			script_error(s, "bad pfn '%s'", s->argv[1]);
		pfn = (unsigned long)v;
		order = parse_order(s, s->argv[2]);
		zone = zone_of_pfn(pfn);
		if (!zone)
			script_error(s, "free 0x%lx: pfn in no zone", pfn);
	} else {
		script_error(s, "usage: free ID, or free PFN ORDER");
	}
	why = free_pages_check(zone, pfn, order);
	if (why)
		script_error(s, "free 0x%lx order %u: %s", pfn, order, why);
	if (!b)
		for (int i = 0; i < nr_blocks && !b; i++)
			if (blocks[i].state == BLOCK_ALLOCATED &&
			    blocks[i].pfn == pfn && blocks[i].zone == zone)
				b = &blocks[i];
	if (b) {
		b->state = BLOCK_FREED;
		b->line = s->lineno;
	}

	steps = steps_open(&buf, &len);
	free_pages(zone, pfn, order);
	print_cmd(s);
	fprintf(out, " -> 0x%lx order %u (%s)\n", pfn, order, zone->name);
	steps_close(steps, &buf, &len);
}

static void cmd_lists(void)
{
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		const struct zone *zone = &zones[t];

		if (!populated_zone(zone))
			continue;
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			const struct list_head *head, *p;

			head = &zone->free_area[order].free_list;
			if (list_empty(head))
				continue;
			fprintf(out, "%s free_area[%u]:", zone->name, order);
			for (p = head->next; p != head; p = p->next)
				fprintf(out, " 0x%lx",
					page_to_pfn(zone, buddy_list_page(p)));
			fputc('\n', out);
		}
	}
}

static void for_each_zone_print(void (*print)(FILE *, const struct zone *))
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (populated_zone(&zones[t]))
			print(out, &zones[t]);
}

static void run(FILE *fp, const char *name)
{
	struct script s;

	script_init(&s, fp, name);
	while (script_next(&s)) {
		const char *cmd = s.argv[0];

		if (!strcmp(cmd, "zone")) {
			cmd_zone(&s);
		} else if (!strcmp(cmd, "alloc")) {
			cmd_alloc(&s);
		} else if (!strcmp(cmd, "free")) {
			cmd_free(&s);
		} else if (!strcmp(cmd, "show") && s.argc == 1) {
			fputs("show\n", out);
			for_each_zone_print(frag_show_print);
		} else if (!strcmp(cmd, "frag") && s.argc == 1) {
			fputs("frag\nunusable_index\n", out);
			for_each_zone_print(unusable_show_print);
			fputs("extfrag_index\n", out);
			for_each_zone_print(extfrag_show_print);
		} else if (!strcmp(cmd, "lists") && s.argc == 1) {
			fputs("lists\n", out);
			cmd_lists();
		} else if (!strcmp(cmd, "show") || !strcmp(cmd, "frag") ||
			   !strcmp(cmd, "lists")) {
			script_error(&s, "%s takes no arguments", cmd);
		} else {
			script_error(&s, "unknown command '%s' (try -h)", cmd);
		}
	}
}

/* @region problem */
/*
 * A zone of 32 to 96 pages that starts at a pfn aligned to 4 but maybe not
 * to more, so that boot leaves blocks of several orders, then ten allocs
 * (mostly small) and frees of what is still allocated.
 */
static void problem(uint64_t seed, bool answers)
{
	static const unsigned int orders[10] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 3 };
	struct {
		char id;
		unsigned long pfn;
		unsigned int order;
	} live[10];
	int nr_live = 0, nr_ids = 0;
	unsigned long start, pages;
	struct zone zone;
	struct rng rng;
	char *text;
	size_t len;
	FILE *script = open_memstream(&text, &len);

	if (!script)
		die("out of memory");
	rng_seed(&rng, seed);
	start = 0x1000 + 4 * rng_range(&rng, 0, 7);
	pages = 16 * rng_range(&rng, 2, 6);
	if (zone_init(&zone, ZONE_NORMAL, start, pages))
		die("out of memory");
	fprintf(script,
		"# buddy -s %llu: which pfn does each alloc get, and what does\n"
		"# /proc/buddyinfo show at the end?  (buddy -s %llu -c answers)\n"
		"zone Normal 0x%lx %lu\n",
		(unsigned long long)seed, (unsigned long long)seed, start,
		pages);
	for (int i = 0; i < 10; i++) {
		if (!nr_live || rng_range(&rng, 0, 99) < 60) {
			unsigned int order = orders[rng_range(&rng, 0, 9)];
			long pfn = alloc_pages(&zone, order);
			char id = (char)('A' + nr_ids++);

			fprintf(script, "alloc %c %u\n", id, order);
			if (pfn >= 0) {
				live[nr_live].id = id;
				live[nr_live].pfn = (unsigned long)pfn;
				live[nr_live++].order = order;
			}
		} else {
			int k = (int)rng_range(&rng, 0, nr_live - 1);

			fprintf(script, "free %c\n", live[k].id);
			free_pages(&zone, live[k].pfn, live[k].order);
			live[k] = live[--nr_live];
		}
	}
	fputs("show\n", script);
	zone_exit(&zone);
	fclose(script);
	fputs(text, out);
	if (answers) {
		script = fmemopen(text, len, "r");
		if (!script)
			die("out of memory");
		run(script, "problem");
		fclose(script);
	}
	free(text);
}
/* @end problem */

/* @region bench */
/*
 * The mix of orders that the bench asks for: mostly single pages, as the
 * kernel's page cache and anonymous memory do, some small blocks (slabs,
 * stacks of 4 pages), and a few big ones (2 MiB THP blocks are order 9).
 */
static unsigned int bench_order(unsigned int per_mille)
{
	if (per_mille < 700)
		return 0;
	if (per_mille < 850)
		return 1;
	if (per_mille < 930)
		return 2;
	if (per_mille < 970)
		return 3;
	if (per_mille < 990)
		return 4 + per_mille % 5;
	return 9 + per_mille % 2;
}

/*
 * ops allocations and frees on a 1 GiB zone (262144 pages at 4 GiB), kept
 * about half full: below half, three operations in four allocate; above,
 * one in four.  A free gives back a random live block.
 */
struct bench_block {
	unsigned long pfn;
	unsigned int order;
};

static void bench(uint64_t ops, uint64_t seed)
{
	struct bench_block *live;
	unsigned long nr_live = 0, live_pages = 0, half;
	uint64_t allocs = 0, failed = 0, frees = 0;
	struct timespec t0, t1;
	struct zone zone;
	struct rng rng;
	double secs;

	if (zone_init(&zone, ZONE_NORMAL, 0x100000, 262144))
		die("out of memory");
	half = zone.spanned_pages / 2;
	live = malloc(zone.spanned_pages * sizeof(*live));
	if (!live)
		die("out of memory");
	rng_seed(&rng, seed);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint64_t i = 0; i < ops; i++) {
		uint64_t r = rng_next(&rng);
		bool alloc = live_pages < half ? (r & 3) != 0 : (r & 3) == 0;

		if (alloc || !nr_live) {
			unsigned int order = bench_order((r >> 8) % 1000);
			long pfn = alloc_pages(&zone, order);

			allocs++;
			if (pfn < 0) {
				failed++;
				continue;
			}
			live[nr_live].pfn = (unsigned long)pfn;
			live[nr_live++].order = order;
			live_pages += 1UL << order;
		} else {
			unsigned long k = (r >> 32) % nr_live;

			if (free_pages(&zone, live[k].pfn, live[k].order))
				die("bench: free_pages() refused a live block");
			live_pages -= 1UL << live[k].order;
			live[k] = live[--nr_live];
			frees++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(out,
		"%llu operations on 262144 pages: %llu allocs (%llu failed), %llu frees\n"
		"%.3f s, %.1f M operations/s\n",
		(unsigned long long)ops, (unsigned long long)allocs,
		(unsigned long long)failed, (unsigned long long)frees, secs,
		secs > 0 ? (double)ops / secs / 1e6 : 0.0);
	fprintf(out, "%lu blocks (%lu pages) still allocated, then freed:\n",
		nr_live, live_pages);
	while (nr_live) {
		nr_live--;
		free_pages(&zone, live[nr_live].pfn, live[nr_live].order);
	}
	frag_show_print(out, &zone);
	free(live);
	zone_exit(&zone);
}
/* @end bench */

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help,
					      .letters = "f:s:cvb:" };
	struct sim_args args = { .seed = 1 }; /* -b without -s */
	uint64_t ops = 0;
	char *buf;
	size_t len;
	int c;

	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'v':
			verbose = true;
			break;
		case 'b':
			if (!parse_size(optarg, &ops) || !ops)
				usage_error(
					"-b %s: give a number of operations, such as 10m",
					optarg);
			break;
		}
	}
	if (ops && (args.file || args.answers || verbose))
		usage_error("-b OPS goes alone, or with -s SEED");
	if (!ops && !args.file == !args.seeded)
		usage_error("give -f FILE, -s SEED or -b OPS (try -h)");
	if (args.answers && !args.seeded)
		usage_error("-c goes with -s (-f always prints the answers)");
	if (verbose && !args.file)
		usage_error("-v goes with -f");

	out = open_memstream(&buf, &len);
	if (!out)
		die("out of memory");
	if (ops)
		bench(ops, args.seed);
	else if (args.seeded)
		problem(args.seed, args.answers);
	else
		run(sim_open(args.file), args.file);
	fclose(out);
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}
