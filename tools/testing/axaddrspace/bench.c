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
 * usage: bench [-r reps] [-f format] [-s scale-GiB] [-q] [suite...]
 *   suites: hal, ops, scale (default: all three)
 *   -f: only the named format (ept-4, ept-5, npt-4, s2-48-l4, s2-40-l3,
 *       sv48x4)
 *   -s: GiB of 4 KiB mappings for the large-space scale test (default 64)
 *   -q: 1/8 of the translations and batch sizes (a quick look)
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
 * no checks at all (four dependent loads and masks, inlined into the
 * loop), the least any walker of these tables can cost here. Only for
 * 4-level EPT/NPT, whose table entries hold the next table's address in
 * bits 51:12.
 */
static double bench_bare_walk(struct axpt *pt, unsigned int n,
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
	struct samples xlate = {}, xbatch = {}, bare = {};
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
			unsigned int k;

			for (k = 0; k < 256; k++) {
				t0 = now_ns();
				axpt_map(&pt, GPA0, HPA0, GIB, RW_WB, 0);
				t1 = now_ns();
				tm += t1 - t0;
				t0 = now_ns();
				axpt_unmap(&pt, GPA0, GIB, ptg(&fl, &pt));
				t1 = now_ns();
				tu += t1 - t0;
			}
			map.v[map.n - 1] = (double)tm / 256 - clock_cost;
			unmap.v[unmap.n - 1] = (double)tu / 256 - clock_cost;
		}
		axpt_destroy(&pt);
	}
	snprintf(what, sizeof(what), "map 1G in %s pages", sz[level]);
	report(b->name, what, level == 2 ? "ns/op" : "ns/page", &map);
	snprintf(what, sizeof(what), "unmap 1G of %s pages", sz[level]);
	report(b->name, what, level == 2 ? "ns/op" : "ns/page", &unmap);
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

static void bench_create(const struct bcfg *b)
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

/*
 * A 5-level EPT space with sparse mappings spread over the whole 57-bit
 * input: 256 clusters 2^49 bytes apart, each a 2 MiB run of 4 KiB pages,
 * a 2 MiB page and a 1 GiB page.
 */
static void scale_sparse57(void)
{
	const struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT,
				      .levels = 5 };
	const unsigned int nclusters = 256;
	struct samples map = {}, query = {}, unmap = {}, destroy = {};
	long tables = 0;
	unsigned int r, c;

	for (r = 0; r < reps; r++) {
		struct axpt_gather fl;
		struct axpt pt;
		u64 t0, bad = 0;

		pt_new(&cfg, &pt, &arena);
		t0 = now_ns();
		for (c = 0; c < nclusters; c++) {
			u64 g = (u64)c << 49;

			check("map", axpt_map(&pt, g, g >> 8, 2 * MIB, RW_WB, 0));
			check("map", axpt_map(&pt, g + GIB + 2 * MIB,
					      (g >> 8) + GIB + 2 * MIB, 2 * MIB,
					      RW_WB, 0));
			check("map", axpt_map(&pt, g + 2 * GIB, (g >> 8) + 2 * GIB,
					      GIB, RW_WB, 0));
		}
		sample_add(&map, (double)(now_ns() - t0) / nclusters);
		tables = tables_of(&pt);

		t0 = now_ns();
		for (c = 0; c < 100000; c++) {
			u64 g = (rng() & 255) << 49, off = rng();
			struct axpt_leaf q;

			switch (c % 3) {
			case 0:		/* in the 4 KiB run */
				g += off & (2 * MIB - 1);
				break;
			case 1:		/* in the 2 MiB page */
				g += GIB + 2 * MIB + (off & (2 * MIB - 1));
				break;
			default:	/* in the 1 GiB page */
				g += 2 * GIB + (off & (GIB - 1));
			}
			if (axpt_query(&pt, g, &q))
				bad++;
			bench_sink += q.hpa;
		}
		sample_add(&query, (double)(now_ns() - t0) / 100000);
		if (bad)
			die("sparse query", (int)bad);

		t0 = now_ns();
		check("unmap all", axpt_unmap(&pt, 0, 1ULL << 57, ptg(&fl, &pt)));
		sample_add(&unmap, (double)(now_ns() - t0) / 1000);
		if (tables_of(&pt) != 1)
			die("sparse unmap left tables", (int)tables_of(&pt));
		/* Map again so that destroy has something to free. */
		for (c = 0; c < nclusters; c++) {
			u64 g = (u64)c << 49;

			check("map", axpt_map(&pt, g, g >> 8, 2 * MIB, RW_WB, 0));
		}
		t0 = now_ns();
		axpt_destroy(&pt);
		sample_add(&destroy, (double)(now_ns() - t0) / 1000);
	}
	printf("ept-5     sparse 57-bit: %u clusters (2M of 4K, 2M, 1G), ",
	       nclusters);
	printf("%ld table pages (%.1f per cluster)\n", tables,
	       (double)tables / nclusters);
	report("ept-5", "map one cluster (3 calls)", "ns/cluster", &map);
	report("ept-5", "query random in the clusters", "ns/query", &query);
	report("ept-5", "unmap [0, 2^57) in one call", "us", &unmap);
	report("ept-5", "destroy 256 clusters of 2M 4K", "us", &destroy);
}

