// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl dispatch shared by /dev/axaddrspace and the address-space fds,
 * in the style of iommufd: one table per fd type with each struct's size
 * and first layout, read with copy_struct_from_user(), handled, and
 * copied back with the size the user knows.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/minmax.h>
#include <linux/uaccess.h>
#include "axaddrspace/space.h"

/*
 * The argument into the kernel's buffer, zero-extended: a struct of at
 * least the first layout (its size is its first field). Every caller's
 * struct is at least that long, so it comes in one user access, then
 * whatever the caller's struct has beyond it (checked for unknown
 * non-zero bytes). Only if that first copy faults is the size read alone,
 * to tell a short struct (EINVAL) from a bad pointer (EFAULT).
 */
static int axas_ioctl_read(struct axas_ucmd *ucmd,
			   const struct axas_ioctl_op *op)
{
	u8 *buf = ucmd->cmd;

	if (copy_from_user(buf, ucmd->ubuffer, op->min_size)) {
		if (get_user(ucmd->user_size, (u32 __user *)ucmd->ubuffer))
			return -EFAULT;
		return ucmd->user_size < op->min_size ? -EINVAL : -EFAULT;
	}
	ucmd->user_size = *(u32 *)buf;
	if (ucmd->user_size < op->min_size)
		return -EINVAL;
	if (ucmd->user_size == op->min_size && op->size == op->min_size)
		return 0;
	return copy_struct_from_user(buf + op->min_size,
				     op->size - op->min_size,
				     ucmd->ubuffer + op->min_size,
				     ucmd->user_size - op->min_size);
}

/**
 * axas_ioctl_dispatch() - read an ioctl's argument, run its handler, write
 *	the result back.
 * @file: the fd.
 * @cmd: the command.
 * @arg: the user pointer.
 * @ops: the fd type's table; entry i handles command number @first + i.
 * @nr_ops: entries in @ops.
 * @first: the command number of @ops[0].
 * @buf: kernel space for the largest argument of @ops.
 * @buf_size: its size.
 *
 * Context: process context; no lock held (handlers take what they need).
 *
 * Return: the handler's result, -ENOTTY for a command not in @ops,
 * -EFAULT for a bad pointer, -EINVAL for a size below the first layout,
 * -E2BIG for non-zero bytes past the kernel's struct.
 */
long axas_ioctl_dispatch(struct file *file, unsigned int cmd,
			 unsigned long arg, const struct axas_ioctl_op *ops,
			 unsigned int nr_ops, unsigned int first,
			 void *buf, size_t buf_size)
{
	struct axas_ucmd ucmd = {
		.ubuffer = (void __user *)arg,
		.cmd = buf,
		.file = file,
	};
	const struct axas_ioctl_op *op;
	unsigned int nr = _IOC_NR(cmd);
	int ret, copy_ret;

	/* every command is _IO(AXAS_IOC_MAGIC, nr): the size is in the struct */
	if (cmd != _IO(AXAS_IOC_MAGIC, nr) || nr < first || nr - first >= nr_ops)
		return -ENOTTY;
	op = &ops[nr - first];
	if (!op->execute)
		return -ENOTTY;
	if (WARN_ON_ONCE(op->size > buf_size))
		return -EINVAL;
	ret = axas_ioctl_read(&ucmd, op);
	if (ret)
		return ret;
	/*
	 * The outputs go back also on error: handlers set what they report
	 * then (progress, needed sizes, a cleared count) before anything
	 * can fail, and copy back nothing else.
	 */
	ret = op->execute(&ucmd);
	if (ucmd.responded)
		return ret;
	copy_ret = copy_to_user(ucmd.ubuffer, buf,
				min_t(size_t, ucmd.user_size, op->size));
	if (copy_ret)
		return -EFAULT;
	return ret;
}
