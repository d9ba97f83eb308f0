/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page-table algorithm, written once and compiled once per format.
 *
 * The including file (arch/.../<format>.c) first defines, for its format,
 * these static inline functions (level 0 is the 4 KiB leaf level):
 *
 *   bool fmt_present(u64 pte)                           a test of bits: see
 *                                                       pt_span_empty()
 *   bool fmt_is_leaf(u64 pte, unsigned int level)       pte is present
 *   bool fmt_table_ok(u64 pte, unsigned int level)      level > 0
 *   bool fmt_leaf_hint(u64 pte)
 *   u64  fmt_table_pa(u64 pte)                          pte is a table
 *   u64  fmt_leaf_pa(u64 pte, unsigned int level)       pte is a leaf
 *   u64  fmt_mk_table(u64 pa)
 *   u64  fmt_mk_leaf(u64 pa, u64 bits)
 *   u64  fmt_leaf_bits(u32 attr, unsigned int level)    attr is valid
 *   int  fmt_leaf_attr(u64 pte, unsigned int level, u32 *attr)
 *   bool fmt_leaf_ok(u64 pte, unsigned int level, u64 mask)
 *                                                       level <= 2
 *   u32  fmt_leaf_decode(u64 pte)                       fmt_leaf_ok()
 *   u64  fmt_leaf_mask(unsigned int level)              level <= 2
 *   u64  fmt_oas_mask(unsigned int oas)
 *   bool fmt_needs_bbm(void)                            the architecture's rule
 *   u64  fmt_hw_bits(const struct axpt *pt)             A/D the hardware sets
 *   u64  fmt_hw_preset(const struct axpt *pt, u32 attr) of those, the ones a
 *                                                       new leaf has
 *   u64  fmt_break(u64 pte)
 *
 * and may define, with a macro of the same name (else pt_algo.h's):
 *
 *   bool fmt_leaf_ok_decode(u64 pte, unsigned int level, u64 mask, u32 *attr)
 *
 * fmt_leaf_attr() is 0 only for a leaf the engine can have at @level, with
 * every mandatory bit set, no reserved bit or encoding and attributes
 * AXPT_ATTR() expresses; fmt_table_ok() is true only for a present table
 * entry with the bits the engine writes in one and no reserved bit (one
 * test of bits, so that the walks test it first); fmt_leaf_hint() is a
 * test of one bit, false for every entry fmt_table_ok() accepts and true
 * for leaves above level 0 (queries test it first at level 1, where
 * 2 MiB leaves are common; a format where that does not pay returns
 * false). fmt_leaf_ok() is the same test as fmt_leaf_attr() without the
 * decoding, false for an entry that is not present too: a compare of
 * (@pte & @mask) with fixed bits (or bounds) and a lookup or a few tests
 * of the fields a compare cannot express, where @mask is
 * fmt_leaf_mask(level) or, to refuse output addresses at or above the
 * table's output size as well, that | fmt_oas_mask(oas), precomputed in
 * struct axpt.leaf_mask by pt_setup_checks(); fmt_leaf_decode() the
 * attributes of such a leaf. Setup functions also hand
 * pt_setup_checks() their format's attribute check.
 *
 * and then includes this file, which defines the pt_algo_*() operations
 * that fill that format's struct axpt_format. Everything below inlines the
 * format, so the loops over entries make no indirect calls.
 *
 * Every operation walks once per table, not once per page: at each level a
 * loop covers the part of the range inside the current table and recurses
 * only into tables that need it; runs of 4 KiB leaves are written in a
 * tight loop.
 *
 * Operations that can fail work in two phases: a first pass that checks
 * and allocates everything that can fail (without changing any
 * translation), and a second pass that cannot fail. So an error leaves the
 * translations, and after cleanup the tables, exactly as before the call.
 *
 * Only the engine writes entries (and the hardware its A/D bits), yet an
 * entry read from a table is checked like input before the engine acts on
 * it: a query, a walk and the first pass of an unmap or protect refuse an
 * invalid one with -EINVAL (Documentation/engine.rst, "Invalid entries").
 * None of this warns: every value can be planted in a table (the tests
 * do, under panic_on_warn), so no table content counts as impossible.
 */
#ifndef AXADDRSPACE_PT_ALGO_H
#define AXADDRSPACE_PT_ALGO_H

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/prefetch.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include "axaddrspace/trace_hooks.h"
#include <linux/sched/signal.h>
#include "axaddrspace/pt_internal.h"

/* Per-operation state, on the caller's stack. */
struct pt_op {
	struct axpt_gather *g;			/* what changed, what to free */
	u64 pa_off;				/* map: hpa - gpa, modulo 2^64 */
	u64 bits[AXPT_MAX_LEAF_LEVEL + 1];	/* leaf bits per level */
	u32 attr;
	unsigned int max_leaf;
	unsigned int leaf_mask;			/* map: levels leaves may use */
	bool shared;
	bool interruptible;			/* stop on a fatal signal */
	bool stopped;				/* ... and did: see @stop */
	/*
	 * protect: its 4 KiB runs are checked as they are changed, so far
	 * all from @fuse_old (if @fuse_set) to @bits[0]: see
	 * pt_protect_check()
	 */
	bool fused;
	bool fuse_set;
	int err;				/* protect: -EINVAL, undone */
	u64 fuse_old;
	u64 end;				/* protect: end of the range */
	unsigned int tick;			/* level-1 entries since a yield */
	u64 stop;				/* where it stopped */
	axpt_leaf_fn leaf_fn;			/* unmap: told of each removed leaf */
	void *leaf_arg;
	long leaves[AXPT_MAX_LEAF_LEVEL + 1];	/* leaf count deltas */
	/* tables taken in the first pass, used for splits in the second */
	unsigned int ncache;
	u64 *cache[2 * AXPT_MAX_LEAF_LEVEL];
	u64 cache_pa[2 * AXPT_MAX_LEAF_LEVEL];
};

static __always_inline u64 pt_entry_size(unsigned int level)
{
	return 1ULL << axpt_level_shift(level);
}

static __always_inline unsigned int pt_entries(const struct axpt *pt,
					       unsigned int level)
{
	return level == pt->levels - 1U ? 1U << pt->top_bits : 1U << AXPT_LEVEL_BITS;
}

static __always_inline unsigned int pt_index(const struct axpt *pt, u64 va,
					     unsigned int level)
{
	return (va >> axpt_level_shift(level)) & (pt_entries(pt, level) - 1);
}

/* End of the entry containing @va, clamped to @end. */
static __always_inline u64 pt_entry_end(u64 va, u64 end, unsigned int level)
{
	u64 next = (va | (pt_entry_size(level) - 1)) + 1;

	return min(next, end);
}

static __always_inline u64 *pt_child(const struct axpt *pt, u64 pte)
{
	return axpt_p2v(pt, fmt_table_pa(pte));
}

/*
 * Is the entry @pte at @level a leaf the engine can decode, below the
 * table's output size? False for an entry that is not present, too.
 */
static __always_inline bool pt_leaf_ok(const struct axpt *pt, u64 pte,
				       unsigned int level)
{
	return level <= AXPT_MAX_LEAF_LEVEL &&
	       fmt_leaf_ok(pte, level, pt->leaf_mask[level]);
}

/*
 * fmt_leaf_ok() and fmt_leaf_decode() in one: true, with the attributes
 * in *@attr, for a leaf fmt_leaf_ok() accepts. A format whose decoding
 * lookup is also its check defines its own (and the macro of the name);
 * for the others queries keep the two calls (PT_FMT_OK_DECODE false), in
 * the order that compiles best for them.
 */
#ifdef fmt_leaf_ok_decode
#define PT_FMT_OK_DECODE	true
#else
#define PT_FMT_OK_DECODE	false
static __always_inline bool fmt_leaf_ok_decode(u64 pte, unsigned int level,
					       u64 mask, u32 *attr)
{
	if (!fmt_leaf_ok(pte, level, mask))
		return false;
	*attr = fmt_leaf_decode(pte);
	return true;
}
#endif

/* pt_leaf_ok() and the leaf's attributes in *@attr: see fmt_leaf_ok_decode(). */
static __always_inline bool pt_leaf_ok_decode(const struct axpt *pt, u64 pte,
					      unsigned int level, u32 *attr)
{
	return level <= AXPT_MAX_LEAF_LEVEL &&
	       fmt_leaf_ok_decode(pte, level, pt->leaf_mask[level], attr);
}

/*
 * The format's setup, once the output size is known: the leaf masks of
 * pt_leaf_ok(), and in struct axpt.attr_ok the attributes that
 * @check_attr, the format's rule, allows. That map is the same for every
 * table of the format: it is made once (a race makes the same value).
 */
static void pt_setup_checks(struct axpt *pt, int (*check_attr)(u32 attr))
{
	static u32 attr_ok;
	unsigned int l, prot, mem;
	u32 map = READ_ONCE(attr_ok);

	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		pt->leaf_mask[l] = fmt_leaf_mask(l) | fmt_oas_mask(pt->oas);
	if (unlikely(!map)) {
		for (mem = 0; mem < 4; mem++)
			for (prot = 0; prot <= AXPT_PROT_MASK; prot++)
				if (!check_attr(AXPT_ATTR(prot, mem)))
					map |= BIT(prot | mem << 3);
		WRITE_ONCE(attr_ok, map);
	}
	pt->attr_ok = map;
}

/*
 * The bits of a leaf a map installs at @level: the encoding of @attr and
 * the hardware's accessed/dirty bits it presets (fmt_hw_preset()).
 */
static __always_inline u64 pt_map_bits(const struct axpt *pt, u32 attr,
				       unsigned int level)
{
	return fmt_leaf_bits(attr, level) | fmt_hw_preset(pt, attr);
}

/* Is @pte at @level a table entry to follow (present, not a leaf, valid)? */
static __always_inline bool pt_table_ok(u64 pte, unsigned int level)
{
	return level && fmt_table_ok(pte, level);
}

/* ---------------------------------------------------------- entry stores */

/*
 * Every write of an entry goes through pt_store(), and says why it writes:
 *
 *  CLEAR    present -> empty (unmap, prune, the "break" of x86/RISC-V
 *           replacements). Plain: the old target is handed to the gather
 *           and freed only after an invalidation.
 *  PUBLISH  empty -> present, pointing at memory written just before (a
 *           zeroed frame, a filled table): a release store, so that a
 *           walker that sees the entry sees that memory (KVM's
 *           stage2_make_pte does the same).
 *  RUN      as PUBLISH, for a run of entries after one pt_publish_fence().
 *  UPDATE   present -> present with the same output address (protect),
 *           keeping the accessed/dirty bits that hardware sets in the
 *           entry (fmt_hw_bits(): NPT always, EPT with A/D enabled).
 *           Hardware only ever sets such a bit, and only when it is
 *           clear (AMD APM vol. 2 "Accessed and Dirty Bits", Intel SDM
 *           "Accessed and Dirty Flags for EPT"): so an entry that has all
 *           of them set is never written by it, and is REWRITTEN; else a
 *           cmpxchg loop, so that a bit set meanwhile is never lost.
 *  REWRITE  UPDATE of an entry the hardware does not write (every bit of
 *           fmt_hw_bits() set in @old, or none in the format): a plain
 *           store of @new, which the caller made from @old by a change
 *           that holds none of those bits, so it keeps them. Maps preset
 *           them (fmt_hw_preset()), so this is protect's common case.
 *  FLIP     UPDATE of entries that lack a hardware bit, where @old is
 *           exact but for those and @old ^ @new holds none of them: one
 *           atomic XOR, which keeps them too (protect's runs of alike
 *           leaves).
 *  BREAK    the first step of break-before-make: the entry becomes invalid
 *           (fmt_break(): the valid bit cleared, the rest kept for the
 *           "make"); an invalidation of its range follows before any new
 *           valid entry is written.
 *
 * pt_install() is the cmpxchg of an empty entry used by shared (faulting)
 * mappers; it is a full barrier, so it publishes like PUBLISH.
 *
 * Counts: when the HAL keeps them (@pt->counted), every table but the root
 * has a count of its present (fmt_present()) entries. It is exact after
 * every store but inside a run (below), and every store keeps it, so no
 * path can forget it. CLEAR and BREAK add the difference of fmt_present()
 * of @new and @old; PUBLISH writes an entry the engine made, a present
 * one, so it adds 1 - fmt_present(@old); UPDATE, REWRITE and FLIP change
 * a leaf's attributes, never whether it is present, so they add nothing.
 * RUN and CLEAR_RUN are the stores of a run in one table (maps and unmaps
 * of many leaves): the run adds its total once, with pt_count_add(),
 * where it ends. pt_install() adds 1 atomically, and only when its
 * cmpxchg succeeded, since shared mappers race for entries under the
 * read lock; every other store runs under the write lock, where nothing
 * else changes the count (the hardware sets only A/D bits), so it is a
 * plain read-modify-write. A table whose count is 0 holds nothing: unmap
 * and prune free it without a scan.
 *
 * In test builds (AXPT_STORE_HOOK) each store is also reported to a hook,
 * which checks the sequence (tests/pt_store_log.h).
 */
enum pt_store_kind {
	PT_CLEAR,
	PT_PUBLISH,
	PT_RUN,
	PT_UPDATE,
	PT_REWRITE,
	PT_FLIP,
	PT_BREAK,
	PT_CLEAR_RUN,
};

static __always_inline void pt_store_hook(struct axpt *pt, u64 *slot,
					  unsigned int level, u64 va, u64 old,
					  u64 new)
{
#ifdef AXPT_STORE_HOOK
	if (unlikely(pt->store_hook))
		pt->store_hook(pt, slot, level, va & ~(pt_entry_size(level) - 1),
			       old, new);
#endif
}

/* The table that holds the entry @slot. */
static __always_inline u64 *pt_slot_table(u64 *slot)
{
	return (u64 *)((uintptr_t)slot &
		       ~(uintptr_t)((sizeof(u64) << AXPT_LEVEL_BITS) - 1));
}

/*
 * Add @d to the count of @tbl, a table at @level, under the write lock
 * (see above). The root has no count: it is never freed.
 */
static __always_inline void pt_count_add(struct axpt *pt, u64 *tbl,
					 unsigned int level, int d)
{
	atomic_t *c;

	if (!pt->counted || level == pt->levels - 1U)
		return;
	c = axpt_table_count(pt, tbl);
	atomic_set(c, atomic_read(c) + d);
}

/*
 * Is @tbl, a table at @level below the root, empty? With counts, the
 * count says; else the entries outside [@lo, @hi), which the caller knows
 * to be empty, are scanned (pt_rest_empty()). Under the write lock.
 */
static bool pt_rest_empty(const u64 *tbl, unsigned int lo, unsigned int hi,
			  unsigned int n);

static __always_inline bool pt_emptied(const struct axpt *pt, const u64 *tbl,
				       unsigned int lo, unsigned int hi)
{
	if (pt->counted)
		return !atomic_read(axpt_table_count(pt, tbl));
	return pt_rest_empty(tbl, lo, hi, 1U << AXPT_LEVEL_BITS);
}

/* One fence before a run of PT_RUN stores. */
static __always_inline void pt_publish_fence(void)
{
	/* what the entries will point at is written before any of them */
	smp_wmb();
}

/*
 * The store of PT_UPDATE, with @hw fmt_hw_bits() (loops hoist it) and @new
 * without those bits: returns what was written.
 */
static __always_inline u64 pt_update(u64 *slot, u64 old, u64 new, u64 hw)
{
	if ((old & hw) == hw) {
		/* REWRITE: every bit the hardware sets is set, so it writes nothing */
		new |= hw;
		WRITE_ONCE(*slot, new);
		return new;
	}
	/* keep what hardware set, also if it sets it now */
	while (!try_cmpxchg64(slot, &old, new | (old & hw)))
		;
	return new | (old & hw);
}

static __always_inline void pt_store(struct axpt *pt, u64 *slot,
				     unsigned int level, u64 va, u64 old,
				     u64 new, enum pt_store_kind kind)
{
	switch (kind) {
	case PT_PUBLISH:
		/* pairs with the walkers' dependent loads (READ_ONCE) */
		smp_store_release(slot, new);
		break;
	case PT_UPDATE:
		new = pt_update(slot, old, new, fmt_hw_bits(pt));
		break;
	case PT_REWRITE:
		/*
		 * The caller saw every bit of fmt_hw_bits() set in @old and
		 * made @new from it by a change that holds none of them.
		 */
		WRITE_ONCE(*slot, new);
		break;
	case PT_FLIP:
		atomic64_xor(old ^ new, (atomic64_t *)slot);
		break;
	case PT_BREAK:
		new = fmt_break(old);
		WRITE_ONCE(*slot, new);
		break;
	default:	/* PT_CLEAR, PT_RUN, PT_CLEAR_RUN */
		WRITE_ONCE(*slot, new);
		break;
	}
	/* PUBLISH writes an entry the engine made: a present one */
	if (kind == PT_PUBLISH)
		pt_count_add(pt, pt_slot_table(slot), level,
			     1 - (int)fmt_present(old));
	else if (kind == PT_CLEAR || kind == PT_BREAK)
		pt_count_add(pt, pt_slot_table(slot), level,
			     (int)fmt_present(new) - (int)fmt_present(old));
	pt_store_hook(pt, slot, level, va, old, new);
}

/* Shared mappers: install @new where the entry is empty. */
static __always_inline bool pt_install(struct axpt *pt, u64 *slot,
				       unsigned int level, u64 va, u64 new,
				       u64 *old)
{
	*old = cmpxchg64(slot, 0ULL, new);
	if (*old)
		return false;
	/* racing installs into the same table: an atomic add */
	if (pt->counted && level != pt->levels - 1U)
		atomic_inc(axpt_table_count(pt, pt_slot_table(slot)));
	pt_store_hook(pt, slot, level, va, 0, new);
	return true;
}

/*
 * Does the format's architecture require break-before-make for this
 * change, and can any hardware walker hold the old entry?
 */
static __always_inline bool pt_bbm(const struct pt_op *op)
{
	return fmt_needs_bbm() && !op->g->direct;
}

/*
 * The middle of break-before-make: the broken entry's range [@start,
 * @end) is added and everything pending invalidated now, before the make.
 */
static void pt_bbm_invalidate(struct pt_op *op, u64 start, u64 end,
			      bool tables)
{
	axpt_gather_add(op->g, start, end);
	if (tables)
		axpt_gather_add_tables(op->g);
	axpt_gather_flush(op->g);
}

/*
 * The caller's gather, or, when it passed none (no hardware walks the
 * table), a direct one on this stack: it holds nothing, so it needs no
 * finish. Set up only on the paths that change more than one entry.
 */
static __always_inline struct axpt_gather *pt_gather(struct axpt *pt,
						     struct axpt_gather *g,
						     struct axpt_gather *local)
{
	if (g)
		return g;
	axpt_gather_init(local, pt, NULL, NULL, true);
	return local;
}

static void pt_commit_leaves(struct axpt *pt, const struct pt_op *op)
{
	unsigned int l;

	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		if (op->leaves[l])
			this_cpu_add(pt->stats->leaves[l], op->leaves[l]);
}

/*
 * Long operations yield at table boundaries, every 64 entries of level 1
 * (they run under the caller's sleeping lock, never under RCU) and, where
 * they can stop cleanly, stop on a fatal signal: then @op->stop is where
 * the caller's range now ends.
 */
static __always_inline bool pt_yield(struct pt_op *op, u64 va)
{
	cond_resched();
	if (op->interruptible && unlikely(fatal_signal_pending(current))) {
		op->stopped = true;
		op->stop = va;
		return true;
	}
	return false;
}

/*
 * Are entries [@i, @end) of @tbl all empty? The scan ORs a cache line of
 * entries (8) together and tests once per line: every format's present
 * test is "any of these bits set", so fmt_present(a | b) is
 * fmt_present(a) || fmt_present(b). Plain loads: only callers holding the
 * exclusive lock use it, so no entry changes under it.
 */
static bool pt_span_empty(const u64 *tbl, unsigned int i, unsigned int end)
{
	u64 acc = 0;

	for (; i < end && (i & 7); i++)
		acc |= tbl[i];
	for (; i + 8 <= end; i += 8) {
		if (fmt_present(acc))
			return false;
		acc = tbl[i] | tbl[i + 1] | tbl[i + 2] | tbl[i + 3] |
		      tbl[i + 4] | tbl[i + 5] | tbl[i + 6] | tbl[i + 7];
	}
	for (; i < end; i++)
		acc |= tbl[i];
	return !fmt_present(acc);
}

/*
 * Is @tbl (of @n entries) empty, knowing that entries [@lo, @hi) are? The
 * neighbours of the known-empty span are looked at first: mappings are
 * mostly contiguous, so a table that is not empty usually shows it there.
 */
static bool pt_rest_empty(const u64 *tbl, unsigned int lo, unsigned int hi,
			  unsigned int n)
{
	if ((lo && fmt_present(tbl[lo - 1])) || (hi < n && fmt_present(tbl[hi])))
		return false;
	return pt_span_empty(tbl, 0, lo) && pt_span_empty(tbl, hi, n);
}

/*
 * Is the subtree under table entry @pte (at @level) free of leaves? Not if
 * @pte, or any entry below, is no valid table entry: it is not followed.
 * Only asked under the exclusive lock, of a table a map would replace.
 */
static bool pt_subtree_empty(const struct axpt *pt, u64 pte, unsigned int level)
{
	const u64 *tbl;
	unsigned int i;

	if (!pt_table_ok(pte, level))
		return false;
	tbl = pt_child(pt, pte);
	if (pt->counted && !atomic_read(axpt_table_count(pt, tbl)))
		return true;
	for (i = 0; i < 1U << AXPT_LEVEL_BITS; i++) {
		u64 e = READ_ONCE(tbl[i]);

		if (!fmt_present(e))
			continue;
		if (fmt_is_leaf(e, level - 1))
			return false;
		if (WARN_ON_ONCE(level == 1) || !pt_subtree_empty(pt, e, level - 1))
			return false;
	}
	return true;
}

/*
 * Free every table under table entry @pte (at @level), and its table:
 * destroy, where nothing walks the table any more (@g NULL), or a table
 * of empty tables a map replaces, through the gather.
 */
static void pt_free_subtree(struct axpt *pt, u64 pte, unsigned int level,
			    struct axpt_gather *g)
{
	u64 *tbl = pt_child(pt, pte);
	unsigned int i;

	if (level > 1) {
		for (i = 0; i < 1U << AXPT_LEVEL_BITS; i++) {
			u64 e = tbl[i];

			if (pt_table_ok(e, level - 1))	/* never free what garbage points at */
				pt_free_subtree(pt, e, level - 1, g);
		}
	}
	if (g)
		axpt_gather_table(g, tbl);
	else
		axpt_free_table(pt, tbl, 0, false);
}

/*
 * Install a new empty table in tbl[i] if it is still empty. Returns the
 * entry now in tbl[i] (ours or a racing winner's) in @pte; @fresh tells
 * whether it is ours (known empty). With @shared, other mappers may race
 * for the entry: cmpxchg; without, the caller holds the exclusive lock
 * and found the entry empty, so nobody else writes it: a release store.
 */
static int pt_install_table(struct axpt *pt, u64 *tbl, unsigned int i,
			    unsigned int level, u64 va, bool shared, u64 *pte,
			    bool *fresh)
{
	phys_addr_t pa;
	u64 *t = axpt_alloc_table(pt, 0, &pa);
	u64 new, old;

	if (!t)
		return -ENOMEM;
	new = fmt_mk_table(pa);
	if (!shared) {
		/* Release: the zeroed table is visible before the entry. */
		pt_store(pt, &tbl[i], level, va, 0, new, PT_PUBLISH);
		*pte = new;
		*fresh = true;
		return 0;
	}
	/* Full barrier: the zeroed table is visible before the entry. */
	if (!pt_install(pt, &tbl[i], level, va, new, &old)) {
		axpt_free_table(pt, t, 0, false);	/* never visible */
		*pte = old;
		*fresh = false;
		return 0;
	}
	*pte = new;
	*fresh = true;
	return 0;
}

/* ------------------------------------------------------------------ map */

static __always_inline bool pt_can_leaf(const struct pt_op *op,
					unsigned int level, u64 va, u64 next)
{
	u64 sz = pt_entry_size(level);

	return (op->leaf_mask >> level & 1) && next - va == sz &&
	       !((va + op->pa_off) & (sz - 1));
}

static int pt_map_prep(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
		       u64 end, struct pt_op *op);

/*
 * How many entries from tbl[@i] (at @level > 0, empty, starting at @va)
 * on are empty and inside [@va, @end) whole: at least 1. For callers
 * holding the exclusive lock (plain loads).
 */
static __always_inline unsigned int pt_skip_free(const u64 *tbl, unsigned int i,
						 unsigned int level, u64 va,
						 u64 end)
{
	unsigned int k, n = (end - va) >> axpt_level_shift(level);

	for (k = 1; k < n && !fmt_present(tbl[i + k]); k++)
		;
	return k;
}

/*
 * First pass: check that nothing in [va, end) is mapped and create every
 * table the second pass needs. Creating empty tables changes no
 * translation. Stops (-EINTR) on a fatal signal when interruptible.
 */
static __always_inline int pt_map_prep_level(struct axpt *pt, u64 *tbl,
					     unsigned int level, u64 va,
					     u64 end, struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);
	int ret;

	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 pte = READ_ONCE(tbl[i]);
		bool fresh = false;

		if (pt_can_leaf(op, level, va, next)) {
			/*
			 * Leaves of this size go in every entry the range
			 * covers whole from here on (the alignment stays):
			 * skip the empty ones at a load and a test each.
			 */
			if (level && !op->shared && !fmt_present(pte) &&
			    end - next >= pt_entry_size(level)) {
				unsigned int k = pt_skip_free(tbl, i, level, va, end);

				i += k - 1;
				next = va + ((u64)k << axpt_level_shift(level));
				goto next;
			}
			/* A leftover empty table may be replaced by the leaf. */
			if (fmt_present(pte) &&
			    (fmt_is_leaf(pte, level) || op->shared ||
			     !pt_subtree_empty(pt, pte, level)))
				return -EEXIST;
			goto next;
		}
		if (!fmt_present(pte)) {
			ret = pt_install_table(pt, tbl, i, level, va, op->shared,
					       &pte, &fresh);
			if (ret)
				return ret;
			if (fresh && level == 1)
				goto next;	/* an empty 4 KiB table: done */
		} else if (fmt_is_leaf(pte, level)) {
			return -EEXIST;
		}
		/* a racing shared map's leaf, or an invalid entry */
		if (!pt_table_ok(pte, level))
			return fmt_is_leaf(pte, level) ? -EEXIST : -EINVAL;
		ret = pt_map_prep(pt, pt_child(pt, pte), level - 1, va, next, op);
		if (ret)
			return ret;
		if (level == 1 && !op->shared && pt_yield(op, next))
			return -EINTR;
next:
		va = next;
	}
	return 0;
}

