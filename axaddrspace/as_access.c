// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory access for the VMM: read and write guest-physical memory of
 * any length, across pages and areas, through an iov_iter (a kernel
 * buffer for in-kernel users, a user buffer for the ioctl layer).
 *
 * A write into an unpopulated lazy page populates it; a read of one gives
 * zeros without allocating. MMIO, holes and the outside of the space stop
 * the access with -EFAULT; @done tells how many bytes were copied.
 */
#include <linux/cleanup.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/uio.h>
#include "axaddrspace/as.h"

static int axas_access(struct axas *as, u64 gpa, struct iov_iter *it,
		       bool write, size_t *done)
{
	struct axas_area *a = NULL;
	int ret = 0;

	*done = 0;
	guard(rwsem_read)(&as->lock);
	while (iov_iter_count(it)) {
		size_t off = gpa & (AXPT_PAGE_SIZE - 1);
		size_t n = min_t(size_t, iov_iter_count(it), AXPT_PAGE_SIZE - off);
		struct axas_fault_info fi;
		size_t copied;
		u64 hpa;
		void *va;

		if (gpa < as->base || gpa - as->base >= as->size)
			return -EFAULT;
		if (!a || gpa < a->start || gpa - a->start >= a->size)
			a = axas_area_find(as, gpa);
		if (!a || a->backend == AXAS_BACKEND_MMIO)
			return -EFAULT;
		if (axpt_translate(&as->pt, gpa, &hpa)) {
			if (a->backend != AXAS_BACKEND_ALLOC)
				return -EFAULT;
			if (!write) {
				/* An unpopulated page reads as zeros. */
				copied = iov_iter_zero(n, it);
				goto advance;
			}
			ret = axas_fault_in(as, a, gpa, &fi);
			if (ret)
				return ret;
			hpa = fi.hpa;
		}
		va = as->frames->map(as->frames_ctx, hpa - off);
		if (!va)
			return -EFAULT;
		if (write)
			copied = copy_from_iter(va + off, n, it);
		else
			copied = copy_to_iter(va + off, n, it);
		as->frames->unmap(as->frames_ctx, hpa - off, va);
advance:
		*done += copied;
		if (copied != n)
			return -EFAULT;
		gpa += n;
	}
	return ret;
}

/**
 * axas_read() - copy guest memory at @gpa into @to.
 * @as: the space.
 * @gpa: first guest-physical byte.
 * @to: the destination; its count is the length.
 * @done: bytes copied, also on error.
 *
 * Context: process context; takes the space's lock for read, so frames
 * cannot be freed during the copy; @to must not fault on memory that
 * needs the space's lock (a kernel buffer is safe). For consumers too.
 *
 * Return: 0, or -EFAULT where the access stopped (MMIO, hole, outside the
 * space, or a fault on @to).
 */
int axas_read(struct axas *as, axas_gpa_t gpa, struct iov_iter *to,
	      size_t *done)
{
	return axas_access(as, axas_gpa_val(gpa), to, false, done);
}
EXPORT_SYMBOL_GPL(axas_read);

/**
 * axas_write() - copy @from into guest memory at @gpa.
 * @as: the space.
 * @gpa: first guest-physical byte.
 * @from: the source; its count is the length.
 * @done: bytes copied, also on error.
 *
 * Context: as axas_read().
 *
 * Return: 0, -EFAULT (as axas_read()) or -ENOMEM (a lazy page could not
 * be populated).
 */
int axas_write(struct axas *as, axas_gpa_t gpa, struct iov_iter *from,
	       size_t *done)
{
	return axas_access(as, axas_gpa_val(gpa), from, true, done);
}
EXPORT_SYMBOL_GPL(axas_write);
