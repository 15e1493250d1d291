/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buddy.h - the buddy allocator of Linux 6.1 (mm/page_alloc.c), in miniature
 *
 * A zone is a run of page frames [zone_start_pfn, zone_start_pfn +
 * spanned_pages).  Its free memory is kept as blocks of 2^order pages,
 * order 0 to MAX_ORDER - 1 = 10, each aligned to its own size, on the lists
 * free_area[order].  Allocating takes the smallest block that is big enough
 * and splits it; freeing merges a block with its buddy as long as the buddy
 * is free and of the same order.  The functions keep the kernel's names, so
 * that a reader can find each one in mm/page_alloc.c.
 *
 * The API, which buddy.c and slab.c use (keep it stable; kmalloc.h takes
 * PAGE_SHIFT and MAX_ORDER from here):
 *
 *   int zone_init(struct zone *zone, enum zone_type type,
 *                 unsigned long start_pfn, unsigned long nr_pages);
 *	Sets up a zone whose pages are all free, as memblock_free_all()
 *	leaves it at boot.  0, or -EINVAL (no pages, too many, or a range
 *	that wraps), or -ENOMEM.
 *   void zone_exit(struct zone *zone);
 *   long alloc_pages(struct zone *zone, unsigned int order);
 *	The first pfn of 2^order free pages, or -EINVAL (order >= MAX_ORDER)
 *	or -ENOMEM (no free block of that order or above).
 *   int free_pages(struct zone *zone, unsigned long pfn, unsigned int order);
 *	Gives back a block that alloc_pages() returned.  0, or -EINVAL when
 *	it was not allocated with that pfn and order (free_pages_check()
 *	says why).  The kernel trusts its callers: a wrong order or a double
 *	free corrupts its lists, or at best trips bad_page().
 *   const char *free_pages_check(const struct zone *zone, unsigned long pfn,
 *                                unsigned int order);
 *   void frag_show_print(FILE *out, const struct zone *zone);
 *	One line of /proc/buddyinfo: "Node 0, zone   Normal" and the number
 *	of free blocks of each order.
 *   void unusable_show_print(FILE *out, const struct zone *zone);
 *   void extfrag_show_print(FILE *out, const struct zone *zone);
 *	One line of /sys/kernel/debug/extfrag/{unusable_index,extfrag_index}.
 *   zone->free_area[order].nr_free, zone->free_pages: the counters.
 *   zone->trace: a FILE * (NULL by default) that gets one line per step:
 *	"take PFN order O", "split PFN order O -> PFN + PFN order O-1",
 *	"merge PFN + buddy PFN order O -> PFN order O+1" and
 *	"put PFN order O head|tail", for figures and for -v.
 *
 * Left out: watermarks and lowmem_reserve (an allocation here fails only
 * when no block is big enough), migrate types (the kernel keeps one list
 * per order and migrate type, MIGRATE_UNMOVABLE, MOVABLE, ...: here there
 * is one), the per-CPU lists that serve orders 0 to 3 (and 9, for THP)
 * before the free lists, compaction, reclaim, and the shuffling of
 * CONFIG_SHUFFLE_PAGE_ALLOCATOR (off unless booted with page_alloc.shuffle=1
 * or the firmware reports a memory-side cache).  So a real kernel hands out
 * other pfns; the splitting, merging and counting are the same.
 */
#ifndef BUDDY_H
#define BUDDY_H

#include <errno.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define MAX_ORDER 11 /* 6.1: orders 0 to MAX_ORDER - 1; 6.4 made it 10 */

/* The most pages a zone may have here: 64 GiB of 4 KiB pages. */
#define ZONE_PAGES_MAX (1UL << 24)

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	MAX_NR_ZONES
};

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal",
						      "HighMem", "Movable" };

struct list_head {
	struct list_head *next, *prev;
};

/* Page flags: PG_buddy is the kernel's; PG_allocated is the sim's check. */
#define PG_buddy 0x1u /* the first page of a free block */
#define PG_allocated 0x2u /* the first page of a block alloc_pages() gave */

/* The parts of struct page that the buddy allocator uses. */
struct page {
	struct list_head buddy_list; /* on free_area[order] while PG_buddy */
	unsigned long private; /* the block's order */
	unsigned int flags;
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free; /* blocks on the list */
};

struct zone {
	enum zone_type type;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long free_pages; /* NR_FREE_PAGES */
	struct page *mem_map; /* the struct page of zone_start_pfn */
	struct free_area free_area[MAX_ORDER];
	FILE *trace;
};

/* @region lists */
/* A doubly linked list threaded through the struct pages: O(1) both ways. */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = entry->prev = NULL;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define buddy_list_page(ptr) \
	((struct page *)((char *)(ptr)-offsetof(struct page, buddy_list)))
/* @end lists */

