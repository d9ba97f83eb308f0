/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page-table engine: build, change, walk and free second-stage page
 * tables in the Intel EPT, AMD NPT, Arm stage 2 and RISC-V G-stage formats.
 *
 * One algorithm (pt_algo.h) is compiled once per format against that
 * format's inline entry encoders (arch/<family>/<format>.h), so the per-entry loops
 * contain no indirect calls; the only indirect call is one per operation
 * through struct axpt_format.
 *
 * Levels are numbered from the leaf: level 0 maps 4 KiB, level 1 2 MiB,
 * level 2 1 GiB; the root is level (levels - 1). The root may resolve more
 * than 9 bits (RISC-V x4 roots, Arm concatenated tables).
 *
 * Locking rules (the caller provides the lock):
 *  - axpt_map(), axpt_unmap(), axpt_protect() and axpt_destroy() are
 *    serialised by the caller against each other (an exclusive lock).
 *  - axpt_map() with AXPT_MAP_SHARED may run concurrently with other
 *    AXPT_MAP_SHARED maps and with queries (the caller holds its lock
 *    shared): tables and the leaf are installed with cmpxchg, a lost race
 *    returns -EEXIST and changes nothing visible.
 *  - axpt_fault_install() is a shared mapper too: the same rules.
 *  - axpt_query() and axpt_walk() are lockless: they take rcu_read_lock()
 *    and read entries with READ_ONCE(). Table pages removed from a live tree
 *    are freed only after an RCU grace period (the HAL's deferred free).
 */
#ifndef AXADDRSPACE_PT_H
#define AXADDRSPACE_PT_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/cache.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/axaddrspace.h>
#include "uapi/linux/axaddrspace.h"

#define AXPT_PAGE_SHIFT		12
#define AXPT_PAGE_SIZE		BIT_ULL(AXPT_PAGE_SHIFT)
#define AXPT_LEVEL_BITS		9
#define AXPT_MAX_LEVELS		5
/* Largest leaf the engine creates: level 2, 1 GiB. */
#define AXPT_MAX_LEAF_LEVEL	2

/**
 * axpt_level_shift() - log2 of the size an entry at @level maps.
 * @level: 0 for the 4 KiB leaf level.
 *
 * Return: 12 + 9 * @level.
 */
static inline unsigned int axpt_level_shift(unsigned int level)
{
	return AXPT_PAGE_SHIFT + AXPT_LEVEL_BITS * level;
}

/**
 * axpt_leaf_low_mask() - the address bits below the size of a leaf at
 *	@level, above the 4 KiB page offset.
 * @level: 0 for the 4 KiB leaf level.
 *
 * In a 2 MiB or 1 GiB leaf these bits are reserved (x86, Arm) or make a
 * misaligned superpage (RISC-V); a 4 KiB leaf has none.
 *
 * Return: bits (12 + 9 * @level - 1):12, or 0 for level 0.
 */
static inline u64 axpt_leaf_low_mask(unsigned int level)
{
	return (BIT_ULL(axpt_level_shift(level)) - 1) & ~(AXPT_PAGE_SIZE - 1);
}

/* Generic attributes: AXAS_PROT_* in bits 2:0, AXAS_MEM_* in bits 9:8. */
#define AXPT_PROT_MASK		(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC)
#define AXPT_MEM_SHIFT		8
#define AXPT_MEM_MASK		(3U << AXPT_MEM_SHIFT)
#define AXPT_ATTR(prot, mem)	((prot) | ((mem) << AXPT_MEM_SHIFT))
#define AXPT_ATTR_PROT(attr)	((attr) & AXPT_PROT_MASK)
#define AXPT_ATTR_MEM(attr)	(((attr) & AXPT_MEM_MASK) >> AXPT_MEM_SHIFT)
#define AXPT_ATTR_MASK		(AXPT_PROT_MASK | AXPT_MEM_MASK)

/**
 * axpt_device_exec() - executable device memory, refused by every format.
 * @attr: AXPT_ATTR().
 *
 * On Arm a Device mapping without XN allows speculative instruction
 * fetches from the device; no format gets an exception to the rule.
 *
 * Return: true if @attr is device memory with AXAS_PROT_EXEC.
 */
static inline bool axpt_device_exec(u32 attr)
{
	return AXPT_ATTR_MEM(attr) == AXAS_MEM_DEVICE &&
	       (attr & AXAS_PROT_EXEC);
}

/* axpt_map() flags */
#define AXPT_MAP_MAX_4K		BIT(0)	/* use 4 KiB entries only */
#define AXPT_MAP_MAX_2M		BIT(1)	/* use 4 KiB and 2 MiB entries only */
#define AXPT_MAP_SHARED		BIT(2)	/* caller holds its lock shared */
#define AXPT_MAP_INTERRUPTIBLE	BIT(3)	/* -EINTR on a fatal signal */
#define AXPT_MAP_FLAGS		(AXPT_MAP_MAX_4K | AXPT_MAP_MAX_2M | \
				 AXPT_MAP_SHARED | AXPT_MAP_INTERRUPTIBLE)

