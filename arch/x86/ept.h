/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel EPT entries (Intel SDM vol. 3C, "The Extended Page Table Mechanism").
 *
 * Present when any of R/W/X is set. Leaves: 4 KiB at level 0, PS=1 at
 * levels 1 (2 MiB) and 2 (1 GiB). Memory types are forced with IPAT:
 * WB (6) for normal memory, WC (1) for non-cacheable, UC (0) for device.
 * W without R is an EPT misconfiguration and is refused. X without R needs
 * the execute-only capability (IA32_VMX_EPT_VPID_CAP bit 0): the VMM checks.
 */
#ifndef AXADDRSPACE_ARCH_X86_EPT_H
#define AXADDRSPACE_ARCH_X86_EPT_H

#include <linux/bits.h>
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

/* A table rather than a switch: this is on the path of every query. */
static inline int ept_leaf_attr(u64 pte, u32 *attr)
{
	static const s8 mem[8] = {
		[EPT_MT_UC] = AXAS_MEM_DEVICE, [EPT_MT_WC] = AXAS_MEM_NC,
		[2] = -1, [3] = -1, [4] = -1, [5] = -1,
		[EPT_MT_WB] = AXAS_MEM_WB, [7] = -1,
	};
	int m = mem[(pte & EPT_MT_MASK) >> EPT_MT_SHIFT];

	if (m < 0 || !(pte & EPT_IPAT))
		return -EINVAL;
	*attr = AXPT_ATTR((u32)(pte & EPT_RWX), (u32)m);
	return 0;
}

#endif /* AXADDRSPACE_ARCH_X86_EPT_H */
