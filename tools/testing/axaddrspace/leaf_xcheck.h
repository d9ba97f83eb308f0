/* SPDX-License-Identifier: GPL-2.0 */
/* leaf-xcheck.sh: the functions each side (leaf_xcheck_side.c) defines. */
#ifndef AXADDRSPACE_LEAF_XCHECK_H
#define AXADDRSPACE_LEAF_XCHECK_H

enum { LX_EPT, LX_NPT, LX_S2, LX_GST, LX_NR };

#define LX_DECLARE(side)						\
	u32 side##mkattr(u32 prot, u32 mem);				\
	u64 side##bits(int f, u32 attr, unsigned int level);		\
	int side##leaf(int f, u64 pte, unsigned int level, unsigned int oas); \
	int side##attr(int f, u64 pte, unsigned int level, u32 *attr);	\
	int side##table(int f, u64 pte, unsigned int level);		\
	int side##hint(int f, u64 pte)

LX_DECLARE(old_);
LX_DECLARE(new_);

#endif /* AXADDRSPACE_LEAF_XCHECK_H */
