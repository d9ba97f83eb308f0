/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces: the layer a VMM talks to, on top of the page-table
 * engine. A space manages the guest-physical range [base, base + size) of
 * one second-stage page table and the areas mapped in it, each with a
 * backend:
 *
 *  - linear: GPA -> HPA at a fixed offset, mapped at creation with the
 *    largest pages the alignment allows; the host memory is the caller's;
 *  - alloc: zeroed frames allocated by the module, all up front (populate)
 *    or on the first fault (lazy); 2 MiB frames where the range allows and
 *    one can be had, 4 KiB otherwise; charged to the caller's memcg;
 *  - mmio: never backed by memory; faults are reported as device accesses.
 *
 * Locking:
 *  - @lock (rwsem) held for write: map, unmap, protect, destroy, consumer
 *    attach and detach. They change the area tree, the page table
 *    structurally, or the consumer list; every invalidation of consumers
 *    happens under it, so the list is stable while one runs.
 *  - @lock held for read: faults and guest memory access. They only read
 *    the area tree and install page-table entries with cmpxchg
 *    (AXPT_MAP_SHARED); racing faults on the same page resolve to one
 *    frame, the loser's frame is freed before anyone saw it.
 *  - no lock: axas_translate(), axas_translate_batch() (the engine's RCU
 *    walk).
 * A fault can therefore never install into an area an unmap is removing:
 * the unmap waits for the fault's read lock to be dropped.
 *
 * The area tree is an rbtree of pre-allocated nodes rather than a maple
 * tree: linking a node cannot fail, so every operation allocates what it
 * needs first and then commits without a failure path.
 */
#ifndef AXADDRSPACE_AS_H
#define AXADDRSPACE_AS_H

#include <linux/axaddrspace.h>
#include <linux/cache.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/types.h>
#include "axaddrspace/addr.h"
#include "axaddrspace/pt.h"

struct iov_iter;

/**
 * struct axas_area - one mapped range of guest-physical addresses.
 * @node: in &axas.areas, ordered by @start; under &axas.lock.
 * @start: first GPA.
 * @size: bytes; areas never overlap.
 * @flags: AXPT_ATTR(AXAS_PROT_*, AXAS_MEM_*).
 * @backend: AXAS_BACKEND_*.
 * @populate: alloc backend: frames were allocated up front.
 * @hpa: linear backend: host address of @start.
 */
struct axas_area {
	struct rb_node node;
	u64 start;
	u64 size;
	u32 flags;
	u8 backend;
	bool populate;
	u64 hpa;
};

/**
 * struct axas_frame_ops - where data frames come from (the data half of
 * the HAL; table pages come from a struct axpt_mm_ops).
 * @alloc: 2^@order zeroed, physically contiguous pages, each of which can
 *	later be freed alone; 0 or -ENOMEM.
 * @free: give back one 4 KiB page from @alloc.
 * @free_range: optional: give back @n 4 KiB pages from @hpa on, each
 *	from @alloc (the pages of one large leaf: one allocation, or adjacent
 *	ones); NULL: the space calls @free for each page.
 * @map: a kernel mapping of the 4 KiB page of host memory at @hpa (a
 *	frame, or linear-area memory), or NULL.
 * @unmap: undo @map.
 * @hpa_allowed: may host memory [@hpa, @hpa + @size) be mapped linearly?
 *	(Linux: not if it is RAM the kernel owns.)
 */
struct axas_frame_ops {
	int (*alloc)(void *ctx, unsigned int order, u64 *hpa);
	void (*free)(void *ctx, u64 hpa);
	void (*free_range)(void *ctx, u64 hpa, unsigned long n);
	void *(*map)(void *ctx, u64 hpa);
	void (*unmap)(void *ctx, u64 hpa, void *va);
	bool (*hpa_allowed)(void *ctx, u64 hpa, u64 size);
};

/**
 * struct axas_pcpu - one CPU's share of a space's counters (faults run on
 *	many CPUs at once; a shared counter would bounce between them).
 * @data_pages: 4 KiB data pages allocated for alloc areas, minus freed.
 * @faults: faults handled, by AXAS_FAULT_* result.
 */
struct axas_pcpu {
	long data_pages;
	long faults[AXAS_FAULT_NR];
};

