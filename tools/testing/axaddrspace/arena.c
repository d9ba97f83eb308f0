// SPDX-License-Identifier: GPL-2.0
/* The harness HAL: see arena.h. */
#include <string.h>
#include <sys/mman.h>
#include "arena.h"

int arena_init(struct arena *a, size_t bytes, int flags)
{
	size_t off;

	memset(a, 0, sizeof(*a));
	a->base = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (a->base == MAP_FAILED)
		return -1;
	a->size = bytes;
	/* the engine's table counts: a side array, a cache line per page */
	a->count = mmap(NULL, bytes / 4096 << AXPT_COUNT_ARRAY_SHIFT,
			PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (a->count == MAP_FAILED) {
		munmap(a->base, bytes);
		return -1;
	}
	/* Advice only: without THP the arena still works, in 4 KiB pages. */
	if (flags & ARENA_HUGE)
		madvise(a->base, bytes, MADV_HUGEPAGE);
	if (flags & ARENA_PREFAULT)
		for (off = 0; off < bytes; off += 4096)
			a->base[off] = 0;
	return 0;
}

void arena_fini(struct arena *a)
{
	munmap(a->count, a->size / 4096 << AXPT_COUNT_ARRAY_SHIFT);
	munmap(a->base, a->size);
}

atomic_t *arena_table_count(void *ctx, void *va)
{
	struct arena *a = ctx;

	return (atomic_t *)((char *)a->count +
			    (((char *)va - a->base) >> 12 <<
			     AXPT_COUNT_ARRAY_SHIFT));
}

static void *arena_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct arena *a = ctx;
	size_t sz = (size_t)4096 << order;
	void *p;

	if (order > ARENA_MAX_ORDER)
		return NULL;
	p = a->free[order];
	if (p) {
		a->free[order] = *(void **)p;
	} else {
		size_t off = (a->used + sz - 1) & ~(sz - 1);

		if (off + sz > a->size)
			return NULL;
		p = a->base + off;
		a->used = off + sz;
	}
	/* Freed tables are empty but for the free-list link, except at destroy. */
	memset(p, 0, sz);
	a->live += 1L << order;
	*pa = (phys_addr_t)(uintptr_t)p;
	return p;
}

/* Single-threaded harness: a deferred free can be immediate. */
static void arena_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	struct arena *a = ctx;

	*(void **)va = a->free[order];
	a->free[order] = va;
	a->live -= 1L << order;
}

atomic_t *arena_count_array(void *ctx, uintptr_t *va0)
{
	struct arena *a = ctx;

	*va0 = (uintptr_t)a->base;
	return a->count;
}

const struct axpt_mm_ops arena_mm_ops = {
	.alloc_table = arena_alloc,
	.free_table = arena_free,
	.table_count = arena_table_count,
	.count_array = arena_count_array,
};
