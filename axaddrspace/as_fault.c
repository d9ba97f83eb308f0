// SPDX-License-Identifier: GPL-2.0
/*
 * Nested page faults: find the area, check the access, and for a lazy
 * alloc area allocate and install a frame. Runs on the space's fast read
 * side (as.h), so several vCPUs fault at once without writing a shared
 * cache line: entries are installed with cmpxchg (axpt_fault_install())
 * and the loser of a race frees its frame.
 */
#include <linux/cleanup.h>
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include "axaddrspace/as.h"
#include "axaddrspace/trace_hooks.h"

static void axas_fault_area(struct axas_fault_info *out, u32 result,
			    const struct axas_area *a)
{
	out->result = result;
	out->area_start = a->start;
	out->area_size = a->size;
	out->area_flags = a->flags;
	out->area_backend = a->backend;
}

/*
 * Formats whose TLBs may keep a translation that faulted: Arm keeps
 * permission faults' entries after an upgrade, RISC-V may also cache
 * invalid entries. x86 drops the faulting translation on every fault.
 */
static bool axas_flush_local(const struct axas *as)
{
	switch (as->pt.fmt->id) {
	case AXAS_FORMAT_ARM_S2:
		return READ_ONCE(as->upgrades);
	case AXAS_FORMAT_RISCV_G:
		return true;
	default:
		return false;
	}
}

/*
 * The result for a leaf that was there already (now or by a racing
 * fault): SPURIOUS.
 */
static void axas_spurious_leaf(const struct axas *as,
			       const struct axpt_leaf *leaf,
			       struct axas_fault_info *out)
{
	out->result = AXAS_FAULT_SPURIOUS;
	out->hpa = leaf->hpa;
	out->level = leaf->level;
	if (axas_flush_local(as))
		out->flags |= AXAS_FAULT_F_FLUSH_LOCAL;
}

/*
 * A linear area's fault: mapped whole at creation, so the page is mapped
 * (1: SPURIOUS), or not (0), or -EINVAL: the entry there does not decode.
 */
static int axas_spurious(struct axas *as, u64 gpa, struct axas_fault_info *out)
{
	struct axpt_leaf leaf;
	int ret = axpt_query(&as->pt, gpa, &leaf);

	if (ret == -EINVAL)
		return ret;
	if (ret)
		return 0;
	axas_spurious_leaf(as, &leaf, out);
	return 1;
}

/**
 * axas_fault_in() - make sure the page at @gpa of @area is mapped.
 * @as: the space, on a read side (see the Context line).
 * @area: the alloc area containing @gpa.
 * @gpa: the address.
 * @out: MAPPED, SPURIOUS, NOMEM or INVALID (an entry that does not
 *	decode is in the way).
 *
 * Lazy alloc areas get a 2 MiB frame when the aligned 2 MiB block around
 * @gpa is inside the area, the page table has nothing in it (not even a
 * table of 4 KiB pages: once a block holds small pages it is not offered
 * a 2 MiB frame again, which would be allocated and zeroed only to be
 * refused) and such a frame can be had; a 4 KiB frame otherwise.
 * Permissions are the caller's business (a VMM writing into a read-only
 * area of its guest is fine).
 *
 * Context: a read side of the space (its lock for read, or the fast read
 * side) or its lock for write.
 *
 * Return: 0, -ENOMEM (NOMEM) or -EINVAL (INVALID); @out->result is the
 * one channel that says what happened, the errno is for the guest memory
 * access code, which needs one.
 */
int axas_fault_in(struct axas *as, struct axas_area *area, u64 gpa,
		  struct axas_fault_info *out)
{
	u64 block = gpa & ~((u64)SZ_2M - 1);
	struct axpt_fault f = {
		.alloc = as->frames->alloc,
		.free = as->frames->free,
		.ctx = as->frames_ctx,
		.gpa = gpa,
		.attr = area->flags,
		.max_level = axpt_leaf_allowed(&as->pt, 1) &&
			     block >= area->start &&
			     block + SZ_2M <= area->start + area->size,
	};
	int ret;

