/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb-clock.h - the clock replacement policy, which tlb.c includes after
 * struct tlb and its helpers
 *
 * Clock (second chance) is exercise 02.2: its folder,
 * exercises/02-mmu/02.2-clock/, has a copy of this file with the policy's
 * functions to write, and its grader builds tlb.c against the student's
 * copy.  The simulator as shipped has none, and says so when asked for it.
 */

static const struct tlb_policy clock_policy = {
	.name = "clock",
	.missing =
		"clock is exercise 02.2: write it in your copy of tlb-clock.h "
		"(exercises/02-mmu/02.2-clock/)",
};