/* struct axpt_cfg.flags */
/* the ABI's values, so that the ioctl layer passes them through */
#define AXPT_CFG_EPT_AD		AXAS_CFG_EPT_AD	/* EPT: accessed/dirty flags */
#define AXPT_CFG_SVPBMT		AXAS_CFG_SVPBMT	/* RISC-V: the hart has Svpbmt */
#define AXPT_CFG_FLAGS		(AXPT_CFG_EPT_AD | AXPT_CFG_SVPBMT)

/* struct axpt_cfg.pgsizes: the leaf sizes a table may use */
#define AXPT_PGSIZE_4K		AXAS_PGSIZE_4K
#define AXPT_PGSIZE_2M		AXAS_PGSIZE_2M
#define AXPT_PGSIZE_1G		AXAS_PGSIZE_1G
#define AXPT_PGSIZES		(AXPT_PGSIZE_4K | AXPT_PGSIZE_2M | AXPT_PGSIZE_1G)

struct axpt;
struct rw_semaphore;

/* A count_array has a counter every 1 << this bytes (struct axpt_mm_ops). */
#define AXPT_COUNT_ARRAY_SHIFT	6

/**
 * struct axpt_mm_ops - the HAL: where table pages come from.
 * @alloc_table: return a zeroed, naturally aligned block of 2^@order pages
 *	and its physical address in @pa, or NULL.
 * @free_table: give back a block from @alloc_table. With @deferred the
 *	block may still be read by lockless walkers and must not be reused
 *	before an RCU grace period has passed.
 * @phys_to_virt: optional; NULL means the environment's direct map.
 * @virt_to_phys: optional; NULL means the environment's direct map.
 * @table_count: optional; a counter that belongs to the one-page table
 *	@va (from @alloc_table with order 0) for as long as it is allocated,
 *	that nothing but the engine touches: the engine keeps in it the
 *	number of present entries of the table, so that it sees a table
 *	empty without scanning it. NULL: the engine scans instead.
 * @count_array: optional, with @table_count: the same counters in one
 *	array, the page at *@va0 + i * PAGE_SIZE counted at byte offset
 *	i << AXPT_COUNT_ARRAY_SHIFT, covering every table the HAL will hand
 *	out (a side array of an arena): the engine then finds a table's
 *	counter without a call. One counter per cache line, as in struct
 *	page, so that faults installing into different tables on different
 *	CPUs do not write one line.
 */
struct axpt_mm_ops {
	void *(*alloc_table)(void *ctx, unsigned int order, phys_addr_t *pa);
	void (*free_table)(void *ctx, void *va, unsigned int order, bool deferred);
	void *(*phys_to_virt)(void *ctx, phys_addr_t pa);
	phys_addr_t (*virt_to_phys)(void *ctx, void *va);
	atomic_t *(*table_count)(void *ctx, void *va);
	atomic_t *(*count_array)(void *ctx, uintptr_t *va0);
};

struct axpt_stats;

