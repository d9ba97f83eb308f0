// SPDX-License-Identifier: GPL-2.0
/*
 * One side of leaf-xcheck.sh: the formats' entry tests, compiled once
 * against the headers of the tree and once against those of an older
 * revision (LX_SIDE names the functions of each).
 */
#include "arch/x86/npt.h"
#include "arch/x86/ept.h"
#include "arch/arm64/stage2.h"
#include "arch/riscv/gstage.h"
#include "leaf_xcheck.h"

#define LX_CAT2(a, b)	a##b
#define LX_CAT(a, b)	LX_CAT2(a, b)
#define LX(name)	LX_CAT(LX_SIDE, name)

u32 LX(mkattr)(u32 prot, u32 mem)
{
	return AXPT_ATTR(prot, mem);
}

u64 LX(bits)(int f, u32 attr, unsigned int level)
{
	switch (f) {
	case LX_EPT:
		return ept_leaf_bits(attr, level);
	case LX_NPT:
		return npt_leaf_bits(attr, level);
	case LX_S2:
		return s2_leaf_bits(attr, level);
	default:
		return gst_leaf_bits(attr, level);
	}
}

/* The leaf test with a table's mask for an output size of @oas bits. */
int LX(leaf)(int f, u64 pte, unsigned int level, unsigned int oas)
{
	switch (f) {
	case LX_EPT:
		return ept_leaf_ok(pte, level,
				   ept_leaf_mask(level) | ept_oas_mask(oas));
	case LX_NPT:
		return npt_leaf_ok(pte, level,
				   npt_leaf_mask(level) | npt_oas_mask(oas));
	case LX_S2:
		return s2_leaf_ok(pte, level,
				  s2_leaf_mask(level) | s2_oas_mask(oas));
	default:
		return gst_leaf_ok(pte, level,
				   gst_leaf_mask(level) | gst_oas_mask(oas));
	}
}

int LX(attr)(int f, u64 pte, unsigned int level, u32 *attr)
{
	switch (f) {
	case LX_EPT:
		return ept_leaf_attr(pte, level, attr);
	case LX_NPT:
		return npt_leaf_attr(pte, level, attr);
	case LX_S2:
		return s2_leaf_attr(pte, level, attr);
	default:
		return gst_leaf_attr(pte, level, attr);
	}
}

int LX(table)(int f, u64 pte, unsigned int level)
{
	switch (f) {
	case LX_EPT:
		return ept_table_ok(pte);
	case LX_NPT:
		return npt_table_ok(pte, level);
	case LX_S2:
		return s2_table_ok(pte);
	default:
		return gst_table_ok(pte);
	}
}

/* The formats' fmt_leaf_hint() (arch/.../<format>.c). */
int LX(hint)(int f, u64 pte)
{
	switch (f) {
	case LX_EPT:
		return !!(pte & EPT_PS);
	case LX_NPT:
		return !!(pte & NPT_PS);
	case LX_S2:
		return !(pte & S2_TABLE);
	default:
		return 0;	/* RISC-V has no hint */
	}
}
