// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc.h as a library: the two ways the kernel finds a kmalloc cache
 * (kmalloc_index() for constant sizes, kmalloc_slab() at run time through
 * size_index[]) agree on every size; the constants, kmalloc_type()'s
 * priorities, the cache names and get_order() are those of 6.1.
 */
#include <string.h>

#include "sim.h"
#include "../kmalloc.h"

int main(void)
{
	unsigned long size, bad = 0;
	char name[32];

	tap_plan(10);
	for (size = 0; size <= KMALLOC_MAX_CACHE_SIZE; size++)
		if (kmalloc_index(size) != kmalloc_slab(size))
			bad++;
	tap_ok(!bad,
	       "kmalloc_index() and kmalloc_slab() agree on 0 to 8192 (%lu differ)",
	       bad);
	for (size = 1, bad = 0; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		unsigned int best = 0;

		for (int i = 1; i <= KMALLOC_SHIFT_HIGH; i++)
			if (kmalloc_info[i].size >= size &&
			    (!best || kmalloc_info[i].size < best))
				best = kmalloc_info[i].size;
		if (kmalloc_info[kmalloc_slab(size)].size != best)
			bad++;
	}
	tap_ok(!bad, "each size goes to the smallest cache that holds it");
	tap_ok(KMALLOC_MAX_CACHE_SIZE == 8192 && KMALLOC_MAX_SIZE == 4194304 &&
		       KMALLOC_MAX_ORDER == 10 && KMALLOC_MIN_SIZE == 8,
	       "8 B to 8 KiB in caches, up to 4 MiB (order 10) in pages");
	tap_ok(kmalloc_slab(KMALLOC_MAX_CACHE_SIZE + 1) == -1 &&
		       kmalloc_index(2097152) == 21 &&
		       kmalloc_index(2097153) == -1,
	       "kmalloc_slab() stops at 8 KiB, kmalloc_index() at 2 MiB");
	tap_ok(get_order(1) == 0 && get_order(4096) == 0 &&
		       get_order(4097) == 1 && get_order(8193) == 2 &&
		       get_order(KMALLOC_MAX_SIZE) == 10 &&
		       get_order(KMALLOC_MAX_SIZE + 1) == MAX_ORDER,
	       "get_order(): 4096 is 0, 4097 is 1, 8193 is 2, 4 MiB + 1 is 11");
	tap_ok(kmalloc_type(GFP_KERNEL) == KMALLOC_NORMAL &&
		       kmalloc_type(GFP_ATOMIC) == KMALLOC_NORMAL &&
		       kmalloc_type(GFP_KERNEL_ACCOUNT) == KMALLOC_CGROUP,
	       "GFP_KERNEL and GFP_ATOMIC: normal; GFP_KERNEL_ACCOUNT: cgroup");
	tap_ok(kmalloc_type(__GFP_RECLAIMABLE | __GFP_ACCOUNT) ==
			       KMALLOC_RECLAIM &&
		       kmalloc_type(GFP_DMA | __GFP_RECLAIMABLE |
				    __GFP_ACCOUNT) == KMALLOC_DMA,
	       "DMA wins over RECLAIMABLE, which wins over ACCOUNT");
	kmalloc_cache_name(name, sizeof(name), KMALLOC_NORMAL,
			   kmalloc_slab(70));
	tap_ok(!strcmp(name, "kmalloc-96"), "70 bytes: %s", name);
	kmalloc_cache_name(name, sizeof(name), KMALLOC_CGROUP,
			   kmalloc_slab(1000));
	tap_ok(!strcmp(name, "kmalloc-cg-1k"), "1000 bytes, accounted: %s",
	       name);
	kmalloc_cache_name(name, sizeof(name), KMALLOC_DMA, kmalloc_slab(8192));
	tap_ok(!strcmp(name, "dma-kmalloc-8k"), "8192 bytes, DMA: %s", name);
	return 0;
}
