// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: consumers, and the rules that make a space safe to hand to
 * hardware. A test consumer records every invalidation in a store log
 * (tests/pt_store_log.h) that also sees every entry store and every free
 * of a frame or table page, and fails on the first frame or table freed
 * before its invalidation, the first table freed while linked, and on
 * Arm the first change that skips break-before-make. Random operations
 * (faults, populate, linear and MMIO maps, unmaps that split, protects
 * that downgrade, upgrade and change memory types, allocation failures)
 * run on every format under the log.
 *
 * Also: reference counting and shutdown, attach while other threads
 * fault and map, hardware accessed/dirty bits kept by protect (set before
 * it and by a racing thread), fatal signals stopping long operations with
 * their exact progress, and the local-flush hint of spurious faults.
 */
#include <kunit/test.h>
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/completion.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include "axaddrspace/tests/as_test_hal.h"
#include "axaddrspace/tests/pt_store_log.h"
#include "axaddrspace/tests/test_rand.h"

#define ASC_BASE	BIT_ULL(30)
#define ASC_SIZE	(64ULL << 20)
#define ASC_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define ASC_R		AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)

struct asc_cfg {
	const char *name;
	struct axpt_cfg cfg;
};

static const struct asc_cfg asc_cfgs[] = {
	{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
	{ "ept-4-ad", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4,
			.flags = AXPT_CFG_EPT_AD } },
	{ "npt-4", { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 } },
	{ "npt-5", { .format = AXAS_FORMAT_AMD_NPT, .levels = 5 } },
	{ "s2-40", { .format = AXAS_FORMAT_ARM_S2, .ias = 40 } },
	{ "s2-48", { .format = AXAS_FORMAT_ARM_S2, .ias = 48 } },
	{ "sv39x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 } },
	{ "sv48x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 4 } },
};

static void asc_cfg_desc(const struct asc_cfg *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(asc_cfg, asc_cfgs, asc_cfg_desc);

/* One case: a space, its HALs, the store log and a test consumer. */
struct asc {
	struct kunit *test;
	struct axas *as;
	struct ast_hal hal;
	struct ast_tables tables;
	struct ptl log;
	struct axas_consumer consumer;
	unsigned int released;
	atomic_t invalidations;
	/* a lost race, forced: the next frame allocation first installs this */
	bool race_armed;
	u64 race_gpa;
	unsigned int race_order;
	u64 race_hpa;
};

/* The frame HAL: the test one, each free checked by the store log. */
static int asc_frame_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct asc *c = ctx;

	/*
	 * The fault allocates between finding the slot empty and installing:
	 * exactly where a racing vCPU's fault would install its own frame.
	 */
	if (c->race_armed) {
		u64 size = AXPT_PAGE_SIZE << c->race_order;

		c->race_armed = false;
		if (ast_frame_ops.alloc(&c->hal, c->race_order, &c->race_hpa) ||
		    axpt_map(&c->as->pt, c->race_gpa, c->race_hpa, size,
			     AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB),
			     AXPT_MAP_SHARED | AXPT_MAP_MAX_2M))
			KUNIT_FAIL(c->test, "could not install the competitor");
		else
			this_cpu_add(c->as->pcpu->data_pages, 1L << c->race_order);
	}
	return ast_frame_ops.alloc(&c->hal, order, hpa);
}

static void asc_frame_free(void *ctx, u64 hpa)
{
	struct asc *c = ctx;

	ptl_frame_free(&c->log, hpa);
	ast_frame_ops.free(&c->hal, hpa);
}

static void *asc_frame_map(void *ctx, u64 hpa)
{
	struct asc *c = ctx;

	return ast_frame_ops.map(&c->hal, hpa);
}

static void asc_frame_unmap(void *ctx, u64 hpa, void *va)
{
	struct asc *c = ctx;

	ast_frame_ops.unmap(&c->hal, hpa, va);
}

static bool asc_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	return true;
}

static const struct axas_frame_ops asc_frame_ops = {
	.alloc = asc_frame_alloc,
	.free = asc_frame_free,
	.map = asc_frame_map,
	.unmap = asc_frame_unmap,
	.hpa_allowed = asc_hpa_allowed,
};