/* With a copy for level 1 (2 MiB entries) whose shifts are constants. */
static int pt_map_prep(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
		       u64 end, struct pt_op *op)
{
	if (level == 1)
		return pt_map_prep_level(pt, tbl, 1, va, end, op);
	return pt_map_prep_level(pt, tbl, level, va, end, op);
}

/*
 * A leaf replaces the empty table in tbl[i] (@pte): the table's range is
 * invalidated, paging-structure caches included, before its pages are
 * freed; where the architecture requires it (Arm), the table entry is
 * broken and invalidated before the leaf is written.
 */
static void pt_replace_table(struct axpt *pt, u64 *tbl, unsigned int i,
			     unsigned int level, u64 va, u64 pte, u64 new,
			     struct pt_op *op)
{
	u64 end = va + pt_entry_size(level);

	if (pt_bbm(op)) {
		pt_store(pt, &tbl[i], level, va, pte, 0, PT_CLEAR);
		pt_bbm_invalidate(op, va, end, true);
		pt_store(pt, &tbl[i], level, va, 0, new, PT_PUBLISH);
	} else {
		pt_store(pt, &tbl[i], level, va, pte, new, PT_PUBLISH);
		axpt_gather_add(op->g, va, end);
		axpt_gather_add_tables(op->g);
	}
	pt_free_subtree(pt, pte, level, op->g);
}

