// SPDX-License-Identifier: GPL-2.0
/*
 * Nested page faults: find the area, check the access, and for a lazy
 * alloc area allocate and install a frame. Runs with the space's lock held
 * for read, so several vCPUs fault at once: entries are installed with
 * cmpxchg (AXPT_MAP_SHARED) and the loser of a race frees its frame.
 */
#include <linux/cleanup.h>
#include <linux/errno.h>
#include <linux/sizes.h>
#include "axaddrspace/as.h"

static void axas_fault_area(struct axas_fault_info *out, u32 result,
			    const struct axas_area *a)
{
	out->result = result;
	out->area_start = a->start;
	out->area_size = a->size;
	out->area_flags = a->flags;
}

static void axas_free_frames(struct axas *as, u64 hpa, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < 1UL << order; i++)
		as->frames->free(as->frames_ctx, hpa + i * AXPT_PAGE_SIZE);
}

/*
 * Try to install a 2^order-page frame at @base, the aligned start of the
 * frame that will contain the faulting @gpa.
 */
static int axas_install(struct axas *as, struct axas_area *a, u64 base,
			u64 gpa, unsigned int order, struct axas_fault_info *out)
{
	u64 size = AXPT_PAGE_SIZE << order, hpa;
	u32 max = order ? AXPT_MAP_MAX_2M : AXPT_MAP_MAX_4K;
	int ret;

	if (as->frames->alloc(as->frames_ctx, order, &hpa))
		return -ENOMEM;
	ret = axpt_map(&as->pt, base, hpa, size, a->flags, AXPT_MAP_SHARED | max);
	if (ret) {
		axas_free_frames(as, hpa, order);
		return ret;
	}
	this_cpu_add(*as->data_pages, 1L << order);
	out->result = AXAS_FAULT_MAPPED;
	out->hpa = hpa + (gpa - base);
	out->level = order ? 1 : 0;
	return 0;
}

/*
 * Already mapped (now or by a racing fault)? Then it is spurious. If not
 * and @hole is not NULL, *@hole is the level of the empty entry the walk
 * stopped at.
 */
static bool axas_spurious(struct axas *as, u64 gpa, struct axas_fault_info *out,
			  unsigned int *hole)
{
	struct axpt_leaf leaf;
	int ret = axpt_query(&as->pt, gpa, &leaf);

	if (ret) {
		if (hole)
			*hole = ret == -ENOENT ? leaf.level : 0;
		return false;
	}
	out->result = AXAS_FAULT_SPURIOUS;
	out->hpa = leaf.hpa;
	out->level = leaf.level;
	return true;
}

/**
 * axas_fault_in() - make sure the page at @gpa of @area is mapped.
 * @as: the space; its lock held (for read is enough).
 * @area: the alloc area containing @gpa.
 * @gpa: the address.
 * @out: MAPPED, SPURIOUS or NOMEM (also the only failure).
 *
 * Lazy alloc areas get a 2 MiB frame when the aligned 2 MiB block around
 * @gpa is inside the area, the page table has nothing in it (not even a
 * table of 4 KiB pages: once a block holds small pages it is not offered
 * a 2 MiB frame again, which would be allocated and zeroed only to be
 * refused) and such a frame can be had; a 4 KiB frame otherwise.
 * Permissions are the caller's business (a VMM writing into a read-only
 * area of its guest is fine).
 *
 * Return: 0 or -ENOMEM.
 */
int axas_fault_in(struct axas *as, struct axas_area *area, u64 gpa,
		  struct axas_fault_info *out)
{
	u64 block = gpa & ~((u64)SZ_2M - 1);
	u64 page = gpa & ~(AXPT_PAGE_SIZE - 1);
	unsigned int hole;
	int ret;

	if (axas_spurious(as, gpa, out, &hole))
		return 0;
	if (hole >= 1 && block >= area->start &&
	    block + SZ_2M <= area->start + area->size) {
		ret = axas_install(as, area, block, gpa, AXPT_LEVEL_BITS, out);
		if (!ret)
			return 0;
		/* -EEXIST: a racing fault mapped something in the block */
		if (ret == -EEXIST && axas_spurious(as, gpa, out, NULL))
			return 0;
	}
	ret = axas_install(as, area, page, gpa, 0, out);
	if (!ret || (ret == -EEXIST && axas_spurious(as, gpa, out, NULL)))
		return 0;
	out->result = AXAS_FAULT_NOMEM;
	return -ENOMEM;
}

/**
 * axas_handle_fault() - handle a nested page fault.
 * @as: the space.
 * @gpa: the faulting guest-physical address.
 * @access: the access that faulted: AXAS_PROT_* bits, at least one.
 * @out: what happened: AXAS_FAULT_MAPPED (a frame was mapped now),
 *	SPURIOUS (already mapped and allowed: nothing allocated), MMIO (a
 *	device access; the area is reported), PERMISSION (the area forbids
 *	@access), NO_AREA, OUT_OF_RANGE or NOMEM.
 *
 * Return: 0 with @out filled, or -EINVAL if @access is empty or unknown.
 */
int axas_handle_fault(struct axas *as, axas_gpa_t gpa, u32 access,
		      struct axas_fault_info *out)
{
	u64 g = axas_gpa_val(gpa);
	struct axas_area *a;

	memset(out, 0, sizeof(*out));
	if (!access || access & ~AXPT_PROT_MASK)
		return -EINVAL;
	if (g < as->base || g - as->base >= as->size) {
		out->result = AXAS_FAULT_OUT_OF_RANGE;
		return 0;
	}
	guard(rwsem_read)(&as->lock);
	a = axas_area_find(as, g);
	if (!a) {
		out->result = AXAS_FAULT_NO_AREA;
		return 0;
	}
	if ((AXPT_ATTR_PROT(a->flags) & access) != access) {
		axas_fault_area(out, AXAS_FAULT_PERMISSION, a);
		return 0;
	}
	if (a->backend == AXAS_BACKEND_MMIO) {
		axas_fault_area(out, AXAS_FAULT_MMIO, a);
		return 0;
	}
	if (a->backend == AXAS_BACKEND_ALLOC)
		axas_fault_in(as, a, g, out);
	else if (!axas_spurious(as, g, out, NULL))
		/* cannot happen: a linear area is mapped whole or not at all */
		out->result = AXAS_FAULT_NO_AREA;
	out->area_start = a->start;
	out->area_size = a->size;
	out->area_flags = a->flags;
	return 0;
}
