// SPDX-License-Identifier: GPL-2.0
/*
 * vma-replay - run a vma script with the real system calls
 *
 * Same script (vma-script.h), same output as the simulator vma, but every
 * answer comes from the running kernel: mmap(), munmap(), mprotect() and
 * brk() are called for real, "touch" writes to the memory, and "find" and
 * "maps" read /proc/self/maps.  On the Debian 6.1 kernels of the book's VM
 * it checks the simulator; on a newer kernel it shows what has changed.
 *
 * What makes the two comparable:
 *  - ASLR off (personality(ADDR_NO_RANDOMIZE), then the program runs itself
 *    again) and an 8 MiB stack limit: the kernel then computes the same
 *    mmap_base as vma.
 *  - The window must be free when the script starts.  Every other hole from
 *    PAGE_SIZE to TASK_SIZE gets a PROT_NONE, MAP_NORESERVE reservation, so
 *    the kernel can place new mappings only in the window; vma has two
 *    placeholder VMAs for the same purpose.  The stack grows by 1 MiB first,
 *    as it cannot grow into a reservation.
 *  - start_brk moves the heap into the window with prctl(PR_SET_MM).
 *  - Only the lines of /proc/self/maps that meet the window are printed.
 *  - After the set-up the program allocates nothing (malloc() could mmap()
 *    into the window) and writes with write(2).
 * Reserving below mmap_min_addr and PR_SET_MM need root; without root the
 * reservations start at mmap_min_addr and start_brk is refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vma-script.h"

#define RLIMIT_STACK_DEFAULT (8UL << 20)
#define STACK_RESERVE (1UL << 20)

static struct vma_script script;
static char maps[1 << 16]; /* the last read of /proc/self/maps */
static sigjmp_buf fault;

static void say(const char *fmt, ...) PRINTF(1, 2);

static void say(const char *fmt, ...)
{
	char buf[2 * SCRIPT_LINE_MAX];
	size_t done = 0, len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		die("cannot format the output");
	len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	while (done < len) {
		ssize_t w = write(STDOUT_FILENO, buf + done, len - done);

		if (w < 0)
			die("write: %s", strerror(errno));
		done += w;
	}
}

static const char *errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "E?";
}

/* Runs the program again with ASLR off and the default stack limit. */
static void no_aslr(char **argv)
{
	struct rlimit stack = { RLIMIT_STACK_DEFAULT, RLIMIT_STACK_DEFAULT };
	int pers = personality(0xffffffff);
	struct rlimit now;

	if (pers == -1 || getrlimit(RLIMIT_STACK, &now))
		die("personality: %s", strerror(errno));
	if (pers & ADDR_NO_RANDOMIZE && now.rlim_cur == RLIMIT_STACK_DEFAULT)
		return;
	stack.rlim_max = now.rlim_max;
	if (personality(pers | ADDR_NO_RANDOMIZE) == -1 ||
	    setrlimit(RLIMIT_STACK, &stack))
		die("cannot turn ASLR off: %s", strerror(errno));
	execv("/proc/self/exe", argv);
	die("cannot run /proc/self/exe again: %s", strerror(errno));
}

static void read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		die("/proc/self/maps: %s", strerror(errno));
	while ((n = read(fd, maps + len, sizeof(maps) - 1 - len)) > 0)
		if ((len += n) == sizeof(maps) - 1)
			die("/proc/self/maps is too long");
	if (n < 0)
		die("/proc/self/maps: %s", strerror(errno));
	close(fd);
	maps[len] = '\0';
}

/* The next line of maps[] and its range, or NULL at the end. */
static char *next_map(char **pos, unsigned long *start, unsigned long *end)
{
	char *line = *pos;

	if (!*line)
		return NULL;
	*pos += strcspn(line, "\n");
	if (**pos)
		*(*pos)++ = '\0';
	if (sscanf(line, "%lx-%lx", start, end) != 2)
		die("cannot read /proc/self/maps line '%s'", line);
	return line;
}

/* The stack cannot grow into a reservation: make room first. */
static void __attribute__((noinline)) grow_stack(void)
{
	char pad[STACK_RESERVE];
	volatile char *bottom = pad;

	*bottom = 0;
}

static void reserve(unsigned long start, unsigned long end)
{
	void *p;

	if (start >= end)
		return;
	p = mmap((void *)start, end - start, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			 MAP_FIXED_NOREPLACE,
		 -1, 0);
	if (p == MAP_FAILED && errno == EPERM && start < MMAP_MIN_ADDR) {
		reserve(MMAP_MIN_ADDR, end); /* not root */
		return;
	}
	if (p != (void *)start)
		die("cannot reserve 0x%lx-0x%lx: %s", start, end,
		    p == MAP_FAILED ? errname(errno) : "taken");
}