/**
 * struct axpt_cfg - what the caller asks for when creating a table.
 * @format: AXAS_FORMAT_*.
 * @flags: AXPT_CFG_*.
 * @levels: number of levels, or 0 to derive it from @ias.
 * @ias: input (guest-physical) address bits, or 0 to derive it from @levels.
 * @oas: output (host-physical) address bits, or 0 for the format's maximum.
 * @pgsizes: AXPT_PGSIZE_* leaf sizes the table may use, like an IOMMU's
 *	pgsize_bitmap; 4 KiB is required; 0 means all that the format and
 *	the number of levels allow.
 * @stats: optional; NULL: the table allocates its own per-CPU counts and
 *	frees them. Otherwise zeroed per-CPU counts that the caller
 *	allocated (typically a member of its own per-CPU struct, so that
 *	creating a table costs no allocation of its own) and frees after
 *	axpt_destroy(), or after a failed axpt_init().
 */
struct axpt_cfg {
	u32 format;
	u32 flags;
	u8 levels;
	u8 ias;
	u8 oas;
	u32 pgsizes;
	struct axpt_stats __percpu *stats;
};

struct axpt_gather;

/**
 * struct axpt_gather_ops - what a gather does with what it collected.
 * @invalidate: make every hardware walker of the table forget the
 *	gather's pending ranges (&axpt_gather.range, or everything with
 *	&axpt_gather.all; paging-structure caches too with
 *	&axpt_gather.tables) and return only when that is done.
 * @free_frames: give back @n 4 KiB data frames from @hpa on, once no
 *	walker can reach them.
 */
struct axpt_gather_ops {
	void (*invalidate)(void *ctx, const struct axpt_gather *g);
	void (*free_frames)(void *ctx, u64 hpa, unsigned long n);
};

/* Distinct pending ranges before a gather invalidates everything. */
#define AXPT_GATHER_RANGES	8
/* Frame runs and table pages a gather holds on its own (on the stack). */
#define AXPT_GATHER_STACK	8

/**
 * struct axpt_gather_frames - a run of data frames waiting to be freed.
 * @hpa: first frame.
 * @n: 4 KiB frames.
 */
struct axpt_gather_frames {
	u64 hpa;
	u64 n;
};

struct axpt_gather_heap;

/**
 * struct axpt_gather - the invalidation gather of one operation (or of a
 *	vectored series of them under one lock).
 * @pt: the table whose entries change.
 * @ops: the invalidation and frame-freeing callbacks; may be NULL.
 * @ctx: argument for @ops.
 * @direct: no hardware walks the table (no consumer): nothing needs
 *	invalidating, frames are freed at once and table pages after an RCU
 *	grace period (for lockless software walks).
 * @all: pending: everything must be invalidated (more than
 *	%AXPT_GATHER_RANGES disjoint ranges were changed).
 * @tables: pending: a table page was unlinked, so paging-structure caches
 *	must be invalidated too, not only last-level entries.
 * @nr: pending: number of ranges in @range.
 * @any_tables: summary: some table page was unlinked.
 * @invalidations: summary: calls of &axpt_gather_ops.invalidate made.
 * @full: summary: of which for everything.
 * @start: summary: first address of everything changed so far.
 * @end: summary: end of it; @start == @end when nothing changed.
 * @nr_frames: frame runs waiting to be freed after the next invalidation.
 * @nr_tables: table pages unlinked, the same.
 * @heap: NULL while they fit in @stack_frames and @stack_tables, else
 *	the bigger batch they were moved to.
 * @range: pending: the changed ranges in the order added; adjacent or
 *	overlapping ones are merged.
 * @stack_frames: the on-stack batch of frame runs.
 * @stack_tables: the on-stack batch of table pages.
 *
 * Every engine operation that removes, downgrades or replaces a present
 * entry adds the entry's range to the gather (after the store), and
 * hands the gather whatever the entry pointed to that must be freed.
 * Nothing handed over is freed before an invalidation that covers it has
 * returned: axpt_gather_flush() first invalidates, then frees. It is
 * called when the batch is full, before every "make" of a break-before-
 * make sequence, and by axpt_gather_finish().
 *
 * The fields that axpt_gather_init() sets come first, all zero but the
 * first four: a few stores.
 */