static int pt_map_fill(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
		       u64 end, struct pt_op *op);

/* Second pass: write the leaves. Only a lost race (shared mode) fails. */
static __always_inline int pt_map_fill_level(struct axpt *pt, u64 *tbl,
					     unsigned int level, u64 va,
					     u64 end, struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);
	int ret;

	if (!level && !op->shared) {
		/* The hot loop: a run of 4 KiB leaves in one table. */
		u64 pa = va + op->pa_off;
		u64 bits = op->bits[0];
		unsigned int n = (end - va) >> AXPT_PAGE_SHIFT;
		unsigned int k;

		pt_publish_fence();
		for (k = 0; k < n; k++, pa += AXPT_PAGE_SIZE)
			pt_store(pt, &tbl[i + k], 0,
				 va + ((u64)k << AXPT_PAGE_SHIFT), 0,
				 fmt_mk_leaf(pa, bits), PT_RUN);
		pt_count_add(pt, tbl, 0, n);
		op->leaves[0] += n;
		return 0;
	}

	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 pte = READ_ONCE(tbl[i]);

		if (pt_can_leaf(op, level, va, next) && !op->shared &&
		    !fmt_present(pte) && end - next >= pt_entry_size(level)) {
			/*
			 * A run of large leaves into the empty entries the
			 * range covers whole (pt_map_prep() checked them):
			 * one fence, then plain stores, as for 4 KiB runs.
			 */
			unsigned int shift = axpt_level_shift(level);
			unsigned int k = pt_skip_free(tbl, i, level, va, end);
			u64 pa = va + op->pa_off, bits = op->bits[level];
			unsigned int j;

			pt_publish_fence();
			for (j = 0; j < k; j++, pa += 1ULL << shift)
				pt_store(pt, &tbl[i + j], level,
					 va + ((u64)j << shift), 0,
					 fmt_mk_leaf(pa, bits), PT_RUN);
			pt_count_add(pt, tbl, level, k);
			op->leaves[level] += k;
			i += k - 1;
			va += (u64)k << shift;
			continue;
		}
		if (pt_can_leaf(op, level, va, next)) {
			u64 new = fmt_mk_leaf(va + op->pa_off, op->bits[level]);
			u64 old;

			if (op->shared) {
				if (!pt_install(pt, &tbl[i], level, va, new, &old))
					return -EEXIST;
			} else if (fmt_present(pte)) {
				/* pt_map_prep() checked it holds no leaf */
				pt_replace_table(pt, tbl, i, level, va, pte, new, op);
			} else {
				pt_store(pt, &tbl[i], level, va, 0, new, PT_PUBLISH);
			}
			op->leaves[level]++;
		} else {
			ret = pt_map_fill(pt, pt_child(pt, pte), level - 1, va,
					  next, op);
			if (ret)
				return ret;
			if (level == 1 && !op->shared)
				cond_resched();
		}
		va = next;
	}
	return 0;
}

/* With a copy for level 1 (2 MiB entries) whose shifts are constants. */
static int pt_map_fill(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
		       u64 end, struct pt_op *op)
{
	if (level == 1)
		return pt_map_fill_level(pt, tbl, 1, va, end, op);
	return pt_map_fill_level(pt, tbl, level, va, end, op);
}

/*
 * Free the empty tables in [va, end), never touching a leaf: the cleanup
 * after a failed first pass. The tables were visible, so a hardware walker
 * may have cached the entries pointing to them: they go through the
 * gather. Returns true if @tbl itself is now empty.
 */
static bool pt_prune(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
		     u64 end, struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);

	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 pte = READ_ONCE(tbl[i]);

		if (pt_table_ok(pte, level) &&
		    pt_prune(pt, pt_child(pt, pte), level - 1, va, next, op)) {
			pt_store(pt, &tbl[i], level, va, pte, 0, PT_CLEAR);
			axpt_gather_add(op->g, va & ~(pt_entry_size(level) - 1),
					(va | (pt_entry_size(level) - 1)) + 1);
			axpt_gather_add_tables(op->g);
			axpt_gather_table(op->g, pt_child(pt, pte));
		}
		va = next;
	}
	/* the root stays whatever it holds */
	return level != pt->levels - 1U && pt_emptied(pt, tbl, 0, 0);
}

/*
 * One step down a walk: @slot holds the entry for @gpa at @level; return
 * the slot for @gpa in the table it points to, or NULL if it is no valid
 * table entry (the general paths then find what is there).
 */
static __always_inline u64 *pt_slot_step(struct axpt *pt, u64 *slot, u64 gpa,
					 unsigned int level, bool direct)
{
	u64 pte = READ_ONCE(*slot);
	u64 *tbl;

	if (!pt_table_ok(pte, level))
		return NULL;
	tbl = direct ? __va(fmt_table_pa(pte)) : pt_child(pt, pte);
	return &tbl[(gpa >> axpt_level_shift(level - 1)) &
		    ((1U << AXPT_LEVEL_BITS) - 1)];
}

/*
 * The slot for @gpa at level @target (below the root's level) if every
 * table above it exists, else NULL. Unrolled like pt_query() so that the
 * shifts are constants; @direct as there.
 */
static __always_inline u64 *pt_leaf_slot(struct axpt *pt, u64 gpa,
					 unsigned int target, bool direct)
{
	unsigned int top = pt->levels - 1;
	u64 *slot = &pt->root[gpa >> axpt_level_shift(top)];

	switch (top) {
	case 4:
		if (target >= 4)
			break;
		slot = pt_slot_step(pt, slot, gpa, 4, direct);
		if (!slot)
			return NULL;
		fallthrough;
	case 3:
		if (target >= 3)
			break;
		slot = pt_slot_step(pt, slot, gpa, 3, direct);
		if (!slot)
			return NULL;
		fallthrough;
	case 2:
		if (target >= 2)
			break;
		slot = pt_slot_step(pt, slot, gpa, 2, direct);
		if (!slot)
			return NULL;
		fallthrough;
	case 1:
		if (target >= 1)
			break;
		slot = pt_slot_step(pt, slot, gpa, 1, direct);
	}
	return slot;
}

/*
 * pt_map_one() where tables on the way are missing (a 1 GiB page into a
 * space that has only its root, say), under the exclusive lock: every
 * table it needs is allocated first, so that a failure changes nothing;
 * then the leaf is written into the lowest new table, each new table into
 * the one above it, and the highest into the empty entry the walk stopped
 * at, last: that release store publishes the whole chain. Nothing is
 * replaced, so nothing is invalidated or freed. -ENOMEM if a table could
 * not be had, and -EAGAIN when the general path is needed (a leaf or an
 * invalid entry on the way, or no table missing after all); both having
 * changed nothing.
 */
static noinline int pt_map_one_tables(struct axpt *pt, u64 gpa, u64 hpa,
				      u32 attr, unsigned int target)
{
	unsigned int level = pt->levels - 1, n, k;
	u64 *slot = &pt->root[gpa >> axpt_level_shift(level)];
	u64 *t[AXPT_MAX_LEVELS], pa[AXPT_MAX_LEVELS], pte;

	/* down to the first entry above @target that holds no table */
	while ((pte = READ_ONCE(*slot)) && pt_table_ok(pte, level)) {
		slot = &pt_child(pt, pte)[pt_index(pt, gpa, level - 1)];
		if (--level == target)
			return -EAGAIN;
	}
	if (pte)
		return -EAGAIN;
	/* t[k] is the new table at level - 1 - k */
	n = level - target;
	for (k = 0; k < n; k++) {
		t[k] = axpt_alloc_table(pt, 0, &pa[k]);
		if (unlikely(!t[k])) {
			/* never visible: freed at once */
			while (k--)
				axpt_free_table(pt, t[k], 0, false);
			return -ENOMEM;
		}
	}
	pt_store(pt, &t[n - 1][pt_index(pt, gpa, target)], target, gpa, 0,
		 fmt_mk_leaf(hpa, pt_map_bits(pt, attr, target)), PT_PUBLISH);
	for (k = n - 1; k > 0; k--)
		pt_store(pt, &t[k - 1][pt_index(pt, gpa, level - k)],
			 level - k, gpa, 0, fmt_mk_table(pa[k]), PT_PUBLISH);
	pt_store(pt, slot, level, gpa, 0, fmt_mk_table(pa[0]), PT_PUBLISH);
	this_cpu_inc(pt->stats->leaves[target]);
	return 0;
}

/*
 * Fast path of the most frequent map, one leaf into existing tables (a
 * guest's fault, 4 KiB or a 2 MiB/1 GiB page): one walk, nothing to
 * allocate, nothing that can fail after the check; with the exclusive
 * lock, also into tables still to be made (pt_map_one_tables()). Returns
 * -EAGAIN when the general path is needed (a leaf is in the way, or the
 * slot is taken, for which the general path finds the right error).
 */
static int pt_map_one(struct axpt *pt, u64 gpa, u64 hpa, unsigned int level,
		      u32 attr, bool shared)
{
	u64 *slot, new, old;

	if (unlikely(pt->hal_p2v))
		slot = pt_leaf_slot(pt, gpa, level, false);
	else
		slot = pt_leaf_slot(pt, gpa, level, true);
	if (!slot)
		return shared ? -EAGAIN :
		       pt_map_one_tables(pt, gpa, hpa, attr, level);
	new = fmt_mk_leaf(hpa, pt_map_bits(pt, attr, level));
	if (shared) {
		if (!pt_install(pt, slot, level, gpa, new, &old))
			return -EAGAIN;
	} else {
		/* a leftover empty table here is the general path's job */
		if (fmt_present(*slot))
			return -EAGAIN;
		pt_store(pt, slot, level, gpa, 0, new, PT_PUBLISH);
	}
	this_cpu_inc(pt->stats->leaves[level]);
	return 0;
}

/*
 * The level of a single leaf mapping [gpa, +size) to hpa, or -1: a leaf
 * size, at most @max_leaf, one the table uses (leaf_levels has no level
 * at or above pt->levels) and both addresses aligned to it. Compares, not
 * a loop: this is the start of every single-leaf map.
 */
static __always_inline int pt_one_leaf_level(const struct axpt *pt, u64 gpa,
					     u64 hpa, u64 size,
					     unsigned int max_leaf)
{
	unsigned int l;

	if (size == pt_entry_size(0))
		l = 0;
	else if (size == pt_entry_size(1))
		l = 1;
	else if (size == pt_entry_size(2))
		l = 2;
	else
		return -1;
	if (l > max_leaf || !(pt->leaf_levels >> l & 1) ||
	    ((gpa | hpa) & (size - 1)))
		return -1;
	return l;
}

static __always_inline unsigned int pt_map_max_leaf(u32 flags)
{
	return flags & AXPT_MAP_MAX_4K ? 0 :
	       flags & AXPT_MAP_MAX_2M ? 1 : AXPT_MAX_LEAF_LEVEL;
}

/*
 * The general map: two passes over the tables, see the top of this file.
 * The arguments of pt_algo_map(), so that it calls this as its last act
 * (a jump).
 */
static noinline int pt_map_range(struct axpt *pt, u64 gpa, u64 hpa, u64 size,
				 u32 attr, u32 flags, struct axpt_gather *g)
{
	unsigned int max_leaf = pt_map_max_leaf(flags);
	unsigned int top = pt->levels - 1;
	struct axpt_gather local;
	struct pt_op op = {
		.g = pt_gather(pt, g, &local),
		.pa_off = hpa - gpa,
		.shared = flags & AXPT_MAP_SHARED,
		.interruptible = flags & AXPT_MAP_INTERRUPTIBLE,
		.max_leaf = max_leaf,
		.leaf_mask = pt->leaf_levels & ((2U << max_leaf) - 1),
	};
	unsigned int l;
	int ret;

	for (l = 0; l <= op.max_leaf; l++)
		op.bits[l] = pt_map_bits(pt, attr, l);

	ret = pt_map_prep(pt, pt->root, top, gpa, gpa + size, &op);
	if (ret) {
		/* Shared mode: another mapper may be using the new tables. */
		if (!op.shared)
			pt_prune(pt, pt->root, top, gpa, gpa + size, &op);
		return ret;
	}
	ret = pt_map_fill(pt, pt->root, top, gpa, gpa + size, &op);
	pt_commit_leaves(pt, &op);
	return ret;
}

