// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces: creation, the area tree, map / unmap / protect and
 * translation. Faults are in as_fault.c, guest memory access in
 * as_access.c; the locking rules are in as.h.
 */
#include <linux/bug.h>
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/lockdep.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include "axaddrspace/as.h"
#include "axaddrspace/fail_nth.h"
#include "axaddrspace/trace_hooks.h"

/* Every allocation of this layer: charged, and a fault-injection point. */
static void *axas_zalloc(size_t size)
{
	if (axas_should_fail())
		return NULL;
	return kzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
}

/*
 * Is a fault on the fast read side (axas_read_begin()) on any CPU? Only
 * the CPUs that fast readers have marked in @as->reader_cpus can be.
 */
static bool axas_fast_readers(struct axas *as)
{
	unsigned long mask = atomic_long_read(&as->reader_cpus);
	unsigned int cpu;

	while (mask) {
		for (cpu = __ffs(mask); cpu < nr_cpu_ids; cpu += BITS_PER_LONG)
			if (cpu_possible(cpu) &&
			    atomic_read(&per_cpu_ptr(as->pcpu, cpu)->readers))
				return true;
		mask &= mask - 1;
	}
	return false;
}

/**
 * axas_write_lock() - take the write side: exclude every reader.
 * @as: the space.
 *
 * @as->lock for write excludes the slow readers and other writers; then
 * @as->writing sends new faults to the slow side and the fast ones that
 * started before are waited for (see axas_read_begin() for why one of the
 * two always sees the other). Costs a writer a full barrier and a read of
 * the counter of each CPU that fast readers have used (none in a space
 * that never faulted); it sleeps only if a fault is running.
 *
 * Context: process context; may sleep.
 */
void axas_write_lock(struct axas *as)
{
	down_write(&as->lock);
	/* the store, then a full barrier, then the counters' loads */
	smp_store_mb(as->writing, true);
	if (unlikely(axas_fast_readers(as)))
		wait_var_event(&as->writing, !axas_fast_readers(as));
}

/**
 * axas_write_unlock() - drop the write side.
 * @as: the space.
 *
 * Context: after axas_write_lock().
 */
void axas_write_unlock(struct axas *as)
{
	lockdep_assert_held_write(&as->lock);
	/* release: fast readers that see it clear see the writer's changes */
	smp_store_release(&as->writing, false);
	up_write(&as->lock);
}

static u64 axas_area_end(const struct axas_area *a)
{
	return a->start + a->size;
}

/**
 * axas_area_find() - the area containing @gpa.
 * @as: the space; its lock held.
 * @gpa: any address.
 *
 * Context: the space's lock (read or write).
 *
 * Return: the area or NULL.
 */
struct axas_area *axas_area_find(struct axas *as, u64 gpa)
{
	struct rb_node *n = as->areas.rb_node;

	lockdep_assert_held(&as->lock);
	while (n) {
		struct axas_area *a = rb_entry(n, struct axas_area, node);

		if (gpa < a->start)
			n = n->rb_left;
		else if (gpa >= axas_area_end(a))
			n = n->rb_right;
		else
			return a;
	}
	return NULL;
}

/* The first area ending above @start, if it begins below @end. */
static struct axas_area *axas_area_first(struct axas *as, u64 start, u64 end)
{
	struct rb_node *n = as->areas.rb_node;
	struct axas_area *found = NULL;

	while (n) {
		struct axas_area *a = rb_entry(n, struct axas_area, node);

		if (axas_area_end(a) <= start) {
			n = n->rb_right;
		} else {
			found = a;
			n = n->rb_left;
		}
	}
	return found && found->start < end ? found : NULL;
}

static struct axas_area *axas_area_next(struct axas_area *a, u64 end)
{
	struct rb_node *n = rb_next(&a->node);

	a = n ? rb_entry(n, struct axas_area, node) : NULL;
	return a && a->start < end ? a : NULL;
}

/* Link a pre-allocated area; cannot fail (the caller checked overlaps). */
static void axas_area_link(struct axas *as, struct axas_area *area)
{
	struct rb_node **p = &as->areas.rb_node, *parent = NULL;

	while (*p) {
		struct axas_area *a = rb_entry(*p, struct axas_area, node);

		parent = *p;
		p = area->start < a->start ? &(*p)->rb_left : &(*p)->rb_right;
	}
	rb_link_node(&area->node, parent, p);
	rb_insert_color(&area->node, &as->areas);
	as->nr_areas++;
}

static void axas_area_unlink(struct axas *as, struct axas_area *area)
{
	rb_erase(&area->node, &as->areas);
	as->nr_areas--;
}

/* A request's range: aligned, non-empty, not wrapping, inside the space. */
static int axas_check_range(const struct axas *as, u64 gpa, u64 size)
{
	u64 end;

	if (!size || ((gpa | size) & (AXPT_PAGE_SIZE - 1)))
		return -EINVAL;
	if (check_add_overflow(gpa, size, &end))
		return -EOVERFLOW;
	if (gpa < as->base || end > as->base + as->size)
		return -ERANGE;
	return 0;
}

/**
 * axas_create() - create an empty address space.
 * @as: the space to initialise.
 * @cfg: the page-table format and geometry.
 * @base: first guest-physical address managed, 4 KiB aligned.
 * @size: bytes managed, 4 KiB aligned, non-zero.
 * @mm: the table-page HAL and @mm_ctx its argument.
 * @mm_ctx: argument for @mm.
 * @frames: the data-frame HAL and @frames_ctx its argument.
 * @frames_ctx: argument for @frames.
 *
 * @cfg->stats is not used: the table's per-CPU counts live in the space's
 * own (&axas_pcpu.pt), so that a space costs one per-CPU allocation.
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL (bad alignment or configuration), -EOVERFLOW, -ERANGE
 * (the range does not fit the format's input size) or -ENOMEM.
 */