/* The table HAL: the failing test one, each free checked. */
static void *asc_table_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct asc *c = ctx;

	return ast_table_ops.alloc_table(&c->tables, order, pa);
}

static void asc_table_free(void *ctx, void *va, unsigned int order,
			   bool deferred)
{
	struct asc *c = ctx;

	if (!order)
		ptl_table_free(&c->log, page_to_phys(virt_to_page(va)));
	ast_table_ops.free_table(&c->tables, va, order, deferred);
}

static const struct axpt_mm_ops asc_table_ops = {
	.alloc_table = asc_table_alloc,
	.free_table = asc_table_free,
};

/* The test consumer: it only records what it is told. */
static void asc_invalidate(struct axas_consumer *cons, const struct axas_inval *inv)
{
	struct asc *c = container_of(cons, struct asc, consumer);

	atomic_inc(&c->invalidations);
	ptl_invalidate(&c->log, inv);
}

static void asc_release(struct axas_consumer *cons)
{
	struct asc *c = container_of(cons, struct asc, consumer);

	c->released++;
}

static const struct axas_consumer_ops asc_consumer_ops = {
	.invalidate = asc_invalidate,
	.release = asc_release,
};

static struct asc *asc_new(struct kunit *test, const struct axpt_cfg *cfg)
{
	struct asc *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->test = test;
	c->as = axas_new(cfg, axas_gpa(ASC_BASE), ASC_SIZE, &asc_table_ops, c,
			 &asc_frame_ops, c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->as));
	KUNIT_ASSERT_EQ(test, ptl_init(&c->log, test, &c->as->pt), 0);
	c->consumer.ops = &asc_consumer_ops;
	return c;
}

static void asc_attach(struct asc *c)
{
	KUNIT_ASSERT_EQ(c->test, axas_consumer_attach(c->as, &c->consumer), 0);
	c->log.strict = true;
}

static void asc_detach(struct asc *c)
{
	c->log.strict = false;
	axas_consumer_detach(&c->consumer);
}

/* Shut down and drop the owner's reference; everything must be back. */
static void asc_end(struct asc *c)
{
	struct kunit *test = c->test;

	axas_shutdown(c->as);
	ptl_fini(&c->log);
	axas_put(c->as);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0);
}

static void asc_fault(struct asc *c, u64 gpa, u32 access, u32 want)
{
	struct axas_fault_info fi;

	KUNIT_ASSERT_EQ(c->test, axas_handle_fault(c->as, axas_gpa(gpa), access, &fi), 0);
	if (want)
		KUNIT_EXPECT_EQ_MSG(c->test, fi.result, want, "gpa %#llx", gpa);
}

/* ------------------------------------------------------ the rules, random */

