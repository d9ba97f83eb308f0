/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A snapshot of a page table for tests: every present entry, tables
 * included, as (level, gpa, raw entry) triples in walk order. Two equal
 * snapshots mean the tables are identical (an operation that failed must
 * have changed nothing).
 */
#ifndef AXADDRSPACE_TESTS_PT_SNAP_H
#define AXADDRSPACE_TESTS_PT_SNAP_H

#include <linux/errno.h>
#include <linux/string.h>
#include "axaddrspace/pt.h"

/**
 * struct pt_snap - a snapshot.
 * @n: u64s used in @e.
 * @cap: u64s @e has room for (a multiple of 3).
 * @e: level, gpa, raw entry; the caller provides the array.
 */
struct pt_snap {
	unsigned int n, cap;
	u64 *e;
};

static int pt_snap_entry(void *arg, unsigned int level, u64 gpa, u64 pte,
			 bool leaf)
{
	struct pt_snap *s = arg;

	if (s->n + 3 > s->cap)
		return -ENOSPC;
	s->e[s->n++] = level;
	s->e[s->n++] = gpa;
	s->e[s->n++] = pte;
	return 0;
}

/*
 * Take the snapshot: 0, -ENOSPC if @s->e is too small, or -EINVAL if the
 * tables hold an invalid entry (the snapshot is complete all the same:
 * the walk visits it, and does not descend into it).
 */
static inline int pt_snap_walk(struct axpt *pt, struct pt_snap *s)
{
	s->n = 0;
	return axpt_walk(pt, 0, 1ULL << pt->ias, pt_snap_entry, s);
}

static inline bool pt_snap_same(const struct pt_snap *a,
				const struct pt_snap *b)
{
	return a->n == b->n && !memcmp(a->e, b->e, a->n * sizeof(u64));
}

#endif /* AXADDRSPACE_TESTS_PT_SNAP_H */
