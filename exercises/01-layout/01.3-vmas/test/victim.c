// SPDX-License-Identifier: GPL-2.0
/*
 * victim - a process whose VMAs carry many different flags, for the tests
 * of exercise 01.3 to read through the module.
 *
 *   victim [-m MIB]
 *
 * Maps its regions, touches MIB MiB of anonymous memory (so that a leaked
 * mm shows in MemFree), prints "ready" and waits.  On SIGUSR1 it maps and
 * unmaps a page, which needs the mmap lock for writing, and prints
 * "mapped": a module that kept the lock leaves it waiting.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile sig_atomic_t poked;

static void on_usr1(int sig)
{
	(void)sig;
	poked = 1;
}

static void *map(size_t len, int prot, int flags, int fd)
{
	void *p = mmap(NULL, len, prot, flags, fd, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static void advise(size_t len, int advice)
{
	void *p = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1);

	if (madvise(p, len, advice)) {
		perror("madvise");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	const int rw = PROT_READ | PROT_WRITE;
	size_t page = sysconf(_SC_PAGESIZE), mib = 0;
	int fd = open("/proc/self/exe", O_RDONLY);
	sigset_t usr1, others;
	char *p;

	if (argc == 3 && strcmp(argv[1], "-m") == 0)
		mib = strtoul(argv[2], NULL, 10);
	if (fd < 0) {
		perror("/proc/self/exe");
		return 1;
	}
	/* Blocked but while waiting, so that no SIGUSR1 slips past the wait. */
	signal(SIGUSR1, on_usr1);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &others);

	memset(map(16 * page, rw, anon, -1), 1, 16 * page);
	map(16 * page, rw, MAP_SHARED | MAP_ANONYMOUS, -1);
	/* Shared, but read-only: VM_MAYSHARE without VM_SHARED. */
	map(page, PROT_READ, MAP_SHARED, fd);
	map(page, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd);
	map(4 * page, PROT_NONE, anon, -1);
	map(8 * page, rw, anon | MAP_NORESERVE, -1);
	map(8 * page, rw, anon | MAP_GROWSDOWN, -1);
	if (mlock(map(page, rw, anon, -1), page))
		perror("mlock");
	advise(2 * page, MADV_DONTFORK);
	advise(3 * page, MADV_DONTDUMP);
	advise(5 * page, MADV_SEQUENTIAL);
	advise(6 * page, MADV_RANDOM);
	if (mib) {
		p = map(mib << 20, rw, anon, -1);
		memset(p, 1, mib << 20);
	}

	printf("ready\n");
	fflush(stdout);
	for (;;) {
		sigsuspend(&others);
		if (poked) {
			poked = 0;
			munmap(map(page, rw, anon, -1), page);
			printf("mapped\n");
			fflush(stdout);
		}
	}
}
