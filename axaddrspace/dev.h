/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: the /dev/axaddrspace misc device.
 */
#ifndef _AXADDRSPACE_DEV_H
#define _AXADDRSPACE_DEV_H

#include <linux/compiler_types.h>
#include <linux/stddef.h>

#include "uapi/linux/axaddrspace.h"

struct file;

int axas_dev_register(void);
void axas_dev_unregister(void);

unsigned int axas_dev_nr_formats(void);
void axas_dev_format(unsigned int i, struct axas_format_info *out);
long axas_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _AXADDRSPACE_DEV_H */