static int pt_algo_map(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr,
		       u32 flags, struct axpt_gather *g)
{
	int ret = pt_one_leaf_level(pt, gpa, hpa, size, pt_map_max_leaf(flags));

	if (ret >= 0) {
		ret = pt_map_one(pt, gpa, hpa, ret, attr,
				 flags & AXPT_MAP_SHARED);
		if (ret != -EAGAIN)
			return ret;
	}
	return pt_map_range(pt, gpa, hpa, size, attr, flags, g);
}

/* ----------------------------------------------------------- splitting */

/*
 * How many tables splitting a leaf at @level that @va cuts (not a boundary
 * of the leaf) needs, so that @va becomes an entry boundary at every level:
 * once it is one at a level, it is one at every level below.
 */
static unsigned int pt_cut_need(u64 va, unsigned int level)
{
	unsigned int l;

	for (l = level; l > 0; l--)
		if (!(va & (pt_entry_size(l) - 1)))
			break;
	return level - l;
}

/* The bits of a 4 KiB entry outside its address. */
static __always_inline u64 pt_leaf0_bits(u64 pte)
{
	return pte ^ fmt_mk_leaf(fmt_leaf_pa(pte, 0), 0);
}

/*
 * The AND and the OR of entries [@i, @last) of @tbl, eight at a time:
 * a few instructions an entry. Plain loads: for callers holding the
 * exclusive lock.
 */
static __always_inline void pt_and_or(const u64 *tbl, unsigned int i,
				      unsigned int last, u64 *all, u64 *any)
{
	const u64 *p = tbl + i, *end = tbl + last;
	u64 a = ~0ULL, o = 0;

	for (; end - p >= 8; p += 8) {
		a &= p[0] & p[1] & p[2] & p[3] & p[4] & p[5] & p[6] & p[7];
		o |= p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7];
	}
	for (; p < end; p++) {
		a &= *p;
		o |= *p;
	}
	*all = a;
	*any = o;
}

/*
 * Do the present 4 KiB leaves of a run all decode? The answer depends only
 * on the bits outside the address, and on the address only through the
 * output size. fmt_leaf_pa() and fmt_mk_leaf() select and move bits, so
 * they commute with AND and OR: a run whose entries AND and OR to the same
 * bits outside the address is one value of those bits (all present or
 * none), asked once (2 operations an entry). Otherwise, like
 * pt_protect_run(), once per distinct value.
 */
static bool pt_check_run(const struct axpt *pt, const u64 *tbl,
			 unsigned int i, u64 va, u64 end)
{
	unsigned int last = i + ((end - va) >> AXPT_PAGE_SHIFT);
	u64 all, any, seen = 0;

	pt_and_or(tbl, i, last, &all, &any);
	if (!pt_leaf0_bits(all ^ any))
		return !fmt_present(any) || pt_leaf_ok(pt, any, 0);
	for (any = 0; i < last; i++) {
		u64 pte = tbl[i], bits = pt_leaf0_bits(pte);

		if (!fmt_present(pte))
			continue;
		any |= pte;
		if (bits == seen)
			continue;
		if (!fmt_leaf_ok(pte, 0, fmt_leaf_mask(0)))
			return false;
		seen = bits;
	}
	return !(any & fmt_oas_mask(pt->oas));
}

/*
 * First pass of unmap and protect, before anything changes: -EINVAL if
 * [@va, @end) under @tbl (at @level) holds an entry the second pass could
 * not act on: a table entry that is not valid (it would be followed), a
 * leaf above AXPT_MAX_LEAF_LEVEL (it would be counted), a leaf that is cut
 * by the range and so split, and with @decode (protect rewrites every leaf
 * from its address) any leaf, that does not decode; 4 KiB leaves only
 * with @runs too (protect's first pass leaves them to its second, see
 * pt_protect_check()). An unmap removes a whole leaf, 4 KiB entries
 * included, whatever its attributes. Adds to *@need the tables that
 * splitting the leaves the range cuts (at most one at each end) will
 * take. Plain loads: the caller holds the exclusive lock.
 */
static int pt_check_tbl(const struct axpt *pt, const u64 *tbl,
			unsigned int level, u64 va, u64 end, bool decode,
			bool runs, unsigned int *need)
{
	unsigned int shift = axpt_level_shift(level);
	unsigned int i, first = pt_index(pt, va, level);
	unsigned int last = pt_index(pt, end - 1, level);
	u64 base = va & ~(pt_entry_size(level) - 1);
	/* an unmap removes whole leaves without looking at them */
	bool skip = !decode && level <= AXPT_MAX_LEAF_LEVEL;
	int ret;

	if (!level)
		return !runs || pt_check_run(pt, tbl, first, va, end) ?
		       0 : -EINVAL;
	/* an unmap of exactly one leaf (a large page): nothing to check */
	if (skip && end - va == pt_entry_size(level) && va == base &&
	    fmt_present(tbl[first]) && fmt_is_leaf(tbl[first], level))
		return 0;
	/*
	 * Backwards: the second pass goes forwards and finds the tables
	 * checked last, its first ones, still in the caches.
	 */
	for (i = last + 1; i-- > first;) {
		u64 pte = tbl[i], s, e, all, any;
		bool leaf;

		if (skip && i + 1 == last && i > first) {
			/*
			 * The entries the range covers whole: nothing to check
			 * if they are all empty or all leaves, which the AND
			 * and the OR of them tell when they agree on every bit
			 * outside the address (mappings are mostly runs).
			 */
			pt_and_or(tbl, first + 1, last, &all, &any);
			if (!pt_leaf0_bits(all ^ any) &&
			    (!fmt_present(any) || fmt_is_leaf(any, level))) {
				i = first + 1;
				continue;
			}
		}
		if (!fmt_present(pte))
			continue;
		leaf = fmt_is_leaf(pte, level);
		if (leaf && skip && i != first && i != last)
			continue;
		s = max(va, base + ((u64)(i - first) << shift));
		e = min(end, base + ((u64)(i - first + 1) << shift));
		if (leaf) {
			if (level > AXPT_MAX_LEAF_LEVEL ||
			    ((decode || e - s != pt_entry_size(level)) &&
			     !pt_leaf_ok(pt, pte, level)))
				return -EINVAL;
			/* cut at @s (the range's start) or @e (its end) */
			if (s & (pt_entry_size(level) - 1))
				*need += pt_cut_need(s, level);
			if (e & (pt_entry_size(level) - 1))
				*need += pt_cut_need(e, level);
			continue;
		}
		if (!pt_table_ok(pte, level))
			return -EINVAL;
		if (level == 1 && !runs)
			continue;	/* an unmap checks no 4 KiB entry */
		ret = pt_check_tbl(pt, pt_child(pt, pte), level - 1, s, e,
				   decode, runs, need);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * First pass of unmap and protect: check the entries of the range (a
 * protect, op->attr set, rewrites every leaf in it, an unmap none), check
 * the leaves the range splits and take the tables the splits will need.
 * A protect that splits nothing checks its runs of 4 KiB leaves in its
 * second pass (op->fused, pt_protect_check()).
 */
static int pt_split_prep(struct axpt *pt, u64 gpa, u64 end, struct pt_op *op)
{
	unsigned int need = 0, again = 0;
	int ret;

	op->ncache = 0;
	ret = pt_check_tbl(pt, pt->root, pt->levels - 1, gpa, end, op->attr,
			   false, &need);
	if (ret)
		return ret;
	/* a split cannot be undone exactly: then every run is checked now */
	op->fused = op->attr && !need;
	if (op->attr && need) {
		ret = pt_check_tbl(pt, pt->root, pt->levels - 1, gpa, end,
				   true, true, &again);
		if (ret)
			return ret;
	}
	for (; op->ncache < need; op->ncache++) {
		phys_addr_t pa;
		u64 *t = axpt_alloc_table(pt, 0, &pa);

		if (!t) {
			while (op->ncache)
				axpt_free_table(pt, op->cache[--op->ncache], 0,
						false);
			return -ENOMEM;
		}
		op->cache[op->ncache] = t;
		op->cache_pa[op->ncache] = pa;
	}
	return 0;
}

static void pt_split_release(struct axpt *pt, struct pt_op *op)
{
	while (op->ncache)
		axpt_free_table(pt, op->cache[--op->ncache], 0, false);
}

/* Fill @child with the 512 leaves at @level - 1 that the leaf @pte maps. */
static void pt_split_fill(struct axpt *pt, u64 *child, u64 pte,
			  unsigned int level)
{
	u64 pa = fmt_leaf_pa(pte, level);
	u64 csz = pt_entry_size(level - 1);
	unsigned int k;
	u64 bits;
	u32 attr = 0;

	/* pt_split_prep() made sure that it decodes */
	fmt_leaf_attr(pte, level, &attr);
	/* the block's accessed and dirty bits are every page's */
	bits = fmt_leaf_bits(attr, level - 1) | (pte & fmt_hw_bits(pt));
	for (k = 0; k < 1U << AXPT_LEVEL_BITS; k++, pa += csz)
		child[k] = fmt_mk_leaf(pa, bits);
}

/*
 * Replace the leaf @pte in tbl[i] (at @level > 0, covering @base) by a
 * table of 512 leaves with the same translations, attributes and
 * hardware accessed/dirty bits. The block's range is invalidated (TLBs
 * may hold the old block); on Arm the block is first broken and
 * invalidated, then the table made. Where the hardware may still set a
 * bit in the block (one of fmt_hw_bits() is clear), the table replaces it
 * by cmpxchg, and the leaves are filled again with what it set.
 */
static u64 *pt_split(struct axpt *pt, u64 *tbl, unsigned int i, u64 pte,
		     unsigned int level, u64 base, struct pt_op *op)
{
	u64 *child = op->cache[--op->ncache];
	u64 child_pa = op->cache_pa[op->ncache];
	u64 end = base + pt_entry_size(level);
	u64 hw = fmt_hw_bits(pt), new = fmt_mk_table(child_pa);

	pt_split_fill(pt, child, pte, level);
	/* a new table (count 0) of 512 leaves, not yet visible */
	pt_count_add(pt, child, level - 1, 1 << AXPT_LEVEL_BITS);
	if (pt_bbm(op)) {
		pt_store(pt, &tbl[i], level, base, pte, 0, PT_BREAK);
		pt_bbm_invalidate(op, base, end, false);
		pte = fmt_break(pte);
	}
	if ((pte & hw) != hw) {
		/* a full barrier: the filled table is visible before the entry */
		while (!try_cmpxchg64(&tbl[i], &pte, new))
			pt_split_fill(pt, child, pte, level);
		/* from a broken block (Arm), or a present one: as PUBLISH */
		pt_count_add(pt, tbl, level, 1 - (int)fmt_present(pte));
		pt_store_hook(pt, &tbl[i], level, base, pte, new);
	} else {
		/* Release: the filled table is visible before the entry. */
		pt_store(pt, &tbl[i], level, base, pte, new, PT_PUBLISH);
	}
	op->leaves[level]--;
	op->leaves[level - 1] += 1 << AXPT_LEVEL_BITS;
	axpt_gather_add(op->g, base, end);
	trace_axas_split(pt, base, level);
	return child;
}

/*
 * Entry *@ip of @tbl (at @level, ending at @next) is empty: skip the empty
 * entries after it that overlap [@next, @end), a load and a test each,
 * leave *@ip on the last one skipped and return where it ends. Sparse and
 * empty tables are walked at a few instructions per entry this way. For
 * callers holding the exclusive lock (plain loads).
 */
static __always_inline u64 pt_skip_empty(const u64 *tbl, unsigned int *ip,
					 unsigned int level, u64 next, u64 end)
{
	unsigned int shift = axpt_level_shift(level);
	unsigned int i = *ip, j = i + 1;
	unsigned int stop = i + ((end - next + (1ULL << shift) - 1) >> shift);

	while (j <= stop && !fmt_present(tbl[j]))
		j++;
	*ip = j - 1;
	return j > stop ? end : next + ((u64)(j - i - 1) << shift);
}

/* ---------------------------------------------------------------- unmap */

/*
 * Clear a run of 4 KiB leaves [va, end) in one table: the hot loop of
 * unmap. Entries that are not present stay as they are (an unmap removes
 * leaves; the first pass does not look at 4 KiB entries). A direct gather
 * records the run once; otherwise each removed page's range is added
 * before its frame is handed over, so that a flush in the middle of the
 * run covers every frame it frees.
 */
static unsigned int pt_unmap_run(struct axpt *pt, u64 *tbl, unsigned int i,
				 u64 va, u64 end, struct pt_op *op)
{
	unsigned int last = i + ((end - va) >> AXPT_PAGE_SHIFT);
	unsigned int k, removed = 0;

	if (op->g->direct) {
		/* the hot loop: one report for the run */
		for (k = i; k < last; k++) {
			u64 pte = tbl[k];

			if (!fmt_present(pte))
				continue;
			pt_store(pt, &tbl[k], 0, va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
				 pte, 0, PT_CLEAR_RUN);
			removed++;
			if (op->leaf_fn)
				op->leaf_fn(op->leaf_arg, 0,
					    va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
					    fmt_leaf_pa(pte, 0));
		}
		if (removed)
			axpt_gather_add(op->g, va, end);
	} else {
		for (k = i; k < last; k++) {
			u64 pte = tbl[k];
			u64 at = va + ((u64)(k - i) << AXPT_PAGE_SHIFT);

			if (!fmt_present(pte))
				continue;
			pt_store(pt, &tbl[k], 0, at, pte, 0, PT_CLEAR_RUN);
			removed++;
			axpt_gather_add(op->g, at, at + AXPT_PAGE_SIZE);
			if (op->leaf_fn)
				op->leaf_fn(op->leaf_arg, 0, at, fmt_leaf_pa(pte, 0));
		}
	}
	pt_count_add(pt, tbl, 0, -(int)removed);
	op->leaves[0] -= removed;
	return last;
}

static bool pt_unmap_tbl(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
			 u64 end, struct pt_op *op);

/* The longest run of pt_unmap_big_run(): a yield point (level 1). */
#define PT_BIG_RUN	64

/*
 * Remove the leaves at @level > 0 from tbl[@i] on, tbl[@i] a leaf inside
 * [@va, @end) whole, skipping holes, up to the first entry that is a table
 * entry or not inside the range whole, and at most %PT_BIG_RUN entries:
 * the hot loop of unmaps of 2 MiB and 1 GiB pages, for a direct gather
 * (which records only where the changes start and end: *@run_s, *@run_e,
 * as the caller's loop does). Returns the number of entries gone over.
 */
static __always_inline unsigned int pt_unmap_big_run(struct axpt *pt, u64 *tbl,
						     unsigned int i,
						     unsigned int level, u64 va,
						     u64 end, struct pt_op *op,
						     u64 *run_s, u64 *run_e)
{
	unsigned int shift = axpt_level_shift(level);
	unsigned int k, n = min_t(u64, (end - va) >> shift, PT_BIG_RUN);
	unsigned int last = 0, removed = 0;
	u64 *run = &tbl[i];

	/* two copies of the loop: the callback's test is not in the plain one */
	if (!op->leaf_fn) {
		for (k = 0; k < n; k++) {
			u64 pte = run[k];

			if (!fmt_present(pte))
				continue;
			if (!fmt_is_leaf(pte, level))
				break;
			pt_store(pt, &run[k], level, va + ((u64)k << shift),
				 pte, 0, PT_CLEAR_RUN);
			removed++;
			last = k;
		}
	} else {
		for (k = 0; k < n; k++) {
			u64 pte = run[k], at = va + ((u64)k << shift);

			if (!fmt_present(pte))
				continue;
			if (!fmt_is_leaf(pte, level))
				break;
			pt_store(pt, &run[k], level, at, pte, 0, PT_CLEAR_RUN);
			removed++;
			last = k;
			op->leaf_fn(op->leaf_arg, level, at,
				    fmt_leaf_pa(pte, level));
		}
	}
	/* tbl[i] was a leaf: at least it was removed */
	pt_count_add(pt, tbl, level, -(int)removed);
	op->leaves[level] -= removed;
	if (!*run_e)
		*run_s = va;
	*run_e = va + ((u64)(last + 1) << shift);
	return k;
}

/*
 * Returns true if @tbl is empty afterwards (the caller then frees it).
 * Only the entries outside [va, end) are scanned for that, and only when
 * nothing inside the range was kept: a covered table is empty for free.
 */
static __always_inline bool pt_unmap_level(struct axpt *pt, u64 *tbl,
					   unsigned int level, u64 va, u64 end,
					   struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);
	unsigned int first = i;
	bool kept = false;
	/*
	 * A direct gather's report of the whole leaves removed here: it
	 * records only where the changes start and end, so one range.
	 */
	u64 run_s = 0, run_e = 0;

	if (!level) {
		unsigned int last = pt_unmap_run(pt, tbl, i, va, end, op);

		return pt_emptied(pt, tbl, i, last);
	}

	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 base = va & ~(pt_entry_size(level) - 1);
		u64 pte = tbl[i];
		u64 *child;

		if (!fmt_present(pte)) {
			next = pt_skip_empty(tbl, &i, level, next, end);
			goto next;
		}
		if (fmt_is_leaf(pte, level)) {
			/* a run: at least two entries whole (one: as before) */
			if (next - va == pt_entry_size(level) && op->g->direct &&
			    end - next >= pt_entry_size(level)) {
				unsigned int k = pt_unmap_big_run(pt, tbl, i, level,
								  va, end, op,
								  &run_s, &run_e);

				i += k - 1;
				next = va + ((u64)k << axpt_level_shift(level));
				if (k < PT_BIG_RUN)
					goto next;
				/* a full run: a yield point of its own */
				va = next;
				if (level == 1 && va < end && pt_yield(op, va)) {
					i++;
					break;
				}
				continue;
			}
			if (next - va == pt_entry_size(level)) {
				pt_store(pt, &tbl[i], level, va, pte, 0, PT_CLEAR);
				op->leaves[level]--;
				axpt_gather_add(op->g, va, next);
				if (op->leaf_fn)
					op->leaf_fn(op->leaf_arg, level, va,
						    fmt_leaf_pa(pte, level));
				goto next;
			}
			child = pt_split(pt, tbl, i, pte, level, base, op);
		} else {
			child = pt_child(pt, pte);
		}
		if (pt_unmap_tbl(pt, child, level - 1, va, next, op)) {
			pt_store(pt, &tbl[i], level, va, tbl[i], 0, PT_CLEAR);
			axpt_gather_add(op->g, base, base + pt_entry_size(level));
			axpt_gather_add_tables(op->g);
			axpt_gather_table(op->g, child);
		} else {
			kept = true;
		}
next:
		va = next;
		/*
		 * A child stopped, or stop here: [first, i] is done. Only
		 * level 1 yields, so only above it can a child have stopped.
		 */
		if ((level > 1 && op->stopped) ||
		    (level == 1 && va < end && !(op->tick++ & 63) &&
		     pt_yield(op, va))) {
			i++;
			break;
		}
	}
	if (run_e)
		axpt_gather_add(op->g, run_s, run_e);
	/* The root stays whatever it holds: no need to look. */
	if (level == pt->levels - 1U)
		return false;
	return !kept && pt_emptied(pt, tbl, first, i);
}