struct axpt_gather {
	struct axpt *pt;
	const struct axpt_gather_ops *ops;
	void *ctx;
	bool direct;
	bool all;
	bool tables;
	u8 nr;
	bool any_tables;
	u32 invalidations;
	u32 full;
	u64 start;
	u64 end;
	unsigned int nr_frames;
	unsigned int nr_tables;
	struct axpt_gather_heap *heap;
	struct axas_range range[AXPT_GATHER_RANGES];
	struct axpt_gather_frames stack_frames[AXPT_GATHER_STACK];
	u64 *stack_tables[AXPT_GATHER_STACK];
};

/**
 * struct axpt_leaf - one translation, the result of axpt_query().
 * @gpa_base: guest-physical base of the leaf entry containing the address.
 * @hpa: host-physical address the queried address translates to.
 * @level: 0 (4 KiB), 1 (2 MiB) or 2 (1 GiB). When the query fails with
 *	-ENOENT, the level of the empty entry the walk stopped at: the
 *	largest leaf that could be installed around the address without
 *	replacing anything (0: a table of smaller pages is there).
 * @attr: AXPT_ATTR() of the entry, the exact inverse of the encoding.
 * @pte: the raw entry.
 */
struct axpt_leaf {
	u64 gpa_base;
	u64 hpa;
	unsigned int level;
	u32 attr;
	u64 pte;
};

/**
 * struct axpt_fault - one fault's install: see axpt_fault_install().
 * @alloc: the caller's frame allocator: 2^@order zeroed, physically
 *	contiguous 4 KiB pages, aligned to their size; 0 or -ENOMEM.
 * @free: gives back one 4 KiB page of what @alloc gave.
 * @ctx: argument for @alloc and @free.
 * @gpa: the faulting address, below 1 << ias.
 * @attr: the new leaf's AXPT_ATTR(), one the table allows.
 * @max_level: the largest leaf the caller accepts at @gpa: 0 (4 KiB), or
 *	1 (2 MiB: the caller made sure that the aligned 2 MiB block around
 *	@gpa may be mapped by one leaf, and the table allows such leaves).
 * @leaf: out: the leaf that maps @gpa, installed now or found there.
 */
struct axpt_fault {
	int (*alloc)(void *ctx, unsigned int order, u64 *hpa);
	void (*free)(void *ctx, u64 hpa);
	void *ctx;
	u64 gpa;
	u32 attr;
	unsigned int max_level;
	struct axpt_leaf leaf;
};

/* axpt_fault_install() results */
#define AXPT_FAULT_NEW		0	/* a frame was installed */
#define AXPT_FAULT_FOUND	1	/* a leaf was there already */

/**
 * struct axpt_root - the values to load into the hardware.
 * @value: EPTP, nCR3, VTTBR_EL2 (VMID 0) or hgatp (VMID 0).
 * @vtcr: Arm only: the VTCR_EL2 fields that match @value (T0SZ, SL0,
 *	IRGN0/ORGN0 write-back, SH0 inner shareable, TG0 4 KiB, PS, RES1).
 */
struct axpt_root {
	u64 value;
	u64 vtcr;
};

/*
 * axpt_walk() callback: one present entry. Return non-zero to stop the
 * walk; that value is returned by axpt_walk().
 */
typedef int (*axpt_walk_fn)(void *arg, unsigned int level, u64 gpa, u64 pte,
			    bool leaf);

/*
 * axpt_unmap_leaves() callback: one leaf entry that was removed, mapping
 * [@gpa, @gpa + size of @level) to [@hpa, ...). Called after the entry is
 * cleared, with the caller's exclusive lock held; must not fail.
 */
typedef void (*axpt_leaf_fn)(void *arg, unsigned int level, u64 gpa, u64 hpa);

/**
 * struct axpt_unmap_how - what an unmap does besides removing leaves (the
 *	format op's argument, so that it takes five arguments, all passed in
 *	registers; NULL for neither).
 * @fn: if not NULL, called for every leaf removed, as axpt_unmap_leaves().
 * @arg: passed to @fn.
 * @done: if not NULL, interruptible, as axpt_unmap_leaves().
 */
