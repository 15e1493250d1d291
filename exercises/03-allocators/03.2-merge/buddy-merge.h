/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buddy-merge.h - freeing a block and merging it with its buddies
 * (exercise 03.2)
 *
 * Your copy of sim/03-allocators/buddy-merge.h.  buddy.h includes it after
 * struct page, set_buddy_order(), add_to_free_list(),
 * add_to_free_list_tail(), del_page_from_free_list(), __find_buddy_pfn(),
 * find_buddy_page_pfn() and the FPI_ flags, which you may use.  Write the
 * merging in __free_one_page(); buddy_merge_likely() is given.  Check with:
 * make check-exercise EX=03.2
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
	unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);
	bool to_tail;

	zone->free_pages += 1UL << order;
	/*
	 * Exercise 03.2: so far the block never merges.  Merge it here, one
	 * order at a time, with the help of find_buddy_page_pfn().  With -v,
	 * each merge prints a line on zone->trace when it is not NULL:
	 *   "  merge 0x%lx + buddy 0x%lx order %u -> 0x%lx order %u\n"
	 * with the block's pfn, its buddy's, their order, then the merged
	 * block's pfn and order.  When the loop ends, page, pfn and order
	 * are the merged block's, and buddy_pfn is the pfn of the buddy that
	 * was looked for last: buddy_merge_likely() needs it.
	 */
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