/* With a copy for level 1 (2 MiB entries) whose shifts are constants. */
static bool pt_unmap_tbl(struct axpt *pt, u64 *tbl, unsigned int level, u64 va,
			 u64 end, struct pt_op *op)
{
	if (level == 1)
		return pt_unmap_level(pt, tbl, 1, va, end, op);
	return pt_unmap_level(pt, tbl, level, va, end, op);
}

/*
 * Fast path of an unmap of one 4 KiB leaf whose table stays in use: one
 * walk, no split, nothing to free but the leaf's frame. Returns -EAGAIN
 * when the general path is needed (a table is missing or no valid table
 * entry, or the table would be left empty and must be freed); then nothing
 * was changed. Like the general path, it removes the leaf whatever its
 * attributes.
 */
static __always_inline int pt_unmap_one(struct axpt *pt, u64 gpa,
					struct axpt_gather *g,
					const struct axpt_unmap_how *how)
{
	unsigned int i = (gpa >> AXPT_PAGE_SHIFT) &
			 ((1U << AXPT_LEVEL_BITS) - 1);
	u64 *slot, pte;

	if (unlikely(pt->hal_p2v))
		slot = pt_leaf_slot(pt, gpa, 0, false);
	else
		slot = pt_leaf_slot(pt, gpa, 0, true);
	if (!slot)
		return -EAGAIN;
	/*
	 * The slot is entry i of its table. With counts, another present
	 * entry keeps the table in use; else a present neighbour (the
	 * common case) tells without a call. The leaf is removed as a run
	 * of one, counted here: the count is at hand.
	 */
	if (pt->counted) {
		atomic_t *count = axpt_table_count(pt, pt_slot_table(slot));
		int n = atomic_read(count);

		if (n <= 1)
			return -EAGAIN;
		pte = *slot;
		if (!fmt_present(pte))
			goto hole;
		pt_store(pt, slot, 0, gpa, pte, 0, PT_CLEAR_RUN);
		atomic_set(count, n - 1);
	} else {
		if (!((i && fmt_present(slot[-1])) ||
		      (i < (1U << AXPT_LEVEL_BITS) - 1 &&
		       fmt_present(slot[1]))) &&
		    pt_rest_empty(slot - i, i, i + 1, 1U << AXPT_LEVEL_BITS))
			return -EAGAIN;
		pte = *slot;
		if (!fmt_present(pte))
			goto hole;
		pt_store(pt, slot, 0, gpa, pte, 0, PT_CLEAR_RUN);
	}
	this_cpu_dec(pt->stats->leaves[0]);
	if (g)
		axpt_gather_add(g, gpa, gpa + AXPT_PAGE_SIZE);
	if (how) {
		if (how->done)
			*how->done = AXPT_PAGE_SIZE;
		if (how->fn)
			how->fn(how->arg, 0, gpa, fmt_leaf_pa(pte, 0));
	}
	return 0;
hole:
	if (how && how->done)
		*how->done = AXPT_PAGE_SIZE;
	return 0;
}

/*
 * Fast path of an unmap of exactly one 2 MiB or 1 GiB leaf, of the root or
 * below it: one walk that keeps the slot of every level, the leaf removed,
 * then each table on the way up that it left empty unlinked and handed to
 * the gather, in the order the general path does it (the root stays).
 * Returns -EAGAIN, having changed nothing, when the general path is
 * needed: misaligned, above the root, a table on the way missing or no
 * valid table entry, or no leaf of that size in the slot. Like the
 * general path, it removes the leaf whatever its attributes.
 */
static noinline int pt_unmap_big_one(struct axpt *pt, u64 gpa, u64 size,
				     struct axpt_gather *g,
				     const struct axpt_unmap_how *how)
{
	unsigned int level = size == pt_entry_size(2) ? 2 : 1;
	unsigned int top = pt->levels - 1, l;
	u64 *slots[AXPT_MAX_LEVELS], *slot, pte;
	struct axpt_gather local;

	if ((gpa & (size - 1)) || level > top)
		return -EAGAIN;
	slot = &pt->root[gpa >> axpt_level_shift(top)];
	for (l = top; l > level; l--) {
		slots[l] = slot;
		slot = pt_slot_step(pt, slot, gpa, l, !pt->hal_p2v);
		if (!slot)
			return -EAGAIN;
	}
	slots[level] = slot;
	pte = *slot;
	if (!fmt_present(pte) || !fmt_is_leaf(pte, level))
		return -EAGAIN;
	g = pt_gather(pt, g, &local);
	pt_store(pt, slot, level, gpa, pte, 0, PT_CLEAR);
	this_cpu_dec(pt->stats->leaves[level]);
	axpt_gather_add(g, gpa, gpa + size);
	if (how && how->fn)
		how->fn(how->arg, level, gpa, fmt_leaf_pa(pte, level));
	/* the tables it left empty, upwards; the root stays */
	for (l = level; l < top; l++) {
		unsigned int i = pt_index(pt, gpa, l);
		u64 *tbl = slots[l] - i, base;

		if (!pt_emptied(pt, tbl, i, i + 1))
			break;
		base = gpa & ~(pt_entry_size(l + 1) - 1);
		pt_store(pt, slots[l + 1], l + 1, base, *slots[l + 1], 0, PT_CLEAR);
		axpt_gather_add(g, base, base + pt_entry_size(l + 1));
		axpt_gather_add_tables(g);
		axpt_gather_table(g, tbl);
	}
	return 0;
}

static noinline int pt_unmap_range(struct axpt *pt, u64 gpa, u64 size,
				   struct axpt_gather *g, axpt_leaf_fn fn,
				   void *arg, u64 *done)
{
	struct axpt_gather local;
	struct pt_op op = {
		.g = pt_gather(pt, g, &local), .leaf_fn = fn, .leaf_arg = arg,
		.interruptible = !!done,
	};
	int ret;

	ret = pt_split_prep(pt, gpa, gpa + size, &op);
	if (ret)
		return ret;
	pt_unmap_tbl(pt, pt->root, pt->levels - 1, gpa, gpa + size, &op);
	pt_split_release(pt, &op);
	pt_commit_leaves(pt, &op);
	if (done)
		*done = (op.stopped ? op.stop : gpa + size) - gpa;
	return op.stopped ? -EINTR : 0;
}

/* The fast paths set *@how->done themselves (before the callback). */
static int pt_algo_unmap(struct axpt *pt, u64 gpa, u64 size,
			 struct axpt_gather *g, const struct axpt_unmap_how *how)
{
	if (size == AXPT_PAGE_SIZE && !pt_unmap_one(pt, gpa, g, how))
		return 0;
	if ((size == pt_entry_size(1) || size == pt_entry_size(2)) &&
	    !pt_unmap_big_one(pt, gpa, size, g, how)) {
		if (how && how->done)
			*how->done = size;
		return 0;
	}
	if (!how)
		return pt_unmap_range(pt, gpa, size, g, NULL, NULL, NULL);
	return pt_unmap_range(pt, gpa, size, g, how->fn, how->arg, how->done);
}

/* -------------------------------------------------------------- protect */