struct axpt_unmap_how {
	axpt_leaf_fn fn;
	void *arg;
	u64 *done;
};

/**
 * struct axpt_readers - the lockless readers of a table, compiled for one
 *	walk (struct axpt.walk): the root's level and how tables are reached
 *	are constants in each, so that a query tests neither.
 * @query: see axpt_query().
 * @translate: see axpt_translate().
 * @translate_attr: see axpt_translate_attr().
 */
struct axpt_readers {
	int (*query)(struct axpt *pt, u64 gpa, struct axpt_leaf *out);
	int (*translate)(struct axpt *pt, u64 gpa, u64 *hpa);
	int (*translate_attr)(struct axpt *pt, u64 gpa, u64 *hpa, u64 *size,
			      u32 *attr);
};

/**
 * struct axpt_format - one hardware format: the algorithm compiled for it.
 *
 * @id: AXAS_FORMAT_*.
 * @name: for humans.
 * @max_oas: widest output address in bits.
 * @cfg_flags: the AXPT_CFG_* flags the format accepts.
 * @setup: check a configuration and fill the geometry of a struct axpt.
 * @check_attr: refuse (-EINVAL) attributes the format cannot express.
 * @encode_leaf: the raw leaf entry for an address, attributes and level.
 * @decode_leaf: the inverse of @encode_leaf: 0, -ENOENT for no entry or a
 *	table entry above level 0, -EINVAL (nothing written) for anything
 *	else that is no leaf the format can decode.
 * @encode_table: the raw entry pointing at a table.
 * @decode_table: the physical address of the table a table entry points
 *	at.
 * @root_value: the hardware register values.
 * @map: see axpt_map().
 * @unmap: see axpt_unmap_leaves().
 * @protect: see axpt_protect().
 * @readers: the readers of each walk, indexed by struct axpt.walk.
 * @fault: see axpt_fault_install().
 * @translate_batch: see axpt_translate_batch().
 * @walk: see axpt_walk().
 * @free_all: free every table below the root.
 * @store_raw: test builds only (AXPT_STORE_HOOK), for tests that plant
 *	entries by hand: write @pte into @slot, an entry of a table at
 *	@level, keeping the table's count of present entries (struct
 *	axpt_mm_ops.table_count) right. Caller holds the table's lock for
 *	write.
 *
 * The argument checks common to all formats are done in pt_core.c before
 * these are called; see the axpt_*() wrappers for the contracts.
 */
struct axpt_format {
	u32 id;
	const char *name;
	u8 max_oas;
	u32 cfg_flags;
	int (*setup)(const struct axpt_cfg *cfg, struct axpt *pt);
	int (*check_attr)(u32 attr);
	u64 (*encode_leaf)(u64 hpa, u32 attr, unsigned int level);
	int (*decode_leaf)(u64 pte, unsigned int level, struct axpt_leaf *out);
	u64 (*encode_table)(u64 pa);
	u64 (*decode_table)(u64 pte);
	void (*root_value)(const struct axpt *pt, struct axpt_root *root);
	int (*map)(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr,
		   u32 flags, struct axpt_gather *g);
	int (*unmap)(struct axpt *pt, u64 gpa, u64 size, struct axpt_gather *g,
		     const struct axpt_unmap_how *how);
	int (*protect)(struct axpt *pt, u64 gpa, u64 size, u32 attr,
		       struct axpt_gather *g, u64 *done);
	const struct axpt_readers *readers;
	int (*fault)(struct axpt *pt, struct axpt_fault *f);
	unsigned int (*translate_batch)(struct axpt *pt, const u64 *gpa,
					u64 *hpa, unsigned int n);
	int (*walk)(struct axpt *pt, u64 gpa, u64 size, axpt_walk_fn fn,
		    void *arg);
	void (*free_all)(struct axpt *pt);
#ifdef AXPT_STORE_HOOK
	void (*store_raw)(struct axpt *pt, u64 *slot, unsigned int level,
			  u64 pte);
#endif
};

/**
 * struct axpt_stats - one CPU's share of a table's counts.
 * @leaves: leaf entries installed minus removed on this CPU, per level
 *	(4 KiB, 2 MiB, 1 GiB); only the sum over CPUs means anything.
 */