int axas_create(struct axas *as, const struct axpt_cfg *cfg, axas_gpa_t base,
		u64 size, const struct axpt_mm_ops *mm, void *mm_ctx,
		const struct axas_frame_ops *frames, void *frames_ctx)
{
	u64 start = axas_gpa_val(base);
	struct axpt_cfg c = *cfg;
	int ret;

	memset(as, 0, sizeof(*as));
	if (!axas_should_fail())
		as->pcpu = alloc_percpu_gfp(struct axas_pcpu, GFP_KERNEL_ACCOUNT);
	if (!as->pcpu)
		return -ENOMEM;
	c.stats = &as->pcpu->pt;
	ret = axpt_init(&as->pt, &c, mm, mm_ctx);
	if (!ret) {
		ret = axpt_check_range(&as->pt, start, size);
		if (!ret && !size)
			ret = -EINVAL;
		if (ret)
			axpt_destroy(&as->pt);
	}
	if (ret) {
		free_percpu(as->pcpu);
		as->pcpu = NULL;
		return ret;
	}
	init_rwsem(&as->lock);
	as->pt.lock = &as->lock;
	INIT_LIST_HEAD(&as->consumers);
	kref_init(&as->ref);
	as->areas = RB_ROOT;
	as->base = start;
	as->size = size;
	as->frames = frames;
	as->frames_ctx = frames_ctx;
	trace_axas_create(as);
	return 0;
}

/* ------------------------------------------------ invalidation gather */

/*
 * The gather's invalidate: every attached consumer, one after the other,
 * each returning only when its hardware has forgotten the ranges.
 */
static void axas_invalidate(void *ctx, const struct axpt_gather *g)
{
	struct axas *as = ctx;
	struct axas_inval inv = {
		.all = g->all,
		.tables = g->tables,
		.nr = g->nr,
		.ranges = g->range,
	};
	struct axas_consumer *c;

	lockdep_assert_held_write(&as->lock);
	trace_axas_invalidate(as, &inv);
	list_for_each_entry(c, &as->consumers, node)
		c->ops->invalidate(c, &inv);
	as->invalidations++;
	if (g->all)
		as->invalidations_all++;
}

/* Give back @n pages of host memory from @hpa on (to the frame HAL). */
static void axas_free_pages(struct axas *as, u64 hpa, unsigned long n)
{
	unsigned long i;

	if (n > 1 && as->frames->free_range) {
		as->frames->free_range(as->frames_ctx, hpa, n);
		return;
	}
	for (i = 0; i < n; i++)
		as->frames->free(as->frames_ctx, hpa + i * AXPT_PAGE_SIZE);
}

/* The gather's frame free: alloc-area frames, after the invalidation. */
static void axas_gather_free_frames(void *ctx, u64 hpa, unsigned long n)
{
	struct axas *as = ctx;

	lockdep_assert_held_write(&as->lock);
	axas_free_pages(as, hpa, n);
	/* counted once per operation, in axas_gather_end() */
	as->gather_freed += n;
}

static const struct axpt_gather_ops axas_gather_ops = {
	.invalidate = axas_invalidate,
	.free_frames = axas_gather_free_frames,
};

/* A gather for an operation under the write lock: direct if nobody walks. */
static void axas_gather_begin(struct axas *as, struct axpt_gather *g)
{
	lockdep_assert_held_write(&as->lock);
	/* areas and tables change only with faults excluded too */
	WARN_ON_ONCE(!as->writing);
	axpt_gather_init(g, &as->pt, &axas_gather_ops, as,
			 list_empty(&as->consumers));
}

static void axas_gather_end(struct axas *as, struct axpt_gather *g,
			    struct axas_inval_info *fl)
{
	axpt_gather_finish(g);
	if (as->gather_freed) {
		this_cpu_sub(as->pcpu->data_pages, as->gather_freed);
		as->gather_freed = 0;
	}
	if (fl) {
		fl->start = g->start;
		fl->end = g->end;
		fl->tables = g->any_tables;
		fl->invalidations = g->invalidations;
	}
}

/*
 * axpt_unmap_leaves() callbacks. Who frees the memory of a removed leaf is
 * a property of its area's backend, so an unmap decides per area, not per
 * leaf: a range without alloc areas needs no callback at all; a range
 * whose leaves all belong to alloc areas hands every leaf to the gather
 * (axas_gather_leaf()); only a range mixing linear and alloc areas looks
 * up each leaf's area (axas_free_leaf()).
 *
 * That rests on one rule: a leaf never straddles areas of different
 * backends, and there are no leaves outside areas. Linear areas are
 * mapped with pages inside them, populate and faults map inside their
 * area, and where an unmap or protect cuts an area without splitting a
 * leaf (a protect to the same flags) both parts keep the backend.
 */
static void axas_gather_leaf(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	axpt_gather_frames(arg, hpa, 1UL << (AXPT_LEVEL_BITS * level));
}

struct axas_unmap_ctx {
	struct axas *as;
	struct axpt_gather *g;
	struct axas_area *area;		/* the area of the last leaf */
};

static void axas_free_leaf(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	struct axas_unmap_ctx *c = arg;

	/* Leaves arrive in address order: advance the area cursor. */
	if (!c->area || gpa >= axas_area_end(c->area) || gpa < c->area->start)
		c->area = axas_area_find(c->as, gpa);
	if (!c->area || c->area->backend != AXAS_BACKEND_ALLOC)
		return;
	axas_gather_leaf(c->g, level, gpa, hpa);
}

/*
 * Destroy's leaf callback. Nobody walks the tables any more (no consumer
 * is attached and nobody else uses the space), so a removed leaf's frames
 * go straight back to the frame HAL, without passing through the gather;
 * the tables still do (they are freed after a grace period). The HAL's
 * free and context are read once, not again after every call.
 */
struct axas_destroy_ctx {
	void (*free)(void *ctx, u64 hpa);
	void *frames_ctx;
	struct axas *as;
	unsigned long freed;
};

static noinline void axas_destroy_big(struct axas_destroy_ctx *d,
				      unsigned long n, u64 hpa)
{
	axas_free_pages(d->as, hpa, n);
}

static void axas_destroy_leaf(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	struct axas_destroy_ctx *d = arg;
	unsigned long n = 1UL << (AXPT_LEVEL_BITS * level);

	d->freed += n;
	if (level)
		axas_destroy_big(d, n, hpa);
	else
		d->free(d->frames_ctx, hpa);
}

