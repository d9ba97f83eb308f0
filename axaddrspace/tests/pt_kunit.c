// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the page-table engine: randomised runs against a
 * reference model for every format and configuration, boundaries,
 * allocation failure at every step, leak checks and the reference crate's
 * defects. Compiles in the kernel and in tools/testing/axaddrspace.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/array_size.h>
#include <linux/string.h>
#include <asm/page.h>

#define PTM_FAIL(m, fmt, ...)						\
	do {								\
		struct ptm *__m = (m);					\
		struct kunit *__test = __m->t;				\
		__m->failed++;						\
		KUNIT_FAIL(__test, fmt, ##__VA_ARGS__);			\
	} while (0)
#define ptm_zalloc(n)	kvzalloc(n, GFP_KERNEL)
#define ptm_free(p)	kvfree(p)
#include "axaddrspace/tests/pt_gather_test.h"
#include "axaddrspace/tests/pt_model.h"
#include "axaddrspace/tests/pt_snap.h"

#define SZ_4K_	BIT_ULL(12)
#define SZ_2M_	BIT_ULL(21)
#define SZ_1G_	BIT_ULL(30)
#define RW_WB	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define RX_WB	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_EXEC, AXAS_MEM_WB)
#define R_WB	AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)

static void pt_cfg_desc(const struct ptm_config *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pt_cfg, ptm_configs, pt_cfg_desc);

static long pt_live_before;

/* Every case must give back every table page it took. */
static int pt_test_init(struct kunit *test)
{
	rcu_barrier();
	pt_live_before = axpt_linux_live_pages();
	return 0;
}

static void pt_test_exit(struct kunit *test)
{
	rcu_barrier();
	KUNIT_EXPECT_EQ_MSG(test, axpt_linux_live_pages(), pt_live_before,
			    "table pages leaked");
}

static const struct axpt_cfg *pt_param_cfg(struct kunit *test)
{
	return &((const struct ptm_config *)test->param_value)->cfg;
}

static void pt_model_init(struct kunit *test, struct ptm *m, u64 seed)
{
	int ret = ptm_init(m, pt_param_cfg(test), &axpt_linux_mm_ops, NULL,
			   4096, seed, test);

	KUNIT_ASSERT_EQ(test, ret, 0);
}

/* 10,000 random operations, each checked against the model. */
static void pt_test_random(struct kunit *test)
{
	struct ptm m;

	pt_model_init(test, &m, 0x5eed0000 + pt_param_cfg(test)->levels);
	ptm_run(&m, 10000);
	kunit_info(test, "10000 ops, %lu probes", m.probes);
	ptm_fini(&m);
}

/* ---------------------------------------------------------- boundaries */

static void pt_test_boundaries(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct axpt_leaf q;
	struct axpt_gather fl;
	u64 top;

	pt_model_init(test, &m, 1);
	top = 1ULL << pt->ias;

	/* GPA 0 and the last page of the input space. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 0, 0x1000, SZ_4K_, RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, top - SZ_4K_, 0x2000, SZ_4K_, RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 0xfff, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 0x1fffULL);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, top - 1, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 0x2fffULL);

	/* One byte (one page) past the input space: refused, never aliased. */
	KUNIT_EXPECT_EQ(test, axpt_query(pt, top, &q), -ERANGE);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, top, 0x3000, SZ_4K_, RW_WB, 0), -ERANGE);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, top - SZ_4K_, 0x3000, 2 * SZ_4K_, RW_WB, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, top - SZ_4K_, 2 * SZ_4K_, ptg(&fl, pt)), -ERANGE);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, top - 1, &q), 0);

	/* Wrapping ranges, misalignment, empty and inexpressible requests. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, ~0ULL - 0xfff, 0, 2 * SZ_4K_, RW_WB, 0),
			-EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, ~0ULL - 0xfff, 2 * SZ_4K_, RW_WB, 0),
			-EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 1ULL << pt->oas, SZ_4K_, RW_WB, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_ + 1, 0, SZ_4K_, RW_WB, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0x800, SZ_4K_, RW_WB, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, 0x800, RW_WB, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, 0, RW_WB, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_4K_, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_4K_, RW_WB | BIT(12), 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_4K_, AXPT_ATTR(1, 3), 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_4K_, RW_WB, BIT(7)), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, SZ_4K_, 0, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, fl.start, fl.end);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, SZ_4K_ + 1, SZ_4K_, ptg(&fl, pt)), -EINVAL);

	/* Mapping over a mapping changes nothing. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 0, 0x9000, 2 * SZ_4K_, RW_WB, 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 0, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 0x1000ULL);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_4K_, &q), -ENOENT);

	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, 0, top, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, fl.start, 0ULL);
	KUNIT_EXPECT_EQ(test, fl.end, top);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt->nr_tables), 1L << pt->root_order);
	ptm_fini(&m);
}

/* A 5-level space: map, query and unmap 1 GiB pages at the very top. */
static void pt_test_top_of_57bit(struct kunit *test)
{
	static const u32 formats[] = { AXAS_FORMAT_INTEL_EPT, AXAS_FORMAT_AMD_NPT };
	unsigned int f;

	for (f = 0; f < ARRAY_SIZE(formats); f++) {
		struct axpt_cfg cfg = { .format = formats[f], .levels = 5 };
		u64 top = 1ULL << 57;
		struct axpt_gather fl;
		struct axpt_leaf q;
		struct axpt pt;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
		KUNIT_EXPECT_EQ(test, pt.ias, 57);
		KUNIT_EXPECT_EQ(test, axpt_map(&pt, top - SZ_1G_, 5 * SZ_1G_, SZ_1G_,
					       RW_WB, 0), 0);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top - 1, &q), 0);
		KUNIT_EXPECT_EQ(test, q.hpa, 6 * SZ_1G_ - 1);
		KUNIT_EXPECT_EQ(test, q.level, 2U);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top, &q), -ERANGE);
		/* The same low bits 48 bits down must not alias. */
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, (1ULL << 48) - 1, &q), -ENOENT);
		/* root, a level-3 and a level-2 table */
		KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), 3L);
		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, top - SZ_2M_, SZ_2M_, ptg(&fl, &pt)), 0);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top - SZ_2M_ - 1, &q), 0);
		KUNIT_EXPECT_EQ(test, q.level, 1U);
		axpt_destroy(&pt);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), 0L);
	}
}

