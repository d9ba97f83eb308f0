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

/*
 * Is @pte (above level 0) a table descriptor (0b11) with no RES0 bit?
 * Subtracting 0b11 clears the type bits only for a table descriptor (no
 * borrow then reaches the higher bits), so one test of the difference
 * checks the type and the RES0 bits: a copy fewer than a masked compare.
 */
static inline bool s2_table_ok(u64 pte)
{
	BUILD_BUG_ON(S2_TYPE_MASK != 3 || (S2_VALID | S2_TABLE) != 3);
	return !((pte - S2_TYPE_MASK) & (S2_TYPE_MASK | S2_TABLE_RES0));
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
	u64 i = pte >> S2_MEMATTR_SHIFT;

	/*
	 * An execute-only leaf (no S2AP bit, index below 16) is looked up
	 * by its MemAttr alone: its own mask, so that the common test uses
	 * the shifted entry as it is (a bit test takes the index modulo 64).
	 */
	return (pte & mask) == s2_leaf_want(level) &&
	       (((S2_LOW_ANY >> (i & 63)) & 1) ||
		(!(i & 0x30) && ((S2_MEMATTR_OK >> (i & 15)) & 1) &&
		 !(pte & S2_XN)));
}

/*
 * The index of s2_leaf_decode()'s table: bits 7:2 of a leaf (MemAttr in
 * bits 3:0, S2AP in 5:4) and XN in bit 6.
 */
static __always_inline unsigned int s2_attr_index(u64 pte)
{
	return ((pte >> S2_MEMATTR_SHIFT) & 63) | ((pte >> 48) & 64);
}

/*
 * The attributes of a leaf whose bits s2_leaf_mask() selects are valid,
 * or 0 if its MemAttr, S2AP and XN are refused (no valid leaf decodes to
 * 0: it has some access). One lookup, indexed by s2_attr_index(): an
 * entry is AXPT_ATTR(S2AP and not XN, memory type) spelled out, 0 for a
 * MemAttr that does not decode and for S2AP 0b00 with XN.
 */
static __always_inline u32 s2_leaf_lookup(u64 pte)
{
	static const u16 attr[128] = {
		/* XN clear: executable */
		[0x01] = 0x204, [0x11] = 0x205, [0x21] = 0x206, [0x31] = 0x207,
		[0x05] = 0x104, [0x15] = 0x105, [0x25] = 0x106, [0x35] = 0x107,
		[0x0f] = 0x004, [0x1f] = 0x005, [0x2f] = 0x006, [0x3f] = 0x007,
		/* XN set: S2AP 0b00 (index 0x4X) refused */
		[0x51] = 0x201, [0x61] = 0x202, [0x71] = 0x203,
		[0x55] = 0x101, [0x65] = 0x102, [0x75] = 0x103,
		[0x5f] = 0x001, [0x6f] = 0x002, [0x7f] = 0x003,
	};

	/* S2AP[7:6] is (write, read) like AXAS_PROT_*, XN is bit 6 of the index */
	BUILD_BUG_ON(S2_AP_R >> 6 != AXAS_PROT_READ ||
		     S2_AP_W >> 6 != AXAS_PROT_WRITE ||
		     S2_XN >> 48 != 64 || AXAS_PROT_EXEC != 4 ||
		     S2_MEMATTR_SHIFT != 2 || S2_MEMATTR_MASK >> 6);
	BUILD_BUG_ON(S2_MEMATTR_DEV_NGNRE != 0x1 || S2_MEMATTR_NC != 0x5 ||
		     S2_MEMATTR_WB != 0xf);
	BUILD_BUG_ON(AXPT_ATTR(7, AXAS_MEM_DEVICE) != 0x207 ||
		     AXPT_ATTR(1, AXAS_MEM_NC) != 0x101 ||
		     AXPT_ATTR(4, AXAS_MEM_WB) != 0x004);
	return attr[s2_attr_index(pte)];
}

/* The attributes of a leaf that s2_leaf_ok() accepts. */
static inline u32 s2_leaf_decode(u64 pte)
{
	return s2_leaf_lookup(pte);
}

/*
 * s2_leaf_ok() and s2_leaf_decode() in one: true, with the leaf's
 * attributes in *@attr, if s2_leaf_ok() is; else false with *@attr
 * undefined. The lookup that decodes is the check of bits 7:2 and XN, so
 * that a query costs the compare and one lookup (s2_leaf_ok() alone, for
 * translations, tests an immediate's bit instead).
 */
static __always_inline bool s2_leaf_ok_decode(u64 pte, unsigned int level,
					      u64 mask, u32 *attr)
{
	*attr = s2_leaf_lookup(pte);
	return (pte & mask) == s2_leaf_want(level) && *attr;
}

/*
 * The attributes of the present leaf @pte at @level, or -EINVAL if it is
 * no leaf the engine can decode (see the top of this file).
 */
static inline int s2_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	u32 a;

	if (level > AXPT_MAX_LEAF_LEVEL ||
	    !s2_leaf_ok_decode(pte, level, s2_leaf_mask(level), &a))
		return -EINVAL;
	*attr = a;
	return 0;
}

#endif /* AXADDRSPACE_ARCH_ARM64_STAGE2_H */
