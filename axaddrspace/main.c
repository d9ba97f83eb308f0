// SPDX-License-Identifier: GPL-2.0
/*
 * axaddrspace: second-stage address spaces (Intel EPT, AMD NPT, Arm stage 2,
 * RISC-V G-stage) for userspace VMMs.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>

#include "axaddrspace/dev.h"

static int __init axas_init(void)
{
#ifdef AXA_BREAK_WARN
	/* Negative control for the test pipeline (AXA_BREAK=warn). */
	WARN(1, "axaddrspace: AXA_BREAK=warn negative control\n");
#endif
	return axas_dev_register();
}

static void __exit axas_exit(void)
{
	axas_dev_unregister();
	/* Table pages freed with call_rcu() call back into this module. */
	rcu_barrier();
}

module_init(axas_init);
module_exit(axas_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Second-stage page tables for userspace VMMs");