/* Remove the leaves of area @a, frames through @g; nothing to split. */
static void axas_unmap_area(struct axas *as, struct axas_area *a,
			    struct axpt_gather *g)
{
	bool alloc = a->backend == AXAS_BACKEND_ALLOC;

	/* Whole areas: nothing to split, no error. */
	WARN_ON_ONCE(axpt_unmap_leaves(&as->pt, a->start, a->size, g,
				       alloc ? axas_gather_leaf : NULL, g,
				       NULL));
}

/**
 * axas_destroy() - free every frame, table and area.
 * @as: the space; nobody else may use it any more, and no consumer may be
 *	attached (a consumer holds a reference, so the last axas_put() comes
 *	after the last detach).
 *
 * Context: process context; nobody else uses @as.
 */
void axas_destroy(struct axas *as)
{
	struct axas_destroy_ctx d = { .as = as };
	struct axas_area *a, *next;
	struct axpt_gather g;

	if (!as->pt.root)
		return;
	trace_axas_destroy(as);
	WARN_ON_ONCE(!list_empty(&as->consumers));
	/* Nothing mapped (never used, or shut down): only the tables. */
	if (RB_EMPTY_ROOT(&as->areas))
		goto tables;
	axas_write_lock(as);
	if (as->frames) {
		d.free = as->frames->free;
		d.frames_ctx = as->frames_ctx;
	}
	axas_gather_begin(as, &g);
	rbtree_postorder_for_each_entry_safe(a, next, &as->areas, node) {
		/* a consumer left attached (warned above): the gather's order */
		if (a->backend != AXAS_BACKEND_ALLOC || !g.direct)
			axas_unmap_area(as, a, &g);
		else
			WARN_ON_ONCE(axpt_unmap_leaves(&as->pt, a->start,
						       a->size, &g,
						       axas_destroy_leaf, &d,
						       NULL));
		kfree(a);
	}
	axas_gather_end(as, &g, NULL);
	this_cpu_sub(as->pcpu->data_pages, d.freed);
	as->areas = RB_ROOT;
	as->nr_areas = 0;
	axas_write_unlock(as);
tables:
	/* the table's counts are in @pcpu: it goes after the table */
	axpt_destroy(&as->pt);
	free_percpu(as->pcpu);
	as->pcpu = NULL;
}

/**
 * axas_new() - create a reference-counted address space on the heap.
 * @cfg: as for axas_create().
 * @base: as for axas_create().
 * @size: as for axas_create().
 * @mm: as for axas_create().
 * @mm_ctx: as for axas_create().
 * @frames: as for axas_create().
 * @frames_ctx: as for axas_create().
 *
 * The caller owns the one reference: it ends it with axas_shutdown() and
 * axas_put().
 *
 * Context: process context; may sleep.
 *
 * Return: the space or an ERR_PTR() of axas_create()'s errors.
 */
struct axas *axas_new(const struct axpt_cfg *cfg, axas_gpa_t base, u64 size,
		      const struct axpt_mm_ops *mm, void *mm_ctx,
		      const struct axas_frame_ops *frames, void *frames_ctx)
{
	struct axas *as = axas_zalloc(sizeof(*as));
	int ret;

	if (!as)
		return ERR_PTR(-ENOMEM);
	ret = axas_create(as, cfg, base, size, mm, mm_ctx, frames, frames_ctx);
	if (ret) {
		kfree(as);
		return ERR_PTR(ret);
	}
	as->heap = true;
	return as;
}

static void axas_release_ref(struct kref *ref)
{
	struct axas *as = container_of(ref, struct axas, ref);

	axas_destroy(as);
	if (as->heap)
		kfree(as);
}

/**
 * axas_get() - take a reference to a space.
 * @as: a space the caller holds a reference to.
 *
 * Context: any.
 *
 * Return: @as.
 */
struct axas *axas_get(struct axas *as)
{
	kref_get(&as->ref);
	return as;
}
EXPORT_SYMBOL_GPL(axas_get);

/**
 * axas_put() - drop a reference; the last one destroys the space.
 * @as: the space.
 *
 * Context: process context (the last put frees the tables); may sleep.
 */
void axas_put(struct axas *as)
{
	kref_put(&as->ref, axas_release_ref);
}
EXPORT_SYMBOL_GPL(axas_put);

/**
 * axas_consumer_attach() - attach a consumer to a space.
 * @as: the space; the caller holds a reference (the attachment takes one
 *	of its own).
 * @c: the consumer, with @c->ops set (invalidate is required).
 *
 * From the return on, every change that needs it invalidates through
 * @c->ops->invalidate before anything is freed. Waits for a running map,
 * unmap or protect to finish; faults run on.
 *
 * Context: process context; takes the space's lock for write.
 *
 * Return: 0, -EINVAL (no invalidate callback) or -ENODEV (the space's
 * owner went away).
 */
int axas_consumer_attach(struct axas *as, struct axas_consumer *c)
{
	if (!c->ops || !c->ops->invalidate)
		return -EINVAL;
	guard(rwsem_write)(&as->lock);
	if (as->dead)
		return -ENODEV;
	axas_get(as);
	c->as = as;
	c->released = false;
	list_add_tail(&c->node, &as->consumers);
	as->nr_consumers++;
	trace_axas_attach(as, c);
	return 0;
}
EXPORT_SYMBOL_GPL(axas_consumer_attach);

/**
 * axas_consumer_detach() - detach a consumer and drop its reference.
 * @c: an attached consumer whose hardware no longer uses the root.
 *
 * No callback of @c runs after this returns.
 *
 * Context: process context; takes the space's lock for write, so never
 * from @c->ops->invalidate. May free the space.
 */
void axas_consumer_detach(struct axas_consumer *c)
{
	struct axas *as = c->as;

	down_write(&as->lock);
	list_del(&c->node);
	as->nr_consumers--;
	trace_axas_detach(as, c);
	up_write(&as->lock);
	c->as = NULL;
	axas_put(as);
}
EXPORT_SYMBOL_GPL(axas_consumer_detach);

