// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc - the size classes of kmalloc() in Linux 6.1 (SLUB, x86, 4 KiB
 * pages), worked out by the rules of kmalloc.h
 *
 * For each size: the cache that serves it and the bytes it wastes, or, above
 * KMALLOC_MAX_CACHE_SIZE (8 KiB), the order of the pages that kmalloc_large()
 * asks the page allocator for.  kmalloc(0) returns ZERO_SIZE_PTR; above
 * KMALLOC_MAX_SIZE (4 MiB) the order is MAX_ORDER or more and the page
 * allocator warns and returns NULL.  The GFP flags choose among the four
 * sets of caches: kmalloc-*, kmalloc-cg-* (__GFP_ACCOUNT), kmalloc-rcl-*
 * (__GFP_RECLAIMABLE) and dma-kmalloc-* (__GFP_DMA).
 *
 * -r prints what ksize() reports for the object that kmalloc(SIZE) returns,
 * one "SIZE BYTES" line per size, to be compared with the real kernel.
 * Debian's kernel has no KFENCE and no slub_debug by default, so ksize() is
 * the cache's object size, or the size of the pages of a large kmalloc.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"
#include <kmalloc.h>

static const char help[] =
	"usage: kmalloc [-g FLAGS] SIZE...\n"
	"       kmalloc [-g FLAGS] -t\n"
	"       kmalloc -r FROM TO\n"
	"       kmalloc -s SEED [-c]\n"
	"\n"
	"Which kmalloc cache serves kmalloc(SIZE, FLAGS) in Linux 6.1 (SLUB, x86,\n"
	"4 KiB pages), and how many bytes it wastes; above 8 KiB, the order of\n"
	"the pages it takes from the page allocator.\n"
	"\n"
	"  -g FLAGS  GFP flags joined by |, such as GFP_KERNEL (the default),\n"
	"            GFP_KERNEL_ACCOUNT, GFP_KERNEL|__GFP_RECLAIMABLE, GFP_DMA,\n"
	"            GFP_ATOMIC, GFP_NOWAIT, __GFP_ACCOUNT\n"
	"  -t        the table of size ranges, from 1 byte up\n"
	"  -r FROM TO  \"SIZE KSIZE\" for each size: what ksize() says of the\n"
	"            object kmalloc(SIZE) returns (0 for ZERO_SIZE_PTR and NULL)\n"
	"  -s SEED   print random kmalloc calls, an exercise (same SEED, same one)\n"
	"  -c        with -s, also print the answers\n"
	"  -h        this help\n"
	"Sizes are bytes: 200, 0x100, 4k, 4m.\n"
	"\n"
	"Example: kmalloc 96 97 200 8193    kmalloc -g GFP_KERNEL_ACCOUNT 200\n";

static const struct gfp_name {
	const char *name;
	gfp_t flags;
} gfp_names[] = {
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_DMA", GFP_DMA },
	{ "__GFP_DMA", __GFP_DMA },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
	{ "__GFP_ACCOUNT", __GFP_ACCOUNT },
	{ "GFP_DMA32", __GFP_DMA32 },
	{ "__GFP_DMA32", __GFP_DMA32 },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM },
};

static gfp_t parse_gfp(const char *arg)
{
	char buf[256], *word, *save;
	gfp_t flags = 0;

	if (strlen(arg) >= sizeof(buf) || !*arg)
		usage_error("-g '%s': give flags such as GFP_KERNEL", arg);
	strcpy(buf, arg);
	for (word = strtok_r(buf, "|", &save); word;
	     word = strtok_r(NULL, "|", &save)) {
		size_t i = 0;

		while (i < sizeof(gfp_names) / sizeof(gfp_names[0]) &&
		       strcmp(word, gfp_names[i].name))
			i++;
		if (i == sizeof(gfp_names) / sizeof(gfp_names[0]))
			usage_error("-g: unknown GFP flag '%s' (try -h)", word);
		flags |= gfp_names[i].flags;
	}
	if (flags & GFP_SLAB_BUG_MASK)
		usage_error(
			"-g %s: kmalloc() takes no __GFP_DMA32 or __GFP_HIGHMEM (GFP_SLAB_BUG_MASK: it warns \"Unexpected gfp\" and drops them)",
			arg);
	return flags;
}

static uint64_t size_arg(const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		usage_error(
			"bad size '%s': give bytes, such as 200, 0x100 or 4k",
			s);
	return v;
}

static const char *bytes(unsigned long n)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%lu byte%s", n, n == 1 ? "" : "s");
	return buf;
}

/* @region describe */
static void describe(unsigned long size, gfp_t flags)
{
	char name[32];
	unsigned int order;
	int index;

	printf("%lu: ", size);
	if (!size) {
		puts("ZERO_SIZE_PTR, nothing allocated");
		return;
	}
	if (size > KMALLOC_MAX_CACHE_SIZE) { /* kmalloc_large() */
		order = get_order(size);
		if (order >= MAX_ORDER)
			printf("NULL, order %u >= MAX_ORDER: the page allocator warns and fails\n",
			       order);
		else
			printf("large, order %u, %lu pages, %s wasted\n", order,
			       1UL << order,
			       bytes((PAGE_SIZE << order) - size));
		return;
	}
	index = kmalloc_slab(size);
	kmalloc_cache_name(name, sizeof(name), kmalloc_type(flags), index);
	printf("%s, %s wasted\n", name, bytes(kmalloc_info[index].size - size));
}
/* @end describe */

