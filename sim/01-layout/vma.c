// SPDX-License-Identifier: GPL-2.0
/*
 * vma - a process's virtual memory areas, as Linux 6.1 manages them
 *
 * Runs a script of mmap, munmap, mprotect and brk calls (see vma-script.h)
 * and prints what each returns and what /proc/PID/maps shows, or makes up
 * such a script as an exercise (-s SEED).  vma-replay runs the same script
 * with the real system calls; the two outputs must be identical.
 *
 * The functions keep the names of the kernel functions they stand for
 * (mm/mmap.c, mm/mprotect.c, mm/rmap.c, arch/x86/kernel/sys_x86_64.c,
 * arch/x86/mm/mmap.c, fs/proc/task_mmu.c) and do what those do for
 * anonymous private mappings.  A sorted array stands in for the maple tree
 * mm->mm_mt: the questions asked of it (find_vma(), the gaps between VMAs)
 * get the same answers, slower.
 *
 * Merging.  Two neighbouring VMAs become one when their flags are equal and
 * their anon_vmas are compatible (is_mergeable_anon_vma()).  A VMA gets an
 * anon_vma at its first write fault ("touch" in a script); the pieces of a
 * split share it.  A range that was never written merges with anything; a
 * written one merges only into a VMA with the same anon_vma, or into one
 * with none that is being expanded over it.  This is why the same mmap and
 * mprotect calls leave one VMA or two depending on whether the program
 * wrote to the memory, and why scripts can "touch".  Flags include
 * VM_ACCOUNT: a private writable mapping is charged to the commit limit,
 * and stays charged after mprotect() makes it read-only, so it no longer
 * merges with a read-only mapping that was never writable.
 *
 * The window.  vma-replay runs in a real process that has its own code,
 * libraries and stack, and fills every hole outside the script's window with
 * PROT_NONE reservations so that the kernel can only place mappings in the
 * window.  Here two placeholder VMAs stand for all of that, so the search
 * for free space, brk and find_vma() meet the same neighbours.
 *
 * mmap_base, where top-down allocation starts, is computed like the kernel's
 * mmap_base() for the default 8 MiB stack limit with ASLR off, which is how
 * vma-replay runs.  It only shows when it falls inside the window.
 *
 * Not modelled: files, MAP_SHARED, mremap(), fork(), rlimits and the
 * overcommit policy, vm.max_map_count, protection keys, VM_SOFTDIRTY, and
 * the stack guard gap (no VMA here grows down).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vma-script.h"

/* vm_flags, with the values of include/linux/mm.h */
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_ACCOUNT 0x00100000UL
#define VM_NORESERVE 0x00200000UL

#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)
#define RLIMIT_STACK_DEFAULT (8UL << 20)
#define TASK_UNMAPPED_BASE PAGE_ALIGN(TASK_SIZE / 3)

/* Errors travel as -errno in an unsigned long, as in the kernel. */
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

struct vm_area_struct {
	unsigned long vm_start; /* first address */
	unsigned long vm_end; /* first address after the area */
	unsigned long vm_flags;
	int anon_vma; /* 0 until the first write fault, then an id */
};

#define MAX_VMAS 1024

/* The parts of struct mm_struct that matter here. */
static struct {
	struct vm_area_struct vmas[MAX_VMAS]; /* sorted by address */
	int map_count;
	unsigned long mmap_base;
	unsigned long start_brk, brk;
	unsigned long win_lo, win_hi;
	int anon_vmas; /* ids handed out */
} mm;

static struct vma_script script;

static struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	return vma > mm.vmas ? vma - 1 : NULL;
}

static struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	return vma + 1 < mm.vmas + mm.map_count ? vma + 1 : NULL;
}

/* @region find_vma */
/* The first VMA that ends above addr: it contains addr, or lies above. */
static struct vm_area_struct *find_vma(unsigned long addr)
{
	for (int i = 0; i < mm.map_count; i++)
		if (mm.vmas[i].vm_end > addr)
			return &mm.vmas[i];
	return NULL;
}
/* @end find_vma */

/* The last VMA that starts below addr. */
static struct vm_area_struct *find_vma_prev(unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(addr);

	if (vma && vma->vm_start < addr)
		return vma;
	return vma ? vma_prev(vma) : vma_prev(mm.vmas + mm.map_count);
}

