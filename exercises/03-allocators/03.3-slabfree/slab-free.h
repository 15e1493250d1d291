/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slab-free.h - how SLUB gives an object back (exercise 03.3)
 *
 * Your copy of sim/03-allocators/slab-free.h.  slab.c includes it after
 * the structures and the helpers you may use: get_freepointer(),
 * set_freepointer(), virt_to_slab(), add_partial(), remove_partial() and
 * discard_slab(); the global cpu is the CPU that runs the script's line.
 * Write do_slab_free() and __slab_free(); kmem_cache_free() is given.
 * Check with: make check-exercise EX=03.3
 *
 * It is mm/slub.c of 6.1 for one node, without the cmpxchg loops that let
 * the fast path run without locks (one CPU runs at a time here), and
 * without the per-CPU partial lists of CONFIG_SLUB_CPU_PARTIAL: a full
 * slab that gets a free object back goes to the node's partial list at
 * once, as in a kernel built without that option.
 */

/* @region slab_free */
/*
 * The slow path: the object is not in the slab of this CPU.  It goes onto
 * the slab's own freelist.  What happens to the slab depends on what it
 * was: another CPU's slab (frozen) stays that CPU's; a full slab, on no
 * list, now has a free object and joins the node's partial list; a slab
 * that is now empty goes back to the buddy allocator, unless the node is
 * short of partial slabs (fewer than min_partial), when it stays there,
 * ready for the next allocations.
 */
static void __slab_free(struct kmem_cache *s, struct slab *slab, uint64_t x)
{
	/*
	 * Exercise 03.3: push x onto slab->freelist (the free pointer of x
	 * names the old head; 0 ends the list) and count it out of
	 * slab->inuse.  Then, unless the slab is frozen: an empty slab is
	 * discarded when s->node has s->min_partial partial slabs or more
	 * (take it off the partial list first if it is on it), and a slab
	 * that was full goes to the tail of the partial list.
	 */
	(void)s;
	(void)slab;
	(void)x;
}

/*
 * The fast path: an object of this CPU's slab goes onto the CPU's
 * freelist, and is the first that the next kmem_cache_alloc() on this CPU
 * hands out (last in, first out: it is still warm in the cache).
 */
static void do_slab_free(struct kmem_cache *s, struct slab *slab, uint64_t x)
{
	/*
	 * Exercise 03.3: so far every free takes the slow path.  Take the
	 * fast path when slab is the slab of this CPU (s->cpu_slab[cpu]),
	 * and count each path in s->stat[], as CONFIG_SLUB_STATS does.
	 */
	__slab_free(s, slab, x);
}

/*
 * The caller names the cache.  Debian's CONFIG_SLAB_FREELIST_HARDENED has
 * cache_from_obj() check it against the object's slab and warn when they
 * differ; here the script remembers each object's cache, so they never do.
 */
static void kmem_cache_free(struct kmem_cache *s, uint64_t x)
{
	do_slab_free(s, virt_to_slab(x), x);
}
/* @end slab_free */
