/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slab-free.h - how SLUB gives an object back (part of slab.c)
 *
 * slab.c includes this file in the middle, after the structures and the
 * helpers it uses: get_freepointer(), set_freepointer(), virt_to_slab(),
 * add_partial(), remove_partial() and discard_slab().  It is a file of its
 * own because an exercise hands students a copy with do_slab_free() and
 * __slab_free() emptied; its grader builds slab.c against their copy.
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
	struct kmem_cache_node *n = &s->node;
	uint64_t prior = slab->freelist;

	set_freepointer(s, x, prior);
	slab->freelist = x;
	slab->inuse--;
	if (slab->frozen)
		return;
	if (!slab->inuse && n->nr_partial >= s->min_partial) {
		if (prior)
			remove_partial(n, slab);
		discard_slab(s, slab);
		return;
	}
	if (!prior)
		add_partial(n, slab, DEACTIVATE_TO_TAIL);
}

/*
 * The fast path: an object of this CPU's slab goes onto the CPU's
 * freelist, and is the first that the next kmem_cache_alloc() on this CPU
 * hands out (last in, first out: it is still warm in the cache).
 */
static void do_slab_free(struct kmem_cache *s, struct slab *slab, uint64_t x)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

	if (slab == c->slab) {
		set_freepointer(s, x, c->freelist);
		c->freelist = x;
		s->stat[FREE_FASTPATH]++;
		return;
	}
	s->stat[FREE_SLOWPATH]++;
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