/* Links a new VMA in address order; pointers to the VMAs above it move. */
static struct vm_area_struct *vma_link(unsigned long start, unsigned long end,
				       unsigned long vm_flags, int anon_vma)
{
	struct vm_area_struct *vma = mm.vmas;

	if (mm.map_count == MAX_VMAS)
		die("more than %d VMAs", MAX_VMAS);
	while (vma < mm.vmas + mm.map_count && vma->vm_start < start)
		vma++;
	memmove(vma + 1, vma, (mm.vmas + mm.map_count - vma) * sizeof(*vma));
	mm.map_count++;
	*vma = (struct vm_area_struct){ start, end, vm_flags, anon_vma };
	return vma;
}

/* The VMA above slides into its place. */
static void vma_unlink(struct vm_area_struct *vma)
{
	mm.map_count--;
	memmove(vma, vma + 1, (mm.vmas + mm.map_count - vma) * sizeof(*vma));
}

/* @region split_vma */
/*
 * Cuts vma at addr and returns the upper piece.  Both pieces keep the
 * flags and the anon_vma (anon_vma_clone()): the pages already written
 * belong to it whichever piece they end up in.
 */
static struct vm_area_struct *split_vma(struct vm_area_struct *vma,
					unsigned long addr)
{
	struct vm_area_struct *new;

	new = vma_link(addr, vma->vm_end, vma->vm_flags, vma->anon_vma);
	vma->vm_end = addr;
	return new;
}
/* @end split_vma */

/* @region munmap */
static long do_munmap(unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long end;

	if (start % PAGE_SIZE || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end == start)
		return -EINVAL;
	vma = find_vma(start);
	if (!vma || vma->vm_start >= end)
		return 0; /* nothing mapped there: not an error */
	if (vma->vm_start < start)
		vma = split_vma(vma, start);
	while (vma < mm.vmas + mm.map_count && vma->vm_start < end) {
		if (vma->vm_end > end)
			split_vma(vma, end);
		vma_unlink(vma);
	}
	return 0;
}
/* @end munmap */

/* Merging lives in a file of its own, for exercise 01.2. */
#include <vma-merge.h>

/* @region unmapped_area */
/*
 * The gaps between VMAs, from the top (unmapped_area_topdown()) or from the
 * bottom (unmapped_area()): the first that can hold len bytes within
 * [low, high) wins.  The maple tree keeps the largest gap below each node
 * to find it in O(log n); a scan finds the same one.
 */
static unsigned long vm_unmapped_area(unsigned long len, unsigned long low,
				      unsigned long high, bool topdown)
{
	for (int n = 0; n <= mm.map_count; n++) {
		int i = topdown ? mm.map_count - n :
				  n; /* the gap below vmas[i] */
		unsigned long start = i ? mm.vmas[i - 1].vm_end : 0;
		unsigned long end = i < mm.map_count ? mm.vmas[i].vm_start :
						       ULONG_MAX;

		if (start < low)
			start = low;
		if (end > high)
			end = high;
		if (start < end && end - start >= len)
			return topdown ? end - len : start;
	}
	return -ENOMEM;
}

/*
 * arch_get_unmapped_area_topdown() of x86_64 under get_unmapped_area(): a
 * fixed address is taken as it is, a hint if the range there is free, and
 * otherwise the highest gap below mmap_base.  If there is none, the
 * bottom-up search from TASK_UNMAPPED_BASE gets a chance before mmap()
 * fails.  (The i386 kernel uses the generic version, which differs only
 * below mmap_min_addr, never in the window.)
 */
