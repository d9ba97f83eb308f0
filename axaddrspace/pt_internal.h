/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Engine internals shared by pt_core.c and the per-format algorithm
 * instances: table allocation through the HAL, with the leak counter.
 */
#ifndef AXADDRSPACE_PT_INTERNAL_H
#define AXADDRSPACE_PT_INTERNAL_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <asm/page.h>
#include "axaddrspace/pt.h"

static __always_inline u64 *axpt_p2v(const struct axpt *pt, u64 pa)
{
	if (unlikely(pt->hal_p2v))
		return pt->mm->phys_to_virt(pt->mm_ctx, pa);
	return __va(pa);
}

/*
 * The count of present entries of table @tbl (not the root), when the HAL
 * keeps one (@pt->counted): see pt_count_add() in pt_algo.h.
 */
static __always_inline atomic_t *axpt_table_count(const struct axpt *pt,
						  const u64 *tbl)
{
	/* @tbl is page-aligned: one shift gives the page's byte offset */
	if (pt->counts)
		return (atomic_t *)((char *)pt->counts +
				    (((uintptr_t)tbl - pt->counts_va0) >>
				     (PAGE_SHIFT - AXPT_COUNT_ARRAY_SHIFT)));
#ifdef __KERNEL__
	/* the Linux HAL's: a direct call, no indirect branch (retpolines) */
	if (likely(pt->mm->table_count == axpt_linux_table_count))
		return axpt_linux_table_count(pt->mm_ctx, (void *)tbl);
#endif
	return pt->mm->table_count(pt->mm_ctx, (void *)tbl);
}

/*
 * A new table: zeroed by the HAL, so its count starts at 0 (the HAL's
 * counter holds whatever the page's last use left, e.g. a table of
 * tables that a destroy freed whole).
 */
static inline u64 *axpt_alloc_table(struct axpt *pt, unsigned int order,
				    phys_addr_t *pa)
{
	u64 *t = pt->mm->alloc_table(pt->mm_ctx, order, pa);

	if (t) {
		atomic_long_add(1L << order, &pt->nr_tables);
		if (pt->counted && !order)
			atomic_set(axpt_table_count(pt, t), 0);
	}
	return t;
}

static inline void axpt_free_table(struct axpt *pt, u64 *t, unsigned int order,
				   bool deferred)
{
	atomic_long_sub(1L << order, &pt->nr_tables);
	pt->mm->free_table(pt->mm_ctx, t, order, deferred);
}

int axpt_setup_uniform(const struct axpt_cfg *cfg, struct axpt *pt,
		       unsigned int min_levels, unsigned int max_levels,
		       unsigned int extra_root_bits, unsigned int max_oas);

#endif /* AXADDRSPACE_PT_INTERNAL_H */
