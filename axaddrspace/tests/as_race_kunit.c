// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit race tests of the address-space layer (kernel only: kthreads).
 *
 * - vCPU threads fault the same and different pages of a lazy area at
 *   once while another thread translates: every page ends up with one
 *   frame, racing faults are spurious, nothing leaks.
 * - vCPU threads fault while the VMM thread maps and unmaps the area over
 *   and over: a fault either maps into the live area or finds no area; it
 *   never maps into a removed one (nothing stays mapped, nothing leaks).
 * - vCPU threads whose every fault sleeps between finding its area and
 *   installing fault two adjacent areas while the VMM thread unmaps and
 *   maps one and makes the other read-only and writable again: when an
 *   unmap or protect returns, no fault that saw the area's old state can
 *   still install (a writer waits for the faults that started before it).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "axaddrspace/tests/as_test_hal.h"

#define ASR_BASE	(64ULL << 20)
#define ASR_SIZE	(8ULL << 20)
#define ASR_THREADS	3
#define ASR_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
/* the results of a fault that found or installed a frame */
#define ASR_FRAME	(BIT(AXAS_FAULT_MAPPED) | BIT(AXAS_FAULT_SPURIOUS))

struct asr_ctx {
	struct axas as;
	struct ast_hal hal;
	atomic_t stop;
	atomic_t bad;
	atomic_long_t mapped, spurious, no_area, translated, permission;
	struct completion done;
	/* faults per vCPU thread; 0: until @stop */
	unsigned int rounds;
	/*
	 * The results a vCPU's fault may have besides a frame (MAPPED or
	 * SPURIOUS), as BIT(AXAS_FAULT_*), in the first half of the area
	 * and in the second; any other result is bad.
	 */
	u32 may_a, may_b;
	/* half the faults go to the first 64 pages: same-page races */
	bool hot;
	/*
	 * With no unmap running, a page's frame never changes once mapped:
	 * every translation and fault result must give the first one seen.
	 */
	bool stable;
	u64 seen[ASR_SIZE >> PAGE_SHIFT];
};

/* The host page of @gpa is @hpa: the first one seen, or the same again. */
static void asr_seen(struct asr_ctx *c, u64 gpa, u64 hpa)
{
	u64 *slot = &c->seen[(gpa - ASR_BASE) >> PAGE_SHIFT];
	u64 page = (hpa & ~(u64)(PAGE_SIZE - 1)) | 1, old;

	if (!c->stable)
		return;
	old = cmpxchg64(slot, 0ULL, page);
	if (old && old != page)
		atomic_inc(&c->bad);
}

/*
 * A vCPU thread: write faults at random pages of the area, each counted by
 * its result, which must be one @c allows where the page is; the frame of
 * a MAPPED or SPURIOUS result goes to asr_seen().
 */
static int asr_vcpu(void *arg)
{
	struct asr_ctx *c = arg;
	const u64 pages = ASR_SIZE >> PAGE_SHIFT;
	unsigned int i;

	for (i = 0; i < c->rounds || (!c->rounds && !atomic_read(&c->stop)); i++) {
		u64 n = get_random_u32() % (c->hot && (i & 1) ? 64 : pages);
		u64 gpa = ASR_BASE + (n << PAGE_SHIFT);
		u32 may = ASR_FRAME | (n < pages / 2 ? c->may_a : c->may_b);
		struct axas_fault_info fi;

		/* an error, or a result not allowed here: no result (0), bad */
		if (axas_handle_fault(&c->as, axas_gpa(gpa), AXAS_PROT_WRITE, &fi) ||
		    fi.result >= AXAS_FAULT_NR || !(BIT(fi.result) & may))
			fi.result = 0;
		switch (fi.result) {
		case AXAS_FAULT_MAPPED:
			atomic_long_inc(&c->mapped);
			asr_seen(c, gpa, fi.hpa);
			break;
		case AXAS_FAULT_SPURIOUS:
			atomic_long_inc(&c->spurious);
			asr_seen(c, gpa, fi.hpa);
			break;
		case AXAS_FAULT_NO_AREA:
			atomic_long_inc(&c->no_area);
			break;
		case AXAS_FAULT_PERMISSION:
			atomic_long_inc(&c->permission);
			break;
		default:
			atomic_inc(&c->bad);
		}
		if (!(i & 7))
			cond_resched();
	}
	complete(&c->done);
	return 0;
}

static int asr_translator(void *arg)
{
	struct asr_ctx *c = arg;

	while (!atomic_read(&c->stop)) {
		u64 gpa = ASR_BASE + (get_random_u32() % ASR_SIZE);
		struct axas_xlate tr;
		int ret = axas_translate(&c->as, axas_gpa(gpa), &tr);

		if (!ret && tr.flags == ASR_RW) {
			atomic_long_inc(&c->translated);
			asr_seen(c, gpa, tr.hpa);
		} else if (ret != -ENOENT) {
			atomic_inc(&c->bad);	/* an error, or wrong flags */
		}
		cond_resched();
	}
	complete(&c->done);
	return 0;
}

