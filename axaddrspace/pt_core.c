// SPDX-License-Identifier: GPL-2.0
/*
 * The format-independent part of the page-table engine: argument checks,
 * creation and destruction, and dispatch (one indirect call per operation)
 * to the algorithm compiled for the format.
 *
 * Errors: -EINVAL for a misaligned, empty or inexpressible request or an
 * invalid entry in the tables where the operation must interpret one,
 * -EOVERFLOW when start + size wraps, -ERANGE for addresses beyond the
 * format's input or output size, -EEXIST when mapping over a mapping,
 * -ENOMEM when a table page cannot be had (nothing changed), -ENOENT when
 * a query finds nothing.
 */
#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/rwsem.h>
#include <linux/string.h>
#include "axaddrspace/pt_internal.h"

static const struct axpt_format *const axpt_formats[] = {
	&axpt_fmt_ept,
	&axpt_fmt_npt,
	&axpt_fmt_arm_s2,
	&axpt_fmt_riscv_g,
};

/**
 * axpt_format_get() - look up a format.
 * @id: AXAS_FORMAT_*.
 *
 * Return: the format, or NULL if @id is unknown.
 */
const struct axpt_format *axpt_format_get(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(axpt_formats); i++)
		if (axpt_formats[i]->id == id)
			return axpt_formats[i];
	return NULL;
}

/**
 * axpt_setup_uniform() - geometry of a format whose every level is 9 bits
 *	except that the root may resolve @extra_root_bits more.
 * @cfg: the request; @levels and @ias may each be 0 (derived), or both.
 * @pt: filled on success.
 * @min_levels: fewest levels the format supports.
 * @max_levels: most levels the format supports.
 * @extra_root_bits: 0 for x86, 2 for RISC-V x4 roots.
 * @max_oas: widest output address of the format.
 *
 * Return: 0, or -EINVAL for a configuration the format does not have.
 */
int axpt_setup_uniform(const struct axpt_cfg *cfg, struct axpt *pt,
		       unsigned int min_levels, unsigned int max_levels,
		       unsigned int extra_root_bits, unsigned int max_oas)
{
	unsigned int base = AXPT_PAGE_SHIFT + extra_root_bits;
	unsigned int levels = cfg->levels;
	unsigned int oas = cfg->oas ? cfg->oas : max_oas;

	if (!levels && !cfg->ias)
		levels = clamp(4U, min_levels, max_levels);
	else if (!levels && cfg->ias > base)
		levels = (cfg->ias - base) / AXPT_LEVEL_BITS;
	if (levels < min_levels || levels > max_levels)
		return -EINVAL;
	if (cfg->ias && cfg->ias != base + AXPT_LEVEL_BITS * levels)
		return -EINVAL;
	if (oas < 32 || oas > max_oas)
		return -EINVAL;
	pt->levels = levels;
	pt->ias = base + AXPT_LEVEL_BITS * levels;
	pt->oas = oas;
	pt->top_bits = AXPT_LEVEL_BITS + extra_root_bits;
	pt->root_order = extra_root_bits;
	return 0;
}

/**
 * axpt_init() - create an empty page table.
 * @pt: the table to initialise.
 * @cfg: format and geometry.
 * @mm: the HAL that provides table pages; @mm_ctx is passed to it.
 * @mm_ctx: argument for @mm.
 *
 * Allocates the root (one page, four for RISC-V x4, up to sixteen for
 * Arm concatenated roots) and, unless @cfg->stats supplies them, the
 * per-CPU counters. Nothing is left allocated on failure.
 *
 * Context: process context; may sleep (the HAL's allocation may).
 * Return: 0, -EINVAL or -ENOMEM.
 */
