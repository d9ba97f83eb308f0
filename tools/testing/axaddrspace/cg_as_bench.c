// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction counts of the address-space layer's hot paths, for
 * callgrind: the cases of cg_bench.c (the engine's) through as.c, with the
 * same names, so that the two counts of a case differ by exactly what the
 * layer adds:
 *
 *   valgrind --tool=callgrind --toggle-collect='cg_*' out/cg_as_bench [fmt]
 *
 * (bench-cg.sh FORMAT out/cg_as_bench prints them per case.) Cases:
 *
 *   map4k      axas_map_linear() of 1 GiB in 4 KiB pages (host address
 *              only 4 KiB aligned)       unmap4k   axas_unmap() of it
 *   mapun2m    map and unmap 1 GiB in 2 MiB pages, 16 times
 *   xlate4k    1M random axas_translate() in 1 GiB of 4 KiB pages
 *   xlate2m    the same in 1 GiB of 2 MiB pages
 *   protect    axas_protect() of 1 GiB of 4 KiB pages read-only
 *   create     100000 create+destroy pairs of an empty space
 *   pop4k      axas_map_alloc() populate of 64 MiB, 4 KiB frames, not
 *              zeroed (the frame HAL's memset is not the layer's)
 *   destroy4k  axas_destroy() of it
 *   fault4k    16Ki lazy faults in address order, frames not zeroed
 *   mapun1     100000 axas_map_linear() + axas_unmap() pairs of one
 *              4 KiB page (tables kept by a neighbour): the lock's share
 *
 * With -t (after the format) each case is also timed and printed in ns
 * per unit, as in cg_bench.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench_util.h"
#include "frames.h"

#define NQ	BIT(20)
#define NF	BIT(14)
#define POP	(64 * MIB)

static struct locked_arena tables;
static struct frames frames;
static const struct bcfg *bc;

static inline u64 window_addr(u64 k)
{
	return GPA0 + ((k * 0x9e3779b97f4a7c15ULL) >> 34);
}

static void as_new(struct axas *as)
{
	check("axas_create", axas_create(as, &bc->cfg, axas_gpa(0), TIB,
					 &locked_arena_mm_ops, &tables,
					 &frames_ops, &frames));
}

static noinline void cg_map4k(struct axas *as)
{
	check("map", axas_map_linear(as, axas_gpa(GPA0), axas_hpa(HPA0 + 4 * KIB),
				     GIB, RW_WB));
}

static noinline void cg_unmap4k(struct axas *as)
{
	check("unmap", axas_unmap(as, axas_gpa(GPA0), GIB, NULL));
}

static noinline void cg_mapun2m(struct axas *as)
{
	unsigned int k;

	for (k = 0; k < 16; k++) {
		check("map", axas_map_linear(as, axas_gpa(GPA0),
					     axas_hpa(HPA0 + 2 * MIB), GIB, RW_WB));
		check("unmap", axas_unmap(as, axas_gpa(GPA0), GIB, NULL));
	}
}

static noinline void cg_mapun1(struct axas *as)
{
	unsigned int k;

	for (k = 0; k < 100000; k++) {
		check("map", axas_map_linear(as, axas_gpa(GPA0), axas_hpa(HPA0),
					     4 * KIB, RW_WB));
		check("unmap", axas_unmap(as, axas_gpa(GPA0), 4 * KIB, NULL));
	}
}

static __always_inline u64 do_xlate(struct axas *as)
{
	struct axas_xlate x = {};
	unsigned int k;
	u64 sum = 0;
	int err = 0;

	for (k = 0; k < NQ; k++) {
		err |= axas_translate(as, axas_gpa(window_addr(k)), &x);
		sum += x.hpa;
	}
	return err ? 0 : sum;
}

/* Distinct salts: identical functions would be folded into one. */
#define CG_WRAP(name, body, salt)					\
static noinline u64 cg_##name(struct axas *as)				\
{									\
	return body(as) + (salt);					\
}

CG_WRAP(xlate4k, do_xlate, 1)
CG_WRAP(xlate2m, do_xlate, 3)

static noinline void cg_protect(struct axas *as)
{
	check("protect", axas_protect(as, axas_gpa(GPA0), GIB, R_WB, NULL));
}

static noinline void cg_create(void)
{
	unsigned int k;

	for (k = 0; k < 100000; k++) {
		struct axas as;

		as_new(&as);
		axas_destroy(&as);
	}
}

static noinline void cg_pop4k(struct axas *as)
{
	check("populate", axas_map_alloc(as, axas_gpa(GPA0), POP, RW_WB, true));
}

static noinline void cg_destroy4k(struct axas *as)
{
	axas_destroy(as);
}

static noinline unsigned int cg_fault4k(struct axas *as)
{
	struct axas_fault_info fi;
	unsigned int k, bad = 0;

	for (k = 0; k < NF; k++) {
		axas_handle_fault(as, axas_gpa(GPA0 + (u64)k * 4 * KIB),
				  AXAS_PROT_WRITE, &fi);
		bad += fi.result != AXAS_FAULT_MAPPED;
	}
	return bad;
}

/* Every translation must be right: checked outside the counted cases. */
static void verify(struct axas *as, u64 off, u64 page)
{
	struct axas_xlate x;
	unsigned int k;

	for (k = 0; k < 4096; k++) {
		u64 gpa = window_addr(k);

		if (axas_translate(as, axas_gpa(gpa), &x) ||
		    x.hpa - gpa != HPA0 + off - GPA0 || x.page_size != page ||
		    x.flags != RW_WB)
			die("translation", k);
	}
}

/*
 * The same few lines as cg_bench.c's, not shared through bench_util:
 * cg_bench.c is copied into older trees to count their engine, and their
 * bench_util.c would not have a shared version.
 */
static bool timed;

static u64 t_start(void)
{
	return timed ? now_ns() : 0;
}

static void t_end(const char *name, u64 t0, double units)
{
	if (timed)
		printf("%-9s %10.3f ns\n", name, (now_ns() - t0) / units);
}

int main(int argc, char **argv)
{
	const char *fmt = argc > 1 ? argv[1] : "ept-4";
	struct axas as;
	unsigned int i;
	u64 t;

	for (i = 0; i < nr_bcfgs; i++)
		if (!strcmp(bcfgs[i].name, fmt))
			bc = &bcfgs[i];
	if (!bc)
		die("no such format", 0);
	timed = argc > 2 && !strcmp(argv[2], "-t");
	if (locked_arena_init(&tables, 64 * MIB, ARENA_PREFAULT | ARENA_HUGE) ||
	    frames_init(&frames, 256 * MIB, ARENA_PREFAULT | ARENA_HUGE))
		die("arenas", -ENOMEM);
	frames.no_zero = true;

	as_new(&as);
	t = t_start();
	cg_map4k(&as);
	t_end("map4k", t, GIB >> 12);
	verify(&as, 4 * KIB, 4 * KIB);
	t = t_start();
	bench_sink += cg_xlate4k(&as);
	t_end("xlate4k", t, NQ);
	t = t_start();
	cg_protect(&as);
	t_end("protect", t, GIB >> 12);
	t = t_start();
	cg_unmap4k(&as);
	t_end("unmap4k", t, GIB >> 12);
	if (as.nr_areas || atomic_long_read(&as.pt.nr_tables) != 1L << as.pt.root_order)
		die("unmap left something", 0);
	t = t_start();
	cg_mapun2m(&as);
	t_end("mapun2m", t, 16 * 512);
	check("map", axas_map_linear(&as, axas_gpa(GPA0), axas_hpa(HPA0 + 2 * MIB),
				     GIB, RW_WB));
	verify(&as, 2 * MIB, 2 * MIB);
	t = t_start();
	bench_sink += cg_xlate2m(&as);
	t_end("xlate2m", t, NQ);
	check("unmap", axas_unmap(&as, axas_gpa(GPA0), GIB, NULL));
	check("map", axas_map_linear(&as, axas_gpa(GPA0 + 2 * MIB), axas_hpa(HPA0),
				     4 * KIB, RW_WB));
	t = t_start();
	cg_mapun1(&as);
	t_end("mapun1", t, 100000);
	if (as.nr_areas != 1)
		die("single map/unmap", as.nr_areas);
	axas_destroy(&as);

	frames.max_order = 0;
	as_new(&as);
	t = t_start();
	cg_pop4k(&as);
	t_end("pop4k", t, POP >> 12);
	if (axas_data_pages(&as) != (long)(POP >> 12))
		die("populate data pages", axas_data_pages(&as));
	t = t_start();
	cg_destroy4k(&as);
	t_end("destroy4k", t, POP >> 12);

	as_new(&as);
	check("map_alloc", axas_map_alloc(&as, axas_gpa(GPA0), GIB, RW_WB, false));
	t = t_start();
	if (cg_fault4k(&as))
		die("fault results", 0);
	t_end("fault4k", t, NF);
	if (axas_data_pages(&as) != NF)
		die("fault data pages", axas_data_pages(&as));
	axas_destroy(&as);

	if (!getenv("CG_NO_CREATE")) {
		t = t_start();
		cg_create();
		t_end("create", t, 100000);
	}
	if (tables.a.live)
		die("table pages live at exit", tables.a.live);
	if (frames_live(&frames))
		die("frames live at exit", frames_live(&frames));
	printf("%llu\n", (unsigned long long)bench_sink & 1);
	return 0;
}
