// SPDX-License-Identifier: GPL-2.0
/*
 * tlbhost - the TLB of the machine it runs on, seen from user space
 *
 * It touches N pages, one load from each, in a random cycle: each page
 * holds a pointer to the next, so every load waits for the one before and
 * neither out-of-order execution nor the prefetcher can run ahead.  The
 * pointer sits at a different cache line in each page, so that N lines
 * spread over the cache's sets instead of piling into one.  It prints the
 * time per load for N = 1, 2, 3, 4, 6, 8, 12, ... pages: flat while the
 * L1 data TLB holds every page, a step when it no longer does and the
 * second-level TLB answers, a bigger one when that misses too and each
 * load waits for a page walk.  The N lines have knees of their own: past
 * the L1 data cache (512 lines of 32 KiB on many cores) and past L2.  -H
 * tells them apart: with 2 MiB pages the TLB's knees move 512 times
 * further, the caches' stay where they were.
 *
 * With -H the pages lie in memory madvise(MADV_HUGEPAGE) asks to back with
 * 2 MiB pages, and a TLB entry covers 512 of them; it reports how much the
 * kernel granted, from AnonHugePages in /proc/self/smaps.  Without -H,
 * MADV_NOHUGEPAGE keeps transparent huge pages out.
 *
 * Run it on the host: in the book's QEMU (TCG) there is no real TLB to
 * measure.  In a KVM guest, each TLB miss walks two sets of page tables,
 * the guest's and the host's, and an entry maps the smaller of the two
 * pages: when the host backs the guest with 4 KiB pages, -H changes little.
 * Each time is the best of 9 short rounds, as other programs may take the
 * CPU in the middle of one; the shape matters, not the last nanosecond.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

#define PAGE_SIZE 4096
#define HPAGE_SIZE (2UL << 20)
#define CACHE_LINE 64
#define ROUNDS 9

static const char help[] =
	"usage: tlbhost [-n PAGES] [-S STRIDE] [-H] [-r LOADS] [-s SEED]\n"
	"The time of a load, each waiting for the one before, for a growing\n"
	"number of pages touched in a random cycle, one load a page: one line\n"
	"\"pages ns_per_load\" per count, 1, 2, 3, 4, 6, 8, ... up to PAGES.\n"
	"  -n PAGES   the most pages (default 16384)\n"
	"  -S STRIDE  bytes from one page to the next (default 4k)\n"
	"  -H         back the pages with 2 MiB pages if the kernel grants them\n"
	"  -r LOADS   timed loads per count, in each of 9 rounds (default 256k)\n"
	"  -s SEED    the random cycle's seed (default 1)\n"
	"Example: tlbhost -n 8192    (knees near the sizes of the L1 and L2 TLBs)\n";

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The address of the pointer in page i: its own cache line of the page. */
static void **slot(char *base, size_t stride, size_t i)
{
	return (void **)(base + i * stride +
			 i % (PAGE_SIZE / CACHE_LINE) * CACHE_LINE);
}

/* Links pages 0..n-1 into one random cycle (Sattolo's shuffle). */
static void **make_cycle(char *base, size_t stride, size_t n, size_t *order,
			 struct rng *rng)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)rng_range(rng, 0, i - 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		*slot(base, stride, i) = slot(base, stride, order[i]);
	return slot(base, stride, 0);
}

/* Follows the chain for loads steps; the end keeps the loop alive. */
static void **chase(void **p, uint64_t loads)
{
	while (loads--)
		p = (void **)*p;
	return p;
}

/* How many kB of [start, start + len) the kernel backs with huge pages. */
static long anon_huge_kb(char *start)
{
	FILE *fp = fopen("/proc/self/smaps", "r");
	char line[256];
	bool inside = false;
	long kb = -1;

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			inside = lo <= (unsigned long)start &&
				 (unsigned long)start < hi;
		else if (inside &&
			 sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	}
	fclose(fp);
	return kb;
}

static uint64_t size_arg(int opt, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v) || v == 0)
		usage_error(
			"-%c %s: give a positive number (such as 4096 or 4k)",
			opt, s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help,
					      .letters = "n:S:Hr:s:" };
	struct sim_args args = { .seed = 1 };
	uint64_t max = 16384, stride = PAGE_SIZE, loads = 1 << 18;
	bool huge = false;
	size_t len, *order;
	struct rng rng;
	char *map, *base;
	void **sink = NULL;
	int c;

	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'n':
			max = size_arg(c, optarg);
			break;
		case 'S':
			stride = size_arg(c, optarg);
			break;
		case 'H':
			huge = true;
			break;
		case 'r':
			loads = size_arg(c, optarg);
			break;
		}
	}
	if (stride % PAGE_SIZE)
		usage_error("-S %" PRIu64
			    ": give a multiple of the 4096-byte page",
			    stride);
	if (max > (1 << 20) || stride > (UINT64_C(64) << 30) / max)
		usage_error("-n %" PRIu64 " -S %" PRIu64
			    ": at most 1m pages and 64 GiB in all",
			    max, stride);
	if (loads > UINT64_C(1) << 30)
		usage_error("-r %" PRIu64 ": at most 1g loads", loads);

	/* One 2 MiB page more, to align the start on one. */
	len = (max * stride + HPAGE_SIZE - 1) / HPAGE_SIZE * HPAGE_SIZE;
	map = mmap(NULL, len + HPAGE_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	order = malloc(max * sizeof(*order));
	if (map == MAP_FAILED || !order)
		die("cannot get %zu bytes of memory", len);
	base = (char *)(((uintptr_t)map + HPAGE_SIZE - 1) & ~(HPAGE_SIZE - 1));
	if (madvise(base, len, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE))
		printf("# madvise(%s): %s\n",
		       huge ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE",
		       strerror(errno));
	memset(base, 0, len);
	printf("# %s pages, %zu kB, of which AnonHugePages %ld kB\n",
	       huge ? "MADV_HUGEPAGE" : "4 KiB", len >> 10, anon_huge_kb(base));
	printf("# pages ns_per_load\n");

	rng_seed(&rng, args.seed);
	for (uint64_t n = 1, next = 1; n <= max; n = next) {
		void **start = make_cycle(base, stride, n, order, &rng);
		double best = 0;

		/* Counts 1, 2, 3, 4, 6, 8, 12, ...: two per doubling */
		next = n < 2 ? 2 : (n & (n - 1)) ? n / 3 * 4 : n / 2 * 3;
		sink = chase(start, n * 2); /* warm the TLB and the caches */
		for (int r = 0; r < ROUNDS; r++) {
			double t0 = now_ns(), t;

			sink = chase(sink, loads);
			t = (now_ns() - t0) / loads;
			if (r == 0 || t < best)
				best = t;
		}
		printf("%" PRIu64 " %.3f\n", n, best);
		fflush(stdout);
	}
	/* the chain's end is printed nowhere, but must seem to be used */
	if (sink == NULL)
		die("the chain broke");
	free(order);
	munmap(map, len + HPAGE_SIZE);
	return 0;
}
