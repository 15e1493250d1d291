/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmalloc.h - which cache serves kmalloc(size, flags) in Linux 6.1
 *
 * As Debian 12 builds it for x86: SLUB, 4 KiB pages, MAX_ORDER 11,
 * CONFIG_ZONE_DMA and CONFIG_MEMCG_KMEM (include/linux/slab.h,
 * mm/slab_common.c).  Requests up to KMALLOC_MAX_CACHE_SIZE (8 KiB) go to
 * one of the caches kmalloc-8 ... kmalloc-8k, 96 and 192 included; larger
 * ones to the page allocator, in 2^order pages (kmalloc_large()), up to
 * KMALLOC_MAX_SIZE (4 MiB, order 10).  For slab.c and kmalloc.c:
 *
 *   kmalloc_type(flags)      which of the four sets of caches
 *   kmalloc_index(size)      the cache's index, as the compiler works it out
 *                            for a constant size
 *   kmalloc_slab(size)       the same at run time, through size_index[];
 *                            0 for ZERO_SIZE_PTR, -1 above 8 KiB
 *   kmalloc_info[index]      the cache's size and the short part of its name
 *   kmalloc_cache_name()     "kmalloc-96", "kmalloc-cg-1k", "dma-kmalloc-8k"
 *   get_order(size)          the order of a large kmalloc
 */
#ifndef KMALLOC_H
#define KMALLOC_H

#include <stdio.h>

#include "buddy.h"

/* gfp_t bits, from include/linux/gfp_types.h */
typedef unsigned int gfp_t;
#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_DMA32 0x04u
#define __GFP_RECLAIMABLE 0x10u
#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ATOMIC 0x200u
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_ACCOUNT 0x400000u
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT __GFP_KSWAPD_RECLAIM
#define GFP_DMA __GFP_DMA
/* Zone bits that kmalloc() refuses: it warns "Unexpected gfp" */
#define GFP_SLAB_BUG_MASK (__GFP_DMA32 | __GFP_HIGHMEM)

/* @region constants */
#define KMALLOC_SHIFT_LOW 3 /* SLUB: the smallest object is 8 bytes */
#define KMALLOC_SHIFT_HIGH (PAGE_SHIFT + 1) /* the largest cache, 8 KiB */
#define KMALLOC_SHIFT_MAX (MAX_ORDER + PAGE_SHIFT - 1) /* 4 MiB, order 10 */
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER (KMALLOC_SHIFT_MAX - PAGE_SHIFT)
#define KMALLOC_MIN_SIZE (1 << KMALLOC_SHIFT_LOW)

/* What kmalloc(0) returns: not NULL, but faults if used; kfree() takes it. */
#define ZERO_SIZE_PTR ((void *)16)
/* @end constants */

/* @region kmalloc_type */
enum kmalloc_cache_type {
	KMALLOC_NORMAL,
	KMALLOC_CGROUP, /* charged to the memory cgroup: __GFP_ACCOUNT */
	KMALLOC_RECLAIM, /* shrinkable: __GFP_RECLAIMABLE */
	KMALLOC_DMA, /* from ZONE_DMA: __GFP_DMA */
	NR_KMALLOC_TYPES
};

#define KMALLOC_NOT_NORMAL_BITS (__GFP_RECLAIMABLE | __GFP_DMA | __GFP_ACCOUNT)

/* When several bits are set, DMA wins, then RECLAIMABLE, then ACCOUNT. */
static inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	if (!(flags & KMALLOC_NOT_NORMAL_BITS))
		return KMALLOC_NORMAL;
	if (flags & __GFP_DMA)
		return KMALLOC_DMA;
	if (flags & __GFP_RECLAIMABLE)
		return KMALLOC_RECLAIM;
	return KMALLOC_CGROUP;
}
/* @end kmalloc_type */

/* @region kmalloc_index */
/*
 * Index 0 is kmalloc(0), 1 the 96-byte cache (65 to 96 bytes), 2 the
 * 192-byte one (129 to 192), and n the cache of 2^n bytes, which takes
 * 2^(n-1) + 1 to 2^n bytes.  The kernel spells it as a chain of ifs, up to
 * 2 MiB (index 21), that the compiler folds for a constant size.
 */
static inline int kmalloc_index(unsigned long size)
{
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	for (int index = KMALLOC_SHIFT_LOW; index <= 21; index++)
		if (size <= 1UL << index)
			return index;
	return -1; /* the kernel: BUG() */
}
/* @end kmalloc_index */

/* @region kmalloc_slab */
/*
 * Sizes up to 192 are looked up in a table, one entry per 8 bytes, because
 * of the two caches that are not powers of two; above, the index is the
 * number of bits of size - 1: fls(size - 1).
 */
static const unsigned char size_index[24] = {
	3, /* 8 */
	4, /* 16 */
	5, /* 24 */
	5, /* 32 */
	6, /* 40 */
	6, /* 48 */
	6, /* 56 */
	6, /* 64 */
	1, /* 72 */
	1, /* 80 */
	1, /* 88 */
	1, /* 96 */
	7, /* 104 */
	7, /* 112 */
	7, /* 120 */
	7, /* 128 */
	2, /* 136 */
	2, /* 144 */
	2, /* 152 */
	2, /* 160 */
	2, /* 168 */
	2, /* 176 */
	2, /* 184 */
	2, /* 192 */
};

static inline unsigned int size_index_elem(unsigned long bytes)
{
	return (unsigned int)((bytes - 1) / 8);
}

static inline int fls(unsigned long x)
{
	return x ? (int)(8 * sizeof(x)) - __builtin_clzl(x) : 0;
}

static inline int kmalloc_slab(unsigned long size)
{
	if (size <= 192) {
		if (!size)
			return 0; /* ZERO_SIZE_PTR */
		return size_index[size_index_elem(size)];
	}
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return -1; /* the kernel: WARN_ON_ONCE, NULL */
	return fls(size - 1);
}
/* @end kmalloc_slab */

/* @region kmalloc_info */
/*
 * The caches that create_kmalloc_caches() makes, indices 1 to
 * KMALLOC_SHIFT_HIGH: the size and the end of the name.  (6.1 has no
 * kmalloc_size(): the size of cache i is kmalloc_info[i].size.)
 */
static const struct kmalloc_info_struct {
	const char *short_name;
	unsigned int size;
} kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	{ "0", 0 },	{ "96", 96 },	{ "192", 192 }, { "8", 8 },
	{ "16", 16 },	{ "32", 32 },	{ "64", 64 },	{ "128", 128 },
	{ "256", 256 }, { "512", 512 }, { "1k", 1024 }, { "2k", 2048 },
	{ "4k", 4096 }, { "8k", 8192 },
};

static const char *const kmalloc_type_prefix[NR_KMALLOC_TYPES] = {
	[KMALLOC_NORMAL] = "kmalloc-",
	[KMALLOC_CGROUP] = "kmalloc-cg-",
	[KMALLOC_RECLAIM] = "kmalloc-rcl-",
	[KMALLOC_DMA] = "dma-kmalloc-",
};

static inline void kmalloc_cache_name(char *buf, size_t len,
				      enum kmalloc_cache_type type, int index)
{
	snprintf(buf, len, "%s%s", kmalloc_type_prefix[type],
		 kmalloc_info[index].short_name);
}
/* @end kmalloc_info */

/* The order of the smallest block of pages that holds size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	return size > PAGE_SIZE ? (unsigned int)fls((size - 1) >> PAGE_SHIFT) :
				  0;
}

#endif /* KMALLOC_H */