int axpt_init(struct axpt *pt, const struct axpt_cfg *cfg,
	      const struct axpt_mm_ops *mm, void *mm_ctx)
{
	const struct axpt_format *fmt = axpt_format_get(cfg->format);
	unsigned int l;
	phys_addr_t pa;
	int ret;

	if (!fmt || (cfg->flags & ~fmt->cfg_flags))
		return -EINVAL;
	if (cfg->pgsizes && (cfg->pgsizes & ~AXPT_PGSIZES ||
			     !(cfg->pgsizes & AXPT_PGSIZE_4K)))
		return -EINVAL;
	/* all but nr_tables' cache line (set below), a third fewer stores */
	memset(pt, 0, offsetof(struct axpt, nr_tables));
	pt->fmt = fmt;
	pt->mm = mm;
	pt->mm_ctx = mm_ctx;
	pt->hal_p2v = !!mm->phys_to_virt;
	pt->counted = !!mm->table_count;
	if (pt->counted && mm->count_array)
		pt->counts = mm->count_array(mm_ctx, &pt->counts_va0);
	pt->cfg_flags = cfg->flags;
	ret = fmt->setup(cfg, pt);
	if (ret)
		return ret;
	pt->walk = pt->hal_p2v ? 0 : pt->levels;
	pt->rd = &fmt->readers[pt->walk];
	/*
	 * Leaves exist at levels 0..2 that the table has (it has at least
	 * two); the page sizes say which of them may be used.
	 */
	l = BIT(0) | BIT(1) | (pt->levels > 2 ? BIT(2) : 0);
	if (cfg->pgsizes)
		l &= BIT(0) | (cfg->pgsizes & AXPT_PGSIZE_2M ? BIT(1) : 0) |
		     (cfg->pgsizes & AXPT_PGSIZE_1G ? BIT(2) : 0);
	pt->leaf_levels = l;
	pt->stats = cfg->stats;
	if (!pt->stats) {
		pt->stats = alloc_percpu_gfp(struct axpt_stats,
					     GFP_KERNEL_ACCOUNT);
		if (!pt->stats)
			return -ENOMEM;
		pt->stats_own = true;
	}
	/*
	 * Nobody else sees @pt yet: the table counter is set, without a
	 * locked add; and the root has no count (it is never freed).
	 */
	pt->root = mm->alloc_table(mm_ctx, pt->root_order, &pa);
	atomic_long_set(&pt->nr_tables, pt->root ? 1L << pt->root_order : 0);
	if (!pt->root) {
		if (pt->stats_own)
			free_percpu(pt->stats);
		pt->stats = NULL;
		return -ENOMEM;
	}
	pt->root_pa = pa;
	return 0;
}

/**
 * axpt_destroy() - free every table page, the root included.
 * @pt: the table; its leaves' memory is the caller's.
 *
 * The caller guarantees there are no concurrent users, lockless ones
 * included. Afterwards @pt->nr_tables is 0 unless the HAL leaked. The
 * per-CPU counts are freed if axpt_init() allocated them; counts from
 * &axpt_cfg.stats are the caller's to free, after this.
 *
 * Context: process context; may sleep (the HAL's free may).
 */
void axpt_destroy(struct axpt *pt)
{
	if (!pt->root)
		return;
	/* the table counter says whether anything is below the root */
	if (atomic_long_read(&pt->nr_tables) != 1L << pt->root_order)
		pt->fmt->free_all(pt);
	/* no user is left: a plain update of the counter, no locked one */
	atomic_long_set(&pt->nr_tables, atomic_long_read(&pt->nr_tables) -
			(1L << pt->root_order));
	pt->mm->free_table(pt->mm_ctx, pt->root, pt->root_order, false);
	pt->root = NULL;
	if (pt->stats_own)
		free_percpu(pt->stats);
	pt->stats = NULL;
}

/**
 * axpt_nr_leaves() - how many leaf entries of one size the table holds.
 * @pt: the table.
 * @level: 0 (4 KiB), 1 (2 MiB) or 2 (1 GiB).
 *
 * Exact when nothing changes the table meanwhile; a snapshot that may be
 * off by the changes in flight otherwise.
 *
 * Return: the count; 0 after axpt_destroy().
 */
long axpt_nr_leaves(const struct axpt *pt, unsigned int level)
{
	long n = 0;
	int cpu;

	if (!pt->stats || level > AXPT_MAX_LEAF_LEVEL)
		return 0;
	for_each_possible_cpu(cpu)
		n += per_cpu_ptr(pt->stats, cpu)->leaves[level];
	return n;
}

/**
 * axpt_check_range() - check a guest-physical range against the table.
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: length, 4 KiB aligned (0 is accepted here).
 *
 * Return: 0, -EINVAL (misaligned), -EOVERFLOW (@gpa + @size wraps) or
 * -ERANGE (beyond the input size).
 */
