// SPDX-License-Identifier: GPL-2.0
/*
 * slab - SLUB, the slab allocator of Linux 6.1 (mm/slub.c), in miniature
 *
 * Runs a script of kmem_cache_create(), kmem_cache_alloc() and
 * kmem_cache_free() calls on a few simulated CPUs, and prints what each
 * does and, on "show", the lines of /proc/slabinfo and some counters of
 * /sys/kernel/slab/NAME/; or makes up such a script as an exercise.
 *
 * A cache hands out objects of one size.  It takes slabs, blocks of
 * 2^order pages, from the buddy allocator (buddy.h) and cuts each into
 * objects.  The free objects of a slab form a list threaded through the
 * objects themselves: each free object holds, at the cache's free pointer
 * offset, the address of the next (here, in the bytes of a simulated
 * slab).  Each CPU has a slab of its own, frozen, and allocates from its
 * freelist without locks (the fast path); when that runs dry it takes a
 * slab from the node's partial list, or a new one (the slow path).  Full
 * slabs are on no list: SLUB finds an object's slab from its address.
 * Freeing to the CPU's own slab is the fast path too; a free elsewhere
 * (slab-free.h) moves the slab between full, partial and freed.  A CPU
 * lets go of its slab on "flush", and kmem_cache_shrink() frees the empty
 * slabs that min_partial kept.
 *
 * The size of a slab is worked out as calculate_sizes() and
 * calculate_order() do: the smallest order, up to slub_max_order (3),
 * that holds at least slub_min_objects = 4 * (fls(nr_cpus) + 1) objects
 * and wastes at most 1/16 of the slab, then 1/8, then 1/4, then with fewer
 * objects.  nr_cpus is num_present_cpus() (nr_cpu_ids when that is 1): the
 * script's "cpus N", 1 by default like the book's VM, where kmalloc-512
 * has 8 objects of order 0; on 2 CPUs it has 16 of order 1.  A constructor runs on every object of a slab when the slab is
 * made, never on kmem_cache_alloc(): objects go back to the cache in their
 * constructed state.  Caches without a constructor merge with an existing
 * cache that has room for their objects (find_mergeable()), as Debian's
 * CONFIG_SLAB_MERGE_DEFAULT has it; -N turns that off, like slab_nomerge.
 *
 * Simplified: one NUMA node; no per-CPU partial lists (Debian has
 * CONFIG_SLUB_CPU_PARTIAL: there a full slab that gets an object back goes
 * to the freeing CPU's partial list first); objects are handed out in
 * address order (CONFIG_SLAB_FREELIST_RANDOM shuffles a new slab's
 * freelist) and free pointers are stored in clear
 * (CONFIG_SLAB_FREELIST_HARDENED hides them); no debugging metadata
 * (slub_debug is off by default); no kmalloc caches, so nothing that a
 * real kernel would merge a new cache with exists unless the script makes
 * it.  The slabs come from a zone of 32 MiB at 16 MiB.
 */
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include <buddy.h>

#include "sim.h"

#define MAX_CPUS 8
#define MAX_CACHES 32
#define MAX_OBJECTS 4096
#define NAME_LEN 31

#define ZONE_START_PFN 0x1000UL
#define ZONE_NR_PAGES 0x2000UL

#define SLUB_MAX_ORDER 3 /* PAGE_ALLOC_COSTLY_ORDER */
#define MAX_OBJS_PER_PAGE 32767
#define MIN_PARTIAL 5
#define MAX_PARTIAL 10
#define KMALLOC_MAX_SIZE (1UL << (MAX_ORDER + PAGE_SHIFT - 1))
#define CACHE_LINE_SIZE 64 /* cache_line_size(): x86's clflush size */

/* slab_flags_t, with the values of include/linux/slab.h */
#define SLAB_HWCACHE_ALIGN 0x00002000U
#define SLAB_RECLAIM_ACCOUNT 0x00020000U
#define SLAB_ACCOUNT 0x04000000U
#define SLAB_MERGE_SAME (SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT)

#define ALIGN(x, a) (((x) + (a)-1) & ~((a)-1))

enum add_mode {
	DEACTIVATE_TO_HEAD,
	DEACTIVATE_TO_TAIL
};

/* Some of CONFIG_SLUB_STATS's counters (enum stat_item) */
enum stat_item {
	ALLOC_FASTPATH,
	ALLOC_SLOWPATH,
	FREE_FASTPATH,
	FREE_SLOWPATH,
	NR_SLUB_STAT_ITEMS
};

