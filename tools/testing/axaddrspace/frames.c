// SPDX-License-Identifier: GPL-2.0
/* The harness's frame HAL and locked table HAL: see frames.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "frames.h"

#define CHUNK		((size_t)1 << FRAMES_CHUNK_SHIFT)
#define PAGES_PER_CHUNK	(CHUNK / 4096)
#define FRAMES_SMALL	1
#define FRAMES_BIG	2

int frames_init(struct frames *f, size_t bytes, int arena_flags)
{
	size_t nchunks = bytes / CHUNK, off;
	char *m;

	memset(f, 0, sizeof(*f));
	/* One spare chunk so that the base can be 2 MiB aligned. */
	m = mmap(NULL, (nchunks + 1) * CHUNK, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return -ENOMEM;
	f->base = (char *)(((uintptr_t)m + CHUNK - 1) & ~(uintptr_t)(CHUNK - 1));
	f->size = nchunks * CHUNK;
	if (arena_flags & ARENA_HUGE)
		madvise(f->base, f->size, MADV_HUGEPAGE);
	if (arena_flags & ARENA_PREFAULT)
		for (off = 0; off < f->size; off += 4096)
			f->base[off] = 0;
	f->kind = calloc(nchunks, sizeof(*f->kind));
	f->big_back = calloc(nchunks, sizeof(*f->big_back));
	f->pages = calloc(nchunks * PAGES_PER_CHUNK, sizeof(*f->pages));
	if (!f->kind || !f->big_back || !f->pages)
		return -ENOMEM;
	f->max_order = FRAMES_CHUNK_SHIFT - 12;
	pthread_mutex_init(&f->lock, NULL);
	return 0;
}

void frames_fini(struct frames *f)
{
	free(f->kind);
	free(f->big_back);
	free(f->pages);
	munmap(f->base, f->size);
}

long frames_live(struct frames *f)
{
	long n = 0;
	int i;

	for (i = 0; i < FRAMES_MAX_THREADS; i++)
		n += f->cache[i].live;
	return n;
}

/* This thread's cache index: threads are numbered on first use. */
static unsigned int frames_next_tid;
static __thread int frames_tid = -1;

static struct frames_cache *frames_cache(struct frames *f)
{
	if (frames_tid < 0)
		frames_tid = __atomic_fetch_add(&frames_next_tid, 1,
						__ATOMIC_RELAXED);
	if (frames_tid >= FRAMES_MAX_THREADS)
		abort();
	return &f->cache[frames_tid];
}

/* A fresh chunk, with f->lock held; NULL if the arena is used up. */
static char *frames_new_chunk(struct frames *f, unsigned char kind)
{
	size_t i = f->next_chunk;

	if ((i + 1) * CHUNK > f->size)
		return NULL;
	f->next_chunk++;
	f->kind[i] = kind;
	return f->base + i * CHUNK;
}

/* Refill an empty cache: a batch from the global stack or a new chunk. */
static int frames_refill(struct frames *f, struct frames_cache *c)
{
	int ret = 0;

	pthread_mutex_lock(&f->lock);
	if (f->npages >= FRAMES_BATCH) {
		f->npages -= FRAMES_BATCH;
		memcpy(c->stack, f->pages + f->npages,
		       FRAMES_BATCH * sizeof(*c->stack));
		c->n = FRAMES_BATCH;
	} else {
		char *p = frames_new_chunk(f, FRAMES_SMALL);

		if (p) {
			c->bump = p;
			c->bump_end = p + CHUNK;
		} else if (f->npages) {
			c->n = f->npages;
			f->npages = 0;
			memcpy(c->stack, f->pages, c->n * sizeof(*c->stack));
		} else {
			ret = -ENOMEM;
		}
	}
	pthread_mutex_unlock(&f->lock);
	return ret;
}

static void *frames_alloc_small(struct frames *f, struct frames_cache *c)
{
	void *p;

	for (;;) {
		if (c->n)
			return c->stack[--c->n];
		if (c->bump < c->bump_end) {
			p = c->bump;
			c->bump += 4096;
			return p;
		}
		if (frames_refill(f, c))
			return NULL;
	}
}

static void *frames_alloc_big(struct frames *f)
{
	void **p;

	pthread_mutex_lock(&f->lock);
	p = f->big_free;
	if (p)
		f->big_free = *p;
	else
		p = (void **)frames_new_chunk(f, FRAMES_BIG);
	pthread_mutex_unlock(&f->lock);
	return p;
}

static int frames_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct frames *f = ctx;
	struct frames_cache *c = frames_cache(f);
	void *p;

	if (order > f->max_order || (order && order != FRAMES_CHUNK_SHIFT - 12))
		return -ENOMEM;
	p = order ? frames_alloc_big(f) : frames_alloc_small(f, c);
	if (!p)
		return -ENOMEM;
	if (!f->no_zero)
		memset(p, 0, (size_t)4096 << order);
	c->live += 1L << order;
	*hpa = (u64)(uintptr_t)p;
	return 0;
}

