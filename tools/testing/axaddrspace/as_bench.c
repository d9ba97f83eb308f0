// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace benchmarks of the address-space layer (issue 6): as.c and
 * as_fault.c built with -O2 and no sanitizers, as they are, against the
 * stand-in headers in include/. Table pages come from the arena of
 * arena.c behind a mutex, data frames from the frame HAL of frames.c
 * (pre-faulted, per-thread 4 KiB page caches, zeroed with memset).
 *
 * Every figure is measured REPS times (default 7); min and median are
 * printed, never asserted. Times are wall-clock (CLOCK_MONOTONIC) around
 * batches of calls. "Derived" lines are differences or ratios of two
 * figures: min of one against min of the other, median against median.
 *
 * usage: as_bench [-r reps] [-f format] [-q] [-c] [-s GiB[,GiB]] [suite...]
 *   suites: alloc, linear, populate, fault, threads, scale (default: all;
 *   scale for EPT-4 only unless -f names a format)
 *   -f: only the named format (ept-4, ept-5, npt-4, s2-48-l4, s2-40-l3,
 *       sv48x4); default all
 *   -q: 1/8 of the fault counts and batch sizes (a quick look)
 *   -c: figures as CSV rows, other output as '#' comments (bench_util.c)
 *   -s: GiB of real memory for the scale suite, faulted with 2 MiB frames
 *       and with 4 KiB frames (default 4,4; one number: both; 0 skips)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/array_size.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "bench_util.h"
#include "frames.h"

#define NFAULTS		65536U

/* Every space: [0, 1 TiB), inside every format's input range. */
#define SPACE		TIB

static unsigned int reps = 7;
static unsigned int quick;	/* log2 of the down-scaling factor */
static const char *only_fmt;
static struct locked_arena tables;
static struct frames frames;

/*
 * A difference of two figures measured in the same repetitions: min(@a) -
 * min(@b) (the best case of each; a min of per-repetition differences
 * would pick the repetition where @b was disturbed) and the median of the
 * per-repetition differences @d.
 */
static void report_diff(const char *fmt, const char *what, const char *unit,
			struct samples *a, struct samples *b, struct samples *d)
{
	if (a->n && b->n && d->n)
		line(fmt, what, s_min(a) - s_min(b), s_med(d), unit);
}

static void space_new(struct axas *as, const struct bcfg *b)
{
	check("axas_create", axas_create(as, &b->cfg, axas_gpa(0), SPACE,
					 &locked_arena_mm_ops, &tables,
					 &frames_ops, &frames));
}