struct axpt_stats {
	long leaves[AXPT_MAX_LEAF_LEVEL + 1];
};

/**
 * struct axpt - one second-stage page table.
 * @fmt: the hardware format.
 * @rd: @fmt's readers for @walk (chosen at creation).
 * @mm: the HAL.
 * @mm_ctx: argument for @mm.
 * @root: the root table (1 << @root_order pages).
 * @root_pa: its physical address.
 * @levels: number of levels; the root is level @levels - 1.
 * @top_bits: index bits the root resolves (9, 11 for RISC-V x4, 1..13 Arm).
 * @ias: input address bits; GPAs are below 1 << @ias.
 * @oas: output address bits; HPAs are below 1 << @oas.
 * @root_order: log2 of the number of pages in the root table.
 * @leaf_levels: bit l set: leaves at level l may be used (the page-size
 *	policy; bit 0 always).
 * @hal_p2v: @mm has a phys_to_virt (tables are reached through it, not
 *	the direct map); a copy, so that a walk tests it without two loads.
 * @walk: @levels without @hal_p2v, else 0: which of @fmt's readers @rd
 *	is, and the depth of a batch of translations.
 * @counted: @mm has a table_count: every table but the root has a count
 *	of its present entries (Documentation/engine.rst, "Empty tables").
 * @counts: @mm's count_array, or NULL.
 * @counts_va0: the address of the page of @counts[0].
 * @stats_own: @stats was allocated by axpt_init() (&axpt_cfg.stats was
 *	NULL), and axpt_destroy() frees it.
 * @cfg_flags: AXPT_CFG_*.
 * @attr_ok: bit (prot | mem << 3) set: AXPT_ATTR(prot, mem) is allowed
 *	(the format's rule and the configuration's, decided at creation so
 *	that a map checks its attributes without a call).
 * @leaf_mask: per leaf level, the bits of a leaf that its format's
 *	one-compare validity test looks at: its fixed ones and the address
 *	bits at or above @oas (set up with the geometry).
 * @lock: the caller's lock, if it says (lockdep checks the rules above).
 * @stats: per-CPU leaf counts; read them with axpt_nr_leaves().
 * @store_hook: test builds only (AXPT_STORE_HOOK): told of every entry
 *	store, after it (tests/pt_store_log.h).
 * @store_hook_ctx: for @store_hook.
 * @nr_tables: live table pages, root included (a leak counter).
 *
 * Leaves are counted per CPU because every install and removal changes
 * the count, also from faults running on several CPUs at once: a shared
 * counter would bounce between them. Tables change once per 512 leaves at
 * most; their counter has a cache line of its own so that its writes do
 * not evict the read-mostly fields above, which every walk reads.
 */
struct axpt {
	const struct axpt_format *fmt;
	const struct axpt_readers *rd;
	const struct axpt_mm_ops *mm;
	void *mm_ctx;
	u64 *root;
	phys_addr_t root_pa;
	u8 levels;
	u8 top_bits;
	u8 ias;
	u8 oas;
	u8 root_order;
	u8 leaf_levels;
	bool hal_p2v;
	u8 walk;
	bool counted;
	bool stats_own;
	u32 cfg_flags;
	u32 attr_ok;
	u64 leaf_mask[AXPT_MAX_LEAF_LEVEL + 1];
	atomic_t *counts;
	uintptr_t counts_va0;
	struct rw_semaphore *lock;
	struct axpt_stats __percpu *stats;
#ifdef AXPT_STORE_HOOK
	void (*store_hook)(struct axpt *pt, u64 *slot, unsigned int level,
			   u64 gpa, u64 old, u64 new);
	void *store_hook_ctx;
#endif
	atomic_long_t nr_tables ____cacheline_aligned_in_smp;
};

extern const struct axpt_format axpt_fmt_ept;
extern const struct axpt_format axpt_fmt_npt;
extern const struct axpt_format axpt_fmt_arm_s2;
extern const struct axpt_format axpt_fmt_riscv_g;

const struct axpt_format *axpt_format_get(u32 id);

