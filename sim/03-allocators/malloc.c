// SPDX-License-Identifier: GPL-2.0
/*
 * malloc - not a simulation: what glibc's malloc() really does in this
 * process, for a list of sizes.  For each size it calls malloc(), writes
 * one byte to every page of the block, and free()s it, and reports:
 *
 *   - where the block came from: "brk" when it lies in the heap, the
 *     mapping that /proc/self/maps calls [heap], or "mmap" when it lies in
 *     a mapping that was not there before the call;
 *   - by how many pages malloc() moved the program break, sbrk(0);
 *   - the anonymous resident pages (Anonymous of /proc/self/smaps_rollup,
 *     which the kernel counts by walking the page tables, so it is exact;
 *     the file pages of the libraries, which come and go by 16 with
 *     fault-around, are left out) after malloc(), after the writes and
 *     after free(), as pages more than before malloc().
 *
 * glibc (2.36 in Debian 12) serves a request from the heap, which brk()
 * grows, unless it is at least M_MMAP_THRESHOLD bytes (128 KiB to begin
 * with) and no free chunk is large enough: then the block gets a mapping of
 * its own, which free() gives back to the kernel with munmap() at once.
 * The threshold moves: free() of an mmapped block larger than the
 * threshold (up to 32 MiB on 64-bit) raises it to the size of that block,
 * so the same malloc(1m) done again comes from the heap, and stays in the
 * process after free().  -t sets the threshold with mallopt(), which also
 * stops it from moving.
 *
 * The addresses change from run to run (ASLR), so none is printed.
 * Transparent huge pages are turned off for this process, or a write could
 * bring in 512 pages at once.  Under AddressSanitizer malloc() is not
 * glibc's and the answers are ASan's: the tests look at the plain build.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "sim.h"

#define MAX_SIZE ((uint64_t)256 << 20)
#define MAX_SIZES 32

static const char help[] =
	"usage: malloc [-t THRESHOLD] [SIZE...]\n"
	"\n"
	"Shows what glibc's malloc() does in this process: for each SIZE in\n"
	"turn, malloc(SIZE), a write to each page, free(); whether the block\n"
	"came from the heap (brk) or from a mapping of its own (mmap), and the\n"
	"anonymous resident pages gained after malloc, after the writes and\n"
	"after free.  The default sizes show the 128 KiB M_MMAP_THRESHOLD and how\n"
	"free() of an mmapped block raises it.\n"
	"\n"
	"  -t BYTES  mallopt(M_MMAP_THRESHOLD, BYTES) first, which also keeps\n"
	"            the threshold from moving\n"
	"  -h        this help\n"
	"Sizes like 16, 4k, 0x1000 or 1m; from 1 byte to 256m.\n"
	"\n"
	"Example: malloc 64k 1m 1m    (the second 1m comes from the heap)\n";

/*
 * Files under /proc are read with read(2) into static buffers: stdio would
 * malloc() a buffer, and change the heap being looked at.
 */
static char procbuf[1 << 12], maps_before[1 << 16], maps_after[1 << 16];

static const char *read_proc(const char *path, char *buf, size_t size)
{
	ssize_t n;
	size_t len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("cannot open %s: %s", path, strerror(errno));
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n < 0)
		die("cannot read %s: %s", path, strerror(errno));
	if (len == size - 1)
		die("%s: more than %zu bytes", path, size - 1);
	buf[len] = '\0';
	return buf;
}

static long rss_pages(void)
{
	const char *p = strstr(read_proc("/proc/self/smaps_rollup", procbuf,
					 sizeof(procbuf)),
			       "\nAnonymous:");

	if (!p)
		die("no Anonymous in /proc/self/smaps_rollup");
	return strtol(p + 11, NULL, 10) * 1024 / sysconf(_SC_PAGESIZE);
}

/*
 * The line of a maps file that covers addr, or NULL.  The kernel names the
 * heap, the range between the start of the program break and the break,
 * "[heap]".
 */
static const char *mapping_of(const char *maps, uintptr_t addr)
{
	for (const char *line = maps; line && *line;
	     line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		uintmax_t lo, hi;

		if (sscanf(line, "%jx-%jx", &lo, &hi) == 2 && lo <= addr &&
		    addr < hi)
			return line;
	}
	return NULL;
}

static bool in_heap(const char *maps, uintptr_t addr)
{
	const char *line = mapping_of(maps, addr);
	const char *end = line ? strchrnul(line, '\n') : NULL;

	return line && end - line >= 6 && !strncmp(end - 6, "[heap]", 6);
}