/* In the kernel struct slab overlays the struct page of the slab's head. */
struct slab {
	struct kmem_cache *slab_cache;
	struct list_head slab_list; /* on the node's partial list */
	unsigned long pfn;
	uint64_t freelist; /* free objects that no CPU holds; 0 ends it */
	unsigned int inuse; /* the objects not on slab->freelist */
	unsigned int objects;
	bool frozen; /* a CPU's slab */
	bool on_partial;
	unsigned char *mem; /* the slab's bytes */
};

struct kmem_cache_cpu {
	uint64_t freelist; /* the next object to hand out on this CPU */
	struct slab *slab; /* the slab it comes from */
};

struct kmem_cache_node {
	unsigned long nr_partial;
	struct list_head partial;
	unsigned long nr_slabs;
	unsigned long total_objects;
};

struct kmem_cache_order_objects {
	unsigned int order, objects;
};

struct kmem_cache {
	char name[NAME_LEN + 1];
	unsigned int object_size; /* what the caller asked for */
	unsigned int size; /* object, free pointer, padding */
	unsigned int align;
	unsigned int offset; /* of the free pointer in the object */
	unsigned int inuse; /* where the object's metadata begins */
	unsigned int flags;
	bool ctor;
	struct kmem_cache_order_objects oo;
	unsigned long min_partial;
	int refcount; /* the cache and its aliases */
	struct kmem_cache_cpu cpu_slab[MAX_CPUS];
	struct kmem_cache_node node;
	unsigned long ctor_calls;
	unsigned long stat[NR_SLUB_STAT_ITEMS];
};

/* A name of kmem_cache_create(): its own cache, or an alias of another. */
struct cache_name {
	char name[NAME_LEN + 1];
	struct kmem_cache *s;
};

/* An object of the script: a name for what kmem_cache_alloc() returned. */
struct object {
	char name[NAME_LEN + 1];
	struct kmem_cache *s;
	uint64_t addr; /* 0 once freed */
};

static struct zone zone;
static struct slab *slab_of_pfn[ZONE_NR_PAGES];
static struct kmem_cache *caches[MAX_CACHES]; /* slab_caches, oldest first */
static int nr_caches;
static struct cache_name names[MAX_CACHES];
static int nr_names;
static struct object objects[MAX_OBJECTS];
static int nr_objects;

static unsigned int nr_cpus = 1, cpu; /* cpu: the one that runs now */
static bool slab_nomerge;
static unsigned int ptr_size = 8;
static uint64_t page_offset = 0xffff888000000000;
static int addr_digits = 16;

static unsigned int fls(unsigned int x)
{
	return x ? 32 - (unsigned int)__builtin_clz(x) : 0;
}

static unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)((PAGE_SIZE << order) / size);
}

/* The slab of an address: the kernel goes through the struct page. */
static struct slab *virt_to_slab(uint64_t addr)
{
	uint64_t pfn = (addr - page_offset) >> PAGE_SHIFT;

	if (addr < page_offset || pfn - ZONE_START_PFN >= ZONE_NR_PAGES)
		return NULL;
	return slab_of_pfn[pfn - ZONE_START_PFN];
}

/* Where the simulated slab keeps the bytes at addr. */
static unsigned char *object_bytes(struct slab *slab, uint64_t addr)
{
	return slab->mem + (addr - (page_offset + (slab->pfn << PAGE_SHIFT)));
}

/* @region freepointer */
/* The next free object after object: ptr_size bytes at s->offset. */
static uint64_t get_freepointer(struct kmem_cache *s, uint64_t object)
{
	uint64_t fp = 0;

	memcpy(&fp, object_bytes(virt_to_slab(object), object) + s->offset,
	       ptr_size);
	return fp;
}

static void set_freepointer(struct kmem_cache *s, uint64_t object, uint64_t fp)
{
	memcpy(object_bytes(virt_to_slab(object), object) + s->offset, &fp,
	       ptr_size);
}
/* @end freepointer */

