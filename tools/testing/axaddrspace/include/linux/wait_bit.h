/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's wait_var_event(): the waiter polls
 * its condition, yielding the CPU in between; wake_up_var() has nothing
 * to do.
 */
#ifndef _HARNESS_LINUX_WAIT_BIT_H
#define _HARNESS_LINUX_WAIT_BIT_H
#include <sched.h>

#define wait_var_event(var, cond)					\
	do {								\
		(void)(var);						\
		while (!(cond))						\
			sched_yield();					\
	} while (0)
#define wake_up_var(var)	((void)(var))
#endif