static inline unsigned long page_to_pfn(const struct zone *zone,
					const struct page *page)
{
	return zone->zone_start_pfn + (unsigned long)(page - zone->mem_map);
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn - zone->zone_start_pfn < zone->spanned_pages;
}

static inline struct page *pfn_to_page(const struct zone *zone,
				       unsigned long pfn)
{
	return zone->mem_map + (pfn - zone->zone_start_pfn);
}

static inline bool PageBuddy(const struct page *page)
{
	return page->flags & PG_buddy;
}

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	page->flags |= PG_buddy;
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->buddy_list, &area->free_list);
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->buddy_list, &area->free_list);
	area->nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->buddy_list);
	page->flags &= ~PG_buddy;
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* @region find_buddy */
/*
 * The buddy of the block of 2^order pages at pfn is the other half of the
 * block of order + 1 that contains it: flip bit "order" of the pfn.  Blocks
 * are aligned to their size, so the lower buddy has the bit clear.
 */
static inline unsigned long __find_buddy_pfn(unsigned long pfn,
					     unsigned int order)
{
	return pfn ^ (1UL << order);
}

/*
 * The kernel's test: the buddy is the head of a free block (PageBuddy) of
 * the same order, in the same zone.  A free block of another order is no
 * buddy: it is part of a bigger free block, or it is split.
 */
static inline bool page_is_buddy(const struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order;
}

/*
 * The kernel compares page_zone_id() of the two pages; here a buddy
 * outside the zone's span is simply not there.
 */
static inline struct page *find_buddy_page_pfn(const struct zone *zone,
					       unsigned long pfn,
					       unsigned int order,
					       unsigned long *buddy_pfn)
{
	unsigned long __buddy_pfn = __find_buddy_pfn(pfn, order);
	struct page *buddy;

	if (buddy_pfn)
		*buddy_pfn = __buddy_pfn;
	if (!zone_spans_pfn(zone, __buddy_pfn))
		return NULL;
	buddy = pfn_to_page(zone, __buddy_pfn);
	return page_is_buddy(buddy, order) ? buddy : NULL;
}
/* @end find_buddy */

#define FPI_NONE 0
#define FPI_TO_TAIL 1 /* boot: keep the lowest blocks at the list heads */

/*
 * Freeing, with the merging of buddies, lives in a file of its own, for
 * exercise 03.2, which builds buddy.c against the student's copy: <> finds
 * it first on the include path.  The tests of sim/03-allocators/test/
 * include this file as "../buddy.h", with no -I for this folder: for them
 * the copy beside this file is the one.
 */
#if __has_include(<buddy-merge.h>)
#include <buddy-merge.h>
#else
#include "buddy-merge.h"
#endif

/* @region rmqueue */
/*
 * The block of order "high" at page is split until one of order "low" is
 * left: each time the upper half goes to the free list of the order below
 * and the lower half is split again, or handed out.
 */
static inline void expand(struct zone *zone, struct page *page,
			  unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		if (zone->trace)
			fprintf(zone->trace,
				"  split 0x%lx order %u -> 0x%lx + 0x%lx order %u\n",
				page_to_pfn(zone, page), high + 1,
				page_to_pfn(zone, page),
				page_to_pfn(zone, &page[size]), high);
		add_to_free_list(&page[size], zone, high);
		set_buddy_order(&page[size], high);
	}
}

/* The block at the head of the list, or NULL. */
static inline struct page *get_page_from_free_area(struct free_area *area)
{
	if (list_empty(&area->free_list))
		return NULL;
	return buddy_list_page(area->free_list.next);
}

/* The first block on the first non-empty list of order >= order. */
static inline struct page *__rmqueue_smallest(struct zone *zone,
					      unsigned int order)
{
	for (unsigned int current_order = order; current_order < MAX_ORDER;
	     current_order++) {
		struct page *page;

		page = get_page_from_free_area(&zone->free_area[current_order]);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		if (zone->trace)
			fprintf(zone->trace, "  take 0x%lx order %u\n",
				page_to_pfn(zone, page), current_order);
		expand(zone, page, order, current_order);
		return page;
	}
	return NULL;
}
/* @end rmqueue */

static inline long alloc_pages(struct zone *zone, unsigned int order)
{
	struct page *page;

	if (order >= MAX_ORDER)
		return -EINVAL;
	page = __rmqueue_smallest(zone, order);
	if (!page)
		return -ENOMEM;
	zone->free_pages -= 1UL << order;
	page->flags |= PG_allocated;
	page->private = order;
	return (long)page_to_pfn(zone, page);
}

/* Why free_pages(zone, pfn, order) would be wrong, or NULL if it is fine. */
static inline const char *
free_pages_check(const struct zone *zone, unsigned long pfn, unsigned int order)
{
	const struct page *page;

	if (order >= MAX_ORDER)
		return "order beyond MAX_ORDER - 1";
	if (!zone_spans_pfn(zone, pfn))
		return "pfn outside the zone";
	if (pfn & ((1UL << order) - 1))
		return "pfn not aligned to the order";
	page = pfn_to_page(zone, pfn);
	if (!(page->flags & PG_allocated))
		return "no block allocated at this pfn";
	if (page->private != order)
		return "block allocated with another order";
	return NULL;
}

