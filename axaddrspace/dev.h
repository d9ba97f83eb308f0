/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: the /dev/axaddrspace misc device.
 */
#ifndef _AXADDRSPACE_DEV_H
#define _AXADDRSPACE_DEV_H

#include <linux/compiler_types.h>
#include <linux/stddef.h>

#include "uapi/linux/axaddrspace.h"

/* Smallest struct axas_info userspace may pass: the ABI version 1 layout. */
#define AXAS_INFO_MIN_SIZE	offsetofend(struct axas_info, __reserved)

int axas_dev_register(void);
void axas_dev_unregister(void);

const struct axas_format_info *axas_dev_formats(unsigned int *count);
int axas_info_check(const struct axas_info *info);
int axas_get_info(void __user *uarg);

#endif /* _AXADDRSPACE_DEV_H */