static unsigned long get_unmapped_area(unsigned long addr, unsigned long len,
				       int flags)
{
	struct vm_area_struct *vma;

	if (len > TASK_SIZE)
		return -ENOMEM;
	if (!(flags & MAP_FIXED)) {
		if (addr && addr <= TASK_SIZE - len) {
			vma = find_vma(addr);
			if (!vma || addr + len <= vma->vm_start)
				return addr;
		}
		addr = vm_unmapped_area(len, PAGE_SIZE, mm.mmap_base, true);
		if (IS_ERR_VALUE(addr))
			addr = vm_unmapped_area(len, TASK_UNMAPPED_BASE,
						TASK_SIZE, false);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (addr % PAGE_SIZE)
		return -EINVAL;
	return addr;
}
/* @end unmapped_area */

/* @region mmap */
/*
 * mmap_region(): MAP_FIXED first unmaps whatever is in the way.  Then the
 * new range extends its successor, its predecessor, or both, if their flags
 * match; the successor is tried first, and the predecessor only joins if its
 * anon_vma suits the successor's.  Otherwise it becomes a VMA of its own.
 */
static unsigned long mmap_region(unsigned long addr, unsigned long len,
				 unsigned long vm_flags)
{
	unsigned long end = addr + len, merge_start = addr, merge_end = end;
	struct vm_area_struct *prev, *next, *vma = NULL;

	do_munmap(addr, len);
	if (vm_flags & VM_WRITE) /* accountable_mapping() */
		vm_flags |= VM_ACCOUNT;
	next = find_vma(addr);
	prev = find_vma_prev(addr);
	if (next && next->vm_start == end && can_vma_merge(next, vm_flags, 0)) {
		merge_end = next->vm_end;
		vma = next;
	}
	if (prev && prev->vm_end == addr &&
	    can_vma_merge(prev, vm_flags, vma ? vma->anon_vma : 0)) {
		merge_start = prev->vm_start;
		vma = prev;
	}
	if (!vma) {
		vma_link(addr, end, vm_flags, 0);
		return addr;
	}
	/* vma_expand(), swallowing next if the range reaches its end */
	if (next && vma != next && merge_end == next->vm_end) {
		if (!vma->anon_vma)
			vma->anon_vma = next->anon_vma;
		vma_unlink(next);
	}
	vma->vm_start = merge_start;
	vma->vm_end = merge_end;
	return addr;
}

static unsigned long calc_vm_prot_bits(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long do_mmap(unsigned long addr, unsigned long len, int prot,
			     int flags)
{
	struct vm_area_struct *vma;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED)) { /* round_hint_to_min() */
		addr &= PAGE_MASK;
		if (addr && addr < MMAP_MIN_ADDR)
			addr = MMAP_MIN_ADDR;
	}
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	addr = get_unmapped_area(addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	vma = find_vma(addr);
	if (flags & MAP_FIXED_NOREPLACE && vma && vma->vm_start < addr + len)
		return -EEXIST;
	return mmap_region(addr, len,
			   calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE |
				   VM_MAYEXEC);
}
/* @end mmap */

/* @region mprotect */
static struct vm_area_struct *mprotect_fixup(struct vm_area_struct *vma,
					     unsigned long start,
					     unsigned long end,
					     unsigned long newflags)
{
	if (newflags == vma->vm_flags)
		return vma;
	/* Once made writable, a private mapping stays charged. */
	if (newflags & VM_WRITE &&
	    !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_NORESERVE)))
		newflags |= VM_ACCOUNT;
	if (start != vma->vm_start)
		vma = split_vma(vma, start);
	if (end != vma->vm_end)
		split_vma(vma, end);
	vma->vm_flags = newflags;
	return vma_merge(vma);
}

/*
 * do_mprotect_pkey(): VMA by VMA, so that a hole in the range fails with
 * ENOMEM after the VMAs below it have been changed.
 */