/* ksize(kmalloc(size, GFP_KERNEL)) */
static unsigned long kmalloc_ksize(unsigned long size)
{
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return get_order(size) < MAX_ORDER ?
			       PAGE_SIZE << get_order(size) :
			       0;
	return kmalloc_info[kmalloc_slab(size)].size;
}

static void table_row(unsigned long first, unsigned long last, const char *what,
		      unsigned long object)
{
	char range[48];

	snprintf(range, sizeof(range), "%lu-%lu", first, last);
	printf("%-17s %-16s %7lu %lu-%lu\n", range, what, object, object - last,
	       object - first);
}

/* Consecutive sizes that go to the same place make one row. */
static void table(gfp_t flags)
{
	unsigned long first = 1, size;
	char name[32];

	printf("%-17s %-16s %7s %s\n", "size", "cache", "object", "waste");
	for (size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		int index = kmalloc_slab(size);

		if (size < KMALLOC_MAX_CACHE_SIZE &&
		    kmalloc_slab(size + 1) == index)
			continue;
		kmalloc_cache_name(name, sizeof(name), kmalloc_type(flags),
				   index);
		table_row(first, size, name, kmalloc_info[index].size);
		first = size + 1;
	}
	for (unsigned int order = get_order(first); order < MAX_ORDER;
	     order++) {
		snprintf(name, sizeof(name), "large, order %u", order);
		table_row(first, PAGE_SIZE << order, name, PAGE_SIZE << order);
		first = (PAGE_SIZE << order) + 1;
	}
	snprintf(name, sizeof(name), "%lu-", first);
	printf("%-17s NULL, order >= MAX_ORDER\n", name);
}

/* @region problem */
/* Six calls: most near the edge of a cache, some large, a few odd ones. */
static void problem(uint64_t seed, bool answers)
{
	static const struct gfp_name *const choice[10] = {
		&gfp_names[0], &gfp_names[0], &gfp_names[0], &gfp_names[0],
		&gfp_names[0], &gfp_names[0], &gfp_names[1], &gfp_names[2],
		&gfp_names[4], &gfp_names[6],
	};
	struct rng rng;

	rng_seed(&rng, seed);
	printf("# kmalloc -s %llu: which cache serves each call (above 8 KiB:\n"
	       "# which order of pages), and how many bytes does it waste?\n"
	       "# (kmalloc -s %llu -c answers)\n",
	       (unsigned long long)seed, (unsigned long long)seed);
	for (int i = 0; i < 6; i++) {
		const struct gfp_name *gfp = choice[rng_range(&rng, 0, 9)];
		unsigned int kind = (unsigned int)rng_range(&rng, 0, 9);
		unsigned long size, edge;

		edge = kmalloc_info[rng_range(&rng, 1, KMALLOC_SHIFT_HIGH)].size;
		if (kind < 5)
			size = edge - 1 + rng_range(&rng, 0, 2);
		else if (kind < 7)
			size = rng_range(&rng, 1, KMALLOC_MAX_CACHE_SIZE);
		else if (kind < 9)
			size = rng_range(&rng, KMALLOC_MAX_CACHE_SIZE + 1,
					 KMALLOC_MAX_SIZE);
		else
			size = rng_range(&rng, 0, 1) ?
				       0 :
				       KMALLOC_MAX_SIZE +
					       rng_range(&rng, 1, 4096);
		printf("kmalloc(%lu, %s)\n", size, gfp->name);
		if (answers) {
			fputs("  ", stdout);
			describe(size, gfp->flags);
		}
	}
}
/* @end problem */

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help,
					      .letters = "g:tr:s:c",
					      .operands = true };
	struct sim_args args = { 0 };
	const char *gfp_arg = NULL, *from_arg = NULL;
	bool show_table = false;
	uint64_t from, to, *sizes;
	gfp_t flags = GFP_KERNEL;
	int c, n;

	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'g':
			flags = parse_gfp(gfp_arg = optarg);
			break;
		case 't':
			show_table = true;
			break;
		case 'r':
			from_arg = optarg;
			break;
		}
	}
	n = argc - optind;
	if (show_table + args.seeded + !!from_arg > 1)
		usage_error("-t, -r and -s go one at a time (try -h)");
	if (args.answers && !args.seeded)
		usage_error("-c goes with -s");
	if (args.seeded && (n || gfp_arg))
		usage_error("-s SEED makes up the calls: give only -s and -c");
	if (show_table && n)
		usage_error("-t prints every size: give no SIZE");
	if (from_arg) {
		if (n != 1)
			usage_error("usage: kmalloc -r FROM TO");
		if (gfp_arg)
			usage_error(
				"-g changes the cache, not the size -r prints");
		from = size_arg(from_arg);
		to = size_arg(argv[optind]);
		if (from > to)
			usage_error("-r %s %s: FROM is above TO", from_arg,
				    argv[optind]);
		for (uint64_t size = from;; size++) {
			printf("%llu %lu\n", (unsigned long long)size,
			       kmalloc_ksize((unsigned long)size));
			if (size == to)
				break;
		}
		return 0;
	}
	if (args.seeded) {
		problem(args.seed, args.answers);
		return 0;
	}
	if (show_table) {
		table(flags);
		return 0;
	}
	if (!n)
		usage_error("give at least one SIZE (try -h)");
	sizes = malloc(n * sizeof(*sizes));
	if (!sizes)
		die("out of memory");
	for (int i = 0; i < n; i++) /* all checked before anything is printed */
		sizes[i] = size_arg(argv[optind + i]);
	for (int i = 0; i < n; i++)
		describe((unsigned long)sizes[i], flags);
	free(sizes);
	return 0;
}
