/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace frame HAL for the address-space layer (struct axas_frame_ops)
 * and a thread-safe table HAL, for the harness's benchmarks and KUnit runs.
 *
 * Frames come from one pre-faulted mapping (transparent huge pages if the
 * kernel gives them), cut into 2 MiB chunks; a frame's "host physical
 * address" is its virtual address, as in arena.c. A chunk is either a
 * 2 MiB frame (freed page by page, reused whole once all 512 pages are
 * back, like a split high-order page) or a source of 4 KiB frames.
 *
 * 4 KiB frames are cached per thread like the kernel's per-CPU page lists:
 * each thread allocates and frees on its own stack of frame pointers (not
 * a list through the frames, so a pop does not touch the cold frame)
 * without locks or shared atomics, and moves FRAMES_BATCH pointers at a
 * time to or from a global stack under a mutex (one lock per batch). Frames are zeroed on
 * allocation (memset), as with __GFP_ZERO.
 */
#ifndef HARNESS_FRAMES_H
#define HARNESS_FRAMES_H

#include <pthread.h>
#include "arena.h"
#include "axaddrspace/as.h"

#define FRAMES_MAX_THREADS	16
#define FRAMES_BATCH		256
#define FRAMES_CHUNK_SHIFT	21

/* One thread's cache (cache-line aligned, not shared). */
struct frames_cache {
	unsigned int n;		/* free 4 KiB frames in @stack */
	char *bump, *bump_end;	/* the rest of this thread's current chunk */
	long live;		/* pages allocated minus freed by this thread */
	void *stack[2 * FRAMES_BATCH];
} __aligned(64);

struct frames {
	char *base;
	size_t size;
	unsigned int max_order;	/* 0: refuse 2 MiB frames (-ENOMEM) */
	bool no_zero;		/* diagnostic only: hand out frames unzeroed */
	pthread_mutex_t lock;	/* protects the fields below */
	size_t next_chunk;
	void *big_free;		/* free 2 MiB chunks */
	void **pages;		/* free 4 KiB frames given back by caches */
	size_t npages;
	unsigned char *kind;	/* per chunk: FRAMES_SMALL or FRAMES_BIG */
	unsigned short *big_back; /* per big chunk: pages given back (atomic) */
	struct frames_cache cache[FRAMES_MAX_THREADS];
};

int frames_init(struct frames *f, size_t bytes, int arena_flags);
void frames_fini(struct frames *f);
long frames_live(struct frames *f);
extern const struct axas_frame_ops frames_ops;

/* The arena table HAL of arena.c behind a mutex, for threaded use. */
struct locked_arena {
	struct arena a;
	pthread_mutex_t lock;
};

int locked_arena_init(struct locked_arena *la, size_t bytes, int flags);
void locked_arena_fini(struct locked_arena *la);
extern const struct axpt_mm_ops locked_arena_mm_ops;

#endif
