/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The store log: a checker that sees every entry store of a table (the
 * engine's AXPT_STORE_HOOK, compiled into test builds), every consumer
 * invalidation and every free of a frame or table page, and fails the
 * test on the first of these that breaks the rules of a table hardware
 * walks:
 *
 *  - a data frame is freed only after the leaf mapping it was cleared and
 *    then an invalidation covering the leaf's range returned;
 *  - a table page is never freed while an entry points to it, and only
 *    after the entry was cleared and then an invalidation covering its
 *    range, paging-structure caches included, returned;
 *  - Arm stage 2 (break-before-make): no valid entry becomes another
 *    valid entry of a different type (table / block / page), output
 *    address or memory type; the way there is valid -> invalid, an
 *    invalidation covering the entry, then valid.
 *
 * The rules apply while the log is strict (a consumer is attached: only
 * then can hardware hold stale translations). The expected behaviour is
 * the architecture's, written here from the rules above, not from the
 * engine's code.
 */
#ifndef AXADDRSPACE_TESTS_PT_STORE_LOG_H
#define AXADDRSPACE_TESTS_PT_STORE_LOG_H

#include <kunit/test.h>
#include <linux/axaddrspace.h>
#include <linux/mutex.h>
#include <linux/xarray.h>
#include "axaddrspace/pt.h"

#define PTL_INVALS	4096	/* invalidations remembered */
#define PTL_BROKEN	1024	/* entries broken and not yet made */

/* One invalidation, as the consumer was asked for it. */
struct ptl_inval {
	u64 seq;
	bool all;
	bool tables;
	unsigned int nr;
	struct axas_range range[AXPT_GATHER_RANGES];
};

/* An entry broken (valid -> invalid) and not yet made valid again. */
struct ptl_broken {
	u64 *slot;
	u64 old;
	u64 seq;
	u64 start;
	u64 end;
};

/**
 * struct ptl - the store log of one table.
 * @test: where failures go.
 * @pt: the table.
 * @lock: serialises the log (faults store concurrently).
 * @strict: the rules apply (a consumer is attached).
 * @seq: event counter; every store, invalidation and free takes one.
 * @frame_gpa: hpa >> 12 -> (gpa >> 12) + 1 of the leaf that maps it.
 * @frame_clear: hpa >> 12 -> seq at which that leaf was cleared.
 * @table_gpa: table pa >> 12 -> (gpa of the range it covers >> 12) + 1.
 * @table_level: table pa >> 12 -> level of the entry pointing to it + 1.
 * @table_clear: table pa >> 12 -> seq at which it was unlinked (0: linked).
 * @inval: the last %PTL_INVALS invalidations, a ring.
 * @ninval: invalidations so far.
 * @broken: entries broken, not yet made.
 * @nbroken: how many.
 * @stores: stores seen.
 * @breaks: valid -> invalid stores seen (Arm).
 * @frees_checked: frame and table frees checked.
 * @errors: rule violations (each is also a test failure).
 */
struct ptl {
	struct kunit *test;
	struct axpt *pt;
	struct mutex lock;	/* serialises the log */
	bool strict;
	u64 seq;
	struct xarray frame_gpa;
	struct xarray frame_clear;
	struct xarray table_gpa;
	struct xarray table_level;
	struct xarray table_clear;
	struct ptl_inval *inval;
	u64 ninval;
	struct ptl_broken *broken;
	unsigned int nbroken;
	u64 stores;
	u64 breaks;
	u64 frees_checked;
	u64 errors;
};

/* Only the first violation is reported; all are counted. */
#define PTL_FAIL(l, fmt, ...)						\
	do {								\
		struct ptl *__l = (l);					\
									\
		if (!__l->errors++)					\
			KUNIT_FAIL(__l->test, fmt, ##__VA_ARGS__);	\
	} while (0)

static inline unsigned long ptl_val(struct xarray *xa, u64 index)
{
	void *e = xa_load(xa, (unsigned long)index);

	return e ? xa_to_value(e) : 0;
}

static inline void ptl_set(struct ptl *l, struct xarray *xa, u64 index,
			   unsigned long v)
{
	if (!v)
		xa_erase(xa, (unsigned long)index);
	else if (xa_is_err(xa_store(xa, (unsigned long)index, xa_mk_value(v),
				    GFP_KERNEL)))
		PTL_FAIL(l, "store log: out of memory");
}

/* The pa of the table @pte points to at @level, if it is a table entry. */
static inline bool ptl_table_pa(const struct ptl *l, u64 pte,
				unsigned int level, u64 *pa)
{
	const struct axpt_format *fmt = l->pt->fmt;
	struct axpt_leaf leaf;

	if (!level || !pte || fmt->decode_leaf(pte, level, &leaf) != -ENOENT)
		return false;
	if (fmt->id == AXAS_FORMAT_RISCV_G)
		*pa = ((pte >> 10) & GENMASK_ULL(43, 0)) << 12;
	else
		*pa = pte & GENMASK_ULL(51, 12);
	return fmt->encode_table(*pa) == pte;
}

/* Is @pte a leaf at @level; its output address and attributes. */
static inline bool ptl_leaf(const struct ptl *l, u64 pte, unsigned int level,
			    struct axpt_leaf *leaf)
{
	int ret = l->pt->fmt->decode_leaf(pte, level, leaf);

	return ret != -ENOENT;
}

/*
 * Was [@start, @end) invalidated (with paging-structure caches if
 * @tables) by an invalidation after event @after?
 */
static inline bool ptl_covered(const struct ptl *l, u64 start, u64 end,
			       u64 after, bool tables)
{
	u64 k;

	for (k = l->ninval; k-- > 0 && k + PTL_INVALS >= l->ninval;) {
		const struct ptl_inval *v = &l->inval[k % PTL_INVALS];
		unsigned int r;

		if (v->seq <= after)
			break;
		if (tables && !v->tables)
			continue;
		if (v->all)
			return true;
		for (r = 0; r < v->nr; r++)
			if (v->range[r].start <= start && v->range[r].end >= end)
				return true;
	}
	return false;
}

static inline u64 ptl_size(unsigned int level)
{
	return 1ULL << axpt_level_shift(level);
}

/* Remember the frames a leaf maps (4 KiB and 2 MiB leaves: alloc frames). */
static inline void ptl_note_leaf(struct ptl *l, const struct axpt_leaf *leaf,
				 u64 gpa, unsigned int level, bool cleared)
{
	u64 n = level ? 1ULL << AXPT_LEVEL_BITS : 1, i;

	if (level > 1)
		return;
	for (i = 0; i < n; i++) {
		u64 page = (leaf->hpa >> AXPT_PAGE_SHIFT) + i;

		if (cleared) {
			ptl_set(l, &l->frame_clear, page, l->seq);
		} else {
			ptl_set(l, &l->frame_gpa, page, (gpa >> AXPT_PAGE_SHIFT) + i + 1);
			ptl_set(l, &l->frame_clear, page, 0);
		}
	}
}

/* Arm: may @old become @new without a break? Same type, OA, MemAttr. */
static inline bool ptl_arm_same(u64 old, u64 new)
{
	const u64 keep = GENMASK_ULL(47, 12) | GENMASK_ULL(5, 0);

	return (old & keep) == (new & keep);
}

static inline void ptl_hook(struct axpt *pt, u64 *slot, unsigned int level,
			    u64 gpa, u64 old, u64 new)
{
	struct ptl *l = pt->store_hook_ctx;
	bool arm = pt->fmt->id == AXAS_FORMAT_ARM_S2;
	struct axpt_leaf ol, nl;
	bool old_leaf, new_leaf, old_valid, new_valid;
	u64 tpa, end = gpa + ptl_size(level);
	unsigned int i;

	mutex_lock(&l->lock);
	l->seq++;
	l->stores++;
	old_leaf = old && ptl_leaf(l, old, level, &ol);
	new_leaf = new && ptl_leaf(l, new, level, &nl);
	/* Arm's valid bit; on the other formats every non-zero store here is valid */
	old_valid = arm ? old & 1 : !!old;
	new_valid = arm ? new & 1 : !!new;

	if (ptl_table_pa(l, new, level, &tpa)) {
		ptl_set(l, &l->table_gpa, tpa >> AXPT_PAGE_SHIFT, (gpa >> AXPT_PAGE_SHIFT) + 1);
		ptl_set(l, &l->table_level, tpa >> AXPT_PAGE_SHIFT, level + 1);
		ptl_set(l, &l->table_clear, tpa >> AXPT_PAGE_SHIFT, 0);
	}
	if (ptl_table_pa(l, old, level, &tpa) && old != new)
		ptl_set(l, &l->table_clear, tpa >> AXPT_PAGE_SHIFT, l->seq);
	if (new_leaf && new_valid)
		ptl_note_leaf(l, &nl, gpa, level, false);
	if (old_leaf && old_valid && !new)
		ptl_note_leaf(l, &ol, gpa, level, true);

	if (arm && old_valid && !new_valid && new)
		l->breaks++;
	if (arm && l->strict) {
		if (old_valid && new_valid && !ptl_arm_same(old, new))
			PTL_FAIL(l, "Arm: %#llx -> %#llx (level %u, gpa %#llx): no BBM",
				 old, new, level, gpa);
		if (old_valid && !new_valid && new) {
			/* a break: remember it until the make */
			if (l->nbroken < PTL_BROKEN)
				l->broken[l->nbroken++] = (struct ptl_broken){
					slot, old, l->seq, gpa, end };
		}
		if (!old_valid && new_valid) {
			for (i = 0; i < l->nbroken; i++) {
				struct ptl_broken *b = &l->broken[i];

				if (b->slot != slot)
					continue;
				if (!ptl_arm_same(b->old, new) &&
				    !ptl_covered(l, b->start, b->end, b->seq, false))
					PTL_FAIL(l, "Arm: gpa %#llx level %u made too early",
						 gpa, level);
				l->broken[i] = l->broken[--l->nbroken];
				break;
			}
		}
	}
	mutex_unlock(&l->lock);
}

/* The consumer's side: record an invalidation. */
static inline void ptl_invalidate(struct ptl *l, const struct axas_inval *inv)
{
	struct ptl_inval *v;
	unsigned int r;

	mutex_lock(&l->lock);
	v = &l->inval[l->ninval++ % PTL_INVALS];
	v->seq = ++l->seq;
	v->all = inv->all;
	v->tables = inv->tables;
	v->nr = min_t(unsigned int, inv->nr, AXPT_GATHER_RANGES);
	if (inv->all && inv->nr)
		PTL_FAIL(l, "invalidation: all with %u ranges", inv->nr);
	if (!inv->all && !inv->nr)
		PTL_FAIL(l, "invalidation of nothing");
	for (r = 0; r < v->nr; r++) {
		v->range[r] = inv->ranges[r];
		if (inv->ranges[r].start >= inv->ranges[r].end)
			PTL_FAIL(l, "invalidation: empty range %u", r);
	}
	mutex_unlock(&l->lock);
}

/* A data frame is being freed. */
static inline void ptl_frame_free(struct ptl *l, u64 hpa)
{
	u64 page = hpa >> AXPT_PAGE_SHIFT, gpa, cleared;

	mutex_lock(&l->lock);
	l->seq++;
	gpa = ptl_val(&l->frame_gpa, page);
	cleared = ptl_val(&l->frame_clear, page);
	if (l->strict && gpa) {
		l->frees_checked++;
		gpa = (gpa - 1) << AXPT_PAGE_SHIFT;
		if (!cleared)
			PTL_FAIL(l, "frame %#llx freed while gpa %#llx maps it", hpa, gpa);
		else if (!ptl_covered(l, gpa, gpa + AXPT_PAGE_SIZE, cleared, false))
			PTL_FAIL(l, "frame %#llx (gpa %#llx) freed before invalidation",
				 hpa, gpa);
	}
	ptl_set(l, &l->frame_gpa, page, 0);
	ptl_set(l, &l->frame_clear, page, 0);
	mutex_unlock(&l->lock);
}

/* A table page is being freed. */
static inline void ptl_table_free(struct ptl *l, u64 pa)
{
	u64 page = pa >> AXPT_PAGE_SHIFT, gpa, level, cleared;

	mutex_lock(&l->lock);
	l->seq++;
	gpa = ptl_val(&l->table_gpa, page);
	level = ptl_val(&l->table_level, page);
	cleared = ptl_val(&l->table_clear, page);
	if (l->strict && gpa) {
		u64 start = (gpa - 1) << AXPT_PAGE_SHIFT;

		l->frees_checked++;
		if (!cleared)
			PTL_FAIL(l, "table %#llx freed while linked (gpa %#llx)", pa, start);
		else if (!ptl_covered(l, start, start + ptl_size(level - 1),
				      cleared, true))
			PTL_FAIL(l, "table %#llx (gpa %#llx) freed before walk-cache invalidation",
				 pa, start);
	}
	ptl_set(l, &l->table_gpa, page, 0);
	ptl_set(l, &l->table_level, page, 0);
	ptl_set(l, &l->table_clear, page, 0);
	mutex_unlock(&l->lock);
}

static inline int ptl_init(struct ptl *l, struct kunit *test, struct axpt *pt)
{
	memset(l, 0, sizeof(*l));
	l->test = test;
	l->pt = pt;
	mutex_init(&l->lock);
	xa_init(&l->frame_gpa);
	xa_init(&l->frame_clear);
	xa_init(&l->table_gpa);
	xa_init(&l->table_level);
	xa_init(&l->table_clear);
	l->inval = kunit_kcalloc(test, PTL_INVALS, sizeof(*l->inval), GFP_KERNEL);
	l->broken = kunit_kcalloc(test, PTL_BROKEN, sizeof(*l->broken), GFP_KERNEL);
	if (!l->inval || !l->broken)
		return -ENOMEM;
	pt->store_hook_ctx = l;
	pt->store_hook = ptl_hook;
	return 0;
}

static inline void ptl_fini(struct ptl *l)
{
	l->pt->store_hook = NULL;
	xa_destroy(&l->frame_gpa);
	xa_destroy(&l->frame_clear);
	xa_destroy(&l->table_gpa);
	xa_destroy(&l->table_level);
	xa_destroy(&l->table_clear);
}

#endif /* AXADDRSPACE_TESTS_PT_STORE_LOG_H */
