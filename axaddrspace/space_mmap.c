// SPDX-License-Identifier: GPL-2.0
/*
 * mmap() of an address-space fd: guest memory of alloc areas in the VMM's
 * address space, at file offset = guest-physical address.
 *
 * Pages are inserted one at a time on the VMM's fault (vm_insert_page(),
 * so each user mapping holds a reference of its own to the frame): a lazy
 * page is populated exactly as a guest fault would. Anything else (a hole,
 * an MMIO or linear area, outside the space) is SIGBUS.
 *
 * The user mappings are one more walker of the space's frames, so they
 * are a consumer of it: attached at the first mmap(), their invalidate
 * zaps the changed ranges of every user mapping of the fd (all processes,
 * forks included) before the space frees a frame. The consumer keeps the
 * space on the invalidating path even when no vCPU consumer is attached.
 *
 * Locking: the fault handler runs under mmap_lock (or the VMA lock) and
 * takes the space's lock for read; mmap() runs under mmap_lock for write
 * and may take the space's lock for write (the attach). The space's lock
 * is never held while mmap_lock is taken: no path copies to or from user
 * memory, or faults on it, with the space's lock held.
 */
#include <linux/cleanup.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include "axaddrspace/space.h"

/* The consumer's invalidate: zap the user mappings of the ranges. */
static void axas_mmap_invalidate(struct axas_consumer *c,
				 const struct axas_inval *inv)
{
	struct axas_space *s = container_of(c, struct axas_space, mmap_consumer);
	unsigned int i;

	if (!mapping_mapped(s->mapping))
		return;
	if (inv->all) {
		unmap_mapping_range(s->mapping, 0, 0, 1);
		return;
	}
	for (i = 0; i < inv->nr; i++)
		unmap_mapping_range(s->mapping, inv->ranges[i].start,
				    inv->ranges[i].end - inv->ranges[i].start, 1);
}

static const struct axas_consumer_ops axas_mmap_consumer_ops = {
	.invalidate = axas_mmap_invalidate,
};

static vm_fault_t axas_mmap_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct axas_space *s = vma->vm_file->private_data;
	u64 gpa = (u64)vmf->pgoff << PAGE_SHIFT;
	struct axas *as = s->as;
	struct axas_fault_info fi;
	struct axas_area *a;
	int ret;

	guard(rwsem_read)(&as->lock);
	if (gpa < as->base || gpa - as->base >= as->size)
		return VM_FAULT_SIGBUS;
	a = axas_area_find(as, gpa);
	if (!a || a->backend != AXAS_BACKEND_ALLOC)
		return VM_FAULT_SIGBUS;
	if (axas_fault_in(as, a, gpa, &fi)) {
		/* over the space's own limit: the VMM's problem, not the host's */
		if (fi.result == AXAS_FAULT_NOMEM &&
		    !(s->max_data_pages &&
		      atomic_long_read(&s->data_pages) >= (long)s->max_data_pages))
			return VM_FAULT_OOM;
		return VM_FAULT_SIGBUS;
	}
	/*
	 * Under the space's lock for read: an unmap (write) cannot remove
	 * the frame before the user PTE exists, and zaps it afterwards.
	 */
	ret = vm_insert_page(vma, vmf->address & PAGE_MASK,
			     pfn_to_page(PHYS_PFN(fi.hpa)));
	if (ret == -ENOMEM)
		return VM_FAULT_OOM;
	if (ret && ret != -EBUSY)
		return VM_FAULT_SIGBUS;
	return VM_FAULT_NOPAGE;
}

static const struct vm_operations_struct axas_mmap_vm_ops = {
	.fault = axas_mmap_fault,
};

/**
 * axas_space_mmap() - mmap() of an address-space fd.
 * @file: the fd.
 * @vma: the new mapping; its offset is a guest-physical address.
 *
 * Context: process context, mmap_lock held for write; may take the space's
 * lock for write (the first mmap() attaches the user-mapping consumer).
 *
 * Return: 0, -EINVAL (a private mapping, or a range outside the space),
 * -EPERM (PROT_EXEC), -ENODEV (the space was shut down, or the kernel's
 * page size is not 4 KiB).
 */
int axas_space_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct axas_space *s = file->private_data;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT, end;
	int ret;

	if (PAGE_SIZE != AXPT_PAGE_SIZE)
		return -ENODEV;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_flags & VM_EXEC)
		return -EPERM;
	if (check_add_overflow(off, (u64)(vma->vm_end - vma->vm_start), &end) ||
	    off < s->as->base || end > s->as->base + s->as->size)
		return -EINVAL;
	scoped_guard(mutex, &s->mmap_lock) {
		if (!s->mmap_attached) {
			ret = axas_consumer_attach(s->as, &s->mmap_consumer);
			if (ret)
				return ret;
			WRITE_ONCE(s->mmap_attached, true);
		}
	}
	vm_flags_set(vma, VM_MIXEDMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vm_flags_clear(vma, VM_MAYEXEC);
	vma->vm_ops = &axas_mmap_vm_ops;
	return 0;
}

/**
 * axas_space_mmap_init() - set up a new space fd's mmap state.
 * @s: the space fd's state.
 *
 * Context: process context.
 */
void axas_space_mmap_init(struct axas_space *s)
{
	mutex_init(&s->mmap_lock);
	s->mmap_consumer.ops = &axas_mmap_consumer_ops;
}

/**
 * axas_space_mmap_release() - the fd's last close: detach the user-mapping
 *	consumer (no user mapping is left: each held a file reference).
 * @s: the space fd's state.
 *
 * Context: process context; takes the space's lock for write.
 */
void axas_space_mmap_release(struct axas_space *s)
{
	if (s->mmap_attached)
		axas_consumer_detach(&s->mmap_consumer);
	mutex_destroy(&s->mmap_lock);
}