/**
 * axas_root_regs() - the hardware register values of a space's root.
 * @as: the space.
 * @out: the format and its root register values.
 *
 * Constant for the life of the space.
 *
 * Context: any.
 */
void axas_root_regs(struct axas *as, struct axas_root_regs *out)
{
	struct axpt_root r;

	axpt_root_value(&as->pt, &r);
	out->format = as->pt.fmt->id;
	out->value = r.value;
	out->vtcr = r.vtcr;
	out->levels = as->pt.levels;
}
EXPORT_SYMBOL_GPL(axas_root_regs);

/**
 * axas_shutdown() - the owner goes away: tell the consumers, empty the
 *	space, refuse new mappings.
 * @as: the space.
 *
 * Every consumer's release() is called once (it may detach from there);
 * then every area is removed, through the consumers' invalidate like any
 * unmap. The memory of the space lives on until the last reference.
 *
 * Context: process context; takes the space's lock for write.
 */
void axas_shutdown(struct axas *as)
{
	struct axas_area *a, *next;
	struct axpt_gather g;

	for (;;) {
		struct axas_consumer *c, *found = NULL;

		down_write(&as->lock);
		as->dead = true;
		list_for_each_entry(c, &as->consumers, node) {
			if (!c->released) {
				c->released = true;
				found = c;
				break;
			}
		}
		up_write(&as->lock);
		if (!found)
			break;
		if (found->ops->release)
			found->ops->release(found);
	}
	guard(axas_write)(as);
	axas_gather_begin(as, &g);
	rbtree_postorder_for_each_entry_safe(a, next, &as->areas, node) {
		axas_unmap_area(as, a, &g);
		kfree(a);
	}
	axas_gather_end(as, &g, NULL);
	as->areas = RB_ROOT;
	as->nr_areas = 0;
}

static int axas_check_flags(struct axas *as, u32 flags, u8 backend)
{
	if (flags & ~AXPT_ATTR_MASK || !AXPT_ATTR_PROT(flags))
		return -EINVAL;
	/* Device memory is never executable, MMIO areas included. */
	if (axpt_device_exec(flags))
		return -EINVAL;
	/* MMIO areas are never mapped: any protection can be recorded. */
	if (backend == AXAS_BACKEND_MMIO)
		return AXPT_ATTR_MEM(flags) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
	return axpt_check_attr(&as->pt, flags);
}

/* Make a new area for [gpa, gpa + size) if nothing overlaps it. */
static int axas_area_new(struct axas *as, u64 gpa, u64 size, u32 flags,
			 u8 backend, struct axas_area **out)
{
	struct axas_area *a;
	int ret = axas_check_range(as, gpa, size);

	if (!ret)
		ret = axas_check_flags(as, flags, backend);
	if (ret)
		return ret;
	if (as->dead)
		return -ENODEV;
	if (axas_area_first(as, gpa, gpa + size))
		return -EEXIST;
	a = axas_zalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->start = gpa;
	a->size = size;
	a->flags = flags;
	a->backend = backend;
	*out = a;
	return 0;
}

/*
 * 4 KiB frames that populate allocated and has not mapped yet: [@gpa,
 * + @n pages) to host memory [@hpa, + @n pages), contiguous.
 */
struct axas_run {
	u64 gpa;
	u64 hpa;
	unsigned long n;
};

/*
 * Map the pending run with one engine call and count its pages in
 * *@pages; on failure free its frames. The run is empty afterwards.
 */
static int axas_run_flush(struct axas *as, struct axas_area *a,
			  struct axas_run *r, struct axpt_gather *g, long *pages)
{
	int ret;

	if (!r->n)
		return 0;
	/* 4 KiB leaves: each page is a frame of its own, as on a fault */
	ret = axpt_map_gather(&as->pt, r->gpa, r->hpa, r->n * AXPT_PAGE_SIZE,
			      a->flags, AXPT_MAP_MAX_4K, g);
	if (ret)
		axas_free_pages(as, r->hpa, r->n);
	else
		*pages += r->n;
	r->n = 0;
	return ret;
}

/*
 * Populate [gpa, end) of @a: 2 MiB frames where a whole aligned 2 MiB
 * block is inside the range and one can be had, 4 KiB frames otherwise.
 * 4 KiB frames that the HAL hands out one after the other in host memory
 * are mapped as a run, with one engine call rather than one per page.
 * Stops with -EINTR on a fatal signal. Frames not mapped are freed here;
 * the caller rolls back what was mapped.
 */
static int axas_populate(struct axas *as, struct axas_area *a,
			 struct axpt_gather *g)
{
	u64 gpa = a->start, end = axas_area_end(a);
	struct axas_run run = {};
	long pages = 0;		/* mapped; counted once, at the end */
	int ret = 0;

	while (gpa < end) {
		u64 hpa;

		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if (!(gpa & (SZ_2M - 1)) && end - gpa >= SZ_2M &&
		    axpt_leaf_allowed(&as->pt, 1) &&
		    !as->frames->alloc(as->frames_ctx, AXPT_LEVEL_BITS, &hpa)) {
			ret = axas_run_flush(as, a, &run, g, &pages);
			/* may replace an empty table: that is gathered */
			if (!ret)
				ret = axpt_map_gather(&as->pt, gpa, hpa, SZ_2M,
						      a->flags, 0, g);
			if (ret) {
				axas_free_pages(as, hpa, 1UL << AXPT_LEVEL_BITS);
				break;
			}
			pages += 1L << AXPT_LEVEL_BITS;
			gpa += SZ_2M;
		} else {
			if (as->frames->alloc(as->frames_ctx, 0, &hpa)) {
				ret = -ENOMEM;
				break;
			}
			if (run.n && hpa != run.hpa + run.n * AXPT_PAGE_SIZE) {
				ret = axas_run_flush(as, a, &run, g, &pages);
				if (ret) {
					axas_free_pages(as, hpa, 1);
					break;
				}
			}
			if (!run.n) {
				run.gpa = gpa;
				run.hpa = hpa;
			}
			run.n++;
			gpa += AXPT_PAGE_SIZE;
		}
		if (!(gpa & (SZ_2M - 1)))
			cond_resched();
	}
	if (!ret)
		ret = axas_run_flush(as, a, &run, g, &pages);
	else
		axas_free_pages(as, run.hpa, run.n);
	/* before a rollback frees the mapped ones through the gather */
	this_cpu_add(as->pcpu->data_pages, pages);
	return ret;
}