/* @region calculate_order */
/*
 * The smallest order from which min_objects fit, whose leftover is at most
 * 1/fract_leftover of the slab; an order above max_order if none is.
 */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order,
				    unsigned int fract_leftover)
{
	unsigned int order;

	if (order_objects(0, size) > MAX_OBJS_PER_PAGE)
		return get_order((unsigned long)size * MAX_OBJS_PER_PAGE) - 1;
	for (order = get_order((unsigned long)min_objects * size);
	     order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

static int calculate_order(unsigned int size)
{
	unsigned int min_objects = 4 * (fls(nr_cpus) + 1);
	unsigned int max_objects = order_objects(SLUB_MAX_ORDER, size);
	unsigned int order;

	if (min_objects > max_objects)
		min_objects = max_objects;
	/* first accept more waste, then fewer objects */
	while (min_objects > 1) {
		for (unsigned int fraction = 16; fraction >= 4; fraction /= 2) {
			order = calc_slab_order(size, min_objects,
						SLUB_MAX_ORDER, fraction);
			if (order <= SLUB_MAX_ORDER)
				return (int)order;
		}
		min_objects--;
	}
	/* one object per slab, then above slub_max_order */
	order = calc_slab_order(size, 1, SLUB_MAX_ORDER, 1);
	if (order <= SLUB_MAX_ORDER)
		return (int)order;
	order = calc_slab_order(size, 1, MAX_ORDER, 1);
	if (order < MAX_ORDER)
		return (int)order;
	return -ENOSYS;
}
/* @end calculate_order */

/* @region calculate_sizes */
static unsigned int calculate_alignment(unsigned int flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = CACHE_LINE_SIZE;

		/* small objects share a line rather than take one each */
		while (size <= ralign / 2)
			ralign /= 2;
		align = align > ralign ? align : ralign;
	}
	/* ARCH_SLAB_MINALIGN: __alignof__(unsigned long long), 8 on x86 */
	align = align > 8 ? align : 8;
	return ALIGN(align, ptr_size);
}

/*
 * Where the free pointer goes: in the middle of a free object, which
 * nobody uses, away from its edges where an overflow of its neighbour
 * would land; after the object when the object must keep its contents
 * while free, as a constructed object must.
 */
static int calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, ptr_size);
	int order;

	s->inuse = size;
	if (s->ctor) {
		s->offset = size;
		size += ptr_size;
	} else {
		s->offset = s->object_size / 2 / ptr_size * ptr_size;
	}
	size = ALIGN(size, s->align);
	s->size = size;
	order = calculate_order(size);
	if (order < 0)
		return order;
	s->oo = (struct kmem_cache_order_objects){
		(unsigned int)order, order_objects((unsigned int)order, size)
	};
	/* set_min_partial(): ilog2(size) / 2, within [5, 10] */
	s->min_partial = (fls(size) - 1) / 2;
	if (s->min_partial < MIN_PARTIAL)
		s->min_partial = MIN_PARTIAL;
	if (s->min_partial > MAX_PARTIAL)
		s->min_partial = MAX_PARTIAL;
	return 0;
}
/* @end calculate_sizes */

/* @region find_mergeable */
/*
 * An existing cache can serve a new one when neither has a constructor,
 * the new objects fit in the old ones with less than a pointer to spare,
 * the old size keeps the new alignment, and the flags that must match do.
 * The newest cache that fits wins.
 */
static struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
					 unsigned int flags, bool ctor)
{
	if (slab_nomerge || ctor)
		return NULL;
	size = ALIGN(size, ptr_size);
	align = calculate_alignment(flags, align, size);
	size = ALIGN(size, align);
	for (int i = nr_caches - 1; i >= 0; i--) {
		struct kmem_cache *s = caches[i];

		if (s->ctor || size > s->size)
			continue;
		if ((flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size)
			continue;
		if (s->size - size >= ptr_size)
			continue;
		return s;
	}
	return NULL;
}
/* @end find_mergeable */

/* kmem_cache_create(); NULL and a message on stdout when it fails */
static struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
					    unsigned int align,
					    unsigned int flags, bool ctor)
{
	struct kmem_cache *s = find_mergeable(size, align, flags, ctor);

	if (s) {
		/* __kmem_cache_alias() */
		s->refcount++;
		if (s->object_size < size)
			s->object_size = size;
		if (s->inuse < ALIGN(size, ptr_size))
			s->inuse = ALIGN(size, ptr_size);
		return s;
	}
	if (nr_caches == MAX_CACHES)
		die("more than %d caches", MAX_CACHES);
	s = calloc(1, sizeof(*s));
	if (!s)
		die("out of memory");
	strcpy(s->name, name);
	s->object_size = size;
	s->align = calculate_alignment(flags, align, size);
	s->flags = flags;
	s->ctor = ctor;
	s->refcount = 1;
	INIT_LIST_HEAD(&s->node.partial);
	if (calculate_sizes(s)) {
		free(s);
		return NULL;
	}
	caches[nr_caches++] = s;
	return s;
}

static uint64_t slab_address(const struct slab *slab)
{
	return page_offset + (slab->pfn << PAGE_SHIFT);
}

/* @region new_slab */
/*
 * allocate_slab(): pages from the buddy allocator; the constructor runs on
 * every object, and the objects are chained in address order.
 */
static struct slab *new_slab(struct kmem_cache *s)
{
	unsigned int order = s->oo.order;
	struct slab *slab;
	long pfn = alloc_pages(&zone, order);
	uint64_t p;

