// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc - where vmalloc() puts its areas in [VMALLOC_START, VMALLOC_END)
 * and which page frames back them, as Linux 6.1's mm/vmalloc.c does.
 *
 * Runs a script of vmalloc and vfree calls and prints what each returns,
 * and /proc/vmallocinfo's lines on "show"; or makes up such a script as an
 * exercise (-s SEED).
 *
 * An area is the size asked for, rounded up to whole pages, plus one guard
 * page that is never mapped (VM_NO_GUARD, which only kernel-internal
 * callers pass, leaves it out), so that running off the end of a buffer
 * faults instead of writing into the next one.  alloc_vmap_area() takes
 * the free block at the lowest address that can hold the area and cuts the
 * area from its start.  The kernel finds that block in O(log n) with an
 * rbtree of free blocks augmented by the largest block below each node
 * (find_vmap_lowest_match()); here a sorted array is scanned, which gives
 * the same answer.  Then __vmalloc_area_node() takes the pages one by one:
 * each page of the area is backed by a frame of its own, wherever the page
 * allocator finds one.  Here the frames are drawn at random (the same on
 * every run) from the RAM of the machine, to show that an area contiguous
 * in virtual memory is scattered in physical memory.
 *
 * vfree() unmaps the area and frees its pages at once.  In 6.1 the address
 * range is not free yet: free_vmap_area_noflush() puts it on a purge list
 * (merged with its neighbours there), and only when more than
 * lazy_max_pages() pages wait there, 32 MiB per bit of the number of CPUs
 * (fls(num_online_cpus())), or when an allocation finds no room, does
 * __purge_vmap_area_lazy() flush the TLBs once for all of them and give the
 * ranges back.  -l models this; without it a vfree()d range is free at
 * once, which makes placement easier to follow.
 *
 * Not modelled: the areas the kernel itself has already made at boot
 * (ioremap, modules on i386, stacks of VMAP_STACK), alignments above a
 * page (vmalloc() asks for none), huge-page mappings (x86 does not map
 * vmalloc with huge pages in 6.1), per-CPU vmap blocks of vm_map_ram(),
 * and NUMA.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE ((uint64_t)1 << PAGE_SHIFT)
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define MB ((uint64_t)1 << 20)

#define MAX_AREAS 1024
#define NAME_MAX_LEN 31
#define PFNS_SHOWN 16

/* vm_struct flags, with the values of include/linux/vmalloc.h */
#define VM_ALLOC 0x00000002
#define VM_NO_GUARD 0x00000040

static const char help[] =
	"usage: vmalloc [-a i386|x86_64] [-m RAM] [-l] -f FILE\n"
	"       vmalloc -s SEED [-c]\n"
	"\n"
	"Simulates the vmalloc area of Linux 6.1: where vmalloc() places each\n"
	"area (the free block at the lowest address that fits, one guard page\n"
	"after each area), which page frames back it, and what vfree() gives\n"
	"back.  show prints the areas as /proc/vmallocinfo does.\n"
	"\n"
	"  -a ARCH  i386 (default: Debian's 686-pae kernel, VMSPLIT_3G) or x86_64\n"
	"           (4-level paging, no KASLR, as the book's VM boots it)\n"
	"  -m RAM   the machine's RAM (default 256M, the book's VM); on i386 the\n"
	"           vmalloc area starts 8M above the end of lowmem\n"
	"  -l       lazy vfree, as in 6.1: freed ranges wait on a purge list\n"
	"  -f FILE  run the script in FILE (- for standard input)\n"
	"  -s SEED  print a random script, an exercise; -c also prints the answer\n"
	"  -h       this help\n"
	"\n"
	"Script lines (sizes like 8192, 0x2000, 8k or 2m):\n"
	"  range START END       use [START, END) instead of the default area;\n"
	"                        page aligned, before any other line\n"
	"  vmalloc NAME SIZE [noguard]\n"
	"                        NAME = vmalloc(SIZE); noguard: VM_NO_GUARD\n"
	"  vfree NAME            vfree(NAME)\n"
	"  purge                 give back every lazily freed range now\n"
	"  show                  print /proc/vmallocinfo (NAME is the caller)\n"
	"\n"
	"Example:\n"
	"  printf '%s\\n' 'vmalloc a 5000' 'vmalloc b 4k' 'vfree a' \\\n"
	"      'vmalloc c 4k' show | vmalloc -f -\n";