/* A linear request's host range: aligned, not wrapping, addressable. */
static int axas_check_linear(const struct axas *as, const struct axas_map_req *r)
{
	u64 hend;

	if (r->hpa & (AXPT_PAGE_SIZE - 1))
		return -EINVAL;
	if (check_add_overflow(r->hpa, r->size, &hend))
		return -EOVERFLOW;
	if (hend > 1ULL << as->pt.oas)
		return -ERANGE;
	return 0;
}

/*
 * Make one new area under the write lock, through @g. Nothing changes on
 * error: a failed populate gives back every frame and table (after the
 * gather's invalidation).
 */
static int axas_map_locked(struct axas *as, const struct axas_map_req *r,
			   struct axpt_gather *g)
{
	struct axas_area *a;
	int ret;

	lockdep_assert_held_write(&as->lock);
	if (r->backend < AXAS_BACKEND_LINEAR || r->backend > AXAS_BACKEND_MMIO)
		return -EINVAL;
	if (r->backend == AXAS_BACKEND_LINEAR) {
		ret = axas_check_linear(as, r);
		if (ret)
			return ret;
	} else if (r->hpa) {
		return -EINVAL;
	}
	ret = axas_area_new(as, r->gpa, r->size, r->flags, r->backend, &a);
	if (ret)
		return ret;
	switch (r->backend) {
	case AXAS_BACKEND_LINEAR:
		if (as->frames->hpa_allowed &&
		    !as->frames->hpa_allowed(as->frames_ctx, r->hpa, r->size)) {
			ret = -EPERM;
			break;
		}
		a->hpa = r->hpa;
		ret = axpt_map_gather(&as->pt, r->gpa, r->hpa, r->size, r->flags,
				      AXPT_MAP_INTERRUPTIBLE, g);
		break;
	case AXAS_BACKEND_ALLOC:
		a->populate = r->populate;
		if (!r->populate)
			break;
		/* Linked while populating so that a rollback frees through it. */
		axas_area_link(as, a);
		ret = axas_populate(as, a, g);
		if (ret)
			/* Consumers may have walked what was mapped. */
			axas_unmap_area(as, a, g);
		axas_area_unlink(as, a);
		break;
	}
	if (ret) {
		kfree(a);
		return ret;
	}
	axas_area_link(as, a);
	return 0;
}

/* Remove an area axas_map_locked() made: the rollback of a vector. */
static void axas_map_undo(struct axas *as, u64 gpa, struct axpt_gather *g)
{
	struct axas_area *a = axas_area_find(as, gpa);

	if (WARN_ON_ONCE(!a))
		return;
	if (a->backend != AXAS_BACKEND_MMIO)
		axas_unmap_area(as, a, g);
	axas_area_unlink(as, a);
	kfree(a);
}

/**
 * axas_map_vec() - make @n new areas under one lock and one gather.
 * @as: the space.
 * @req: the areas: GPA range, backend, AXPT_ATTR() flags, the host address
 *	of a linear area (0 otherwise), populate for alloc areas.
 * @n: how many.
 * @fl: if not NULL, what had to be invalidated (a new leaf can only
 *	replace empty tables).
 *
 * All or nothing: if one area cannot be made, those made before it are
 * removed again (through the same invalidation rules as an unmap) and the
 * space is as it was. Linear areas are mapped at once with the largest
 * pages alignment allows and may not be RAM the kernel owns; alloc areas
 * get zeroed frames now (populate) or on their first fault; MMIO areas
 * are never backed.
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EEXIST (overlaps an area, or
 * an earlier entry), -EPERM (host memory not allowed), -ENOMEM, -ENODEV
 * (the space was shut down) or -EINTR (a fatal signal).
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_map_vec(struct axas *as, const struct axas_map_req *req,
		 unsigned int n, struct axas_inval_info *fl)
{
	struct axpt_gather g;
	unsigned int i;
	int ret = 0;

	if (fl)
		memset(fl, 0, sizeof(*fl));
	guard(axas_write)(as);
	axas_gather_begin(as, &g);
	for (i = 0; i < n && !ret; i++) {
		ret = axas_map_locked(as, &req[i], &g);
		trace_axas_map(as, &req[i], ret);
	}
	/* i - 1 failed: undo 0 .. i - 2 */
	if (ret)
		for (i--; i > 0; i--)
			axas_map_undo(as, req[i - 1].gpa, &g);
	axas_gather_end(as, &g, fl);
	return ret;
}

/**
 * axas_map_linear() - map [@gpa, +@size) to host memory [@hpa, +@size).
 * @as: the space.
 * @gpa: guest start, 4 KiB aligned.
 * @hpa: host start, 4 KiB aligned, above or below @gpa.
 * @size: bytes, 4 KiB aligned.
 * @flags: AXPT_ATTR(prot, memory type), expressible by the format.
 *
 * Maps everything now with the largest pages alignment allows. The host
 * memory stays the caller's; RAM the kernel owns is refused.
 *
 * Return: as axas_map_vec().
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_map_linear(struct axas *as, axas_gpa_t gpa, axas_hpa_t hpa, u64 size,
		    u32 flags)
{
	struct axas_map_req r = {
		.gpa = axas_gpa_val(gpa), .size = size, .hpa = axas_hpa_val(hpa),
		.flags = flags, .backend = AXAS_BACKEND_LINEAR,
	};

	return axas_map_vec(as, &r, 1, NULL);
}

/**
 * axas_map_alloc() - map [@gpa, +@size) to zeroed frames of the module's.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned.
 * @flags: AXPT_ATTR(prot, memory type), expressible by the format.
 * @populate: allocate and map every frame now; otherwise on first fault.
 *
 * Return: as axas_map_vec(). Nothing changes on error: a failed populate
 * gives back every frame and table (after invalidating).
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_map_alloc(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		   bool populate)
{
	struct axas_map_req r = {
		.gpa = axas_gpa_val(gpa), .size = size, .flags = flags,
		.backend = AXAS_BACKEND_ALLOC, .populate = populate,
	};

	return axas_map_vec(as, &r, 1, NULL);
}

/**
 * axas_map_mmio() - record a device range that is never backed.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned.
 * @flags: the accesses the device accepts, AXPT_ATTR(prot, memory type).
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EEXIST, -ENODEV or -ENOMEM.
 *
 * Context: process context; takes the space's lock for write.
 */