static long do_mprotect(unsigned long start, unsigned long len, int prot)
{
	struct vm_area_struct *vma;
	unsigned long end, nstart, tmp, newflags;

	if (start % PAGE_SIZE)
		return -EINVAL;
	if (!len)
		return 0;
	end = start + PAGE_ALIGN(len);
	if (end <= start)
		return -ENOMEM;
	vma = find_vma(start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (nstart = start;;) {
		newflags = calc_vm_prot_bits(prot) |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		tmp = vma->vm_end < end ? vma->vm_end : end;
		vma = mprotect_fixup(vma, nstart, tmp, newflags);
		nstart = tmp > vma->vm_end ? tmp : vma->vm_end;
		if (nstart >= end)
			return 0;
		vma = vma_next(vma);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}
/* @end mprotect */

/* @region brk */
/*
 * The brk() system call: it returns the new break, or the old one when it
 * refuses.  Shrinking unmaps, growing extends the VMA that ends at the old
 * break (do_brk_flags()), and growth must leave a page free below the next
 * mapping.
 */
static unsigned long sys_brk(unsigned long brk)
{
	unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE |
			      VM_MAYEXEC | VM_ACCOUNT;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm.brk);
	struct vm_area_struct *vma, *next;

	if (brk < mm.start_brk)
		return mm.brk;
	if (oldbrk == newbrk)
		return mm.brk = brk;
	if (brk <= mm.brk) {
		vma = find_vma(newbrk);
		if (!vma || vma->vm_start >= oldbrk)
			return mm.brk;
		do_munmap(newbrk, oldbrk - newbrk);
		return mm.brk = brk;
	}
	if (IS_ERR_VALUE(get_unmapped_area(oldbrk, newbrk - oldbrk, MAP_FIXED)))
		return mm.brk;
	next = find_vma(oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start)
		return mm.brk;
	vma = find_vma_prev(oldbrk);
	if (vma && vma->vm_end == oldbrk && vma->vm_end > mm.start_brk &&
	    can_vma_merge(vma, flags, 0))
		vma->vm_end = newbrk;
	else
		vma_link(oldbrk, newbrk, flags, 0);
	return mm.brk = brk;
}
/* @end brk */

/* @region fault */
/* Adjacent, with flags that differ at most in VM_READ, VM_WRITE, VM_EXEC. */
static bool anon_vma_compatible(const struct vm_area_struct *a,
				const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start &&
	       !((a->vm_flags ^ b->vm_flags) & ~(VM_READ | VM_WRITE | VM_EXEC));
}

/*
 * The first write fault in a VMA gives it an anon_vma (anon_vma_prepare()).
 * find_mergeable_anon_vma() first borrows a compatible neighbour's, so
 * that a later mprotect() can merge the two again.
 */
static void anon_vma_prepare(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);

	if (next && anon_vma_compatible(vma, next) && next->anon_vma)
		vma->anon_vma = next->anon_vma;
	else if (prev && anon_vma_compatible(prev, vma) && prev->anon_vma)
		vma->anon_vma = prev->anon_vma;
	else
		vma->anon_vma = ++mm.anon_vmas;
}

/* Writes to every page of [addr, addr + len); false for SIGSEGV. */
static bool touch(unsigned long addr, unsigned long len)
{
	for (unsigned long page = addr & PAGE_MASK; page < addr + len;
	     page += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(page);

		if (!vma || vma->vm_start > page || !(vma->vm_flags & VM_WRITE))
			return false;
		if (!vma->anon_vma)
			anon_vma_prepare(vma);
	}
	return true;
}
/* @end fault */

/* @region show_map */
/*
 * A line of /proc/PID/maps, as show_map_vma() writes it.  An anonymous
 * mapping has offset 0, device 00:00 and inode 0.  [heap] is any VMA that
 * touches [start_brk, brk], whoever mapped it; a name is padded to a column
 * that depends on the width of a pointer.
 */
static void show_map_vma(const struct vm_area_struct *vma)
{
	int width = 25 + sizeof(void *) * 6 - 1;
	int n = printf("%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
		       vma->vm_start, vma->vm_end,
		       vma->vm_flags & VM_READ ? 'r' : '-',
		       vma->vm_flags & VM_WRITE ? 'w' : '-',
		       vma->vm_flags & VM_EXEC ? 'x' : '-',
		       vma->vm_flags & VM_MAYSHARE ? 's' : 'p', 0UL, 0, 0, 0UL);

	if (vma->vm_start <= mm.brk && vma->vm_end >= mm.start_brk)
		printf("%*s[heap]", n < width ? width - n + 1 : 1, "");
	putchar('\n');
}
/* @end show_map */

/* mmap_base() of arch/x86/mm/mmap.c, without the random parts. */
static unsigned long mmap_base(unsigned long rlim_stack)
{
	unsigned long gap = rlim_stack + STACK_GUARD_GAP;

	if (gap < 128UL << 20)
		gap = 128UL << 20;
	else if (gap > TASK_SIZE / 6 * 5)
		gap = TASK_SIZE / 6 * 5;
	return PAGE_ALIGN(TASK_SIZE - gap);
}