int axpt_init(struct axpt *pt, const struct axpt_cfg *cfg,
	      const struct axpt_mm_ops *mm, void *mm_ctx);
void axpt_destroy(struct axpt *pt);

int axpt_map(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr,
	     u32 flags);
int axpt_map_gather(struct axpt *pt, u64 gpa, u64 hpa, u64 size, u32 attr,
		    u32 flags, struct axpt_gather *g);
int axpt_unmap(struct axpt *pt, u64 gpa, u64 size, struct axpt_gather *g);
int axpt_unmap_leaves(struct axpt *pt, u64 gpa, u64 size,
		      struct axpt_gather *g, axpt_leaf_fn fn, void *arg,
		      u64 *done);
int axpt_protect(struct axpt *pt, u64 gpa, u64 size, u32 attr,
		 struct axpt_gather *g);
int axpt_protect_range(struct axpt *pt, u64 gpa, u64 size, u32 attr,
		       struct axpt_gather *g, u64 *done);

void axpt_gather_flush(struct axpt_gather *g);
void axpt_gather_finish_batch(struct axpt_gather *g);
void axpt_gather_frames(struct axpt_gather *g, u64 hpa, u64 n);
void axpt_gather_table(struct axpt_gather *g, u64 *table);
void axpt_gather_pending(struct axpt_gather *g, u64 start, u64 end);

/**
 * axpt_gather_init() - start an empty gather.
 * @g: the gather, usually on the caller's stack.
 * @pt: the table whose entries will change.
 * @ops: what to call to invalidate and to free data frames; NULL when the
 *	engine's caller frees no frames and nothing walks the table in
 *	hardware.
 * @ctx: argument for @ops.
 * @direct: no hardware walker can hold translations of @pt (no consumer
 *	is attached), so nothing needs invalidating. Forced on when @ops has
 *	no invalidate callback.
 *
 * Inline and without a memset of the batches: a single-page map or unmap
 * pays a few stores for its gather.
 *
 * Context: any; allocates nothing.
 */
static inline void axpt_gather_init(struct axpt_gather *g, struct axpt *pt,
				    const struct axpt_gather_ops *ops, void *ctx,
				    bool direct)
{
	g->pt = pt;
	g->ops = ops;
	g->ctx = ctx;
	g->direct = direct || !ops || !ops->invalidate;
	g->all = false;
	g->tables = false;
	g->nr = 0;
	g->any_tables = false;
	g->invalidations = 0;
	g->full = 0;
	g->start = 0;
	g->end = 0;
	g->nr_frames = 0;
	g->nr_tables = 0;
	g->heap = NULL;
}

/**
 * axpt_gather_finish() - end a gather: the last flush, and its batch
 *	memory given back.
 * @g: the gather; reusable only after axpt_gather_init().
 *
 * The summary fields (@start, @end, @any_tables, @invalidations, @full)
 * stay for the caller to read. A direct gather holds nothing, so it has
 * nothing to do.
 *
 * Context: as axpt_gather_flush().
 */
static inline void axpt_gather_finish(struct axpt_gather *g)
{
	if (!g->direct)
		axpt_gather_finish_batch(g);
}

/**
 * axpt_gather_add() - record that the translations of [@start, @end)
 *	changed: an entry there was cleared, downgraded or replaced.
 * @g: the gather.
 * @start: first address.
 * @end: end, exclusive, above @start.
 *
 * Called after the store, before anything the old entry pointed to is
 * handed to the gather. Inline: unmap calls it once per run of leaves.
 *
 * Context: the caller holds the table's exclusive lock.
 */
static inline void axpt_gather_add(struct axpt_gather *g, u64 start, u64 end)
{
	if (g->start == g->end) {
		g->start = start;
		g->end = end;
	} else {
		g->start = min(g->start, start);
		g->end = max(g->end, end);
	}
	if (!g->direct)
		axpt_gather_pending(g, start, end);
}

/**
 * axpt_gather_add_tables() - a table page was unlinked: paging-structure
 *	caches must be invalidated too.
 * @g: the gather.
 *
 * Context: as axpt_gather_add().
 */