static inline int free_pages(struct zone *zone, unsigned long pfn,
			     unsigned int order)
{
	struct page *page;

	if (free_pages_check(zone, pfn, order))
		return -EINVAL;
	page = pfn_to_page(zone, pfn);
	page->flags &= ~PG_allocated;
	page->private = 0;
	__free_one_page(page, pfn, zone, order, FPI_NONE);
	return 0;
}

/* @region boot */
/*
 * memblock_free_all() hands each free range to the buddy allocator in the
 * biggest blocks that the alignment of the start allows
 * (__free_pages_memory() in mm/memblock.c), and __free_pages_core() puts
 * them at the tail of their lists (FPI_TO_TAIL).
 */
static inline void __free_pages_memory(struct zone *zone, unsigned long start,
				       unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		/* __ffs(start): the alignment; pfn 0 is aligned to anything */
		if (start && (unsigned int)__builtin_ctzl(start) < order)
			order = (unsigned int)__builtin_ctzl(start);
		while (start + (1UL << order) > end)
			order--;
		__free_one_page(pfn_to_page(zone, start), start, zone, order,
				FPI_TO_TAIL);
		start += 1UL << order;
	}
}
/* @end boot */

static inline int zone_init(struct zone *zone, enum zone_type type,
			    unsigned long start_pfn, unsigned long nr_pages)
{
	*zone = (struct zone){ .type = type,
			       .name = zone_names[type],
			       .zone_start_pfn = start_pfn,
			       .spanned_pages = nr_pages };
	if (!nr_pages || nr_pages > ZONE_PAGES_MAX ||
	    start_pfn + nr_pages < start_pfn)
		return -EINVAL;
	zone->mem_map = calloc(nr_pages, sizeof(*zone->mem_map));
	if (!zone->mem_map)
		return -ENOMEM;
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
	__free_pages_memory(zone, start_pfn, start_pfn + nr_pages);
	return 0;
}

static inline void zone_exit(struct zone *zone)
{
	free(zone->mem_map);
	zone->mem_map = NULL;
}

/* @region vmstat */
/* mm/vmstat.c: the free blocks, as /proc/buddyinfo prints them. */
static inline void frag_show_print(FILE *out, const struct zone *zone)
{
	fprintf(out, "Node %d, zone %8s ", 0, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; ++order)
		fprintf(out, "%6lu ", zone->free_area[order].nr_free);
	fputc('\n', out);
}

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable; /* in blocks of suitable_order */
};

static inline void fill_contig_page_info(const struct zone *zone,
					 unsigned int suitable_order,
					 struct contig_page_info *info)
{
	*info = (struct contig_page_info){ 0 };
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = zone->free_area[order].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable +=
				blocks << (order - suitable_order);
	}
}

/*
 * The share of free memory, in thousandths, that sits in blocks too small
 * for an allocation of this order: 0 when every free page could serve it,
 * 1000 when none could.
 */
static inline int unusable_free_index(unsigned int order,
				      const struct contig_page_info *info)
{
	if (info->free_pages == 0)
		return 1000;
	return (int)((info->free_pages -
		      (info->free_blocks_suitable << order)) *
		     1000ULL / info->free_pages);
}

/*
 * When an allocation of this order would fail, why: towards 0 for lack of
 * memory, towards 1000 for fragmentation (many small free blocks).  -1000
 * when it would succeed.  The kernel's formula can go below 0 when a few
 * free blocks are just below the order; it prints that as " 0.-500".
 */
static inline int __fragmentation_index(unsigned int order,
					const struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (order >= MAX_ORDER)
		return 0;
	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + info->free_pages * 1000ULL / requested) /
			    info->free_blocks_total);
}

static inline void unusable_show_print(FILE *out, const struct zone *zone)
{
	struct contig_page_info info;
	int index;

	fprintf(out, "Node %d, zone %8s ", 0, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; ++order) {
		fill_contig_page_info(zone, order, &info);
		index = unusable_free_index(order, &info);
		fprintf(out, "%d.%03d ", index / 1000, index % 1000);
	}
	fputc('\n', out);
}

static inline void extfrag_show_print(FILE *out, const struct zone *zone)
{
	struct contig_page_info info;
	int index;

	fprintf(out, "Node %d, zone %8s ", 0, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; ++order) {
		fill_contig_page_info(zone, order, &info);
		index = __fragmentation_index(order, &info);
		fprintf(out, "%2d.%03d ", index / 1000, index % 1000);
	}
	fputc('\n', out);
}
/* @end vmstat */

#endif /* BUDDY_H */