struct vm_struct {
	char caller[NAME_MAX_LEN + 1];
	unsigned long flags;
	uint64_t size; /* guard page included */
	unsigned int nr_pages;
	uint64_t *pfns; /* the frame behind each page */
};

/* A range of addresses: busy (vm set), free, or waiting to be purged. */
struct vmap_area {
	uint64_t va_start, va_end;
	struct vm_struct *vm;
};

/* Each list is sorted by address. */
struct area_list {
	struct vmap_area a[MAX_AREAS];
	int n;
};

static struct area_list busy, free_list, purge_list;
static uint64_t vmalloc_start, vmalloc_end;
static bool lazy;
static uint64_t vmap_lazy_nr, nr_cpus = 1;

static int addr_digits = 8;

/* The page frames of the machine, and which are in use. */
static uint64_t nr_frames, nr_free_frames;
static unsigned char *frame_used;
static struct rng frame_rng;

/* Names that were vfree()d, to tell a double free from a stray name. */
static char freed_names[MAX_AREAS][NAME_MAX_LEN + 1];
static int nr_freed_names;

static void list_insert(struct area_list *l, int i, struct vmap_area va)
{
	if (l->n == MAX_AREAS)
		die("more than %d areas", MAX_AREAS);
	memmove(&l->a[i + 1], &l->a[i], (l->n - i) * sizeof(l->a[0]));
	l->a[i] = va;
	l->n++;
}

static void list_remove(struct area_list *l, int i)
{
	l->n--;
	memmove(&l->a[i], &l->a[i + 1], (l->n - i) * sizeof(l->a[0]));
}

/* @region merge */
/*
 * merge_or_add_vmap_area(): put [start, end) in a list of ranges, merged
 * with the range that ends where it starts and the one that starts where
 * it ends, so that the free blocks stay as large as they can be.
 */
static void merge_or_add_vmap_area(struct area_list *l, uint64_t start,
				   uint64_t end)
{
	int i = 0;

	while (i < l->n && l->a[i].va_start < start)
		i++;
	if (i < l->n && l->a[i].va_start == end) {
		l->a[i].va_start = start;
		if (i > 0 && l->a[i - 1].va_end == start) {
			l->a[i - 1].va_end = l->a[i].va_end;
			list_remove(l, i);
		}
		return;
	}
	if (i > 0 && l->a[i - 1].va_end == start) {
		l->a[i - 1].va_end = end;
		return;
	}
	list_insert(l, i, (struct vmap_area){ start, end, NULL });
}
/* @end merge */

/* @region alloc_vmap_area */
/*
 * __alloc_vmap_area(): the free block at the lowest address that holds
 * size bytes; the area is cut from its start (adva_clip()), and what is
 * left stays free.  0 when no block is large enough.
 */
static uint64_t __alloc_vmap_area(uint64_t size)
{
	for (int i = 0; i < free_list.n; i++) {
		struct vmap_area *va = &free_list.a[i];
		uint64_t addr = va->va_start;

		if (va->va_end - addr < size)
			continue;
		va->va_start += size;
		if (va->va_start == va->va_end)
			list_remove(&free_list, i);
		return addr;
	}
	return 0;
}
/* @end alloc_vmap_area */

/* __purge_vmap_area_lazy(): the waiting ranges become free blocks. */
static void purge_vmap_area_lazy(void)
{
	for (int i = 0; i < purge_list.n; i++)
		merge_or_add_vmap_area(&free_list, purge_list.a[i].va_start,
				       purge_list.a[i].va_end);
	purge_list.n = 0;
	vmap_lazy_nr = 0;
}

/* 32 MiB of pages for each bit of the number of CPUs: fls(nr_cpus) */
static uint64_t lazy_max_pages(void)
{
	int log = 0;

	for (uint64_t n = nr_cpus; n; n >>= 1)
		log++;
	return log * (32 * MB / PAGE_SIZE);
}

/*
 * alloc_vmap_area(): when nothing fits, purge the lazily freed ranges and
 * try once more, as the kernel does before it gives up with its warning.
 */
