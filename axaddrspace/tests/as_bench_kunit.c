// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel benchmarks of the address-space layer with the real
 * alloc_pages() HALs. Not timed tests: each case prints ns per operation
 * (the minimum and median of 5 repetitions) and only asserts that the
 * operations succeed. Built only with CONFIG_AXADDRSPACE_BENCH (see
 * `make bench-kernel`), as KASAN and lockdep would distort the figures.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include "axaddrspace/as.h"

#define BENCH_REPS	5
#define RW_WB		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define BENCH_HPA	BIT_ULL(45)	/* linear areas: no RAM there */

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

/*
 * map_linear and unmap of 1 GiB areas at each page size; create + destroy.
 * Each timing maps (then unmaps) @gib areas of 1 GiB, one call each, so
 * that it lasts at least tens of microseconds: UML's clock counts in
 * steps of 256 ns, which one call of the 1 GiB-page case takes.
 */
/* The k-th 1 GiB area of the linear case. */
static axas_gpa_t bench_area(unsigned int k)
{
	return axas_gpa((k + 1ULL) * SZ_1G);
}

static void as_bench_linear(struct kunit *test)
{
	static const struct {
		const char *name;
		u64 hpa_off;	/* misalign the HPA to force a page size */
		u64 page;
		unsigned int gib;	/* 1 GiB areas per timing */
	} sz[] = {
		{ "4K", SZ_4K, SZ_4K, 1 }, { "2M", SZ_2M, SZ_2M, 16 },
		{ "1G", 0, SZ_1G, 256 },
	};
	u64 map_ns[BENCH_REPS], unmap_ns[BENCH_REPS], cd_ns[BENCH_REPS];
	char name[48];
	unsigned int i, r, k;

	for (i = 0; i < ARRAY_SIZE(sz); i++) {
		for (r = 0; r < BENCH_REPS; r++) {
			struct axas_inval_info fl;
			struct axas_xlate x;
			u64 t, g, hpa = BENCH_HPA + sz[i].hpa_off;
			struct axas as;

			bench_space(test, &as);
			t = ktime_get_ns();
			for (k = 0; k < sz[i].gib; k++) {
				axas_hpa_t h = axas_hpa(hpa + (u64)k * SZ_1G);

				KUNIT_ASSERT_EQ(test, axas_map_linear(&as, bench_area(k), h,
								      SZ_1G, RW_WB), 0);
			}
			map_ns[r] = ktime_get_ns() - t;
			/* the last page of each area: its HPA and page size */
			for (k = 0; k < sz[i].gib; k++) {
				g = axas_gpa_val(bench_area(k)) + SZ_1G - SZ_4K;
				KUNIT_ASSERT_EQ(test, axas_translate(&as, axas_gpa(g), &x), 0);
				KUNIT_ASSERT_EQ(test, x.hpa, hpa + (u64)k * SZ_1G + SZ_1G - SZ_4K);
				KUNIT_ASSERT_EQ(test, x.page_size, sz[i].page);
			}
			t = ktime_get_ns();
			for (k = 0; k < sz[i].gib; k++)
				KUNIT_ASSERT_EQ(test, axas_unmap(&as, bench_area(k), SZ_1G, &fl),
						0);
			unmap_ns[r] = ktime_get_ns() - t;
			for (k = 0; k < sz[i].gib; k++)
				KUNIT_ASSERT_EQ(test, axas_translate(&as, bench_area(k), &x),
						-ENOENT);
			axas_destroy(&as);
		}
		snprintf(name, sizeof(name), "map_linear 1 GiB, %s pages", sz[i].name);
		bench_report(test, name, map_ns, sz[i].gib * (SZ_1G / sz[i].page));
		snprintf(name, sizeof(name), "unmap 1 GiB, %s pages", sz[i].name);
		bench_report(test, name, unmap_ns, sz[i].gib * (SZ_1G / sz[i].page));
	}
	for (r = 0; r < BENCH_REPS; r++) {
		struct axas as;
		u64 t = ktime_get_ns();

		for (k = 0; k < 1000; k++) {
			bench_space(test, &as);
			axas_destroy(&as);
		}
		cd_ns[r] = ktime_get_ns() - t;
	}
	bench_report(test, "create + destroy (empty)", cd_ns, 1000);
}

/*
 * Random translations of a 1 GiB area mapped with 4 KiB pages (its leaf
 * tables, 2 MiB, do not stay in the caches): BENCH_XLATE addresses per
 * timing, from a multiplicative hash of a counter, so that no query
 * depends on the one before. Three ways, taking turns in each repetition:
 * axas_translate() (the full query: host address, entry size and
 * attributes); axpt_translate() on the space's table (the host address
 * only, what the guest memory access of the layer uses); and
 * axas_translate_batch() of 512 addresses, from an array written
 * beforehand (a caller's scatter-gather list). An untimed pass checks
 * every translation.
 */
