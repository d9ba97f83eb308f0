/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RISC-V G-stage (hypervisor extension) PTEs for Sv39x4, Sv48x4, Sv57x4.
 *
 * The root resolves 2 extra bits (2048 entries, 16 KiB, 16 KiB aligned).
 * Non-leaf: V=1, R=W=X=0. Leaves: U=1 (G-stage accesses are user
 * accesses), A=1, and D=1 when writable, so hardware without Svadu does
 * not fault on first use. PBMT (Svpbmt) gives the memory type: 0 PMA
 * (normal write-back), 1 NC, 2 IO. W without R is reserved and refused.
 *
 * Decoding refuses what the hardware raises a guest-page fault on (W
 * without R; U or A clear in a leaf, D clear in a writable one, as without
 * Svadu; a misaligned superpage; a non-leaf at level 0; bits reserved for
 * future standard use: 60:54 everywhere, PBMT 3, and D, A, U, PBMT and N
 * in a non-leaf) and what the engine never writes and cannot describe:
 * leaves above 1 GiB (Sv48x4 and Sv57x4 terapages and petapages) and N
 * (Svnapot: a 64 KiB range). PBMT 1 and 2 assume Svpbmt. G and the RSW
 * bits may be anything.
 */
#ifndef AXADDRSPACE_ARCH_RISCV_GSTAGE_H
#define AXADDRSPACE_ARCH_RISCV_GSTAGE_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include "axaddrspace/pt.h"

#define GST_V			BIT_ULL(0)
#define GST_R			BIT_ULL(1)
#define GST_W			BIT_ULL(2)
#define GST_X			BIT_ULL(3)
#define GST_U			BIT_ULL(4)
#define GST_G			BIT_ULL(5)
#define GST_A			BIT_ULL(6)
#define GST_D			BIT_ULL(7)
#define GST_RWX			(GST_R | GST_W | GST_X)
#define GST_PPN_SHIFT		10
#define GST_PPN_MASK		GENMASK_ULL(53, 10)
#define GST_PBMT_SHIFT		61
#define GST_PBMT_MASK		GENMASK_ULL(62, 61)
#define GST_PBMT_PMA		0ULL
#define GST_PBMT_NC		1ULL
#define GST_PBMT_IO		2ULL
#define GST_N			BIT_ULL(63)
/* Reserved for future standard use: set, the hardware faults. */
#define GST_RSVD		GENMASK_ULL(60, 54)
#define GST_TABLE_RSVD		(GST_N | GST_PBMT_MASK | GST_RSVD | GST_D | \
				 GST_A | GST_U)

/* hgatp */
#define HGATP_MODE_SHIFT	60
#define HGATP_MODE_SV39X4	8ULL
#define HGATP_MODE_SV48X4	9ULL
#define HGATP_MODE_SV57X4	10ULL
#define HGATP_VMID_SHIFT	44
#define HGATP_PPN_MASK		GENMASK_ULL(43, 0)

/* The PPN field holds 44 bits: 56-bit physical addresses. */
#define GST_MAX_OAS		56

static inline bool gst_present(u64 pte)
{
	return pte & GST_V;
}

static inline bool gst_is_leaf(u64 pte, unsigned int level)
{
	return pte & GST_RWX;
}

static inline u64 gst_pa(u64 pte)
{
	return (pte & GST_PPN_MASK) << (12 - GST_PPN_SHIFT);
}

static inline u64 gst_mk_table(u64 pa)
{
	return (pa >> (12 - GST_PPN_SHIFT)) | GST_V;
}

/*
 * Is @pte (above level 0) a non-leaf entry: V, R=W=X=0, no reserved bit?
 * That is (@pte & mask) == GST_V, tested as ((@pte - 1) & mask) == 0,
 * one instruction less: with V set the subtraction clears V alone, with
 * V clear it sets V (the mask holds it).
 */
static inline bool gst_table_ok(u64 pte)
{
	return !((pte - GST_V) & (GST_V | GST_RWX | GST_TABLE_RSVD));
}

static inline int gst_check_attr(u32 attr)
{
	u32 prot = AXPT_ATTR_PROT(attr);

	if (axpt_device_exec(attr))
		return -EINVAL;
	if (!prot || ((prot & AXAS_PROT_WRITE) && !(prot & AXAS_PROT_READ)))
		return -EINVAL;
	return AXPT_ATTR_MEM(attr) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
}

static inline u64 gst_leaf_bits(u32 attr, unsigned int level)
{
	static const u64 pbmt[] = {
		[AXAS_MEM_WB] = GST_PBMT_PMA << GST_PBMT_SHIFT,
		[AXAS_MEM_NC] = GST_PBMT_NC << GST_PBMT_SHIFT,
		[AXAS_MEM_DEVICE] = GST_PBMT_IO << GST_PBMT_SHIFT,
	};
	u32 prot = AXPT_ATTR_PROT(attr);
	/* R, W and X are bits 1-3, in the order of AXAS_PROT_* shifted by 1. */
	u64 v = GST_V | GST_U | GST_A | ((u64)prot << 1) | pbmt[AXPT_ATTR_MEM(attr)];

	if (prot & AXAS_PROT_WRITE)
		v |= GST_D;
	return v;
}