	if (pfn < 0)
		return NULL;
	slab = calloc(1, sizeof(*slab));
	if (!slab || !(slab->mem = calloc(1, PAGE_SIZE << order)))
		die("out of memory");
	slab->slab_cache = s;
	slab->pfn = (unsigned long)pfn;
	slab->objects = s->oo.objects;
	for (unsigned long i = 0; i < 1UL << order; i++)
		slab_of_pfn[slab->pfn + i - ZONE_START_PFN] = slab;
	p = slab_address(slab);
	slab->freelist = p;
	for (unsigned int i = 0; i < slab->objects; i++, p += s->size) {
		if (s->ctor)
			s->ctor_calls++;
		set_freepointer(s, p, i + 1 < slab->objects ? p + s->size : 0);
	}
	s->node.nr_slabs++;
	s->node.total_objects += slab->objects;
	return slab;
}

/* discard_slab(): the pages go back to the buddy allocator */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	s->node.nr_slabs--;
	s->node.total_objects -= slab->objects;
	for (unsigned long i = 0; i < 1UL << s->oo.order; i++)
		slab_of_pfn[slab->pfn + i - ZONE_START_PFN] = NULL;
	if (free_pages(&zone, slab->pfn, s->oo.order))
		die("slab 0x%lx: the buddy allocator refuses it back",
		    slab->pfn);
	free(slab->mem);
	free(slab);
}
/* @end new_slab */

static void add_partial(struct kmem_cache_node *n, struct slab *slab,
			enum add_mode tail)
{
	n->nr_partial++;
	slab->on_partial = true;
	if (tail == DEACTIVATE_TO_TAIL)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct slab *slab)
{
	list_del(&slab->slab_list);
	slab->on_partial = false;
	n->nr_partial--;
}

#define slab_list_entry(ptr) \
	((struct slab *)((char *)(ptr)-offsetof(struct slab, slab_list)))

/* The free path lives in a file of its own, for an exercise. */
#include <slab-free.h>

/* @region deactivate_slab */
/*
 * A CPU lets go of its slab (flush_slab(), when the CPU goes offline or
 * the cache is shrunk): the objects still on the CPU's freelist go back to
 * the head of the slab's, and the slab is then empty, partial or full like
 * any other.  A slab that others freed objects to goes to the tail of the
 * partial list, one that only its CPU used to the head.
 */
static void deactivate_slab(struct kmem_cache *s, struct slab *slab,
			    uint64_t freelist)
{
	struct kmem_cache_node *n = &s->node;
	enum add_mode tail = slab->freelist ? DEACTIVATE_TO_TAIL :
					      DEACTIVATE_TO_HEAD;

	if (freelist) {
		uint64_t last = freelist;

		slab->inuse--;
		while (get_freepointer(s, last)) {
			last = get_freepointer(s, last);
			slab->inuse--;
		}
		set_freepointer(s, last, slab->freelist);
		slab->freelist = freelist;
	}
	slab->frozen = false;
	if (!slab->inuse && n->nr_partial >= s->min_partial)
		discard_slab(s, slab);
	else if (slab->freelist)
		add_partial(n, slab, tail);
}
/* @end deactivate_slab */

static void flush_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct slab *slab = c->slab;
	uint64_t freelist = c->freelist;

	c->slab = NULL;
	c->freelist = 0;
	if (slab)
		deactivate_slab(s, slab, freelist);
}

#define SHRINK_PROMOTE_MAX 32

/* @region shrink */
/*
 * kmem_cache_shrink(): every CPU lets go of its slab, the empty slabs of
 * the partial list go back to the buddy allocator, and the others are
 * sorted so that the fullest come first: allocations fill them up, and
 * the emptier ones get a chance to empty.  Returns the slabs freed.
 */
static unsigned int kmem_cache_shrink(struct kmem_cache *s)
{
	struct kmem_cache_node *n = &s->node;
	static struct slab *kept[ZONE_NR_PAGES];
	unsigned int nr_kept = 0, freed = 0;

	for (unsigned int c = 0; c < nr_cpus; c++)
		flush_slab(s, &s->cpu_slab[c]);
	while (n->nr_partial) {
		struct slab *slab = slab_list_entry(n->partial.next);

		remove_partial(n, slab);
		if (slab->inuse) {
			kept[nr_kept++] = slab;
		} else {
			discard_slab(s, slab);
			freed++;
		}
	}
	/*
	 * The kernel moves each slab with up to 32 free objects to the head of
	 * the list for its number of free objects, which reverses their order,
	 * then puts these lists, fewest free first, before the other slabs.
	 */
	for (unsigned int free = 1; free <= SHRINK_PROMOTE_MAX; free++)
		for (unsigned int i = nr_kept; i-- > 0;)
			if (kept[i]->objects - kept[i]->inuse == free)
				add_partial(n, kept[i], DEACTIVATE_TO_TAIL);
	for (unsigned int i = 0; i < nr_kept; i++)
		if (kept[i]->objects - kept[i]->inuse > SHRINK_PROMOTE_MAX)
			add_partial(n, kept[i], DEACTIVATE_TO_TAIL);
	return freed;
}
/* @end shrink */