/* ---------------------------------------------- page sizes and defects */

struct pt_levels {
	unsigned long n[AXPT_MAX_LEAF_LEVEL + 1];
};

static int pt_count_leaf(void *arg, unsigned int level, u64 gpa, u64 pte,
			 bool leaf)
{
	struct pt_levels *c = arg;

	if (leaf)
		c->n[level]++;
	return 0;
}

static void pt_count(struct axpt *pt, struct pt_levels *c)
{
	memset(c, 0, sizeof(*c));
	axpt_walk(pt, 0, 1ULL << pt->ias, pt_count_leaf, c);
}

/*
 * The largest page per entry: 4K up to the first 2M boundary, 2M up to 1G,
 * 1G pages, then 2M and 4K for the tail; HPA above GPA (reference defect 1).
 */
static void pt_test_page_sizes(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct pt_levels c;
	struct axpt_leaf q;
	u64 gpa = SZ_1G_ - SZ_2M_ - 3 * SZ_4K_;
	u64 size = 3 * SZ_4K_ + SZ_2M_ + 2 * SZ_1G_ + SZ_2M_ + SZ_4K_;
	u64 hpa = gpa + 7 * SZ_1G_;	/* same alignment, far above */

	pt_model_init(test, &m, 2);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, gpa, hpa, size, RW_WB, 0), 0);
	pt_count(pt, &c);
	KUNIT_EXPECT_EQ(test, c.n[0], 4UL);
	if (pt->levels > 2) {
		KUNIT_EXPECT_EQ(test, c.n[1], 2UL);
		KUNIT_EXPECT_EQ(test, c.n[2], 2UL);
	} else {
		/* a 2-level Arm table has no 1 GiB level */
		KUNIT_EXPECT_EQ(test, c.n[1], 2UL + 1024);
	}
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_1G_ + 12345, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_1G_ + 12345 + 7 * SZ_1G_);
	KUNIT_EXPECT_EQ(test, q.level, pt->levels > 2 ? 2U : 1U);

	/* Limits from the caller. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 8 * SZ_2M_, 0, SZ_2M_, RW_WB,
				       AXPT_MAP_MAX_4K), 0);
	pt_count(pt, &c);
	KUNIT_EXPECT_EQ(test, c.n[0], 4UL + 512);

	/* HPA below GPA works too. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 3 * SZ_1G_ + 2 * SZ_2M_, SZ_2M_, SZ_2M_,
				       RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 3 * SZ_1G_ + 2 * SZ_2M_ + 8, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_2M_ + 8);
	KUNIT_EXPECT_EQ(test, q.level, 1U);
	ptm_fini(&m);
}

/*
 * Unmapping 4 KiB inside a 2 MiB and a 1 GiB leaf splits them and keeps
 * the rest mapped (reference defect 2); the flush covers the old blocks;
 * emptied tables are reclaimed (defect 7).
 */
static void pt_test_split(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct axpt_gather fl;
	struct axpt_leaf q;
	struct pt_levels c;
	long tables;

	pt_model_init(test, &m, 3);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, SZ_1G_, 2 * SZ_1G_, SZ_1G_, RX_WB, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, 4 * SZ_2M_, 6 * SZ_2M_, SZ_2M_, RW_WB, 0), 0);
	tables = atomic_long_read(&pt->nr_tables);

	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, 4 * SZ_2M_ + 5 * SZ_4K_, SZ_4K_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, fl.start, 4 * SZ_2M_);
	KUNIT_EXPECT_EQ(test, fl.end, 5 * SZ_2M_);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 4 * SZ_2M_ + 5 * SZ_4K_, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 4 * SZ_2M_ + 6 * SZ_4K_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 6 * SZ_2M_ + 6 * SZ_4K_);
	KUNIT_EXPECT_EQ(test, q.level, 0U);
	KUNIT_EXPECT_EQ(test, q.attr, RW_WB);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt->nr_tables), tables + 1);

	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, SZ_1G_ + SZ_2M_ + SZ_4K_, SZ_4K_, ptg(&fl, pt)), 0);
	pt_count(pt, &c);
	KUNIT_EXPECT_EQ(test, c.n[2], 0UL);
	KUNIT_EXPECT_EQ(test, c.n[1], 511UL);
	KUNIT_EXPECT_EQ(test, c.n[0], 511UL + 511);
	if (pt->levels > 2) {
		/* the whole old 1 GiB block */
		KUNIT_EXPECT_EQ(test, fl.start, SZ_1G_);
		KUNIT_EXPECT_EQ(test, fl.end, 2 * SZ_1G_);
	} else {
		KUNIT_EXPECT_EQ(test, fl.start, SZ_1G_ + SZ_2M_);
		KUNIT_EXPECT_EQ(test, fl.end, SZ_1G_ + 2 * SZ_2M_);
	}
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 2 * SZ_1G_ - 1, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 3 * SZ_1G_ - 1);
	KUNIT_EXPECT_EQ(test, q.attr, RX_WB);

	/* Unmapping the rest frees every table but the root. */
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, 0, 2 * SZ_1G_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt->nr_tables), 1L << pt->root_order);
	ptm_fini(&m);
}

