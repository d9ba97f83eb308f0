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
 * device -> PCD|PWT (UC). The large-page PAT bit (12) is never set.
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
#define NPT_PAT_LARGE		BIT_ULL(12)
#define NPT_NX			BIT_ULL(63)
#define NPT_ADDR_MASK		GENMASK_ULL(51, 12)
#define NPT_CACHE_MASK		(NPT_PWT | NPT_PCD)

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
	return pa | NPT_P | NPT_RW | NPT_US;
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

/* A table rather than a switch: this is on the path of every query. */
static inline int npt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	/* Indexed by PCD:PWT; PCD without PWT is not an encoding we write. */
	static const s8 mem[4] = {
		AXAS_MEM_WB, AXAS_MEM_NC, -1, AXAS_MEM_DEVICE,
	};
	int m = mem[(pte & NPT_CACHE_MASK) >> 3];
	u32 prot;

	if (m < 0 || !(pte & NPT_US) || (level && (pte & NPT_PAT_LARGE)))
		return -EINVAL;
	/* R/W (bit 1) is AXAS_PROT_WRITE; NX (bit 63) inverted is EXEC */
	BUILD_BUG_ON(NPT_RW >> 1 != AXAS_PROT_WRITE >> 1 ||
		     NPT_NX >> 61 != AXAS_PROT_EXEC);
	prot = AXAS_PROT_READ | (u32)(pte & NPT_RW) |
	       (u32)((~pte >> 61) & AXAS_PROT_EXEC);
	*attr = AXPT_ATTR(prot, (u32)m);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_X86_NPT_H */