int axpt_check_range(const struct axpt *pt, u64 gpa, u64 size)
{
	u64 end;

	if ((gpa | size) & (AXPT_PAGE_SIZE - 1))
		return -EINVAL;
	if (check_add_overflow(gpa, size, &end))
		return -EOVERFLOW;
	if (end > 1ULL << pt->ias || gpa >> pt->ias)
		return -ERANGE;
	return 0;
}

/*
 * axpt_check_range() for a @size that is not 0, inlined where it is known
 * not to be: the range is inside iff its last byte is.
 */
static __always_inline int axpt_range_ok(const struct axpt *pt, u64 gpa,
					 u64 size)
{
	u64 end;

	if ((gpa | size) & (AXPT_PAGE_SIZE - 1))
		return -EINVAL;
	if (check_add_overflow(gpa, size, &end))
		return -EOVERFLOW;
	return (end - 1) >> pt->ias ? -ERANGE : 0;
}

static __always_inline int axpt_check_fmt_attr(const struct axpt_format *fmt,
					       u32 attr)
{
	if (attr & ~AXPT_ATTR_MASK)
		return -EINVAL;

	return fmt->check_attr(attr);
}

/* Bit n of struct axpt.attr_ok stands for the attributes with this index. */
static __always_inline unsigned int axpt_attr_index(u32 attr)
{
	/* prot in bits 2:0, mem (bits 9:8) in bits 4:3 */
	return (attr | attr >> (AXPT_MEM_SHIFT - 3)) & 31;
}

/* axpt_check_attr(), inlined into the map and protect checks. */
static __always_inline int axpt_attr_ok(const struct axpt *pt, u32 attr)
{
	if (attr & ~AXPT_ATTR_MASK)
		return -EINVAL;
	return pt->attr_ok >> axpt_attr_index(attr) & 1 ? 0 : -EINVAL;
}

/**
 * axpt_check_attr() - may @pt hold leaves with these attributes?
 * @pt: the table.
 * @attr: AXPT_ATTR().
 *
 * The format's rule, and the RISC-V memory types that need Svpbmt only
 * where the configuration says the hart has it (AXPT_CFG_SVPBMT).
 *
 * Context: any.
 *
 * Return: 0 or -EINVAL.
 */
int axpt_check_attr(const struct axpt *pt, u32 attr)
{
	return axpt_attr_ok(pt, attr);
}

/*
 * With AXPT_MAP_SHARED the range must be exactly one leaf entry, of a
 * size the flags and the table's page-size policy allow.
 */
static bool axpt_single_leaf(const struct axpt *pt, u64 gpa, u64 hpa,
			     u64 size, u32 flags)
{
	unsigned int max = flags & AXPT_MAP_MAX_4K ? 0 :
			   flags & AXPT_MAP_MAX_2M ? 1 : AXPT_MAX_LEAF_LEVEL;
	unsigned int l;

	for (l = 0; l <= max; l++)
		if (size == 1ULL << axpt_level_shift(l))
			return !((gpa | hpa) & (size - 1)) && axpt_leaf_allowed(pt, l);
	return false;
}

/* Lockdep: the rules of pt.h, where the caller told us its lock. */
static void axpt_assert_exclusive(const struct axpt *pt)
{
	if (pt->lock)
		lockdep_assert_held_write(pt->lock);
}

/*
 * axpt_map_gather(), inlined into it and into axpt_map(). The range checks
 * are those of axpt_check_range() for a size that is not 0: a range is
 * inside iff its last byte is.
 */
static __always_inline int axpt_do_map(struct axpt *pt, u64 gpa, u64 hpa,
				       u64 size, u32 attr, u32 flags,
				       struct axpt_gather *g)
{
	u64 end, hend;
	int ret;

