// SPDX-License-Identifier: GPL-2.0
/*
 * buddy.h as a library, the way slab.c uses it: buddy arithmetic, boot
 * blocks, splits and merges worked out by hand, merging only with a free
 * buddy of the same order, refusals that leave the zone as it was, the
 * fragmentation indices of a hand-made state, and a long random run whose
 * free lists are checked against the pages after every step.
 */
#include <string.h>

#include "sim.h"
#include "../buddy.h"

static unsigned long nr_free_blocks(const struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free;
	return n;
}

/* "1 0 1 1 0 ...": the counts of free blocks by order, as text. */
static const char *counts(const struct zone *zone)
{
	static char buf[128];
	size_t len = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%lu",
					order ? " " : "",
					zone->free_area[order].nr_free);
	return buf;
}

/*
 * Every block on every list is a PageBuddy head of its list's order,
 * aligned, inside the zone and disjoint from the others; the counters
 * agree with the lists and with the pages the caller holds.
 */
static bool consistent(const struct zone *zone, unsigned long held)
{
	unsigned char *seen = calloc(zone->spanned_pages, 1);
	unsigned long pages = 0;
	bool ok = seen != NULL;

	for (unsigned int order = 0; ok && order < MAX_ORDER; order++) {
		const struct list_head *head =
			&zone->free_area[order].free_list;
		unsigned long n = 0;

		for (const struct list_head *p = head->next; ok && p != head;
		     p = p->next) {
			const struct page *page = buddy_list_page(p);
			unsigned long pfn = page_to_pfn(zone, page);

			n++;
			ok = PageBuddy(page) && buddy_order(page) == order &&
			     !(pfn & ((1UL << order) - 1)) &&
			     zone_spans_pfn(zone, pfn + (1UL << order) - 1);
			for (unsigned long i = 0; ok && i < 1UL << order; i++) {
				ok = !seen[pfn - zone->zone_start_pfn + i];
				seen[pfn - zone->zone_start_pfn + i] = 1;
			}
			pages += 1UL << order;
		}
		ok = ok && n == zone->free_area[order].nr_free;
	}
	free(seen);
	return ok && pages == zone->free_pages &&
	       pages + held == zone->spanned_pages;
}

static void test_find_buddy(void)
{
	tap_ok(__find_buddy_pfn(0x1000, 0) == 0x1001 &&
		       __find_buddy_pfn(0x1001, 0) == 0x1000,
	       "order 0: 0x1000 and 0x1001 are buddies");
	tap_ok(__find_buddy_pfn(0x1008, 3) == 0x1000 &&
		       __find_buddy_pfn(0x1000, 3) == 0x1008,
	       "order 3: 0x1000 and 0x1008 are buddies");
	tap_ok(__find_buddy_pfn(0x1010, 4) == 0x1000 &&
		       __find_buddy_pfn(0x1020, 4) == 0x1030,
	       "order 4: 0x1010 pairs down with 0x1000, 0x1020 up with 0x1030");
	tap_ok(__find_buddy_pfn(0x400, 10) == 0 &&
		       (__find_buddy_pfn(0x1234, 2) & 0x1234) == 0x1230,
	       "the merged block starts at pfn & buddy_pfn");
}