/* What the slow path did, for the line the script prints. */
static char how[96];

/* @region slab_alloc */
/*
 * ___slab_alloc(), the slow path: the CPU's freelist is empty.  Objects
 * that other CPUs freed to the CPU's slab meanwhile are on the slab's
 * freelist: take them (get_freelist()).  If there are none, the slab is
 * full; the CPU lets go of it and it belongs to no list.  Then the first
 * slab of the node's partial list, with all its free objects, or a new
 * slab, becomes the CPU's.
 */
static uint64_t ___slab_alloc(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n = &s->node;
	struct slab *slab = c->slab;
	uint64_t freelist;

	if (slab) {
		freelist = slab->freelist;
		slab->freelist = 0;
		slab->inuse = slab->objects;
		if (freelist) {
			snprintf(how, sizeof(how),
				 "slow: objects freed to slab 0x%lx by others",
				 slab->pfn);
			goto load_freelist;
		}
		slab->frozen = false;
		c->slab = NULL;
	}
	if (n->nr_partial) {
		slab = slab_list_entry(n->partial.next);
		remove_partial(n, slab);
		snprintf(how, sizeof(how), "slow: partial slab 0x%lx",
			 slab->pfn);
	} else {
		unsigned long calls = s->ctor_calls;

		slab = new_slab(s);
		if (!slab)
			return 0;
		snprintf(how, sizeof(how), "slow: new slab 0x%lx, order %u",
			 slab->pfn, s->oo.order);
		if (s->ctor)
			snprintf(how + strlen(how), sizeof(how) - strlen(how),
				 ", %lu ctor calls", s->ctor_calls - calls);
	}
	freelist = slab->freelist;
	slab->freelist = 0;
	slab->inuse = slab->objects;
	slab->frozen = true;
	c->slab = slab;
load_freelist:
	c->freelist = get_freepointer(s, freelist);
	return freelist;
}

/* The fast path: the head of this CPU's freelist. */
static uint64_t kmem_cache_alloc(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
	uint64_t object = c->freelist;

	if (!object || !c->slab) {
		s->stat[ALLOC_SLOWPATH]++;
		return ___slab_alloc(s, c);
	}
	c->freelist = get_freepointer(s, object);
	s->stat[ALLOC_FASTPATH]++;
	strcpy(how, "fast");
	return object;
}
/* @end slab_alloc */

/* count_partial(): free (or used) objects of the partial slabs */
static unsigned long count_partial(const struct kmem_cache *s, bool in_use)
{
	unsigned long x = 0;

	for (const struct list_head *l = s->node.partial.next;
	     l != &s->node.partial; l = l->next) {
		const struct slab *slab = slab_list_entry(l);

		x += in_use ? slab->inuse : slab->objects - slab->inuse;
	}
	return x;
}

/* @region show */
/*
 * /proc/slabinfo counts as active every object that is not free on a
 * partial slab: objects on CPU freelists count as active.
 */
static void show(void)
{
	puts("slabinfo - version: 2.1");
	puts("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>");
	for (int i = nr_caches - 1; i >= 0; i--) {
		const struct kmem_cache *s = caches[i];
		const struct kmem_cache_node *n = &s->node;

		printf("%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
		       s->name, n->total_objects - count_partial(s, false),
		       n->total_objects, s->size, s->oo.objects,
		       1 << s->oo.order, 0, 0, 0, n->nr_slabs, n->nr_slabs,
		       0UL);
	}
	for (int i = 0; i < nr_caches; i++) {
		const struct kmem_cache *s = caches[i];
		unsigned int cpu_slabs = 0;

		for (unsigned int c = 0; c < nr_cpus; c++)
			cpu_slabs += s->cpu_slab[c].slab != NULL;
		printf("/sys/kernel/slab/%s: slabs %lu partial %lu cpu_slabs %u objects_partial %lu min_partial %lu aliases %d ctor_calls %lu\n",
		       s->name, s->node.nr_slabs, s->node.nr_partial, cpu_slabs,
		       count_partial(s, true), s->min_partial, s->refcount - 1,
		       s->ctor_calls);
		printf("  alloc_fastpath %lu alloc_slowpath %lu free_fastpath %lu free_slowpath %lu\n",
		       s->stat[ALLOC_FASTPATH], s->stat[ALLOC_SLOWPATH],
		       s->stat[FREE_FASTPATH], s->stat[FREE_SLOWPATH]);
	}
}
/* @end show */

/*
 * Where a slab is now, after a free or a flush.  inuse is the kernel's
 * counter: the objects not on the slab's own freelist, so the objects on a
 * CPU's freelist count as in use until the CPU lets go of the slab.
 */