/**
 * struct axas - one guest-physical address space.
 * @areas: the areas, an rbtree ordered by start; under @lock.
 * @nr_areas: number of areas; under @lock.
 * @base: first GPA managed.
 * @size: bytes managed.
 * @frames: the frame HAL.
 * @frames_ctx: argument for @frames.
 * @pcpu: per-CPU counters; read them with axas_get_stats().
 * @consumers: attached consumers (struct axas_consumer); changed under
 *	@lock held for write, read under @lock.
 * @nr_consumers: length of @consumers.
 * @dead: the owner went away (axas_shutdown()): nothing is mapped any
 *	more; under @lock.
 * @heap: allocated by axas_new(), freed by the last axas_put().
 * @upgrades: protect calls that gave some entry more rights; under @lock.
 * @invalidations: consumer invalidations issued (calls of the gather's
 *	invalidate, each reaching every consumer); under @lock for write.
 * @invalidations_all: of which for everything.
 * @gather_freed: data pages freed through the gather of the operation
 *	running under @lock for write, taken off @pcpu's count once at its
 *	end rather than page by page; under @lock for write.
 * @ref: references: the owner's, each consumer's, axas_get()'s.
 * @pt: the page table.
 * @lock: see the locking rules above.
 *
 * Faults on several CPUs at once write only the lock's count, on a cache
 * line of its own after everything they read, and per-CPU counters.
 */
struct axas {
	struct rb_root areas;
	unsigned int nr_areas;
	u64 base;
	u64 size;
	const struct axas_frame_ops *frames;
	void *frames_ctx;
	struct axas_pcpu __percpu *pcpu;
	struct list_head consumers;
	unsigned int nr_consumers;
	bool dead;
	bool heap;
	u64 upgrades;
	u64 invalidations;
	u64 invalidations_all;
	long gather_freed;
	struct kref ref;
	struct axpt pt;
	struct rw_semaphore lock ____cacheline_aligned_in_smp;
};

/**
 * struct axas_xlate - one GPA's translation.
 * @hpa: the host address.
 * @page_size: the size of the entry that maps it.
 * @flags: AXPT_ATTR() of that entry.
 */
struct axas_xlate {
	u64 hpa;
	u64 page_size;
	u32 flags;
};

/**
 * struct axas_inval_info - what an operation had to invalidate.
 * @start: first address whose translation changed.
 * @end: end (exclusive); @start == @end means nothing changed.
 * @tables: a table page was unlinked (paging-structure caches).
 * @invalidations: consumer invalidations the operation issued before it
 *	freed anything (0 with no consumer attached).
 *
 * The consumers have been told already; this is a report for the VMM.
 */
struct axas_inval_info {
	u64 start;
	u64 end;
	bool tables;
	u32 invalidations;
};

/**
 * struct axas_space_stats - everything counted about a space.
 * @data_pages: 4 KiB data pages held by alloc areas.
 * @table_pages: page-table pages, the root included.
 * @leaves: leaf entries by level: 4 KiB, 2 MiB, 1 GiB.
 * @areas: areas.
 * @consumers: attached consumers.
 * @faults: faults handled, by AXAS_FAULT_* result (index 0 unused).
 * @invalidations: consumer invalidations issued.
 * @invalidations_all: of which for everything rather than ranges.
 */
struct axas_space_stats {
	u64 data_pages;
	u64 table_pages;
	u64 leaves[AXPT_MAX_LEAF_LEVEL + 1];
	u64 areas;
	u64 consumers;
	u64 faults[AXAS_FAULT_NR];
	u64 invalidations;
	u64 invalidations_all;
};

/**
 * struct axas_map_req - one new area for axas_map_vec().
 * @gpa: first guest-physical address, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned, non-zero.
 * @hpa: linear areas: the host address of @gpa; 0 for the others.
 * @flags: AXPT_ATTR(prot, memory type).
 * @backend: AXAS_BACKEND_*.
 * @populate: alloc areas: every frame now rather than on first fault.
 */
struct axas_map_req {
	u64 gpa;
	u64 size;
	u64 hpa;
	u32 flags;
	u8 backend;
	bool populate;
};

/**
 * struct axas_range_req - one range for axas_unmap_vec() or
 *	axas_protect_vec().
 * @gpa: first guest-physical address, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned, non-zero.
 * @flags: protect: the new AXPT_ATTR(prot, memory type).
 */
struct axas_range_req {
	u64 gpa;
	u64 size;
	u32 flags;
};

