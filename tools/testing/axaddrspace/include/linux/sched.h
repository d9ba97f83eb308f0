/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_SCHED_H
#define _HARNESS_LINUX_SCHED_H
#include <sched.h>
/* as in Linux, where it comes in through the mm headers */
#include <asm/page.h>
/*
 * The kernel's cond_resched() costs a flag test unless a reschedule is
 * due; a sched_yield() every time would be a system call per 2 MiB in
 * the engine's loops and skew the benchmarks. Yield now and then.
 */
static inline void cond_resched(void)
{
	static __thread unsigned int n;

	if (!(++n & 4095))
		sched_yield();
}

#define need_resched()	0
#endif