#define BENCH_XLATE	BIT(20)
#define BENCH_BATCH	512

static u64 bench_xlate_gpa(u64 k)
{
	return SZ_1G + ((k * 0x9e3779b97f4a7c15ULL) >> 34);
}

KUNIT_DEFINE_ACTION_WRAPPER(bench_kvfree, kvfree, const void *);

static void *bench_kvcalloc(struct kunit *test, size_t n, size_t size)
{
	void *p = kvcalloc(n, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, bench_kvfree, p), 0);
	return p;
}

static void as_bench_translate(struct kunit *test)
{
	const u64 off = BENCH_HPA + SZ_4K - SZ_1G;	/* hpa - gpa */
	u64 ns[3][BENCH_REPS], sum = 0;
	axas_hpa_t *hpa;
	axas_gpa_t *gpa;
	struct axas as;
	unsigned int r, k;

	gpa = bench_kvcalloc(test, BENCH_XLATE, sizeof(*gpa));
	hpa = bench_kvcalloc(test, BENCH_BATCH, sizeof(*hpa));
	bench_space(test, &as);
	KUNIT_ASSERT_EQ(test, axas_map_linear(&as, axas_gpa(SZ_1G),
					      axas_hpa(BENCH_HPA + SZ_4K), SZ_1G,
					      RW_WB), 0);
	for (r = 0; r < BENCH_REPS; r++) {
		u64 base = (u64)r * BENCH_XLATE, t, h;
		struct axas_xlate x;
		unsigned int done = 0;
		int err = 0;

		t = ktime_get_ns();
		for (k = 0; k < BENCH_XLATE; k++) {
			err |= axas_translate(&as, axas_gpa(bench_xlate_gpa(base + k)), &x);
			sum += x.hpa;
		}
		ns[0][r] = ktime_get_ns() - t;
		KUNIT_ASSERT_EQ(test, err, 0);

		t = ktime_get_ns();
		for (k = 0; k < BENCH_XLATE; k++) {
			err |= axpt_translate(&as.pt, bench_xlate_gpa(base + k), &h);
			sum += h;
		}
		ns[1][r] = ktime_get_ns() - t;
		KUNIT_ASSERT_EQ(test, err, 0);

		for (k = 0; k < BENCH_XLATE; k++)
			gpa[k] = axas_gpa(bench_xlate_gpa(base + k));
		t = ktime_get_ns();
		for (k = 0; k < BENCH_XLATE; k += BENCH_BATCH)
			done += axas_translate_batch(&as, gpa + k, hpa, BENCH_BATCH);
		ns[2][r] = ktime_get_ns() - t;
		KUNIT_ASSERT_EQ(test, done, BENCH_XLATE);
		/* the last batch's results are still in @hpa */
		for (k = 0; k < BENCH_BATCH; k++)
			KUNIT_ASSERT_EQ(test, axas_hpa_val(hpa[k]),
					axas_gpa_val(gpa[BENCH_XLATE - BENCH_BATCH + k]) + off);
		for (k = 0; k < BENCH_XLATE; k++) {
			u64 g = bench_xlate_gpa(base + k);

			KUNIT_ASSERT_EQ(test, axas_translate(&as, axas_gpa(g), &x), 0);
			KUNIT_ASSERT_EQ(test, x.hpa, g + off);
			KUNIT_ASSERT_EQ(test, x.page_size, SZ_4K);
		}
	}
	axas_destroy(&as);
	KUNIT_EXPECT_NE(test, sum, 0);
	bench_report(test, "translate random 1 GiB 4K, axas_translate", ns[0],
		     BENCH_XLATE);
	bench_report(test, "translate random 1 GiB 4K, axpt_translate", ns[1],
		     BENCH_XLATE);
	bench_report(test, "translate random 1 GiB 4K, batch of 512", ns[2],
		     BENCH_XLATE);
}

/* map_alloc populate of 256 MiB (2 MiB frames when available). */
static void as_bench_populate(struct kunit *test)
{
	u64 ns[BENCH_REPS], free_ns[BENCH_REPS];
	unsigned int r;
	long big = 0;

	for (r = 0; r < BENCH_REPS; r++) {
		struct axas as;
		u64 t;

		bench_space(test, &as);
		t = ktime_get_ns();
		KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(0), SZ_256M, RW_WB,
						     true), 0);
		ns[r] = ktime_get_ns() - t;
		big += axpt_nr_leaves(&as.pt, 1);
		t = ktime_get_ns();
		axas_destroy(&as);
		free_ns[r] = ktime_get_ns() - t;
	}
	bench_report(test, "map_alloc populate 256 MiB, per 4K", ns, SZ_256M / SZ_4K);
	bench_report(test, "destroy populated 256 MiB, per 4K", free_ns,
		     SZ_256M / SZ_4K);
	/* which destroy was timed: of 2 MiB frames (free_range()) or 4 KiB */
	kunit_info(test, "populate: %ld of %lu frames were 2 MiB", big,
		   (unsigned long)BENCH_REPS * (SZ_256M / SZ_2M));
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