/* One random operation; the store log checks what it does. */
static void asc_random_op(struct asc *c, u64 *r)
{
	u64 gpa = ASC_BASE + (axt_below(r, ASC_SIZE >> 12) << 12);
	u64 size = (1 + axt_below(r, axt_below(r, 4) ? 16 : 2048)) << 12;
	u32 attr = AXPT_ATTR(AXAS_PROT_READ | (axt_below(r, 2) ? AXAS_PROT_WRITE : 0),
			     axt_below(r, 3));
	struct axas_inval_info fl;

	if (gpa + size > ASC_BASE + ASC_SIZE)
		size = ASC_BASE + ASC_SIZE - gpa;
	if (axt_below(r, 2))
		gpa &= ~(u64)(SZ_2M - 1);	/* 2 MiB frames and blocks */
	if (axt_below(r, 3) == 0)
		size = ALIGN(size, SZ_2M);
	if (gpa + size > ASC_BASE + ASC_SIZE)
		size = ASC_BASE + ASC_SIZE - gpa;
	if (c->as->pt.fmt->check_attr(attr))
		attr = ASC_RW;

	switch (axt_below(r, 10)) {
	case 0:
		axas_map_alloc(c->as, axas_gpa(gpa), size, ASC_RW, false);
		break;
	case 1:
		/* sometimes out of frames or tables half way */
		if (axt_below(r, 2))
			c->hal.fail_at = ast_nallocs(&c->hal) + 1 + axt_below(r, 8);
		else
			c->tables.fail_at = c->tables.nallocs + 1 + axt_below(r, 4);
		axas_map_alloc(c->as, axas_gpa(gpa), size, ASC_RW, true);
		c->hal.fail_at = 0;
		c->tables.fail_at = 0;
		break;
	case 2:
		axas_map_linear(c->as, axas_gpa(gpa), axas_hpa(gpa + 4ULL * SZ_1G), size,
				attr);
		break;
	case 3:
		axas_map_mmio(c->as, axas_gpa(gpa), size, ASC_RW);
		break;
	case 4:
	case 5:
		axas_unmap(c->as, axas_gpa(gpa), size, &fl);
		break;
	case 6:
	case 7:
		axas_protect(c->as, axas_gpa(gpa), size, attr, &fl);
		break;
	default: {
		unsigned int i;

		for (i = 0; i < 16; i++) {
			struct axas_fault_info fi;
			u64 g = gpa + (axt_below(r, 64) << 12);

			axas_handle_fault(c->as, axas_gpa(g), AXAS_PROT_READ, &fi);
		}
	}
	}
}

static void asc_test_rules_random(struct kunit *test)
{
	const struct asc_cfg *cfg = test->param_value;
	struct asc *c = asc_new(test, &cfg->cfg);
	u64 r;
	unsigned int i;

	r = 0xc0de + cfg->cfg.format;
	asc_attach(c);
	for (i = 0; i < 600 && !c->log.errors; i++)
		asc_random_op(c, &r);
	kunit_info(test, "%llu stores, %llu invalidations, %llu frees checked, %llu breaks",
		   c->log.stores, c->log.ninval, c->log.frees_checked, c->log.breaks);
	/* the rules were exercised, not only obeyed vacuously */
	KUNIT_EXPECT_GT(test, c->log.ninval, 10ULL);
	KUNIT_EXPECT_GT(test, c->log.frees_checked, 10ULL);
	if (cfg->cfg.format == AXAS_FORMAT_ARM_S2)
		KUNIT_EXPECT_GT(test, c->log.breaks, 0ULL);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	asc_detach(c);
	asc_end(c);
}

/* ------------------------------------------------ the rules, by example */

/* Unmap of a split block and of whole tables, every free checked. */
static void asc_test_unmap_frees_after_invalidate(struct kunit *test)
{
	const struct asc_cfg *cfg = test->param_value;
	struct asc *c = asc_new(test, &cfg->cfg);
	struct axas_inval_info fl;
	long live;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_4M, ASC_RW,
					     true), 0);
	asc_attach(c);
	live = ast_live(&c->hal);
	/* 4 KiB out of the first 2 MiB frame: split, one frame freed */
	KUNIT_ASSERT_EQ(test, axas_unmap(c->as, axas_gpa(ASC_BASE + SZ_64K), SZ_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), live - 1);
	KUNIT_EXPECT_GE(test, fl.invalidations, 1U);
	KUNIT_EXPECT_LE(test, fl.start, ASC_BASE);
	KUNIT_EXPECT_GE(test, fl.end, ASC_BASE + SZ_2M);
	/* all of it: tables go too, after an invalidation of the walk caches */
	KUNIT_ASSERT_EQ(test, axas_unmap(c->as, axas_gpa(ASC_BASE), SZ_4M, &fl), 0);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0);
	KUNIT_EXPECT_GT(test, c->log.frees_checked, 0ULL);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	asc_detach(c);
	asc_end(c);
}

/* Without a consumer nothing is invalidated and frees happen at once. */
static void asc_test_no_consumer_direct(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 40 };
	struct asc *c = asc_new(test, &cfg);
	struct axas_inval_info fl;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_4M, ASC_RW,
					     true), 0);
	KUNIT_ASSERT_EQ(test, axas_unmap(c->as, axas_gpa(ASC_BASE + SZ_64K), SZ_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, fl.invalidations, 0U);
	KUNIT_EXPECT_EQ(test, c->log.breaks, 0ULL);	/* no hardware: no BBM */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->invalidations), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1024 - 1);
	asc_end(c);
}