static void setup(const struct vma_script *vs)
{
	unsigned long none = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			     VM_NORESERVE;

	memset(&mm, 0, sizeof(mm));
	mm.mmap_base = mmap_base(RLIMIT_STACK_DEFAULT);
	mm.start_brk = mm.brk = vs->start_brk;
	mm.win_lo = vs->win_lo;
	mm.win_hi = vs->win_hi;
	/* The rest of the process, as vma-replay reserves it. */
	vma_link(PAGE_SIZE, vs->win_lo, none, 0);
	if (vs->win_hi < TASK_SIZE)
		vma_link(vs->win_hi, TASK_SIZE, none, 0);
}

static void report(const struct cmd *c, unsigned long ret, const char *fmt)
{
	if (IS_ERR_VALUE(ret))
		printf("%s -> %s\n", c->text, strerrorname_np((int)-ret));
	else
		printf(fmt, c->text, ret);
}

static void run(const struct vma_script *vs)
{
	setup(vs);
	for (int i = 0; i < vs->nr_cmds; i++) {
		const struct cmd *c = &vs->cmds[i];
		struct vm_area_struct *vma;
		unsigned long brk = c->addr;

		switch (c->op) {
		case OP_MMAP:
			report(c, do_mmap(c->addr, c->len, c->prot, c->flags),
			       "%s -> 0x%lx\n");
			break;
		case OP_MUNMAP:
			report(c, do_munmap(c->addr, c->len), "%s -> %lu\n");
			break;
		case OP_MPROTECT:
			report(c, do_mprotect(c->addr, c->len, c->prot),
			       "%s -> %lu\n");
			break;
		case OP_BRK:
			if (c->brk_sign)
				brk = c->brk_sign == '+' ? mm.brk + c->addr :
							   mm.brk - c->addr;
			report(c,
			       sys_brk(brk) == brk ? brk :
						     (unsigned long)-ENOMEM,
			       "%s -> 0x%lx\n");
			break;
		case OP_TOUCH:
			printf("%s -> %s\n", c->text,
			       touch(c->addr, c->len) ? "ok" : "SIGSEGV");
			break;
		case OP_FIND:
			vma = find_vma(c->addr);
			printf("%s -> ", c->text);
			if (vma && vma->vm_start < mm.win_hi)
				show_map_vma(vma);
			else
				puts("none");
			break;
		case OP_MAPS:
			puts("maps");
			for (vma = mm.vmas; vma < mm.vmas + mm.map_count; vma++)
				if (vma->vm_end > mm.win_lo &&
				    vma->vm_start < mm.win_hi)
					show_map_vma(vma);
			break;
		}
	}
}

static const char help[] =
	"usage: vma -f FILE | vma -s SEED [-c]\n"
	"\n"
	"Simulates the VMAs of a process as Linux 6.1 manages them: mmap,\n"
	"munmap, mprotect and brk place, split and merge them; maps prints\n"
	"them as /proc/PID/maps would.  vma-replay runs the same script with\n"
	"the real system calls and must print the same.\n"
	"\n"
	"  -f FILE  run the script in FILE (- for standard input)\n"
	"  -s SEED  print a random script, an exercise (same SEED, same one)\n"
	"  -c       with -s, also print the answer: what -f would print\n"
	"  -h       this help\n"
	"\n"
	"Script lines (PROT like rw- or r-x, numbers like 0x1000 or 16k):\n"
	"  window LO HI   start_brk ADDR   mmap ADDR|- LEN PROT [fixed|noreplace]\n"
	"  munmap ADDR LEN   mprotect ADDR LEN PROT   brk +LEN|-LEN|ADDR\n"
	"  touch ADDR [LEN]   find ADDR   maps\n"
	"\n"
	"Example:\n"
	"  printf '%s\\n' 'window 0x10000000 0x10100000' \\\n"
	"      'mmap 0x10000000 16k rw- fixed' 'mprotect 0x10001000 4k r--' \\\n"
	"      maps | vma -f -\n";

int main(int argc, char **argv)
{
	struct sim_args args;

	sim_parse_args(argc, argv, help, &args);
	sim_want_script_or_seed(&args);
	get_script(&args, &script);
	if (args.file || args.answers)
		run(&script);
	return 0;
}
