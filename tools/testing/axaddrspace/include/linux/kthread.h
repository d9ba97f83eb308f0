/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: a kthread is a pthread (linux_hal.c). The KUnit
 * runner joins every thread a case started once the case is over, so a
 * thread never outlives the memory of its case.
 */
#ifndef _HARNESS_LINUX_KTHREAD_H
#define _HARNESS_LINUX_KTHREAD_H
#include <linux/err.h>

struct task_struct;

struct task_struct *kthread_run_harness(int (*fn)(void *data), void *data);
#define kthread_run(fn, data, namefmt, ...)	kthread_run_harness(fn, data)
void kthread_harness_join_all(void);
#endif