int axas_create(struct axas *as, const struct axpt_cfg *cfg, axas_gpa_t base,
		u64 size, const struct axpt_mm_ops *mm, void *mm_ctx,
		const struct axas_frame_ops *frames, void *frames_ctx);
void axas_destroy(struct axas *as);
struct axas *axas_new(const struct axpt_cfg *cfg, axas_gpa_t base, u64 size,
		      const struct axpt_mm_ops *mm, void *mm_ctx,
		      const struct axas_frame_ops *frames, void *frames_ctx);
void axas_shutdown(struct axas *as);
void axas_get_stats(struct axas *as, struct axas_space_stats *out);

int axas_map_linear(struct axas *as, axas_gpa_t gpa, axas_hpa_t hpa, u64 size,
		    u32 flags);
int axas_map_alloc(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		   bool populate);
int axas_map_mmio(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags);
int axas_map_vec(struct axas *as, const struct axas_map_req *req,
		 unsigned int n, struct axas_inval_info *fl);
int axas_unmap_vec(struct axas *as, const struct axas_range_req *req,
		   unsigned int n, struct axas_inval_info *fl,
		   unsigned int *nr_done, u64 *partial);
int axas_protect_vec(struct axas *as, const struct axas_range_req *req,
		     unsigned int n, struct axas_inval_info *fl,
		     unsigned int *nr_done, u64 *partial);
int axas_unmap(struct axas *as, axas_gpa_t gpa, u64 size,
	       struct axas_inval_info *fl);
int axas_unmap_partial(struct axas *as, axas_gpa_t gpa, u64 size,
		       struct axas_inval_info *fl, u64 *done);
int axas_protect(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		 struct axas_inval_info *fl);
int axas_protect_partial(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
			 struct axas_inval_info *fl, u64 *done);

unsigned int axas_translate_batch(struct axas *as, const axas_gpa_t *gpa,
				  axas_hpa_t *hpa, unsigned int n);
int axas_translate_limit(struct axas *as, axas_gpa_t gpa, u64 *limit);
long axas_data_pages(const struct axas *as);

/**
 * axas_translate() - the host address a guest-physical address maps to.
 * @as: the space.
 * @gpa: any address.
 * @out: the translation: host address, entry size and flags.
 *
 * Inline, so that a lookup costs one call, the format's walk: the space's
 * range is the only check, because axas_create() made sure it lies in the
 * table's input range (all axpt_query() would check again).
 *
 * Context: any; lockless (the engine's RCU walk).
 *
 * Return: 0, -ENOENT (not mapped: a hole, an MMIO area or an unfaulted
 * lazy page), -EINVAL (an entry the format cannot decode) or -ERANGE
 * (outside the space).
 */
static inline int axas_translate(struct axas *as, axas_gpa_t gpa,
				 struct axas_xlate *out)
{
	u64 g = axas_gpa_val(gpa);
	struct axpt_leaf leaf;
	int ret;

	/* also below the base: the difference wraps */
	if (unlikely(g - as->base >= as->size))
		return -ERANGE;
	ret = as->pt.fmt->query(&as->pt, g, &leaf);
	if (unlikely(ret))
		return ret;
	out->hpa = leaf.hpa;
	/*
	 * 4 KiB leaves without a shift by a variable amount, which costs
	 * more than the branch (predicted where most leaves are of one
	 * size): 0.5 to 1 ns of a random translation in 4 KiB pages.
	 */
	out->page_size = likely(!leaf.level) ? AXPT_PAGE_SIZE :
			 1ULL << axpt_level_shift(leaf.level);
	out->flags = leaf.attr;
	return 0;
}

/* Internal to the address-space layer (as_*.c). */
void axas_count_fault(struct axas *as, u32 result);
struct axas_area *axas_area_find(struct axas *as, u64 gpa);
int axas_fault_in(struct axas *as, struct axas_area *area, u64 gpa,
		  struct axas_fault_info *out);

/* The Linux frame HAL (frame_linux.c). */
extern const struct axas_frame_ops axas_linux_frame_ops;
long axas_linux_live_frames(void);
void axas_linux_free_frame(void *ctx, u64 hpa);
void *axas_linux_map_frame(void *ctx, u64 hpa);
void axas_linux_unmap_frame(void *ctx, u64 hpa, void *va);

#endif /* AXADDRSPACE_AS_H */
