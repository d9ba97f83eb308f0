/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Negative control for the hardware oracle (CONFIG_AXADDRSPACE_ORACLE_BREAK
 * defines AXPT_ORACLE_BREAK): a format swaps two bits of every leaf it
 * encodes and swaps them back when it decodes. Encoder and decoder agree,
 * so tests that decode what was encoded still pass; the CPU must not.
 */
#ifndef AXADDRSPACE_ORACLE_BREAK_H
#define AXADDRSPACE_ORACLE_BREAK_H

#include <linux/compiler.h>
#include <linux/types.h>

static __always_inline u64 axpt_oracle_break(u64 pte, unsigned int a,
					     unsigned int b)
{
#ifdef AXPT_ORACLE_BREAK
	u64 x = ((pte >> a) ^ (pte >> b)) & 1;

	return pte ^ (x << a) ^ (x << b);
#else
	return pte;
#endif
}

#endif /* AXADDRSPACE_ORACLE_BREAK_H */
