// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded random number generator that gives the same sequence on every
 * machine, compiler and C library (rand() does not), so that "-s 42" is the
 * same problem for a student and for the grader.  It is SplitMix64: a
 * 64-bit counter pushed through a mixing function.
 */
#include "sim.h"

void rng_seed(struct rng *rng, uint64_t seed)
{
	rng->state = seed;
}

uint64_t rng_next(struct rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
	return z ^ (z >> 31);
}

/*
 * A number in [lo, hi], both included.  Taking rng_next() % span would favour
 * small values when span does not divide 2^64, so the draws that fall in the
 * incomplete last block of span values are thrown away.
 */
uint64_t rng_range(struct rng *rng, uint64_t lo, uint64_t hi)
{
	uint64_t span = hi - lo + 1;
	uint64_t limit, x;

	if (span == 0) /* [0, UINT64_MAX]: every value is fine */
		return rng_next(rng);
	limit = UINT64_MAX - UINT64_MAX % span;
	do
		x = rng_next(rng);
	while (x >= limit);
	return lo + x % span;
}
