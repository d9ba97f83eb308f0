// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace benchmarks of the page-table engine (issue 6): the kernel
 * sources built with -O2 and no sanitizers against the arena HAL, table
 * pages taken from a pre-faulted arena (transparent huge pages if the
 * kernel gives them), so allocating a table costs a free-list pop and a
 * 4 KiB memset.
 *
 * Every figure is measured REPS times (default 7); min and median are
 * printed. Times are wall-clock (CLOCK_MONOTONIC) around batches, never
 * around a single call, so timer overhead is negligible.
 *
 * usage: bench [-r reps] [-f format] [-s scale-GiB] [-q] [-c] [suite...]
 *   suites: hal, ops, scale, sweep (default: all four)
 *   -f: only the named format (ept-4, ept-5, npt-4, s2-48-l4, s2-40-l3,
 *       sv48x4) in ops
 *   -s: GiB of 4 KiB mappings for the large-space scale test (default 64)
 *   -q: 1/8 of the translations and batch sizes, sweeps up to 1 GiB (a
 *       quick look)
 *   -c: figures as CSV rows, other output as '#' comments (bench_util.c)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/array_size.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "arena.h"
#include "bench_util.h"

static unsigned int reps = 7;
static unsigned int quick;	/* log2 of the down-scaling factor */
static const char *only_fmt;
static struct arena arena;

static struct axpt *pt_new(const struct axpt_cfg *cfg, struct axpt *pt,
			   struct arena *a)
{
	check("axpt_init", axpt_init(pt, cfg, &arena_mm_ops, a));
	return pt;
}

/* ---------------------------------------------------------------- hal */

/* The HAL's own cost: one order-0 table allocated and freed. */
static void bench_hal(void)
{
	unsigned int n = 100000 >> quick, r, k;
	struct samples s = {};
	static void *blk[64];

	header("HAL", reps);
	for (r = 0; r < reps; r++) {
		u64 t0 = now_ns();
		phys_addr_t pa;

		for (k = 0; k < n; k++) {
			void *p = arena_mm_ops.alloc_table(&arena, 0, &pa);

			arena_mm_ops.free_table(&arena, p, 0, false);
		}
		sample_add(&s, (double)(now_ns() - t0) / n);
	}
	report("arena", "alloc+free 4 KiB table (zeroed)", "ns/pair", &s);

	/* The same, 64 tables live at a time (the free list is a stack). */
	memset(&s, 0, sizeof(s));
	for (r = 0; r < reps; r++) {
		u64 t0 = now_ns();
		phys_addr_t pa;

		for (k = 0; k < n / 64; k++) {
			unsigned int j;

			for (j = 0; j < 64; j++)
				blk[j] = arena_mm_ops.alloc_table(&arena, 0, &pa);
			for (j = 0; j < 64; j++)
				arena_mm_ops.free_table(&arena, blk[j], 0, false);
		}
		sample_add(&s, (double)(now_ns() - t0) / (n / 64 * 64));
	}
	report("arena", "alloc+free, 64 live", "ns/pair", &s);
}

/* ---------------------------------------------------------------- ops */

/*
 * A random address in the 1 GiB window for iteration @k: a multiplicative
 * hash of the counter, so the addresses do not form a dependency chain
 * from one query to the next (as an xorshift state would).
 */