/* @region reserve */
/* Fills every hole of the address space but the window. */
static void reserve_outside_window(void)
{
	unsigned long lo = script.win_lo, hi = script.win_hi;
	unsigned long start, end, hole = PAGE_SIZE;
	char *pos = maps, *line;

	read_maps();
	while ((line = next_map(&pos, &start, &end)) && start < TASK_SIZE) {
		if (end > lo && start < hi)
			die("the window is not free: %s", line);
		reserve(hole, start < lo ? start : lo);
		reserve(hole > hi ? hole : hi, start);
		hole = end;
	}
	reserve(hole, lo);
	reserve(hole > hi ? hole : hi, TASK_SIZE);
}
/* @end reserve */

/*
 * The heap moves into the window: start_brk = brk = addr, as if the
 * program's data ended there.  prctl() insists on start_brk <= brk after
 * each of the two calls, hence the order.
 */
static void set_heap(unsigned long addr)
{
	bool up = addr > (unsigned long)syscall(SYS_brk, 0);

	if (prctl(PR_SET_MM, up ? PR_SET_MM_BRK : PR_SET_MM_START_BRK, addr, 0,
		  0) ||
	    prctl(PR_SET_MM, up ? PR_SET_MM_START_BRK : PR_SET_MM_BRK, addr, 0,
		  0))
		die("cannot move the heap to 0x%lx: %s (needs CAP_SYS_RESOURCE)",
		    addr, errname(errno));
}

static void on_fault(int sig)
{
	(void)sig;
	siglongjmp(fault, 1);
}

static bool touch(unsigned long addr, unsigned long len)
{
	if (sigsetjmp(fault, 1))
		return false;
	for (unsigned long page = addr & PAGE_MASK; page < addr + len;
	     page += PAGE_SIZE)
		*(volatile char *)page = 1;
	return true;
}

static void report(const struct cmd *c, int ret)
{
	if (ret)
		say("%s -> %s\n", c->text, errname(errno));
	else
		say("%s -> 0\n", c->text);
}

/* Prints the lines of /proc/self/maps: the first above addr, or all. */
static void show_maps(const struct cmd *c)
{
	unsigned long start, end;
	char *pos = maps, *line;

	read_maps();
	if (c->op == OP_MAPS)
		say("maps\n");
	else
		say("%s -> ", c->text);
	while ((line = next_map(&pos, &start, &end))) {
		if (c->op == OP_FIND && end > c->addr) {
			say("%s\n", start < script.win_hi ? line : "none");
			return;
		}
		if (c->op == OP_MAPS && end > script.win_lo &&
		    start < script.win_hi)
			say("%s\n", line);
	}
	if (c->op == OP_FIND)
		say("none\n");
}

static void run(const struct cmd *c)
{
	unsigned long brk = c->addr, now;
	void *p;

	switch (c->op) {
	case OP_MMAP:
		p = mmap((void *)c->addr, c->len, c->prot,
			 MAP_PRIVATE | MAP_ANONYMOUS | c->flags, -1, 0);
		if (p == MAP_FAILED)
			say("%s -> %s\n", c->text, errname(errno));
		else
			say("%s -> 0x%lx\n", c->text, (unsigned long)p);
		break;
	case OP_MUNMAP:
		report(c, munmap((void *)c->addr, c->len));
		break;
	case OP_MPROTECT:
		report(c, mprotect((void *)c->addr, c->len, c->prot));
		break;
	case OP_BRK:
		now = syscall(SYS_brk, 0);
		if (c->brk_sign)
			brk = c->brk_sign == '+' ? now + c->addr :
						   now - c->addr;
		if ((unsigned long)syscall(SYS_brk, brk) == brk)
			say("%s -> 0x%lx\n", c->text, brk);
		else
			say("%s -> ENOMEM\n", c->text);
		break;
	case OP_TOUCH:
		say("%s -> %s\n", c->text,
		    touch(c->addr, c->len) ? "ok" : "SIGSEGV");
		break;
	case OP_FIND:
	case OP_MAPS:
		show_maps(c);
		break;
	}
}

static const char help[] =
	"usage: vma-replay -f FILE | vma-replay -s SEED [-c]\n"
	"\n"
	"Runs a script of the simulator vma (see vma -h) with the real system\n"
	"calls, and prints what the kernel answered in the same form, so that\n"
	"the two outputs can be compared line by line.  -s SEED runs problem\n"
	"SEED of vma and prints what vma -s SEED -c prints.  Turns ASLR off and\n"
	"reserves all the address space outside the script's window; needs\n"
	"root for start_brk.\n"
	"\n"
	"Example:\n"
	"  vma -s 7 -c >sim.out; vma-replay -s 7 | diff sim.out -\n";

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_fault };
	struct sim_args args;

	sim_parse_args(argc, argv, help, &args);
	sim_want_script_or_seed(&args);
	no_aslr(argv);
	get_script(&args, &script);
	fflush(stdout);
	grow_stack();
	reserve_outside_window();
	if (script.start_brk)
		set_heap(script.start_brk);
	if (sigaction(SIGSEGV, &sa, NULL))
		die("sigaction: %s", strerror(errno));
	for (int i = 0; i < script.nr_cmds; i++)
		run(&script.cmds[i]);
	return 0;
}
