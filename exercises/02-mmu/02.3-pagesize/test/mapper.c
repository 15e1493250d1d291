// SPDX-License-Identifier: GPL-2.0
/*
 * mapper - a process with pages of both sizes, for the tests of exercise
 * 02.3 to ask about through the module.
 *
 *   mapper
 *
 * Prints "NAME VA" for each page below, then "ready", and waits:
 *
 *   small      a written anonymous page, 4k
 *   untouched  the next page of the same mapping, never touched
 *   thp        a page inside a written 2 MiB region that asked for a
 *              transparent huge page
 *   thp-last   the last page of that region
 *
 * On SIGUSR1 it writes the untouched page, which takes the lock of its pte
 * table, and prints "touched": a module that kept the lock leaves it
 * waiting.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PAGE 4096ul
#define HPAGE (2ul << 20)

static volatile sig_atomic_t poked;

static void on_usr1(int sig)
{
	(void)sig;
	poked = 1;
}

static char *map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mapper: mmap");
		exit(1);
	}
	return p;
}

int main(void)
{
	sigset_t usr1, others;
	char *small, *thp;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &others);

	small = map(2 * PAGE);
	/* Never part of a huge page, even merged with a neighbour. */
	if (madvise(small, 2 * PAGE, MADV_NOHUGEPAGE)) {
		perror("mapper: madvise");
		return 1;
	}
	small[0] = 1;
	/* Twice the size, to hold one aligned 2 MiB wherever it lands. */
	thp = map(2 * HPAGE);
	thp = (char *)(((uintptr_t)thp + HPAGE - 1) & ~(HPAGE - 1));
	if (madvise(thp, HPAGE, MADV_HUGEPAGE)) {
		perror("mapper: madvise");
		return 1;
	}
	thp[0] = 1;

	printf("small %p\nuntouched %p\n", (void *)small,
	       (void *)(small + PAGE));
	printf("thp %p\nthp-last %p\n", (void *)thp,
	       (void *)(thp + HPAGE - PAGE));
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		sigsuspend(&others);
		if (poked) {
			poked = 0;
			small[PAGE] = 1;
			printf("touched\n");
			fflush(stdout);
		}
	}
}
