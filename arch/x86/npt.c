// SPDX-License-Identifier: GPL-2.0
/*
 * AMD NPT, 4-level (48-bit GPA) and 5-level (57-bit GPA): the engine's
 * algorithm instantiated over the x86-64 long-mode entry encoders.
 */
#include "arch/x86/npt.h"
#include "axaddrspace/oracle/oracle_break.h"

static __always_inline bool fmt_present(u64 pte)
{
	return npt_present(pte);
}

static __always_inline bool fmt_is_leaf(u64 pte, unsigned int level)
{
	return npt_is_leaf(pte, level);
}

/* One bit test: true for a leaf above level 0, false for a table entry. */
static __always_inline bool fmt_leaf_hint(u64 pte)
{
	return pte & NPT_PS;
}

static __always_inline u64 fmt_table_pa(u64 pte)
{
	return pte & NPT_ADDR_MASK;
}

static __always_inline bool fmt_table_ok(u64 pte, unsigned int level)
{
	return npt_table_ok(pte, level);
}

/* The level mask also drops the large-page PAT bit (12). */
static __always_inline u64 fmt_leaf_pa(u64 pte, unsigned int level)
{
	return pte & NPT_ADDR_MASK & ~((1ULL << axpt_level_shift(level)) - 1);
}

static __always_inline u64 fmt_mk_table(u64 pa)
{
	return npt_mk_table(pa);
}

static __always_inline u64 fmt_mk_leaf(u64 pa, u64 bits)
{
	return pa | bits;
}

static __always_inline u64 fmt_leaf_bits(u32 attr, unsigned int level)
{
	return axpt_oracle_break(npt_leaf_bits(attr, level), 1, 2);	/* RW, US */
}

static __always_inline int fmt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
{
	return npt_leaf_attr(axpt_oracle_break(pte, 1, 2), level, attr);
}

static __always_inline bool fmt_leaf_ok(u64 pte, unsigned int level, u64 mask)
{
	return npt_leaf_ok(axpt_oracle_break(pte, 1, 2), level, mask);
}

static __always_inline u32 fmt_leaf_decode(u64 pte)
{
	return npt_leaf_decode(axpt_oracle_break(pte, 1, 2));
}

static __always_inline u64 fmt_leaf_mask(unsigned int level)
{
	return npt_leaf_mask(level);
}

static __always_inline u64 fmt_oas_mask(unsigned int oas)
{
	return npt_oas_mask(oas);
}

/* Does the architecture require break-before-make (see engine.rst)? */
static __always_inline bool fmt_needs_bbm(void)
{
	return false;
}

/* Bits the hardware itself may set in a leaf: kept by protect. */
static __always_inline u64 fmt_hw_bits(const struct axpt *pt)
{
	return NPT_A | NPT_D;
}

/*
 * The hardware bits a new leaf with @attr is installed with: A, and D
 * when it is writable (KVM's choice too: no W=0 D=1 entry is made). The
 * space tracks neither access nor dirtiness, so nothing is lost, and the
 * processor, which only ever sets a clear A or D, never writes such an
 * entry: protect then rewrites it with a plain store (pt_update()). A
 * dirty-log mode would install writable leaves with D clear here, and
 * clear D itself.
 */
static __always_inline u64 fmt_hw_preset(const struct axpt *pt, u32 attr)
{
	return NPT_A | (attr & AXAS_PROT_WRITE ? NPT_D : 0);
}

/* The "break" of break-before-make: invalid, the rest kept. */
static __always_inline u64 fmt_break(u64 pte)
{
	return pte & ~NPT_P;
}

#include "axaddrspace/pt_algo.h"

static int npt_setup(const struct axpt_cfg *cfg, struct axpt *pt)
{
	int ret = axpt_setup_uniform(cfg, pt, 4, 5, 0, NPT_MAX_OAS);

	if (!ret)
		pt_setup_checks(pt, npt_check_attr);
	return ret;
}

/* nCR3 with PWT = PCD = 0: the tables themselves are write-back. */
static void npt_root_value(const struct axpt *pt, struct axpt_root *root)
{
	root->value = pt->root_pa;
	root->vtcr = 0;
}

const struct axpt_format axpt_fmt_npt = {
	.id = AXAS_FORMAT_AMD_NPT,
	.name = "amd-npt",
	.max_oas = NPT_MAX_OAS,
	.setup = npt_setup,
	.check_attr = npt_check_attr,
	.root_value = npt_root_value,
	AXPT_ALGO_OPS,
};