	lockdep_assert_held(&as->lock);
	/* one walk: finds the slot, allocates the frame, installs it */
	ret = axpt_fault_install(&as->pt, &f);
	if (likely(ret == AXPT_FAULT_NEW)) {
		this_cpu_add(as->pcpu->data_pages,
			     1L << (f.leaf.level * AXPT_LEVEL_BITS));
		out->result = AXAS_FAULT_MAPPED;
		out->hpa = f.leaf.hpa;
		out->level = f.leaf.level;
		return 0;
	}
	if (ret == AXPT_FAULT_FOUND) {
		axas_spurious_leaf(as, &f.leaf, out);
		return 0;
	}
	out->result = ret == -ENOMEM ? AXAS_FAULT_NOMEM : AXAS_FAULT_INVALID;
	return ret;
}

static void axas_fault_locked(struct axas *as, u64 g, u32 access,
			      struct axas_fault_info *out)
{
	struct axas_area *a;
	int ret;

	a = axas_area_find(as, g);
	if (!a) {
		out->result = AXAS_FAULT_NO_AREA;
		return;
	}
	if ((AXPT_ATTR_PROT(a->flags) & access) != access) {
		axas_fault_area(out, AXAS_FAULT_PERMISSION, a);
		return;
	}
	if (a->backend == AXAS_BACKEND_MMIO) {
		axas_fault_area(out, AXAS_FAULT_MMIO, a);
		return;
	}
	if (a->backend == AXAS_BACKEND_ALLOC) {
		axas_fault_in(as, a, g, out);
	} else if (a->backend == AXAS_BACKEND_LINEAR) {
		/* a linear area is mapped whole: SPURIOUS, or a corrupt entry */
		ret = axas_spurious(as, g, out);
		if (ret <= 0)
			out->result = ret ? AXAS_FAULT_INVALID : AXAS_FAULT_NO_AREA;
	}
	out->area_start = a->start;
	out->area_size = a->size;
	out->area_flags = a->flags;
	out->area_backend = a->backend;
}

/**
 * axas_handle_fault() - handle a nested page fault.
 * @as: the space.
 * @gpa: the faulting guest-physical address.
 * @access: the access that faulted: AXAS_PROT_* bits, at least one.
 * @out: what happened: AXAS_FAULT_MAPPED (a frame was mapped now),
 *	SPURIOUS (already mapped and allowed: nothing allocated), MMIO (a
 *	device access; the area is reported), PERMISSION (the area forbids
 *	@access), NO_AREA, OUT_OF_RANGE, NOMEM or INVALID (the table holds
 *	an entry the format cannot decode there).
 *
 * Every outcome is reported in @out->result only; the return value says
 * whether the call itself was valid.
 *
 * Context: process context; on the space's fast read side (see as.h), so
 * it runs concurrently with other faults; may sleep (frame allocation,
 * and waiting for a writer).
 *
 * Return: 0 with @out filled, or -EINVAL if @access is empty or unknown.
 */
int axas_handle_fault(struct axas *as, axas_gpa_t gpa, u32 access,
		      struct axas_fault_info *out)
{
	u64 g = axas_gpa_val(gpa);

	atomic_t *readers;

	memset(out, 0, sizeof(*out));
	if (!access || access & ~AXPT_PROT_MASK)
		return -EINVAL;
	if (g < as->base || g - as->base >= as->size) {
		out->result = AXAS_FAULT_OUT_OF_RANGE;
	} else {
		readers = axas_read_begin(as);
		axas_fault_locked(as, g, access, out);
		axas_read_end(as, readers);
	}
	axas_count_fault(as, out->result);
	trace_axas_fault(as, g, access, out);
	return 0;
}
EXPORT_SYMBOL_GPL(axas_handle_fault);