/*
 * The pre-zeroed pool experiment: where the zeroing of a lazily faulted
 * 4 KiB frame happens. The space's frame HAL (struct axas_frame_ops) is a
 * bench-only one handing out pages from a pool that was filled, and
 * zeroed, before the timed faults; freeing a frame gives it back to the
 * page allocator. One thread faults, but the pool takes a spinlock per
 * frame anyway, as a pool shared by vCPUs would have to.
 */
struct bench_pool {
	spinlock_t lock;	/* protects @next */
	u64 *hpa;		/* the pages, each zeroed */
	unsigned int nr;	/* pages in @hpa */
	unsigned int next;	/* the next one to hand out */
	unsigned int misses;	/* allocations the pool could not serve */
};

static int bench_pool_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct bench_pool *p = ctx;
	int ret = -ENOMEM;

	if (order)
		return -ENOMEM;
	spin_lock(&p->lock);
	if (p->next < p->nr) {
		*hpa = p->hpa[p->next++];
		ret = 0;
	} else {
		p->misses++;
	}
	spin_unlock(&p->lock);
	return ret;
}

/* Frames not from axas_linux_frame_ops: not in its live count. */
static void bench_free_page(void *ctx, u64 hpa)
{
	__free_page(pfn_to_page(PHYS_PFN(hpa)));
}

static const struct axas_frame_ops bench_pool_ops = {
	.alloc = bench_pool_alloc,
	.free = bench_free_page,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
};

/* (diag) alloc_pages() without __GFP_ZERO in the fault: not for a guest. */
static int bench_alloc_raw(void *ctx, unsigned int order, u64 *hpa)
{
	struct page *page;

	if (order)
		return -ENOMEM;
	page = alloc_pages(GFP_KERNEL_ACCOUNT, 0);
	if (!page)
		return -ENOMEM;
	*hpa = page_to_phys(page);
	return 0;
}

static const struct axas_frame_ops bench_raw_ops = {
	.alloc = bench_alloc_raw,
	.free = bench_free_page,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
};

/* Fill @p with @n pages from alloc_pages(@gfp); the time it took. */
static u64 bench_pool_fill(struct kunit *test, struct bench_pool *p,
			   unsigned int n, gfp_t gfp)
{
	unsigned int i;
	u64 t = ktime_get_ns();

	for (i = 0; i < n; i++) {
		struct page *page = alloc_pages(gfp, 0);

		if (!page)
			break;
		p->hpa[i] = page_to_phys(page);
	}
	t = ktime_get_ns() - t;
	p->nr = i;
	p->next = 0;
	p->misses = 0;
	KUNIT_EXPECT_EQ(test, i, n);
	return t;
}

/* Free what is left in @p. */
static void bench_pool_drain(struct bench_pool *p)
{
	while (p->next < p->nr)
		bench_free_page(NULL, p->hpa[p->next++]);
}

/* clear_page() of every page of @p: the zeroing __GFP_ZERO does. */
static u64 bench_pool_clear(struct bench_pool *p)
{
	u64 t = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < p->nr; i++) {
		void *va = kmap_local_page(pfn_to_page(PHYS_PFN(p->hpa[i])));

		clear_page(va);
		kunmap_local(va);
	}
	return ktime_get_ns() - t;
}

/*
 * What the "guest" does with a page right after its fault, in the timed
 * loop: nothing; write its first 8 bytes; write all of it. A guest
 * writes through its own mapping; the benchmark writes through the
 * kernel's, which reaches the same cache lines.
 */
enum bench_touch { BENCH_TOUCH_NONE, BENCH_TOUCH_WORD, BENCH_TOUCH_PAGE, BENCH_TOUCH_NR };

static void bench_touch(u64 hpa, enum bench_touch touch)
{
	void *va = kmap_local_page(pfn_to_page(PHYS_PFN(hpa)));

	if (touch == BENCH_TOUCH_WORD)
		WRITE_ONCE(*(u64 *)va, hpa);
	else
		memset(va, 0xa5, PAGE_SIZE);
	kunmap_local(va);
}

/*
 * 65,536 lazy 4 KiB faults in a fresh space with frames from @ops, each
 * followed by @touch of the new page.
 */