/*
 * Arm: splitting a live block is break (the block made invalid),
 * invalidate (a range covering the block), make (the table).
 */
static void asc_test_arm_split_bbm(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 40 };
	struct asc *c = asc_new(test, &cfg);
	struct axas_inval_info fl;
	u64 breaks, ninval;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_2M, ASC_RW,
					     true), 0);
	KUNIT_ASSERT_EQ(test, axpt_nr_leaves(&c->as->pt, 1), 1);
	asc_attach(c);
	breaks = c->log.breaks;
	ninval = c->log.ninval;
	KUNIT_ASSERT_EQ(test, axas_protect(c->as, axas_gpa(ASC_BASE + SZ_4K), SZ_4K,
					   ASC_R, &fl), 0);
	/*
	 * one break (the block), an invalidation before the make, and one
	 * for the downgraded page after it
	 */
	KUNIT_EXPECT_EQ(test, c->log.breaks, breaks + 1);
	KUNIT_EXPECT_GE(test, c->log.ninval, ninval + 1);
	KUNIT_EXPECT_EQ(test, c->log.nbroken, 0U);	/* every break was made */
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&c->as->pt, 0), 512);
	/* a memory type change of a page: break, invalidate, make too */
	breaks = c->log.breaks;
	KUNIT_ASSERT_EQ(test, axas_protect(c->as, axas_gpa(ASC_BASE), SZ_8K,
					   AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_NC), &fl), 0);
	KUNIT_EXPECT_EQ(test, c->log.breaks, breaks + 2);
	/* a pure permission change of a page needs no break */
	breaks = c->log.breaks;
	KUNIT_ASSERT_EQ(test, axas_protect(c->as, axas_gpa(ASC_BASE + SZ_1M), SZ_4K,
					   ASC_R, &fl), 0);
	KUNIT_EXPECT_EQ(test, c->log.breaks, breaks);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	asc_detach(c);
	asc_end(c);
}

/* --------------------------------------------- lost races, forced */

static void asc_test_lost_races(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_AMD_NPT };
	struct asc *c = asc_new(test, &cfg);
	struct axas_fault_info fi;
	long live;

	/* 4 KiB: the competitor's frame wins, ours is freed, SPURIOUS */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_1M, ASC_RW,
					     false), 0);
	c->race_armed = true;
	c->race_gpa = ASC_BASE + SZ_64K;
	c->race_order = 0;
	KUNIT_ASSERT_EQ(test, axas_handle_fault(c->as, axas_gpa(ASC_BASE + SZ_64K + 8),
						AXAS_PROT_WRITE, &fi), 0);
	KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.hpa, c->race_hpa + 8);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1);

	/* 2 MiB lost to a 4 KiB page elsewhere in the block: a 4 KiB frame */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE + SZ_2M), SZ_2M,
					     ASC_RW, false), 0);
	live = ast_live(&c->hal);
	c->race_armed = true;
	c->race_gpa = ASC_BASE + SZ_2M + SZ_1M;
	c->race_order = 0;
	KUNIT_ASSERT_EQ(test, axas_handle_fault(c->as, axas_gpa(ASC_BASE + SZ_2M),
						AXAS_PROT_WRITE, &fi), 0);
	KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), live + 2);	/* no 2 MiB kept */
	KUNIT_EXPECT_EQ(test, ast_nallocs_2m(&c->hal), 1);

	/* 2 MiB lost to a 2 MiB leaf: SPURIOUS at level 1 */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE + SZ_4M), SZ_2M,
					     ASC_RW, false), 0);
	live = ast_live(&c->hal);
	c->race_armed = true;
	c->race_gpa = ASC_BASE + SZ_4M;
	c->race_order = AXPT_LEVEL_BITS;
	KUNIT_ASSERT_EQ(test, axas_handle_fault(c->as, axas_gpa(ASC_BASE + SZ_4M + SZ_4K),
						AXAS_PROT_READ, &fi), 0);
	KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.level, 1U);
	KUNIT_EXPECT_EQ(test, fi.hpa, c->race_hpa + SZ_4K);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), live + 512);
	asc_end(c);
}