/* Permutation of [0, n) (Fisher-Yates). */
static void shuffle(u32 *v, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		v[i] = i;
	for (i = n - 1; i > 0; i--) {
		u32 j = rng() % (i + 1), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

/* ------------------------------------------------------------- alloc */

static u64 hpa[NFAULTS];

/* ns per frame to allocate @n 4 KiB frames (kept live); then free them. */
static double alloc_live_run(unsigned int n)
{
	unsigned int k;
	u64 t0 = now_ns();

	for (k = 0; k < n; k++)
		check("frame alloc", frames_ops.alloc(&frames, 0, &hpa[k]));
	t0 = now_ns() - t0;
	for (k = 0; k < n; k++)
		frames_ops.free(&frames, hpa[k]);
	return (double)t0 / n;
}

/* The frame HAL's own cost, 4 KiB frames zeroed. */
static void bench_alloc(void)
{
	unsigned int n = NFAULTS >> quick, r, k;
	struct samples hot = {}, fr = {}, live = {}, raw = {};

	header("frame HAL (4 KiB frames, zeroed)", reps);
	for (r = 0; r < reps; r++) {
		u64 t0 = now_ns(), h;

		for (k = 0; k < n; k++) {
			check("frame alloc", frames_ops.alloc(&frames, 0, &h));
			frames_ops.free(&frames, h);
		}
		sample_add(&hot, (double)(now_ns() - t0) / n);

		t0 = now_ns();
		for (k = 0; k < n; k++)
			check("frame alloc", frames_ops.alloc(&frames, 0, &hpa[k]));
		sample_add(&live, (double)(now_ns() - t0) / n);
		t0 = now_ns();
		for (k = 0; k < n; k++)
			frames_ops.free(&frames, hpa[k]);
		sample_add(&fr, (double)(now_ns() - t0) / n);
		frames.no_zero = true;
		sample_add(&raw, alloc_live_run(n));
		frames.no_zero = false;
	}
	report("frames", "alloc+free, 1 live (cache-hot)", "ns/pair", &hot);
	report("frames", "alloc, 64Ki live (cold: as in faults)", "ns/frame",
	       &live);
	report("frames", "free, 64Ki live", "ns/frame", &fr);
	report("frames", "  (diag) alloc, 64Ki live, not zeroed", "ns/frame", &raw);
}

/* ------------------------------------------------------------ linear */

/*
 * ns per random axas_translate() in the 1 GiB window; the timed loop uses
 * every field of the result (a full query), so that none of it can be
 * left out by inlining. The controls on the same tables: @engine 1,
 * axpt_translate() (the host address only), the figure the layer is
 * compared with; 2, axpt_query() (the engine's full query).
 */
static double bench_translate(struct axas *as, unsigned int n, int engine)
{
	static u64 seq;
	struct axas_xlate tr = {};
	u64 sum = 0, bad = 0, t0, base = seq, h = 0;
	unsigned int k;
	int err = 0;

	seq += n;
	t0 = now_ns();
	if (engine == 1) {
		for (k = 0; k < n; k++) {
			u64 g = GPA0 + (((base + k) * 0x9e3779b97f4a7c15ULL) >> 34);

			err |= axpt_translate(&as->pt, g, &h);
			sum += h;
		}
	} else if (engine == 2) {
		struct axpt_leaf q = {};

		for (k = 0; k < n; k++) {
			u64 g = GPA0 + (((base + k) * 0x9e3779b97f4a7c15ULL) >> 34);

			err |= axpt_query(&as->pt, g, &q);
			sum += q.hpa + q.level + q.attr;
		}
	} else {
		for (k = 0; k < n; k++) {
			u64 g = GPA0 + (((base + k) * 0x9e3779b97f4a7c15ULL) >> 34);

			err |= axas_translate(as, axas_gpa(g), &tr);
			sum += tr.hpa + tr.page_size + tr.flags;
		}
	}
	t0 = now_ns() - t0;
	bench_sink += sum;
	for (k = 0; k < n; k++) {
		u64 g = GPA0 + (((base + k) * 0x9e3779b97f4a7c15ULL) >> 34);

		bad += axas_translate(as, axas_gpa(g), &tr) ||
		       tr.hpa - g != HPA0 + 4 * KIB - GPA0 || tr.page_size != 4 * KIB ||
		       tr.flags != RW_WB;
	}
	if (err || bad)
		die("translate results", (long)bad);
	return (double)t0 / n;
}

static void bench_linear(const struct bcfg *b)
{
	/* HPA misaligned to force the page size map_linear can use. */
	static const struct { const char *name; u64 hpa_off, page; } sz[] = {
		{ "4K", 4 * KIB, 4 * KIB }, { "2M", 2 * MIB, 2 * MIB },
	};
	unsigned int n = 100000 >> quick, nq = (1U << 20) >> quick, i, r, k;
	struct samples cd = {}, tr = {}, etr = {}, eq = {}, one = {};
	char what[64];

	for (i = 0; i < ARRAY_SIZE(sz); i++) {
		struct samples map = {}, unmap = {}, prot = {};

		for (r = 0; r < reps; r++) {
			struct axas_inval_info fl;
			struct axas as;
			u64 t0;

			space_new(&as, b);
			t0 = now_ns();
			check("map_linear", axas_map_linear(&as, axas_gpa(GPA0),
							    axas_hpa(HPA0 + sz[i].hpa_off),
							    GIB, RW_WB));
			sample_add(&map, (double)(now_ns() - t0) / (GIB / sz[i].page));
			if (axpt_nr_leaves(&as.pt, i) != (long)(GIB / sz[i].page))
				die("map_linear page size", i);
			/* interleaved, so that both see the same machine */
			if (!i) {
				sample_add(&etr, bench_translate(&as, nq, 1));
				sample_add(&eq, bench_translate(&as, nq, 2));
				sample_add(&tr, bench_translate(&as, nq, 0));
			}
			t0 = now_ns();
			check("protect", axas_protect(&as, axas_gpa(GPA0), GIB, R_WB, &fl));
			sample_add(&prot, (double)(now_ns() - t0) / (GIB / sz[i].page));
			if (axpt_nr_leaves(&as.pt, i) != (long)(GIB / sz[i].page) ||
			    fl.start != GPA0 || fl.end != GPA0 + GIB)
				die("protect", i);
			t0 = now_ns();
			check("unmap", axas_unmap(&as, axas_gpa(GPA0), GIB, &fl));
			sample_add(&unmap, (double)(now_ns() - t0) / (GIB / sz[i].page));
			if (as.nr_areas || atomic_long_read(&as.pt.nr_tables) !=
			    1L << as.pt.root_order)
				die("unmap left something", 0);
			axas_destroy(&as);
		}
		snprintf(what, sizeof(what), "map_linear 1G in %s pages", sz[i].name);
		report(b->name, what, "ns/page", &map);
		snprintf(what, sizeof(what), "protect 1G of %s pages", sz[i].name);
		report(b->name, what, "ns/page", &prot);
		snprintf(what, sizeof(what), "unmap 1G of %s pages", sz[i].name);
		report(b->name, what, "ns/page", &unmap);
		if (!i) {
			report(b->name, "translate random, 1G 4K-mapped", "ns/query", &tr);
			report(b->name, "  (control) axpt_translate(), same tables",
			       "ns/query", &etr);
			report(b->name, "  (control) axpt_query(), same tables",
			       "ns/query", &eq);
		}
	}
	for (r = 0; r < reps; r++) {
		struct axas_inval_info fl;
		struct axas as;
		u64 t0;

		/*
		 * Single small operations, where the lock's own cost shows:
		 * map_linear and unmap of one 4 KiB page, next to a 2 MiB
		 * area kept mapped (so that the tables stay).
		 */
		space_new(&as, b);
		check("map_linear", axas_map_linear(&as, axas_gpa(GPA0 + 2 * MIB),
						    axas_hpa(HPA0), 4 * KIB, RW_WB));
		t0 = now_ns();
		for (k = 0; k < n; k++) {
			check("map_linear", axas_map_linear(&as, axas_gpa(GPA0),
							    axas_hpa(HPA0), 4 * KIB,
							    RW_WB));
			check("unmap", axas_unmap(&as, axas_gpa(GPA0), 4 * KIB, &fl));
		}
		sample_add(&one, (double)(now_ns() - t0) / n);
		if (as.nr_areas != 1)
			die("single map/unmap", as.nr_areas);
		axas_destroy(&as);
	}
	report(b->name, "map_linear+unmap one 4K page", "ns/pair", &one);
	for (r = 0; r < reps; r++) {
		u64 t0 = now_ns();

		for (k = 0; k < n; k++) {
			struct axas as;

			space_new(&as, b);
			axas_destroy(&as);
		}
		sample_add(&cd, (double)(now_ns() - t0) / n);
	}
	report(b->name, "create+destroy empty space", "ns/pair", &cd);
}

/* ---------------------------------------------------------- populate */

static void bench_populate(const struct bcfg *b)
{
	const u64 size = 256 * MIB >> quick;
	unsigned int o;

	for (o = 0; o < 2; o++) {
		struct samples pop = {}, des = {};
		char what[64];
		unsigned int r;

		frames.max_order = o ? 9 : 0;
		for (r = 0; r < reps; r++) {
			struct axas as;
			u64 t0;

			space_new(&as, b);
			t0 = now_ns();
			check("populate", axas_map_alloc(&as, axas_gpa(GPA0), size,
							 RW_WB, true));
			sample_add(&pop, (double)(now_ns() - t0) / (size >> 12));
			if (axpt_nr_leaves(&as.pt, o) != (long)(size >> (o ? 21 : 12)))
				die("populate frame size", o);
			t0 = now_ns();
			axas_destroy(&as);
			sample_add(&des, (double)(now_ns() - t0) / (size >> 12));
		}
		snprintf(what, sizeof(what), "map_alloc populate %lluM, %s frames",
			 (unsigned long long)(size / MIB), o ? "2M" : "4K");
		report(b->name, what, "ns/4K", &pop);
		snprintf(what, sizeof(what), "destroy it (%s frames)", o ? "2M" : "4K");
		report(b->name, what, "ns/4K", &des);
	}
	frames.max_order = 9;
}

/* ------------------------------------------------------------- fault */

static u32 perm[NFAULTS];

/* Fault @n addresses @gpa(k) of a fresh lazy area; ns per fault. */
static double fault_run(struct axas *as, const u32 *order, unsigned int n,
			unsigned int shift, u32 want)
{
	struct axas_fault_info fi;
	unsigned int k, bad = 0;
	u64 t0 = now_ns();

	for (k = 0; k < n; k++) {
		u64 g = GPA0 + ((u64)(order ? order[k] : k) << shift);

		axas_handle_fault(as, axas_gpa(g), AXAS_PROT_WRITE, &fi);
		bad += fi.result != want;
	}
	t0 = now_ns() - t0;
	if (bad)
		die("fault results", bad);
	return (double)t0 / n;
}

static void bench_fault(const struct bcfg *b)
{
	unsigned int n = NFAULTS >> quick, n2m = 128 >> (quick ? 2 : 0);
	unsigned int nmix = 256 >> quick, r;
	struct samples seq = {}, rnd = {}, spur = {}, nozero = {};
	struct samples seq2m = {}, rnd2m = {}, mix = {};
	struct samples alloc = {}, alloc_raw = {}, xseq = {}, xrnd = {}, xraw = {};

	for (r = 0; r < reps; r++) {
		struct axas as;
		unsigned int k;
		double a, f;

		/*
		 * 4 KiB frames: the HAL declines 2 MiB ones, as when
		 * fragmented. The allocator's cost for the same n frames is
		 * measured just before each fault run, so that "beyond the
		 * allocator" is a difference within one repetition.
		 */
		frames.max_order = 0;
		a = alloc_live_run(n);
		sample_add(&alloc, a);
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), (u64)n << 12,
					     RW_WB, false));
		f = fault_run(&as, NULL, n, 12, AXAS_FAULT_MAPPED);
		sample_add(&seq, f);
		sample_add(&xseq, f - a);
		sample_add(&spur, fault_run(&as, NULL, n, 12, AXAS_FAULT_SPURIOUS));
		if (axpt_nr_leaves(&as.pt, 0) != n)
			die("4K faults", 0);
		axas_destroy(&as);

		shuffle(perm, n);
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), (u64)n << 12,
					     RW_WB, false));
		a = alloc_live_run(n);
		f = fault_run(&as, perm, n, 12, AXAS_FAULT_MAPPED);
		sample_add(&rnd, f);
		sample_add(&xrnd, f - a);
		axas_destroy(&as);

		/* The same without zeroing (no memory-bandwidth noise). */
		frames.no_zero = true;
		a = alloc_live_run(n);
		sample_add(&alloc_raw, a);
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), (u64)n << 12,
					     RW_WB, false));
		f = fault_run(&as, NULL, n, 12, AXAS_FAULT_MAPPED);
		sample_add(&nozero, f);
		sample_add(&xraw, f - a);
		axas_destroy(&as);
		frames.no_zero = false;

		/* 2 MiB frames: one fault per 2 MiB block. */
		frames.max_order = 9;
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), (u64)n2m << 21,
					     RW_WB, false));
		sample_add(&seq2m, fault_run(&as, NULL, n2m, 21, AXAS_FAULT_MAPPED));
		if (axpt_nr_leaves(&as.pt, 1) != n2m)
			die("2M faults", 0);
		axas_destroy(&as);
		shuffle(perm, n2m);
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), (u64)n2m << 21,
					     RW_WB, false));
		sample_add(&rnd2m, fault_run(&as, perm, n2m, 21, AXAS_FAULT_MAPPED));
		axas_destroy(&as);

		/*
		 * A 2 MiB block that already holds 4 KiB pages (its first
		 * fault found no 2 MiB frame), 2 MiB frames available again:
		 * each 4 KiB fault there tries a 2 MiB frame first.
		 */
		frames.max_order = 0;
		space_new(&as, b);
		check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), 64 * MIB,
					     RW_WB, false));
		for (k = 0; k < 32; k++)
			fault_run(&as, &k, 1, 21, AXAS_FAULT_MAPPED);
		frames.max_order = 9;
		for (k = 0; k < nmix; k++)	/* pages 1..nmix/32 of each block */
			perm[k] = (k % 32) * 512 + 1 + k / 32;
		sample_add(&mix, fault_run(&as, perm, nmix, 12, AXAS_FAULT_MAPPED));
		if (axpt_nr_leaves(&as.pt, 1))
			die("mixed block faults", 0);
		axas_destroy(&as);
	}
	report(b->name, "frame alloc 64Ki live (as faults use)", "ns/frame", &alloc);
	report(b->name, "lazy fault 64Ki x 4K, sequential", "ns/fault", &seq);
	report(b->name, "lazy fault 64Ki x 4K, random", "ns/fault", &rnd);
	report_diff(b->name, "  beyond allocator, sequential", "ns/fault",
		    &seq, &alloc, &xseq);
	report_diff(b->name, "  beyond allocator, random", "ns/fault",
		    &rnd, &alloc, &xrnd);
	report(b->name, "  (diag) sequential, frames not zeroed", "ns/fault",
	       &nozero);
	report_diff(b->name, "  (diag) beyond allocator, not zeroed", "ns/fault",
		    &nozero, &alloc_raw, &xraw);
	report(b->name, "spurious fault (mapped), sequential", "ns/fault", &spur);
	report(b->name, "lazy fault 2M frames, sequential", "ns/fault", &seq2m);
	report(b->name, "lazy fault 2M frames, random", "ns/fault", &rnd2m);
	report(b->name, "4K fault in block with 4K pages", "ns/fault", &mix);
	frames.max_order = 9;
}

