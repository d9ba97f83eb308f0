/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seeded generator of the randomised suites (engine model, address-
 * space model, hardware oracle): xorshift64*, so a seed replays a run
 * exactly, in the kernel and in the userspace harness alike.
 */
#ifndef AXADDRSPACE_TESTS_TEST_RAND_H
#define AXADDRSPACE_TESTS_TEST_RAND_H

#include <linux/types.h>

static inline u64 axt_rand(u64 *state)
{
	u64 x = *state ? *state : 0x9e3779b97f4a7c15ULL;	/* 0 is a fixed point */

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Uniform enough below @n for tests; 0 when @n is 0. */
static inline u64 axt_below(u64 *state, u64 n)
{
	return n ? axt_rand(state) % n : 0;
}

#endif /* AXADDRSPACE_TESTS_TEST_RAND_H */
