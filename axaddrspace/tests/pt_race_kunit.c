// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit race tests of the page-table engine (kernel only: kthreads).
 *
 * - Lockless queries race a writer that maps, splits, protects and unmaps
 *   (freeing tables): every answer must be the old or the new mapping,
 *   and KASAN must see no access to a freed table.
 * - Several threads install the same pages with AXPT_MAP_SHARED: each page
 *   is installed exactly once, losers get -EEXIST, no table leaks.
 * - Several threads fault the same pages in with axpt_fault_install(), in
 *   blocks that take 2 MiB frames and blocks that take 4 KiB ones: one
 *   frame is installed per block or page, every other call finds it, the
 *   losers' frames are given back, no table leaks.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "axaddrspace/pt.h"

#define RACE_BASE	BIT_ULL(30)
#define RACE_SIZE	(8ULL << 21)		/* 16 MiB: 8 blocks of 2 MiB */
#define RACE_HPA_OFF	(5ULL << 30)		/* hpa = gpa + RACE_HPA_OFF */
#define RACE_R		AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)
#define RACE_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define RACE_READERS	2

struct race_ctx {
	struct kunit *test;
	struct axpt pt;
	atomic_t stop;
	atomic_t bad;
	atomic_long_t hits;
	atomic_long_t misses;
	struct completion done[RACE_READERS + 2];
	atomic_long_t installed;
	atomic_long_t lost;
};

static int race_reader(void *arg)
{
	struct race_ctx *c = arg;
	struct axpt_leaf q;
	u32 rnd = get_random_u32();

	while (!atomic_read(&c->stop)) {
		u64 gpa;
		int ret;

		rnd = rnd * 1103515245 + 12345;
		gpa = RACE_BASE + ((u64)rnd % RACE_SIZE);
		ret = axpt_query(&c->pt, gpa, &q);
		if (ret == -ENOENT) {
			atomic_long_inc(&c->misses);
		} else if (ret || q.hpa != gpa + RACE_HPA_OFF ||
			   (q.attr != RACE_R && q.attr != RACE_RW)) {
			atomic_inc(&c->bad);
		} else {
			atomic_long_inc(&c->hits);
		}
		if (!(rnd & 255))
			cond_resched();
	}
	complete(&c->done[0]);
	return 0;
}

/*
 * Let the readers run: on SMP they run anyway, on a uniprocessor kernel
 * (UML) only when the writer sleeps, so sleep briefly in some rounds.
 */
static void race_pause(unsigned int round)
{
	if (round % 8 == 0)
		usleep_range(20, 40);
	else
		cond_resched();
}

static int race_writer(struct race_ctx *c, unsigned int rounds)
{
	struct axpt_gather fl;
	unsigned int r;
	int ret;

	for (r = 0; r < rounds; r++) {
		u64 blk = RACE_BASE + (u64)(r % 8) * (2ULL << 20);
		u64 off = (u64)(get_random_u32() % 512) << 12;

		/*
		 * The whole range as 2 MiB blocks, then carve it up, pausing
		 * so that readers see every intermediate state.
		 */
		ret = axpt_map(&c->pt, RACE_BASE, RACE_BASE + RACE_HPA_OFF,
			       RACE_SIZE, RACE_RW, 0);
		race_pause(r);
		if (!ret)
			ret = axpt_unmap(&c->pt, blk + off, 1ULL << 12, ptg(&fl, &c->pt));
		race_pause(r);
		if (!ret)
			ret = axpt_protect(&c->pt, blk, 2ULL << 20, RACE_R, ptg(&fl, &c->pt));
		race_pause(r);
		if (!ret)
			ret = axpt_unmap(&c->pt, RACE_BASE, RACE_SIZE / 2, ptg(&fl, &c->pt));
		race_pause(r);
		if (!ret)
			ret = axpt_map(&c->pt, RACE_BASE, RACE_BASE + RACE_HPA_OFF,
				       RACE_SIZE / 2, RACE_R, AXPT_MAP_MAX_4K);
		race_pause(r);
		if (!ret)
			ret = axpt_unmap(&c->pt, RACE_BASE, RACE_SIZE, ptg(&fl, &c->pt));
		if (ret)
			return ret;
		cond_resched();
	}
	return 0;
}

static void pt_race_query_vs_writer(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct race_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t[RACE_READERS];
	unsigned int i;
	long live;

	KUNIT_ASSERT_NOT_NULL(test, c);
	rcu_barrier();
	live = axpt_linux_live_pages();
	KUNIT_ASSERT_EQ(test, axpt_init(&c->pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	init_completion(&c->done[0]);
	for (i = 0; i < RACE_READERS; i++) {
		t[i] = kthread_run(race_reader, c, "axpt-race-%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	KUNIT_EXPECT_EQ(test, race_writer(c, 400), 0);
	atomic_set(&c->stop, 1);
	for (i = 0; i < RACE_READERS; i++)
		wait_for_completion(&c->done[0]);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->hits), 0L);
	kunit_info(test, "%ld hits, %ld misses", atomic_long_read(&c->hits),
		   atomic_long_read(&c->misses));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->pt.nr_tables), 1L);
	axpt_destroy(&c->pt);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live);
}