	if (!size || (flags & ~AXPT_MAP_FLAGS) ||
	    ((gpa | hpa | size) & (AXPT_PAGE_SIZE - 1)))
		return -EINVAL;
	ret = axpt_attr_ok(pt, attr);
	if (ret)
		return ret;
	if (check_add_overflow(gpa, size, &end))
		return -EOVERFLOW;
	if ((end - 1) >> pt->ias)
		return -ERANGE;
	if (check_add_overflow(hpa, size, &hend))
		return -EOVERFLOW;
	if ((hend - 1) >> pt->oas)
		return -ERANGE;
	if (flags & AXPT_MAP_SHARED) {
		if (!axpt_single_leaf(pt, gpa, hpa, size, flags))
			return -EINVAL;
		if (pt->lock)
			lockdep_assert_held(pt->lock);
		return pt->fmt->map(pt, gpa, hpa, size, attr, flags, NULL);
	}
	axpt_assert_exclusive(pt);
	return pt->fmt->map(pt, gpa, hpa, size, attr, flags, g);
}

/**
 * axpt_map_gather() - map [@gpa, @gpa + @size) to [@hpa, @hpa + @size).
 * @pt: the table.
 * @gpa: guest-physical start, 4 KiB aligned.
 * @hpa: host-physical start, 4 KiB aligned; above or below @gpa.
 * @size: non-zero, 4 KiB aligned.
 * @attr: AXPT_ATTR(AXAS_PROT_*, AXAS_MEM_*), expressible by the format.
 * @flags: AXPT_MAP_*.
 * @g: the invalidation gather, or NULL if no hardware walks the table.
 *
 * Each entry uses the largest page (1 GiB, 2 MiB, 4 KiB, limited by
 * @flags) that the alignment of both addresses and the remaining length
 * allow. Nothing is changed on error. A leftover empty table that a large
 * leaf replaces is unlinked through @g: its range is invalidated (with
 * paging-structure caches) before it is freed, and on formats that need
 * break-before-make the table entry is broken and invalidated first. A
 * failed first pass gives the tables it linked back through @g too.
 *
 * Context: the caller's exclusive lock, or its shared lock with
 * AXPT_MAP_SHARED (then nothing is ever replaced, and @g is not used).
 * May sleep (it yields between tables), except with AXPT_MAP_SHARED.
 *
 * Return: 0, -EINVAL (also: the range is under an invalid table entry),
 * -EOVERFLOW, -ERANGE, -EEXIST (something in the range is mapped; with
 * AXPT_MAP_SHARED also a lost race, or a table where the leaf would go,
 * even an empty one), -ENOMEM, or -EINTR
 * (AXPT_MAP_INTERRUPTIBLE and a fatal signal: nothing was mapped).
 */
int axpt_map_gather(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr,
		    u32 flags, struct axpt_gather *g)
{
	return axpt_do_map(pt, gpa, hpa, size, attr, flags, g);
}

/**
 * axpt_map() - axpt_map_gather() of a table no hardware walks.
 * @pt: the table.
 * @gpa: guest-physical start, 4 KiB aligned.
 * @hpa: host-physical start, 4 KiB aligned.
 * @size: non-zero, 4 KiB aligned.
 * @attr: AXPT_ATTR().
 * @flags: AXPT_MAP_*.
 *
 * Context: as axpt_map_gather().
 *
 * Return: as axpt_map_gather().
 */
int axpt_map(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr, u32 flags)
{
	return axpt_do_map(pt, gpa, hpa, size, attr, flags, NULL);
}

/**
 * axpt_unmap_leaves() - remove every translation in [@gpa, @gpa + @size).
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: 4 KiB aligned; 0 does nothing.
 * @g: the invalidation gather, or NULL if no hardware walks the table.
 * @fn: if not NULL, called for every leaf removed (after splits, only the
 *	parts inside the range), after its range was added to @g: it hands
 *	the leaf's memory to @g (axpt_gather_frames()).
 * @arg: passed to @fn.
 * @done: if not NULL, the operation stops on a fatal signal (-EINTR) at a
 *	2 MiB boundary; *@done is the length from @gpa that was unmapped
 *	(all of @size on success).
 *
 * Holes are fine. A 2 MiB or 1 GiB leaf partly inside the range is split
 * (on formats that need it, break, invalidate, make) and its outside part
 * stays mapped. Tables left empty are unlinked and handed to @g. Nothing
 * is changed on error but -EINTR, after which [@gpa, @gpa + *@done) is
 * unmapped exactly as by a call for that range.
 *
 * Context: the caller's exclusive lock. May sleep.
 *
 * Return: 0, -EINVAL (also: the range holds an invalid table entry or leaf
 * above 1 GiB, or a leaf to split does not decode; the engine never writes
 * one, see Documentation/engine.rst), -EOVERFLOW, -ERANGE, -ENOMEM (a
 * split needed a table) or -EINTR.
 */
