/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb-clock.h - the clock replacement policy, which tlb.c includes after
 * struct tlb and its helpers (exercise 02.2: the reference solution)
 *
 * Clock gives LRU's answer cheaply: one bit an entry instead of an order
 * kept on every hit.  Each set has a hand, a way number; each entry a
 * referenced bit, which a hit and a fill set.  To evict, the hand goes
 * round the set: a referenced entry loses its bit and is passed over, its
 * second chance; the first entry without the bit goes, and the hand stops
 * on the way after it.
 */

/* @region clock */
static void clock_hit(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	(void)t;
	(void)set;
	e->referenced = true;
}

/* The reference that missed uses the new entry. */
static void clock_fill(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	(void)t;
	(void)set;
	e->referenced = true;
}

/* Ends within two turns: the first clears every bit it passes. */
static struct tlb_entry *clock_victim(struct tlb *t, struct tlb_set *set)
{
	for (;;) {
		struct tlb_entry *e = tlb_way(t, set, set->hand);

		set->hand = (set->hand + 1) % t->ways;
		if (!e->referenced)
			return e;
		e->referenced = false;
	}
}
/* @end clock */

static const struct tlb_policy clock_policy = {
	.name = "clock",
	.hit = clock_hit,
	.fill = clock_fill,
	.victim = clock_victim,
};