int axas_map_mmio(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags)
{
	struct axas_map_req r = {
		.gpa = axas_gpa_val(gpa), .size = size, .flags = flags,
		.backend = AXAS_BACKEND_MMIO,
	};

	return axas_map_vec(as, &r, 1, NULL);
}

/* A validated request range, which may be empty. */
static int axas_check_op_range(const struct axas *as, u64 gpa, u64 size)
{
	if (!size)
		return (gpa | size) & (AXPT_PAGE_SIZE - 1) ? -EINVAL : 0;
	return axas_check_range(as, gpa, size);
}

/*
 * Cut @a at @at (strictly inside it) using the pre-allocated @spare, which
 * becomes the upper part. Linear areas keep their offset.
 */
static void axas_area_cut(struct axas *as, struct axas_area *a, u64 at,
			  struct axas_area *spare)
{
	*spare = *a;
	spare->start = at;
	spare->size = axas_area_end(a) - at;
	if (a->backend == AXAS_BACKEND_LINEAR)
		spare->hpa = a->hpa + (at - a->start);
	a->size = at - a->start;
	axas_area_link(as, spare);
}

/*
 * Unmap [start, start + size) under the write lock, through @g: the
 * engine call, then the area tree trimmed to what was done.
 */
static int axas_unmap_locked(struct axas *as, u64 start, u64 size,
			     struct axpt_gather *g, u64 *done)
{
	struct axas_area *spare = NULL, *a, *next;
	struct axas_unmap_ctx c = { .as = as, .g = g };
	bool alloc = false, other = false;
	axpt_leaf_fn fn = NULL;
	void *arg = NULL;
	u64 end = start + size;
	int ret;

	lockdep_assert_held_write(&as->lock);
	*done = 0;
	a = axas_area_first(as, start, end);
	if (a && a->start < start &&
	    (axas_area_end(a) > end || (size > SZ_2M && axas_area_end(a) > start))) {
		/* cut in two, at end or where a long unmap may stop */
		spare = axas_zalloc(sizeof(*spare));
		if (!spare)
			return -ENOMEM;
	}
	/* Which leaves need a callback: see axas_gather_leaf(). */
	for (; a; a = axas_area_next(a, end)) {
		if (a->backend == AXAS_BACKEND_ALLOC)
			alloc = true;
		else if (a->backend == AXAS_BACKEND_LINEAR)
			other = true;
	}
	if (alloc && other) {
		fn = axas_free_leaf;
		arg = &c;
	} else if (alloc) {
		fn = axas_gather_leaf;
		arg = g;
	}
	/* One engine call: it can fail only before changing anything. */
	ret = axpt_unmap_leaves(&as->pt, start, size, g, fn, arg, done);
	if (ret && ret != -EINTR) {
		kfree(spare);
		return ret;
	}
	end = start + *done;
	for (a = *done ? axas_area_first(as, start, end) : NULL; a; a = next) {
		next = axas_area_next(a, end);
		if (a->start < start && axas_area_end(a) > end) {
			axas_area_cut(as, a, end, spare);
			spare = NULL;
			a->size = start - a->start;
		} else if (a->start < start) {
			a->size = start - a->start;
		} else if (axas_area_end(a) > end) {
			if (a->backend == AXAS_BACKEND_LINEAR)
				a->hpa += end - a->start;
			/* the key moves, but not past a neighbour */
			a->size = axas_area_end(a) - end;
			a->start = end;
		} else {
			axas_area_unlink(as, a);
			kfree(a);
		}
	}
	kfree(spare);
	return ret;
}

/**
 * axas_unmap_partial() - remove every mapping in [@gpa, +@size), or stop
 *	early on a fatal signal.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @fl: if not NULL, what had to be invalidated (the consumers have been).
 * @done: bytes from @gpa that were unmapped: @size on success, less with
 *	-EINTR, 0 on other errors.
 *
 * Areas are trimmed or split; the frames of alloc areas in the hole are
 * freed (a 2 MiB frame partly inside is split, its outside part stays)
 * once every consumer has invalidated them; holes are fine; empty tables
 * are reclaimed, after the same invalidation.
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -ENOMEM or -EINTR. Nothing
 * changes on error but -EINTR, after which exactly [@gpa, @gpa + *@done)
 * is unmapped, as if that had been asked for (a 2 MiB boundary).
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_unmap_partial(struct axas *as, axas_gpa_t gpa, u64 size,
		       struct axas_inval_info *fl, u64 *done)
{
	u64 start = axas_gpa_val(gpa);
	struct axpt_gather g;
	int ret;

	if (fl)
		memset(fl, 0, sizeof(*fl));
	*done = 0;
	ret = axas_check_op_range(as, start, size);
	if (ret || !size)
		return ret;

	guard(axas_write)(as);
	axas_gather_begin(as, &g);
	ret = axas_unmap_locked(as, start, size, &g, done);
	trace_axas_unmap(as, start, size, *done, ret);
	axas_gather_end(as, &g, fl);
	return ret;
}

/**
 * axas_unmap() - axas_unmap_partial(), for callers that do not need the
 *	progress of an interrupted unmap.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @fl: if not NULL, what had to be invalidated.
 *
 * Return: as axas_unmap_partial().
 *
 * Context: as axas_unmap_partial().
 */
int axas_unmap(struct axas *as, axas_gpa_t gpa, u64 size,
	       struct axas_inval_info *fl)
{
	u64 done;

	return axas_unmap_partial(as, gpa, size, fl, &done);
}

/* Does @flags give some access that @old does not? */
static bool axas_upgrade(u32 old, u32 flags)
{
	return AXPT_ATTR_PROT(flags) & ~AXPT_ATTR_PROT(old);
}