/* --------------------------------------------- references and shutdown */

static void asc_test_refs_and_shutdown(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct asc *c = asc_new(test, &cfg);
	struct axas_consumer bad = { .ops = NULL };
	struct axas_root_regs regs;
	struct axpt_root root;
	struct axas_space_stats st;

	KUNIT_EXPECT_EQ(test, axas_consumer_attach(c->as, &bad), -EINVAL);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_4M, ASC_RW,
					     true), 0);
	asc_attach(c);
	axas_get_stats(c->as, &st);
	KUNIT_EXPECT_EQ(test, st.consumers, 1ULL);
	KUNIT_EXPECT_EQ(test, st.data_pages, 1024ULL);
	KUNIT_EXPECT_EQ(test, kref_read(&c->as->ref), 2U);
	axas_root_regs(c->as, &regs);
	axpt_root_value(&c->as->pt, &root);
	KUNIT_EXPECT_EQ(test, regs.format, (u32)AXAS_FORMAT_INTEL_EPT);
	/* EPTP: the root, WB (6) in bits 2:0, walk length 4 - 1 in 5:3 */
	KUNIT_EXPECT_EQ(test, regs.value, (u64)c->as->pt.root_pa | 6 | (3 << 3));

	/* the owner goes: release once, the space emptied, new maps refused */
	axas_shutdown(c->as);
	KUNIT_EXPECT_EQ(test, c->released, 1U);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_4K, ASC_RW,
					     false), -ENODEV);
	{
		/* a valid consumer is refused too: the space is shut down */
		struct axas_consumer late = { .ops = &asc_consumer_ops };

		KUNIT_EXPECT_EQ(test, axas_consumer_attach(c->as, &late), -ENODEV);
	}
	axas_shutdown(c->as);	/* twice: release is not called again */
	KUNIT_EXPECT_EQ(test, c->released, 1U);
	/* the consumer's reference keeps the memory after the owner's put */
	ptl_fini(&c->log);
	axas_put(c->as);
	KUNIT_EXPECT_EQ(test, kref_read(&c->as->ref), 1U);
	c->log.strict = false;
	axas_consumer_detach(&c->consumer);	/* the last reference */
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0);
}

/* ------------------------------------------------ hardware A/D bits */

struct asc_ad {
	struct asc *c;
	u64 *slots[64];
	bool dirty[64];		/* set by the thread after its D store */
	atomic_t stop;
	struct completion done;
	u64 d_bit;
};

/* Walk to the 4 KiB leaf slot of @gpa (the test reads the tables). */
static u64 *asc_leaf_slot(struct axpt *pt, u64 gpa)
{
	const struct axpt_format *fmt = pt->fmt;
	u64 *tbl = pt->root;
	int level;

	for (level = pt->levels - 1; level > 0; level--) {
		u64 pte = tbl[(gpa >> axpt_level_shift(level)) &
			      ((level == pt->levels - 1 ? 1ULL << pt->top_bits :
				512ULL) - 1)];
		struct axpt_leaf leaf;

		if (fmt->decode_leaf(pte, level, &leaf) != -ENOENT || !pte)
			return NULL;
		tbl = __va(pte & GENMASK_ULL(51, 12));
	}
	return &tbl[(gpa >> 12) & 511];
}

/* "Hardware": sets the dirty bit of leaves, atomically, over and over. */
static int asc_ad_thread(void *arg)
{
	struct asc_ad *a = arg;
	unsigned int i = 0;

	while (!atomic_read(&a->stop)) {
		u64 *slot = a->slots[i++ % 64];
		u64 old = READ_ONCE(*slot);

		if (old && cmpxchg64(slot, old, old | a->d_bit) == old)
			WRITE_ONCE(a->dirty[(i - 1) % 64], true);
		if (!(i & 63))
			cond_resched();
	}
	complete(&a->done);
	return 0;
}

