/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: the module's own fail-nth knob, for test builds.
 *
 * Kernels with CONFIG_FAULT_INJECTION let a task make the N-th allocation
 * of its next system calls fail (/proc/self/task/<tid>/fail-nth). Debian's
 * kernel has no fault injection, so test builds of the module carry a
 * knob of their own with the same semantics, limited to the module's own
 * allocation points: every one of them calls axas_should_fail() first and
 * fails as if out of memory when it returns true.
 *
 * Compiled in only with AXAS_FAIL_NTH defined (``make AXA_FAIL_NTH=1`` for
 * an out-of-tree build, CONFIG_AXADDRSPACE_FAIL_NTH in a KUnit kernel);
 * otherwise axas_should_fail() is a constant false and there is no
 * debugfs file. See axaddrspace/fail_nth.c for the file's semantics.
 */
#ifndef _AXADDRSPACE_FAIL_NTH_H
#define _AXADDRSPACE_FAIL_NTH_H

#include <linux/types.h>

struct task_struct;

/* Tasks that may be armed at the same time. */
#define AXAS_FAIL_NTH_SLOTS	16

#ifdef AXAS_FAIL_NTH
bool axas_should_fail(void);
int axas_fail_nth_set(struct task_struct *task, unsigned int nth);
unsigned int axas_fail_nth_get(struct task_struct *task);
void axas_fail_nth_init(void);
void axas_fail_nth_exit(void);
#else
static inline bool axas_should_fail(void)
{
	return false;
}

static inline void axas_fail_nth_init(void)
{
}

static inline void axas_fail_nth_exit(void)
{
}
#endif

#endif /* _AXADDRSPACE_FAIL_NTH_H */