/* ----------------------------------------------------------- threads */

#define NWORKERS	2

/* Persistent workers, so each keeps its frame cache across runs. */
static struct {
	pthread_barrier_t start, done;
	struct axas *as[NWORKERS];	/* one space, or one per thread */
	unsigned int nthreads, pages;
	bool quit;
	int spin;	/* control loops, no faults: 1 ALU, 2 engine on own table */
	const struct axpt_cfg *cfg;
	u64 t0[NWORKERS], t1[NWORKERS];
	unsigned int bad[NWORKERS];
} job;

/*
 * Workers are pinned to CPUs 0, 1, ...: woken together from a barrier,
 * unpinned threads tend to be queued on one CPU for longer than a
 * millisecond-long run lasts, which would measure the scheduler.
 */
static void *worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(id % (ncpu > 0 ? ncpu : 1), &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);

	for (;;) {
		pthread_barrier_wait(&job.start);
		if (job.quit)
			return NULL;
		if (id < job.nthreads) {
			u64 base = GPA0 + (u64)id * job.pages * 4096;
			struct axas *as = job.as[id];
			struct axas_fault_info fi;
			unsigned int k, bad = 0;

			job.t0[id] = now_ns();
			if (job.spin == 2) {
				/*
				 * Query + shared map of 4 KiB pages, then unmap,
				 * in a table of this thread's: nothing shared but
				 * the table arena's mutex (once per 512 maps).
				 */
				struct axpt_gather fl;
				struct axpt_leaf q;
				struct axpt pt;

				check("axpt_init", axpt_init(&pt, job.cfg, &locked_arena_mm_ops,
							     &tables));
				for (k = 0; k < job.pages; k++) {
					u64 g = GPA0 + ((u64)k << 12);

					bad += !axpt_query(&pt, g, &q);
					bad += axpt_map(&pt, g, HPA0, 4096, RW_WB,
							AXPT_MAP_SHARED | AXPT_MAP_MAX_4K);
				}
				check("unmap", axpt_unmap(&pt, GPA0, (u64)job.pages << 12,
							  ptg(&fl, &pt)));
				axpt_destroy(&pt);
			} else if (job.spin) {
				u64 x = id + 1;

				/* ~40 ns of dependent ALU work per "fault" */
				for (k = 0; k < job.pages * 30; k++) {
					x ^= x << 13;
					x ^= x >> 7;
					x ^= x << 17;
				}
				bad = x == 0;
			}
			for (k = 0; k < job.pages && !job.spin; k++) {
				axas_handle_fault(as, axas_gpa(base + (u64)k * 4096),
						  AXAS_PROT_WRITE, &fi);
				bad += fi.result != AXAS_FAULT_MAPPED;
			}
			job.t1[id] = now_ns();
			job.bad[id] = bad;
		}
		pthread_barrier_wait(&job.done);
	}
}

