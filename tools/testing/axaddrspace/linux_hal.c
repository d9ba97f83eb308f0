// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's stand-in for axaddrspace/pt_hal_linux.c: the same symbols,
 * backed by one process-wide arena, so KUnit suites written against the
 * Linux HAL run unchanged in userspace.
 */
#include <stdlib.h>
#include "arena.h"

static struct arena linux_arena;

static struct arena *linux_arena_get(void)
{
	if (!linux_arena.base && arena_init(&linux_arena, 1UL << 34, 0))
		abort();
	return &linux_arena;
}

long axpt_linux_live_pages(void)
{
	return linux_arena_get()->live;
}

static void *hal_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	return arena_mm_ops.alloc_table(linux_arena_get(), order, pa);
}

static void hal_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	arena_mm_ops.free_table(linux_arena_get(), va, order, deferred);
}

const struct axpt_mm_ops axpt_linux_mm_ops = {
	.alloc_table = hal_alloc,
	.free_table = hal_free,
};