static void test_boot(void)
{
	struct zone zone;

	tap_ok(zone_init(&zone, ZONE_NORMAL, 0x1000, 0) == -EINVAL,
	       "a zone of no pages is refused");
	zone_exit(&zone);
	tap_ok(zone_init(&zone, ZONE_NORMAL, 0, ZONE_PAGES_MAX + 1) == -EINVAL,
	       "a zone above ZONE_PAGES_MAX is refused");
	zone_exit(&zone);

	zone_init(&zone, ZONE_NORMAL, 0x1003, 13);
	tap_ok(!strcmp(counts(&zone), "1 0 1 1 0 0 0 0 0 0 0"),
	       "boot frees 0x1003-0x100f as orders 0, 2, 3 (got %s)",
	       counts(&zone));
	zone_exit(&zone);

	/* 0x100000 pages from pfn 0x40000: 1024 blocks of order 10 */
	zone_init(&zone, ZONE_NORMAL, 0x40000, 0x100000);
	tap_ok(zone.free_area[10].nr_free == 1024 &&
		       nr_free_blocks(&zone) == 1024 &&
		       zone.free_pages == 0x100000,
	       "boot frees 4 GiB as 1024 blocks of order 10");
	tap_ok(page_to_pfn(&zone, get_page_from_free_area(
					  &zone.free_area[10])) == 0x40000,
	       "boot puts blocks at the tail: the lowest pfn is first");
	zone_exit(&zone);
}

static void test_split(void)
{
	struct zone zone;
	bool ascending = true;
	long pfn;

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	for (unsigned long i = 0; i < 16; i++)
		ascending = ascending &&
			    alloc_pages(&zone, 0) == 0x1000 + (long)i;
	tap_ok(ascending,
	       "16 single pages from 16 free ones come in pfn order");
	tap_ok(alloc_pages(&zone, 0) == -ENOMEM && zone.free_pages == 0,
	       "the 17th allocation fails with -ENOMEM");
	zone_exit(&zone);

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	pfn = alloc_pages(&zone, 1);
	tap_ok(pfn == 0x1000 && !strcmp(counts(&zone), "0 1 1 1 0 0 0 0 0 0 0"),
	       "order 1 from order 4 leaves one free block of orders 1, 2, 3");
	tap_ok(page_to_pfn(&zone, get_page_from_free_area(
					  &zone.free_area[1])) == 0x1002 &&
		       page_to_pfn(&zone, get_page_from_free_area(
						  &zone.free_area[2])) ==
			       0x1004 &&
		       page_to_pfn(&zone, get_page_from_free_area(
						  &zone.free_area[3])) ==
			       0x1008,
	       "expand() frees the upper halves: 0x1002, 0x1004, 0x1008");
	tap_ok(alloc_pages(&zone, MAX_ORDER) == -EINVAL,
	       "order MAX_ORDER is refused with -EINVAL");
	tap_ok(alloc_pages(&zone, 4) == -ENOMEM && consistent(&zone, 2),
	       "order 4 fails when 14 pages are free in smaller blocks");
	zone_exit(&zone);
}

static void test_merge(void)
{
	struct zone zone;

	/* A = 0x1000 order 1; B = 0x1002 and C = 0x1003, order 0 */
	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	alloc_pages(&zone, 1);
	alloc_pages(&zone, 0);
	alloc_pages(&zone, 0);
	free_pages(&zone, 0x1002, 0);
	tap_ok(!strcmp(counts(&zone), "1 0 1 1 0 0 0 0 0 0 0"),
	       "B comes back alone: its buddy C is in use");
	free_pages(&zone, 0x1000, 1);
	tap_ok(!strcmp(counts(&zone), "1 1 1 1 0 0 0 0 0 0 0") &&
		       consistent(&zone, 1),
	       "A does not merge with 0x1002: free, but of order 0, not 1");
	free_pages(&zone, 0x1003, 0);
	tap_ok(!strcmp(counts(&zone), "0 0 0 0 1 0 0 0 0 0 0") &&
		       consistent(&zone, 0),
	       "C merges four times, back to one block of order 4");
	zone_exit(&zone);

	/* two 16-page zones side by side: 0x0 and 0x10 never merge */
	zone_init(&zone, ZONE_NORMAL, 0x10, 16);
	tap_ok(find_buddy_page_pfn(&zone, 0x10, 4, NULL) == NULL &&
		       zone.free_area[4].nr_free == 1,
	       "a buddy outside the zone is no buddy");
	zone_exit(&zone);
}

