/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD NPT entries (AMD APM vol. 2, "Nested Paging"): ordinary x86-64
 * long-mode page tables rooted at nCR3.
 *
 * Guest accesses are checked as user accesses, so U/S is set at every
 * level. A present entry is always readable: READ is required, and write
 * or execute without read cannot be expressed. Memory types select host
 * PAT entries through PCD/PWT, assuming Linux's host PAT layout (entry 0
 * WB, entry 1 WC, entry 3 UC): WB -> 0, non-cacheable -> PWT (WC),
 * device -> PCD|PWT (UC). The PAT bit (7 in a 4 KiB entry, 12 in a large
 * one) is never set.
 *
 * Decoding refuses entries the hardware faults on or treats as reserved
 * (U/S clear at any level; PS and bit 8 in a PML4E or PML5E, MBZ; bits
 * 20:13 of a 2 MiB and 29:13 of a 1 GiB leaf, MBZ) and what the engine
 * never writes: either PAT bit, PCD without PWT, and table entries with
 * R/W clear or NX set (those restrict every leaf below them, which a
 * leaf's own bits would not show). A, D, G and the available bits may be
 * anything.
 */
#ifndef AXADDRSPACE_ARCH_X86_NPT_H
#define AXADDRSPACE_ARCH_X86_NPT_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include "axaddrspace/pt.h"

#define NPT_P			BIT_ULL(0)
#define NPT_RW			BIT_ULL(1)
#define NPT_US			BIT_ULL(2)
#define NPT_PWT			BIT_ULL(3)
#define NPT_PCD			BIT_ULL(4)
#define NPT_A			BIT_ULL(5)
#define NPT_D			BIT_ULL(6)
#define NPT_PS			BIT_ULL(7)
#define NPT_PAT_4K		BIT_ULL(7)	/* in a 4 KiB entry */
#define NPT_PAT_LARGE		BIT_ULL(12)
#define NPT_NX			BIT_ULL(63)
#define NPT_ADDR_MASK		GENMASK_ULL(51, 12)
#define NPT_CACHE_MASK		(NPT_PWT | NPT_PCD)
#define NPT_TABLE_BITS		(NPT_P | NPT_RW | NPT_US)
/* MBZ in a PML4E and a PML5E (PS, and bit 8). */
#define NPT_TOP_MBZ		GENMASK_ULL(8, 7)

#define NPT_MAX_OAS		52

static inline bool npt_present(u64 pte)
{
	return pte & NPT_P;
}

static inline bool npt_is_leaf(u64 pte, unsigned int level)
{
	return !level || (pte & NPT_PS);
}

static inline u64 npt_mk_table(u64 pa)
{
	return pa | NPT_TABLE_BITS;
}

/*
 * Is @pte (at @level > 0) a table entry the engine follows: P, R/W, U/S,
 * no PS, no NX and, in a PML4E or PML5E, no MBZ bit?
 *
 * Above level 1: subtracting the three low bits clears them only if all
 * three are set (else the difference's bits 2:0 are not zero; no borrow
 * reaches higher bits when they are), so one test of the difference
 * checks the set bits and the clear ones, a copy fewer than a masked
 * compare. At level 1 queries test PS first (fmt_leaf_hint()); there the
 * compiler would merge that test with the difference's into one, which
 * costs every 2 MiB leaf the whole test, so the masked compare stays.
 */
static inline bool npt_table_ok(u64 pte, unsigned int level)
{
	u64 mbz = level > AXPT_MAX_LEAF_LEVEL ? NPT_TOP_MBZ : NPT_PS;
	u64 mask = NPT_TABLE_BITS | NPT_NX | mbz;

	BUILD_BUG_ON(NPT_TABLE_BITS != 7);
	if (level == 1)
		return (pte & mask) == NPT_TABLE_BITS;
	return !((pte - NPT_TABLE_BITS) & mask);
}

static inline int npt_check_attr(u32 attr)
{
	if (axpt_device_exec(attr))
		return -EINVAL;
	if (!(AXPT_ATTR_PROT(attr) & AXAS_PROT_READ))
		return -EINVAL;
	return AXPT_ATTR_MEM(attr) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
}

static inline u64 npt_leaf_bits(u32 attr, unsigned int level)
{
	static const u64 cache[] = {
		[AXAS_MEM_WB] = 0,
		[AXAS_MEM_NC] = NPT_PWT,
		[AXAS_MEM_DEVICE] = NPT_PCD | NPT_PWT,
	};
	u32 prot = AXPT_ATTR_PROT(attr);
	u64 v = NPT_P | NPT_US | cache[AXPT_ATTR_MEM(attr)];

	if (prot & AXAS_PROT_WRITE)
		v |= NPT_RW;
	if (!(prot & AXAS_PROT_EXEC))
		v |= NPT_NX;
	if (level)
		v |= NPT_PS;
	return v;
}

/*
 * NPT_LOW_OK: bits 5:0 of a leaf (P, R/W, U/S, PWT, PCD, A) as an index
 * into a 64-bit map of those that decode: P and U/S set, and not PCD
 * without PWT.
 */
#define NPT_LOW_P_US		(BIT_ULL(NPT_P | NPT_US) |		\
				 BIT_ULL(NPT_P | NPT_US | NPT_RW))