static inline u64 window_addr(u64 k, unsigned int bits)
{
	return GPA0 + ((k * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

/*
 * @n random translations inside the first 2^@bits bytes of the 1 GiB
 * window. The timed loop only
 * consumes the results; a second, untimed pass over the same addresses
 * checks every one of them.
 */
static double bench_query(struct axpt *pt, unsigned int n, unsigned int bits)
{
	static u64 seq;
	u64 sum = 0, bad = 0, t0, base = seq;
	struct axpt_leaf q;
	unsigned int k;
	int err = 0;

	seq += n;
	t0 = now_ns();
	for (k = 0; k < n; k++) {
		err |= axpt_query(pt, window_addr(base + k, bits), &q);
		sum += q.hpa;
	}
	t0 = now_ns() - t0;
	bench_sink += sum;
	for (k = 0; k < n; k++) {
		u64 gpa = window_addr(base + k, bits);

		bad += axpt_query(pt, gpa, &q) || q.hpa - gpa != HPA0 - GPA0;
	}
	if (err || bad)
		die("query results", (int)bad);
	return (double)t0 / n;
}

/* As bench_query(), through axpt_translate(): the host address only. */
static double bench_translate(struct axpt *pt, unsigned int n,
			      unsigned int bits)
{
	static u64 seq;
	u64 sum = 0, bad = 0, t0, base = seq, hpa = 0;
	unsigned int k;
	int err = 0;

	seq += n;
	t0 = now_ns();
	for (k = 0; k < n; k++) {
		err |= axpt_translate(pt, window_addr(base + k, bits), &hpa);
		sum += hpa;
	}
	t0 = now_ns() - t0;
	bench_sink += sum;
	for (k = 0; k < n; k++) {
		u64 gpa = window_addr(base + k, bits);

		bad += axpt_translate(pt, gpa, &hpa) || hpa - gpa != HPA0 - GPA0;
	}
	if (err || bad)
		die("translate results", (int)bad);
	return (double)t0 / n;
}

/*
 * As bench_translate(), through axpt_translate_batch() in batches of 512
 * addresses (one page of them). Each batch is written to an array before
 * its call, as a caller's scatter-gather list would be, and only the calls
 * are timed (minus the clock's own cost; a call takes microseconds).
 */
static double bench_translate_batch(struct axpt *pt, unsigned int n,
				    unsigned int bits)
{
	enum { BATCH = 512 };
	static u64 gpa[BATCH], hpa[BATCH];
	static u64 seq;
	u64 t = 0, t0, base = seq;
	unsigned int k, i, bad = 0;

	seq += n;
	for (k = 0; k < n; k += BATCH) {
		for (i = 0; i < BATCH; i++)
			gpa[i] = window_addr(base + k + i, bits);
		t0 = now_ns();
		bad += axpt_translate_batch(pt, gpa, hpa, BATCH) != BATCH;
		t += now_ns() - t0 - clock_cost;
		for (i = 0; i < BATCH; i++)
			bad += hpa[i] - gpa[i] != HPA0 - GPA0;
	}
	if (bad)
		die("batch translate results", (int)bad);
	return (double)t / n;
}

/*
 * The machine's floor for a 4-level x86 walk: the same tables read with
 * no checks at all (four dependent loads and masks), the least any walker
 * of these tables can cost here. Only for 4-level EPT/NPT, whose table
 * entries hold the next table's address in bits 51:12.
 *
 * The floor is also the control of a comparison of two builds
 * (benchcmp.sh), so its code must not depend on its caller: it is never
 * inlined, and the address is hidden from the compiler, which would
 * otherwise see that the top one or two indices are the same for every
 * address of the window and hoist their loads out of the loop (a 2- or
 * 3-load walk, depending on how the function was inlined).
 */
static noinline double bench_bare_walk(struct axpt *pt, unsigned int n,
				       unsigned int bits)
{
	const u64 pa = 0x000ffffffffff000ULL;
	static u64 seq;
	u64 sum = 0, t0, base = seq;
	unsigned int k;

	seq += n;
	t0 = now_ns();
	for (k = 0; k < n; k++) {
		u64 gpa = window_addr(base + k, bits);
		const u64 *t = pt->root;

		asm("" : "+r" (gpa));
		t = (const u64 *)(uintptr_t)(t[(gpa >> 39) & 511] & pa);
		t = (const u64 *)(uintptr_t)(t[(gpa >> 30) & 511] & pa);
		t = (const u64 *)(uintptr_t)(t[(gpa >> 21) & 511] & pa);
		sum += (t[(gpa >> 12) & 511] & pa) | (gpa & 4095);
	}
	t0 = now_ns() - t0;
	bench_sink += sum;
	return (double)t0 / n;
}

/*
 * 256 maps and unmaps of the 1 GiB page at GPA0, each timed alone: their
 * total ns in *@tm and *@tu. A failed call ends the run: a benchmark of
 * errors would print figures that mean nothing.
 */
static void time_1g_pairs(struct axpt *pt, u64 *tm, u64 *tu)
{
	struct axpt_gather fl;
	unsigned int k;
	u64 t0, t1;
	int rm, ru;

	*tm = 0;
	*tu = 0;
	for (k = 0; k < 256; k++) {
		t0 = now_ns();
		rm = axpt_map(pt, GPA0, HPA0, GIB, RW_WB, 0);
		t1 = now_ns();
		*tm += t1 - t0;
		t0 = now_ns();
		ru = axpt_unmap(pt, GPA0, GIB, ptg(&fl, pt));
		t1 = now_ns();
		*tu += t1 - t0;
		check("1G map", rm);
		check("1G unmap", ru);
	}
}

/*
 * Map, translate, (protect,) unmap 1 GiB with one page size, in a fresh
 * space each repetition.
 */
static void bench_window(const struct bcfg *b, unsigned int level)
{
	static const char *const sz[] = { "4K", "2M", "1G" };
	static const u32 flags[] = { AXPT_MAP_MAX_4K, AXPT_MAP_MAX_2M, 0 };
	u64 npages = GIB >> axpt_level_shift(level);
	unsigned int nq = (1U << 20) >> quick, r;
	struct samples map = {}, unmap = {}, query = {}, prot = {}, query_l2 = {};
	struct samples xlate = {}, xbatch = {}, bare = {}, wmap = {}, wunmap = {};
	bool x86_4 = b->cfg.levels == 4 &&
		(b->cfg.format == AXAS_FORMAT_INTEL_EPT ||
		 b->cfg.format == AXAS_FORMAT_AMD_NPT);
	char what[64];

	for (r = 0; r < reps; r++) {
		struct axpt_gather fl;
		struct axpt pt;
		u64 t0, t1;

		pt_new(&b->cfg, &pt, &arena);
		t0 = now_ns();
		check("map", axpt_map(&pt, GPA0, HPA0, GIB, RW_WB, flags[level]));
		t1 = now_ns();
		sample_add(&map, (double)(t1 - t0) / npages);
		if (axpt_nr_leaves(&pt, level) != (long)npages)
			die("map page size", level);

		sample_add(&query, bench_query(&pt, nq, 30));
		sample_add(&xlate, bench_translate(&pt, nq, 30));
		sample_add(&xbatch, bench_translate_batch(&pt, nq, 30));
		if (!level && x86_4)
			sample_add(&bare, bench_bare_walk(&pt, nq, 30));
		/* 4 KiB leaves of 256 MiB (512 KiB of tables) fit in L2 */
		if (!level)
			sample_add(&query_l2, bench_query(&pt, nq, 28));

		if (!level) {
			t0 = now_ns();
			check("protect", axpt_protect(&pt, GPA0, GIB, R_WB, ptg(&fl, &pt)));
			t1 = now_ns();
			sample_add(&prot, (double)(t1 - t0) / npages);
		}

		t0 = now_ns();
		check("unmap", axpt_unmap(&pt, GPA0, GIB, ptg(&fl, &pt)));
		t1 = now_ns();
		sample_add(&unmap, (double)(t1 - t0) / npages);
		if (atomic_long_read(&pt.nr_tables) != 1L << pt.root_order)
			die("unmap left tables", 0);
		if (level == 2) {
			/*
			 * One call is too short to time alone: time 256 maps
			 * and unmaps of the page, each into a space that has
			 * only its root, minus the clock's own cost.
			 */
			u64 tm = 0, tu = 0;

			time_1g_pairs(&pt, &tm, &tu);
			map.v[map.n - 1] = (double)tm / 256 - clock_cost;
			unmap.v[unmap.n - 1] = (double)tu / 256 - clock_cost;

			/*
			 * The same in a warm table: the next 1 GiB page
			 * stays mapped, so the map allocates nothing and
			 * the unmap frees nothing.
			 */
			check("map", axpt_map(&pt, GPA0 + GIB, HPA0, GIB, RW_WB, 0));
			time_1g_pairs(&pt, &tm, &tu);
			if (axpt_nr_leaves(&pt, 2) != 1)
				die("warm 1G map/unmap", 0);
			sample_add(&wmap, (double)tm / 256 - clock_cost);
			sample_add(&wunmap, (double)tu / 256 - clock_cost);
		}
		axpt_destroy(&pt);
	}
	snprintf(what, sizeof(what), "map 1G in %s pages", sz[level]);
	report(b->name, what, level == 2 ? "ns/op" : "ns/page", &map);
	snprintf(what, sizeof(what), "unmap 1G of %s pages", sz[level]);
	report(b->name, what, level == 2 ? "ns/op" : "ns/page", &unmap);
	if (level == 2) {
		report(b->name, "map one 1G page, warm table", "ns/op", &wmap);
		report(b->name, "unmap one 1G page, warm table", "ns/op", &wunmap);
	}
	snprintf(what, sizeof(what), "query random, 1G %s-mapped", sz[level]);
	report(b->name, what, "ns/query", &query);
	snprintf(what, sizeof(what), "translate random, 1G %s-mapped", sz[level]);
	report(b->name, what, "ns/query", &xlate);
	snprintf(what, sizeof(what), "translate batch of 512, 1G %s-mapped",
		 sz[level]);
	report(b->name, what, "ns/query", &xbatch);
	if (!level && x86_4)
		report(b->name, "bare 4-load walk (floor), 1G 4K-mapped",
		       "ns/query", &bare);
	if (!level) {
		report(b->name, "query random, 256M of the 4K-mapped", "ns/query",
		       &query_l2);
		report(b->name, "protect 1G of 4K pages", "ns/page", &prot);
	}
}

/* create+destroy of an empty space; returns the min. */
static double bench_create(const struct bcfg *b)
{
	unsigned int n = 100000 >> quick, r, k;
	struct samples s = {};

	for (r = 0; r < reps; r++) {
		u64 t0 = now_ns();

		for (k = 0; k < n; k++) {
			struct axpt pt;

			pt_new(&b->cfg, &pt, &arena);
			axpt_destroy(&pt);
		}
		sample_add(&s, (double)(now_ns() - t0) / n);
	}
	report(b->name, "create+destroy empty", "ns/pair", &s);
	return s_min(&s);
}

/*
 * Single 4 KiB maps and unmaps in a warm table: a 2 MiB region whose last
 * page stays mapped (so the table stays), the other 511 pages mapped one
 * call each, then unmapped one call each in address order. Then the same
 * page mapped and unmapped again and again: every unmap must find out
 * whether the table became empty (it did not: its last entry remains).
 */
static void bench_single(const struct bcfg *b)
{
	const unsigned int slots = 511;
	unsigned int r, k, loops = 64 >> quick;
	struct samples map = {}, unmap = {}, pair = {};
	u64 base = GPA0;

	for (r = 0; r < reps; r++) {
		struct axpt_gather fl;
		struct axpt pt;
		u64 tm = 0, tu = 0, t0;
		unsigned int l;

		pt_new(&b->cfg, &pt, &arena);
		check("map", axpt_map(&pt, base + 511 * 4 * KIB, HPA0, 4 * KIB,
				      RW_WB, 0));
		for (l = 0; l < loops; l++) {
			t0 = now_ns();
			for (k = 0; k < slots; k++)
				axpt_map(&pt, base + k * 4 * KIB,
					 HPA0 + k * 4 * KIB, 4 * KIB, RW_WB, 0);
			tm += now_ns() - t0;
			t0 = now_ns();
			for (k = 0; k < slots; k++)
				axpt_unmap(&pt, base + k * 4 * KIB, 4 * KIB, ptg(&fl, &pt));
			tu += now_ns() - t0;
		}
		sample_add(&map, (double)tm / (loops * slots));
		sample_add(&unmap, (double)tu / (loops * slots));

		t0 = now_ns();
		for (k = 0; k < loops * slots; k++) {
			axpt_map(&pt, base, HPA0, 4 * KIB, RW_WB, 0);
			axpt_unmap(&pt, base, 4 * KIB, ptg(&fl, &pt));
		}
		sample_add(&pair, (double)(now_ns() - t0) / (loops * slots));
		if (axpt_nr_leaves(&pt, 0) != 1)
			die("single map/unmap", 0);
		axpt_destroy(&pt);
	}
	report(b->name, "single 4K map, warm table", "ns/op", &map);
	report(b->name, "single 4K unmap, warm table", "ns/op", &unmap);
	report(b->name, "4K map+unmap, table 1 entry left", "ns/pair", &pair);
}

/* 1 TiB (the whole input range for 40-bit Arm) in 1 GiB pages. */
static void bench_tib(const struct bcfg *b)
{
	struct samples map = {}, unmap = {};
	unsigned int r;

	for (r = 0; r < reps; r++) {
		struct axpt_gather fl;
		struct axpt pt;
		u64 t0, t1;

		pt_new(&b->cfg, &pt, &arena);
		t0 = now_ns();
		check("map 1T", axpt_map(&pt, 0, 0, TIB, RW_WB, 0));
		t1 = now_ns();
		sample_add(&map, (double)(t1 - t0) / 1000);
		if (axpt_nr_leaves(&pt, 2) != 1024)
			die("map 1T page size", 0);
		t0 = now_ns();
		check("unmap 1T", axpt_unmap(&pt, 0, TIB, ptg(&fl, &pt)));
		t1 = now_ns();
		sample_add(&unmap, (double)(t1 - t0) / 1000);
		axpt_destroy(&pt);
	}
	report(b->name, "map 1T in 1G pages", "us", &map);
	report(b->name, "unmap 1T of 1G pages", "us", &unmap);
}

static void bench_ops(const struct bcfg *b)
{
	unsigned int level;

	for (level = 0; level <= 2; level++)
		bench_window(b, level);
	bench_create(b);
	bench_single(b);
	bench_tib(b);
	/*
	 * Address-space layer (issue 6, AS half): map_alloc populate and lazy
	 * fault benchmarks go here once the AS layer is in; they need its
	 * frame allocator, not only the engine.
	 */
}

/* -------------------------------------------------------------- scale */

static long tables_of(struct axpt *pt)
{
	return atomic_long_read(&pt->nr_tables);
}

/* The arena HAL with its calls counted: what an operation allocated. */
struct counted_hal {
	struct arena *a;
	long allocs, frees;
};

static void *counted_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct counted_hal *c = ctx;

	c->allocs++;
	return arena_mm_ops.alloc_table(c->a, order, pa);
}

static void counted_free(void *ctx, void *va, unsigned int order,
			 bool deferred)
{
	struct counted_hal *c = ctx;

	c->frees++;
	arena_mm_ops.free_table(c->a, va, order, deferred);
}

static atomic_t *counted_count(void *ctx, void *va)
{
	struct counted_hal *c = ctx;

	return arena_table_count(c->a, va);
}

static atomic_t *counted_count_array(void *ctx, uintptr_t *va0)
{
	struct counted_hal *c = ctx;

	return arena_count_array(c->a, va0);
}

static const struct axpt_mm_ops counted_mm_ops = {
	.alloc_table = counted_alloc,
	.free_table = counted_free,
	.table_count = counted_count,
	.count_array = counted_count_array,
};

/* What axpt_walk() visited: every present entry, tables and leaves. */
struct walk_count {
	long entries, leaves;
};

static int walk_count_fn(void *arg, unsigned int level, u64 gpa, u64 pte,
			 bool leaf)
{
	struct walk_count *w = arg;

	w->entries++;
	w->leaves += leaf;
	return 0;
}

/* One sparse space's figures, for the comparisons of scale_growth(). */
struct sparse_fig {
	long tables, entries;
	struct samples map, xlate, walk, unmap, destroy;
};

/*
 * @nclusters clusters spread over the whole input range of @cfg, 2^@shift
 * bytes apart, each a 2 MiB run of 4 KiB pages, a 2 MiB page (at 1 GiB +
 * 2 MiB) and a 1 GiB page (at 2 GiB). Times the map, random translations
 * in the clusters, a walk of the whole input range, an unmap of the whole
 * range in one call and a destroy; checks every translation, the tables
 * the HAL was asked for and every entry the walk visited.
 */
static void sparse_run(const char *name, const struct axpt_cfg *cfg,
		       unsigned int shift, unsigned int nclusters,
		       struct sparse_fig *f)
{
	const unsigned int nq = 100000 >> quick;
	unsigned int r, c;

	memset(f, 0, sizeof(*f));
	for (r = 0; r < reps; r++) {
		struct counted_hal hal = { .a = &arena };
		struct walk_count w = {};
		struct axpt_gather fl;
		u64 t0, bad = 0, hpa;
		struct axpt pt;
		long leaves;

		check("axpt_init", axpt_init(&pt, cfg, &counted_mm_ops, &hal));
		t0 = now_ns();
		for (c = 0; c < nclusters; c++) {
			u64 g = (u64)c << shift, h = g >> 8;

			check("map", axpt_map(&pt, g, h, 2 * MIB, RW_WB,
					      AXPT_MAP_MAX_4K));
			check("map", axpt_map(&pt, g + GIB + 2 * MIB,
					      h + GIB + 2 * MIB, 2 * MIB, RW_WB, 0));
			check("map", axpt_map(&pt, g + 2 * GIB, h + 2 * GIB, GIB,
					      RW_WB, 0));
		}
		sample_add(&f->map, (double)(now_ns() - t0) / nclusters);
		f->tables = tables_of(&pt);
		leaves = axpt_nr_leaves(&pt, 0) + axpt_nr_leaves(&pt, 1) +
			 axpt_nr_leaves(&pt, 2);
		if (leaves != (long)nclusters * 514 ||
		    hal.allocs != f->tables - (1L << pt.root_order) + 1)
			die("sparse map: leaves or tables", leaves);

		t0 = now_ns();
		for (c = 0; c < nq; c++) {
			u64 g = (rng() % nclusters) << shift, off = rng(), gpa;

			switch (c % 3) {
			case 0:		/* in the 4 KiB run */
				gpa = g + (off & (2 * MIB - 1));
				break;
			case 1:		/* in the 2 MiB page */
				gpa = g + GIB + 2 * MIB + (off & (2 * MIB - 1));
				break;
			default:	/* in the 1 GiB page */
				gpa = g + 2 * GIB + (off & (GIB - 1));
			}
			bad += axpt_translate(&pt, gpa, &hpa) ||
			       hpa != (g >> 8) + (gpa - g);
			bench_sink += hpa;
		}
		sample_add(&f->xlate, (double)(now_ns() - t0) / nq);
		if (bad)
			die("sparse translate", (int)bad);

		/* Every present entry: one per table but the root, and leaves. */
		t0 = now_ns();
		check("walk", axpt_walk(&pt, 0, 1ULL << pt.ias, walk_count_fn, &w));
		t0 = now_ns() - t0;
		f->entries = w.entries;
		sample_add(&f->walk, (double)t0 / w.entries);
		if (w.leaves != leaves ||
		    w.entries != leaves + f->tables - (1L << pt.root_order))
			die("sparse walk: entries visited", w.entries);

		t0 = now_ns();
		check("unmap all", axpt_unmap(&pt, 0, 1ULL << pt.ias, ptg(&fl, &pt)));
		sample_add(&f->unmap, (double)(now_ns() - t0) / 1000);
		if (tables_of(&pt) != 1L << pt.root_order ||
		    hal.frees != hal.allocs - 1)
			die("sparse unmap left tables", tables_of(&pt));
		/* Map again so that destroy has something to free. */
		for (c = 0; c < nclusters; c++) {
			u64 g = (u64)c << shift;

			check("map", axpt_map(&pt, g, g >> 8, 2 * MIB, RW_WB,
					      AXPT_MAP_MAX_4K));
		}
		t0 = now_ns();
		axpt_destroy(&pt);
		sample_add(&f->destroy, (double)(now_ns() - t0) / 1000);
		if (hal.frees != hal.allocs)
			die("sparse destroy leaked tables", hal.allocs - hal.frees);
	}
	note("%-9s %u clusters 2^%u bytes apart (2M of 4K, 2M, 1G): ", name,
	     nclusters, shift);
	note("%ld table pages (%.2f per cluster), %ld entries\n", f->tables,
	     (double)(f->tables - 1) / nclusters, f->entries);
}

static void sparse_report(const char *name, unsigned int nclusters,
			  struct sparse_fig *f, unsigned int ias)
{
	char what[64];
	double kib = f->tables * 4.0;

	snprintf(what, sizeof(what), "%u clusters: table memory", nclusters);
	line(name, what, kib, kib, "KiB");
	snprintf(what, sizeof(what), "%u clusters: map one (3 calls)", nclusters);
	report(name, what, "ns/cluster", &f->map);
	snprintf(what, sizeof(what), "%u clusters: translate random", nclusters);
	report(name, what, "ns/query", &f->xlate);
	snprintf(what, sizeof(what), "%u clusters: walk [0, 2^%u)", nclusters, ias);
	report(name, what, "ns/entry", &f->walk);
	snprintf(what, sizeof(what), "%u clusters: unmap [0, 2^%u), 1 call",
		 nclusters, ias);
	report(name, what, "us", &f->unmap);
	snprintf(what, sizeof(what), "%u clusters: destroy (2M of 4K each)",
		 nclusters);
	report(name, what, "us", &f->destroy);
}

/*
 * A 5-level EPT space with sparse mappings over the whole 57-bit input
 * (256 clusters 2^49 bytes apart), the same with 16 clusters, and 256
 * clusters over a 4-level 48-bit space (2^40 apart). The walk and the
 * teardown must cost what is mapped, not the size of the space: the
 * entries and tables are checked to grow exactly with the clusters, and
 * the times per entry, per cluster and across the two input sizes are
 * printed (never asserted).
 */
static void scale_sparse(void)
{
	const struct axpt_cfg ept5 = { .format = AXAS_FORMAT_INTEL_EPT,
				       .levels = 5 };
	const struct axpt_cfg ept4 = { .format = AXAS_FORMAT_INTEL_EPT,
				       .levels = 4 };
	static struct sparse_fig f256, f16, f48;

	sparse_run("ept-5", &ept5, 49, 256, &f256);
	sparse_run("ept-5", &ept5, 49, 16, &f16);
	sparse_run("ept-4", &ept4, 40, 256, &f48);
	sparse_report("ept-5", 256, &f256, 57);
	sparse_report("ept-5", 16, &f16, 57);
	sparse_report("ept-4", 256, &f48, 48);

	/* Structural: 16 times the clusters, exactly 16 times the work. */
	if (f256.entries != 16 * f16.entries ||
	    f256.tables - 1 != 16 * (f16.tables - 1))
		die("sparse: entries or tables not proportional to clusters",
		    f256.entries);
	note("growth: 256 vs 16 clusters: %ldx the entries, ",
	     f256.entries / f16.entries);
	note("%ldx the tables (checked: 16x)\n",
	     (f256.tables - 1) / (f16.tables - 1));
	note("growth: per entry, walk 256 / 16 clusters %.2fx, ",
	     s_min(&f256.walk) / s_min(&f16.walk));
	note("57-bit / 48-bit space %.2fx (printed, not asserted)\n",
	     s_min(&f256.walk) / s_min(&f48.walk));
	note("growth: per cluster, unmap-all 256 / 16 clusters %.2fx, ",
	     s_min(&f256.unmap) / 16 / s_min(&f16.unmap));
	note("destroy %.2fx\n", s_min(&f256.destroy) / 16 / s_min(&f16.destroy));
}

/*
 * Create+destroy of an empty space and an unmap of all of it: the size of
 * the input range is free. Each asks the HAL for the root alone (checked)
 * and takes the same time whatever the input size (printed).
 */
static void scale_empty(void)
{
	static const struct bcfg cfgs[] = {
		{ "s2-32-l2", { .format = AXAS_FORMAT_ARM_S2, .ias = 32,
				.levels = 2 } },
		{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
		{ "ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 } },
		{ "sv57x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT,
			      .levels = 5 } },
	};
	unsigned int i, r, k, n = 10000 >> quick;
	double cd[ARRAY_SIZE(cfgs)];

	for (i = 0; i < ARRAY_SIZE(cfgs); i++) {
		struct counted_hal hal = { .a = &arena };
		struct samples s = {};
		struct axpt_gather fl;
		struct axpt pt;

		cd[i] = bench_create(&cfgs[i]);
		/* Unmapping everything in an empty space: one look at the root. */
		check("axpt_init", axpt_init(&pt, &cfgs[i].cfg, &counted_mm_ops,
					     &hal));
		for (r = 0; r < reps; r++) {
			u64 t0 = now_ns();

			for (k = 0; k < n; k++)
				axpt_unmap(&pt, 0, 1ULL << pt.ias, ptg(&fl, &pt));
			sample_add(&s, (double)(now_ns() - t0) / n);
		}
		axpt_destroy(&pt);
		if (hal.allocs != 1 || hal.frees != 1)
			die("empty space: HAL calls beyond the root", hal.allocs);
		report(cfgs[i].name, "unmap all of an empty space", "ns/op", &s);
	}
	note("growth: create+destroy, 2^57 (ept-5) / 2^32 (s2-32-l2) space: ");
	note("%.2fx; 2^57 / 2^48: %.2fx ", cd[2] / cd[0], cd[2] / cd[1]);
	note("(printed, not asserted; 1 HAL allocation each, checked)\n");
}

/* @gib GiB of 4 KiB pages in one EPT-4 space: time and table memory. */
static void scale_large(unsigned int gib)
{
	const struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT,
				      .levels = 4 };
	struct samples map = {}, destroy = {}, unmap = {};
	unsigned int r, big_reps = reps < 3 ? reps : 3;
	struct arena big;
	long tables = 0;
	u64 size = (u64)gib * GIB;

	/* 4 KiB of leaf table per 2 MiB plus upper levels and slack. */
	if (arena_init(&big, (size >> 9) + (size >> 18) + 64 * MIB,
		       ARENA_PREFAULT | ARENA_HUGE))
		die("big arena", -ENOMEM);
	for (r = 0; r < big_reps; r++) {
		struct axpt_gather fl;
		struct axpt pt;
		u64 t0;

		pt_new(&cfg, &pt, &big);
		t0 = now_ns();
		check("map", axpt_map(&pt, 0, 0, size, RW_WB, AXPT_MAP_MAX_4K));
		sample_add(&map, (double)(now_ns() - t0) / 1e6);
		tables = tables_of(&pt);
		t0 = now_ns();
		axpt_destroy(&pt);
		sample_add(&destroy, (double)(now_ns() - t0) / 1e6);

		pt_new(&cfg, &pt, &big);
		check("map", axpt_map(&pt, 0, 0, size, RW_WB, AXPT_MAP_MAX_4K));
		t0 = now_ns();
		check("unmap", axpt_unmap(&pt, 0, size, ptg(&fl, &pt)));
		sample_add(&unmap, (double)(now_ns() - t0) / 1e6);
		axpt_destroy(&pt);
	}
	note("ept-4     %u GiB of 4K pages: %ld table pages = %.1f MiB, ",
	     gib, tables, tables * 4.0 / 1024);
	note("%.4f MiB per GiB mapped (floor 2 MiB)\n",
	     tables * 4.0 / 1024 / gib);
	{
		char what[64];

		snprintf(what, sizeof(what), "map %u GiB of 4K pages", gib);
		report("ept-4", what, "ms", &map);
		snprintf(what, sizeof(what), "destroy with %u GiB mapped", gib);
		report("ept-4", what, "ms", &destroy);
		snprintf(what, sizeof(what), "unmap %u GiB of 4K pages", gib);
		report("ept-4", what, "ms", &unmap);
	}
	arena_fini(&big);
}

/* -------------------------------------------------------------- sweep */

/*
 * How cost grows with the work: the series of the plots in
 * Documentation/ (bench-plots.py reads them with -c). Linear maps need
 * no memory but their tables, so the sizes go up to 64 GiB (1 GiB in
 * quick mode) with 128 MiB of tables at most.
 */
static unsigned int sweep_max_shift(void)
{
	return quick ? 30 : 36;
}

/*
 * Map and unmap ns per page against the mapped size, one series per page
 * size. A timed batch maps @n regions of @size, each into an empty part
 * of the space (its own 1 GiB or larger aligned slot, so each allocates
 * the tables it needs), then unmaps them one call each: enough calls that
 * a batch lasts tens of microseconds at least.
 */
static void sweep_map(void)
{
	static const char *const series[][2] = {
		{ "map, 4K pages", "unmap, 4K pages" },
		{ "map, 2M pages", "unmap, 2M pages" },
		{ "map, 1G pages", "unmap, 1G pages" },
	};
	static const u32 flags[] = { AXPT_MAP_MAX_4K, AXPT_MAP_MAX_2M, 0 };
	const struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT,
				      .levels = 4 };
	unsigned int level, shift, r;

	for (level = 0; level <= 2; level++) {
		unsigned int ps = axpt_level_shift(level);

		for (shift = ps < 12 ? 12 : ps; shift <= sweep_max_shift(); shift++) {
			u64 size = 1ULL << shift, leaves = size >> ps;
			u64 stride = size > GIB ? size : GIB;
			u64 n = (1ULL << (16 - quick)) / leaves, k;
			struct samples map = {}, unmap = {};

			/* at most 512 calls, 2^47 bytes, 64 GiB of 4K pages */
			n = n < 1 ? 1 : n > 512 ? 512 : n;
			while (n > 1 && n * stride > 1ULL << 47)
				n >>= 1;
			while (!level && n > 1 && n * size > 64 * GIB)
				n >>= 1;
			for (r = 0; r < reps; r++) {
				struct axpt_gather fl;
				struct axpt pt;
				u64 t0, t1;

				pt_new(&cfg, &pt, &arena);
				t0 = now_ns();
				for (k = 0; k < n; k++)
					check("map", axpt_map(&pt, k * stride,
							      HPA0 + k * stride, size,
							      RW_WB, flags[level]));
				t1 = now_ns();
				sample_add(&map, (double)(t1 - t0) / (n * leaves));
				if (axpt_nr_leaves(&pt, level) != (long)(n * leaves))
					die("sweep map page size", level);
				t0 = now_ns();
				for (k = 0; k < n; k++)
					check("unmap", axpt_unmap(&pt, k * stride, size,
								  ptg(&fl, &pt)));
				t1 = now_ns();
				sample_add(&unmap, (double)(t1 - t0) / (n * leaves));
				if (tables_of(&pt) != 1)
					die("sweep unmap left tables", tables_of(&pt));
				axpt_destroy(&pt);
			}
			report_point("ept-4", series[level][0], (double)size,
				     size_name(size), "ns/page", &map);
			report_point("ept-4", series[level][1], (double)size,
				     size_name(size), "ns/page", &unmap);
		}
	}
}

/*
 * Random translations against the working set: 64 GiB (1 GiB in quick
 * mode) mapped in 4 KiB pages, addresses uniform in its first 2^k bytes
 * (the leaf tables the walks touch are 2^k / 512 bytes): one address per
 * call, in batches of 512, and the bare 4-load walk (the floor); and the
 * same mapped in 2 MiB pages, one address per call.
 */
static void sweep_translate(void)
{
	const struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT,
				      .levels = 4 };
	const unsigned int top = sweep_max_shift();
	unsigned int nq = (1U << 20) >> quick, bits, r, level;

	for (level = 0; level <= 1; level++) {
		struct axpt pt;

		pt_new(&cfg, &pt, &arena);
		check("map", axpt_map(&pt, GPA0, HPA0, 1ULL << top, RW_WB,
				      level ? AXPT_MAP_MAX_2M : AXPT_MAP_MAX_4K));
		bench_translate(&pt, nq, top);	/* warm up, not timed */
		for (bits = 16; bits <= top; bits++) {
			struct samples one = {}, batch = {}, bare = {};
			const char *x = size_name(1ULL << bits);

			if (level && bits < 21)
				continue;
			for (r = 0; r < reps; r++) {
				sample_add(&one, bench_translate(&pt, nq, bits));
				if (level)
					continue;
				sample_add(&batch, bench_translate_batch(&pt, nq, bits));
				sample_add(&bare, bench_bare_walk(&pt, nq, bits));
			}
			report_point("ept-4", level ? "translate, 2M-mapped" :
				     "translate, 4K-mapped", (double)(1ULL << bits),
				     x, "ns/query", &one);
			report_point("ept-4", "translate batch of 512, 4K-mapped",
				     (double)(1ULL << bits), x, "ns/query", &batch);
			report_point("ept-4", "bare 4-load walk (floor), 4K-mapped",
				     (double)(1ULL << bits), x, "ns/query", &bare);
		}
		axpt_destroy(&pt);
	}
}