/*
 * 64Ki lazy 4 KiB faults split over 1 then 2 threads; @zero the frames;
 * @apart: each thread in a space of its own (a control: what the machine
 * gives two threads that share nothing but the allocator's global stack).
 */
static void threads_run(const struct bcfg *b, bool zero, bool apart)
{
	unsigned int n = NFAULTS >> quick, t, r, i;
	struct samples s[NWORKERS + 1] = {};
	char what[64];

	frames.max_order = 0;
	frames.no_zero = !zero;
	for (r = 0; r < reps; r++) {
		for (t = 1; t <= NWORKERS; t++) {
			/* spaces on cache lines of their own: no false sharing */
			static struct { struct axas as; } __aligned(128) sp[NWORKERS];
			u64 t0 = ~0ULL, t1 = 0, pages = 0;

			for (i = 0; i < (apart ? t : 1); i++) {
				space_new(&sp[i].as, b);
				check("lazy", axas_map_alloc(&sp[i].as, axas_gpa(GPA0),
							     (u64)n << 12, RW_WB, false));
			}
			for (i = 0; i < NWORKERS; i++)
				job.as[i] = &sp[apart ? i : 0].as;
			job.nthreads = t;
			job.pages = n / t;
			pthread_barrier_wait(&job.start);
			pthread_barrier_wait(&job.done);
			for (i = 0; i < t; i++) {
				if (job.bad[i])
					die("threaded faults", job.bad[i]);
				t0 = job.t0[i] < t0 ? job.t0[i] : t0;
				t1 = job.t1[i] > t1 ? job.t1[i] : t1;
			}
			for (i = 0; i < (apart ? t : 1); i++) {
				pages += axas_data_pages(&sp[i].as);
				axas_destroy(&sp[i].as);
			}
			if (pages != n)
				die("threaded fault count", pages);
			sample_add(&s[t], (double)(t1 - t0) / n);
		}
	}
	frames.max_order = 9;
	frames.no_zero = false;
	snprintf(what, sizeof(what), "%s%s",
		 zero ? "lazy fault 64Ki x 4K" : "  (diag) unzeroed",
		 apart ? ", own spaces" : "");
	for (t = 1; t <= NWORKERS; t++)
		report_point(b->name, what, t, t > 1 ? "2 threads" : "1 thread",
			     "ns/fault (wall)", &s[t]);
	snprintf(what, sizeof(what), "  %s%sthroughput 2 thr / 1",
		 zero ? "" : "(diag) unzeroed, ", apart ? "own spaces, " : "");
	line(b->name, what, s_min(&s[1]) / s_min(&s[2]),
	     s_med(&s[1]) / s_med(&s[2]), "x");
}