static void asr_start(struct kunit *test, struct asr_ctx *c, int (*fn)(void *),
		      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct task_struct *t = kthread_run(fn, c, "axas-race-%u", i);

		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
}

static struct asr_ctx *asr_create(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 40 };
	struct asr_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, axas_create(&c->as, &cfg, axas_gpa(0), 1ULL << 32,
					  &axpt_linux_mm_ops, NULL, &ast_frame_ops,
					  &c->hal), 0);
	init_completion(&c->done);
	return c;
}

/* Frame sizes for as_race_faults: 2 MiB frames, or 4 KiB ones only. */
static const bool asr_small_frames[] = { false, true };

static void asr_frames_desc(const bool *small, char *desc)
{
	strscpy(desc, *small ? "4K frames" : "2M frames", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(asr_frames, asr_small_frames, asr_frames_desc);

/*
 * Concurrent faults: every page gets exactly one frame. With 2 MiB frames
 * the threads race to fill a block; with 4 KiB frames they race for the
 * same page (half the faults go to 64 pages) and install into shared
 * leaf tables.
 */
static void as_race_faults(struct kunit *test)
{
	struct asr_ctx *c = asr_create(test);
	bool small = *(const bool *)test->param_value;
	struct axas_xlate tr;
	unsigned int i;
	u64 gpa;
	long pages = 0;

	c->hal.fail_2m = small;
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(ASR_BASE), ASR_SIZE,
					     ASR_RW, false), 0);
	c->rounds = 2000;
	c->hot = true;		/* the area stays: every fault finds a frame */
	c->stable = true;
	asr_start(test, c, asr_vcpu, ASR_THREADS);
	asr_start(test, c, asr_translator, 1);
	for (i = 0; i < ASR_THREADS; i++)
		wait_for_completion(&c->done);
	atomic_set(&c->stop, 1);
	wait_for_completion(&c->done);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->mapped), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->spurious), 0L);
	for (gpa = ASR_BASE; gpa < ASR_BASE + ASR_SIZE; gpa += PAGE_SIZE) {
		u64 seen = c->seen[(gpa - ASR_BASE) >> PAGE_SHIFT];

		if (axas_translate(&c->as, axas_gpa(gpa), &tr)) {
			/* never mapped, so never seen */
			KUNIT_EXPECT_EQ(test, seen, 0ULL);
			continue;
		}
		pages++;
		/* the frame every racing reader saw is the one that stayed */
		if (seen)
			KUNIT_EXPECT_EQ(test, seen, (tr.hpa & ~(u64)(PAGE_SIZE - 1)) | 1);
	}
	/* every mapped page has its frame, and no frame is unmapped */
	KUNIT_EXPECT_EQ(test, axas_data_pages(&c->as), pages);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), pages);
	/*
	 * Exactly one fault per frame said MAPPED (the others SPURIOUS): one
	 * per page with 4 KiB frames, one per 2 MiB block with 2 MiB ones.
	 */
	if (small) {
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->as.pt, 0), pages);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&c->mapped), pages);
	} else {
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->as.pt, 1) * 512, pages);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&c->mapped) * 512, pages);
	}
	kunit_info(test, "%ld mapped, %ld spurious, %ld translated, %ld pages",
		   atomic_long_read(&c->mapped), atomic_long_read(&c->spurious),
		   atomic_long_read(&c->translated), pages);
	axas_destroy(&c->as);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
}

/* Faults racing map/unmap never map into a removed area. */
static void as_race_fault_vs_unmap(struct kunit *test)
{
	struct asr_ctx *c = asr_create(test);
	struct axas_xlate tr;
	struct axas_inval_info fl;
	unsigned int i, r;
	u64 gpa;

	c->hot = true;
	c->may_a = BIT(AXAS_FAULT_NO_AREA);
	c->may_b = BIT(AXAS_FAULT_NO_AREA);
	asr_start(test, c, asr_vcpu, ASR_THREADS);
	for (r = 0; r < 200; r++) {
		KUNIT_EXPECT_EQ(test, axas_map_alloc(&c->as, axas_gpa(ASR_BASE),
						     ASR_SIZE, ASR_RW, false), 0);
		usleep_range(50, 100);
		KUNIT_EXPECT_EQ(test, axas_unmap(&c->as, axas_gpa(ASR_BASE), ASR_SIZE,
						 &fl), 0);
		KUNIT_EXPECT_EQ(test, axas_data_pages(&c->as), 0L);
		/*
		 * Let the faulting threads run without the area too: on one
		 * CPU (UML) they otherwise only see it missing when a tick
		 * lands inside the unmap, which a fast unmap rarely gives.
		 */
		usleep_range(50, 100);
	}
	atomic_set(&c->stop, 1);
	for (i = 0; i < ASR_THREADS; i++)
		wait_for_completion(&c->done);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->no_area), 0L);
	for (gpa = ASR_BASE; gpa < ASR_BASE + ASR_SIZE; gpa += PAGE_SIZE)
		if (!axas_translate(&c->as, axas_gpa(gpa), &tr)) {
			KUNIT_FAIL(test, "%#llx still mapped after the area went", gpa);
			break;
		}
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&c->as.pt.nr_tables),
			1L << c->as.pt.root_order);
	kunit_info(test, "%ld mapped, %ld spurious, %ld no area",
		   atomic_long_read(&c->mapped), atomic_long_read(&c->spurious),
		   atomic_long_read(&c->no_area));
	axas_destroy(&c->as);
}