/* A query that finds nothing says at which level the walk found the hole. */
static void pt_test_hole_level(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct axpt_leaf q;
	unsigned int top;

	pt_model_init(test, &m, 4);
	top = pt->levels - 1;
	KUNIT_ASSERT_EQ(test, axpt_map(pt, 4 * SZ_2M_ + SZ_4K_, SZ_4K_, SZ_4K_,
				       RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 4 * SZ_2M_ + 2 * SZ_4K_, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, q.level, 0U);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 5 * SZ_2M_, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, q.level, 1U);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_1G_, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, q.level, min(2U, top));
	KUNIT_EXPECT_EQ(test, axpt_query(pt, (1ULL << pt->ias) - 1, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, q.level, top);
	ptm_fini(&m);
}

/*
 * A leaf whose attributes the format cannot decode (the engine never
 * writes one: here it is planted by hand, an EPT reserved memory type)
 * cannot be split, since its attributes cannot be copied: unmap and
 * protect of part of it fail with -EINVAL in their first pass and change
 * nothing; removing it whole needs no split and works.
 */
static void pt_test_split_undecodable(struct kunit *test)
{
	const struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 };
	const u64 pa_mask = GENMASK_ULL(51, 12);
	struct axpt_gather fl;
	struct axpt_leaf q;
	u64 *t, *slot, bad;
	struct axpt pt;
	long tables;

	KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&pt, 2 * SZ_2M_, 8 * SZ_2M_, SZ_2M_, RW_WB, 0), 0);
	t = __va(pt.root[0] & pa_mask);		/* the table of 1 GiB entries */
	t = __va(t[0] & pa_mask);		/* ... of 2 MiB entries */
	slot = &t[2];
	KUNIT_ASSERT_TRUE(test, *slot & BIT_ULL(7));	/* the 2 MiB leaf */
	bad = (*slot & ~GENMASK_ULL(5, 3)) | (2ULL << 3);
	pt.fmt->store_raw(&pt, slot, 1, bad);
	tables = atomic_long_read(&pt.nr_tables);

	KUNIT_EXPECT_EQ(test, axpt_query(&pt, 2 * SZ_2M_, &q), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, 2 * SZ_2M_ + SZ_4K_, SZ_4K_, ptg(&fl, &pt)), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_protect(&pt, 2 * SZ_2M_, SZ_4K_, R_WB, ptg(&fl, &pt)), -EINVAL);
	KUNIT_EXPECT_EQ(test, READ_ONCE(*slot), bad);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), tables);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 1), 1L);

	KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, 2 * SZ_2M_, SZ_2M_, ptg(&fl, &pt)), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 1), 0L);
	axpt_destroy(&pt);
}

/* The slot of the 4 KiB leaf of @gpa, whose tables exist. */
static u64 *pt_test_slot(struct axpt *pt, u64 gpa)
{
	unsigned int level = pt->levels - 1;
	u64 idx = (gpa >> axpt_level_shift(level)) & ((1ULL << pt->top_bits) - 1);
	u64 *tbl = pt->root;

	for (; level; level--) {
		u64 pa = pt->fmt->decode_table(tbl[idx]);

		tbl = pt->mm->phys_to_virt ? pt->mm->phys_to_virt(pt->mm_ctx, pa) :
					     __va(pa);
		idx = (gpa >> axpt_level_shift(level - 1)) & 511;
	}
	return &tbl[idx];
}

/*
 * A protect that meets an invalid 4 KiB leaf fails with -EINVAL and
 * leaves the tables exactly as they were, also when it has already
 * changed the runs before it (it checks runs of 4 KiB leaves as it
 * changes them, and undoes): the invalid leaf (an output address at the
 * table's output size, refused by every format) in the last of four
 * tables of alike leaves; after a table of other attributes; in the
 * first table. Where the hardware sets accessed/dirty bits, the first
 * leaves have D clear, as after a dirty log's clear, and keep it so.
 * With the leaf made valid again, the same protect works.
 */
