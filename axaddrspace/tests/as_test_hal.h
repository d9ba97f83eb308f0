/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A frame HAL for address-space tests: real zeroed pages from the Linux
 * frame HAL, counted per test, with allocation failure on demand, and a
 * permissive linear-mapping policy (tests map made-up host addresses).
 */
#ifndef AXADDRSPACE_TESTS_AS_TEST_HAL_H
#define AXADDRSPACE_TESTS_AS_TEST_HAL_H

#include "axaddrspace/as.h"

/**
 * struct ast_hal - per-test frame HAL state.
 * @fail_at: fail frame allocations from this sequence number on, 0 never.
 * @fail_2m: fail every allocation of more than one page.
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

#endif /* AXADDRSPACE_TESTS_AS_TEST_HAL_H */