/*
 * What the machine gives two threads that share nothing: @kind 1, an ALU
 * spin loop; 2, the engine's fault path alone (query + shared 4 KiB map,
 * plus unmap) in a table of each thread's own.
 */
static void threads_control(const struct bcfg *b, int kind)
{
	unsigned int n = NFAULTS >> quick, t, r, i;
	struct samples s[NWORKERS + 1] = {};

	job.spin = kind;
	job.cfg = &b->cfg;
	for (r = 0; r < reps; r++) {
		for (t = 1; t <= NWORKERS; t++) {
			u64 t0 = ~0ULL, t1 = 0;

			job.nthreads = t;
			job.pages = n / t;
			pthread_barrier_wait(&job.start);
			pthread_barrier_wait(&job.done);
			for (i = 0; i < t; i++) {
				t0 = job.t0[i] < t0 ? job.t0[i] : t0;
				t1 = job.t1[i] > t1 ? job.t1[i] : t1;
				if (job.bad[i])
					die("control", job.bad[i]);
			}
			sample_add(&s[t], (double)(t1 - t0) / n);
		}
	}
	job.spin = 0;
	for (t = 1; t <= NWORKERS; t++)
		report_point(kind == 1 ? "machine" : b->name, kind == 1 ?
			     "  (control) ALU spin" : "  (control) engine alone", t,
			     t > 1 ? "2 threads" : "1 thread", "ns/fault (wall)",
			     &s[t]);
	line(kind == 1 ? "machine" : b->name,
	     kind == 1 ? "  (control) ALU spin, throughput 2 thr / 1" :
	     "  (control) engine alone, 2 thr / 1",
	     s_min(&s[1]) / s_min(&s[2]), s_med(&s[1]) / s_med(&s[2]), "x");
}

