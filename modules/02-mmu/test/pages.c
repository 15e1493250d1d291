// SPDX-License-Identifier: GPL-2.0
/*
 * pages - a process with pages of every kind, for the suites to walk
 * through mmu.ko from outside.
 *
 *   pages [NAME=VA[/1g]...]
 *
 * Maps its regions, prints "NAME VA" for one page of each, then "ready",
 * and sleeps until it is killed.  Each NAME=VA adds a written anonymous
 * page at VA (hex), such as one that only 5-level paging can map; with
 * /1g, a 1 GiB hugetlbfs page there, and NAME is its page at VA + 0x5000.  The mappings sit at fixed addresses, the
 * same on both kernels, so that their table indices are the same at every
 * boot:
 *
 *   anon       0x40200000  an anonymous page, written
 *   untouched  0x40201000  the next page of the same mapping, never touched
 *   ro         0x40208000  an anonymous read-only page, read
 *   file       0x40400000  a page of this program's file, read
 *   thp        0x40605000  a page inside a written 2 MiB region that asked
 *                          for a transparent huge page (MADV_HUGEPAGE)
 *   stack      a page of the stack, and heap, a page from malloc()
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096ul
#define HPAGE (2ul << 20)
/* linux/mman.h: the page size's log2 in the flags, above MAP_HUGE_SHIFT */
#define MAP_HUGE_1GB (30 << MAP_HUGE_SHIFT)

static char *map(uintptr_t va, size_t len, int prot, int flags, int fd)
{
	void *p =
		mmap((void *)va, len, prot, flags | MAP_FIXED_NOREPLACE, fd, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "pages: mmap at %#lx: %m\n", (unsigned long)va);
		exit(1);
	}
	return p;
}

static void show(const char *name, const volatile void *p)
{
	printf("%s %#lx\n", name, (unsigned long)(uintptr_t)p & ~(PAGE - 1));
}

int main(int argc, char **argv)
{
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	const int rw = PROT_READ | PROT_WRITE;
	volatile char stack[PAGE];
	volatile char *p;
	int fd = open("/proc/self/exe", O_RDONLY);

	if (fd < 0) {
		perror("pages: /proc/self/exe");
		return 1;
	}
	/* Three pages in one pte table: the middle one keeps no page. */
	p = map(0x40200000, 3 * PAGE, rw, anon, -1);
	p[0] = 1;
	p[2 * PAGE] = 1;
	show("anon", p);
	show("untouched", p + PAGE);

	p = map(0x40208000, PAGE, PROT_READ, anon, -1);
	(void)p[0];
	show("ro", p);

	p = map(0x40400000, PAGE, PROT_READ, MAP_PRIVATE, fd);
	(void)p[0];
	show("file", p);

	p = map(0x40600000, HPAGE, rw, anon, -1);
	if (madvise((void *)p, HPAGE, MADV_HUGEPAGE)) {
		perror("pages: madvise");
		return 1;
	}
	/* The first write fills the whole 2 MiB at once, or one page. */
	p[5 * PAGE] = 1;
	show("thp", p + 5 * PAGE);

	stack[0] = 1;
	show("stack", stack);
	p = malloc(100);
	if (!p) {
		perror("pages: malloc");
		return 1;
	}
	p[0] = 1;
	show("heap", p);

	for (int i = 1; i < argc; i++) {
		char *va = strchr(argv[i], '='), *size;

		if (!va) {
			fprintf(stderr, "usage: pages [NAME=VA[/1g]...]\n");
			return 2;
		}
		*va++ = '\0';
		uintptr_t addr = strtoull(va, &size, 16);
		/* A hugetlbfs page from the pool that hugepages= filled. */
		if (strcmp(size, "/1g") == 0) {
			p = map(addr, 1ul << 30, rw,
				anon | MAP_HUGETLB | MAP_HUGE_1GB, -1);
			p += 5 * PAGE;
		} else {
			p = map(addr, PAGE, rw, anon, -1);
		}
		p[0] = 1;
		show(argv[i], p);
	}

	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
