// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction counts of the engine's hot paths, for callgrind: each case
 * is one noinline function named cg_<case>, run once on tables set up
 * outside it, so that
 *
 *   valgrind --tool=callgrind --toggle-collect='cg_*' out/cg_bench [-f fmt]
 *
 * counts exactly the case (bench-cg.sh prints the counts per case). The
 * workloads are those of bench.c's ops suite (the 1 GiB window at GPA0),
 * at sizes that keep a callgrind run short:
 *
 *   single     511 single 4 KiB maps into a table, then 511 single
 *              unmaps, 8 times (bench's "warm table" lines)
 *   pair1      4096 map+unmap pairs of one 4 KiB page in a table whose
 *              only other entry is its last (unmap scans the table)
 *   map4k      map 1 GiB in 4 KiB pages            unmap4k   unmap it
 *   mapun2m    map and unmap 1 GiB in 2 MiB pages, 16 times
 *   mapun1g    map and unmap one 1 GiB page, 256 times
 *   map1gw     map one 1 GiB page into a warm table (its table holds
 *   unmap1gw   another 1 GiB page), unmap it: each a case of one call,
 *              run 256 times in turn (-t times the pair as mapun1gw)
 *   xlate4k    1M random axpt_translate() in 1 GiB of 4 KiB pages
 *   query4k    1M random axpt_query() in the same
 *   batch4k    1M translations in axpt_translate_batch() calls of 512
 *   xlate2m    1M random axpt_translate() in 1 GiB of 2 MiB pages
 *   query2m    1M random axpt_query() in the same
 *   batch2m    1M translations in batches of 512 in the same
 *   xlate1g    1M random axpt_translate() in one 1 GiB page
 *   query1g    1M random axpt_query() in the same
 *   batch1g    1M translations in batches of 512 in the same
 *   protect    protect 1 GiB of 4 KiB pages read-only
 *   create     100000 create+destroy pairs of an empty table
 *
 * With -t (after the format) each case is also timed (CLOCK_MONOTONIC) and
 * printed in ns per unit (page, pair, call): a wall-clock look at the same
 * code, whose minimum over several runs is what to compare. With
 * CG_NO_CREATE in the environment the create case, the longest under
 * callgrind, is left out (for quick looks at the others).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "arena.h"
#include "bench_util.h"

/* The same calls against the engine before its gather (axpt_flush). */
#ifdef AXPT_GATHER_RANGES
#include "axaddrspace/tests/pt_gather_test.h"

static inline int do_unmap(struct axpt *pt, u64 gpa, u64 size)
{
	struct axpt_gather g;

	return axpt_unmap(pt, gpa, size, ptg(&g, pt));
}

static inline int do_protect(struct axpt *pt, u64 gpa, u64 size, u32 attr)
{
	struct axpt_gather g;

	return axpt_protect(pt, gpa, size, attr, ptg(&g, pt));
}
#else
static inline int do_unmap(struct axpt *pt, u64 gpa, u64 size)
{
	struct axpt_flush f;

	return axpt_unmap(pt, gpa, size, &f);
}

static inline int do_protect(struct axpt *pt, u64 gpa, u64 size, u32 attr)
{
	struct axpt_flush f;

	return axpt_protect(pt, gpa, size, attr, &f);
}
#endif

#define NQ	BIT(20)

static struct arena arena;
static const struct bcfg *bc;

static inline u64 window_addr(u64 k)
{
	return GPA0 + ((k * 0x9e3779b97f4a7c15ULL) >> 34);
}

static void pt_new(struct axpt *pt)
{
	check("axpt_init", axpt_init(pt, &bc->cfg, &arena_mm_ops, &arena));
}

static noinline void cg_single(struct axpt *pt)
{
	unsigned int k, l;

	for (l = 0; l < 8; l++) {
		for (k = 0; k < 511; k++)
			axpt_map(pt, GPA0 + k * 4 * KIB, HPA0 + k * 4 * KIB,
				 4 * KIB, RW_WB, 0);
		for (k = 0; k < 511; k++)
			do_unmap(pt, GPA0 + k * 4 * KIB, 4 * KIB);
	}
}

static noinline void cg_pair1(struct axpt *pt)
{
	unsigned int k;

	for (k = 0; k < 4096; k++) {
		axpt_map(pt, GPA0, HPA0, 4 * KIB, RW_WB, 0);
		do_unmap(pt, GPA0, 4 * KIB);
	}
}

static noinline void cg_map4k(struct axpt *pt)
{
	check("map", axpt_map(pt, GPA0, HPA0, GIB, RW_WB, AXPT_MAP_MAX_4K));
}

static noinline void cg_unmap4k(struct axpt *pt)
{
	check("unmap", do_unmap(pt, GPA0, GIB));
}

static noinline void cg_mapun2m(struct axpt *pt)
{
	unsigned int k;

	for (k = 0; k < 16; k++) {
		check("map", axpt_map(pt, GPA0, HPA0, GIB, RW_WB, AXPT_MAP_MAX_2M));
		check("unmap", do_unmap(pt, GPA0, GIB));
	}
}

static noinline void cg_mapun1g(struct axpt *pt)
{
	unsigned int k;

	for (k = 0; k < 256; k++) {
		check("map", axpt_map(pt, GPA0, HPA0, GIB, RW_WB, 0));
		check("unmap", do_unmap(pt, GPA0, GIB));
	}
}

static noinline void cg_map1gw(struct axpt *pt)
{
	check("map", axpt_map(pt, GPA0, HPA0, GIB, RW_WB, 0));
}

/* not cg_unmap4k's code: the compiler would merge the two */
static noinline void cg_unmap1gw(struct axpt *pt)
{
	check("unmap", do_unmap(pt, GPA0, GIB));
	bench_sink++;
}

static __always_inline u64 do_xlate(struct axpt *pt)
{
	u64 sum = 0, hpa = 0;
	unsigned int k;
	int err = 0;

	for (k = 0; k < NQ; k++) {
		err |= axpt_translate(pt, window_addr(k), &hpa);
		sum += hpa;
	}
	return err ? 0 : sum;
}

static __always_inline u64 do_query(struct axpt *pt)
{
	struct axpt_leaf q;
	unsigned int k;
	u64 sum = 0;
	int err = 0;

	for (k = 0; k < NQ; k++) {
		err |= axpt_query(pt, window_addr(k), &q);
		sum += q.hpa;
	}
	return err ? 0 : sum;
}

/* Distinct salts: identical functions would be folded into one. */
#define CG_WRAP(name, body, salt)					\
static noinline u64 cg_##name(struct axpt *pt)				\
{									\
	return body(pt) + (salt);					\
}

CG_WRAP(xlate4k, do_xlate, 1)
CG_WRAP(query4k, do_query, 2)
CG_WRAP(xlate2m, do_xlate, 3)
CG_WRAP(query2m, do_query, 4)
CG_WRAP(xlate1g, do_xlate, 5)
CG_WRAP(query1g, do_query, 6)

static __always_inline u64 do_batch(struct axpt *pt)
{
	static u64 gpa[512], hpa[512];
	unsigned int k, i, bad = 0;

	for (k = 0; k < NQ; k += 512) {
		for (i = 0; i < 512; i++)
			gpa[i] = window_addr(k + i);
		bad += axpt_translate_batch(pt, gpa, hpa, 512) != 512;
	}
	return bad;
}

CG_WRAP(batch4k, do_batch, 7)
CG_WRAP(batch2m, do_batch, 8)
CG_WRAP(batch1g, do_batch, 9)

static noinline void cg_protect(struct axpt *pt)
{
	check("protect", do_protect(pt, GPA0, GIB, R_WB));
}

static noinline void cg_create(void)
{
	unsigned int k;

	for (k = 0; k < 100000; k++) {
		struct axpt pt;

		pt_new(&pt);
		axpt_destroy(&pt);
	}
}

/* Every translation must be right: checked outside the counted cases. */
static void verify(struct axpt *pt)
{
	unsigned int k;
	u64 hpa;

	for (k = 0; k < 4096; k++) {
		u64 gpa = window_addr(k);

		if (axpt_translate(pt, gpa, &hpa) || hpa - gpa != HPA0 - GPA0)
			die("translation", k);
	}
}

static bool timed;

static u64 t_start(void)
{
	return timed ? now_ns() : 0;
}

static void t_end(const char *name, u64 t0, double units)
{
	if (timed)
		printf("%-8s %10.3f ns\n", name, (now_ns() - t0) / units);
}

int main(int argc, char **argv)
{
	const char *fmt = argc > 1 ? argv[1] : "ept-4";
	struct axpt pt;
	unsigned int i, k;
	u64 t;

	for (i = 0; i < nr_bcfgs; i++)
		if (!strcmp(bcfgs[i].name, fmt))
			bc = &bcfgs[i];
	if (!bc)
		die("no such format", 0);
	timed = argc > 2 && !strcmp(argv[2], "-t");
	if (arena_init(&arena, 64 * MIB, ARENA_PREFAULT))
		die("arena", -ENOMEM);

	pt_new(&pt);
	check("map", axpt_map(&pt, GPA0 + 511 * 4 * KIB, HPA0, 4 * KIB, RW_WB, 0));
	t = t_start();
	cg_single(&pt);
	t_end("single", t, 8 * 511);		/* per map+unmap pair */
	t = t_start();
	cg_pair1(&pt);
	t_end("pair1", t, 4096);
	if (axpt_nr_leaves(&pt, 0) != 1)
		die("single map/unmap", 0);
	axpt_destroy(&pt);

	pt_new(&pt);
	t = t_start();
	cg_map4k(&pt);
	t_end("map4k", t, GIB >> 12);		/* per page */
	verify(&pt);
	t = t_start();
	bench_sink += cg_xlate4k(&pt);
	t_end("xlate4k", t, NQ);		/* per call */
	t = t_start();
	bench_sink += cg_query4k(&pt);
	t_end("query4k", t, NQ);
	t = t_start();
	bench_sink += cg_batch4k(&pt);
	t_end("batch4k", t, NQ);
	t = t_start();
	cg_protect(&pt);
	t_end("protect", t, GIB >> 12);
	t = t_start();
	cg_unmap4k(&pt);
	t_end("unmap4k", t, GIB >> 12);
	t = t_start();
	cg_mapun2m(&pt);
	t_end("mapun2m", t, 16 * 512);		/* per 2 MiB page mapped+unmapped */
	check("map", axpt_map(&pt, GPA0, HPA0, GIB, RW_WB, AXPT_MAP_MAX_2M));
	verify(&pt);
	t = t_start();
	bench_sink += cg_xlate2m(&pt);
	t_end("xlate2m", t, NQ);
	t = t_start();
	bench_sink += cg_query2m(&pt);
	t_end("query2m", t, NQ);
	t = t_start();
	bench_sink += cg_batch2m(&pt);
	t_end("batch2m", t, NQ);
	check("unmap", do_unmap(&pt, GPA0, GIB));
	check("map", axpt_map(&pt, GPA0, HPA0, GIB, RW_WB, 0));
	verify(&pt);
	t = t_start();
	bench_sink += cg_xlate1g(&pt);
	t_end("xlate1g", t, NQ);
	t = t_start();
	bench_sink += cg_query1g(&pt);
	t_end("query1g", t, NQ);
	t = t_start();
	bench_sink += cg_batch1g(&pt);
	t_end("batch1g", t, NQ);
	check("unmap", do_unmap(&pt, GPA0, GIB));
	t = t_start();
	cg_mapun1g(&pt);
	t_end("mapun1g", t, 256);
	/* the next 1 GiB page keeps the table of the pair's page warm */
	check("map", axpt_map(&pt, GPA0 + GIB, HPA0, GIB, RW_WB, 0));
	t = t_start();
	for (k = 0; k < 256; k++) {
		cg_map1gw(&pt);
		cg_unmap1gw(&pt);
	}
	t_end("mapun1gw", t, 256);
	check("unmap", do_unmap(&pt, GPA0 + GIB, GIB));
	axpt_destroy(&pt);

	if (!getenv("CG_NO_CREATE")) {
		t = t_start();
		cg_create();
		t_end("create", t, 100000);
	}
	if (arena.live)
		die("arena pages live at exit", (int)arena.live);
	printf("%llu\n", (unsigned long long)bench_sink & 1);
	return 0;
}