static void asc_test_ad_bits_kept(struct kunit *test)
{
	static const struct axpt_cfg cfgs[] = {
		{ .format = AXAS_FORMAT_AMD_NPT, .levels = 4 },
		{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 4, .flags = AXPT_CFG_EPT_AD },
	};
	unsigned int k, i, round, epoch;

	for (k = 0; k < ARRAY_SIZE(cfgs); k++) {
		struct asc *c = asc_new(test, &cfgs[k]);
		struct asc_ad *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
		/* NPT: D is bit 6, A bit 5; EPT: D bit 9, A bit 8 */
		u64 d = k ? BIT_ULL(9) : BIT_ULL(6);
		struct task_struct *t;

		KUNIT_ASSERT_NOT_NULL(test, a);
		/* less than 2 MiB: 4 KiB frames */
		KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_1M,
						     ASC_RW, false), 0);
		for (i = 0; i < 64; i++)
			asc_fault(c, ASC_BASE + i * SZ_4K, AXAS_PROT_WRITE,
				  AXAS_FAULT_MAPPED);
		for (i = 0; i < 64; i++) {
			a->slots[i] = asc_leaf_slot(&c->as->pt, ASC_BASE + i * SZ_4K);
			KUNIT_ASSERT_NOT_NULL(test, a->slots[i]);
			/* the engine presets D in a writable leaf */
			KUNIT_EXPECT_TRUE(test, *a->slots[i] & d);
		}
		/*
		 * Clean, as a dirty log's clear would make them: with D clear
		 * the hardware may set it, and protect must not lose that.
		 */
		for (i = 0; i < 64; i++)
			*a->slots[i] &= ~d;
		/* set before the protect: a rewrite must keep it */
		*a->slots[3] |= d;
		KUNIT_ASSERT_EQ(test, axas_protect(c->as, axas_gpa(ASC_BASE), SZ_1M, ASC_R,
						   NULL), 0);
		KUNIT_EXPECT_TRUE(test, *a->slots[3] & d);
		KUNIT_EXPECT_FALSE(test, *a->slots[3] & BIT_ULL(1)); /* now read-only */
		/* and protect sets no D itself */
		KUNIT_EXPECT_FALSE(test, *a->slots[4] & d);

		/*
		 * Set by a racing thread while protect flips the rights; in
		 * epochs that start with every D clear, since once all are
		 * set the hardware writes nothing more.
		 */
		a->c = c;
		a->d_bit = d;
		for (epoch = 0; epoch < 8; epoch++) {
			for (i = 0; i < 64; i++) {
				*a->slots[i] &= ~d;
				a->dirty[i] = false;
			}
			atomic_set(&a->stop, 0);
			init_completion(&a->done);
			t = kthread_run(asc_ad_thread, a, "asc-ad");
			KUNIT_ASSERT_FALSE(test, IS_ERR(t));
			for (round = 0; round < 50; round++) {
				bool was[64];

				for (i = 0; i < 64; i++)
					was[i] = READ_ONCE(a->dirty[i]);
				axas_protect(c->as, axas_gpa(ASC_BASE), 64 * SZ_4K,
					     round & 1 ? ASC_R : ASC_RW, NULL);
				/* dirty before or during the protect: still dirty */
				for (i = 0; i < 64; i++)
					if (was[i] && !(READ_ONCE(*a->slots[i]) & d))
						KUNIT_FAIL(test, "epoch %u round %u: leaf %u: no D",
							   epoch, round, i);
			}
			atomic_set(&a->stop, 1);
			wait_for_completion(&a->done);
		}
		asc_end(c);
	}
}

/* ------------------------------------------------------ fatal signals */

static void asc_kill_self(void)
{
	allow_signal(SIGKILL);
	send_sig(SIGKILL, current, 1);
}

static void asc_unkill_self(void)
{
	flush_signals(current);
	disallow_signal(SIGKILL);
}

