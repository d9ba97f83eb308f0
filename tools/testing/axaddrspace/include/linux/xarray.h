/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the xarray calls the suites use: an open-
 * addressing hash table from index to entry (xarray.c). Storing never
 * fails but for memory, as with GFP_KERNEL; value entries as in Linux.
 */
#ifndef _HARNESS_LINUX_XARRAY_H
#define _HARNESS_LINUX_XARRAY_H
#include <linux/types.h>

struct xa_slot {
	unsigned long index;
	void *entry;		/* NULL: empty; XA_TOMBSTONE: erased */
};

struct xarray {
	struct xa_slot *slots;
	unsigned long cap;	/* a power of two, or 0 */
	unsigned long used;	/* entries + tombstones */
	unsigned long n;	/* entries */
};

static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/* An error from xa_store(): -errno << 2 | 2, as Linux's internal entries. */
static inline int xa_err(void *entry)
{
	if (((unsigned long)entry & 3) == 2 && (long)entry < 0)
		return (long)entry >> 2;
	return 0;
}

static inline bool xa_is_err(const void *entry)
{
	return ((unsigned long)entry & 3) == 2 && (long)entry < 0;
}

static inline void xa_init(struct xarray *xa)
{
	*xa = (struct xarray){ 0 };
}

static inline bool xa_empty(const struct xarray *xa)
{
	return !xa->n;
}

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, unsigned int gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void xa_destroy(struct xarray *xa);
#endif