static void pt_test_protect_undo(struct kunit *test)
{
	const u64 base = SZ_1G_, size = 4 * SZ_2M_, cap = 3 * 2200;
	struct axpt_cfg cfg = *pt_param_cfg(test);
	struct pt_snap before = { .cap = cap }, after = { .cap = cap };
	/* D: NPT bit 6, EPT with A/D bit 9 (the manuals); else none */
	u64 d = cfg.format == AXAS_FORMAT_AMD_NPT ? BIT_ULL(6) :
		cfg.format == AXAS_FORMAT_INTEL_EPT &&
		(cfg.flags & AXPT_CFG_EPT_AD) ? BIT_ULL(9) : 0;
	struct axpt_gather fl;
	struct axpt_leaf q;
	unsigned int c, k;

	before.e = kunit_kcalloc(test, cap, sizeof(u64), GFP_KERNEL);
	after.e = kunit_kcalloc(test, cap, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before.e);
	KUNIT_ASSERT_NOT_NULL(test, after.e);
	/* Arm: a PS size (40, 48) at least the input size */
	cfg.oas = cfg.ias > 40 ? 48 : 40;
	for (c = 0; c < 3; c++) {
		u64 at = c == 2 ? base + 5 * SZ_4K_ : base + 3 * SZ_2M_ + 100 * SZ_4K_;
		struct axpt pt;
		u64 *slot, orig;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
		KUNIT_ASSERT_EQ(test, axpt_map(&pt, base, SZ_1G_, size, RW_WB,
					       AXPT_MAP_MAX_4K), 0);
		if (c == 1)
			KUNIT_ASSERT_EQ(test, axpt_protect(&pt, base + SZ_2M_, SZ_2M_,
							   R_WB, ptg(&fl, &pt)), 0);
		for (k = 0; k < 100; k++)
			*pt_test_slot(&pt, base + k * SZ_4K_) &= ~d;
		slot = pt_test_slot(&pt, at);
		orig = *slot;
		pt.fmt->store_raw(&pt, slot, 0,
				  pt.fmt->encode_leaf(1ULL << cfg.oas, RW_WB, 0));
		KUNIT_ASSERT_EQ(test, pt_snap_walk(&pt, &before), -EINVAL);

		KUNIT_EXPECT_EQ_MSG(test, axpt_protect(&pt, base, size, RX_WB,
						       ptg(&fl, &pt)), -EINVAL,
				    "case %u", c);
		KUNIT_EXPECT_EQ(test, pt_snap_walk(&pt, &after), -EINVAL);
		KUNIT_EXPECT_TRUE_MSG(test, pt_snap_same(&before, &after),
				      "case %u", c);

		pt.fmt->store_raw(&pt, slot, 0, orig);
		KUNIT_EXPECT_EQ(test, axpt_protect(&pt, base, size, RX_WB,
						   ptg(&fl, &pt)), 0);
		for (k = 0; k < size / SZ_4K_; k += 97) {
			KUNIT_EXPECT_EQ(test, axpt_query(&pt, base + k * SZ_4K_, &q), 0);
			KUNIT_EXPECT_EQ(test, q.attr, RX_WB);
			/* D as it was: cleared below 100, preset above */
			KUNIT_EXPECT_EQ(test, q.pte & d, k < 100 ? 0 : d);
		}
		axpt_destroy(&pt);
	}
}

/*
 * An unmap of exactly one 2 MiB or 1 GiB leaf (a path of its own): with a
 * neighbour in its table, only the leaf goes; as the last entry, every
 * table it leaves empty goes too, reported to the gather, until only the
 * root is left.
 */
static void pt_test_unmap_one_large(struct kunit *test)
{
	const struct axpt_cfg *cfg = pt_param_cfg(test);
	struct axpt_gather fl;
	struct axpt_leaf q;
	unsigned int level;

	for (level = 1; level <= 2; level++) {
		u64 size = 1ULL << axpt_level_shift(level), base = 2 * SZ_1G_;
		struct axpt pt;
		long root, tables;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, cfg, &axpt_linux_mm_ops, NULL), 0);
		root = atomic_long_read(&pt.nr_tables);
		/* a 2-level Arm table has no 1 GiB leaves, 3-level ones at the root */
		if (level + 1 >= pt.levels) {
			axpt_destroy(&pt);
			continue;
		}
		KUNIT_ASSERT_EQ(test, axpt_map(&pt, base, SZ_1G_, 2 * size, RW_WB, 0), 0);
		KUNIT_ASSERT_EQ(test, axpt_nr_leaves(&pt, level), 2L);
		tables = atomic_long_read(&pt.nr_tables);
		/* one table per level below the root, down to the leaves' */
		KUNIT_EXPECT_EQ(test, tables, root + pt.levels - 1 - level);

		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, base, size, ptg(&fl, &pt)), 0);
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, level), 1L);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), tables);
		KUNIT_EXPECT_FALSE(test, fl.any_tables);
		KUNIT_EXPECT_EQ(test, fl.start, base);
		KUNIT_EXPECT_EQ(test, fl.end, base + size);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, base, &q), -ENOENT);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, base + size, &q), 0);

		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, base + size, size, ptg(&fl, &pt)), 0);
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, level), 0L);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), root);
		KUNIT_EXPECT_TRUE(test, fl.any_tables);
		KUNIT_EXPECT_LE(test, fl.start, base + size);
		KUNIT_EXPECT_GE(test, fl.end, base + 2 * size);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, base + size, &q), -ENOENT);
		axpt_destroy(&pt);
	}
}