/*
 * Protect [start, start + size) under the write lock, through @g: the
 * engine call, then the areas cut and given the new flags where done.
 */
static int axas_protect_locked(struct axas *as, u64 start, u64 size,
			       u32 flags, struct axpt_gather *g, u64 *done)
{
	struct axas_area *spare[2] = {}, *a;
	unsigned int need = 0, i;
	u64 end = start + size;
	int ret;

	lockdep_assert_held_write(&as->lock);
	*done = 0;
	a = axas_area_first(as, start, end);
	if (a && a->start < start)
		need++;
	/* a cut at end, or wherever a long protect may stop */
	a = axas_area_find(as, end - 1);
	if ((a && axas_area_end(a) > end) || size > SZ_2M)
		need++;
	for (i = 0; i < need; i++) {
		spare[i] = axas_zalloc(sizeof(*spare[i]));
		if (!spare[i]) {
			kfree(spare[0]);
			return -ENOMEM;
		}
	}
	ret = axpt_protect_range(&as->pt, start, size, flags, g, done);
	if (ret && ret != -EINTR) {
		kfree(spare[0]);
		kfree(spare[1]);
		return ret;
	}
	end = start + *done;
	i = 0;
	a = *done ? axas_area_first(as, start, end) : NULL;
	if (a && a->start < start) {
		axas_area_cut(as, a, start, spare[i++]);
		a = axas_area_next(a, end);
	}
	for (; a; a = axas_area_next(a, end)) {
		if (axas_area_end(a) > end)
			axas_area_cut(as, a, end, spare[i++]);
		if (axas_upgrade(a->flags, flags))
			as->upgrades++;
		a->flags = flags;
	}
	while (i < need)
		kfree(spare[i++]);
	return ret;
}

/**
 * axas_protect_partial() - change the flags of every area and entry in a
 *	range, or stop early on a fatal signal.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @flags: the new AXPT_ATTR(prot, memory type), expressible by the format;
 *	it also applies to later faults in lazy areas.
 * @fl: if not NULL, what had to be invalidated (downgrades, splits and
 *	memory type changes of present entries).
 * @done: as for axas_unmap_partial().
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -ENOMEM or -EINTR. Nothing
 * changes on error but -EINTR, after which exactly [@gpa, @gpa + *@done)
 * has the new flags.
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_protect_partial(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
			 struct axas_inval_info *fl, u64 *done)
{
	u64 start = axas_gpa_val(gpa);
	struct axpt_gather g;
	int ret;

	if (fl)
		memset(fl, 0, sizeof(*fl));
	*done = 0;
	ret = axas_check_op_range(as, start, size);
	if (!ret)
		ret = axas_check_flags(as, flags, AXAS_BACKEND_ALLOC);
	if (ret || !size)
		return ret;

	guard(axas_write)(as);
	axas_gather_begin(as, &g);
	ret = axas_protect_locked(as, start, size, flags, &g, done);
	trace_axas_protect(as, start, size, flags, *done, ret);
	axas_gather_end(as, &g, fl);
	return ret;
}

/**
 * axas_protect() - axas_protect_partial() without the progress.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @flags: the new AXPT_ATTR(prot, memory type).
 * @fl: if not NULL, what had to be invalidated.
 *
 * Return: as axas_protect_partial().
 *
 * Context: as axas_protect_partial().
 */
int axas_protect(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		 struct axas_inval_info *fl)
{
	u64 done;

	return axas_protect_partial(as, gpa, size, flags, fl, &done);
}

/*
 * Check a vector of unmap or protect ranges against the space before
 * anything changes: each valid, non-empty, and touching some area.
 */
static int axas_check_ranges(struct axas *as, const struct axas_range_req *req,
			     unsigned int n, bool protect)
{
	unsigned int i;
	int ret;

	lockdep_assert_held_write(&as->lock);
	for (i = 0; i < n; i++) {
		ret = axas_check_range(as, req[i].gpa, req[i].size);
		if (!ret && protect)
			ret = axas_check_flags(as, req[i].flags, AXAS_BACKEND_ALLOC);
		if (ret)
			return ret;
		if (!axas_area_first(as, req[i].gpa, req[i].gpa + req[i].size))
			return -ENOENT;
	}
	return 0;
}

/*
 * The common part of axas_unmap_vec() and axas_protect_vec(): check every
 * range, then apply them in order through one gather.
 */
static int axas_range_vec(struct axas *as, const struct axas_range_req *req,
			  unsigned int n, bool protect,
			  struct axas_inval_info *fl, unsigned int *nr_done,
			  u64 *partial)
{
	struct axpt_gather g;
	unsigned int i;
	int ret;

	if (fl)
		memset(fl, 0, sizeof(*fl));
	*nr_done = 0;
	*partial = 0;
	guard(axas_write)(as);
	ret = axas_check_ranges(as, req, n, protect);
	if (ret)
		return ret;
	axas_gather_begin(as, &g);
	for (i = 0; i < n; i++) {
		u64 done;

		if (protect) {
			ret = axas_protect_locked(as, req[i].gpa, req[i].size,
						  req[i].flags, &g, &done);
			trace_axas_protect(as, req[i].gpa, req[i].size,
					   req[i].flags, done, ret);
		} else {
			ret = axas_unmap_locked(as, req[i].gpa, req[i].size,
						&g, &done);
			trace_axas_unmap(as, req[i].gpa, req[i].size, done, ret);
		}
		if (ret) {
			*partial = done;
			break;
		}
		if (fatal_signal_pending(current) && i + 1 < n) {
			ret = -EINTR;
			i++;
			break;
		}
	}
	*nr_done = i;
	axas_gather_end(as, &g, fl);
	return ret;
}