/* Does changing a leaf from @old_pte to the attributes of @op downgrade it? */
static bool pt_downgrade(u64 old_pte, unsigned int level, const struct pt_op *op)
{
	u32 old_attr;

	return fmt_leaf_attr(old_pte, level, &old_attr) ||
	       AXPT_ATTR_MEM(old_attr) != AXPT_ATTR_MEM(op->attr) ||
	       (old_attr & ~op->attr & AXPT_PROT_MASK);
}

/* Does it change the memory type (which needs break-before-make on Arm)? */
static bool pt_type_change(u64 old_pte, unsigned int level,
			   const struct pt_op *op)
{
	u32 old_attr;

	return fmt_leaf_attr(old_pte, level, &old_attr) ||
	       AXPT_ATTR_MEM(old_attr) != AXPT_ATTR_MEM(op->attr);
}

/*
 * Protect one leaf at @level > 0 that the range covers whole. A memory
 * type change on Arm is break, invalidate, make; everything else one
 * store, and a downgrade is recorded for invalidation.
 */
static void pt_protect_leaf(struct axpt *pt, u64 *slot, unsigned int level,
			    u64 va, u64 pte, struct pt_op *op)
{
	u64 hw = fmt_hw_bits(pt);
	u64 new = fmt_mk_leaf(fmt_leaf_pa(pte, level), op->bits[level]);
	u64 end = va + pt_entry_size(level);

	if (new == (pte & ~hw))
		return;
	if (pt_bbm(op) && pt_type_change(pte, level, op)) {
		pt_store(pt, slot, level, va, pte, 0, PT_BREAK);
		pt_bbm_invalidate(op, va, end, false);
		pt_store(pt, slot, level, va, fmt_break(pte), new, PT_PUBLISH);
		return;
	}
	pt_store(pt, slot, level, va, pte, new, PT_UPDATE);
	if (pt_downgrade(pte, level, op))
		axpt_gather_add(op->g, va, end);
}

/*
 * Protect checks its runs of 4 KiB leaves in its second pass, as it
 * changes them (op->fused, when it splits nothing): the AND and the OR of
 * a run, which the change needs anyway, tell whether it is uniform (all
 * empty, or all present with the same bits outside the address but the
 * hardware's), and then whether all of it decodes. While every run met is
 * uniform, decodes and has the same old bits (@op->fuse_old), the protect
 * can be undone exactly: pt_protect_undo() writes those bits back into
 * every present 4 KiB leaf it went over. At the first run that is not so,
 * or at a larger leaf, the rest of the range is checked as the first pass
 * would have (the common case: it is valid) and the protect goes on
 * unfused; on an invalid entry there, what was done is undone and the
 * protect fails with -EINVAL, having changed nothing.
 *
 * pt_protect_fused_ok(): may the run [@va, ...) of AND @all and OR @any
 * be changed fused?
 */
static bool pt_protect_fused_ok(const struct axpt *pt, struct pt_op *op,
				u64 all, u64 any, u64 hw)
{
	u64 old = pt_leaf0_bits(any) & ~hw;

	if (pt_leaf0_bits(all ^ any) & ~hw)
		return false;			/* not uniform */
	if (!fmt_present(any))
		return true;			/* all empty */
	if (!pt_leaf_ok(pt, any, 0) || (pt_bbm(op) && pt_type_change(any, 0, op)))
		return false;			/* invalid, or a break is needed */
	if (op->fuse_set)
		return old == op->fuse_old;
	op->fuse_set = true;
	op->fuse_old = old;
	return true;
}

/*
 * Leave the fused mode at @va: check [@va, end) as the first pass would
 * have. False, with op->err set and the protect stopped at @va, if
 * something there is invalid.
 */
static bool pt_protect_unfuse(struct axpt *pt, u64 va, struct pt_op *op)
{
	unsigned int need = 0;

	op->fused = false;
	if (!pt_check_tbl(pt, pt->root, pt->levels - 1, va, op->end, true,
			  true, &need))
		return true;
	op->err = -EINVAL;
	op->stopped = true;
	op->stop = va;
	return false;
}

/*
 * Undo a fused protect of [@va, @end) under @tbl: every present 4 KiB leaf
 * there went from op->fuse_old to op->bits[0]; larger leaves were not
 * changed (pt_protect_unfuse() came first). Returns whether it stored.
 */
static bool pt_protect_undo(struct axpt *pt, u64 *tbl, unsigned int level,
			    u64 va, u64 end, struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);
	u64 hw = fmt_hw_bits(pt);
	bool stored = false;

	if (!level) {
		for (; va < end; i++, va += AXPT_PAGE_SIZE) {
			u64 pte = tbl[i];
			u64 old = fmt_mk_leaf(fmt_leaf_pa(pte, 0), op->fuse_old);

			if (!fmt_present(pte) || (pte & ~hw) == old)
				continue;
			pt_store(pt, &tbl[i], 0, va, pte, old, PT_UPDATE);
			stored = true;
		}
		return stored;
	}
	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 pte = tbl[i];

		if (pt_table_ok(pte, level))
			stored |= pt_protect_undo(pt, pt_child(pt, pte),
						  level - 1, va, next, op);
		va = next;
	}
	return stored;
}

/*
 * Protect a run of 4 KiB leaves in one table: the hot loop of protect. The
 * downgrade question depends only on the old entry's non-address bits, so
 * it is answered once per distinct value, and the run is reported for
 * invalidation once. On Arm, the leaves whose memory type changes are
 * broken first, the run invalidated once, then made.
 */
static void pt_protect_run(struct axpt *pt, u64 *tbl, unsigned int i, u64 va,
			   u64 end, struct pt_op *op)
{
	unsigned int last = i + ((end - va) >> AXPT_PAGE_SHIFT);
	u64 bits = op->bits[0], seen = 0, hw = fmt_hw_bits(pt);
	bool down = false, seen_down = false, seen_type = false;
	DECLARE_BITMAP(broken, 1U << AXPT_LEVEL_BITS);
	bool bbm = pt_bbm(op), any_broken = false;
	unsigned int k;
	u64 all, any;

	/*
	 * The common case first: every entry of the run present with the
	 * same bits outside the address but those the hardware sets, so the
	 * change is the same for all of them and is decided once.
	 */
	pt_and_or(tbl, i, last, &all, &any);
	if (op->fused && !pt_protect_fused_ok(pt, op, all, any, hw) &&
	    !pt_protect_unfuse(pt, va, op))
		return;
	if (!(pt_leaf0_bits(all ^ any) & ~hw)) {
		if (!fmt_present(any) || (pt_leaf0_bits(any) & ~hw) == bits)
			return;		/* all empty, or nothing to change */
		if (!bbm || !pt_type_change(any, 0, op)) {
			/*
			 * Every leaf changes by the same bits. If every
			 * leaf has every bit the hardware sets (maps preset
			 * them), it writes none of them: plain stores.
			 * Otherwise, where the change holds none of those
			 * bits, an atomic XOR of it keeps the hardware's (a
			 * cmpxchg loop reads and compares).
			 */
			u64 flip = (pt_leaf0_bits(any) & ~hw) ^ bits;
			bool plain = (all & hw) == hw;
			bool by_xor = !plain && !(bits & hw);

			for (k = i; plain && k < last; k++) {
				u64 pte = tbl[k];

				pt_store(pt, &tbl[k], 0,
					 va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
					 pte, pte ^ flip, PT_REWRITE);
			}
			for (; by_xor && k < last; k++) {
				u64 pte = tbl[k];

				pt_store(pt, &tbl[k], 0,
					 va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
					 pte, pte ^ flip, PT_FLIP);
			}
			for (; k < last; k++) {
				u64 pte = tbl[k];

				pt_store_hook(pt, &tbl[k], 0,
					      va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
					      pte,
					      pt_update(&tbl[k], pte,
							fmt_mk_leaf(fmt_leaf_pa(pte, 0),
								    bits), hw));
			}
			if (pt_downgrade(any, 0, op))
				axpt_gather_add(op->g, va, end);
			return;
		}
	}
	if (bbm)
		bitmap_zero(broken, 1U << AXPT_LEVEL_BITS);
	for (k = i; k < last; k++) {
		u64 pte = tbl[k], pa, new, attr_bits;
		u64 at = va + ((u64)(k - i) << AXPT_PAGE_SHIFT);

		if (!fmt_present(pte))
			continue;
		pa = fmt_leaf_pa(pte, 0);
		new = fmt_mk_leaf(pa, bits);
		if (new == (pte & ~hw))
			continue;
		attr_bits = (pte & ~hw) ^ fmt_mk_leaf(pa, 0);
		if (attr_bits != seen) {
			seen = attr_bits;
			seen_down = pt_downgrade(pte, 0, op);
			seen_type = bbm && pt_type_change(pte, 0, op);
		}
		down |= seen_down;
		if (seen_type) {
			pt_store(pt, &tbl[k], 0, at, pte, 0, PT_BREAK);
			__set_bit(k, broken);
			any_broken = true;
			continue;
		}
		pt_store(pt, &tbl[k], 0, at, pte, new, PT_UPDATE);
	}
	if (down || any_broken)
		axpt_gather_add(op->g, va, end);
	if (!any_broken)
		return;
	axpt_gather_flush(op->g);
	for (k = i; k < last; k++) {
		u64 pte = tbl[k];

		if (!test_bit(k, broken))
			continue;
		pt_store(pt, &tbl[k], 0, va + ((u64)(k - i) << AXPT_PAGE_SHIFT),
			 pte, fmt_mk_leaf(fmt_leaf_pa(pte, 0), bits), PT_PUBLISH);
	}
}

static void pt_protect_tbl(struct axpt *pt, u64 *tbl, unsigned int level,
			   u64 va, u64 end, struct pt_op *op)
{
	unsigned int i = pt_index(pt, va, level);

	if (!level) {
		pt_protect_run(pt, tbl, i, va, end, op);
		return;
	}
	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 base = va & ~(pt_entry_size(level) - 1);
		u64 pte = tbl[i];
		u64 *child;

		if (!fmt_present(pte)) {
			next = pt_skip_empty(tbl, &i, level, next, end);
			goto next;
		}
		if (fmt_is_leaf(pte, level)) {
			if (next - va == pt_entry_size(level)) {
				if (op->fused && !pt_protect_unfuse(pt, va, op))
					return;
				pt_protect_leaf(pt, &tbl[i], level, va, pte, op);
				goto next;
			}
			child = pt_split(pt, tbl, i, pte, level, base, op);
		} else {
			child = pt_child(pt, pte);
		}
		pt_protect_tbl(pt, child, level - 1, va, next, op);
next:
		va = next;
		/* only level 1 yields; a run stops on an invalid entry */
		if (op->stopped ||
		    (level == 1 && va < end && !(op->tick++ & 63) &&
		     pt_yield(op, va)))
			return;
	}
}

static int pt_algo_protect(struct axpt *pt, u64 gpa, u64 size, u32 attr,
			   struct axpt_gather *g, u64 *done)
{
	struct axpt_gather local;
	struct pt_op op = {
		.g = pt_gather(pt, g, &local), .attr = attr, .interruptible = !!done,
		.end = gpa + size,
	};
	unsigned int l;
	int ret;

	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		op.bits[l] = fmt_leaf_bits(attr, l);
	ret = pt_split_prep(pt, gpa, gpa + size, &op);
	if (ret)
		return ret;
	pt_protect_tbl(pt, pt->root, pt->levels - 1, gpa, gpa + size, &op);
	pt_split_release(pt, &op);
	if (op.err) {
		/* an invalid 4 KiB leaf met fused: nothing was split */
		if (op.fuse_set &&
		    pt_protect_undo(pt, pt->root, pt->levels - 1, gpa, op.stop,
				    &op))
			axpt_gather_add(op.g, gpa, op.stop);
		return op.err;
	}
	pt_commit_leaves(pt, &op);
	if (done)
		*done = (op.stopped ? op.stop : gpa + size) - gpa;
	return op.stopped ? -EINTR : 0;
}

/* ---------------------------------------------------------- query, walk */

/*
 * What a query returns (a constant from each caller, so that the compiler
 * keeps only that: a test of a pointer would cost two instructions per
 * query, and the compiler cannot know one is not NULL).
 */
enum pt_qmode {
	PT_Q_HPA,	/* *@hpa only, no decoding */
	PT_Q_ATTR,	/* *@hpa, the leaf's size in *@size, *@attr */
	PT_Q_LEAF,	/* struct axpt_leaf *@out */
};

/* Where a query's results go: what @mode (enum pt_qmode) says. */
struct pt_qout {
	struct axpt_leaf *out;
	u64 *hpa;
	u64 *size;
	u32 *attr;
	enum pt_qmode mode;
};

/* A query's whole leaf into *@leaf (a struct axpt_leaf *). */
#define PT_QOUT_LEAF(leaf) \
	((struct pt_qout){ .out = (leaf), .mode = PT_Q_LEAF })

/*
 * The result of a query whose walk ended at @pte, at @level, that is no
 * leaf: -EINVAL for a present entry, else -ENOENT, and then the level of
 * the hole in *@out if it is not NULL. Out of line and cold, so that a
 * query's tests branch away only to fail, and one that succeeds runs
 * straight through its walk (misses are rare, and each pays a call).
 */
static noinline __cold int pt_query_miss(u64 pte, unsigned int level,
					 struct axpt_leaf *out)
{
	if (fmt_present(pte))
		return -EINVAL;
	if (out)
		out->level = level;
	return -ENOENT;
}