static unsigned long head_pfn(struct zone *zone, unsigned int order)
{
	return page_to_pfn(zone,
			   get_page_from_free_area(&zone->free_area[order]));
}

static void test_free_list_order(void)
{
	struct zone zone;

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	for (int i = 0; i < 16; i++)
		alloc_pages(&zone, 0);
	free_pages(&zone, 0x1005, 0);
	free_pages(&zone, 0x1003, 0);
	free_pages(&zone, 0x1002, 0);
	tap_ok(zone.free_area[0].nr_free == 1 &&
		       zone.free_area[1].nr_free == 1 &&
		       head_pfn(&zone, 0) == 0x1005 &&
		       head_pfn(&zone, 1) == 0x1002,
	       "0x1002 merges with 0x1003 into order 1, 0x1005 stays alone");
	free_pages(&zone, 0x1000, 0);
	tap_ok(zone.free_area[0].nr_free == 2 && head_pfn(&zone, 0) == 0x1005,
	       "0x1000 goes to the tail: its pair could merge with 0x1002");
	free_pages(&zone, 0x1007, 0);
	tap_ok(head_pfn(&zone, 0) == 0x1007,
	       "0x1007 goes to the head: 0x1004-0x1005 is not a free pair");
	tap_ok(alloc_pages(&zone, 0) == 0x1007 &&
		       alloc_pages(&zone, 0) == 0x1005 &&
		       alloc_pages(&zone, 0) == 0x1000,
	       "single pages come from the head: 0x1007, 0x1005, 0x1000");
	zone_exit(&zone);
}

static void test_refusals(void)
{
	struct zone zone;
	char before[128];

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	alloc_pages(&zone, 2);
	strcpy(before, counts(&zone));
	tap_ok(free_pages(&zone, 0x1001, 0) == -EINVAL &&
		       !strcmp(free_pages_check(&zone, 0x1001, 0),
			       "no block allocated at this pfn"),
	       "a pfn inside a block is not the block");
	tap_ok(free_pages(&zone, 0x1002, 2) == -EINVAL &&
		       !strcmp(free_pages_check(&zone, 0x1002, 2),
			       "pfn not aligned to the order"),
	       "an odd pfn for its order is refused");
	tap_ok(free_pages(&zone, 0x1000, 1) == -EINVAL &&
		       !strcmp(free_pages_check(&zone, 0x1000, 1),
			       "block allocated with another order"),
	       "the wrong order is refused");
	tap_ok(free_pages(&zone, 0x2000, 0) == -EINVAL &&
		       free_pages(&zone, 0x1000, MAX_ORDER) == -EINVAL,
	       "a pfn outside the zone and order MAX_ORDER are refused");
	tap_ok(!strcmp(counts(&zone), before) && consistent(&zone, 4),
	       "refusals leave the zone as it was");
	tap_ok(free_pages(&zone, 0x1000, 2) == 0 &&
		       free_pages(&zone, 0x1000, 2) == -EINVAL &&
		       consistent(&zone, 0),
	       "a double free is refused");
	zone_exit(&zone);
}

