// SPDX-License-Identifier: GPL-2.0
/*
 * Arm stage 2, 4 KiB granule, 32 to 48-bit IPA: the engine's algorithm
 * instantiated over the stage-2 descriptor encoders.
 */
#include <linux/array_size.h>
#include "arch/arm64/stage2.h"
#include "axaddrspace/oracle/oracle_break.h"

static __always_inline bool fmt_present(u64 pte)
{
	return s2_present(pte);
}

static __always_inline bool fmt_is_leaf(u64 pte, unsigned int level)
{
	return s2_is_leaf(pte, level);
}

/* One bit test: true for a leaf above level 0, false for a table entry. */
static __always_inline bool fmt_leaf_hint(u64 pte)
{
	return !(pte & S2_TABLE);
}

static __always_inline u64 fmt_table_pa(u64 pte)
{
	return pte & S2_ADDR_MASK;
}

static __always_inline bool fmt_table_ok(u64 pte, unsigned int level)
{
	return s2_table_ok(pte);
}

static __always_inline u64 fmt_leaf_pa(u64 pte, unsigned int level)
{
	return pte & S2_ADDR_MASK & ~((1ULL << axpt_level_shift(level)) - 1);
}

static __always_inline u64 fmt_mk_table(u64 pa)
{
	return s2_mk_table(pa);
}

static __always_inline u64 fmt_mk_leaf(u64 pa, u64 bits)
{
	return pa | bits;
}

static __always_inline u64 fmt_leaf_bits(u32 attr, unsigned int level)
{
	return axpt_oracle_break(s2_leaf_bits(attr, level), 6, 7);	/* S2AP R, W */
}

static __always_inline int fmt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	return s2_leaf_attr(axpt_oracle_break(pte, 6, 7), level, attr);
}

static __always_inline bool fmt_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return s2_leaf_ok(axpt_oracle_break(pte, 6, 7), level, mask);
}

static __always_inline u32 fmt_leaf_decode(u64 pte)
{
	return s2_leaf_decode(axpt_oracle_break(pte, 6, 7));
}

/* One lookup both checks and decodes bits 7:2 and XN. */
#define fmt_leaf_ok_decode fmt_leaf_ok_decode
static __always_inline bool fmt_leaf_ok_decode(u64 pte, unsigned int level,
					       u64 mask, u32 *attr)
{
	return s2_leaf_ok_decode(axpt_oracle_break(pte, 6, 7), level, mask,
				 attr);
}

static __always_inline u64 fmt_leaf_mask(unsigned int level)
{
	return s2_leaf_mask(level);
}

static __always_inline u64 fmt_oas_mask(unsigned int oas)
{
	return s2_oas_mask(oas);
}

/* Does the architecture require break-before-make (see engine.rst)? */
static __always_inline bool fmt_needs_bbm(void)
{
	return true;
}

/* Bits the hardware itself may set in a leaf: kept by protect. */
static __always_inline u64 fmt_hw_bits(const struct axpt *pt)
{
	return 0;
}

/* No bit the hardware sets: nothing to preset (see arch/x86/npt.c). */
static __always_inline u64 fmt_hw_preset(const struct axpt *pt, u32 attr)
{
	return 0;
}

/* The "break" of break-before-make: invalid, the rest kept. */
static __always_inline u64 fmt_break(u64 pte)
{
	return pte & ~S2_VALID;
}

#include "axaddrspace/pt_algo.h"

/* VTCR_EL2.PS encodings, indexed by value: output address bits. */
static const u8 s2_ps_bits[] = { 32, 36, 40, 42, 44, 48 };

static int s2_ps(unsigned int oas)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(s2_ps_bits); i++)
		if (s2_ps_bits[i] == oas)
			return i;
	return -EINVAL;
}

/*
 * The starting level resolves between 1 and 13 bits (up to 16 concatenated
 * tables); starting at Arm level 0 (4 levels) needs an output size above
 * 42 bits (Arm ARM, VTCR_EL2.SL0 and T0SZ constraints for 4 KiB granules).
 */
static bool s2_levels_ok(unsigned int ias, unsigned int levels,
			 unsigned int oas)
{
	int top = (int)ias - AXPT_PAGE_SHIFT - AXPT_LEVEL_BITS * ((int)levels - 1);

	return levels >= 2 && levels <= 4 && top >= 1 && top <= 13 &&
	       (levels < 4 || oas > 42);
}

static int s2_setup(const struct axpt_cfg *cfg, struct axpt *pt)
{
	/* No input size: 40 bits, or what the levels resolve unconcatenated. */
	unsigned int ias = cfg->levels ?
		clamp(AXPT_PAGE_SHIFT + AXPT_LEVEL_BITS * cfg->levels, 32, 48) : 40;
	unsigned int oas = cfg->oas ? cfg->oas : S2_MAX_OAS;
	unsigned int levels = cfg->levels;
	unsigned int top;

	if (cfg->ias)
		ias = cfg->ias;
	if (ias < 32 || ias > 48 || s2_ps(oas) < 0 || ias > oas)
		return -EINVAL;
	if (!levels) {
		/* Fewest levels, using concatenation as KVM does. */
		for (levels = 2; levels <= 4; levels++)
			if (s2_levels_ok(ias, levels, oas))
				break;
	}
	if (!s2_levels_ok(ias, levels, oas))
		return -EINVAL;
	top = ias - AXPT_PAGE_SHIFT - AXPT_LEVEL_BITS * (levels - 1);
	pt->levels = levels;
	pt->ias = ias;
	pt->oas = oas;
	pt->top_bits = top;
	pt->root_order = top > AXPT_LEVEL_BITS ? top - AXPT_LEVEL_BITS : 0;
	pt_setup_checks(pt, s2_check_attr);
	return 0;
}

/* VTTBR_EL2 with VMID 0, and the VTCR_EL2 fields that go with it. */
static void s2_root_value(const struct axpt *pt, struct axpt_root *root)
{
	root->value = pt->root_pa;
	root->vtcr = ((64ULL - pt->ias) << VTCR_T0SZ_SHIFT) |
		     ((u64)(pt->levels - 2) << VTCR_SL0_SHIFT) |
		     VTCR_IRGN0_WBWA | VTCR_ORGN0_WBWA | VTCR_SH0_IS |
		     VTCR_TG0_4K | ((u64)s2_ps(pt->oas) << VTCR_PS_SHIFT) |
		     VTCR_RES1;
}

const struct axpt_format axpt_fmt_arm_s2 = {
	.id = AXAS_FORMAT_ARM_S2,
	.name = "arm-stage2",
	.max_oas = S2_MAX_OAS,
	.setup = s2_setup,
	.check_attr = s2_check_attr,
	.root_value = s2_root_value,
	AXPT_ALGO_OPS,
};
