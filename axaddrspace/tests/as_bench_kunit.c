// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel benchmarks of the address-space layer with the real
 * alloc_pages() HALs. Not timed tests: each case prints ns per operation
 * (the minimum and median of 5 repetitions) and only asserts that the
 * operations succeed. Built only with CONFIG_AXADDRSPACE_BENCH (see
 * `make bench-kernel`), as KASAN and lockdep would distort the figures.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include "axaddrspace/as.h"

#define BENCH_REPS	5
#define RW_WB		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)

static int bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void bench_report(struct kunit *test, const char *what, u64 *ns,
			 u64 ops)
{
	sort(ns, BENCH_REPS, sizeof(*ns), bench_cmp, NULL);
	kunit_info(test, "%-44s min %6llu.%01llu ns/op  median %6llu.%01llu ns/op",
		   what, div64_u64(ns[0], ops), div64_u64(ns[0] * 10, ops) % 10,
		   div64_u64(ns[BENCH_REPS / 2], ops),
		   div64_u64(ns[BENCH_REPS / 2] * 10, ops) % 10);
}

static void bench_space(struct kunit *test, struct axas *as)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };

	KUNIT_ASSERT_EQ(test, axas_create(as, &cfg, axas_gpa(0), 1ULL << 40,
					  &axpt_linux_mm_ops, NULL,
					  &axas_linux_frame_ops, NULL), 0);
}

/* map_linear and unmap of 1 GiB at each page size; create + destroy. */
static void as_bench_linear(struct kunit *test)
{
	static const struct {
		const char *name;
		u64 hpa_off;	/* misalign the HPA to force a page size */
		u64 page;
	} sz[] = {
		{ "4K", SZ_4K, SZ_4K }, { "2M", SZ_2M, SZ_2M }, { "1G", 0, SZ_1G },
	};
	u64 map_ns[BENCH_REPS], unmap_ns[BENCH_REPS], cd_ns[BENCH_REPS];
	char name[48];
	unsigned int i, r;

	for (i = 0; i < ARRAY_SIZE(sz); i++) {
		for (r = 0; r < BENCH_REPS; r++) {
			struct axas_inval_info fl;
			struct axas as;
			u64 t;

			bench_space(test, &as);
			t = ktime_get_ns();
			KUNIT_ASSERT_EQ(test, axas_map_linear(&as, axas_gpa(SZ_1G),
							      axas_hpa(1ULL << 45 | sz[i].hpa_off),
							      SZ_1G, RW_WB), 0);
			map_ns[r] = ktime_get_ns() - t;
			t = ktime_get_ns();
			KUNIT_ASSERT_EQ(test, axas_unmap(&as, axas_gpa(SZ_1G), SZ_1G, &fl), 0);
			unmap_ns[r] = ktime_get_ns() - t;
			axas_destroy(&as);
		}
		snprintf(name, sizeof(name), "map_linear 1 GiB, %s pages", sz[i].name);
		bench_report(test, name, map_ns, SZ_1G / sz[i].page);
		snprintf(name, sizeof(name), "unmap 1 GiB, %s pages", sz[i].name);
		bench_report(test, name, unmap_ns, SZ_1G / sz[i].page);
	}
	for (r = 0; r < BENCH_REPS; r++) {
		struct axas as;
		u64 t = ktime_get_ns();
		unsigned int k;

		for (k = 0; k < 1000; k++) {
			bench_space(test, &as);
			axas_destroy(&as);
		}
		cd_ns[r] = ktime_get_ns() - t;
	}
	bench_report(test, "create + destroy (empty)", cd_ns, 1000);
}

/* map_alloc populate of 256 MiB (2 MiB frames when available). */
static void as_bench_populate(struct kunit *test)
{
	u64 ns[BENCH_REPS], free_ns[BENCH_REPS];
	unsigned int r;

	for (r = 0; r < BENCH_REPS; r++) {
		struct axas as;
		u64 t;

		bench_space(test, &as);
		t = ktime_get_ns();
		KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(0), SZ_256M, RW_WB,
						     true), 0);
		ns[r] = ktime_get_ns() - t;
		t = ktime_get_ns();
		axas_destroy(&as);
		free_ns[r] = ktime_get_ns() - t;
	}
	bench_report(test, "map_alloc populate 256 MiB, per 4K", ns, SZ_256M / SZ_4K);
	bench_report(test, "destroy populated 256 MiB, per 4K", free_ns,
		     SZ_256M / SZ_4K);
}

/* The Linux frame HAL, declining 2 MiB frames: every fault maps 4 KiB. */
static int bench_alloc_4k(void *ctx, unsigned int order, u64 *hpa)
{
	return order ? -ENOMEM : axas_linux_frame_ops.alloc(ctx, order, hpa);
}

static const struct axas_frame_ops bench_frame_ops_4k = {
	.alloc = bench_alloc_4k,
	.free = axas_linux_free_frame,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
};

struct bench_faulter {
	struct axas *as;
	u64 base;
	unsigned int pages;
	struct completion *start;
	struct completion *done;
	u64 t0, t1;	/* when this thread started and finished faulting */
	int bad;
};

/* A space per cache line or more: no false sharing between two spaces. */
struct bench_space_slot {
	struct axas as;
} ____cacheline_aligned_in_smp;

