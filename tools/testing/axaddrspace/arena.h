/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace HAL for the engine: table pages come from one arena with
 * per-order free lists, so allocation costs a few ns. A "physical" address
 * is the page's virtual address.
 */
#ifndef HARNESS_ARENA_H
#define HARNESS_ARENA_H

#include <stddef.h>
#include "axaddrspace/pt.h"

#define ARENA_MAX_ORDER	4

/* arena_init() flags */
#define ARENA_PREFAULT	1	/* fault every page in now */
#define ARENA_HUGE	2	/* ask for transparent huge pages */

struct arena {
	char *base;
	size_t size;
	size_t used;
	void *free[ARENA_MAX_ORDER + 1];
	long live;		/* pages handed out */
	atomic_t *count;	/* per page: the engine's table counts */
};

int arena_init(struct arena *a, size_t bytes, int flags);
void arena_fini(struct arena *a);
extern const struct axpt_mm_ops arena_mm_ops;
atomic_t *arena_table_count(void *ctx, void *va);
atomic_t *arena_count_array(void *ctx, uintptr_t *va0);

#endif