static void bench_threads(const struct bcfg *b)
{
	threads_control(b, 1);
	threads_control(b, 2);
	threads_run(b, true, false);
	threads_run(b, false, false);
	threads_run(b, false, true);
}

/* ---------------------------------------------------------------- main */

/* ------------------------------------------------------------- scale */

/* -s: GiB of real memory faulted with 2 MiB frames, then with 4 KiB ones */
static unsigned int scale_gib[2] = { 4, 4 };

/* Table memory beyond the root, in KiB per GiB of @gib GiB mapped. */
static double tables_kib_per_gib(struct axas *as, unsigned int gib)
{
	long t = atomic_long_read(&as->pt.nr_tables) - (1L << as->pt.root_order);

	return (double)t * 4 / gib;
}

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

/*
 * One operation of a scale run: wall time in us, the same per GiB, and
 * the thread's CPU time per GiB (@t[0] wall, @t[1] CPU, in ns).
 */
static void scale_line(const char *fmt, const char *op, const char *frames,
		       unsigned int gib, const double *t)
{
	char what[64];

	snprintf(what, sizeof(what), "%uG %s: %s", gib, frames, op);
	line(fmt, what, t[0] / 1e3, t[0] / 1e3, "us");
	snprintf(what, sizeof(what), "%uG %s: %s, per GiB", gib, frames, op);
	line(fmt, what, t[0] / 1e3 / gib, t[0] / 1e3 / gib, "us/GiB");
	snprintf(what, sizeof(what), "%uG %s: %s, CPU per GiB", gib, frames, op);
	line(fmt, what, t[1] / 1e3 / gib, t[1] / 1e3 / gib, "us/GiB");
}

/* Start (@t NULL) or stop a wall and CPU timer. */
static void stopwatch(u64 *start, double *t)
{
	u64 w = now_ns(), c = cpu_ns();

	if (t) {
		t[0] = (double)(w - start[0]);
		t[1] = (double)(c - start[1]);
	}
	start[0] = w;
	start[1] = c;
}

/*
 * The largest space of real memory this machine allows (-s GiB, the
 * frames are real memory, pre-faulted): created with one lazy area over
 * all of it, every page faulted in address order (with 2 MiB frames: one
 * fault per 2 MiB; with 4 KiB frames: one per 4 KiB), walked (every
 * present entry, what the dump ioctl reads) and destroyed. One run each
 * (too big to repeat): time, time per GiB and table memory per GiB (the
 * floor is 2048 KiB per GiB for 4 KiB pages, 4 KiB for 2 MiB pages).
 */
