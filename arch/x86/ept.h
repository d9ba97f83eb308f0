/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel EPT entries (Intel SDM vol. 3C, "The Extended Page Table Mechanism").
 *
 * Present when any of R/W/X is set. Leaves: 4 KiB at level 0, PS=1 at
 * levels 1 (2 MiB) and 2 (1 GiB). Memory types are forced with IPAT:
 * WB (6) for normal memory, WC (1) for non-cacheable, UC (0) for device.
 * W without R is an EPT misconfiguration and is refused. X without R needs
 * the execute-only capability (IA32_VMX_EPT_VPID_CAP bit 0): the VMM checks.
 *
 * Decoding refuses what the SDM calls a misconfiguration (W without R,
 * a reserved bit set: bits 7:3 of a non-leaf entry, PS in a PML4E or
 * PML5E, bits 20:12 of a 2 MiB and 29:12 of a 1 GiB leaf; memory types 2,
 * 3 and 7) and what the engine never writes: WT and WP, IPAT clear, and
 * table entries without all of R, W and X (permissions are the AND of
 * every level [SDM], so a leaf's own bits would not tell what it allows).
 * A, D, bit 10 and the ignored bits may be anything.
 */
#ifndef AXADDRSPACE_ARCH_X86_EPT_H
#define AXADDRSPACE_ARCH_X86_EPT_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include "axaddrspace/pt.h"

#define EPT_R			BIT_ULL(0)
#define EPT_W			BIT_ULL(1)
#define EPT_X			BIT_ULL(2)
#define EPT_MT_SHIFT		3
#define EPT_MT_MASK		GENMASK_ULL(5, 3)
#define EPT_MT_UC		0ULL
#define EPT_MT_WC		1ULL
#define EPT_MT_WB		6ULL
#define EPT_IPAT		BIT_ULL(6)
#define EPT_PS			BIT_ULL(7)
#define EPT_A			BIT_ULL(8)
#define EPT_D			BIT_ULL(9)
#define EPT_ADDR_MASK		GENMASK_ULL(51, 12)
#define EPT_RWX			(EPT_R | EPT_W | EPT_X)
/* Reserved in every non-leaf entry (bit 7 is PS in a PDPTE or PDE). */
#define EPT_TABLE_RSVD		GENMASK_ULL(7, 3)
/*
 * The leaf bits 5:0 (MT << 3 | X W R) that decode, as a bitmap: memory type
 * UC, WC or WB, and R, RW, X, RX or RWX (not none, not W without R).
 */
#define EPT_PROT_OK		0xbaULL
#define EPT_LOW_OK		(EPT_PROT_OK << (8 * EPT_MT_UC) |	\
				 EPT_PROT_OK << (8 * EPT_MT_WC) |	\
				 EPT_PROT_OK << (8 * EPT_MT_WB))

/* EPTP: paging-structure memory type, walk length - 1, A/D enable. */
#define EPTP_MT_WB		6ULL
#define EPTP_WALK_SHIFT		3
#define EPTP_AD			BIT_ULL(6)

#define EPT_MAX_OAS		52

static inline bool ept_present(u64 pte)
{
	return pte & EPT_RWX;
}

static inline bool ept_is_leaf(u64 pte, unsigned int level)
{
	return !level || (pte & EPT_PS);
}

static inline u64 ept_mk_table(u64 pa)
{
	return pa | EPT_RWX;
}

/*
 * Is @pte (above level 0) a table entry the engine follows: R, W and X,
 * and no reserved bit (PS among them)?
 */
static inline bool ept_table_ok(u64 pte)
{
	return (pte & (EPT_RWX | EPT_TABLE_RSVD)) == EPT_RWX;
}

static inline int ept_check_attr(u32 attr)
{
	u32 prot = AXPT_ATTR_PROT(attr);

	if (axpt_device_exec(attr))
		return -EINVAL;
	if (!prot || ((prot & AXAS_PROT_WRITE) && !(prot & AXAS_PROT_READ)))
		return -EINVAL;
	return AXPT_ATTR_MEM(attr) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
}