/*
 * The result of a query whose walk ended at @pte, at @level, for @gpa,
 * written to @o as @o.mode says (PT_Q_HPA keeps the validity test but no
 * decoding). -ENOENT for an entry that is not present (@o.out->level is
 * then where the walk found the hole), -EINVAL, writing nothing, for one
 * that is no leaf the engine can decode (a table entry at level 0 too);
 * for queries, through pt_query_miss(). The leaf's test comes first: it
 * is false for an entry that is not present, so a translation that
 * succeeds tests nothing else.
 */
static __always_inline int pt_query_leaf(const struct axpt *pt, u64 pte,
					 unsigned int level, u64 gpa,
					 struct pt_qout o)
{
	u64 mask = pt_entry_size(level) - 1;
	u32 attr = 0;
	bool ok;

	if (PT_FMT_OK_DECODE && o.mode != PT_Q_HPA)
		ok = pt_leaf_ok_decode(pt, pte, level, &attr);
	else
		ok = pt_leaf_ok(pt, pte, level);
	/*
	 * Translations (with or without the attributes) keep their misses
	 * inline: the call's arguments cost their walks a register move or
	 * two (callgrind: one or two instructions per call on x86 and Arm).
	 */
	if (o.mode != PT_Q_LEAF && unlikely(!ok))
		return fmt_present(pte) ? -EINVAL : -ENOENT;
	if (unlikely(!ok))
		return pt_query_miss(pte, level,
				     o.mode == PT_Q_LEAF ? o.out : NULL);
	/*
	 * The leaf's test has checked that its address bits below its size
	 * are clear, so the 4 KiB mask, which the walk has in a register,
	 * gives its address (in every mode).
	 */
	if (o.mode == PT_Q_HPA) {
		*o.hpa = fmt_leaf_pa(pte, 0) | (gpa & mask);
		return 0;
	}
	if (o.mode == PT_Q_ATTR) {
		*o.hpa = fmt_leaf_pa(pte, 0) | (gpa & mask);
		*o.size = mask + 1;
		*o.attr = PT_FMT_OK_DECODE ? attr : fmt_leaf_decode(pte);
		return 0;
	}
	o.out->attr = PT_FMT_OK_DECODE ? attr : fmt_leaf_decode(pte);
	o.out->gpa_base = gpa & ~mask;
	o.out->hpa = fmt_leaf_pa(pte, 0) | (gpa & mask);
	o.out->level = level;
	o.out->pte = pte;
	return 0;
}

/* Where the entry for @gpa is in the table that the table entry @pte points to. */
static __always_inline const u64 *pt_query_slot(struct axpt *pt, u64 pte,
						u64 gpa, unsigned int level,
						bool direct)
{
	const u64 *tbl = direct ? __va(fmt_table_pa(pte)) : pt_child(pt, pte);

	return &tbl[(gpa >> axpt_level_shift(level - 1)) &
		    ((1U << AXPT_LEVEL_BITS) - 1)];
}

/*
 * Does a query stop at the entry @pte at @level > 0, because it is no
 * table entry to follow (a leaf, or an entry the engine cannot use)?
 * pt_query_leaf() then gives the result.
 */
static __always_inline bool pt_query_stop(u64 pte, unsigned int level,
					  const u64 **slot)
{
	/*
	 * At level 1, where leaves are common (2 MiB pages), the format's
	 * leaf bit first: a valid leaf then costs that bit and its test, not
	 * the table entry's test as well. The result is the same:
	 * fmt_leaf_hint() is false for every valid table entry. Not in
	 * batches (@slot), which are for tables of 4 KiB pages (whose leaf
	 * entries they prefetch). Not at level 2 either: measured, it made
	 * 1 GiB translations on x86 and 2 MiB ones on 4-level Arm slower.
	 */
	return (level == 1 && !slot && fmt_leaf_hint(pte)) ||
	       !pt_table_ok(pte, level);
}

/* The entry for @gpa in the table that the entry @pte at @level points to. */
static __always_inline u64 pt_query_down(struct axpt *pt, u64 pte, u64 gpa,
					 unsigned int level, bool direct)
{
	return READ_ONCE(*pt_query_slot(pt, pte, gpa, level, direct));
}

/*
 * A query: follow table entries from the root down to the entry that
 * translates @gpa. axpt_query() has checked @gpa < 1 << ias, so the root
 * index needs no mask. The walk is unrolled (entered at the root's level,
 * falling through to level 0) so that every shift and mask is a constant;
 * with @direct (a constant from the caller) tables are reached through the
 * direct map without asking the HAL. The common case is a few instructions
 * per level and no call. @o as for pt_query_leaf(). With @slot (batches)
 * the walk stops above level 0: it returns 1 with *@slot pointing at the
 * level-0 entry, prefetched, for the caller to read later. @root is the
 * caller's copy of pt->root, so that a loop of queries can keep it in a
 * register; @top, the root's level, must be a constant: see pt_query().
 */
static __always_inline int pt_query_top(struct axpt *pt, const u64 *root,
					unsigned int top, u64 gpa,
					struct pt_qout o,
					const u64 **slot, bool direct)
{
	unsigned int level = top;
	u64 pte = READ_ONCE(root[gpa >> axpt_level_shift(level)]);

	/*
	 * Each level returns pt_query_leaf()'s result itself, so that a
	 * miss ends the walk with a tail call (see pt_query_miss()).
	 */
	switch (level) {
	case 4:
		if (pt_query_stop(pte, 4, slot))
			return pt_query_leaf(pt, pte, 4, gpa, o);
		pte = pt_query_down(pt, pte, gpa, 4, direct);
		fallthrough;
	case 3:
		if (pt_query_stop(pte, 3, slot))
			return pt_query_leaf(pt, pte, 3, gpa, o);
		pte = pt_query_down(pt, pte, gpa, 3, direct);
		fallthrough;
	case 2:
		if (pt_query_stop(pte, 2, slot))
			return pt_query_leaf(pt, pte, 2, gpa, o);
		pte = pt_query_down(pt, pte, gpa, 2, direct);
		fallthrough;
	default:
		if (pt_query_stop(pte, 1, slot))
			return pt_query_leaf(pt, pte, 1, gpa, o);
		if (slot) {
			*slot = pt_query_slot(pt, pte, gpa, 1, direct);
			prefetch(*slot);
			return 1;
		}
		pte = pt_query_down(pt, pte, gpa, 1, direct);
	}
	return pt_query_leaf(pt, pte, 0, gpa, o);
}

/*
 * pt_query_top() with @top (pt->levels - 1, or a constant) turned into a
 * constant: one straight walk per number of levels, each starting with
 * the root's entry read with a constant shift, where one walk entered at a
 * variable level would compute the shift and jump between the levels.
 */
static __always_inline int pt_query(struct axpt *pt, const u64 *root,
				    unsigned int top, u64 gpa,
				    struct pt_qout o, const u64 **slot,
				    bool direct)
{
	/*
	 * The common depths first: 4 levels, then 3 (a switch tests 5
	 * first). Compared as levels, which the callers read as they are.
	 */
	unsigned int levels = top + 1;

	if (levels == 4)
		return pt_query_top(pt, root, 3, gpa, o, slot, direct);
	if (levels == 3)
		return pt_query_top(pt, root, 2, gpa, o, slot, direct);
	if (levels == 5)
		return pt_query_top(pt, root, 4, gpa, o, slot, direct);
	return pt_query_top(pt, root, 1, gpa, o, slot, direct);
}

/*
 * A query of a table reached through the HAL, one call for every mode: @o
 * is given its mode again as a constant. Context: rcu_read_lock().
 */
static noinline int pt_query_hal(struct axpt *pt, u64 gpa,
				 struct pt_qout o)
{
	unsigned int top = pt->levels - 1;

	switch (o.mode) {
	case PT_Q_LEAF:
		o.mode = PT_Q_LEAF;
		return pt_query(pt, pt->root, top, gpa, o, NULL, false);
	case PT_Q_ATTR:
		o.mode = PT_Q_ATTR;
		return pt_query(pt, pt->root, top, gpa, o, NULL, false);
	default:
		o.mode = PT_Q_HPA;
		return pt_query(pt, pt->root, top, gpa, o, NULL, false);
	}
}

/*
 * A query, @o as for pt_query_leaf(), of a table whose walk (struct
 * axpt.walk) is @walk, a constant: the number of levels of a table
 * reached through the direct map, 0 for one reached through the HAL.
 * Context: rcu_read_lock().
 */
static __always_inline int pt_query_walk(struct axpt *pt, u64 gpa,
					 struct pt_qout o, unsigned int walk)
{
	if (!walk)
		return pt_query_hal(pt, gpa, o);
	return pt_query_top(pt, pt->root, walk - 1, gpa, o, NULL, true);
}

/*
 * The lockless readers of a table whose walk is @w, one set per walk
 * (pt_readers[]): axpt_init() points struct axpt.rd at its table's, so
 * that a query starts its walk at once, without testing the depth (three
 * to nine instructions and a taken jump fewer than one reader for all).
 */