static uint64_t alloc_vmap_area(uint64_t size)
{
	uint64_t addr = __alloc_vmap_area(size);

	if (!addr && purge_list.n) {
		purge_vmap_area_lazy();
		addr = __alloc_vmap_area(size);
	}
	return addr;
}

/* The page allocator, as vmalloc sees it: some free frame, anywhere. */
static uint64_t alloc_page_frame(void)
{
	uint64_t pfn = rng_range(&frame_rng, 1, nr_frames - 1);

	while (frame_used[pfn])
		pfn = pfn + 1 < nr_frames ? pfn + 1 : 1;
	frame_used[pfn] = 1;
	nr_free_frames--;
	return pfn;
}

static struct vmap_area *find_area(const char *name)
{
	for (int i = 0; i < busy.n; i++)
		if (!strcmp(busy.a[i].vm->caller, name))
			return &busy.a[i];
	return NULL;
}

static void print_addr(uint64_t addr)
{
	printf("0x%0*" PRIx64, addr_digits, addr);
}

/* @region vmalloc */
static void do_vmalloc(const char *name, uint64_t size, unsigned long flags)
{
	uint64_t nr_pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	uint64_t area =
		PAGE_ALIGN(size) + (flags & VM_NO_GUARD ? 0 : PAGE_SIZE);
	struct vm_struct *vm;
	uint64_t addr;
	int i;

	addr = alloc_vmap_area(area);
	if (!addr) {
		printf("NULL: vmap allocation for size %" PRIu64 " failed\n",
		       area);
		return;
	}
	if (nr_pages > nr_free_frames) {
		/* the range goes back at once: it was never mapped */
		merge_or_add_vmap_area(&free_list, addr, addr + area);
		printf("NULL: vmalloc error: size %" PRIu64
		       ", failed to allocate pages\n",
		       PAGE_ALIGN(size));
		return;
	}
	vm = calloc(1, sizeof(*vm));
	if (!vm || !(vm->pfns = calloc(nr_pages, sizeof(uint64_t))))
		die("out of memory");
	strcpy(vm->caller, name);
	vm->flags = VM_ALLOC | flags;
	vm->size = area;
	vm->nr_pages = (unsigned int)nr_pages;
	/* __vmalloc_area_node(): one page at a time, each from anywhere */
	for (uint64_t p = 0; p < nr_pages; p++)
		vm->pfns[p] = alloc_page_frame();
	for (i = 0; i < busy.n && busy.a[i].va_start < addr; i++)
		;
	list_insert(&busy, i, (struct vmap_area){ addr, addr + area, vm });

	print_addr(addr);
	printf(" pfns");
	for (uint64_t p = 0; p < nr_pages && p < PFNS_SHOWN; p++)
		printf(" 0x%" PRIx64, vm->pfns[p]);
	if (nr_pages > PFNS_SHOWN)
		printf(" ... (%" PRIu64 " pages)", nr_pages);
	putchar('\n');
}
/* @end vmalloc */

/* @region vfree */
static void do_vfree(struct vmap_area *va)
{
	struct vm_struct *vm = va->vm;
	uint64_t start = va->va_start, end = va->va_end;

	/* the pages go back to the page allocator at once */
	for (unsigned int p = 0; p < vm->nr_pages; p++)
		frame_used[vm->pfns[p]] = 0;
	nr_free_frames += vm->nr_pages;
	free(vm->pfns);
	free(vm);
	list_remove(&busy, (int)(va - busy.a));
	if (!lazy) {
		merge_or_add_vmap_area(&free_list, start, end);
		return;
	}
	/* free_vmap_area_noflush(): the range waits for a TLB flush */
	merge_or_add_vmap_area(&purge_list, start, end);
	vmap_lazy_nr += (end - start) >> PAGE_SHIFT;
	if (vmap_lazy_nr > lazy_max_pages())
		purge_vmap_area_lazy();
}
/* @end vfree */

/* s_show() and show_purge_info() of mm/vmalloc.c */
static void show(void)
{
	for (int i = 0; i < busy.n; i++) {
		const struct vm_struct *vm = busy.a[i].vm;

		print_addr(busy.a[i].va_start);
		putchar('-');
		print_addr(busy.a[i].va_start + vm->size);
		printf(" %7" PRIu64 " %s pages=%u%s\n", vm->size, vm->caller,
		       vm->nr_pages, vm->flags & VM_ALLOC ? " vmalloc" : "");
	}
	for (int i = 0; i < purge_list.n; i++) {
		print_addr(purge_list.a[i].va_start);
		putchar('-');
		print_addr(purge_list.a[i].va_end);
		printf(" %7" PRIu64 " unpurged vm_area\n",
		       purge_list.a[i].va_end - purge_list.a[i].va_start);
	}
}