/* Protect splits too, and reports only downgrades. */
static void pt_test_protect(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct axpt_gather fl;
	struct axpt_leaf q;

	pt_model_init(test, &m, 4);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, SZ_2M_, SZ_2M_, SZ_2M_, R_WB, 0), 0);
	/* an upgrade: nothing to invalidate */
	KUNIT_EXPECT_EQ(test, axpt_protect(pt, SZ_2M_, SZ_2M_, RW_WB, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, fl.start, fl.end);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_2M_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.attr, RW_WB);
	KUNIT_EXPECT_EQ(test, q.level, 1U);
	/* a downgrade of one 4K page in the middle */
	KUNIT_EXPECT_EQ(test, axpt_protect(pt, SZ_2M_ + SZ_4K_, SZ_4K_, R_WB, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_LE(test, fl.start, SZ_2M_ + SZ_4K_);
	KUNIT_EXPECT_GE(test, fl.end, SZ_2M_ + 2 * SZ_4K_);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_2M_ + SZ_4K_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.attr, R_WB);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_2M_ + 2 * SZ_4K_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.attr, RW_WB);
	/* holes stay holes */
	KUNIT_EXPECT_EQ(test, axpt_protect(pt, 0, 3 * SZ_2M_, R_WB, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 0, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, 2 * SZ_2M_, &q), -ENOENT);
	/* a combination the format cannot express changes nothing */
	if (pt->fmt->id != AXAS_FORMAT_ARM_S2) {
		KUNIT_EXPECT_EQ(test, axpt_protect(pt, SZ_2M_, SZ_2M_,
						   AXPT_ATTR(AXAS_PROT_WRITE, 0), ptg(&fl, pt)),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_2M_, &q), 0);
		KUNIT_EXPECT_EQ(test, q.attr, R_WB);
	}
	ptm_fini(&m);
}

/* AXPT_MAP_SHARED: one entry only; a second install loses with -EEXIST. */
static void pt_test_shared_map(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct axpt_leaf q;

	pt_model_init(test, &m, 5);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 0, 0, 2 * SZ_4K_, RW_WB, AXPT_MAP_SHARED),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_2M_, RW_WB, AXPT_MAP_SHARED),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, SZ_4K_, SZ_4K_, RW_WB,
				       AXPT_MAP_SHARED), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_4K_, 0, SZ_4K_, RW_WB,
				       AXPT_MAP_SHARED), -EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, SZ_2M_, SZ_2M_, SZ_2M_, RW_WB,
				       AXPT_MAP_SHARED), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, SZ_2M_ + 5, &q), 0);
	KUNIT_EXPECT_EQ(test, q.level, 1U);
	/* a 2M leaf where a table with a 4K leaf already is: lost race */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, 0, 0, SZ_2M_, RW_WB, AXPT_MAP_SHARED),
			-EEXIST);
	ptm_fini(&m);
}

/* ------------------------------------------------- allocation failures */

static void pt_snap_take(struct kunit *test, struct axpt *pt, struct pt_snap *s)
{
	KUNIT_ASSERT_EQ(test, pt_snap_walk(pt, s), 0);
}

enum pt_fail_op { PT_FAIL_MAP, PT_FAIL_UNMAP, PT_FAIL_PROTECT };

static int pt_fail_do(struct axpt *pt, enum pt_fail_op op, u64 gpa, u64 size)
{
	struct axpt_gather fl;

	switch (op) {
	case PT_FAIL_MAP:
		return axpt_map(pt, gpa, gpa & ((1ULL << 40) - 1), size, RW_WB, 0);
	case PT_FAIL_UNMAP:
		return axpt_unmap(pt, gpa, size, ptg(&fl, pt));
	default:
		return axpt_protect(pt, gpa, size, R_WB, ptg(&fl, pt));
	}
}

/*
 * Fail the n-th allocation for n = 1, 2, ... until the operation succeeds:
 * every failure returns -ENOMEM with tables, counters and the HAL's live
 * pages exactly as before.
 */
static void pt_fail_each(struct kunit *test, struct ptm *m, enum pt_fail_op op,
			 u64 gpa, u64 size, struct pt_snap *before,
			 struct pt_snap *after)
{
	struct axpt *pt = &m->pt;
	unsigned int n, failures = 0;

	for (n = 1; n < 64; n++) {
		long live = m->hal.live;
		long leaves0 = axpt_nr_leaves(pt, 0);
		int ret;

		pt_snap_take(test, pt, before);
		m->hal.fail_at = m->hal.nallocs + n;
		ret = pt_fail_do(pt, op, gpa, size);
		m->hal.fail_at = 0;
		if (!ret)
			break;
		failures++;
		KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
		pt_snap_take(test, pt, after);
		KUNIT_EXPECT_TRUE_MSG(test, pt_snap_same(before, after),
				      "op %d failing alloc %u changed the tables", op, n);
		KUNIT_EXPECT_EQ(test, m->hal.live, live);
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 0), leaves0);
	}
	KUNIT_EXPECT_GT_MSG(test, failures, 0U, "op %d never allocated", op);
	KUNIT_EXPECT_LT(test, n, 64U);
}

