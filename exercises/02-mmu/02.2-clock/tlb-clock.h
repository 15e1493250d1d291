/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb-clock.h - the clock replacement policy, which tlb.c includes after
 * struct tlb and its helpers (exercise 02.2: your copy)
 *
 * Write the three functions; exercises/02-mmu/02.2-clock/statement.md says
 * what each must do.  As given, the TLB runs, but always evicts way 0.
 */

/* A hit on e, in set. */
static void clock_hit(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	(void)t;
	(void)set;
	(void)e;
}

/* e, in set, has just been filled, in an empty way or in place of a victim. */
static void clock_fill(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	(void)t;
	(void)set;
	(void)e;
}

/* The entry to evict from set, whose ways are all full. */
static struct tlb_entry *clock_victim(struct tlb *t, struct tlb_set *set)
{
	return tlb_way(t, set, 0);
}

static const struct tlb_policy clock_policy = {
	.name = "clock",
	.hit = clock_hit,
	.fill = clock_fill,
	.victim = clock_victim,
};