#define NPT_LOW_CACHE_OK	(NPT_LOW_P_US |				\
				 NPT_LOW_P_US << NPT_PWT |		\
				 NPT_LOW_P_US << (NPT_PWT | NPT_PCD))
#define NPT_LOW_OK		(NPT_LOW_CACHE_OK | NPT_LOW_CACHE_OK << NPT_A)

/*
 * Leaf validity is one masked compare and one bitmap test: npt_leaf_mask()
 * selects PS and the address bits below the size (the large PAT bit among
 * them) above level 0, the PAT bit at level 0; they must equal
 * npt_leaf_want() (PS above level 0, else nothing, so that the compare is
 * a test). The engine's mask adds the address bits at or above its output
 * size (struct axpt.leaf_mask). P, U/S and the memory type are looked up
 * in NPT_LOW_OK.
 */
static inline u64 npt_leaf_mask(unsigned int level)
{
	return level ? NPT_PS | axpt_leaf_low_mask(level) : NPT_PAT_4K;
}

static inline u64 npt_leaf_want(unsigned int level)
{
	return level ? NPT_PS : 0;
}

/* The address bits at or above @oas: must be zero in a leaf. */
static inline u64 npt_oas_mask(unsigned int oas)
{
	return NPT_ADDR_MASK & ~(BIT_ULL(oas) - 1);
}

/*
 * Is @pte a leaf the engine can decode at @level (at most
 * AXPT_MAX_LEAF_LEVEL), with @mask npt_leaf_mask() or a table's
 * leaf_mask? Also false for an entry that is not present. The compare,
 * and bits 5:0 looked up in NPT_LOW_OK; each likely, so that a walk that
 * ends in a valid 1 GiB leaf runs straight through (measured: with the
 * failure placed first, the compiler made it jump twice).
 */
static __always_inline bool npt_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return likely((pte & mask) == npt_leaf_want(level)) &&
	       likely((NPT_LOW_OK >> (pte & 0x3f)) & 1);
}

/*
 * The attributes of a leaf that npt_leaf_ok() accepts: one lookup of NX
 * and bits 4:0, brought together by a rotation: the index holds NX in bit
 * 0, then P, R/W, U/S, PWT and PCD. An entry is AXPT_ATTR(READ, with
 * WRITE if R/W, with EXEC unless NX; the memory type of PCD:PWT)
 * spelled out. PCD without PWT is not an encoding we write
 * (npt_leaf_ok() refuses it): its row is never read.
 */
static inline u32 npt_leaf_decode(u64 pte)
{
	static const u16 attr[64] = {
		/* PCD:PWT 0: AXAS_MEM_WB (host PAT entry 0) */
		0x005, 0x001, 0x005, 0x001, 0x007, 0x003, 0x007, 0x003,
		0x005, 0x001, 0x005, 0x001, 0x007, 0x003, 0x007, 0x003,
		/* PCD:PWT 1: AXAS_MEM_NC (PAT entry 1, WC) */
		0x105, 0x101, 0x105, 0x101, 0x107, 0x103, 0x107, 0x103,
		0x105, 0x101, 0x105, 0x101, 0x107, 0x103, 0x107, 0x103,
		/* PCD:PWT 3: AXAS_MEM_DEVICE (PAT entry 3, UC) */
		[48] =
		0x205, 0x201, 0x205, 0x201, 0x207, 0x203, 0x207, 0x203,
		0x205, 0x201, 0x205, 0x201, 0x207, 0x203, 0x207, 0x203,
	};

	BUILD_BUG_ON(AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_EXEC,
			       AXAS_MEM_DEVICE) != 0x205 ||
		     AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE,
			       AXAS_MEM_NC) != 0x103 ||
		     AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE |
			       AXAS_PROT_EXEC, AXAS_MEM_WB) != 0x007);
	BUILD_BUG_ON(NPT_NX != BIT_ULL(63) || NPT_P != BIT_ULL(0) ||
		     NPT_RW != BIT_ULL(1) || NPT_US != BIT_ULL(2) ||
		     NPT_PWT != BIT_ULL(3) || NPT_PCD != BIT_ULL(4));
	return attr[(pte << 1 | pte >> 63) & 63];
}

/*
 * The attributes of the present leaf @pte at @level, or -EINVAL if it is
 * no leaf the engine can decode (see the top of this file).
 */
static inline int npt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	if (level > AXPT_MAX_LEAF_LEVEL ||
	    !npt_leaf_ok(pte, level, npt_leaf_mask(level)))
		return -EINVAL;
	*attr = npt_leaf_decode(pte);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_X86_NPT_H */