int axpt_unmap_leaves(struct axpt *pt, u64 gpa, u64 size,
		      struct axpt_gather *g, axpt_leaf_fn fn, void *arg,
		      u64 *done)
{
	struct axpt_unmap_how how = { .fn = fn, .arg = arg, .done = done };
	int ret;

	if (done)
		*done = 0;
	if (unlikely(!size))
		return axpt_check_range(pt, gpa, 0);
	ret = axpt_range_ok(pt, gpa, size);
	if (ret)
		return ret;
	axpt_assert_exclusive(pt);
	return pt->fmt->unmap(pt, gpa, size, g, fn || done ? &how : NULL);
}

/**
 * axpt_unmap() - axpt_unmap_leaves() without a callback, not interruptible.
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: 4 KiB aligned; 0 does nothing.
 * @g: the invalidation gather, or NULL.
 *
 * Context: the caller's exclusive lock. May sleep.
 *
 * Return: as axpt_unmap_leaves().
 */
int axpt_unmap(struct axpt *pt, u64 gpa, u64 size, struct axpt_gather *g)
{
	return axpt_unmap_leaves(pt, gpa, size, g, NULL, NULL, NULL);
}

/**
 * axpt_protect_range() - set the attributes of every leaf in a range.
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: 4 KiB aligned; 0 does nothing.
 * @attr: the new AXPT_ATTR(), expressible by the format.
 * @g: the invalidation gather (downgrades, splits, memory type changes),
 *	or NULL if no hardware walks the table.
 * @done: as for axpt_unmap_leaves().
 *
 * Holes stay holes; leaves partly inside the range are split. Where the
 * hardware sets accessed/dirty bits, they are kept (atomically). A change
 * of memory type is break, invalidate, make where the format requires it.
 * Nothing is changed on error but -EINTR (as for axpt_unmap_leaves()).
 *
 * Context: the caller's exclusive lock. May sleep.
 *
 * Return: 0, -EINVAL (as for axpt_unmap_leaves(), and any leaf in the range
 * that does not decode), -EOVERFLOW, -ERANGE, -ENOMEM or -EINTR.
 */
int axpt_protect_range(struct axpt *pt, u64 gpa, u64 size, u32 attr,
		       struct axpt_gather *g, u64 *done)
{
	int ret;

	if (done)
		*done = 0;
	ret = axpt_attr_ok(pt, attr);
	if (ret)
		return ret;
	ret = axpt_check_range(pt, gpa, size);
	if (ret || !size)
		return ret;
	axpt_assert_exclusive(pt);
	return pt->fmt->protect(pt, gpa, size, attr, g, done);
}

/**
 * axpt_protect() - axpt_protect_range(), not interruptible.
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: 4 KiB aligned; 0 does nothing.
 * @attr: the new AXPT_ATTR().
 * @g: the invalidation gather, or NULL.
 *
 * Context: the caller's exclusive lock. May sleep.
 *
 * Return: as axpt_protect_range().
 */
int axpt_protect(struct axpt *pt, u64 gpa, u64 size, u32 attr,
		 struct axpt_gather *g)
{
	return axpt_protect_range(pt, gpa, size, attr, g, NULL);
}