static void pt_test_alloc_failure(struct kunit *test)
{
	struct pt_snap a = { .cap = 3 * 4096 }, b = { .cap = 3 * 4096 };
	struct ptm m;
	struct axpt *pt = &m.pt;
	u64 hi;

	pt_model_init(test, &m, 6);
	hi = (1ULL << pt->ias) / 4 * 3;
	a.e = kunit_kzalloc(test, a.cap * sizeof(u64), GFP_KERNEL);
	b.e = kunit_kzalloc(test, b.cap * sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a.e);
	KUNIT_ASSERT_NOT_NULL(test, b.e);

	/* Existing state: a 1G leaf, 2M leaves, 4K leaves. */
	KUNIT_ASSERT_EQ(test, axpt_map(pt, SZ_1G_, 2 * SZ_1G_, SZ_1G_, RW_WB, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, 4 * SZ_2M_, 0, 4 * SZ_2M_, RW_WB, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(pt, 0, 0, 16 * SZ_4K_, RW_WB, 0), 0);

	/* A map in the last quarter of the space: new tables at every level. */
	pt_fail_each(test, &m, PT_FAIL_MAP, hi - SZ_2M_ - SZ_4K_,
		     2 * SZ_2M_ + 2 * SZ_4K_, &a, &b);

	/* A map that creates a table, then runs into a mapping: no change. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, hi + 256 * SZ_2M_, 0, SZ_4K_, RW_WB, 0), 0);
	pt_snap_take(test, pt, &a);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, hi + 128 * SZ_2M_ - SZ_4K_, 0,
				       128 * SZ_2M_ + 2 * SZ_4K_, RW_WB, 0), -EEXIST);
	pt_snap_take(test, pt, &b);
	KUNIT_EXPECT_TRUE(test, pt_snap_same(&a, &b));

	/* Unmap and protect that split a 1G leaf down to 4K at both ends. */
	pt_fail_each(test, &m, PT_FAIL_UNMAP, SZ_1G_ + SZ_2M_ + SZ_4K_,
		     SZ_2M_ + SZ_4K_, &a, &b);
	pt_fail_each(test, &m, PT_FAIL_PROTECT, 4 * SZ_2M_ + SZ_4K_, SZ_2M_, &a, &b);
	ptm_fini(&m);
}

/* ------------------------------------------------------ reference defects */

/* Arm: R/W/X and every memory type read back exactly (reference defect 8). */
static void pt_test_arm_roundtrip(struct kunit *test)
{
	const struct axpt_format *fmt = axpt_format_get(AXAS_FORMAT_ARM_S2);
	u32 prot, mem;

	for (prot = 1; prot < 8; prot++) {
		for (mem = 0; mem < 3; mem++) {
			u32 attr = AXPT_ATTR(prot, mem);
			struct axpt_leaf d;
			u64 pte;

			if (mem == AXAS_MEM_DEVICE && (prot & AXAS_PROT_EXEC)) {
				/* never executable: speculative fetches */
				KUNIT_EXPECT_EQ(test, axpt_encode_leaf(fmt, SZ_2M_, attr,
								       1, &pte), -EINVAL);
				continue;
			}
			KUNIT_ASSERT_EQ(test, axpt_encode_leaf(fmt, SZ_2M_, attr, 1, &pte), 0);
			KUNIT_EXPECT_EQ(test, fmt->decode_leaf(pte, 1, &d), 0);
			KUNIT_EXPECT_EQ(test, d.attr, attr);
			KUNIT_EXPECT_EQ(test, !!(pte & BIT_ULL(54)), !(prot & AXAS_PROT_EXEC));
		}
	}
}

/* RISC-V: x4 roots (16 KiB, 2 extra GPA bits) and U=1 (reference defect 9). */
static void pt_test_riscv_x4(struct kunit *test)
{
	static const u8 ias[] = { 41, 50, 59 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ias); i++) {
		struct axpt_cfg cfg = { .format = AXAS_FORMAT_RISCV_G,
					.flags = AXPT_CFG_SVPBMT, .levels = 3 + i };
		u64 top = 1ULL << ias[i];
		struct axpt_leaf q;
		struct axpt pt;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
		KUNIT_EXPECT_EQ(test, pt.ias, ias[i]);
		KUNIT_EXPECT_EQ(test, pt.root_order, 2);
		KUNIT_EXPECT_EQ(test, pt.root_pa & (4 * SZ_4K_ - 1), 0ULL);
		/* both extra bits reach distinct root entries */
		KUNIT_EXPECT_EQ(test, axpt_map(&pt, top - SZ_4K_, SZ_4K_, SZ_4K_, RW_WB, 0), 0);
		KUNIT_EXPECT_EQ(test, axpt_map(&pt, top / 4 * 3 - SZ_4K_, 2 * SZ_4K_, SZ_4K_,
					       RW_WB, 0), 0);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top - 1, &q), 0);
		KUNIT_EXPECT_EQ(test, q.hpa, 2 * SZ_4K_ - 1);
		KUNIT_EXPECT_TRUE(test, q.pte & BIT_ULL(4));
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top / 4 * 3 - 1, &q), 0);
		KUNIT_EXPECT_EQ(test, q.hpa, 3 * SZ_4K_ - 1);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, top / 4 - 1, &q), -ENOENT);
		axpt_destroy(&pt);
	}
}

/* EPT write-only (a misconfiguration) is refused (reference defect 11). */
static void pt_test_ept_write_only(struct kunit *test)
{
	const struct axpt_format *fmt = axpt_format_get(AXAS_FORMAT_INTEL_EPT);
	u64 pte;

	KUNIT_EXPECT_EQ(test, axpt_encode_leaf(fmt, 0, AXPT_ATTR(AXAS_PROT_WRITE, 0),
					       0, &pte), -EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_encode_leaf(fmt, 0, AXPT_ATTR(AXAS_PROT_WRITE |
								 AXAS_PROT_EXEC, 0),
					       0, &pte), -EINVAL);
}

/* ------------------------------------------------ single-page fast paths */

struct pt_removed {
	unsigned int calls;
	unsigned int level;
	u64 gpa, hpa;
};

static void pt_note_removed(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	struct pt_removed *r = arg;

	r->calls++;
	r->level = level;
	r->gpa = gpa;
	r->hpa = hpa;
}

/*
 * One-page maps and unmaps take a fast path when the tables exist (and,
 * for unmap, stay in use); every other case must fall back to the general
 * path with the same results.
 */
