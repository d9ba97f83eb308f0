/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: WARN_ON() prints and counts (harness_warnings, in
 * linux_hal.c); the KUnit runner fails a case during which one fired.
 */
#ifndef _HARNESS_LINUX_BUG_H
#define _HARNESS_LINUX_BUG_H
#include <stdio.h>

extern int harness_warnings;

#define WARN_ON(cond)							\
	({								\
		int __w = !!(cond);					\
		if (__w) {						\
			fprintf(stderr, "WARNING: %s:%d: %s\n",		\
				__FILE__, __LINE__, #cond);		\
			__atomic_fetch_add(&harness_warnings, 1,	\
					   __ATOMIC_RELAXED);		\
		}							\
		__w;							\
	})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#endif