static inline void axpt_gather_add_tables(struct axpt_gather *g)
{
	g->tables = true;
	g->any_tables = true;
}

int axpt_fault_install(struct axpt *pt, struct axpt_fault *f);
unsigned int axpt_translate_batch(struct axpt *pt, const u64 *gpa, u64 *hpa,
				  unsigned int n);
int axpt_walk(struct axpt *pt, u64 gpa, u64 size, axpt_walk_fn fn, void *arg);
void axpt_root_value(const struct axpt *pt, struct axpt_root *root);
int axpt_encode_leaf(const struct axpt_format *fmt, u64 hpa, u32 attr,
		     unsigned int level, u64 *pte);
int axpt_check_range(const struct axpt *pt, u64 gpa, u64 size);
int axpt_check_attr(const struct axpt *pt, u32 attr);

/**
 * axpt_leaf_allowed() - may @pt use leaves at @level (its page-size policy)?
 * @pt: the table.
 * @level: 0, 1 or 2.
 *
 * Return: true if so.
 */
static inline bool axpt_leaf_allowed(const struct axpt *pt, unsigned int level)
{
	return pt->leaf_levels >> level & 1;
}

long axpt_nr_leaves(const struct axpt *pt, unsigned int level);

/* The Linux HAL (pt_hal_linux.c): alloc_pages(GFP_KERNEL_ACCOUNT). */
extern const struct axpt_mm_ops axpt_linux_mm_ops;
long axpt_linux_live_pages(void);
atomic_t *axpt_linux_table_count(void *ctx, void *va);

/**
 * axpt_query() - translate one guest-physical address.
 * @pt: the table.
 * @gpa: any address.
 * @out: the translation.
 *
 * Context: any; lockless (RCU), may run concurrently with any operation
 * but destroy. Inline like axpt_translate(), so that a query costs one
 * call into the format's walk.
 *
 * Return: 0, -ENOENT (not mapped), -EINVAL (an invalid entry where the
 * walk went; @out is then untouched) or -ERANGE (@gpa >= 1 << ias).
 */
static inline int axpt_query(struct axpt *pt, u64 gpa, struct axpt_leaf *out)
{
	if (gpa >> pt->ias)
		return -ERANGE;
	return pt->rd->query(pt, gpa, out);
}

/**
 * axpt_translate() - the host address of one guest-physical address, and
 *	nothing else: axpt_query() without decoding the entry, for callers
 *	that only follow the translation (guest memory access, VMM lookups).
 * @pt: the table.
 * @gpa: any address.
 * @hpa: the host-physical address @gpa translates to.
 *
 * Lockless (RCU); may run concurrently with any operation but destroy.
 * Inline, so that a lookup costs one call into the format's walk.
 *
 * Return: 0, -ENOENT (not mapped), -EINVAL (an invalid entry where the walk
 * went; @hpa is then untouched) or -ERANGE (@gpa >= 1 << ias).
 */
static inline int axpt_translate(struct axpt *pt, u64 gpa, u64 *hpa)
{
	if (gpa >> pt->ias)
		return -ERANGE;
	return pt->rd->translate(pt, gpa, hpa);
}

/**
 * axpt_translate_attr() - axpt_translate(), and the size and attributes of
 *	the leaf: axpt_query() without the fields a lookup does not need,
 *	written straight to the caller's variables.
 * @pt: the table.
 * @gpa: any address.
 * @hpa: the host-physical address @gpa translates to.
 * @size: the size of the leaf that translates it (4 KiB, 2 MiB, 1 GiB).
 * @attr: its attributes, AXPT_ATTR(prot, mem).
 *
 * Context: any; lockless (RCU), may run concurrently with any operation
 * but destroy.
 *
 * Return: as axpt_translate(); nothing is written unless it is 0.
 */
static inline int axpt_translate_attr(struct axpt *pt, u64 gpa, u64 *hpa,
				      u64 *size, u32 *attr)
{
	if (gpa >> pt->ias)
		return -ERANGE;
	return pt->rd->translate_attr(pt, gpa, hpa, size, attr);
}

#endif /* AXADDRSPACE_PT_H */