static uint64_t script_size(const struct script *s, const char *word)
{
	uint64_t v;

	if (!parse_size(word, &v))
		script_error(s, "bad size '%s' (try 8192, 0x2000, 8k or 2m)",
			     word);
	return v;
}

static void set_range(const struct script *s, uint64_t start, uint64_t end)
{
	if (start % PAGE_SIZE || end % PAGE_SIZE)
		script_error(s,
			     "range 0x%" PRIx64 " 0x%" PRIx64
			     ": not page aligned",
			     start, end);
	if (start == 0 || end <= start + PAGE_SIZE)
		script_error(s,
			     "range 0x%" PRIx64 " 0x%" PRIx64
			     ": give 0 < START and at least two pages",
			     start, end);
	vmalloc_start = start;
	vmalloc_end = end;
	if (end - 1 > UINT32_MAX)
		addr_digits = 16;
	free_list.n = 0;
	merge_or_add_vmap_area(&free_list, start, end);
}

static void remember_freed(const char *name)
{
	for (int i = 0; i < nr_freed_names; i++)
		if (!strcmp(freed_names[i], name))
			return;
	if (nr_freed_names < MAX_AREAS)
		strcpy(freed_names[nr_freed_names++], name);
}

static bool was_freed(const char *name)
{
	for (int i = 0; i < nr_freed_names; i++)
		if (!strcmp(freed_names[i], name))
			return true;
	return false;
}

static void run(FILE *fp, const char *fname)
{
	struct script s;
	bool started = false;

	script_init(&s, fp, fname);
	while (script_next(&s)) {
		const char *op = s.argv[0];

		if (!strcmp(op, "range")) {
			if (s.argc != 3)
				script_error(&s, "usage: range START END");
			if (started)
				script_error(&s, "range must come first");
			set_range(&s, script_size(&s, s.argv[1]),
				  script_size(&s, s.argv[2]));
			started = true;
			continue;
		}
		started = true;
		if (!strcmp(op, "vmalloc")) {
			unsigned long flags = 0;
			uint64_t size;

			if (s.argc == 4 && !strcmp(s.argv[3], "noguard"))
				flags = VM_NO_GUARD;
			else if (s.argc != 3)
				script_error(
					&s,
					"usage: vmalloc NAME SIZE [noguard]");
			if (strlen(s.argv[1]) > NAME_MAX_LEN)
				script_error(&s,
					     "name longer than %d characters",
					     NAME_MAX_LEN);
			if (find_area(s.argv[1]))
				script_error(&s, "%s is in use: vfree it first",
					     s.argv[1]);
			size = script_size(&s, s.argv[2]);
			if (size == 0)
				script_error(
					&s,
					"vmalloc(0): 6.1 warns and returns NULL");
			if (size > nr_frames * PAGE_SIZE)
				script_error(
					&s,
					"vmalloc(%s): more than the RAM, 6.1 refuses it (\"exceeds total pages\")",
					s.argv[2]);
			printf("vmalloc %s %s%s -> ", s.argv[1], s.argv[2],
			       flags ? " noguard" : "");
			do_vmalloc(s.argv[1], size, flags);
		} else if (!strcmp(op, "vfree")) {
			struct vmap_area *va;

			if (s.argc != 2)
				script_error(&s, "usage: vfree NAME");
			va = find_area(s.argv[1]);
			if (!va && was_freed(s.argv[1]))
				script_error(
					&s,
					"vfree %s: freed already (double free: \"Trying to vfree() nonexistent vm area\")",
					s.argv[1]);
			if (!va)
				script_error(
					&s,
					"vfree %s: no area of that name was allocated",
					s.argv[1]);
			printf("vfree %s\n", s.argv[1]);
			remember_freed(s.argv[1]);
			do_vfree(va);
		} else if (!strcmp(op, "purge")) {
			if (s.argc != 1)
				script_error(&s, "usage: purge");
			puts("purge");
			purge_vmap_area_lazy();
		} else if (!strcmp(op, "show")) {
			if (s.argc != 1)
				script_error(&s, "usage: show");
			puts("show");
			show();
		} else {
			script_error(&s, "unknown operation '%s'", op);
		}
	}
}