static void scale_big(const struct bcfg *b, unsigned int o)
{
	const unsigned int gib = scale_gib[!o];
	const u64 size = (u64)gib << 30, step = o ? 2 * MIB : 4 * KIB;
	const char *fr = o ? "2M frames" : "4K frames";
	struct axas_fault_info fi;
	struct walk_count w = {};
	struct locked_arena bt;
	double t_cr[2], t_f[2], t_w[2], t_d[2], kib;
	struct frames bf;
	struct axas as;
	u64 t0[2], g;

	if (!gib)
		return;
	/* fresh arenas: freed 2 MiB frames do not become 4 KiB ones */
	if (locked_arena_init(&bt, (size >> 30) * 3 * MIB + 16 * MIB,
			      ARENA_PREFAULT | ARENA_HUGE) ||
	    frames_init(&bf, size, ARENA_PREFAULT | ARENA_HUGE))
		die("scale arenas", -ENOMEM);
	bf.max_order = o ? 9 : 0;
	stopwatch(t0, NULL);
	check("axas_create", axas_create(&as, &b->cfg, axas_gpa(0), SPACE,
					 &locked_arena_mm_ops, &bt, &frames_ops,
					 &bf));
	check("lazy", axas_map_alloc(&as, axas_gpa(GPA0), size, RW_WB, false));
	stopwatch(t0, t_cr);

	stopwatch(t0, NULL);
	for (g = GPA0; g < GPA0 + size; g += step) {
		axas_handle_fault(&as, axas_gpa(g), AXAS_PROT_WRITE, &fi);
		if (fi.result != AXAS_FAULT_MAPPED)
			die("scale fault", fi.result);
	}
	stopwatch(t0, t_f);
	if (axas_data_pages(&as) != (long)(size >> 12) ||
	    axpt_nr_leaves(&as.pt, o) != (long)(size / step))
		die("scale page count", o);
	kib = tables_kib_per_gib(&as, gib);

	stopwatch(t0, NULL);
	check("walk", axpt_walk(&as.pt, GPA0, size, walk_count_fn, &w));
	stopwatch(t0, t_w);
	if (w.leaves != (long)(size / step))
		die("scale walk leaves", w.leaves);

	stopwatch(t0, NULL);
	axas_destroy(&as);
	stopwatch(t0, t_d);
	if (frames_live(&bf) || bt.a.live)
		die("scale destroy left pages", frames_live(&bf) + bt.a.live);

	note("%-9s %u GiB, %s: %llu faults, ", b->name, gib, fr,
	     (unsigned long long)(size / step));
	note("%ld entries walked, %.0f KiB of tables\n", w.entries, kib * gib);
	scale_line(b->name, "create (space + lazy area)", fr, gib, t_cr);
	scale_line(b->name, "fault all", fr, gib, t_f);
	scale_line(b->name, "walk", fr, gib, t_w);
	scale_line(b->name, "destroy", fr, gib, t_d);
	{
		char what[64];

		snprintf(what, sizeof(what), "%uG %s: table memory per GiB",
			 gib, fr);
		line(b->name, what, kib, kib, "KiB/GiB");
	}
	frames_fini(&bf);
	locked_arena_fini(&bt);
}

/*
 * Nothing may cost the size of the address space rather than the work: a
 * 2^57-byte EPT-5 space against a 1 GiB one, create+destroy of the empty
 * space, and a lazy area over all of it with one 4 KiB fault, then
 * destroy. The table pages each takes are checked to be the same; the
 * times are printed with their ratio, never asserted.
 */
static void scale_size_free(void)
{
	static const struct bcfg ept5 = {
		"ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 }
	};
	static const u64 sizes[] = { GIB, 1ULL << 57 };
	unsigned int n = 20000 >> quick, i, r, k;
	double cd[2], lf[2];
	long tabs[2] = {};

	frames.max_order = 0;
	for (i = 0; i < 2; i++) {
		struct samples s = {}, l = {};
		char what[64];

		for (r = 0; r < reps; r++) {
			u64 t0 = now_ns();

			for (k = 0; k < n; k++) {
				struct axas as;

				check("axas_create", axas_create(&as, &ept5.cfg, axas_gpa(0),
								 sizes[i], &locked_arena_mm_ops,
								 &tables, &frames_ops, &frames));
				axas_destroy(&as);
			}
			sample_add(&s, (double)(now_ns() - t0) / n);

			t0 = now_ns();
			for (k = 0; k < n / 16; k++) {
				struct axas_fault_info fi;
				struct axas as;

				check("axas_create", axas_create(&as, &ept5.cfg, axas_gpa(0),
								 sizes[i], &locked_arena_mm_ops,
								 &tables, &frames_ops, &frames));
				check("lazy", axas_map_alloc(&as, axas_gpa(0), sizes[i],
							     RW_WB, false));
				axas_handle_fault(&as, axas_gpa(sizes[i] / 2),
						  AXAS_PROT_WRITE, &fi);
				if (fi.result != AXAS_FAULT_MAPPED)
					die("size-free fault", fi.result);
				tabs[i] = atomic_long_read(&as.pt.nr_tables);
				axas_destroy(&as);
			}
			sample_add(&l, (double)(now_ns() - t0) / (n / 16));
		}
		cd[i] = s_min(&s);
		lf[i] = s_min(&l);
		snprintf(what, sizeof(what), "%s space: create+destroy empty",
			 size_name(sizes[i]));
		report(ept5.name, what, "ns/pair", &s);
		snprintf(what, sizeof(what), "%s space: lazy area, 1 fault, destroy",
			 size_name(sizes[i]));
		report(ept5.name, what, "ns", &l);
	}
	frames.max_order = 9;
	if (tabs[0] != tabs[1] || tabs[0] != 5)
		die("size-free: table pages differ", tabs[1]);
	note("growth: 2^57-byte / 1 GiB space: create+destroy %.2fx, ",
	     cd[1] / cd[0]);
	note("lazy area + fault + destroy %.2fx ", lf[1] / lf[0]);
	note("(printed, not asserted; %ld table pages each, checked)\n",
	     tabs[0]);
}