/* Pages of [@gpa, @gpa + @size) mapped, and of those, how many with @flags. */
static unsigned int asr_count(struct asr_ctx *c, u64 gpa, u64 size, u32 flags,
			      unsigned int *with)
{
	unsigned int n = 0;
	struct axas_xlate tr;
	u64 end = gpa + size;

	*with = 0;
	for (; gpa < end; gpa += PAGE_SIZE) {
		if (axas_translate(&c->as, axas_gpa(gpa), &tr))
			continue;
		n++;
		*with += tr.flags == flags;
	}
	return n;
}

/*
 * Faults racing writers on the same and the adjacent area: every fault
 * sleeps in its frame allocation, after it found its area and checked the
 * access and before it installs, so most unmaps and protects start while
 * faults are at that point. The writer must wait for them: after an unmap
 * of A returns, nothing in A is mapped; after B is made read-only, every
 * mapped page of B is read-only (a fault that read B's old flags and
 * installed after the protect's walk would leave a writable page).
 */
static void as_race_fault_vs_writers(struct kunit *test)
{
	const u64 half = ASR_SIZE / 2, a = ASR_BASE, b = ASR_BASE + ASR_SIZE / 2;
	const u32 ro = AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB);
	struct asr_ctx *c = asr_create(test);
	unsigned int i, r, with, left = 0, writable = 0, pages;
	struct axas_inval_info fl;

	c->hal.fail_2m = true;		/* 4 KiB frames: a fault per page */
	c->hal.delay_us = 20;
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(a), half, ASR_RW,
					     false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(b), half, ASR_RW,
					     false), 0);
	/* A is unmapped and mapped again, B made read-only and writable */
	c->may_a = BIT(AXAS_FAULT_NO_AREA);
	c->may_b = BIT(AXAS_FAULT_PERMISSION);
	asr_start(test, c, asr_vcpu, ASR_THREADS);
	for (r = 0; r < 100; r++) {
		usleep_range(100, 200);
		KUNIT_EXPECT_EQ(test, axas_unmap(&c->as, axas_gpa(a), half, &fl), 0);
		KUNIT_EXPECT_EQ(test, axas_protect(&c->as, axas_gpa(b), half, ro, &fl), 0);
		/*
		 * Long enough for a fault that was sleeping in its allocation
		 * when the writers ran to have installed, had they not waited
		 * for it: then its page would show here.
		 */
		usleep_range(10 * c->hal.delay_us, 20 * c->hal.delay_us);
		left += asr_count(c, a, half, ASR_RW, &with);
		asr_count(c, b, half, ASR_RW, &with);
		writable += with;
		KUNIT_EXPECT_EQ(test, axas_map_alloc(&c->as, axas_gpa(a), half,
						     ASR_RW, false), 0);
		KUNIT_EXPECT_EQ(test, axas_protect(&c->as, axas_gpa(b), half, ASR_RW,
						   &fl), 0);
	}
	atomic_set(&c->stop, 1);
	for (i = 0; i < ASR_THREADS; i++)
		wait_for_completion(&c->done);

	KUNIT_EXPECT_EQ(test, atomic_read(&c->bad), 0);
	KUNIT_EXPECT_EQ_MSG(test, left, 0U, "pages mapped in A after its unmap");
	KUNIT_EXPECT_EQ_MSG(test, writable, 0U,
			    "writable pages in B after it was made read-only");
	/* each state was seen by some fault */
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->mapped), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->no_area), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->permission), 0L);
	/* frames balance: each mapped page holds one, nothing else lives */
	pages = asr_count(c, a, ASR_SIZE, ASR_RW, &with);
	KUNIT_EXPECT_EQ(test, with, pages);
	KUNIT_EXPECT_EQ(test, axas_data_pages(&c->as), (long)pages);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), (long)pages);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->as.pt, 0), (long)pages);
	kunit_info(test, "%ld mapped, %ld spurious, %ld no area, %ld read-only, %u pages",
		   atomic_long_read(&c->mapped), atomic_long_read(&c->spurious),
		   atomic_long_read(&c->no_area), atomic_long_read(&c->permission),
		   pages);
	axas_destroy(&c->as);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
}

static struct kunit_case as_race_cases[] = {
	KUNIT_CASE_PARAM_ATTR(as_race_faults, asr_frames_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_SLOW(as_race_fault_vs_unmap),
	KUNIT_CASE_SLOW(as_race_fault_vs_writers),
	{}
};

static struct kunit_suite as_race_suite = {
	.name = "axaddrspace-as-race",
	.test_cases = as_race_cases,
};

kunit_test_suite(as_race_suite);