struct race_installer {
	struct race_ctx *c;
	unsigned int seed;
	struct completion *done;
};

/* Install every 4 KiB page of the range, in a per-thread order. */
static int race_installer(void *arg)
{
	struct race_installer *in = arg;
	struct race_ctx *c = in->c;
	unsigned int n = RACE_SIZE >> 12, i;

	for (i = 0; i < n; i++) {
		/* an odd stride walks all pages in a different order */
		u64 gpa = RACE_BASE + ((u64)((i * (2 * in->seed + 1)) % n) << 12);
		int ret = axpt_map(&c->pt, gpa, gpa + RACE_HPA_OFF, 1ULL << 12,
				   RACE_RW, AXPT_MAP_SHARED);

		if (!ret)
			atomic_long_inc(&c->installed);
		else if (ret == -EEXIST)
			atomic_long_inc(&c->lost);
		else
			atomic_inc(&c->bad);
		if (!(i & 63))
			cond_resched();
	}
	complete(in->done);
	return 0;
}

/*
 * Each table's count of present entries, from the layout alone: every
 * table above the 2 MiB one holds one entry on the path, the 2 MiB table
 * the 8 blocks, each 4 KiB table 512 pages (the installs raced for them).
 */
static void race_check_counts(struct kunit *test, struct axpt *pt)
{
	u64 gpa;

	for (gpa = RACE_BASE; gpa < RACE_BASE + RACE_SIZE; gpa += 1ULL << 21) {
		u64 *tbl = pt->root;
		unsigned int l;

		for (l = pt->levels - 1; l; l--) {
			unsigned int bits = l == pt->levels - 1U ? pt->top_bits : 9;
			u64 pte = tbl[(gpa >> (12 + 9 * l)) & ((1ULL << bits) - 1)];
			int want = l > 2 ? 1 : l == 2 ? 8 : 512;

			tbl = __va(pt->fmt->decode_table(pte));
			KUNIT_EXPECT_EQ_MSG(test,
					    atomic_read(axpt_linux_table_count(NULL, tbl)),
					    want, "gpa %#llx level %u", gpa, l - 1);
		}
	}
}

static void pt_race_shared_installs(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT };
	struct race_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct race_installer in[3];
	struct axpt_gather fl;
	struct axpt_leaf q;
	unsigned int i;
	u64 gpa;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, axpt_init(&c->pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	for (i = 0; i < ARRAY_SIZE(in); i++) {
		struct task_struct *t;

		init_completion(&c->done[i]);
		in[i] = (struct race_installer){ c, i * 7 + 1, &c->done[i] };
		t = kthread_run(race_installer, &in[i], "axpt-inst-%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < ARRAY_SIZE(in); i++)
		wait_for_completion(&c->done[i]);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->installed), (long)(RACE_SIZE >> 12));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->lost),
			(long)(RACE_SIZE >> 12) * (long)(ARRAY_SIZE(in) - 1));
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->pt, 0), (long)(RACE_SIZE >> 12));
	for (gpa = RACE_BASE; gpa < RACE_BASE + RACE_SIZE; gpa += 1ULL << 12) {
		if (axpt_query(&c->pt, gpa, &q) || q.hpa != gpa + RACE_HPA_OFF) {
			KUNIT_FAIL(test, "page %#llx not installed right", gpa);
			break;
		}
	}
	race_check_counts(test, &c->pt);
	/* root + one table per level down to 8 leaf tables, no extras */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->pt.nr_tables),
			(1L << c->pt.root_order) + (c->pt.levels - 2) + 8);
	KUNIT_EXPECT_EQ(test, axpt_unmap(&c->pt, RACE_BASE, RACE_SIZE, ptg(&fl, &c->pt)), 0);
	axpt_destroy(&c->pt);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->pt.nr_tables), 0L);
}

/*
 * The frames of pt_race_fault_installs: made-up host addresses (nothing
 * reads them), 4 KiB ones counted up from one base and 2 MiB ones from
 * another, and the 4 KiB pages handed out and not given back.
 */
struct race_frames {
	atomic64_t next_4k, next_2m;
	atomic_long_t live, allocs;
};

static int race_frame_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct race_frames *f = ctx;

	atomic_long_inc(&f->allocs);
	if (order)
		*hpa = atomic64_add_return(SZ_2M, &f->next_2m) - SZ_2M;
	else
		*hpa = atomic64_add_return(SZ_4K, &f->next_4k) - SZ_4K;
	atomic_long_add(1L << order, &f->live);
	return 0;
}