static void bench_scale(const struct bcfg *b)
{
	scale_big(b, 1);
	scale_big(b, 0);
}

static const char *thp_mib(void)
{
	static char buf[32] = "?";
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char l[256];
	unsigned long kb;

	if (!f)
		return buf;
	while (fgets(l, sizeof(l), f))
		if (sscanf(l, "AnonHugePages: %lu kB", &kb) == 1)
			snprintf(buf, sizeof(buf), "%lu", kb / 1024);
	fclose(f);
	return buf;
}

static void print_load(const char *when)
{
	FILE *f = fopen("/proc/loadavg", "r");
	char l[128];

	if (f && fgets(l, sizeof(l), f))
		note("load average %s: %s", when, l);
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	bool do_alloc = false, do_linear = false, do_pop = false;
	bool do_fault = false, do_threads = false, do_scale = false;
	pthread_t th[NWORKERS];
	unsigned int i;
	int opt;

	while ((opt = getopt(argc, argv, "r:f:qcs:")) != -1) {
		switch (opt) {
		case 'r':
			reps = strtoul(optarg, NULL, 0);
			if (!reps || reps > MAX_REPS)
				reps = 7;
			break;
		case 'f':
			only_fmt = optarg;
			break;
		case 'q':
			quick = 3;
			break;
		case 'c':
			bench_csv = true;
			break;
		case 's': {
			char *end;

			scale_gib[0] = strtoul(optarg, &end, 0);
			scale_gib[1] = *end == ',' ? strtoul(end + 1, NULL, 0) :
				       scale_gib[0];
			break;
		}
		default:
			fprintf(stderr, "usage: %s [-r reps] [-f format] [-q] [-c] [-s GiB[,GiB]] ",
				argv[0]);
			fputs("[alloc|linear|populate|fault|threads|scale]...\n", stderr);
			return 2;
		}
	}
	for (i = optind; i < (unsigned int)argc; i++) {
		do_alloc |= !strcmp(argv[i], "alloc");
		do_linear |= !strcmp(argv[i], "linear");
		do_pop |= !strcmp(argv[i], "populate");
		do_fault |= !strcmp(argv[i], "fault");
		do_threads |= !strcmp(argv[i], "threads");
		do_scale |= !strcmp(argv[i], "scale");
	}
	if (optind == (int)argc) {
		do_alloc = true;
		do_linear = true;
		do_pop = true;
		do_fault = true;
		do_threads = true;
		/* EPT-4 only, as the engine's scale suite */
		do_scale = !only_fmt || !strcmp(only_fmt, "ept-4");
	}

	/* Tables: 1 GiB of 4K mappings needs 2 MiB; frames: 768 MiB at most. */
	if (locked_arena_init(&tables, 64 * MIB, ARENA_PREFAULT | ARENA_HUGE) ||
	    frames_init(&frames, 1 * GIB, ARENA_PREFAULT | ARENA_HUGE))
		die("arenas", -ENOMEM);
	if (bench_csv)
		header("as_bench", reps);
	note("as_bench: tables 64 MiB, frames %llu MiB pre-faulted, %s MiB in huge pages\n",
	     (unsigned long long)(frames.size / MIB), thp_mib());
	print_load("at start");

	pthread_barrier_init(&job.start, NULL, NWORKERS + 1);
	pthread_barrier_init(&job.done, NULL, NWORKERS + 1);
	for (i = 0; i < NWORKERS; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i))
			die("pthread_create", i);

	if (do_alloc || do_fault)
		bench_alloc();
	for (i = 0; i < nr_bcfgs; i++) {
		const struct bcfg *b = &bcfgs[i];

		if (only_fmt && strcmp(only_fmt, b->name))
			continue;
		header(b->name, reps);
		if (do_linear)
			bench_linear(b);
		if (do_pop)
			bench_populate(b);
		if (do_fault)
			bench_fault(b);
		if (do_threads)
			bench_threads(b);
		if (do_scale && (only_fmt || !i))
			bench_scale(b);
	}
	if (do_scale) {
		header("scale: the size of the space is free", reps);
		scale_size_free();
	}

	job.quit = true;
	pthread_barrier_wait(&job.start);
	for (i = 0; i < NWORKERS; i++)
		pthread_join(th[i], NULL);
	print_load("at end");
	if (tables.a.live)
		die("table pages live at exit", tables.a.live);
	if (frames_live(&frames))
		die("frames live at exit", frames_live(&frames));
	locked_arena_fini(&tables);
	frames_fini(&frames);
	return 0;
}