/* -s: a small area, so that the vfree()s leave holes that matter */
static void problem(uint64_t seed, FILE *out)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
					     "g", "h", "i", "j", "k", "l" };
	bool live[12] = { false };
	struct rng rng;
	uint64_t pages;

	rng_seed(&rng, seed);
	pages = rng_range(&rng, 24, 32);
	fprintf(out,
		"# vmalloc -s %" PRIu64
		": what does each line print, and where are the holes?\n",
		seed);
	fprintf(out, "range 0x%" PRIx64 " 0x%" PRIx64 "\n", vmalloc_start,
		vmalloc_start + pages * PAGE_SIZE);
	for (int i = 0; i < 12; i++) {
		int victim = (int)rng_range(&rng, 0, i ? i - 1 : 0);

		if (i > 2 && live[victim] && rng_range(&rng, 0, 2) == 0) {
			fprintf(out, "vfree %s\n", names[victim]);
			live[victim] = false;
		}
		if (rng_range(&rng, 0, 3) == 0)
			fprintf(out, "vmalloc %s %" PRIu64 "\n", names[i],
				rng_range(&rng, 1, 3 * PAGE_SIZE));
		else
			fprintf(out, "vmalloc %s %" PRIu64 "k\n", names[i],
				4 * rng_range(&rng, 1, 3));
		live[i] = true;
	}
	fputs("show\n", out);
}

static uint64_t size_arg(int opt, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		usage_error("-%c %s: not a size (try 256m or 1g)", opt, s);
	return v;
}

int main(int argc, char **argv)
{
	static char out[1 << 20];
	static const struct sim_opts opts = { .help = help,
					      .letters = "a:m:lf:s:c" };
	struct sim_args args = { 0 };
	bool x86_64 = false;
	uint64_t ram = 256 * MB;
	int c;

	/* A refusal must print nothing: keep the output until the end. */
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'a':
			if (strcmp(optarg, "i386") && strcmp(optarg, "x86_64"))
				usage_error("-a %s: give i386 or x86_64",
					    optarg);
			x86_64 = !strcmp(optarg, "x86_64");
			break;
		case 'm':
			ram = size_arg(c, optarg);
			if (ram < 32 * MB || ram > 64ULL << 30)
				usage_error("-m %s: give 32M to 64G", optarg);
			break;
		case 'l':
			lazy = true;
			break;
		}
	}
	sim_want_script_or_seed(&args);

	nr_frames = ram >> PAGE_SHIFT;
	nr_free_frames = nr_frames - 1; /* pfn 0 is never handed out */
	frame_used = calloc(nr_frames, 1);
	if (!frame_used)
		die("out of memory");
	rng_seed(&frame_rng, 1);
	if (x86_64) {
		/* asm/pgtable_64_types.h: 32 TiB; the last byte is lost to
		 * VMALLOC_END being inclusive there and exclusive here */
		vmalloc_start = 0xffffc90000000000;
		vmalloc_end = 0xffffe8fffffff000;
		addr_digits = 16;
	} else {
		/* chapter 1 (kmap): VMALLOC_END below the pkmap window, lowmem
		 * up to MAXMEM, then the 8 MiB VMALLOC_OFFSET hole */
		const uint64_t PAGE_OFFSET = 0xc0000000,
			       VMALLOC_END = 0xfeffe000;
		uint64_t maxmem = (VMALLOC_END - PAGE_OFFSET - 128 * MB) &
				  ~(PAGE_SIZE - 1);
		uint64_t lowmem = ram < maxmem ? ram : maxmem;

		vmalloc_start = PAGE_OFFSET + lowmem + 8 * MB;
		vmalloc_end = VMALLOC_END;
	}
	merge_or_add_vmap_area(&free_list, vmalloc_start, vmalloc_end);

	sim_script_or_problem(&args, problem, run);
	for (int i = 0; i < busy.n; i++) {
		free(busy.a[i].vm->pfns);
		free(busy.a[i].vm);
	}
	free(frame_used);
	return 0;
}