/* AnonHugePages of this process, in MiB, as a string ("?" if unknown). */
static const char *thp_mib(void)
{
	static char buf[32] = "?";
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];
	unsigned long kb;

	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %lu kB", &kb) == 1)
			snprintf(buf, sizeof(buf), "%lu", kb / 1024);
	fclose(f);
	return buf;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
	unsigned int scale_gib = 64, i;
	bool do_hal = false, do_ops = false, do_scale = false, do_sweep = false;
	int opt;

	while ((opt = getopt(argc, argv, "r:f:s:qc")) != -1) {
		switch (opt) {
		case 'r':
			reps = strtoul(optarg, NULL, 0);
			if (!reps || reps > MAX_REPS)
				reps = 7;
			break;
		case 'f':
			only_fmt = optarg;
			break;
		case 's':
			scale_gib = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			quick = 3;
			break;
		case 'c':
			bench_csv = true;
			break;
		default:
			fprintf(stderr, "usage: %s [-r reps] [-f format] ",
				argv[0]);
			fputs("[-s scale-GiB] [-q] [-c] [hal|ops|scale|sweep]...\n",
			      stderr);
			return 2;
		}
	}
	for (i = optind; i < (unsigned int)argc; i++) {
		do_hal |= !strcmp(argv[i], "hal");
		do_ops |= !strcmp(argv[i], "ops");
		do_scale |= !strcmp(argv[i], "scale");
		do_sweep |= !strcmp(argv[i], "sweep");
	}
	if (optind == argc) {
		do_hal = true;
		do_ops = true;
		do_scale = true;
		do_sweep = true;
	}

	/* Enough for a 1 GiB window of 4 KiB pages and the 1 TiB tables. */
	if (arena_init(&arena, 256 * MIB, ARENA_PREFAULT | ARENA_HUGE))
		die("arena", -ENOMEM);

	if (bench_csv)
		header("bench", reps);
	note("arena: %llu MiB pre-faulted, %s MiB of it in huge pages\n",
	     (unsigned long long)(arena.size / MIB), thp_mib());
	clock_calibrate();
	note("clock: %.0f ns per reading (subtracted from single-call times)\n",
	     clock_cost);
	if (do_hal)
		bench_hal();
	if (do_ops) {
		header("engine operations", reps);
		for (i = 0; i < nr_bcfgs; i++)
			if (!only_fmt || !strcmp(only_fmt, bcfgs[i].name))
				bench_ops(&bcfgs[i]);
	}
	if (do_scale) {
		header("scale: sparse 57-bit and 48-bit spaces", reps);
		scale_sparse();
		header("scale: empty spaces of growing input size", reps);
		scale_empty();
		if (scale_gib) {
			header("scale: large populated space", reps < 3 ? reps : 3);
			scale_large(scale_gib);
		}
	}
	if (do_sweep) {
		header("sweep: map and unmap against the size mapped", reps);
		sweep_map();
		header("sweep: translate against the working set", reps);
		sweep_translate();
	}
	if (arena.live)
		die("arena pages live at exit", (int)arena.live);
	arena_fini(&arena);
	return 0;
}