static void asc_test_fatal_signal_stops(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_AMD_NPT };
	struct asc *c = asc_new(test, &cfg);
	struct axas_xlate tr;
	u64 done = 123;
	int ret;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_8M, ASC_RW,
					     true), 0);
	asc_attach(c);
	/* unmap from inside the first 2 MiB: stops at the first boundary */
	asc_kill_self();
	ret = axas_unmap_partial(c->as, axas_gpa(ASC_BASE + SZ_1M), SZ_4M, NULL, &done);
	asc_unkill_self();
	KUNIT_EXPECT_EQ(test, ret, -EINTR);
	KUNIT_EXPECT_EQ(test, done, (u64)SZ_1M);
	KUNIT_EXPECT_EQ(test, axas_translate(c->as, axas_gpa(ASC_BASE + SZ_1M), &tr), -ENOENT);
	KUNIT_EXPECT_EQ(test, axas_translate(c->as, axas_gpa(ASC_BASE + SZ_2M), &tr), 0);
	KUNIT_EXPECT_EQ(test, axas_translate(c->as, axas_gpa(ASC_BASE + SZ_1M - SZ_4K), &tr), 0);
	/* the areas agree: a fault in the hole finds none, after it does */
	asc_fault(c, ASC_BASE + SZ_1M, AXAS_PROT_READ, AXAS_FAULT_NO_AREA);
	asc_fault(c, ASC_BASE + SZ_2M, AXAS_PROT_READ, AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), (SZ_8M - SZ_1M) >> 12);

	/* protect likewise */
	asc_kill_self();
	ret = axas_protect_partial(c->as, axas_gpa(ASC_BASE + SZ_2M), SZ_4M, ASC_R, NULL,
				   &done);
	asc_unkill_self();
	KUNIT_EXPECT_EQ(test, ret, -EINTR);
	KUNIT_EXPECT_EQ(test, done, (u64)SZ_2M);
	asc_fault(c, ASC_BASE + SZ_2M, AXAS_PROT_WRITE, AXAS_FAULT_PERMISSION);
	asc_fault(c, ASC_BASE + SZ_4M, AXAS_PROT_WRITE, AXAS_FAULT_SPURIOUS);

	/* a populate is all or nothing: interrupted, it rolls back */
	asc_kill_self();
	ret = axas_map_alloc(c->as, axas_gpa(ASC_BASE + SZ_16M), SZ_8M, ASC_RW, true);
	asc_unkill_self();
	KUNIT_EXPECT_EQ(test, ret, -EINTR);
	asc_fault(c, ASC_BASE + SZ_16M, AXAS_PROT_READ, AXAS_FAULT_NO_AREA);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), (SZ_8M - SZ_1M) >> 12);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	asc_detach(c);
	asc_end(c);
}

/* ------------------------------------------------- spurious-fault hint */

static void asc_test_flush_local_hint(struct kunit *test)
{
	static const struct {
		struct axpt_cfg cfg;
		bool before, after;	/* hint before / after an upgrade */
	} k[] = {
		{ { .format = AXAS_FORMAT_INTEL_EPT }, false, false },
		{ { .format = AXAS_FORMAT_AMD_NPT }, false, false },
		{ { .format = AXAS_FORMAT_ARM_S2, .ias = 40 }, false, true },
		{ { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 },
		  true, true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(k); i++) {
		struct asc *c = asc_new(test, &k[i].cfg);
		struct axas_fault_info fi;

		KUNIT_ASSERT_EQ(test, axas_map_alloc(c->as, axas_gpa(ASC_BASE), SZ_2M,
						     ASC_R, true), 0);
		KUNIT_ASSERT_EQ(test, axas_handle_fault(c->as, axas_gpa(ASC_BASE),
							AXAS_PROT_READ, &fi), 0);
		KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_SPURIOUS);
		KUNIT_EXPECT_EQ(test, !!(fi.flags & AXAS_FAULT_F_FLUSH_LOCAL), k[i].before);
		/* an upgrade: a vCPU may still hold the read-only entry */
		KUNIT_ASSERT_EQ(test, axas_protect(c->as, axas_gpa(ASC_BASE), SZ_2M, ASC_RW,
						   NULL), 0);
		KUNIT_ASSERT_EQ(test, axas_handle_fault(c->as, axas_gpa(ASC_BASE),
							AXAS_PROT_WRITE, &fi), 0);
		KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_SPURIOUS);
		KUNIT_EXPECT_EQ(test, !!(fi.flags & AXAS_FAULT_F_FLUSH_LOCAL), k[i].after);
		asc_end(c);
	}
}