static void race_frame_free(void *ctx, u64 hpa)
{
	struct race_frames *f = ctx;

	atomic_long_dec(&f->live);
}

struct race_faulter {
	struct race_ctx *c;
	struct race_frames *f;
	unsigned int seed;
	struct completion *done;
	/* per page: the host address a call reported, 0 if none yet */
	u64 *seen;
};

/* RACE_SIZE's blocks: even ones take a 2 MiB frame, odd ones 4 KiB pages. */
static bool race_block_2m(u64 gpa)
{
	return !((gpa - RACE_BASE) >> 21 & 1);
}

static int race_faulter(void *arg)
{
	struct race_faulter *in = arg;
	struct race_ctx *c = in->c;
	unsigned int n = RACE_SIZE >> 12, i;

	for (i = 0; i < n; i++) {
		unsigned int k = (i * (2 * in->seed + 1)) % n;
		u64 gpa = RACE_BASE + ((u64)k << 12), old;
		struct axpt_fault f = {
			.alloc = race_frame_alloc,
			.free = race_frame_free,
			.ctx = in->f,
			.gpa = gpa,
			.attr = RACE_RW,
			.max_level = race_block_2m(gpa),
		};
		int ret = axpt_fault_install(&c->pt, &f);

		if (ret == AXPT_FAULT_NEW)
			atomic_long_inc(&c->installed);
		else if (ret == AXPT_FAULT_FOUND)
			atomic_long_inc(&c->lost);
		else
			atomic_inc(&c->bad);
		/* every call for a page reports the same frame */
		if (ret >= 0) {
			old = cmpxchg64(&in->seen[k], 0ULL, f.leaf.hpa | 1);
			if ((old && old != (f.leaf.hpa | 1)) ||
			    f.leaf.level != race_block_2m(gpa))
				atomic_inc(&c->bad);
		}
		if (!(i & 63))
			cond_resched();
	}
	complete(in->done);
	return 0;
}

static void pt_race_fault_installs(struct kunit *test)
{
	const long pages = RACE_SIZE >> 12, blocks = RACE_SIZE >> 21;
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 };
	struct race_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct race_frames *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	u64 *seen = kunit_kcalloc(test, pages, sizeof(*seen), GFP_KERNEL);
	struct race_faulter in[3];
	struct axpt_gather fl;
	struct axpt_leaf q;
	unsigned int i;
	u64 gpa;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	atomic64_set(&f->next_4k, 1ULL << 32);
	atomic64_set(&f->next_2m, 1ULL << 33);
	KUNIT_ASSERT_EQ(test, axpt_init(&c->pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	for (i = 0; i < ARRAY_SIZE(in); i++) {
		struct task_struct *t;

		init_completion(&c->done[i]);
		in[i] = (struct race_faulter){ c, f, i * 7 + 1, &c->done[i], seen };
		t = kthread_run(race_faulter, &in[i], "axpt-fault-%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < ARRAY_SIZE(in); i++)
		wait_for_completion(&c->done[i]);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	/* half the blocks: one 2 MiB frame each; the other half: 512 pages */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->installed), blocks / 2 + pages / 2);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->lost),
			pages * (long)ARRAY_SIZE(in) - (blocks / 2 + pages / 2));
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->pt, 0), pages / 2);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->pt, 1), blocks / 2);
	/* the frames installed, and no other, are live */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&f->live), pages);
	for (gpa = RACE_BASE; gpa < RACE_BASE + RACE_SIZE; gpa += 1ULL << 12) {
		u64 s = seen[(gpa - RACE_BASE) >> 12];

		if (axpt_query(&c->pt, gpa, &q) || (q.hpa | 1) != s ||
		    q.level != race_block_2m(gpa) || q.attr != RACE_RW) {
			KUNIT_FAIL(test, "page %#llx not installed right", gpa);
			break;
		}
	}
	/* root + one table per level down to level 1 + the 4 KiB blocks' */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->pt.nr_tables),
			(1L << c->pt.root_order) + (c->pt.levels - 2) + blocks / 2);
	kunit_info(test, "%ld installed, %ld found, %ld frames allocated",
		   atomic_long_read(&c->installed), atomic_long_read(&c->lost),
		   atomic_long_read(&f->allocs));
	KUNIT_EXPECT_EQ(test, axpt_unmap(&c->pt, RACE_BASE, RACE_SIZE, ptg(&fl, &c->pt)), 0);
	axpt_destroy(&c->pt);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->pt.nr_tables), 0L);
}

static struct kunit_case pt_race_cases[] = {
	KUNIT_CASE_SLOW(pt_race_query_vs_writer),
	KUNIT_CASE_SLOW(pt_race_shared_installs),
	KUNIT_CASE_SLOW(pt_race_fault_installs),
	{}
};

static struct kunit_suite pt_race_suite = {
	.name = "axaddrspace-pt-race",
	.test_cases = pt_race_cases,
};

kunit_test_suite(pt_race_suite);