static void print_slab_state(unsigned long pfn)
{
	const struct slab *slab = slab_of_pfn[pfn - ZONE_START_PFN];

	if (!slab || slab->pfn != pfn) {
		printf("slab 0x%lx empty: freed to the buddy allocator\n", pfn);
		return;
	}
	printf("slab 0x%lx inuse %u/%u, ", pfn, slab->inuse, slab->objects);
	for (unsigned int c = 0; c < nr_cpus; c++)
		if (slab->slab_cache->cpu_slab[c].slab == slab) {
			printf("cpu %u's slab\n", c);
			return;
		}
	puts(slab->on_partial ? "partial" : "full");
}

static struct kmem_cache *find_cache(const char *name)
{
	for (int i = 0; i < nr_names; i++)
		if (!strcmp(names[i].name, name))
			return names[i].s;
	return NULL;
}

static struct object *find_object(const char *name)
{
	for (int i = 0; i < nr_objects; i++)
		if (!strcmp(objects[i].name, name))
			return &objects[i];
	return NULL;
}

static unsigned int script_number(const struct script *s, const char *what,
				  const char *word, uint64_t max)
{
	uint64_t v;

	if (!parse_size(word, &v) || v > max)
		script_error(s, "bad %s '%s'", what, word);
	return (unsigned int)v;
}

static void check_name(const struct script *s, const char *name)
{
	if (strlen(name) > NAME_LEN)
		script_error(s, "name '%s' longer than %d characters", name,
			     NAME_LEN);
}

/* "cpu N" at the end of a line: the CPU that runs it */
static int cpu_words(const struct script *s, int argc)
{
	cpu = 0;
	if (argc >= 2 && !strcmp(s->argv[argc - 2], "cpu")) {
		cpu = script_number(s, "cpu", s->argv[argc - 1], UINT32_MAX);
		if (cpu >= nr_cpus)
			script_error(
				s, "cpu %u: there are %u (say 'cpus N' first)",
				cpu, nr_cpus);
		return argc - 2;
	}
	return argc;
}

static void do_cache(const struct script *s)
{
	unsigned int size, align = 0, flags = 0, min_partial = 0;
	bool ctor = false, set_min_partial = false;
	struct kmem_cache *c;

	if (s->argc < 3)
		script_error(
			s,
			"usage: cache NAME SIZE [align A] [hwcache] [account] [ctor] [min_partial N]");
	check_name(s, s->argv[1]);
	if (find_cache(s->argv[1]))
		script_error(s, "cache %s exists already", s->argv[1]);
	if (nr_names == MAX_CACHES)
		script_error(s, "more than %d caches", MAX_CACHES);
	size = script_number(s, "size", s->argv[2], UINT32_MAX);
	if (size < ptr_size || size > KMALLOC_MAX_SIZE)
		script_error(
			s,
			"size %s: give %u (sizeof(void *)) to 4m (KMALLOC_MAX_SIZE)",
			s->argv[2], ptr_size);
	for (int i = 3; i < s->argc; i++) {
		if (!strcmp(s->argv[i], "align") && i + 1 < s->argc) {
			align = script_number(s, "alignment", s->argv[++i],
					      PAGE_SIZE);
			if (!align || align & (align - 1))
				script_error(
					s,
					"align %s: give a power of two up to 4096",
					s->argv[i]);
		} else if (!strcmp(s->argv[i], "min_partial") &&
			   i + 1 < s->argc) {
			min_partial = script_number(s, "min_partial",
						    s->argv[++i], 1000);
			set_min_partial = true;
		} else if (!strcmp(s->argv[i], "hwcache")) {
			flags |= SLAB_HWCACHE_ALIGN;
		} else if (!strcmp(s->argv[i], "account")) {
			flags |= SLAB_ACCOUNT;
		} else if (!strcmp(s->argv[i], "ctor")) {
			ctor = true;
		} else {
			script_error(s, "cache: unknown word '%s'", s->argv[i]);
		}
	}
	c = kmem_cache_create(s->argv[1], size, align, flags, ctor);
	if (!c)
		script_error(
			s,
			"cache %s: no order up to MAX_ORDER - 1 holds an object",
			s->argv[1]);
	/* /sys/kernel/slab/NAME/min_partial is writable */
	if (set_min_partial)
		c->min_partial = min_partial;
	strcpy(names[nr_names].name, s->argv[1]);
	names[nr_names++].s = c;
	if (strcmp(c->name, s->argv[1])) {
		printf("cache %s: merged into %s (size %u)\n", s->argv[1],
		       c->name, c->size);
		return;
	}
	printf("cache %s: object_size %u size %u align %u offset %u order %u objects %u min_partial %lu\n",
	       c->name, c->object_size, c->size, c->align, c->offset,
	       c->oo.order, c->oo.objects, c->min_partial);
}