/*
 * Leaf validity is one masked compare and one table lookup: gst_leaf_mask()
 * selects N, PBMT, the reserved bits and the PPN bits below a superpage's
 * size; the selected bits, rotated so that N and PBMT come lowest, must
 * be at most PBMT 2 (IO) (gst_leaf_want()): N, PBMT 3 and any other bit of
 * the mask make more. The low byte must be one gst_leaf_ok() accepts. The
 * engine's mask adds the PPN bits of addresses at or above its output
 * size (struct axpt.leaf_mask).
 */
static inline u64 gst_leaf_mask(unsigned int level)
{
	return GST_N | GST_PBMT_MASK | GST_RSVD |
	       axpt_leaf_low_mask(level) >> (12 - GST_PPN_SHIFT);
}

static inline u64 gst_leaf_want(unsigned int level)
{
	return GST_PBMT_IO;
}

/* The PPN bits of addresses at or above @oas: must be zero in a leaf. */
static inline u64 gst_oas_mask(unsigned int oas)
{
	return GST_PPN_MASK & ~(BIT_ULL(oas - (12 - GST_PPN_SHIFT)) - 1);
}

/*
 * Is @pte a leaf the engine can decode at @level (at most
 * AXPT_MAX_LEAF_LEVEL), with @mask gst_leaf_mask() or a table's
 * leaf_mask? Also false for an entry that is not present or not a leaf.
 * The masked compare, then the low byte looked up.
 */
static __always_inline bool gst_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	/*
	 * Indexed by the low byte (V, R, W, X, U, G, A, D): OK (0) if V, U
	 * and A are set, some of R, W, X, and with W also R and D; else NO,
	 * which no value the rotated compare accepts survives (see below).
	 */
	enum { OK = 0, NO = 4 };
	static const u8 low_add[256] = {
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, OK, NO, NO, NO, NO, NO, OK, NO, OK, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, OK, NO, NO, NO, NO, NO, OK, NO, OK, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, OK, NO, NO, NO, OK, NO, OK, NO, OK, NO, NO, NO, OK,
		NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
		NO, NO, NO, OK, NO, NO, NO, OK, NO, OK, NO, OK, NO, NO, NO, OK,
	};

	u64 sel = pte & mask;

	/*
	 * Rotated right by 61: N and PBMT in bits 2:0, the rest above. The
	 * selected bits do not include bits 9:0, so the rotated value has
	 * bits 12:3 clear: it is at most 7 or at least 1 << 13, and adding
	 * NO (4) neither makes the first at most gst_leaf_want() (2) nor
	 * wraps the second around. One compare thus tests both, with a
	 * plain load of the byte.
	 */
	return likely((sel >> GST_PBMT_SHIFT | sel << (64 - GST_PBMT_SHIFT)) +
		      low_add[pte & 0xff] <= gst_leaf_want(level));
}

/*
 * The attributes of a leaf that gst_leaf_ok() accepts: one lookup of PBMT
 * and R, W, X, brought together by a rotation (right by 61: PBMT in bits
 * 1:0, N in bit 2, V in bit 3, R, W, X in bits 6:4). An entry is
 * AXPT_ATTR(RWX, PBMT) spelled out: R, W and X are AXAS_PROT_* shifted by
 * one, PBMT 0/1/2 are AXAS_MEM_WB/NC/DEVICE. Combinations gst_leaf_ok()
 * refuses (no R, W or X; W without R; PBMT 3) are never read.
 */
static inline u32 gst_leaf_decode(u64 pte)
{
	static const u16 attr[128] = {
		[0x10] = 0x001, [0x11] = 0x101, [0x12] = 0x201,	/* R */
		[0x30] = 0x003, [0x31] = 0x103, [0x32] = 0x203,	/* RW */
		[0x40] = 0x004, [0x41] = 0x104, [0x42] = 0x204,	/* X */
		[0x50] = 0x005, [0x51] = 0x105, [0x52] = 0x205,	/* RX */
		[0x70] = 0x007, [0x71] = 0x107, [0x72] = 0x207,	/* RWX */
	};

	BUILD_BUG_ON(GST_R >> 1 != AXAS_PROT_READ ||
		     GST_W >> 1 != AXAS_PROT_WRITE ||
		     GST_X >> 1 != AXAS_PROT_EXEC);
	BUILD_BUG_ON(GST_PBMT_MASK != (BIT_ULL(61) | BIT_ULL(62)));
	BUILD_BUG_ON(GST_PBMT_PMA != AXAS_MEM_WB || GST_PBMT_NC != AXAS_MEM_NC ||
		     GST_PBMT_IO != AXAS_MEM_DEVICE);
	BUILD_BUG_ON(AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE |
			       AXAS_PROT_EXEC, AXAS_MEM_DEVICE) != 0x207 ||
		     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_NC) != 0x101);
	return attr[(pte >> GST_PBMT_SHIFT | pte << (64 - GST_PBMT_SHIFT)) &
		    0x73];
}

/*
 * The attributes of the present leaf @pte at @level, or -EINVAL if it is
 * no leaf the engine can decode (see the top of this file).
 */
static inline int gst_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	if (level > AXPT_MAX_LEAF_LEVEL ||
	    !gst_leaf_ok(pte, level, gst_leaf_mask(level)))
		return -EINVAL;
	*attr = gst_leaf_decode(pte);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_RISCV_GSTAGE_H */