static void test_fragmentation(void)
{
	struct contig_page_info info;
	struct zone zone;
	char *text;
	size_t len;
	FILE *fp;

	/* every other page of 16 free: four order-0 blocks, no pair */
	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	for (int i = 0; i < 16; i++)
		alloc_pages(&zone, 0);
	for (unsigned long pfn = 0x1000; pfn < 0x1008; pfn += 2)
		free_pages(&zone, pfn, 0);
	fill_contig_page_info(&zone, 2, &info);
	tap_ok(info.free_pages == 4 && info.free_blocks_total == 4 &&
		       info.free_blocks_suitable == 0,
	       "contig_page_info: 4 pages, 4 blocks, none of order 2");
	fill_contig_page_info(&zone, 0, &info);
	tap_ok(unusable_free_index(0, &info) == 0 &&
		       __fragmentation_index(0, &info) == -1000,
	       "order 0: nothing unusable, and it would succeed (-1000)");
	fill_contig_page_info(&zone, 1, &info);
	tap_ok(unusable_free_index(1, &info) == 1000 &&
		       __fragmentation_index(1, &info) == 250,
	       "order 1: all unusable; 1000 - (1000 + 4000/2) / 4 = 250");
	fill_contig_page_info(&zone, 10, &info);
	tap_ok(__fragmentation_index(10, &info) == 750,
	       "order 10: 1000 - (1000 + 4000/1024) / 4 = 750");

	fp = open_memstream(&text, &len);
	frag_show_print(fp, &zone);
	extfrag_show_print(fp, &zone);
	fclose(fp);
	tap_ok(!strcmp(text,
		       "Node 0, zone   Normal      4      0      0      0      0      0      0      0      0      0      0 \n"
		       "Node 0, zone   Normal -1.000  0.250  0.500  0.625  0.688  0.719  0.735  0.743  0.747  0.749  0.750 \n"),
	       "the buddyinfo and extfrag_index lines of this state");
	free(text);
	zone_exit(&zone);

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	fill_contig_page_info(&zone, 5, &info);
	tap_ok(__fragmentation_index(5, &info) == 1000 - (1000 + 500) / 1 &&
		       unusable_free_index(5, &info) == 1000,
	       "one block of order 4, asked for order 5: the index is -500");
	zone_exit(&zone);

	zone_init(&zone, ZONE_NORMAL, 0x1000, 16);
	for (int i = 0; i < 16; i++)
		alloc_pages(&zone, 0);
	fill_contig_page_info(&zone, 3, &info);
	tap_ok(unusable_free_index(3, &info) == 1000 &&
		       __fragmentation_index(3, &info) == 0,
	       "no free memory: unusable 1000, fragmentation 0");
	zone_exit(&zone);
}

/* Random allocations and frees, each one followed by a full check. */
static void test_random(void)
{
	struct {
		long pfn;
		unsigned int order;
	} held[4096];
	unsigned long nr_held = 0, pages_held = 0, checks = 0;
	struct zone zone, fresh;
	bool ok = true;
	struct rng rng;

	zone_init(&zone, ZONE_NORMAL, 0x1003, 4000);
	rng_seed(&rng, 42);
	for (int i = 0; i < 20000 && ok; i++) {
		if (nr_held && (nr_held == 4096 || rng_range(&rng, 0, 1))) {
			unsigned long k = rng_range(&rng, 0, nr_held - 1);

			ok = free_pages(&zone, (unsigned long)held[k].pfn,
					held[k].order) == 0;
			pages_held -= 1UL << held[k].order;
			held[k] = held[--nr_held];
		} else {
			unsigned int order =
				(unsigned int)rng_range(&rng, 0, 5);
			long pfn = alloc_pages(&zone, order);

			if (pfn >= 0) {
				held[nr_held].pfn = pfn;
				held[nr_held++].order = order;
				pages_held += 1UL << order;
			}
		}
		if (i % 97 == 0) {
			ok = ok && consistent(&zone, pages_held);
			checks++;
		}
	}
	tap_ok(ok && consistent(&zone, pages_held),
	       "20000 random steps: lists, counters and pages agree (%lu checks)",
	       checks);
	while (nr_held--)
		free_pages(&zone, (unsigned long)held[nr_held].pfn,
			   held[nr_held].order);
	zone_init(&fresh, ZONE_NORMAL, 0x1003, 4000);
	tap_ok(!strcmp(counts(&zone), counts(&fresh)),
	       "freeing everything merges back to the boot blocks (%s)",
	       counts(&zone));
	zone_exit(&fresh);
	zone_exit(&zone);
}

int main(void)
{
	tap_plan(38);
	test_find_buddy();
	test_boot();
	test_split();
	test_merge();
	test_free_list_order();
	test_refusals();
	test_fragmentation();
	test_random();
	return 0;
}
