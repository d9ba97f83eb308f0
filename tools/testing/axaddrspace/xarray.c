// SPDX-License-Identifier: GPL-2.0
/* The harness's xarray stand-in: see include/linux/xarray.h. */
#include <errno.h>
#include <stdlib.h>
#include <linux/xarray.h>

static char xa_tombstone;
#define XA_TOMBSTONE	((void *)&xa_tombstone)

static unsigned long xa_hash(unsigned long index)
{
	return (index * 0x9e3779b97f4a7c15ULL) >> 17;
}

/* The slot holding @index, or NULL. */
static struct xa_slot *xa_find_slot(struct xarray *xa, unsigned long index)
{
	unsigned long i, mask = xa->cap - 1;

	if (!xa->cap)
		return NULL;
	for (i = xa_hash(index) & mask; xa->slots[i].entry; i = (i + 1) & mask)
		if (xa->slots[i].entry != XA_TOMBSTONE && xa->slots[i].index == index)
			return &xa->slots[i];
	return NULL;
}

/* Room for one more: grow (or clean out tombstones) at half full. */
static int xa_reserve(struct xarray *xa)
{
	struct xa_slot *old = xa->slots;
	unsigned long oldcap = xa->cap, i, j, cap;

	if (2 * (xa->used + 1) <= xa->cap)
		return 0;
	cap = oldcap ? oldcap : 16;
	while (2 * (xa->n + 1) > cap / 2)
		cap *= 2;
	xa->slots = calloc(cap, sizeof(*xa->slots));
	if (!xa->slots) {
		xa->slots = old;
		return -ENOMEM;
	}
	xa->cap = cap;
	xa->used = xa->n;
	for (i = 0; i < oldcap; i++) {
		if (!old[i].entry || old[i].entry == XA_TOMBSTONE)
			continue;
		for (j = xa_hash(old[i].index) & (cap - 1); xa->slots[j].entry;
		     j = (j + 1) & (cap - 1))
			;
		xa->slots[j] = old[i];
	}
	free(old);
	return 0;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_slot *s = xa_find_slot(xa, index);

	return s ? s->entry : NULL;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_slot *s = xa_find_slot(xa, index);
	void *old;

	if (!s)
		return NULL;
	old = s->entry;
	s->entry = XA_TOMBSTONE;
	xa->n--;
	return old;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, unsigned int gfp)
{
	struct xa_slot *s;
	unsigned long i;
	void *old;

	if (!entry)
		return xa_erase(xa, index);
	s = xa_find_slot(xa, index);
	if (s) {
		old = s->entry;
		s->entry = entry;
		return old;
	}
	if (xa_reserve(xa))
		return (void *)(((unsigned long)-ENOMEM << 2) | 2);
	for (i = xa_hash(index) & (xa->cap - 1); xa->slots[i].entry &&
	     xa->slots[i].entry != XA_TOMBSTONE; i = (i + 1) & (xa->cap - 1))
		;
	if (!xa->slots[i].entry)
		xa->used++;
	xa->slots[i].index = index;
	xa->slots[i].entry = entry;
	xa->n++;
	return NULL;
}

void xa_destroy(struct xarray *xa)
{
	free(xa->slots);
	xa_init(xa);
}
