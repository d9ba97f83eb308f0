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
 *  - the write side, axas_write_lock(): map, unmap, protect, destroy. They
 *    change the area tree and the page table structurally (and free areas
 *    and tables). It is @lock (rwsem) held for write, and then @writing set
 *    and every fast reader (below) waited for.
 *  - @lock held for write alone: consumer attach and detach, and marking
 *    the space dead. They change the consumer list, which faults do not
 *    read; every invalidation of consumers happens under @lock held for
 *    write, so the list is stable while one runs.
 *  - @lock held for read: guest memory access, its faults included, and
 *    other readers of the area tree.
 *  - the fast read side, axas_read_begin(): faults. A fault counts itself
 *    in its CPU's &axas_pcpu.readers instead of writing @lock's shared
 *    count (which two CPUs faulting at once would bounce between them),
 *    or, when a writer is active, takes @lock for read. For lockdep it
 *    holds @lock for read either way.
 *  - both read sides only read the area tree and install page-table
 *    entries with cmpxchg (axpt_fault_install()); racing faults on the
 *    same page resolve to one frame, the loser's frame is freed before
 *    anyone saw it.
 *  - no lock: axas_translate(), axas_translate_batch() (the engine's RCU
 *    walk).
 * A fault can therefore never install into an area an unmap is removing:
 * the unmap waits for the fault to finish, and a fault that starts later
 * waits for the unmap.
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
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/cleanup.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/smp.h>
#include <linux/types.h>
#include <linux/wait_bit.h>
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
 * @readers: faults on the fast read side that started on this CPU and
 *	have not finished (they may have moved to another CPU since: each
 *	decrements the counter it incremented, so the counter is atomic, and
 *	never negative).
 * @data_pages: 4 KiB data pages allocated for alloc areas, minus freed.
 * @faults: faults handled, by AXAS_FAULT_* result minus one (no result is
 *	0), so that @readers costs the struct no size.
 * @pt: the page table's leaf counts, handed to axpt_init() through
 *	&axpt_cfg.stats: one per-CPU allocation per space instead of two.
 */
struct axas_pcpu {
	atomic_t readers;
	long data_pages;
	long faults[AXAS_FAULT_NR - 1];
	struct axpt_stats pt;
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
 * @writing: a writer holds the write side: set under @lock held for write
 *	before the writer waits for fast readers, cleared (release) before
 *	it drops @lock; read by fast readers.
 * @reader_cpus: bit (cpu % BITS_PER_LONG) is set, before its counter is
 *	first incremented, once a fault on the fast read side started on
 *	such a CPU; never cleared. Writers read only those CPUs' counters
 *	(none in a space that has not faulted), faults write it once per
 *	CPU and then only read it.
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
 * Faults on several CPUs at once write only per-CPU counters (and the
 * page table); @lock, which the slow read side and writers write, is on a
 * cache line of its own after everything faults read.
 */
struct axas {
	struct rb_root areas;
	unsigned int nr_areas;
	u64 base;
	u64 size;
	const struct axas_frame_ops *frames;
	void *frames_ctx;
	struct axas_pcpu __percpu *pcpu;
	bool writing;
	atomic_long_t reader_cpus;
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

	/* also below the base: the difference wraps */
	if (unlikely(g - as->base >= as->size))
		return -ERANGE;
	/* the engine writes the three fields, and only on success */
	return as->pt.rd->translate_attr(&as->pt, g, &out->hpa,
					 &out->page_size, &out->flags);
}

/* Internal to the address-space layer (as_*.c). */
void axas_write_lock(struct axas *as);
void axas_write_unlock(struct axas *as);
DEFINE_GUARD(axas_write, struct axas *, axas_write_lock(_T),
	     axas_write_unlock(_T))

/**
 * axas_read_begin() - enter the fast read side (see the locking rules).
 * @as: the space.
 *
 * The store-buffer pattern with axas_write_lock(): the reader increments
 * its counter and then reads @as->writing, the writer sets @as->writing
 * and then reads the counters, each with a full barrier in between, so at
 * least one of them sees the other's stores: the reader backs off to the
 * rwsem, or the writer waits for the reader (it also sees the reader's
 * bit in @as->reader_cpus, stored before the increment). The kernel's
 * percpu_rw_semaphore has this read side, but its writers wait for an RCU
 * grace period (rcu_sync) before and after, which map and unmap, a few
 * hundred ns each, cannot afford; here a writer reads the counters of the
 * CPUs marked in @as->reader_cpus instead.
 *
 * Context: process context; may sleep (the fallback takes @as->lock).
 *
 * Return: the counter to give axas_read_end(), or NULL if @as->lock was
 * taken for read instead.
 */
static inline atomic_t *axas_read_begin(struct axas *as)
{
	/* any CPU's counter will do: the same one is decremented */
	unsigned int cpu = raw_smp_processor_id();
	unsigned long bit = 1UL << (cpu % BITS_PER_LONG);
	atomic_t *readers = &per_cpu_ptr(as->pcpu, cpu)->readers;

	/* ordered before the flag's load with the increment: see above */
	if (unlikely(!(atomic_long_read(&as->reader_cpus) & bit)))
		atomic_long_or(bit, &as->reader_cpus);
	atomic_inc(readers);
	/* the increment before the flag's load: see above */
	smp_mb__after_atomic();
	/* acquire: what the last writer changed before it cleared the flag */
	if (likely(!smp_load_acquire(&as->writing))) {
		rwsem_acquire_read(&as->lock.dep_map, 0, 0, _RET_IP_);
		return readers;
	}
	if (atomic_dec_return(readers) == 0)
		wake_up_var(&as->writing);
	down_read(&as->lock);
	return NULL;
}

/**
 * axas_read_end() - leave the read side axas_read_begin() entered.
 * @as: the space.
 * @readers: what axas_read_begin() returned.
 *
 * Context: process context.
 */
static inline void axas_read_end(struct axas *as, atomic_t *readers)
{
	if (!readers) {
		up_read(&as->lock);
		return;
	}
	rwsem_release(&as->lock.dep_map, _RET_IP_);
	/*
	 * Fully ordered: the fault's work comes before the decrement, and
	 * the decrement before the flag's load (a writer that set it after
	 * seeing this counter non-zero is woken; the wake-up's own test of
	 * its wait queue needs the barrier too).
	 */
	if (atomic_dec_return(readers) == 0 && READ_ONCE(as->writing))
		wake_up_var(&as->writing);
}

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