static void pt_test_single_page(struct kunit *test)
{
	struct ptm m;
	struct axpt *pt = &m.pt;
	struct pt_removed r = {};
	struct axpt_gather fl;
	struct axpt_leaf q;
	u64 a = 3 * SZ_2M_, b = 8 * SZ_2M_;
	long root;

	pt_model_init(test, &m, 5);
	root = atomic_long_read(&pt->nr_tables);

	/* The first page needs tables: general path; the next ones fast. */
	KUNIT_ASSERT_EQ(test, axpt_map(pt, a, SZ_1G_, SZ_4K_, RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, a + SZ_4K_, SZ_1G_ + SZ_4K_, SZ_4K_,
				       RX_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, a + 511 * SZ_4K_, 0, SZ_4K_, R_WB,
				       AXPT_MAP_SHARED), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 0), 3L);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, a + SZ_4K_ + 7, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_1G_ + SZ_4K_ + 7);
	KUNIT_EXPECT_EQ(test, q.attr, RX_WB);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, a + 511 * SZ_4K_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.attr, R_WB);

	/* Taken slots: -EEXIST, shared or not, nothing changed. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, a, 0, SZ_4K_, RW_WB, 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, a, 0, SZ_4K_, RW_WB, AXPT_MAP_SHARED),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, a, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_1G_);

	/* An unmap that leaves the table in use: exact flush, callback. */
	KUNIT_EXPECT_EQ(test, axpt_unmap_leaves(pt, a + SZ_4K_, SZ_4K_, ptg(&fl, pt),
						pt_note_removed, &r, NULL), 0);
	KUNIT_EXPECT_EQ(test, r.calls, 1U);
	KUNIT_EXPECT_EQ(test, r.level, 0U);
	KUNIT_EXPECT_EQ(test, r.gpa, a + SZ_4K_);
	KUNIT_EXPECT_EQ(test, r.hpa, SZ_1G_ + SZ_4K_);
	KUNIT_EXPECT_EQ(test, fl.start, a + SZ_4K_);
	KUNIT_EXPECT_EQ(test, fl.end, a + 2 * SZ_4K_);
	KUNIT_EXPECT_FALSE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, a + SZ_4K_, &q), -ENOENT);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 0), 2L);

	/* A hole in a table in use: nothing to do, nothing to flush. */
	KUNIT_EXPECT_EQ(test, axpt_unmap_leaves(pt, a + SZ_4K_, SZ_4K_, ptg(&fl, pt),
						pt_note_removed, &r, NULL), 0);
	KUNIT_EXPECT_EQ(test, r.calls, 1U);
	KUNIT_EXPECT_EQ(test, fl.start, fl.end);

	/* The last pages: the tables go, through the general path. */
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, a, SZ_4K_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_FALSE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, a + 511 * SZ_4K_, SZ_4K_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_LE(test, fl.start, a + 511 * SZ_4K_);
	KUNIT_EXPECT_GE(test, fl.end, a + SZ_2M_);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt->nr_tables), root);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 0), 0L);

	/* Inside a 2 MiB leaf: -EEXIST for a map, a split for an unmap. */
	KUNIT_ASSERT_EQ(test, axpt_map(pt, b, SZ_1G_, SZ_2M_, RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + SZ_4K_, 0, SZ_4K_, RW_WB, 0),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, b + SZ_4K_, SZ_4K_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, fl.start, b);
	KUNIT_EXPECT_EQ(test, fl.end, b + SZ_2M_);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 0), 511L);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, b + 2 * SZ_4K_, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_1G_ + 2 * SZ_4K_);
	KUNIT_EXPECT_EQ(test, q.level, 0U);
	/* ... and the hole it left is a fast-path slot again */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + SZ_4K_, 0, SZ_4K_, RW_WB, 0), 0);

	/* A 2 MiB page next to it: one slot of an existing table. */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + SZ_2M_, 2 * SZ_1G_, SZ_2M_, RX_WB,
				       AXPT_MAP_SHARED), 0);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + SZ_2M_, 0, SZ_2M_, RX_WB,
				       AXPT_MAP_SHARED), -EEXIST);
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + SZ_2M_, 0, SZ_2M_, RX_WB, 0),
			-EEXIST);
	/* with 4 KiB pages only, the same request is 512 leaves */
	KUNIT_EXPECT_EQ(test, axpt_map(pt, b + 2 * SZ_2M_, 0, SZ_2M_, RX_WB,
				       AXPT_MAP_MAX_4K), 0);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, b + SZ_2M_ + 9, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, 2 * SZ_1G_ + 9);
	KUNIT_EXPECT_EQ(test, q.level, 1U);
	KUNIT_EXPECT_EQ(test, q.attr, RX_WB);
	KUNIT_EXPECT_EQ(test, axpt_query(pt, b + 2 * SZ_2M_ + 9, &q), 0);
	KUNIT_EXPECT_EQ(test, q.level, 0U);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 1), 1L);
	KUNIT_EXPECT_EQ(test, axpt_unmap(pt, b, 3 * SZ_2M_, ptg(&fl, pt)), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt->nr_tables), root);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(pt, 1), 0L);
	ptm_fini(&m);
}

/* ------------------------------------------------ HAL with phys_to_virt */

static atomic_long_t pt_p2v_calls;

static void *pt_p2v_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	return axpt_linux_mm_ops.alloc_table(ctx, order, pa);
}

static void pt_p2v_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	axpt_linux_mm_ops.free_table(ctx, va, order, deferred);
}