/* @k pages of 2 MiB chunk @i are back; with its last one it is free. */
static void frames_chunk_back(struct frames *f, size_t i, unsigned long k)
{
	void **chunk = (void **)(f->base + i * CHUNK);

	if (__atomic_add_fetch(&f->big_back[i], k, __ATOMIC_ACQ_REL) !=
	    PAGES_PER_CHUNK)
		return;
	f->big_back[i] = 0;
	pthread_mutex_lock(&f->lock);
	*chunk = f->big_free;
	f->big_free = chunk;
	pthread_mutex_unlock(&f->lock);
}

static void frames_free(void *ctx, u64 hpa)
{
	struct frames *f = ctx;
	struct frames_cache *c = frames_cache(f);
	void **p = (void **)(uintptr_t)hpa;
	size_t i = ((char *)p - f->base) >> FRAMES_CHUNK_SHIFT;

	c->live--;
	if (f->kind[i] == FRAMES_BIG) {
		frames_chunk_back(f, i, 1);
		return;
	}
	if (c->n == 2 * FRAMES_BATCH) {
		/* Full: the older half goes to the global stack. */
		pthread_mutex_lock(&f->lock);
		memcpy(f->pages + f->npages, c->stack,
		       FRAMES_BATCH * sizeof(*c->stack));
		f->npages += FRAMES_BATCH;
		pthread_mutex_unlock(&f->lock);
		memmove(c->stack, c->stack + FRAMES_BATCH,
			FRAMES_BATCH * sizeof(*c->stack));
		c->n = FRAMES_BATCH;
	}
	c->stack[c->n++] = p;
}

/* A large leaf's pages: one count per 2 MiB chunk, not one per page. */
static void frames_free_range(void *ctx, u64 hpa, unsigned long n)
{
	struct frames *f = ctx;
	char *p = (char *)(uintptr_t)hpa;

	while (n) {
		size_t i = (p - f->base) >> FRAMES_CHUNK_SHIFT;
		size_t left = PAGES_PER_CHUNK -
			      (((uintptr_t)(p - f->base) & (CHUNK - 1)) >> 12);
		size_t k = n < left ? n : left;

		if (f->kind[i] != FRAMES_BIG) {
			for (; k; k--, n--, p += 4096)
				frames_free(ctx, (u64)(uintptr_t)p);
			continue;
		}
		frames_cache(f)->live -= k;
		frames_chunk_back(f, i, k);
		n -= k;
		p += k * 4096;
	}
}

static void *frames_map(void *ctx, u64 hpa)
{
	return (void *)(uintptr_t)hpa;
}

static void frames_unmap(void *ctx, u64 hpa, void *va)
{
}

/* Linear areas in the harness map made-up host addresses: all allowed. */
static bool frames_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	return true;
}

const struct axas_frame_ops frames_ops = {
	.alloc = frames_alloc,
	.free = frames_free,
	.free_range = frames_free_range,
	.map = frames_map,
	.unmap = frames_unmap,
	.hpa_allowed = frames_hpa_allowed,
};

int locked_arena_init(struct locked_arena *la, size_t bytes, int flags)
{
	pthread_mutex_init(&la->lock, NULL);
	return arena_init(&la->a, bytes, flags);
}

void locked_arena_fini(struct locked_arena *la)
{
	arena_fini(&la->a);
}

static void *locked_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct locked_arena *la = ctx;
	void *p;

	pthread_mutex_lock(&la->lock);
	p = arena_mm_ops.alloc_table(&la->a, order, pa);
	pthread_mutex_unlock(&la->lock);
	return p;
}

/*
 * Immediate even when deferred: the harness's users never free a table a
 * concurrent lockless walker can reach (unmap and destroy hold the space's
 * lock for write, and the benchmarks run no walk alongside them).
 */
static void locked_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	struct locked_arena *la = ctx;

	pthread_mutex_lock(&la->lock);
	arena_mm_ops.free_table(&la->a, va, order, deferred);
	pthread_mutex_unlock(&la->lock);
}

/* The counts are a fixed side array: no lock needed. */
static atomic_t *locked_count(void *ctx, void *va)
{
	struct locked_arena *la = ctx;

	return arena_table_count(&la->a, va);
}

static atomic_t *locked_count_array(void *ctx, uintptr_t *va0)
{
	struct locked_arena *la = ctx;

	return arena_count_array(&la->a, va0);
}

const struct axpt_mm_ops locked_arena_mm_ops = {
	.alloc_table = locked_alloc,
	.free_table = locked_free,
	.table_count = locked_count,
	.count_array = locked_count_array,
};