/* @region probe */
static void probe(const char *arg, size_t size)
{
	long page = sysconf(_SC_PAGESIZE), rss0, rss_malloc, rss_touch;
	const char *from = "elsewhere";
	uintptr_t brk0 = (uintptr_t)sbrk(0), brk1;
	unsigned char *p;

	read_proc("/proc/self/maps", maps_before, sizeof(maps_before));
	rss0 = rss_pages();
	p = malloc(size);
	if (!p)
		die("malloc(%zu) failed", size);
	rss_malloc = rss_pages();
	brk1 = (uintptr_t)sbrk(0);
	read_proc("/proc/self/maps", maps_after, sizeof(maps_after));
	if (in_heap(maps_after, (uintptr_t)p))
		from = "brk";
	else if (!mapping_of(maps_before, (uintptr_t)p))
		from = "mmap";
	for (size_t off = 0; off < size;
	     off += page - (uintptr_t)(p + off) % page)
		p[off] = 1;
	rss_touch = rss_pages();
	free(p);
	printf("%-10s %-9s %+10ld %+12ld %+12ld %+12ld\n", arg, from,
	       (long)(brk1 - brk0) / page, rss_malloc - rss0, rss_touch - rss0,
	       rss_pages() - rss0);
}
/* @end probe */

int main(int argc, char **argv)
{
	static const char *const defaults[] = { "16", "4k", "64k", "1m",
						"1m", "4m", "64k" };
	static char out[1 << 14];
	static const struct sim_opts opts = { .help = help,
					      .letters = "t:",
					      .operands = true };
	struct sim_args args = { 0 };
	const char *const *names;
	size_t sizes[MAX_SIZES];
	void *volatile warm; /* or the compiler drops malloc() and free() */
	uint64_t threshold = 0;
	bool fixed = false;
	int c, n;

	/* stdout's buffer would come from malloc() too */
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 't':
			if (!parse_size(optarg, &threshold) ||
			    threshold > 32 << 20)
				usage_error(
					"-t %s: give a threshold of 0 to 32m (glibc refuses more than HEAP_MAX_SIZE / 2)",
					optarg);
			fixed = true;
			break;
		}
	}
	n = argc - optind;
	names = (const char *const *)argv + optind;
	if (!n) {
		names = defaults;
		n = sizeof(defaults) / sizeof(defaults[0]);
	}
	if (n > MAX_SIZES)
		usage_error("more than %d sizes", MAX_SIZES);
	for (int i = 0; i < n; i++) {
		uint64_t v;

		if (!parse_size(names[i], &v))
			usage_error("'%s' is not a size (try 16, 4k or 1m)",
				    names[i]);
		if (v == 0)
			usage_error(
				"malloc(0) returns a minimum-sized chunk: give a size of at least 1");
		if (v > MAX_SIZE)
			usage_error("%s: more than 256m, which this machine "
				    "may not have to spare",
				    names[i]);
		sizes[i] = (size_t)v;
	}

	if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0))
		die("prctl(PR_SET_THP_DISABLE): %s", strerror(errno));
	if (fixed && !mallopt(M_MMAP_THRESHOLD, (int)threshold))
		die("mallopt(M_MMAP_THRESHOLD, %" PRIu64 ") failed", threshold);
	memset(procbuf, 0, sizeof(procbuf)); /* resident before we count */
	memset(maps_before, 0, sizeof(maps_before));
	memset(maps_after, 0, sizeof(maps_after));
	/*
	 * The first malloc() from the heap sets up glibc's arena, the first
	 * mmap() one its statistics: both write to pages of libc's data, which
	 * become anonymous copies.  Done here, they do not count against the
	 * first sizes.  A block above DEFAULT_MMAP_THRESHOLD_MAX (32 MiB on
	 * 64-bit) leaves the threshold where it is when it is freed.
	 */
	warm = malloc(1);
	free(warm);
	warm = malloc(64 << 20);
	free(warm);
	printf("glibc %s, M_MMAP_THRESHOLD %s\n", gnu_get_libc_version(),
	       fixed ? "set with -t: fixed" :
		       "131072 to begin with, raised by free()");
	printf("%-10s %-9s %10s %12s %12s %12s\n", "size", "from", "brk:pages",
	       "anon:malloc", "touched", "freed");
	for (int i = 0; i < n; i++)
		probe(names[i], sizes[i]);
	return 0;
}
