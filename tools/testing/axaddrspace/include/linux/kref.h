/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for struct kref: an atomic count. */
#ifndef _HARNESS_LINUX_KREF_H
#define _HARNESS_LINUX_KREF_H
#include <linux/atomic.h>

struct kref {
	long count;
};

static inline void kref_init(struct kref *k)
{
	__atomic_store_n(&k->count, 1, __ATOMIC_RELAXED);
}

static inline void kref_get(struct kref *k)
{
	__atomic_fetch_add(&k->count, 1, __ATOMIC_RELAXED);
}

static inline int kref_put(struct kref *k, void (*release)(struct kref *k))
{
	if (__atomic_sub_fetch(&k->count, 1, __ATOMIC_ACQ_REL))
		return 0;
	release(k);
	return 1;
}

static inline unsigned int kref_read(const struct kref *k)
{
	return __atomic_load_n(&k->count, __ATOMIC_RELAXED);
}
#endif
