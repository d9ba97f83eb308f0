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
 *
 * Decoding refuses encodings that are invalid or reserved (0b01 at Arm
 * level 3; a block at Arm level 0, which the 4 KiB granule does not have;
 * MemAttr 0b0100, 0b1000, 0b1100; SH 0b01; RES0 bits: 50:48 and 63:59 of
 * a table, 49:48 of a leaf, the address bits below a block's size) and
 * what the engine never writes and cannot describe: any other MemAttr
 * than the three above, SH other than inner shareable, AF clear, no
 * access at all (S2AP 0b00 with XN), DBM (bit 51: the hardware could grant
 * the write S2AP does not show), the contiguous hint (bit 52, a promise
 * about 15 other entries) and XN[0] (bit 53, RES0 without FEAT_XNX).
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
#define S2_SH_MASK		(3ULL << 8)
#define S2_SH_IS		(3ULL << 8)
#define S2_AF			BIT_ULL(10)
#define S2_DBM			BIT_ULL(51)
#define S2_CONT			BIT_ULL(52)
#define S2_XN0			BIT_ULL(53)	/* XN[0] with FEAT_XNX, else RES0 */
#define S2_XN			BIT_ULL(54)
#define S2_ADDR_MASK		GENMASK_ULL(47, 12)
/* RES0 in a leaf without FEAT_LPA2, and the bits a leaf must not have. */
#define S2_LEAF_RES0		GENMASK_ULL(49, 48)
#define S2_LEAF_BAD		(S2_LEAF_RES0 | S2_DBM | S2_CONT | S2_XN0)
/* RES0 in a stage-2 table descriptor (no hierarchical attributes). */
#define S2_TABLE_RES0		(GENMASK_ULL(63, 59) | GENMASK_ULL(50, 48))
/* The MemAttr values that decode, as a bitmap. */
#define S2_MEMATTR_OK		(BIT_ULL(S2_MEMATTR_WB) | BIT_ULL(S2_MEMATTR_NC) | \
				 BIT_ULL(S2_MEMATTR_DEV_NGNRE))

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

/* Is @pte (above level 0) a table descriptor (0b11) with no RES0 bit? */
static inline bool s2_table_ok(u64 pte)
{
	return (pte & (S2_TYPE_MASK | S2_TABLE_RES0)) == (S2_VALID | S2_TABLE);
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

/*
 * Leaf validity is one masked compare and a table lookup: s2_leaf_mask()
 * selects the type, AF, SH, the RES0 and refused bits and the address bits
 * below the size, which must equal s2_leaf_want(): a page (0b11) at Arm
 * level 3, a block (0b01) at Arm levels 1 and 2, AF, inner shareable. The
 * engine's mask adds the address bits at or above its output size (struct
 * axpt.leaf_mask).
 */
static inline u64 s2_leaf_mask(unsigned int level)
{
	return S2_TYPE_MASK | S2_AF | S2_SH_MASK | S2_LEAF_BAD |
	       axpt_leaf_low_mask(level);
}

static inline u64 s2_leaf_want(unsigned int level)
{
	return (level ? S2_TYPE_BLOCK : S2_TYPE_MASK) | S2_AF | S2_SH_IS;
}

/* The address bits at or above @oas: must be zero in a leaf. */
static inline u64 s2_oas_mask(unsigned int oas)
{
	return S2_ADDR_MASK & ~(BIT_ULL(oas) - 1);
}

/*
 * Bits 7:2 of a leaf (MemAttr in 3:0 of the index, S2AP in 5:4) as an
 * index into a 64-bit map: S2_LOW_ANY has those with a MemAttr that
 * decodes and some S2AP bit; without S2AP bits (index below 16) a leaf
 * is valid only without XN (execute-only), looked up in S2_MEMATTR_OK.
 */
#define S2_LOW_ANY		(S2_MEMATTR_OK << 16 | S2_MEMATTR_OK << 32 | \
				 S2_MEMATTR_OK << 48)

/*
 * Is @pte a leaf the engine can decode at @level (at most
 * AXPT_MAX_LEAF_LEVEL), with @mask s2_leaf_mask() or a table's leaf_mask?
 * Also false for an entry that is not present. The compare, and bits 7:2
 * looked up: a MemAttr that decodes, and some access (XN is looked at
 * only without an S2AP bit).
 */
static __always_inline bool s2_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	unsigned int i = (pte >> S2_MEMATTR_SHIFT) & 63;

	return (pte & mask) == s2_leaf_want(level) &&
	       (((S2_LOW_ANY >> i) & 1) ||
		(((S2_MEMATTR_OK >> i) & 1) && !(pte & S2_XN)));
}

/*
 * The attributes of a leaf that s2_leaf_ok() accepts: bits 7:2 (S2AP and
 * MemAttr) looked up, XN inverted for execute. An entry is
 * AXPT_ATTR(S2AP, memory type) spelled out; entries of MemAttr values
 * s2_leaf_ok() refuses are never read.
 */
static inline u32 s2_leaf_decode(u64 pte)
{
	static const u16 attr[64] = {
		[S2_MEMATTR_DEV_NGNRE] = 0x200, [S2_MEMATTR_DEV_NGNRE | 16] = 0x201,
		[S2_MEMATTR_DEV_NGNRE | 32] = 0x202, [S2_MEMATTR_DEV_NGNRE | 48] = 0x203,
		[S2_MEMATTR_NC] = 0x100, [S2_MEMATTR_NC | 16] = 0x101,
		[S2_MEMATTR_NC | 32] = 0x102, [S2_MEMATTR_NC | 48] = 0x103,
		[S2_MEMATTR_WB] = 0x000, [S2_MEMATTR_WB | 16] = 0x001,
		[S2_MEMATTR_WB | 32] = 0x002, [S2_MEMATTR_WB | 48] = 0x003,
	};

	/* S2AP[7:6] is (write, read) like AXAS_PROT_*; XN (bit 54) inverted */
	BUILD_BUG_ON(S2_AP_R >> 6 != AXAS_PROT_READ ||
		     S2_AP_W >> 6 != AXAS_PROT_WRITE ||
		     S2_XN >> 52 != AXAS_PROT_EXEC ||
		     S2_MEMATTR_SHIFT != 2 || S2_MEMATTR_MASK >> 6);
	BUILD_BUG_ON(AXPT_ATTR(3, AXAS_MEM_DEVICE) != 0x203 ||
		     AXPT_ATTR(3, AXAS_MEM_NC) != 0x103 ||
		     AXPT_ATTR(3, AXAS_MEM_WB) != 0x003);
	return attr[(pte >> S2_MEMATTR_SHIFT) & 63] |
	       (u32)((~pte >> 52) & AXAS_PROT_EXEC);
}

/*
 * The attributes of the present leaf @pte at @level, or -EINVAL if it is
 * no leaf the engine can decode (see the top of this file).
 */
static inline int s2_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	if (level > AXPT_MAX_LEAF_LEVEL ||
	    !s2_leaf_ok(pte, level, s2_leaf_mask(level)))
		return -EINVAL;
	*attr = s2_leaf_decode(pte);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_ARM64_STAGE2_H */