#define PT_READERS(w)							\
enum { pt_walk_##w = w };	/* the argument read once */		\
									\
static int pt_algo_query_##w(struct axpt *pt, u64 gpa,			\
			     struct axpt_leaf *out)			\
{									\
	int ret;							\
									\
	rcu_read_lock();						\
	ret = pt_query_walk(pt, gpa, PT_QOUT_LEAF(out), pt_walk_##w);	\
	rcu_read_unlock();						\
	return ret;							\
}									\
									\
static int pt_algo_translate_##w(struct axpt *pt, u64 gpa, u64 *hpa)	\
{									\
	const struct pt_qout o = { .hpa = hpa, .mode = PT_Q_HPA };	\
	int ret;							\
									\
	rcu_read_lock();						\
	ret = pt_query_walk(pt, gpa, o, pt_walk_##w);			\
	rcu_read_unlock();						\
	return ret;							\
}									\
									\
static int pt_algo_translate_attr_##w(struct axpt *pt, u64 gpa,		\
				      u64 *hpa, u64 *size, u32 *attr)	\
{									\
	const struct pt_qout o = {					\
		.hpa = hpa, .size = size, .attr = attr,			\
		.mode = PT_Q_ATTR,					\
	};								\
	int ret;							\
									\
	rcu_read_lock();						\
	ret = pt_query_walk(pt, gpa, o, pt_walk_##w);			\
	rcu_read_unlock();						\
	return ret;							\
}

PT_READERS(0)
PT_READERS(2)
PT_READERS(3)
PT_READERS(4)
PT_READERS(5)

#define PT_READERS_OPS(w) {						\
	.query = pt_algo_query_##w,					\
	.translate = pt_algo_translate_##w,				\
	.translate_attr = pt_algo_translate_attr_##w,			\
}

/* Indexed by struct axpt.walk (a table has at least two levels). */
static const struct axpt_readers pt_readers[AXPT_MAX_LEVELS + 1] = {
	[0] = PT_READERS_OPS(0),
	[2] = PT_READERS_OPS(2),
	[3] = PT_READERS_OPS(3),
	[4] = PT_READERS_OPS(4),
	[5] = PT_READERS_OPS(5),
};

#define PT_BATCH_GROUP	32

/*
 * A batch of translations with the root's level @top a constant, in
 * groups: first the upper levels of every address of a group are walked
 * (tables small enough to stay cached) and their leaf entries prefetched,
 * then the leaf entries, by then on their way, are read. The leaf reads of
 * a group thus overlap however many instructions each walk takes.
 */
static __always_inline unsigned int pt_translate_loop(struct axpt *pt,
						      unsigned int top,
						      const u64 *gpa, u64 *hpa,
						      unsigned int n)
{
	const u64 *slot[PT_BATCH_GROUP], *root = pt->root;
	u64 limit = BIT_ULL(pt->ias);	/* a compare, not a shift by a count */
	unsigned int i, j, m;
	int ret[PT_BATCH_GROUP];

	/* @gpa and @hpa advance by groups, indexed by @j within one */
	for (i = 0; i < n; i += m, gpa += m, hpa += m) {
		int pending = 0;

		m = min(n - i, PT_BATCH_GROUP);
		for (j = 0; j < m; j++) {
			const struct pt_qout o = {
				.hpa = &hpa[j], .mode = PT_Q_HPA,
			};

			ret[j] = gpa[j] >= limit ? -ERANGE :
				 pt_query(pt, root, top, gpa[j], o, &slot[j],
					  true);
			pending |= ret[j];
		}
		/*
		 * Every address of the group translated by a leaf above level
		 * 0 (2 MiB and 1 GiB pages): no leaf entry to read, no error.
		 */
		if (!pending)
			continue;
		for (j = 0; j < m; j++) {
			u64 pte;

			if (ret[j] == 1) {	/* read the prefetched entry */
				const struct pt_qout o = {
					.hpa = &hpa[j], .mode = PT_Q_HPA,
				};

				pte = READ_ONCE(*slot[j]);
				ret[j] = pt_query_leaf(pt, pte, 0, gpa[j], o);
			}
			if (ret[j])
				return i + j;
		}
	}
	return n;
}

static unsigned int pt_algo_translate_batch(struct axpt *pt, const u64 *gpa,
					    u64 *hpa, unsigned int n)
{
	unsigned int i;

	rcu_read_lock();
	if (unlikely(!pt->walk)) {	/* tables reached through the HAL */
		for (i = 0; i < n; i++) {
			const struct pt_qout o = {
				.hpa = &hpa[i], .mode = PT_Q_HPA,
			};

			if (gpa[i] >> pt->ias || pt_query_hal(pt, gpa[i], o))
				break;
		}
	} else {
		switch (pt->walk) {
		case 5:
			i = pt_translate_loop(pt, 4, gpa, hpa, n);
			break;
		case 4:
			i = pt_translate_loop(pt, 3, gpa, hpa, n);
			break;
		case 3:
			i = pt_translate_loop(pt, 2, gpa, hpa, n);
			break;
		default:
			i = pt_translate_loop(pt, 1, gpa, hpa, n);
			break;
		}
	}
	rcu_read_unlock();
	return i;
}

/* State of a walk: where it is allowed to report tables from, and yields. */
struct pt_walk {
	axpt_walk_fn fn;
	void *arg;
	u64 from;		/* tables starting below this were reported */
	u64 resume;		/* where to go on after a yield */
	unsigned int budget;	/* level-1 entries until the next yield */
	bool bad;		/* an invalid entry was seen */
};

#define PT_WALK_YIELD	INT_MIN
#define PT_WALK_BUDGET	64

/*
 * Visit the present entries of [@va, @end) under @tbl. An invalid entry is
 * visited too (@leaf as its bits say) but never descended into, and sets
 * @w->bad: the walk goes on, so that a dump shows every entry.
 */
static int pt_walk_tbl(struct axpt *pt, const u64 *tbl, unsigned int level,
		       u64 va, u64 end, struct pt_walk *w)
{
	unsigned int i = pt_index(pt, va, level);
	int ret;

	for (; va < end; i++) {
		u64 next = pt_entry_end(va, end, level);
		u64 pte = READ_ONCE(tbl[i]);
		u64 base = va & ~(pt_entry_size(level) - 1);
		bool leaf, ok;

		if (fmt_present(pte)) {
			leaf = fmt_is_leaf(pte, level);
			ok = leaf ? pt_leaf_ok(pt, pte, level) :
				    pt_table_ok(pte, level);
			w->bad |= !ok;
			ret = 0;
			if (leaf || base >= w->from)
				ret = w->fn(w->arg, level, base, pte, leaf);
			if (!ret && !leaf && ok)
				ret = pt_walk_tbl(pt, pt_child(pt, pte),
						  level - 1, va, next, w);
			if (ret)
				return ret;
		}
		/* Between two leaf tables: drop RCU now and then. */
		if (level == 1 && next < end && (!--w->budget || need_resched())) {
			w->resume = next;
			return PT_WALK_YIELD;
		}
		va = next;
	}
	return 0;
}

/*
 * The walk runs in pieces of at most %PT_WALK_BUDGET leaf tables, each
 * under its own rcu_read_lock() and from the root again, so that walking
 * a huge range neither holds up RCU nor keeps the CPU: between pieces it
 * yields. Tables that straddle a piece boundary are reported once.
 */
static int pt_algo_walk(struct axpt *pt, u64 gpa, u64 size, axpt_walk_fn fn,
			void *arg)
{
	struct pt_walk w = { .fn = fn, .arg = arg, .from = 0 };
	u64 end = gpa + size;
	int ret;

	for (;;) {
		w.budget = PT_WALK_BUDGET;
		rcu_read_lock();
		ret = pt_walk_tbl(pt, pt->root, pt->levels - 1, gpa, end, &w);
		rcu_read_unlock();
		if (ret != PT_WALK_YIELD)
			return ret ? ret : w.bad ? -EINVAL : 0;
		gpa = w.resume;
		w.from = gpa;
		cond_resched();
	}
}

/*
 * Free every table below the root; the caller frees the root. The table
 * counter says when none are left, so destroying a sparse (or empty) space
 * costs what is mapped, not the size of the root.
 */
static void pt_algo_free_all(struct axpt *pt)
{
	unsigned int level = pt->levels - 1;
	unsigned int i, n = pt_entries(pt, level);
	long root = 1L << pt->root_order;

	for (i = 0; i < n && atomic_long_read(&pt->nr_tables) > root; i++) {
		u64 pte = pt->root[i];

		if (pt_table_ok(pte, level))
			pt_free_subtree(pt, pte, level, NULL);
	}
}

#ifdef AXPT_STORE_HOOK
/*
 * Test builds only: tests plant entries with this, a plain store that
 * keeps the count.
 */
static void pt_algo_store_raw(struct axpt *pt, u64 *slot, unsigned int level,
			      u64 pte)
{
	u64 old = READ_ONCE(*slot);

	WRITE_ONCE(*slot, pte);
	pt_count_add(pt, pt_slot_table(slot), level,
		     (int)fmt_present(pte) - (int)fmt_present(old));
}

#define AXPT_ALGO_TEST_OPS	.store_raw = pt_algo_store_raw,
#else
#define AXPT_ALGO_TEST_OPS
#endif

/* --------------------------------------------------------------- fault */

/* Give back a frame of a fault that was not installed. */
static noinline void pt_fault_free(struct axpt_fault *f, u64 hpa,
				   unsigned int level)
{
	unsigned long i;

	for (i = 0; i < 1UL << (level * AXPT_LEVEL_BITS); i++)
		f->free(f->ctx, hpa + i * AXPT_PAGE_SIZE);
}

/*
 * A frame for a leaf at @level, or false: none could be had, or the one
 * given cannot be a leaf there (not aligned to its size, or beyond the
 * output size), which is given back.
 */
static __always_inline bool pt_fault_frame(const struct axpt *pt,
					   struct axpt_fault *f,
					   unsigned int level, u64 *hpa)
{
	u64 mask = pt_entry_size(level) - 1;

	if (f->alloc(f->ctx, level * AXPT_LEVEL_BITS, hpa))
		return false;
	if (likely(!((*hpa & mask) | ((*hpa + mask) >> pt->oas))))
		return true;
	pt_fault_free(f, *hpa, level);
	return false;
}

/*
 * The walk of axpt_fault_install(): down from the root to the slot at
 * @target (f->max_level, or 0 once the 2 MiB slot turned out to hold a
 * table or no 2 MiB frame or table was had). The frame is allocated at
 * the first empty slot, before any table is installed, so that a failure
 * to get one changes nothing; then the missing tables are installed,
 * and the leaf. After a lost cmpxchg (a racing mapper's table or leaf is
 * there now) the same slot is looked at again. A frame that cannot be
 * used (a leaf found, or a table where a 2 MiB leaf was to go) is given
 * back.
 */
static __always_inline int pt_fault_walk(struct axpt *pt,
					 struct axpt_fault *f, bool direct)
{
	unsigned int level = pt->levels - 1, target = f->max_level;
	u64 gpa = f->gpa, *slot = &pt->root[gpa >> axpt_level_shift(level)];
	u64 pte, new, old, hpa = 0, *tbl;
	bool fresh, have = false;
	int ret;

	for (;;) {
		pte = READ_ONCE(*slot);
		if (pt_table_ok(pte, level)) {
			tbl = direct ? __va(fmt_table_pa(pte)) : pt_child(pt, pte);
			level--;
			slot = &tbl[(gpa >> axpt_level_shift(level)) &
				    ((1U << AXPT_LEVEL_BITS) - 1)];
			if (level < target) {
				/* the 2 MiB slot holds a table of 4 KiB pages */
				if (have)
					pt_fault_free(f, hpa, target);
				have = false;
				target = level;
			}
			continue;
		}
		if (pte)
			break;			/* a leaf, or invalid */
		if (!have) {
			if (!pt_fault_frame(pt, f, target, &hpa)) {
				if (!target)
					return -ENOMEM;
				target = 0;	/* 4 KiB frames then */
				continue;
			}
			have = true;
		}
		if (level > target) {
			ret = pt_install_table(pt, slot, 0, level, gpa, true,
					       &pte, &fresh);
			if (unlikely(ret)) {
				pt_fault_free(f, hpa, target);
				have = false;
				if (!target)
					return ret;
				target = 0;	/* as a failed 2 MiB frame */
			}
			continue;
		}
		new = fmt_mk_leaf(hpa, pt_map_bits(pt, f->attr, level));
		if (likely(pt_install(pt, slot, level, gpa, new, &old))) {
			this_cpu_inc(pt->stats->leaves[level]);
			f->leaf.gpa_base = gpa & ~(pt_entry_size(level) - 1);
			f->leaf.hpa = hpa | (gpa & (pt_entry_size(level) - 1));
			f->leaf.level = level;
			f->leaf.attr = f->attr;
			f->leaf.pte = new;
			return AXPT_FAULT_NEW;
		}
		/* a racing mapper's leaf or table: look at the slot again */
	}
	if (have)
		pt_fault_free(f, hpa, target);
	/*
	 * A present entry that is no table to follow: a leaf maps @gpa
	 * (found), or the entry does not decode (-EINVAL).
	 */
	ret = pt_query_leaf(pt, pte, level, gpa, PT_QOUT_LEAF(&f->leaf));
	if (ret == -ENOENT)
		return -EINVAL;		/* non-zero but not present */
	return ret ? ret : AXPT_FAULT_FOUND;
}

static noinline int pt_fault_slow(struct axpt *pt, struct axpt_fault *f)
{
	if (unlikely(pt->hal_p2v))
		return pt_fault_walk(pt, f, false);
	return pt_fault_walk(pt, f, true);
}

/*
 * The most frequent fault, a 4 KiB page in a block that has a table of
 * them already: the walk to the level-1 entry unrolled (pt_leaf_slot()),
 * then that table's entry, empty (allocate and install) or a leaf
 * (found). Everything else, or a lost race, takes the general walk.
 */
static __always_inline int pt_fault(struct axpt *pt, struct axpt_fault *f,
				    bool direct)
{
	u64 gpa = f->gpa, *slot = pt_leaf_slot(pt, gpa, 1, direct);
	u64 pte, hpa, new, old;
	int ret;

	if (unlikely(!slot))
		return pt_fault_slow(pt, f);
	pte = READ_ONCE(*slot);
	if (unlikely(!pt_table_ok(pte, 1)))
		return pt_fault_slow(pt, f);
	slot = &(direct ? (u64 *)__va(fmt_table_pa(pte)) : pt_child(pt, pte))
		[(gpa >> AXPT_PAGE_SHIFT) & ((1U << AXPT_LEVEL_BITS) - 1)];
	pte = READ_ONCE(*slot);
	if (pte) {
		ret = pt_query_leaf(pt, pte, 0, gpa, PT_QOUT_LEAF(&f->leaf));
		if (ret)
			return -EINVAL;	/* not present, or no leaf */
		return AXPT_FAULT_FOUND;
	}
	if (!pt_fault_frame(pt, f, 0, &hpa))
		return -ENOMEM;
	new = fmt_mk_leaf(hpa, pt_map_bits(pt, f->attr, 0));
	if (unlikely(!pt_install(pt, slot, 0, gpa, new, &old))) {
		pt_fault_free(f, hpa, 0);
		return pt_fault_slow(pt, f);
	}
	this_cpu_inc(pt->stats->leaves[0]);
	f->leaf.gpa_base = gpa & ~(AXPT_PAGE_SIZE - 1);
	f->leaf.hpa = hpa | (gpa & (AXPT_PAGE_SIZE - 1));
	f->leaf.level = 0;
	f->leaf.attr = f->attr;
	f->leaf.pte = new;
	return AXPT_FAULT_NEW;
}

static int pt_algo_fault(struct axpt *pt, struct axpt_fault *f)
{
	if (unlikely(pt->hal_p2v))
		return pt_fault_slow(pt, f);
	return pt_fault(pt, f, true);
}

static u64 pt_algo_encode_leaf(u64 hpa, u32 attr, unsigned int level)
{
	return fmt_mk_leaf(hpa, fmt_leaf_bits(attr, level));
}

/*
 * -ENOENT for no entry or a table entry above level 0; -EINVAL, writing
 * nothing, for anything else that is not a leaf the format can decode.
 */
static int pt_algo_decode_leaf(u64 pte, unsigned int level,
			       struct axpt_leaf *out)
{
	u32 attr;

	if (!fmt_present(pte) || (level && !fmt_is_leaf(pte, level)))
		return -ENOENT;
	if (!fmt_is_leaf(pte, level) || fmt_leaf_attr(pte, level, &attr))
		return -EINVAL;
	out->level = level;
	out->hpa = fmt_leaf_pa(pte, level);
	out->attr = attr;
	out->pte = pte;
	return 0;
}

static u64 pt_algo_encode_table(u64 pa)
{
	return fmt_mk_table(pa);
}

static u64 pt_algo_decode_table(u64 pte)
{
	return fmt_table_pa(pte);
}

/* Fills the operations of a struct axpt_format initialiser. */
#define AXPT_ALGO_OPS					\
	.encode_leaf = pt_algo_encode_leaf,		\
	.decode_leaf = pt_algo_decode_leaf,		\
	.encode_table = pt_algo_encode_table,		\
	.decode_table = pt_algo_decode_table,		\
	.map = pt_algo_map,				\
	.unmap = pt_algo_unmap,				\
	.protect = pt_algo_protect,			\
	.readers = pt_readers,				\
	.fault = pt_algo_fault,				\
	.translate_batch = pt_algo_translate_batch,	\
	.walk = pt_algo_walk,				\
	AXPT_ALGO_TEST_OPS				\
	.free_all = pt_algo_free_all

#endif /* AXADDRSPACE_PT_ALGO_H */