static inline u64 ept_leaf_bits(u32 attr, unsigned int level)
{
	static const u64 mt[] = {
		[AXAS_MEM_WB] = EPT_MT_WB << EPT_MT_SHIFT,
		[AXAS_MEM_NC] = EPT_MT_WC << EPT_MT_SHIFT,
		[AXAS_MEM_DEVICE] = EPT_MT_UC << EPT_MT_SHIFT,
	};
	u64 v = EPT_IPAT | mt[AXPT_ATTR_MEM(attr)];

	/* R, W and X are bits 0-2, in the same order as AXAS_PROT_*. */
	v |= AXPT_ATTR_PROT(attr);
	if (level)
		v |= EPT_PS;
	return v;
}

/*
 * Leaf validity is one masked compare and one bitmap test: ept_leaf_mask()
 * selects IPAT, PS above level 0 and the address bits below the leaf's
 * size, which must equal ept_leaf_want(); the engine's mask adds the
 * address bits at or above its output size (struct axpt.leaf_mask).
 */
static inline u64 ept_leaf_mask(unsigned int level)
{
	return EPT_IPAT | (level ? EPT_PS : 0) | axpt_leaf_low_mask(level);
}

static inline u64 ept_leaf_want(unsigned int level)
{
	return EPT_IPAT | (level ? EPT_PS : 0);
}

/* The address bits at or above @oas: must be zero in a leaf. */
static inline u64 ept_oas_mask(unsigned int oas)
{
	return EPT_ADDR_MASK & ~(BIT_ULL(oas) - 1);
}

/*
 * Is @pte a leaf the engine can decode at @level (at most
 * AXPT_MAX_LEAF_LEVEL), with @mask ept_leaf_mask() or a table's
 * leaf_mask? Also false for an entry that is not present. Without
 * branches: the compare, and bits 5:0 (memory type and R, W, X) looked up
 * in EPT_LOW_OK.
 */
static __always_inline bool ept_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return ((pte & mask) == ept_leaf_want(level)) &
	       (bool)((EPT_LOW_OK >> (pte & 0x3f)) & 1);
}

/*
 * The attributes of a leaf that ept_leaf_ok() accepts: one lookup of its
 * bits 5:0, the memory type and RWX (which are AXAS_PROT_* as they are).
 * An entry is AXPT_ATTR(RWX, memory type), AXPT_ATTR() spelled out;
 * entries of memory types ept_leaf_ok() refuses are never read.
 */
static inline u32 ept_leaf_decode(u64 pte)
{
	static const u16 attr[64] = {
		[EPT_MT_UC << EPT_MT_SHIFT] =	/* AXAS_MEM_DEVICE */
			0x200, 0x201, 0x202, 0x203, 0x204, 0x205, 0x206, 0x207,
		[EPT_MT_WC << EPT_MT_SHIFT] =	/* AXAS_MEM_NC */
			0x100, 0x101, 0x102, 0x103, 0x104, 0x105, 0x106, 0x107,
		[EPT_MT_WB << EPT_MT_SHIFT] =	/* AXAS_MEM_WB */
			0x000, 0x001, 0x002, 0x003, 0x004, 0x005, 0x006, 0x007,
	};

	BUILD_BUG_ON(AXPT_ATTR(7, AXAS_MEM_DEVICE) != 0x207 ||
		     AXPT_ATTR(7, AXAS_MEM_NC) != 0x107 ||
		     AXPT_ATTR(7, AXAS_MEM_WB) != 0x007 ||
		     EPT_MT_MASK >> 6 || EPT_R != AXAS_PROT_READ ||
		     EPT_W != AXAS_PROT_WRITE || EPT_X != AXAS_PROT_EXEC);
	return attr[pte & (EPT_MT_MASK | EPT_RWX)];
}

/*
 * The attributes of the present leaf @pte at @level, or -EINVAL if it is
 * no leaf the engine can decode (see the top of this file).
 */
static inline int ept_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	if (level > AXPT_MAX_LEAF_LEVEL ||
	    !ept_leaf_ok(pte, level, ept_leaf_mask(level)))
		return -EINVAL;
	*attr = ept_leaf_decode(pte);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_X86_EPT_H */
