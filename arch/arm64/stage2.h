/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arm VMSAv8-64 stage 2 descriptors, 4 KiB granule, 48-bit output.
 *
 * Bits 1:0 are 0b11 for a table (levels 0-2 in Arm numbering, our levels
 * >= 1) or a page (Arm level 3, our level 0), 0b01 for a block (1 GiB at
 * Arm level 1, 2 MiB at Arm level 2). Leaves: MemAttr[5:2] (0b1111 Normal
 * write-back, 0b0101 Normal non-cacheable, 0b0001 Device-nGnRE), S2AP[7:6]
 * (bit 6 read, bit 7 write), SH[9:8] inner shareable, AF (bit 10) set so
 * the first access does not fault, XN (bit 54) when not executable.
 */
#ifndef AXADDRSPACE_ARCH_ARM64_STAGE2_H
#define AXADDRSPACE_ARCH_ARM64_STAGE2_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include "axaddrspace/pt.h"

#define S2_VALID		BIT_ULL(0)
#define S2_TABLE		BIT_ULL(1)	/* table or page; clear: block */
#define S2_TYPE_MASK		(S2_VALID | S2_TABLE)
#define S2_TYPE_BLOCK		S2_VALID
#define S2_MEMATTR_SHIFT	2
#define S2_MEMATTR_MASK		GENMASK_ULL(5, 2)
#define S2_MEMATTR_WB		0xfULL
#define S2_MEMATTR_NC		0x5ULL
#define S2_MEMATTR_DEV_NGNRE	0x1ULL
#define S2_AP_R			BIT_ULL(6)
#define S2_AP_W			BIT_ULL(7)
#define S2_SH_IS		(3ULL << 8)
#define S2_AF			BIT_ULL(10)
#define S2_CONT			BIT_ULL(52)
#define S2_XN			BIT_ULL(54)
#define S2_ADDR_MASK		GENMASK_ULL(47, 12)

/* VTCR_EL2 fields */
#define VTCR_T0SZ_SHIFT		0
#define VTCR_SL0_SHIFT		6
#define VTCR_IRGN0_WBWA		BIT_ULL(8)
#define VTCR_ORGN0_WBWA		BIT_ULL(10)
#define VTCR_SH0_IS		(3ULL << 12)
#define VTCR_TG0_4K		(0ULL << 14)
#define VTCR_PS_SHIFT		16
#define VTCR_RES1		BIT_ULL(31)

#define S2_MAX_OAS		48

static inline bool s2_present(u64 pte)
{
	return pte & S2_VALID;
}

static inline bool s2_is_leaf(u64 pte, unsigned int level)
{
	return !level || (pte & S2_TYPE_MASK) == S2_TYPE_BLOCK;
}

static inline u64 s2_mk_table(u64 pa)
{
	return pa | S2_VALID | S2_TABLE;
}

static inline int s2_check_attr(u32 attr)
{
	if (axpt_device_exec(attr))
		return -EINVAL;
	if (!AXPT_ATTR_PROT(attr))
		return -EINVAL;
	return AXPT_ATTR_MEM(attr) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
}

static inline u64 s2_leaf_bits(u32 attr, unsigned int level)
{
	static const u64 memattr[] = {
		[AXAS_MEM_WB] = S2_MEMATTR_WB << S2_MEMATTR_SHIFT,
		[AXAS_MEM_NC] = S2_MEMATTR_NC << S2_MEMATTR_SHIFT,
		[AXAS_MEM_DEVICE] = S2_MEMATTR_DEV_NGNRE << S2_MEMATTR_SHIFT,
	};
	u32 prot = AXPT_ATTR_PROT(attr);
	u64 v = S2_VALID | S2_AF | S2_SH_IS | memattr[AXPT_ATTR_MEM(attr)];

	if (!level)
		v |= S2_TABLE;
	if (prot & AXAS_PROT_READ)
		v |= S2_AP_R;
	if (prot & AXAS_PROT_WRITE)
		v |= S2_AP_W;
	if (!(prot & AXAS_PROT_EXEC))
		v |= S2_XN;
	return v;
}

/* A table rather than a switch: this is on the path of every query. */
static inline int s2_leaf_attr(u64 pte, u32 *attr)
{
	static const s8 mem[16] = {
		[0] = -1, [S2_MEMATTR_DEV_NGNRE] = AXAS_MEM_DEVICE,
		[2] = -1, [3] = -1, [4] = -1, [S2_MEMATTR_NC] = AXAS_MEM_NC,
		[6] = -1, [7] = -1, [8] = -1, [9] = -1, [10] = -1, [11] = -1,
		[12] = -1, [13] = -1, [14] = -1, [S2_MEMATTR_WB] = AXAS_MEM_WB,
	};
	int m = mem[(pte & S2_MEMATTR_MASK) >> S2_MEMATTR_SHIFT];
	u32 prot;

	if (m < 0 || !(pte & S2_AF))
		return -EINVAL;
	/* S2AP[7:6] is (write, read) like AXAS_PROT_*; XN (bit 54) inverted */
	BUILD_BUG_ON(S2_AP_R >> 6 != AXAS_PROT_READ ||
		     S2_AP_W >> 6 != AXAS_PROT_WRITE ||
		     S2_XN >> 52 != AXAS_PROT_EXEC);
	prot = (u32)((pte >> 6) & (AXAS_PROT_READ | AXAS_PROT_WRITE)) |
	       (u32)((~pte >> 52) & AXAS_PROT_EXEC);
	*attr = AXPT_ATTR(prot, (u32)m);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_ARM64_STAGE2_H */