static int bench_fault_thread(void *arg)
{
	struct bench_faulter *f = arg;
	struct axas_fault_info fi;
	unsigned int i;

	wait_for_completion(f->start);
	f->t0 = ktime_get_ns();
	for (i = 0; i < f->pages; i++)
		if (axas_handle_fault(f->as, axas_gpa(f->base + (u64)i * SZ_4K),
				      AXAS_PROT_WRITE, &fi) ||
		    fi.result != AXAS_FAULT_MAPPED)
			f->bad++;
	f->t1 = ktime_get_ns();
	complete(f->done);
	return 0;
}

/*
 * One repetition: 65,536 lazy faults split over @threads threads, thread i
 * bound to the i-th online CPU (all to the one CPU of a uniprocessor
 * kernel such as UML) and faulting its own 2 MiB-aligned share of the
 * area, so that no two threads touch the same leaf table. @sp holds the
 * @spaces spaces; with as many spaces as threads, each thread has one of
 * its own (the same layout), which leaves only the frame allocator
 * shared. The threads are created first and released together; the time
 * runs from the release until all are done. *@overlap gets the time
 * during which all threads were faulting at once, in per mille of that
 * time.
 */
static u64 bench_faults_rep(struct kunit *test, struct bench_space_slot *sp,
			    unsigned int threads, unsigned int spaces,
			    u64 *overlap)
{
	u64 t, ns, first_end = U64_MAX, last_start = 0;
	struct completion start, done;
	struct bench_faulter f[2];
	unsigned int i, started = 0;

	for (i = 0; i < spaces; i++) {
		bench_space(test, &sp[i].as);
		sp[i].as.frames = &bench_frame_ops_4k;
		KUNIT_ASSERT_EQ(test, axas_map_alloc(&sp[i].as, axas_gpa(SZ_2M),
						     65536ULL * SZ_4K, RW_WB,
						     false), 0);
	}
	init_completion(&start);
	init_completion(&done);
	for (i = 0; i < threads; i++) {
		unsigned int cpu = cpumask_nth(i % num_online_cpus(), cpu_online_mask);
		struct task_struct *tsk;

		f[i] = (struct bench_faulter){
			.as = &sp[i % spaces].as, .pages = 65536 / threads,
			.start = &start, .done = &done,
			.base = SZ_2M + (u64)i * (65536 / threads) * SZ_4K,
		};
		tsk = kthread_create_on_cpu(bench_fault_thread, &f[i], cpu,
					    "axas-bench/%u");
		if (IS_ERR(tsk))
			break;
		wake_up_process(tsk);
		started++;
	}
	t = ktime_get_ns();
	complete_all(&start);
	for (i = 0; i < started; i++)
		wait_for_completion(&done);
	ns = ktime_get_ns() - t;
	KUNIT_EXPECT_EQ(test, started, threads);
	for (i = 0; i < started; i++) {
		KUNIT_EXPECT_EQ(test, f[i].bad, 0);
		first_end = min(first_end, f[i].t1);
		last_start = max(last_start, f[i].t0);
	}
	*overlap = first_end > last_start ?
		   div64_u64((first_end - last_start) * 1000, ns) : 0;
	for (i = 0; i < spaces; i++)
		axas_destroy(&sp[i].as);
	return ns;
}

/*
 * Lazy faults of 65,536 pages with 4 KiB frames: by 1 thread; split over
 * 2 threads on disjoint halves of one space; and over 2 threads with a
 * space each, which shows what sharing the space costs. The variants take
 * turns in every repetition, so that a change in the machine's load hits
 * all of them. Only an SMP kernel with 2 CPUs can run two threads at once
 * (`make bench-kernel SMP=1`); the overlap lines say whether it did.
 */
static void as_bench_faults(struct kunit *test)
{
	static const struct {
		const char *name;
		unsigned int threads, spaces;
	} v[] = {
		{ "lazy fault 64Ki pages, 1 thread", 1, 1 },
		{ "lazy fault 64Ki pages, 2 threads", 2, 1 },
		{ "lazy fault 64Ki pages, 2 threads, 2 spaces", 2, 2 },
	};
	u64 ns[ARRAY_SIZE(v)][BENCH_REPS], overlap[ARRAY_SIZE(v)][BENCH_REPS];
	struct bench_space_slot *sp;
	unsigned int i, r;

	sp = kunit_kcalloc(test, 2, sizeof(*sp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	for (r = 0; r < BENCH_REPS; r++)
		for (i = 0; i < ARRAY_SIZE(v); i++)
			ns[i][r] = bench_faults_rep(test, sp, v[i].threads,
						    v[i].spaces, &overlap[i][r]);
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		bench_report(test, v[i].name, ns[i], 65536);
		if (v[i].threads < 2)
			continue;
		sort(overlap[i], BENCH_REPS, sizeof(u64), bench_cmp, NULL);
		kunit_info(test, "  on %u CPU(s), both faulting at once: min %llu.%llu%%  median %llu.%llu%% of the time",
			   min(num_online_cpus(), 2U), overlap[i][0] / 10,
			   overlap[i][0] % 10, overlap[i][BENCH_REPS / 2] / 10,
			   overlap[i][BENCH_REPS / 2] % 10);
	}
}

static struct kunit_case as_bench_cases[] = {
	KUNIT_CASE_SLOW(as_bench_linear),
	KUNIT_CASE_SLOW(as_bench_populate),
	KUNIT_CASE_SLOW(as_bench_faults),
	{}
};

static struct kunit_suite as_bench_suite = {
	.name = "axaddrspace-bench",
	.test_cases = as_bench_cases,
};

kunit_test_suite(as_bench_suite);