static void do_alloc(const struct script *s)
{
	int argc = cpu_words(s, s->argc);
	struct kmem_cache *c;
	struct object *o;
	uint64_t x;

	if (argc != 3)
		script_error(s, "usage: alloc CACHE OBJECT [cpu N]");
	c = find_cache(s->argv[1]);
	if (!c)
		script_error(s, "alloc: no cache '%s'", s->argv[1]);
	check_name(s, s->argv[2]);
	o = find_object(s->argv[2]);
	if (o && o->addr)
		script_error(s, "alloc: %s is allocated already: free it first",
			     s->argv[2]);
	if (!o) {
		if (nr_objects == MAX_OBJECTS)
			script_error(s, "more than %d objects", MAX_OBJECTS);
		o = &objects[nr_objects++];
		strcpy(o->name, s->argv[2]);
	}
	printf("alloc %s %s cpu %u -> ", s->argv[1], o->name, cpu);
	x = kmem_cache_alloc(c);
	if (!x) {
		/* a name that never held an object is no object */
		if (o == &objects[nr_objects - 1] && !o->s)
			nr_objects--;
		puts("NULL: no pages left for a new slab");
		return;
	}
	o->s = c;
	o->addr = x;
	printf("0x%0*" PRIx64 " %s\n", addr_digits, x, how);
}

static void do_free(const struct script *s)
{
	int argc = cpu_words(s, s->argc);
	struct object *o;
	unsigned long pfn;

	if (argc != 2)
		script_error(s, "usage: free OBJECT [cpu N]");
	o = find_object(s->argv[1]);
	if (!o)
		script_error(s, "free: %s was never allocated", s->argv[1]);
	if (!o->addr)
		script_error(s, "free: %s is freed already (a double free)",
			     s->argv[1]);
	pfn = virt_to_slab(o->addr)->pfn;
	printf("free %s cpu %u -> %s: ", o->name, cpu,
	       virt_to_slab(o->addr) == o->s->cpu_slab[cpu].slab ? "fast" :
								   "slow");
	kmem_cache_free(o->s, o->addr);
	o->addr = 0;
	print_slab_state(pfn);
}

/* flush NAME [cpu N]: the CPU lets go of its slab of the cache */
static void do_flush(const struct script *s)
{
	int argc = cpu_words(s, s->argc);
	struct kmem_cache *c;
	struct slab *slab;
	unsigned long pfn;

	if (argc != 2)
		script_error(s, "usage: flush CACHE [cpu N]");
	c = find_cache(s->argv[1]);
	if (!c)
		script_error(s, "flush: no cache '%s'", s->argv[1]);
	printf("flush %s cpu %u -> ", s->argv[1], cpu);
	slab = c->cpu_slab[cpu].slab;
	if (!slab) {
		puts("no slab");
		return;
	}
	pfn = slab->pfn;
	flush_slab(c, &c->cpu_slab[cpu]);
	print_slab_state(pfn);
}

static void run(FILE *fp, const char *fname)
{
	struct script s;
	bool started = false;

	script_init(&s, fp, fname);
	while (script_next(&s)) {
		const char *op = s.argv[0];

		if (!strcmp(op, "cpus")) {
			if (s.argc != 2)
				script_error(&s, "usage: cpus N");
			if (started)
				script_error(&s, "cpus must come first");
			nr_cpus = script_number(&s, "number of CPUs", s.argv[1],
						MAX_CPUS);
			if (!nr_cpus)
				script_error(&s, "cpus 0: give 1 to %d",
					     MAX_CPUS);
			printf("cpus %u: slub_min_objects %u\n", nr_cpus,
			       4 * (fls(nr_cpus) + 1));
		} else if (!strcmp(op, "cache")) {
			do_cache(&s);
		} else if (!strcmp(op, "alloc")) {
			do_alloc(&s);
		} else if (!strcmp(op, "free")) {
			do_free(&s);
		} else if (!strcmp(op, "flush")) {
			do_flush(&s);
		} else if (!strcmp(op, "shrink")) {
			struct kmem_cache *c;

			if (s.argc != 2)
				script_error(&s, "usage: shrink CACHE");
			c = find_cache(s.argv[1]);
			if (!c)
				script_error(&s, "shrink: no cache '%s'",
					     s.argv[1]);
			printf("shrink %s -> %u empty slabs freed\n", s.argv[1],
			       kmem_cache_shrink(c));
		} else if (!strcmp(op, "show")) {
			if (s.argc != 1)
				script_error(&s, "usage: show");
			show();
		} else {
			script_error(&s, "unknown operation '%s'", op);
		}
		started = true;
	}
}

