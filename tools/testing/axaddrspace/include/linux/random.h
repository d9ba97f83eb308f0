/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a per-thread xorshift64*, seeded per thread. */
#ifndef _HARNESS_LINUX_RANDOM_H
#define _HARNESS_LINUX_RANDOM_H
#include <linux/types.h>

static unsigned int harness_random_seeds;
static __thread u64 harness_random_x;

static inline u32 get_random_u32(void)
{
	u64 x = harness_random_x;

	if (!x)
		x = 0x9e3779b97f4a7c15ULL *
		    (__atomic_add_fetch(&harness_random_seeds, 1,
					__ATOMIC_RELAXED) | 1);
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	harness_random_x = x;
	return (x * 0x2545F4914F6CDD1DULL) >> 32;
}
#endif
