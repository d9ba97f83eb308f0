// SPDX-License-Identifier: GPL-2.0
/*
 * Intel EPT, 4-level (48-bit GPA) and 5-level (57-bit GPA): the engine's
 * algorithm instantiated over the EPT entry encoders.
 */
#include "arch/x86/ept.h"

static __always_inline bool fmt_present(u64 pte)
{
	return ept_present(pte);
}

static __always_inline bool fmt_is_leaf(u64 pte, unsigned int level)
{
	return ept_is_leaf(pte, level);
}

/* One bit test: true for a leaf above level 0, false for a table entry. */
static __always_inline bool fmt_leaf_hint(u64 pte)
{
	return pte & EPT_PS;
}

static __always_inline u64 fmt_table_pa(u64 pte)
{
	return pte & EPT_ADDR_MASK;
}

static __always_inline bool fmt_table_ok(u64 pte, unsigned int level)
{
	return ept_table_ok(pte);
}

static __always_inline u64 fmt_leaf_pa(u64 pte, unsigned int level)
{
	return pte & EPT_ADDR_MASK & ~((1ULL << axpt_level_shift(level)) - 1);
}

static __always_inline u64 fmt_mk_table(u64 pa)
{
	return ept_mk_table(pa);
}

static __always_inline u64 fmt_mk_leaf(u64 pa, u64 bits)
{
	return pa | bits;
}

static __always_inline u64 fmt_leaf_bits(u32 attr, unsigned int level)
{
	return ept_leaf_bits(attr, level);
}

static __always_inline int fmt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	return ept_leaf_attr(pte, level, attr);
}

static __always_inline bool fmt_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return ept_leaf_ok(pte, level, mask);
}

static __always_inline u32 fmt_leaf_decode(u64 pte)
{
	return ept_leaf_decode(pte);
}

static __always_inline u64 fmt_leaf_mask(unsigned int level)
{
	return ept_leaf_mask(level);
}

static __always_inline u64 fmt_oas_mask(unsigned int oas)
{
	return ept_oas_mask(oas);
}

/* Does the architecture require break-before-make (see engine.rst)? */
static __always_inline bool fmt_needs_bbm(void)
{
	return false;
}

/* Bits the hardware itself may set in a leaf: kept by protect. */
static __always_inline u64 fmt_hw_bits(const struct axpt *pt)
{
	return pt->cfg_flags & AXPT_CFG_EPT_AD ? EPT_A | EPT_D : 0;
}

/*
 * The hardware bits a new leaf with @attr is installed with where the
 * processor sets them (A/D enabled): A, and D when it is writable; see
 * arch/x86/npt.c. Without A/D, bits 8 and 9 are ignored and left clear.
 */
static __always_inline u64 fmt_hw_preset(const struct axpt *pt, u32 attr)
{
	if (!(pt->cfg_flags & AXPT_CFG_EPT_AD))
		return 0;
	return EPT_A | (attr & AXAS_PROT_WRITE ? EPT_D : 0);
}

/* The "break" of break-before-make: invalid, the rest kept. */
static __always_inline u64 fmt_break(u64 pte)
{
	return pte & ~EPT_RWX;
}

#include "axaddrspace/pt_algo.h"

static int ept_setup(const struct axpt_cfg *cfg, struct axpt *pt)
{
	int ret = axpt_setup_uniform(cfg, pt, 4, 5, 0, EPT_MAX_OAS);

	if (!ret)
		pt_setup_checks(pt, ept_check_attr);
	return ret;
}

static void ept_root_value(const struct axpt *pt, struct axpt_root *root)
{
	root->value = pt->root_pa | EPTP_MT_WB |
		      ((u64)(pt->levels - 1) << EPTP_WALK_SHIFT);
	if (pt->cfg_flags & AXPT_CFG_EPT_AD)
		root->value |= EPTP_AD;
	root->vtcr = 0;
}

const struct axpt_format axpt_fmt_ept = {
	.id = AXAS_FORMAT_INTEL_EPT,
	.name = "intel-ept",
	.max_oas = EPT_MAX_OAS,
	.cfg_flags = AXPT_CFG_EPT_AD,
	.setup = ept_setup,
	.check_attr = ept_check_attr,
	.root_value = ept_root_value,
	AXPT_ALGO_OPS,
};
