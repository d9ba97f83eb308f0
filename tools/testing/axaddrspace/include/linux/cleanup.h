/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the guard() of linux/cleanup.h, for the lock
 * classes the address-space layer uses: the lock is taken at the guard's
 * declaration and dropped when it goes out of scope (cleanup attribute).
 */
#ifndef _HARNESS_LINUX_CLEANUP_H
#define _HARNESS_LINUX_CLEANUP_H
#include <linux/rwsem.h>

#define __HARNESS_CAT2(a, b)	a##b
#define __HARNESS_CAT(a, b)	__HARNESS_CAT2(a, b)

#define guard(name)							\
	struct guard_##name __HARNESS_CAT(__guard_, __COUNTER__)	\
		__attribute__((cleanup(guard_##name##_exit), unused)) =	\
		guard_##name##_enter

#define HARNESS_DEFINE_GUARD(name, type, lock, unlock)			\
	struct guard_##name { type *p; };				\
	static inline struct guard_##name guard_##name##_enter(type *p) \
	{								\
		lock(p);						\
		return (struct guard_##name){ p };			\
	}								\
	static inline void guard_##name##_exit(struct guard_##name *g)	\
	{								\
		unlock(g->p);						\
	}

/* the kernel's DEFINE_GUARD(): @lock and @unlock are expressions of _T */
#define DEFINE_GUARD(name, type, lock, unlock)				\
	struct guard_##name { type p; };				\
	static inline struct guard_##name guard_##name##_enter(type _T) \
	{								\
		lock;							\
		return (struct guard_##name){ _T };			\
	}								\
	static inline void guard_##name##_exit(struct guard_##name *g)	\
	{								\
		type _T = g->p;						\
									\
		unlock;							\
	}

HARNESS_DEFINE_GUARD(rwsem_read, struct rw_semaphore, down_read, up_read)
HARNESS_DEFINE_GUARD(rwsem_write, struct rw_semaphore, down_write, up_write)

#endif