/* -s: one cache, two CPUs, allocations and frees; what is partial? */
static void problem(uint64_t seed, FILE *out)
{
	static const unsigned int sizes[] = { 512, 700, 1024, 1500, 2048 };
	bool live[40] = { false };
	struct rng rng;
	unsigned int size, cpus, n = 0;

	rng_seed(&rng, seed);
	size = sizes[rng_range(&rng, 0, 4)];
	cpus = (unsigned int)rng_range(&rng, 1, 2);
	fprintf(out,
		"# slab -s %" PRIu64
		": what does each line print?  At the end, how many slabs\n"
		"# does the cache have, and how many of them are partial?\n",
		seed);
	fprintf(out, "cpus %u\ncache obj %u%s min_partial %u\n", cpus, size,
		rng_range(&rng, 0, 1) ? " ctor" : "",
		(unsigned int)rng_range(&rng, 0, 2));
	for (int step = 0; step < 40; step++) {
		unsigned int c = (unsigned int)rng_range(&rng, 0, cpus - 1);
		unsigned int victim = (unsigned int)rng_range(&rng, 0, 39);

		if (n < 40 && (step < 16 || rng_range(&rng, 0, 2))) {
			fprintf(out, "alloc obj x%u cpu %u\n", n, c);
			live[n++] = true;
		} else if (victim < n && live[victim]) {
			fprintf(out, "free x%u cpu %u\n", victim, c);
			live[victim] = false;
		}
	}
	fputs("show\n", out);
}

static const char help[] =
	"usage: slab [-a i386|x86_64] [-N] -f FILE\n"
	"       slab -s SEED [-c]\n"
	"\n"
	"Simulates SLUB, the slab allocator of Linux 6.1: caches, slabs from\n"
	"the buddy allocator, per-CPU slabs and freelists, the node's partial\n"
	"list, constructors and cache merging.  show prints /proc/slabinfo and\n"
	"counters of /sys/kernel/slab/NAME/.\n"
	"\n"
	"  -a ARCH  x86_64 (default) or i386: the size of a pointer, 8 or 4\n"
	"  -N       slab_nomerge: never merge caches\n"
	"  -f FILE  run the script in FILE (- for standard input)\n"
	"  -s SEED  print a random script, an exercise; -c also prints the answer\n"
	"  -h       this help\n"
	"\n"
	"Script lines:\n"
	"  cpus N                 the number of CPUs (1 to 8, default 1); first\n"
	"  cache NAME SIZE [align A] [hwcache] [account] [ctor] [min_partial N]\n"
	"                         kmem_cache_create(); hwcache is\n"
	"                         SLAB_HWCACHE_ALIGN, account SLAB_ACCOUNT\n"
	"  alloc NAME X [cpu N]   X = kmem_cache_alloc(NAME) on CPU N (default 0)\n"
	"  free X [cpu N]         kmem_cache_free(X's cache, X) on CPU N\n"
	"  flush NAME [cpu N]     CPU N lets go of its slab (flush_slab())\n"
	"  shrink NAME            kmem_cache_shrink(): flush, free empty slabs\n"
	"  show                   /proc/slabinfo and /sys/kernel/slab counters\n"
	"\n"
	"Example:\n"
	"  printf '%s\\n' 'cpus 2' 'cache foo 200 ctor' 'alloc foo a' \\\n"
	"      'alloc foo b cpu 1' 'free a cpu 1' show | slab -f -\n";

int main(int argc, char **argv)
{
	static char out[1 << 20];
	static const struct sim_opts opts = { .help = help,
					      .letters = "a:Nf:s:c" };
	struct sim_args args = { 0 };
	int c;

	/* A refusal must print nothing: keep the output until the end. */
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		switch (c) {
		case 'a':
			if (strcmp(optarg, "i386") && strcmp(optarg, "x86_64"))
				usage_error("-a %s: give i386 or x86_64",
					    optarg);
			if (!strcmp(optarg, "i386")) {
				ptr_size = 4;
				page_offset = 0xc0000000;
				addr_digits = 8;
			}
			break;
		case 'N':
			slab_nomerge = true;
			break;
		}
	}
	sim_want_script_or_seed(&args);
	if (zone_init(&zone, ZONE_NORMAL, ZONE_START_PFN, ZONE_NR_PAGES))
		die("cannot set up the zone");

	sim_script_or_problem(&args, problem, run);
	for (unsigned long i = 0; i < ZONE_NR_PAGES; i++) {
		struct slab *slab = slab_of_pfn[i];

		if (slab) {
			i += (1UL << slab->slab_cache->oo.order) - 1;
			free(slab->mem);
			free(slab);
		}
	}
	for (int i = 0; i < nr_caches; i++)
		free(caches[i]);
	zone_exit(&zone);
	return 0;
}
