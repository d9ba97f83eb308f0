// SPDX-License-Identifier: GPL-2.0
/*
 * axaddrspace: the /dev/axaddrspace misc device and its ioctls.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "axaddrspace/dev.h"

/*
 * Formats the module supports and their limits. A static table for the
 * ABI; the KUnit case axas_test_formats_match_engine checks it against
 * what the page-table engine accepts.
 */
static const struct axas_format_info axas_formats[] = {
	{
		.format = AXAS_FORMAT_INTEL_EPT,
		.levels = BIT(4) | BIT(5),
		.min_ias_bits = 48,
		.max_ias_bits = 57,
	},
	{
		.format = AXAS_FORMAT_AMD_NPT,
		.levels = BIT(4) | BIT(5),
		.min_ias_bits = 48,
		.max_ias_bits = 57,
	},
	{
		.format = AXAS_FORMAT_ARM_S2,
		.levels = BIT(2) | BIT(3) | BIT(4),
		.min_ias_bits = 32,
		.max_ias_bits = 48,
	},
	{
		/* Sv39x4, Sv48x4, Sv57x4 */
		.format = AXAS_FORMAT_RISCV_G,
		.levels = BIT(3) | BIT(4) | BIT(5),
		.min_ias_bits = 41,
		.max_ias_bits = 59,
	},
};

/**
 * axas_dev_formats() - the formats reported by AXAS_IOC_GET_INFO
 * @count: set to the number of entries in the returned array
 *
 * Return: a static array of @count format descriptors.
 */
const struct axas_format_info *axas_dev_formats(unsigned int *count)
{
	*count = ARRAY_SIZE(axas_formats);
	return axas_formats;
}

/**
 * axas_info_check() - validate the input fields of a struct axas_info
 * @info: the argument as copied from userspace
 *
 * Return: 0 if valid, -EOPNOTSUPP for unknown flags, -EINVAL for non-zero
 * reserved fields.
 */
int axas_info_check(const struct axas_info *info)
{
	unsigned int i;

	if (info->flags)
		return -EOPNOTSUPP;
	for (i = 0; i < ARRAY_SIZE(info->__reserved); i++)
		if (info->__reserved[i])
			return -EINVAL;
	return 0;
}

/**
 * axas_get_info() - AXAS_IOC_GET_INFO
 * @uarg: user pointer to a struct axas_info
 *
 * Return: 0 on success, -EFAULT for bad pointers, -EINVAL for a size below
 * the version 1 layout or non-zero reserved fields, -E2BIG for non-zero bytes
 * beyond the layout this kernel knows, -EOPNOTSUPP for unknown flags,
 * -EMSGSIZE if the format array is too small.
 */
int axas_get_info(void __user *uarg)
{
	const struct axas_format_info *formats;
	struct axas_info info;
	unsigned int count;
	u32 usize, capacity;
	int ret;

	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize < AXAS_INFO_MIN_SIZE)
		return -EINVAL;
	ret = copy_struct_from_user(&info, sizeof(info), uarg, usize);
	if (ret)
		return ret;
	ret = axas_info_check(&info);
	if (ret)
		return ret;

	formats = axas_dev_formats(&count);
	capacity = info.num_formats;
	info.abi_version = AXAS_ABI_VERSION;
	info.num_formats = count;
	if (capacity && capacity < count)
		ret = -EMSGSIZE;
	else if (capacity &&
		 copy_to_user(u64_to_user_ptr(info.formats), formats,
			      array_size(count, sizeof(*formats))))
		return -EFAULT;

	if (copy_to_user(uarg, &info, min_t(size_t, usize, sizeof(info))))
		return -EFAULT;
	return ret;
}

static long axas_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case AXAS_IOC_GET_INFO:
		return axas_get_info(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations axas_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = axas_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice axas_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "axaddrspace",
	.fops = &axas_fops,
	.mode = 0600,
};

/**
 * axas_dev_register() - create /dev/axaddrspace
 *
 * Return: 0 or a negative errno from misc_register().
 */
int axas_dev_register(void)
{
	return misc_register(&axas_miscdev);
}

/**
 * axas_dev_unregister() - remove /dev/axaddrspace
 */
void axas_dev_unregister(void)
{
	misc_deregister(&axas_miscdev);
}