/* --------------------------------------- attach and detach under load */

struct asc_load {
	struct asc *c;
	atomic_t stop;
	atomic_t bad;
	struct completion done[2];
};

static int asc_load_faults(void *arg)
{
	struct asc_load *l = arg;
	u64 r;

	r = 7;
	while (!atomic_read(&l->stop)) {
		u64 gpa = ASC_BASE + (axt_below(&r, 1024) << 12);
		struct axas_fault_info fi;
		struct axas_xlate tr;

		if (axas_handle_fault(l->c->as, axas_gpa(gpa), AXAS_PROT_WRITE, &fi))
			atomic_inc(&l->bad);
		else if (fi.result != AXAS_FAULT_MAPPED && fi.result != AXAS_FAULT_SPURIOUS &&
			 fi.result != AXAS_FAULT_NO_AREA)
			atomic_inc(&l->bad);
		/* a translation is a frame of the area or nothing */
		if (!axas_translate(l->c->as, axas_gpa(gpa), &tr) && tr.page_size > SZ_2M)
			atomic_inc(&l->bad);
		cond_resched();
	}
	complete(&l->done[0]);
	return 0;
}

static int asc_load_maps(void *arg)
{
	struct asc_load *l = arg;
	unsigned int i = 0;

	while (!atomic_read(&l->stop)) {
		axas_map_alloc(l->c->as, axas_gpa(ASC_BASE), SZ_4M, ASC_RW, i & 1);
		axas_unmap(l->c->as, axas_gpa(ASC_BASE + (i % 7) * SZ_64K), SZ_1M, NULL);
		axas_unmap(l->c->as, axas_gpa(ASC_BASE), SZ_4M, NULL);
		i++;
		cond_resched();
	}
	complete(&l->done[1]);
	return 0;
}

static void asc_test_attach_under_load(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 40 };
	struct asc *c = asc_new(test, &cfg);
	struct asc_load *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, l);
	l->c = c;
	init_completion(&l->done[0]);
	init_completion(&l->done[1]);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(asc_load_faults, l, "asc-f")));
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(asc_load_maps, l, "asc-m")));
	for (i = 0; i < 200; i++) {
		asc_attach(c);
		cond_resched();
		asc_detach(c);
	}
	asc_attach(c);
	atomic_set(&l->stop, 1);
	wait_for_completion(&l->done[0]);
	wait_for_completion(&l->done[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&l->bad), 0);
	KUNIT_EXPECT_EQ(test, c->log.errors, 0ULL);
	KUNIT_EXPECT_EQ(test, kref_read(&c->as->ref), 2U);
	asc_detach(c);
	asc_end(c);
}

static struct kunit_case asc_cases[] = {
	KUNIT_CASE_PARAM(asc_test_rules_random, asc_cfg_gen_params),
	KUNIT_CASE_PARAM(asc_test_unmap_frees_after_invalidate, asc_cfg_gen_params),
	KUNIT_CASE(asc_test_no_consumer_direct),
	KUNIT_CASE(asc_test_arm_split_bbm),
	KUNIT_CASE(asc_test_lost_races),
	KUNIT_CASE(asc_test_refs_and_shutdown),
	KUNIT_CASE(asc_test_ad_bits_kept),
	KUNIT_CASE(asc_test_fatal_signal_stops),
	KUNIT_CASE(asc_test_flush_local_hint),
	KUNIT_CASE(asc_test_attach_under_load),
	{}
};

static struct kunit_suite asc_suite = {
	.name = "axaddrspace-consumer",
	.test_cases = asc_cases,
};

kunit_test_suite(asc_suite);