static void *pt_p2v_p2v(void *ctx, phys_addr_t pa)
{
	atomic_long_inc(&pt_p2v_calls);
	return __va(pa);
}

static const struct axpt_mm_ops pt_p2v_ops = {
	.alloc_table = pt_p2v_alloc,
	.free_table = pt_p2v_free,
	.phys_to_virt = pt_p2v_p2v,
};

/*
 * A HAL that translates table addresses itself: every operation, the
 * query fast path's fallback included, goes through it.
 */
static void pt_test_hal_p2v(struct kunit *test)
{
	struct axpt_leaf q;
	struct ptm m;
	long before;

	KUNIT_ASSERT_EQ(test, ptm_init(&m, pt_param_cfg(test), &pt_p2v_ops, NULL,
				       4096, 6, test), 0);
	ptm_run(&m, 2000);
	KUNIT_ASSERT_EQ(test, axpt_map(&m.pt, SZ_2M_, SZ_1G_, SZ_4K_, RW_WB, 0), 0);
	before = atomic_long_read(&pt_p2v_calls);
	KUNIT_EXPECT_EQ(test, axpt_query(&m.pt, SZ_2M_ + 5, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, SZ_1G_ + 5);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt_p2v_calls) - before,
			(long)m.pt.levels - 1);
	ptm_fini(&m);
}

/* Creation: root only, counted; bad configurations refused. */
static void pt_test_create(struct kunit *test)
{
	struct axpt_cfg bad[] = {
		{ .format = 0 },
		{ .format = 5 },
		{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 3 },
		{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 6 },
		{ .format = AXAS_FORMAT_INTEL_EPT, .ias = 40 },
		{ .format = AXAS_FORMAT_INTEL_EPT, .oas = 53 },
		{ .format = AXAS_FORMAT_AMD_NPT, .flags = AXPT_CFG_EPT_AD },
		{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 2 },
		{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .ias = 48 },
		{ .format = AXAS_FORMAT_ARM_S2, .ias = 31 },
		{ .format = AXAS_FORMAT_ARM_S2, .ias = 49 },
	};
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct axpt pt;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, axpt_init(&pt, &bad[i], &axpt_linux_mm_ops, NULL),
				    -EINVAL, "config %u", i);
	KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	KUNIT_EXPECT_EQ(test, pt.levels, 4);
	KUNIT_EXPECT_EQ(test, pt.ias, 48);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), 1L);
	axpt_destroy(&pt);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), 0L);
	axpt_destroy(&pt);	/* twice is harmless */
}

static void *pt_nomem_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	return NULL;
}

static const struct axpt_mm_ops pt_nomem_ops = {
	.alloc_table = pt_nomem_alloc,
	.free_table = pt_p2v_free,
};

static long pt_stats_sum(struct axpt_stats __percpu *stats, unsigned int level)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu_ptr(stats, cpu)->leaves[level];
	return n;
}

/*
 * Per-CPU counts from the caller (&axpt_cfg.stats): the table counts its
 * leaves there, and neither a failed axpt_init() nor axpt_destroy() frees
 * them (the caller does, below: a double free if the engine had).
 */
static void pt_test_caller_stats(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct axpt_stats __percpu *stats;
	struct axpt pt;

	stats = alloc_percpu_gfp(struct axpt_stats, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, stats);
	cfg.stats = stats;
	KUNIT_EXPECT_EQ(test, axpt_init(&pt, &cfg, &pt_nomem_ops, NULL), -ENOMEM);
	KUNIT_EXPECT_EQ(test, pt_stats_sum(stats, 0), 0L);
	KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	/* three 4 KiB leaves and one 2 MiB leaf (aligned, all sizes allowed) */
	KUNIT_ASSERT_EQ(test, axpt_map(&pt, SZ_2M_, SZ_1G_, 3 * SZ_4K_, RW_WB, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&pt, SZ_1G_, SZ_1G_, SZ_2M_, RW_WB, 0), 0);
	KUNIT_EXPECT_EQ(test, pt_stats_sum(stats, 0), 3L);
	KUNIT_EXPECT_EQ(test, pt_stats_sum(stats, 1), 1L);
	KUNIT_EXPECT_EQ(test, pt_stats_sum(stats, 2), 0L);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 0), 3L);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 1), 1L);
	axpt_destroy(&pt);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 0), 0L);
	/* still the caller's: readable, then freed once, here */
	KUNIT_EXPECT_EQ(test, pt_stats_sum(stats, 1), 1L);
	free_percpu(stats);
}

static struct kunit_case pt_test_cases[] = {
	KUNIT_CASE(pt_test_create),
	KUNIT_CASE(pt_test_caller_stats),
	KUNIT_CASE(pt_test_top_of_57bit),
	KUNIT_CASE(pt_test_arm_roundtrip),
	KUNIT_CASE(pt_test_riscv_x4),
	KUNIT_CASE(pt_test_ept_write_only),
	KUNIT_CASE(pt_test_split_undecodable),
	KUNIT_CASE_PARAM(pt_test_protect_undo, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_unmap_one_large, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_boundaries, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_page_sizes, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_split, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_hole_level, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_protect, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_shared_map, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_alloc_failure, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_single_page, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_hal_p2v, pt_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_test_random, pt_cfg_gen_params),
	{}
};

static struct kunit_suite pt_test_suite = {
	.name = "axaddrspace-pt",
	.init = pt_test_init,
	.exit = pt_test_exit,
	.test_cases = pt_test_cases,
};

kunit_test_suite(pt_test_suite);
