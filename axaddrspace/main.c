// SPDX-License-Identifier: GPL-2.0
/*
 * axaddrspace: second-stage address spaces (Intel EPT, AMD NPT, Arm stage 2,
 * RISC-V G-stage) for userspace VMMs.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "axaddrspace/debugfs.h"
#include "axaddrspace/dev.h"
#include "axaddrspace/fail_nth.h"

/* The one place the trace events of axaddrspace/trace.h are defined. */
#define CREATE_TRACE_POINTS
#include "axaddrspace/trace.h"

static int __init axas_init(void)
{
	int ret;

#ifdef AXA_BREAK_WARN
	/* Negative control for the test pipeline (AXA_BREAK=warn). */
	WARN(1, "axaddrspace: AXA_BREAK=warn negative control\n");
#endif
#ifdef AXA_BREAK_LEAK
	/* Negative control (AXA_BREAK=leak): memory nothing points to. */
	if (!kmalloc(64, GFP_KERNEL))
		return -ENOMEM;
#endif
	axas_debugfs_init();
	axas_fail_nth_init();	/* test builds only */
	ret = axas_dev_register();
	if (ret) {
		axas_fail_nth_exit();
		axas_debugfs_exit();
	}
	return ret;
}

static void __exit axas_exit(void)
{
	axas_dev_unregister();
	axas_fail_nth_exit();
	axas_debugfs_exit();
	/* Table pages freed with call_rcu() call back into this module. */
	rcu_barrier();
}

module_init(axas_init);
module_exit(axas_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Second-stage page tables for userspace VMMs");
/* PACKAGE_VERSION of dkms.conf, passed in by Kbuild. */
#ifdef AXAS_VERSION
MODULE_VERSION(AXAS_VERSION);
#endif