static u64 bench_fault_64ki(struct kunit *test, const struct axas_frame_ops *ops,
			    void *ctx, enum bench_touch touch)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct axas_fault_info fi;
	unsigned int i, bad = 0;
	struct axas as;
	u64 t;

	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), 1ULL << 40,
					  &axpt_linux_mm_ops, NULL, ops, ctx), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(SZ_2M),
					     65536ULL * SZ_4K, RW_WB, false), 0);
	t = ktime_get_ns();
	for (i = 0; i < 65536; i++) {
		if (axas_handle_fault(&as, axas_gpa(SZ_2M + (u64)i * SZ_4K),
				      AXAS_PROT_WRITE, &fi) ||
		    fi.result != AXAS_FAULT_MAPPED)
			bad++;
		else if (touch != BENCH_TOUCH_NONE)
			bench_touch(fi.hpa, touch);
	}
	t = ktime_get_ns() - t;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, axas_data_pages(&as), 65536);
	axas_destroy(&as);
	return t;
}

/*
 * Per repetition, taking turns: (a) faults with alloc_pages(__GFP_ZERO)
 * inside the fault, as the Linux frame HAL does; (b) the pool filled with
 * alloc_pages(__GFP_ZERO) outside the timed faults, then faults taking
 * their frames from it; the fill is timed too, per page. Each of (a) and
 * (b) also with the first write of 8 bytes and of the whole page after
 * every fault: a page zeroed in the fault is still in the CPU's caches, a
 * pooled one was zeroed long before. Then (diag) the zeroing alone:
 * alloc_pages() without __GFP_ZERO, then clear_page() of each page, timed
 * apart; and faults with unzeroed frames, which no guest may be given.
 * The pool holds 65,536 pages (256 MiB) when full.
 */
static void as_bench_fault_pool(struct kunit *test)
{
	static const char * const touched[BENCH_TOUCH_NR] = {
		"", " + write 8 bytes", " + write 4 KiB",
	};
	u64 fault[BENCH_TOUCH_NR][BENCH_REPS], pooled[BENCH_TOUCH_NR][BENCH_REPS];
	u64 fill[BENCH_REPS], both[BENCH_REPS], raw_alloc[BENCH_REPS];
	u64 raw_clear[BENCH_REPS], raw_fault[BENCH_REPS];
	struct bench_pool pool = {};
	unsigned int r, k;
	char name[48];

	spin_lock_init(&pool.lock);
	pool.hpa = bench_kvcalloc(test, 65536, sizeof(*pool.hpa));
	for (r = 0; r < BENCH_REPS; r++) {
		for (k = 0; k < BENCH_TOUCH_NR; k++) {
			u64 t;

			fault[k][r] = bench_fault_64ki(test, &bench_frame_ops_4k, NULL, k);
			t = bench_pool_fill(test, &pool, 65536,
					    GFP_KERNEL_ACCOUNT | __GFP_ZERO);
			pooled[k][r] = bench_fault_64ki(test, &bench_pool_ops, &pool, k);
			KUNIT_EXPECT_EQ(test, pool.next, 65536);
			KUNIT_EXPECT_EQ(test, pool.misses, 0);
			bench_pool_drain(&pool);
			if (k == BENCH_TOUCH_NONE) {
				fill[r] = t;
				both[r] = t + pooled[k][r];
			}
		}

		raw_alloc[r] = bench_pool_fill(test, &pool, 65536,
					       GFP_KERNEL_ACCOUNT);
		raw_clear[r] = bench_pool_clear(&pool);
		bench_pool_drain(&pool);

		raw_fault[r] = bench_fault_64ki(test, &bench_raw_ops, NULL,
						BENCH_TOUCH_NONE);
	}
	for (k = 0; k < BENCH_TOUCH_NR; k++) {
		snprintf(name, sizeof(name), "lazy fault%s, __GFP_ZERO in fault",
			 touched[k]);
		bench_report(test, name, fault[k], 65536);
		snprintf(name, sizeof(name), "lazy fault%s, zeroed pool", touched[k]);
		bench_report(test, name, pooled[k], 65536);
	}
	bench_report(test, "pool fill, alloc_pages(__GFP_ZERO), per page", fill,
		     65536);
	bench_report(test, "pool fill + faults from the pool, per page", both,
		     65536);
	bench_report(test, "(diag) alloc_pages() alone, per page", raw_alloc,
		     65536);
	bench_report(test, "(diag) clear_page() alone, per page", raw_clear,
		     65536);
	bench_report(test, "(diag) lazy fault, frames not zeroed", raw_fault,
		     65536);
}

static struct kunit_case as_bench_cases[] = {
	KUNIT_CASE_SLOW(as_bench_linear),
	KUNIT_CASE_SLOW(as_bench_translate),
	KUNIT_CASE_SLOW(as_bench_populate),
	KUNIT_CASE_SLOW(as_bench_faults),
	KUNIT_CASE_SLOW(as_bench_fault_pool),
	{}
};

static struct kunit_suite as_bench_suite = {
	.name = "axaddrspace-bench",
	.test_cases = as_bench_cases,
};

kunit_test_suite(as_bench_suite);
