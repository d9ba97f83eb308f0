// SPDX-License-Identifier: GPL-2.0
/*
 * axaddrspace: the /dev/axaddrspace misc device: what the module supports
 * (AXAS_IOC_GET_INFO) and new address spaces (AXAS_IOC_CREATE).
 */
#include <linux/bits.h>
#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/uaccess.h>

#include "axaddrspace/dev.h"
#include "axaddrspace/pt.h"
#include "axaddrspace/space.h"

#define AXAS_MEM_TYPES	(BIT(AXAS_MEM_WB) | BIT(AXAS_MEM_NC) | BIT(AXAS_MEM_DEVICE))
#define AXAS_PGSIZES	(AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G)

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
		.pgsizes = AXAS_PGSIZES,
		.cfg_flags = AXAS_CFG_EPT_AD,
		.mem_types = AXAS_MEM_TYPES,
	},
	{
		.format = AXAS_FORMAT_AMD_NPT,
		.levels = BIT(4) | BIT(5),
		.min_ias_bits = 48,
		.max_ias_bits = 57,
		.pgsizes = AXAS_PGSIZES,
		.mem_types = AXAS_MEM_TYPES,
	},
	{
		.format = AXAS_FORMAT_ARM_S2,
		.levels = BIT(2) | BIT(3) | BIT(4),
		.min_ias_bits = 32,
		.max_ias_bits = 48,
		.pgsizes = AXAS_PGSIZES,
		.mem_types = AXAS_MEM_TYPES,
	},
	{
		/* Sv39x4, Sv48x4, Sv57x4 */
		.format = AXAS_FORMAT_RISCV_G,
		.levels = BIT(3) | BIT(4) | BIT(5),
		.min_ias_bits = 41,
		.max_ias_bits = 59,
		.pgsizes = AXAS_PGSIZES,
		.cfg_flags = AXAS_CFG_SVPBMT,
		.mem_types = AXAS_MEM_TYPES,
	},
};

/**
 * axas_dev_format() - one format reported by AXAS_IOC_GET_INFO
 * @i: its index, below axas_dev_nr_formats().
 * @out: the description; the output address size is the engine's.
 *
 * Context: any.
 */
void axas_dev_format(unsigned int i, struct axas_format_info *out)
{
	const struct axpt_format *fmt = axpt_format_get(axas_formats[i].format);

	*out = axas_formats[i];
	out->max_oas_bits = fmt ? fmt->max_oas : 0;
}

/**
 * axas_dev_nr_formats() - how many formats AXAS_IOC_GET_INFO reports
 *
 * Context: any.
 *
 * Return: the count.
 */
unsigned int axas_dev_nr_formats(void)
{
	return ARRAY_SIZE(axas_formats);
}

static int axas_ioc_get_info(struct axas_ucmd *ucmd)
{
	struct axas_info *info = ucmd->cmd;
	void __user *formats = u64_to_user_ptr(info->formats);
	unsigned int count = axas_dev_nr_formats(), capacity, i;
	struct axas_format_info f;
	size_t len;

	if (info->flags)
		return -EOPNOTSUPP;
	if (info->__reserved[0] || info->__reserved[1])
		return -EINVAL;
	capacity = info->num_formats;
	info->num_formats = count;
	info->caps = AXAS_CAP_MMAP;
	if (file_ns_capable(ucmd->file, &init_user_ns, CAP_SYS_ADMIN))
		info->caps |= AXAS_CAP_HPA;
	/* what a linear map of a space created now would be checked for */
	if (file_ns_capable(ucmd->file, &init_user_ns, CAP_SYS_RAWIO) &&
	    !security_locked_down(LOCKDOWN_DEV_MEM))
		info->caps |= AXAS_CAP_LINEAR;
	info->map_flags = AXAS_MAP_FLAGS;
	info->create_flags = AXAS_CREATE_FLAGS;
	info->dump_entry_len = sizeof(struct axas_dump_entry);
	if (!capacity)
		return 0;
	if (capacity < count)
		return -EMSGSIZE;
	if (info->format_len < offsetofend(struct axas_format_info, mem_types))
		return -EINVAL;
	len = min_t(size_t, info->format_len, sizeof(f));
	for (i = 0; i < count; i++) {
		void __user *dst = formats + (size_t)i * info->format_len;

		axas_dev_format(i, &f);
		if (copy_to_user(dst, &f, len) ||
		    clear_user(dst + len, info->format_len - len))
			return -EFAULT;
	}
	return 0;
}

#define AXAS_DEV_OP(_ioctl, _fn, _struct, _last)			\
	[_IOC_NR(_ioctl) - AXAS_CMD_GET_INFO] = {			\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.execute = _fn,						\
	}

static const struct axas_ioctl_op axas_dev_ops[] = {
	AXAS_DEV_OP(AXAS_IOC_GET_INFO, axas_ioc_get_info, struct axas_info,
		    __reserved),
	AXAS_DEV_OP(AXAS_IOC_CREATE, axas_space_create, struct axas_create,
		    __reserved),
};

/**
 * axas_dev_ioctl() - the ioctls of /dev/axaddrspace
 * @file: the opened device (its opener's credentials count).
 * @cmd: AXAS_IOC_GET_INFO or AXAS_IOC_CREATE.
 * @arg: the user pointer to the argument.
 *
 * Context: process context; may sleep.
 *
 * Return: 0 or a negative errno (include/uapi/linux/axaddrspace.h).
 */
long axas_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	union {
		struct axas_info info;
		struct axas_create create;
	} buf;

	return axas_ioctl_dispatch(file, cmd, arg, axas_dev_ops,
				   ARRAY_SIZE(axas_dev_ops), AXAS_CMD_GET_INFO,
				   &buf, sizeof(buf));
}

static const struct file_operations axas_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = axas_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/*
 * A static misc minor, so that the device node can exist before the module
 * is loaded: depmod writes "axaddrspace c10:249" to modules.devname, kmod
 * static-nodes (systemd-tmpfiles-setup-dev) creates /dev/axaddrspace from
 * it at boot, and the first open loads the module through the
 * char-major-10-249 alias. Minors 243-254 of major 10 are reserved for
 * local use (Documentation/admin-guide/devices.txt), so no driver of the
 * kernel takes one, and misc_register() allocates dynamic minors above
 * MISC_DYNAMIC_MINOR (255), so no dynamic device can hold it either.
 * 249 is used by no assignment in include/linux/miscdevice.h nor by any
 * driver with a minor of its own.
 */
#define AXAS_MISC_MINOR	249

static struct miscdevice axas_miscdev = {
	.minor = AXAS_MISC_MINOR,
	.name = "axaddrspace",
	.fops = &axas_fops,
	.mode = 0600,
};

/**
 * axas_dev_register() - create /dev/axaddrspace
 *
 * Context: module init.
 *
 * Return: 0 or a negative errno from misc_register().
 */
int axas_dev_register(void)
{
	return misc_register(&axas_miscdev);
}

/**
 * axas_dev_unregister() - remove /dev/axaddrspace
 *
 * Context: module exit.
 */
void axas_dev_unregister(void)
{
	misc_deregister(&axas_miscdev);
}

MODULE_ALIAS_MISCDEV(AXAS_MISC_MINOR);
MODULE_ALIAS("devname:axaddrspace");