/* Create+destroy of an empty space: the size of the input range is free. */
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

	for (i = 0; i < ARRAY_SIZE(cfgs); i++) {
		struct samples s = {};
		struct axpt_gather fl;
		struct axpt pt;

		bench_create(&cfgs[i]);
		/* Unmapping everything in an empty space: one look at the root. */
		pt_new(&cfgs[i].cfg, &pt, &arena);
		for (r = 0; r < reps; r++) {
			u64 t0 = now_ns();

			for (k = 0; k < n; k++)
				axpt_unmap(&pt, 0, 1ULL << pt.ias, ptg(&fl, &pt));
			sample_add(&s, (double)(now_ns() - t0) / n);
		}
		axpt_destroy(&pt);
		report(cfgs[i].name, "unmap all of an empty space", "ns/op", &s);
	}
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
	printf("ept-4     %u GiB of 4K pages: %ld table pages = %.1f MiB, ",
	       gib, tables, tables * 4.0 / 1024);
	printf("%.4f MiB per GiB mapped (floor 2 MiB)\n",
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
	bool do_hal = false, do_ops = false, do_scale = false;
	int opt;

	while ((opt = getopt(argc, argv, "r:f:s:q")) != -1) {
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
		default:
			fprintf(stderr, "usage: %s [-r reps] [-f format] ",
				argv[0]);
			fputs("[-s scale-GiB] [-q] [hal|ops|scale]...\n",
			      stderr);
			return 2;
		}
	}
	for (i = optind; i < (unsigned int)argc; i++) {
		do_hal |= !strcmp(argv[i], "hal");
		do_ops |= !strcmp(argv[i], "ops");
		do_scale |= !strcmp(argv[i], "scale");
	}
	if (optind == argc) {
		do_hal = true;
		do_ops = true;
		do_scale = true;
	}

	/* Enough for a 1 GiB window of 4 KiB pages and the 1 TiB tables. */
	if (arena_init(&arena, 256 * MIB, ARENA_PREFAULT | ARENA_HUGE))
		die("arena", -ENOMEM);

	printf("arena: %llu MiB pre-faulted, %s MiB of it in huge pages\n",
	       (unsigned long long)(arena.size / MIB), thp_mib());
	clock_calibrate();
	printf("clock: %.0f ns per reading (subtracted from single-call times)\n",
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
		header("scale: sparse 5-level space", reps);
		scale_sparse57();
		header("scale: empty spaces of growing input size", reps);
		scale_empty();
		if (scale_gib) {
			header("scale: large populated space", reps < 3 ? reps : 3);
			scale_large(scale_gib);
		}
	}
	if (arena.live)
		die("arena pages live at exit", (int)arena.live);
	arena_fini(&arena);
	return 0;
}