/**
 * axas_unmap_vec() - remove every mapping in @n ranges under one lock and
 *	one gather.
 * @as: the space.
 * @req: the ranges (@req->flags unused).
 * @n: how many.
 * @fl: if not NULL, what had to be invalidated, over all ranges.
 * @nr_done: ranges done completely.
 * @partial: bytes done of range @nr_done when it stopped early.
 *
 * Every range is checked against the space as it is at the call before
 * anything changes: 4 KiB aligned, non-empty, inside the space, touching
 * some area (holes inside it are fine). Then each is unmapped as by
 * axas_unmap_partial(). A fatal signal stops the vector at a range
 * boundary or inside a long range at a 2 MiB boundary.
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -ENOENT (a range touches no
 * area), -ENOMEM or -EINTR. The checks' errors change nothing; after
 * -ENOMEM or -EINTR exactly the ranges before @nr_done and the first
 * @partial bytes of range @nr_done are unmapped.
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_unmap_vec(struct axas *as, const struct axas_range_req *req,
		   unsigned int n, struct axas_inval_info *fl,
		   unsigned int *nr_done, u64 *partial)
{
	return axas_range_vec(as, req, n, false, fl, nr_done, partial);
}

/**
 * axas_protect_vec() - give @n ranges new flags under one lock and one
 *	gather.
 * @as: the space.
 * @req: the ranges and their new AXPT_ATTR() flags.
 * @n: how many.
 * @fl: if not NULL, what had to be invalidated, over all ranges.
 * @nr_done: ranges done completely.
 * @partial: bytes done of range @nr_done when it stopped early.
 *
 * As axas_unmap_vec(), with each range changed as by
 * axas_protect_partial(); the flags are checked with the ranges.
 *
 * Return: as axas_unmap_vec().
 *
 * Context: process context; takes the space's lock for write; may sleep.
 */
int axas_protect_vec(struct axas *as, const struct axas_range_req *req,
		     unsigned int n, struct axas_inval_info *fl,
		     unsigned int *nr_done, u64 *partial)
{
	return axas_range_vec(as, req, n, true, fl, nr_done, partial);
}

/**
 * axas_translate_batch() - the host addresses of many guest-physical
 *	addresses (a descriptor chain, a scatter-gather list).
 * @as: the space.
 * @gpa: @n addresses.
 * @hpa: their host addresses, filled in order.
 * @n: how many; the caller bounds it (one RCU read section).
 *
 * Lockless (RCU), like axas_translate(); the leaf-table misses of many
 * addresses overlap (see axpt_translate_batch()).
 *
 * Return: how many leading addresses were translated: @n, or the index of
 * the first one outside the space or not mapped (axas_translate() of it
 * says which).
 */
unsigned int axas_translate_batch(struct axas *as, const axas_gpa_t *gpa,
				  axas_hpa_t *hpa, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u64 g = axas_gpa_val(gpa[i]);

		if (g < as->base || g - as->base >= as->size)
			break;
	}
	return axpt_translate_batch(&as->pt, (const u64 __force *)gpa,
				    (u64 __force *)hpa, i);
}

/**
 * axas_translate_limit() - how many bytes from @gpa on are contiguous in
 *	host memory and inside @gpa's area.
 * @as: the space.
 * @gpa: any address.
 * @limit: the byte count (at least 1 on success).
 *
 * Return: 0, -ENOENT (not mapped) or -ERANGE.
 */
int axas_translate_limit(struct axas *as, axas_gpa_t gpa, u64 *limit)
{
	u64 g = axas_gpa_val(gpa), at, end, want;
	struct axas_area *a;
	struct axpt_leaf leaf;

	if (g < as->base || g - as->base >= as->size)
		return -ERANGE;
	guard(rwsem_read)(&as->lock);
	a = axas_area_find(as, g);
	if (!a || axpt_query(&as->pt, g, &leaf))
		return -ENOENT;
	end = axas_area_end(a);
	if (a->backend == AXAS_BACKEND_LINEAR) {
		*limit = end - g;
		return 0;
	}
	/* Follow the leaves while each one continues the previous. */
	want = leaf.hpa;
	at = g;
	while (at < end && !axpt_query(&as->pt, at, &leaf) && leaf.hpa == want) {
		u64 next = min(leaf.gpa_base + (1ULL << axpt_level_shift(leaf.level)), end);

		want += next - at;
		at = next;
	}
	*limit = at - g;
	return 0;
}

/**
 * axas_data_pages() - how many 4 KiB data pages the space's alloc areas
 *	hold.
 * @as: the space.
 *
 * Exact when no fault, map or unmap runs meanwhile; a snapshot otherwise.
 *
 * Context: any.
 *
 * Return: the count; 0 after axas_destroy().
 */
long axas_data_pages(const struct axas *as)
{
	long n = 0;
	int cpu;

	if (!as->pcpu)
		return 0;
	for_each_possible_cpu(cpu)
		n += per_cpu_ptr(as->pcpu, cpu)->data_pages;
	return n;
}

/**
 * axas_count_fault() - count a fault's result.
 * @as: the space.
 * @result: AXAS_FAULT_*.
 *
 * Context: any; a per-CPU counter.
 */
void axas_count_fault(struct axas *as, u32 result)
{
	if (result - 1 < AXAS_FAULT_NR - 1)
		this_cpu_inc(as->pcpu->faults[result - 1]);
}

/**
 * axas_get_stats() - everything counted about a space, in one struct.
 * @as: the space.
 * @out: the counts.
 *
 * A snapshot: exact when nothing changes the space meanwhile.
 *
 * Context: process context; takes the space's lock for read.
 */
void axas_get_stats(struct axas *as, struct axas_space_stats *out)
{
	unsigned int l, r;
	int cpu;

	memset(out, 0, sizeof(*out));
	guard(rwsem_read)(&as->lock);
	if (!as->pcpu)
		return;
	for_each_possible_cpu(cpu) {
		const struct axas_pcpu *p = per_cpu_ptr(as->pcpu, cpu);

		out->data_pages += p->data_pages;
		for (r = 1; r < AXAS_FAULT_NR; r++)
			out->faults[r] += p->faults[r - 1];
	}
	out->table_pages = atomic_long_read(&as->pt.nr_tables);
	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		out->leaves[l] = axpt_nr_leaves(&as->pt, l);
	out->areas = as->nr_areas;
	out->consumers = as->nr_consumers;
	out->invalidations = as->invalidations;
	out->invalidations_all = as->invalidations_all;
}
