// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces: creation, the area tree, map / unmap / protect and
 * translation. Faults are in as_fault.c, guest memory access in
 * as_access.c; the locking rules are in as.h.
 */
#include <linux/cleanup.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include "axaddrspace/as.h"

static u64 axas_area_end(const struct axas_area *a)
{
	return a->start + a->size;
}

/**
 * axas_area_find() - the area containing @gpa.
 * @as: the space; its lock held.
 * @gpa: any address.
 *
 * Return: the area or NULL.
 */
struct axas_area *axas_area_find(struct axas *as, u64 gpa)
{
	struct rb_node *n = as->areas.rb_node;

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
 * Return: 0, -EINVAL (bad alignment or configuration), -EOVERFLOW, -ERANGE
 * (the range does not fit the format's input size) or -ENOMEM.
 */
int axas_create(struct axas *as, const struct axpt_cfg *cfg, axas_gpa_t base,
		u64 size, const struct axpt_mm_ops *mm, void *mm_ctx,
		const struct axas_frame_ops *frames, void *frames_ctx)
{
	u64 start = axas_gpa_val(base);
	int ret;

	memset(as, 0, sizeof(*as));
	as->data_pages = alloc_percpu_gfp(long, GFP_KERNEL_ACCOUNT);
	if (!as->data_pages)
		return -ENOMEM;
	ret = axpt_init(&as->pt, cfg, mm, mm_ctx);
	if (!ret) {
		ret = axpt_check_range(&as->pt, start, size);
		if (!ret && !size)
			ret = -EINVAL;
		if (ret)
			axpt_destroy(&as->pt);
	}
	if (ret) {
		free_percpu(as->data_pages);
		as->data_pages = NULL;
		return ret;
	}
	init_rwsem(&as->lock);
	as->areas = RB_ROOT;
	as->base = start;
	as->size = size;
	as->frames = frames;
	as->frames_ctx = frames_ctx;
	return 0;
}

/* axpt_unmap_leaves() callback: free the frames of an alloc area's leaf. */
struct axas_unmap_ctx {
	struct axas *as;
	struct axas_area *area;		/* the area of the last leaf */
};

static void axas_free_leaf(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	struct axas_unmap_ctx *c = arg;
	struct axas *as = c->as;
	unsigned long n = 1UL << (AXPT_LEVEL_BITS * level), i;

	/* Leaves arrive in address order: advance the area cursor. */
	if (!c->area || gpa >= axas_area_end(c->area) || gpa < c->area->start)
		c->area = axas_area_find(as, gpa);
	if (!c->area || c->area->backend != AXAS_BACKEND_ALLOC)
		return;
	for (i = 0; i < n; i++)
		as->frames->free(as->frames_ctx, hpa + i * AXPT_PAGE_SIZE);
	this_cpu_sub(*as->data_pages, n);
}

/**
 * axas_destroy() - free every frame, table and area.
 * @as: the space; nobody else may use it any more.
 */
void axas_destroy(struct axas *as)
{
	struct axas_unmap_ctx c = { .as = as };
	struct axas_area *a, *next;
	struct axpt_flush fl;

	if (!as->pt.root)
		return;
	/* Whole areas: no leaf is split, so this cannot fail. */
	rbtree_postorder_for_each_entry_safe(a, next, &as->areas, node) {
		if (a->backend == AXAS_BACKEND_ALLOC) {
			c.area = a;
			axpt_unmap_leaves(&as->pt, a->start, a->size, &fl,
					  axas_free_leaf, &c);
		}
		kfree(a);
	}
	as->areas = RB_ROOT;
	as->nr_areas = 0;
	axpt_destroy(&as->pt);
	free_percpu(as->data_pages);
	as->data_pages = NULL;
}

static int axas_check_flags(struct axas *as, u32 flags, u8 backend)
{
	if (flags & ~AXPT_ATTR_MASK || !AXPT_ATTR_PROT(flags))
		return -EINVAL;
	/* MMIO areas are never mapped: any protection can be recorded. */
	if (backend == AXAS_BACKEND_MMIO)
		return AXPT_ATTR_MEM(flags) <= AXAS_MEM_DEVICE ? 0 : -EINVAL;
	return as->pt.fmt->check_attr(flags);
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
	if (axas_area_first(as, gpa, gpa + size))
		return -EEXIST;
	a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	a->start = gpa;
	a->size = size;
	a->flags = flags;
	a->backend = backend;
	*out = a;
	return 0;
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
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EEXIST (overlaps an area),
 * -EPERM (host memory not allowed) or -ENOMEM. Nothing changes on error.
 */
int axas_map_linear(struct axas *as, axas_gpa_t gpa, axas_hpa_t hpa, u64 size,
		    u32 flags)
{
	u64 g = axas_gpa_val(gpa), h = axas_hpa_val(hpa), hend;
	struct axas_area *a;
	int ret;

	if (h & (AXPT_PAGE_SIZE - 1))
		return -EINVAL;
	if (check_add_overflow(h, size, &hend))
		return -EOVERFLOW;
	if (hend > 1ULL << as->pt.oas)
		return -ERANGE;
	guard(rwsem_write)(&as->lock);
	ret = axas_area_new(as, g, size, flags, AXAS_BACKEND_LINEAR, &a);
	if (ret)
		return ret;
	if (as->frames->hpa_allowed && !as->frames->hpa_allowed(as->frames_ctx, h, size)) {
		kfree(a);
		return -EPERM;
	}
	a->hpa = h;
	ret = axpt_map(&as->pt, g, h, size, flags, 0);
	if (ret) {
		kfree(a);
		return ret;
	}
	axas_area_link(as, a);
	return 0;
}

/*
 * Populate [gpa, end) of @a: 2 MiB frames where a whole aligned 2 MiB
 * block is inside the range and one can be had, 4 KiB frames otherwise.
 */
static int axas_populate(struct axas *as, struct axas_area *a)
{
	u64 gpa = a->start, end = axas_area_end(a);

	while (gpa < end) {
		unsigned int order = 0;
		u64 hpa, size;
		int ret;

		if (!(gpa & (SZ_2M - 1)) && end - gpa >= SZ_2M &&
		    !as->frames->alloc(as->frames_ctx, AXPT_LEVEL_BITS, &hpa))
			order = AXPT_LEVEL_BITS;
		else if (as->frames->alloc(as->frames_ctx, 0, &hpa))
			return -ENOMEM;
		size = AXPT_PAGE_SIZE << order;
		ret = axpt_map(&as->pt, gpa, hpa, size, a->flags, 0);
		if (ret) {
			unsigned long i;

			for (i = 0; i < 1UL << order; i++)
				as->frames->free(as->frames_ctx, hpa + i * AXPT_PAGE_SIZE);
			return ret;
		}
		this_cpu_add(*as->data_pages, 1L << order);
		gpa += size;
	}
	return 0;
}

/**
 * axas_map_alloc() - map [@gpa, +@size) to zeroed frames of the module's.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned.
 * @flags: AXPT_ATTR(prot, memory type), expressible by the format.
 * @populate: allocate and map every frame now; otherwise on first fault.
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EEXIST or -ENOMEM. Nothing
 * changes on error: a failed populate gives back every frame and table.
 */
int axas_map_alloc(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		   bool populate)
{
	u64 g = axas_gpa_val(gpa);
	struct axas_area *a;
	int ret;

	guard(rwsem_write)(&as->lock);
	ret = axas_area_new(as, g, size, flags, AXAS_BACKEND_ALLOC, &a);
	if (ret)
		return ret;
	a->populate = populate;
	/* Linked first so that a rollback can free through the area. */
	axas_area_link(as, a);
	if (populate) {
		ret = axas_populate(as, a);
		if (ret) {
			struct axas_unmap_ctx c = { .as = as, .area = a };
			struct axpt_flush fl;

			/* Whole area, no splits: cannot fail. */
			axpt_unmap_leaves(&as->pt, a->start, a->size, &fl,
					  axas_free_leaf, &c);
			axas_area_unlink(as, a);
			kfree(a);
		}
	}
	return ret;
}

/**
 * axas_map_mmio() - record a device range that is never backed.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned.
 * @flags: the accesses the device accepts, AXPT_ATTR(prot, memory type).
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE, -EEXIST or -ENOMEM.
 */
int axas_map_mmio(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags)
{
	struct axas_area *a;
	int ret;

	guard(rwsem_write)(&as->lock);
	ret = axas_area_new(as, axas_gpa_val(gpa), size, flags,
			    AXAS_BACKEND_MMIO, &a);
	if (!ret)
		axas_area_link(as, a);
	return ret;
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

/**
 * axas_unmap() - remove every mapping in [@gpa, +@size).
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @fl: what the VMM must invalidate before the guest runs again.
 *
 * Areas are trimmed or split; the frames of alloc areas in the hole are
 * freed (a 2 MiB frame partly inside is split, its outside part stays);
 * holes are fine; empty tables are reclaimed.
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE or -ENOMEM. Nothing changes on
 * error.
 */
int axas_unmap(struct axas *as, axas_gpa_t gpa, u64 size, struct axpt_flush *fl)
{
	u64 start = axas_gpa_val(gpa), end = start + size;
	struct axas_area *spare = NULL, *a, *next;
	struct axas_unmap_ctx c = { .as = as };
	int ret;

	memset(fl, 0, sizeof(*fl));
	ret = axas_check_op_range(as, start, size);
	if (ret || !size)
		return ret;

	guard(rwsem_write)(&as->lock);
	a = axas_area_first(as, start, end);
	if (a && a->start < start && axas_area_end(a) > end) {
		spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
		if (!spare)
			return -ENOMEM;
	}
	/* One engine call: it can fail only before changing anything. */
	ret = axpt_unmap_leaves(&as->pt, start, size, fl, axas_free_leaf, &c);
	if (ret) {
		kfree(spare);
		return ret;
	}
	for (; a; a = next) {
		next = axas_area_next(a, end);
		if (a->start < start && axas_area_end(a) > end) {
			axas_area_cut(as, a, end, spare);
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
	return 0;
}

/**
 * axas_protect() - change the flags of every area and entry in a range.
 * @as: the space.
 * @gpa: start, 4 KiB aligned.
 * @size: bytes, 4 KiB aligned; 0 does nothing.
 * @flags: the new AXPT_ATTR(prot, memory type), expressible by the format;
 *	it also applies to later faults in lazy areas.
 * @fl: what the VMM must invalidate (downgrades of present entries).
 *
 * Return: 0, -EINVAL, -EOVERFLOW, -ERANGE or -ENOMEM. Nothing changes on
 * error.
 */
int axas_protect(struct axas *as, axas_gpa_t gpa, u64 size, u32 flags,
		 struct axpt_flush *fl)
{
	u64 start = axas_gpa_val(gpa), end = start + size;
	struct axas_area *spare[2] = {}, *a;
	unsigned int need = 0, i;
	int ret;

	memset(fl, 0, sizeof(*fl));
	ret = axas_check_op_range(as, start, size);
	if (!ret)
		ret = axas_check_flags(as, flags, AXAS_BACKEND_ALLOC);
	if (ret || !size)
		return ret;

	guard(rwsem_write)(&as->lock);
	a = axas_area_first(as, start, end);
	if (a && a->start < start)
		need++;
	a = axas_area_find(as, end - 1);
	if (a && axas_area_end(a) > end)
		need++;
	for (i = 0; i < need; i++) {
		spare[i] = kzalloc(sizeof(*spare[i]), GFP_KERNEL_ACCOUNT);
		if (!spare[i]) {
			kfree(spare[0]);
			return -ENOMEM;
		}
	}
	ret = axpt_protect(&as->pt, start, size, flags, fl);
	if (ret) {
		kfree(spare[0]);
		kfree(spare[1]);
		return ret;
	}
	i = 0;
	a = axas_area_first(as, start, end);
	if (a && a->start < start) {
		axas_area_cut(as, a, start, spare[i++]);
		a = axas_area_next(a, end);
	}
	for (; a; a = axas_area_next(a, end)) {
		if (axas_area_end(a) > end)
			axas_area_cut(as, a, end, spare[i++]);
		a->flags = flags;
	}
	return 0;
}

/**
 * axas_translate() - the host address a guest-physical address maps to.
 * @as: the space.
 * @gpa: any address.
 * @out: the translation: host address, entry size and flags.
 *
 * Lockless (RCU).
 *
 * Return: 0, -ENOENT (not mapped: a hole, an MMIO area or an unfaulted
 * lazy page) or -ERANGE (outside the space).
 */
int axas_translate(struct axas *as, axas_gpa_t gpa, struct axas_translation *out)
{
	u64 g = axas_gpa_val(gpa);
	struct axpt_leaf leaf;
	int ret;

	if (g < as->base || g - as->base >= as->size)
		return -ERANGE;
	ret = axpt_query(&as->pt, g, &leaf);
	if (ret)
		return ret;
	out->hpa = leaf.hpa;
	out->page_size = 1ULL << axpt_level_shift(leaf.level);
	out->flags = leaf.attr;
	return 0;
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
 * Return: the count; 0 after axas_destroy().
 */
long axas_data_pages(const struct axas *as)
{
	long n = 0;
	int cpu;

	if (!as->data_pages)
		return 0;
	for_each_possible_cpu(cpu)
		n += *per_cpu_ptr(as->data_pages, cpu);
	return n;
}
