/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HALs for address-space tests: a frame HAL of real zeroed pages from the
 * Linux frame HAL, counted per test, with allocation failure on demand and
 * a permissive linear-mapping policy (tests map made-up host addresses);
 * and a table HAL over the Linux one that fails on demand.
 */
#ifndef AXADDRSPACE_TESTS_AS_TEST_HAL_H
#define AXADDRSPACE_TESTS_AS_TEST_HAL_H

#include <linux/delay.h>
#include "axaddrspace/as.h"

/**
 * struct ast_hal - per-test frame HAL state.
 * @fail_at: fail frame allocations from this sequence number on, 0 never.
 * @fail_2m: fail every allocation of more than one page.
 * @delay_us: sleep this long in every allocation (0: never), so that a
 *	fault spends that long between finding its area and installing.
 * @nallocs: frame allocations attempted.
 * @nallocs_2m: of which of more than one page.
 * @live: 4 KiB frames handed out and not given back.
 *
 * Faults allocate and free frames concurrently (under the space's read
 * lock), so the counters are atomic; set @fail_at and @fail_2m while no
 * fault runs.
 */
struct ast_hal {
	long fail_at;
	bool fail_2m;
	unsigned int delay_us;
	atomic_long_t nallocs;
	atomic_long_t nallocs_2m;
	atomic_long_t live;
};

static inline long ast_nallocs(struct ast_hal *h)
{
	return atomic_long_read(&h->nallocs);
}

static inline long ast_nallocs_2m(struct ast_hal *h)
{
	return atomic_long_read(&h->nallocs_2m);
}

static inline long ast_live(struct ast_hal *h)
{
	return atomic_long_read(&h->live);
}

static int ast_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct ast_hal *h = ctx;
	long n = atomic_long_inc_return(&h->nallocs);
	int ret;

	if (h->fail_at && n >= h->fail_at)
		return -ENOMEM;
	if (h->delay_us)
		usleep_range(h->delay_us, 2 * h->delay_us);
	if (order) {
		atomic_long_inc(&h->nallocs_2m);
		if (h->fail_2m)
			return -ENOMEM;
	}
	ret = axas_linux_frame_ops.alloc(NULL, order, hpa);
	if (!ret)
		atomic_long_add(1L << order, &h->live);
	return ret;
}

static void ast_free(void *ctx, u64 hpa)
{
	struct ast_hal *h = ctx;

	atomic_long_dec(&h->live);
	axas_linux_frame_ops.free(NULL, hpa);
}

static void *ast_map(void *ctx, u64 hpa)
{
	return axas_linux_frame_ops.map(NULL, hpa);
}

static void ast_unmap(void *ctx, u64 hpa, void *va)
{
	axas_linux_frame_ops.unmap(NULL, hpa, va);
}

static bool ast_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	return true;
}

static const struct axas_frame_ops ast_frame_ops = {
	.alloc = ast_alloc,
	.free = ast_free,
	.map = ast_map,
	.unmap = ast_unmap,
	.hpa_allowed = ast_hpa_allowed,
};

/**
 * struct ast_tables - a table-page HAL over the Linux one that can fail.
 * @fail_at: fail table allocations from this sequence number on, 0 never.
 * @nallocs: table allocations attempted.
 *
 * Not for concurrent use (the race suites use axpt_linux_mm_ops).
 */
struct ast_tables {
	long fail_at;
	long nallocs;
};

static void *ast_table_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct ast_tables *t = ctx;

	if (++t->nallocs >= t->fail_at && t->fail_at)
		return NULL;
	return axpt_linux_mm_ops.alloc_table(NULL, order, pa);
}

static void ast_table_free(void *ctx, void *va, unsigned int order,
			   bool deferred)
{
	axpt_linux_mm_ops.free_table(NULL, va, order, deferred);
}

static const struct axpt_mm_ops ast_table_ops = {
	.alloc_table = ast_table_alloc,
	.free_table = ast_table_free,
};

#endif /* AXADDRSPACE_TESTS_AS_TEST_HAL_H */
