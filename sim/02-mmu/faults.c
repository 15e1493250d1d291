// SPDX-License-Identifier: GPL-2.0
/*
 * faults - the page faults a process takes, counted by the kernel
 *
 * Each experiment touches one byte in every page of a fresh mapping and
 * reads the process's fault counters (getrusage(): ru_minflt, ru_majflt,
 * the min_flt and maj_flt of /proc/PID/stat) before and after.  Nothing
 * else runs between the two reads, so the difference is the faults the
 * loop took.  Two more experiments provoke the faults that end in SIGSEGV
 * and print the si_code the kernel chose.
 *
 * Transparent huge pages are refused for the anonymous mappings
 * (MADV_NOHUGEPAGE), so that one fault maps one page whatever the system's
 * THP setting.  Not a simulation: what it prints is what the running
 * kernel did.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim.h"

#define PAGES_MAX 65536

static const char help[] =
	"usage: faults [-n PAGES]\n"
	"Touches PAGES pages (default 64, at most 65536) of fresh mappings and\n"
	"prints how many minor and major page faults each loop cost, as the\n"
	"kernel counts them (getrusage, /proc/PID/stat), then provokes two\n"
	"faults that end in SIGSEGV and prints their si_code:\n"
	"  write             write to each page of a fresh anonymous mapping\n"
	"  rewrite           write to them again\n"
	"  read              read each page of another fresh anonymous mapping\n"
	"  write-after-read  then write to each page\n"
	"  cow-child         a child made by fork() writes to each page of\n"
	"                    the first mapping\n"
	"  file-read         read each page of a file mapping (the pages are\n"
	"                    in the page cache: the file was just written)\n"
	"  mprotect          write to a page made read-only with mprotect()\n"
	"  munmap            write to a page that munmap() removed\n"
	"Example: faults -n 100\n";

static long page_size;

struct count {
	long minflt, majflt;
};

static struct count counters(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		die("getrusage: %s", strerror(errno));
	return (struct count){ ru.ru_minflt, ru.ru_majflt };
}

static void report(const char *name, struct count before, struct count after)
{
	printf("%-17s minflt %ld majflt %ld\n", name,
	       after.minflt - before.minflt, after.majflt - before.majflt);
}

/*
 * ASan would check its shadow memory on each access, and the shadow of a
 * fresh mapping faults too: these loops are left uninstrumented so that
 * the sanitizer builds count the same faults as the plain one.
 */
__attribute__((no_sanitize_address)) static void touch(volatile char *p,
						       long pages, bool write)
{
	for (long i = 0; i < pages; i++) {
		if (write)
			p[i * page_size] = 1;
		else
			(void)p[i * page_size];
	}
}

/* @region measure */
static void measure(const char *name, char *p, long pages, bool write)
{
	struct count before = counters();

	touch(p, pages, write);
	report(name, before, counters());
}
/* @end measure */

static char *anon(long pages)
{
	char *p = mmap(NULL, pages * page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap of %ld pages: %s", pages, strerror(errno));
	/* EINVAL: a kernel without THP, where there is nothing to refuse. */
	if (madvise(p, pages * page_size, MADV_NOHUGEPAGE) && errno != EINVAL)
		die("madvise: %s", strerror(errno));
	return p;
}

/* The child's own counters start at zero: it reports through a pipe. */
static void cow_child(char *p, long pages)
{
	struct count before, after;
	int fd[2];
	pid_t pid;
	int status;

	fflush(stdout);
	if (pipe(fd))
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		before = counters();
		touch(p, pages, true);
		after = counters();
		after.minflt -= before.minflt;
		after.majflt -= before.majflt;
		_exit(write(fd[1], &after, sizeof(after)) != sizeof(after));
	}
	close(fd[1]);
	if (read(fd[0], &after, sizeof(after)) != sizeof(after))
		die("the child reported nothing");
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("the child failed");
	report("cow-child", (struct count){ 0, 0 }, after);
}

static void file_read(long pages)
{
	FILE *f = tmpfile();
	char *p;

	if (!f)
		die("tmpfile: %s", strerror(errno));
	for (long i = 0; i < pages * page_size; i++)
		putc('x', f);
	if (fflush(f))
		die("writing the file: %s", strerror(errno));
	p = mmap(NULL, pages * page_size, PROT_READ, MAP_SHARED, fileno(f), 0);
	if (p == MAP_FAILED)
		die("mmap of the file: %s", strerror(errno));
	measure("file-read", p, pages, false);
	munmap(p, pages * page_size);
	fclose(f);
}

static sigjmp_buf back;
static volatile sig_atomic_t code;
static void *volatile addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	code = si->si_code;
	addr = si->si_addr;
	siglongjmp(back, 1);
}

/* @region segv */
static void segv(const char *name, char *p)
{
	code = 0;
	addr = NULL;
	if (!sigsetjmp(back, 1))
		touch(p, 1, true);
	if (addr != p)
		die("%s: no SIGSEGV at %p", name, (void *)p);
	printf("%-17s SIGSEGV %s\n", name,
	       code == SEGV_MAPERR ? "SEGV_MAPERR" :
	       code == SEGV_ACCERR ? "SEGV_ACCERR" :
				     "other");
}
/* @end segv */

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help, .letters = "n:" };
	struct sim_args args = { 0 };
	struct sigaction sa = { .sa_sigaction = on_segv,
				.sa_flags = SA_SIGINFO };
	uint64_t n = 64;
	char *a, *b;
	int c;

	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'n':
			if (!parse_size(optarg, &n) || n == 0 || n > PAGES_MAX)
				usage_error("-n %s: give a number of pages "
					    "from 1 to %d",
					    optarg, PAGES_MAX);
			break;
		}
	}
	page_size = sysconf(_SC_PAGESIZE);
	if (sigaction(SIGSEGV, &sa, NULL))
		die("sigaction: %s", strerror(errno));

	printf("pages %ld of %ld bytes\n", (long)n, page_size);
	a = anon(n);
	measure("write", a, n, true);
	measure("rewrite", a, n, true);
	b = anon(n);
	measure("read", b, n, false);
	measure("write-after-read", b, n, true);
	cow_child(a, n);
	file_read(n);
	if (mprotect(a, page_size, PROT_READ))
		die("mprotect: %s", strerror(errno));
	segv("mprotect", a);
	if (munmap(b, page_size))
		die("munmap: %s", strerror(errno));
	segv("munmap", b);
	return 0;
}
