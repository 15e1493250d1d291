/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buddy-merge.h - freeing a block and merging it with its buddies (part of
 * buddy.h)
 *
 * buddy.h includes this file in the middle, after the free lists, struct
 * page, set_buddy_order(), add_to_free_list(), add_to_free_list_tail(),
 * del_page_from_free_list(), find_buddy_page_pfn() and the FPI_ flags,
 * which it uses.  It is a file of its own because exercise 03.2 hands
 * students a copy without the merging; its grader builds buddy.c against
 * their copy instead.
 */

/* @region free_one_page */
/*
 * Freeing a block that is about to merge again (its buddy of the next
 * order up is free) goes to the tail of its list, so that it stays free
 * longer and can merge; otherwise to the head.
 */
static inline bool buddy_merge_likely(const struct zone *zone,
				      unsigned long pfn,
				      unsigned long buddy_pfn,
				      unsigned int order)
{
	unsigned long higher_page_pfn;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_page_pfn = buddy_pfn & pfn;
	return find_buddy_page_pfn(zone, higher_page_pfn, order + 1, NULL) !=
	       NULL;
}

/*
 * Gives back a block of 2^order pages.  While its buddy is a free block of
 * the same order in the zone, the buddy leaves its list and the two become
 * one block of the next order, at the lower of their pfns; order
 * MAX_ORDER - 1 is as far as it goes.  The block that is left goes to the
 * head of its list, or to the tail (FPI_TO_TAIL, buddy_merge_likely()).
 */
static inline void __free_one_page(struct page *page, unsigned long pfn,
				   struct zone *zone, unsigned int order,
				   int fpi_flags)
{
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		buddy = find_buddy_page_pfn(zone, pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		if (zone->trace)
			fprintf(zone->trace,
				"  merge 0x%lx + buddy 0x%lx order %u -> 0x%lx order %u\n",
				pfn, buddy_pfn, order, combined_pfn, order + 1);
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(zone, pfn, buddy_pfn, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order);
	else
		add_to_free_list(page, zone, order);
	if (zone->trace)
		fprintf(zone->trace, "  put 0x%lx order %u %s\n", pfn, order,
			to_tail ? "tail" : "head");
}
/* @end free_one_page */
