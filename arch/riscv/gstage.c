// SPDX-License-Identifier: GPL-2.0
/*
 * RISC-V G-stage Sv39x4, Sv48x4 and Sv57x4 (41, 50 and 59-bit GPAs): the
 * engine's algorithm instantiated over the G-stage PTE encoders.
 */
#include "arch/riscv/gstage.h"
#include "axaddrspace/oracle/oracle_break.h"

static __always_inline bool fmt_present(u64 pte)
{
	return gst_present(pte);
}

static __always_inline bool fmt_is_leaf(u64 pte, unsigned int level)
{
	return gst_is_leaf(pte, level);
}

/*
 * No hint: testing R, W and X before the table entry's test made 2 MiB
 * translations no cheaper (callgrind) and 4 KiB ones dearer.
 */
static __always_inline bool fmt_leaf_hint(u64 pte)
{
	return false;
}

static __always_inline u64 fmt_table_pa(u64 pte)
{
	return gst_pa(pte);
}

static __always_inline bool fmt_table_ok(u64 pte, unsigned int level)
{
	return gst_table_ok(pte);
}

static __always_inline u64 fmt_leaf_pa(u64 pte, unsigned int level)
{
	return gst_pa(pte) & ~((1ULL << axpt_level_shift(level)) - 1);
}

static __always_inline u64 fmt_mk_table(u64 pa)
{
	return gst_mk_table(pa);
}

static __always_inline u64 fmt_mk_leaf(u64 pa, u64 bits)
{
	return (pa >> (12 - GST_PPN_SHIFT)) | bits;
}

static __always_inline u64 fmt_leaf_bits(u32 attr, unsigned int level)
{
	return axpt_oracle_break(gst_leaf_bits(attr, level), 1, 3);	/* R, X */
}

static __always_inline int fmt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	return gst_leaf_attr(axpt_oracle_break(pte, 1, 3), level, attr);
}

static __always_inline bool fmt_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return gst_leaf_ok(axpt_oracle_break(pte, 1, 3), level, mask);
}

static __always_inline u32 fmt_leaf_decode(u64 pte)
{
	return gst_leaf_decode(axpt_oracle_break(pte, 1, 3));
}

static __always_inline u64 fmt_leaf_mask(unsigned int level)
{
	return gst_leaf_mask(level);
}

static __always_inline u64 fmt_oas_mask(unsigned int oas)
{
	return gst_oas_mask(oas);
}

/* Does the architecture require break-before-make (see engine.rst)? */
static __always_inline bool fmt_needs_bbm(void)
{
	return false;
}

/* Bits the hardware itself may set in a leaf: kept by protect. */
static __always_inline u64 fmt_hw_bits(const struct axpt *pt)
{
	return 0;
}

/* The encoding itself has A, and D when writable: nothing to add. */
static __always_inline u64 fmt_hw_preset(const struct axpt *pt, u32 attr)
{
	return 0;
}

/* The "break" of break-before-make: invalid, the rest kept. */
static __always_inline u64 fmt_break(u64 pte)
{
	return pte & ~GST_V;
}

#include "axaddrspace/pt_algo.h"

/*
 * The x4 root resolves 2 more bits: 2048 entries in 16 KiB. Memory types
 * but write-back (PMA) need Svpbmt, which the configuration says the hart
 * has.
 */
static int gst_setup(const struct axpt_cfg *cfg, struct axpt *pt)
{
	int ret = axpt_setup_uniform(cfg, pt, 3, 5, 2, GST_MAX_OAS);

	if (ret)
		return ret;
	pt_setup_checks(pt, gst_check_attr);
	if (!(cfg->flags & AXPT_CFG_SVPBMT))
		pt->attr_ok &= GENMASK(AXPT_PROT_MASK, 0);	/* AXAS_MEM_WB */
	return 0;
}

/* hgatp MODE is 8, 9, 10 for 3, 4, 5 levels; the VMID is the caller's. */
static void gst_root_value(const struct axpt *pt, struct axpt_root *root)
{
	root->value = ((u64)(pt->levels + 5) << HGATP_MODE_SHIFT) |
		      ((pt->root_pa >> 12) & HGATP_PPN_MASK);
	root->vtcr = 0;
}

const struct axpt_format axpt_fmt_riscv_g = {
	.id = AXAS_FORMAT_RISCV_G,
	.name = "riscv-gstage",
	.max_oas = GST_MAX_OAS,
	.cfg_flags = AXPT_CFG_SVPBMT,
	.setup = gst_setup,
	.check_attr = gst_check_attr,
	.root_value = gst_root_value,
	AXPT_ALGO_OPS,
};