/**
 * axpt_fault_install() - make sure a leaf maps @f->gpa: a fault's install.
 * @pt: the table.
 * @f: the request; @f->leaf is filled on success.
 *
 * One walk from the root to the slot of a leaf at @f->max_level for
 * @f->gpa: missing tables are installed on the way, with cmpxchg as by
 * AXPT_MAP_SHARED (a racing winner's table is used instead of ours). A
 * leaf found on the way or in the slot is the result (AXPT_FAULT_FOUND:
 * nothing allocated, or what was allocated is given back). Otherwise a
 * frame of the slot's size is allocated through @f->alloc and installed
 * with cmpxchg; if another mapper won the slot meanwhile, the frame goes
 * back through @f->free and the walk goes on from that slot. A 2 MiB slot
 * that holds a table of 4 KiB pages, or for which no 2 MiB frame can be
 * had, gets a 4 KiB leaf below it instead.
 *
 * Unlike axpt_map(), no argument is checked: the caller (the address-space
 * layer, which has checked the address against its areas) guarantees what
 * struct axpt_fault says. A frame that is not aligned to its size or
 * beyond the output size counts as one that could not be had.
 *
 * Context: the caller's lock, held shared, as for AXPT_MAP_SHARED; may
 * sleep in @f->alloc and the table allocator.
 *
 * Return: AXPT_FAULT_NEW, AXPT_FAULT_FOUND, -ENOMEM (a table or frame
 * could not be had; tables installed on the way stay, empty, as after a
 * failed shared map) or -EINVAL (the walk met an entry the format cannot
 * decode there).
 */
int axpt_fault_install(struct axpt *pt, struct axpt_fault *f)
{
	if (pt->lock)
		lockdep_assert_held(pt->lock);
	return pt->fmt->fault(pt, f);
}

/**
 * axpt_translate_batch() - axpt_translate() of many addresses in one call.
 * @pt: the table.
 * @gpa: @n addresses.
 * @hpa: their host-physical addresses, filled in order.
 * @n: how many.
 *
 * The addresses are walked in groups: the upper levels of a group first,
 * prefetching each leaf entry, then the leaf entries, so that the CPU
 * overlaps their cache misses; the way to translate a scatter-gather list
 * or a descriptor chain. Runs under one rcu_read_lock(): callers bound @n
 * (a page of addresses per call is plenty).
 *
 * Return: how many leading addresses were translated: @n, or the index of
 * the first one that is not mapped, out of range or behind an invalid
 * entry (axpt_translate() of it says which).
 */
unsigned int axpt_translate_batch(struct axpt *pt, const u64 *gpa, u64 *hpa,
				  unsigned int n)
{
	return pt->fmt->translate_batch(pt, gpa, hpa, n);
}

/**
 * axpt_walk() - visit every present entry in a range, tables included.
 * @pt: the table.
 * @gpa: start, 4 KiB aligned.
 * @size: 4 KiB aligned; 0 visits nothing.
 * @fn: called for each entry in address order, parents before children,
 *	under rcu_read_lock() (it must not sleep).
 * @arg: passed to @fn.
 *
 * An invalid entry is visited (@leaf as its bits say) but not descended
 * into, and the walk goes on.
 *
 * Return: 0, a range error, the first non-zero value @fn returned, or
 * -EINVAL if an entry visited was invalid.
 */
int axpt_walk(struct axpt *pt, u64 gpa, u64 size, axpt_walk_fn fn, void *arg)
{
	int ret = axpt_check_range(pt, gpa, size);

	if (ret || !size)
		return ret;
	return pt->fmt->walk(pt, gpa, size, fn, arg);
}

/**
 * axpt_root_value() - the hardware register values for this table.
 * @pt: the table.
 * @root: EPTP, nCR3, VTTBR_EL2 + VTCR_EL2 fields, or hgatp.
 */
void axpt_root_value(const struct axpt *pt, struct axpt_root *root)
{
	pt->fmt->root_value(pt, root);
}

/**
 * axpt_encode_leaf() - the raw leaf entry the engine writes.
 * @fmt: the format.
 * @hpa: host-physical address, aligned to the leaf size.
 * @attr: AXPT_ATTR().
 * @level: 0, 1 or 2.
 * @pte: the entry.
 *
 * Return: 0 or -EINVAL. For tests and tools; the engine itself inlines it.
 */
int axpt_encode_leaf(const struct axpt_format *fmt, u64 hpa, u32 attr,
		     unsigned int level, u64 *pte)
{
	int ret = axpt_check_fmt_attr(fmt, attr);

	if (ret)
		return ret;
	if (level > AXPT_MAX_LEAF_LEVEL ||
	    (hpa & ((1ULL << axpt_level_shift(level)) - 1)) ||
	    hpa >> fmt->max_oas)
		return -EINVAL;
	*pte = fmt->encode_leaf(hpa, attr, level);
	return 0;
}
