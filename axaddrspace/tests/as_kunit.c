// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the address-space layer (as.c, as_fault.c, as_access.c):
 * every assertion of the reference crate's own tests restated for this
 * API (as_test_*), and one case per defect of the reference that we must
 * not copy (as_defect_NN_*). Every case ends with a leak check: no data
 * frame, no table page and no frame-HAL misuse may remain.
 *
 * The frame HAL is the counting one of as_test_hal.h (the analogue of the
 * crate's 64 KiB arena with alloc/free counters and a failure switch),
 * wrapped here to also remember which frames it handed out: it refuses to
 * map or free anything else (the "uninitialized frame" analogue, and what
 * keeps a wrong host address from touching foreign memory), and counts
 * frees, so "freed exactly once" is checkable. Table pages come from the
 * engine's Linux HAL, wrapped with a failure switch too.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/xarray.h>
#include "axaddrspace/as.h"
#include "axaddrspace/tests/as_test_hal.h"
#include "axaddrspace/tests/pt_snap.h"

#define AS_4K	BIT_ULL(12)
#define AS_2M	BIT_ULL(21)
#define AS_1G	BIT_ULL(30)

#define AS_R	AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)
#define AS_RW	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define AS_RWX	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC, \
			  AXAS_MEM_WB)
#define AS_RX	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_EXEC, AXAS_MEM_WB)
#define AS_W	AXPT_ATTR(AXAS_PROT_WRITE, AXAS_MEM_WB)
#define AS_DEV	AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_DEVICE)

#define AS_NR_SPACES	2
#define AS_NR_LENT	4

static const struct axpt_cfg as_ept4 = { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 };
static const struct axpt_cfg as_ept5 = { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 };
static const struct axpt_cfg as_npt4 = { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 };
static const struct axpt_cfg as_s2_40 = { .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3 };
static const struct axpt_cfg as_sv39x4 = { .format = AXAS_FORMAT_RISCV_G,
					   .flags = AXPT_CFG_SVPBMT, .levels = 3 };
static const struct axpt_cfg as_sv48x4 = { .format = AXAS_FORMAT_RISCV_G,
					   .flags = AXPT_CFG_SVPBMT, .levels = 4 };

/**
 * struct as_ctx - per-case state (test->priv).
 * @hal: the counting frame HAL of as_test_hal.h.
 * @frames: pfn -> present, every 4 KiB data frame handed out and not freed.
 * @first_hpa: the first frame handed out in this case.
 * @nfrees: frames given back.
 * @bad_frees: frees of a frame not handed out (or freed twice): refused.
 * @nranges: free_range() calls (as_range_ops only).
 * @refused_maps: maps of host memory neither handed out nor lent: refused.
 * @lent: host memory of the test's own, allowed for linear areas.
 * @lent_pages: that memory, freed at exit.
 * @lent_order: the order of each of @lent_pages.
 * @tables: the failing table HAL of as_test_hal.h.
 * @as: the spaces of the case.
 * @created: which of @as exist (destroyed at exit if the case did not).
 * @pt_pages0: the engine HAL's live table pages at the start.
 * @frames0: the frame HAL's live data pages at the start.
 */
struct as_ctx {
	struct ast_hal hal;
	struct xarray frames;
	u64 first_hpa;
	long nfrees;
	long bad_frees;
	long nranges;
	long refused_maps;
	struct {
		u64 start, end;
	} lent[AS_NR_LENT];
	struct page *lent_pages[AS_NR_LENT];
	unsigned int lent_order[AS_NR_LENT];
	struct ast_tables tables;
	struct axas as[AS_NR_SPACES];
	bool created[AS_NR_SPACES];
	long pt_pages0;
	long frames0;
};

/* ------------------------------------------------------------ the HALs */

static int as_frame_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct as_ctx *c = ctx;
	unsigned long pfn, i;
	int ret;

	ret = ast_frame_ops.alloc(&c->hal, order, hpa);
	if (ret)
		return ret;
	pfn = PHYS_PFN(*hpa);
	for (i = 0; i < 1UL << order; i++) {
		if (xa_err(xa_store(&c->frames, pfn + i, xa_mk_value(1), GFP_KERNEL))) {
			while (i--)
				xa_erase(&c->frames, pfn + i);
			for (i = 0; i < 1UL << order; i++)
				ast_frame_ops.free(&c->hal, *hpa + i * AS_4K);
			return -ENOMEM;
		}
	}
	if (!c->first_hpa)
		c->first_hpa = *hpa;
	return 0;
}

static void as_frame_free(void *ctx, u64 hpa)
{
	struct as_ctx *c = ctx;

	if ((hpa & (AS_4K - 1)) || !xa_erase(&c->frames, PHYS_PFN(hpa))) {
		c->bad_frees++;
		return;
	}
	c->nfrees++;
	ast_frame_ops.free(&c->hal, hpa);
}

static bool as_lent(struct as_ctx *c, u64 hpa)
{
	unsigned int i;

	for (i = 0; i < AS_NR_LENT; i++)
		if (hpa >= c->lent[i].start && hpa < c->lent[i].end)
			return true;
	return false;
}

static void *as_frame_map(void *ctx, u64 hpa)
{
	struct as_ctx *c = ctx;

	if ((hpa & (AS_4K - 1)) ||
	    (!xa_load(&c->frames, PHYS_PFN(hpa)) && !as_lent(c, hpa))) {
		c->refused_maps++;
		return NULL;
	}
	return ast_frame_ops.map(&c->hal, hpa);
}

static void as_frame_unmap(void *ctx, u64 hpa, void *va)
{
	struct as_ctx *c = ctx;

	ast_frame_ops.unmap(&c->hal, hpa, va);
}

static bool as_frame_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	struct as_ctx *c = ctx;

	return ast_frame_ops.hpa_allowed(&c->hal, hpa, size);
}

static const struct axas_frame_ops as_frame_ops = {
	.alloc = as_frame_alloc,
	.free = as_frame_free,
	.map = as_frame_map,
	.unmap = as_frame_unmap,
	.hpa_allowed = as_frame_hpa_allowed,
};

/* The same HAL with free_range(): each page is still checked and freed. */
static void as_frame_free_range(void *ctx, u64 hpa, unsigned long n)
{
	struct as_ctx *c = ctx;
	unsigned long i;

	c->nranges++;
	for (i = 0; i < n; i++)
		as_frame_free(ctx, hpa + i * AS_4K);
}

static const struct axas_frame_ops as_range_ops = {
	.alloc = as_frame_alloc,
	.free = as_frame_free,
	.free_range = as_frame_free_range,
	.map = as_frame_map,
	.unmap = as_frame_unmap,
	.hpa_allowed = as_frame_hpa_allowed,
};

/* ------------------------------------------------------------- helpers */

static int as_create(struct as_ctx *c, struct axas *as, const struct axpt_cfg *cfg,
		     u64 base, u64 size)
{
	return axas_create(as, cfg, axas_gpa(base), size, &ast_table_ops, &c->tables,
			   &as_frame_ops, c);
}

/* Space @i of the case, destroyed at exit if the case does not. */
static struct axas *as_space(struct kunit *test, unsigned int i,
			     const struct axpt_cfg *cfg, u64 base, u64 size)
{
	struct as_ctx *c = test->priv;

	KUNIT_ASSERT_EQ(test, as_create(c, &c->as[i], cfg, base, size), 0);
	c->created[i] = true;
	return &c->as[i];
}

static void as_del(struct kunit *test, unsigned int i)
{
	struct as_ctx *c = test->priv;

	axas_destroy(&c->as[i]);
	c->created[i] = false;
}

/* An EPT 4-level space of 4 GiB at 0, the default of most cases. */
static struct axas *as_default(struct kunit *test)
{
	return as_space(test, 0, &as_ept4, 0, 4 * AS_1G);
}

/* Host memory of the test's own, zeroed, allowed for linear areas. */
static u64 as_lend(struct kunit *test, unsigned int order)
{
	struct as_ctx *c = test->priv;
	struct page *page;
	unsigned int i;

	for (i = 0; i < AS_NR_LENT; i++)
		if (!c->lent_pages[i])
			break;
	KUNIT_ASSERT_LT(test, i, AS_NR_LENT);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	c->lent_pages[i] = page;
	c->lent_order[i] = order;
	c->lent[i].start = page_to_phys(page);
	c->lent[i].end = page_to_phys(page) + (AS_4K << order);
	return c->lent[i].start;
}

static int as_rw(struct axas *as, u64 gpa, void *buf, size_t len, bool write,
		 size_t *done)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter it;

	iov_iter_kvec(&it, write ? ITER_SOURCE : ITER_DEST, &kv, 1, len);
	if (write)
		return axas_write(as, axas_gpa(gpa), &it, done);
	return axas_read(as, axas_gpa(gpa), &it, done);
}

static int as_read(struct axas *as, u64 gpa, void *buf, size_t len, size_t *done)
{
	return as_rw(as, gpa, buf, len, false, done);
}

static int as_write(struct axas *as, u64 gpa, const void *buf, size_t len,
		    size_t *done)
{
	return as_rw(as, gpa, (void *)buf, len, true, done);
}

/* The host address of @gpa, or 0 (and a failure) if it is not mapped. */
static u64 as_hpa(struct kunit *test, struct axas *as, u64 gpa)
{
	struct axas_xlate t;
	int ret = axas_translate(as, axas_gpa(gpa), &t);

	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "gpa %#llx not mapped", gpa);
	return ret ? 0 : t.hpa;
}

static int as_xlate(struct axas *as, u64 gpa)
{
	struct axas_xlate t;

	return axas_translate(as, axas_gpa(gpa), &t);
}

static u32 as_fault(struct kunit *test, struct axas *as, u64 gpa, u32 access,
		    struct axas_fault_info *fi)
{
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(gpa), access, fi), 0);
	return fi->result;
}

/* Does the frame at @hpa hold @byte everywhere? Read through the HAL. */
static bool as_frame_is(struct kunit *test, u64 hpa, u8 byte)
{
	void *va = as_frame_ops.map(test->priv, hpa);
	bool same;

	KUNIT_EXPECT_NOT_NULL(test, va);
	if (!va)
		return false;
	same = !memchr_inv(va, byte, AS_4K);
	as_frame_ops.unmap(test->priv, hpa, va);
	return same;
}

static void as_frame_fill(struct kunit *test, u64 hpa, u8 byte)
{
	void *va = as_frame_ops.map(test->priv, hpa);

	KUNIT_ASSERT_NOT_NULL(test, va);
	memset(va, byte, AS_4K);
	as_frame_ops.unmap(test->priv, hpa, va);
}

/* Guest memory [gpa, +len) reads as @byte everywhere. */
static bool as_guest_is(struct kunit *test, struct axas *as, u64 gpa, u64 len,
			u8 byte)
{
	u8 *buf = kunit_kmalloc(test, AS_4K, GFP_KERNEL);
	bool same = true;
	size_t done;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	while (len && same) {
		size_t n = min_t(u64, len, AS_4K);

		memset(buf, ~byte, n);
		KUNIT_EXPECT_EQ(test, as_read(as, gpa, buf, n, &done), 0);
		same = done == n && !memchr_inv(buf, byte, n);
		gpa += n;
		len -= n;
	}
	kunit_kfree(test, buf);
	return same;
}

static void as_guest_fill(struct kunit *test, struct axas *as, u64 gpa, u64 len,
			  u8 byte)
{
	u8 *buf = kunit_kmalloc(test, AS_4K, GFP_KERNEL);
	size_t done;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, byte, AS_4K);
	while (len) {
		size_t n = min_t(u64, len, AS_4K);

		KUNIT_EXPECT_EQ(test, as_write(as, gpa, buf, n, &done), 0);
		KUNIT_EXPECT_EQ(test, done, n);
		gpa += n;
		len -= n;
	}
	kunit_kfree(test, buf);
}

/* A snapshot of the space's page table (the array is allocated once). */
static void as_snap_take(struct kunit *test, struct axas *as, struct pt_snap *s)
{
	if (!s->e) {
		s->cap = 3 * 2048;
		s->e = kunit_kcalloc(test, s->cap, sizeof(u64), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, s->e);
	}
	KUNIT_ASSERT_EQ(test, pt_snap_walk(&as->pt, s), 0);
}

/* ---------------------------------------------------- init and leak check */

static int as_test_init(struct kunit *test)
{
	struct as_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	xa_init(&c->frames);
	test->priv = c;
	rcu_barrier();
	c->pt_pages0 = axpt_linux_live_pages();
	c->frames0 = axas_linux_live_frames();
	return 0;
}

/* Destroy what is left, then: no frame, no table page, no HAL misuse. */
static void as_test_exit(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	unsigned int i;

	for (i = 0; i < AS_NR_SPACES; i++)
		if (c->created[i])
			as_del(test, i);
	rcu_barrier();
	KUNIT_EXPECT_EQ_MSG(test, axpt_linux_live_pages(), c->pt_pages0,
			    "table pages leaked");
	KUNIT_EXPECT_EQ_MSG(test, axas_linux_live_frames(), c->frames0,
			    "data frames leaked");
	KUNIT_EXPECT_EQ_MSG(test, ast_live(&c->hal), 0L, "test HAL: frames still live");
	KUNIT_EXPECT_TRUE_MSG(test, xa_empty(&c->frames), "frames never freed");
	KUNIT_EXPECT_EQ_MSG(test, c->bad_frees, 0L,
			    "frames freed twice or never handed out");
	KUNIT_EXPECT_EQ_MSG(test, c->refused_maps, 0L,
			    "host memory mapped that was never handed out");
	xa_destroy(&c->frames);
	for (i = 0; i < AS_NR_LENT; i++)
		if (c->lent_pages[i])
			__free_pages(c->lent_pages[i], c->lent_order[i]);
}

/* ============================================ the reference crate's tests */

/* Base, size and end as given; creation takes the root only, destroy frees it. */
static void as_test_addrspace_creation(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	static const struct {
		u64 base, size;
		int ret;
	} bad[] = {
		{ 0x40000000, 0, -EINVAL },
		{ 0x40000800, 0x1000, -EINVAL },
		{ 0x40000000, 0x800, -EINVAL },
		{ 1ULL << 48, 0x1000, -ERANGE },
		{ (1ULL << 48) - 0x1000, 0x2000, -ERANGE },
		{ 0, (1ULL << 48) + 0x1000, -ERANGE },
		{ ~0xfffULL, 0x2000, -EOVERFLOW },
	};
	struct axpt_cfg nofmt = { .format = 0 };
	long pages = axpt_linux_live_pages();
	struct axas *as, tmp;
	unsigned int i;

	as = as_space(test, 0, &as_ept4, 0x40000000, 0x10000000);
	KUNIT_EXPECT_EQ(test, as->base, 0x40000000ULL);
	KUNIT_EXPECT_EQ(test, as->size, 0x10000000ULL);
	KUNIT_EXPECT_EQ(test, as->base + as->size, 0x50000000ULL);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	/* exactly one page, the root; no data frame */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), pages + 1);
	KUNIT_EXPECT_EQ(test, c->tables.nallocs, 1L);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);
	as_del(test, 0);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), pages);

	/* The whole 48-bit input range is fine. */
	as = as_space(test, 0, &as_ept4, 0, 1ULL << 48);
	KUNIT_EXPECT_EQ(test, as->size, 1ULL << 48);
	as_del(test, 0);

	/* Refusals allocate nothing (and leave nothing to destroy). */
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, as_create(c, &tmp, &as_ept4, bad[i].base,
						    bad[i].size),
				    bad[i].ret, "case %u", i);
	KUNIT_EXPECT_EQ(test, as_create(c, &tmp, &nofmt, 0, 0x1000), -EINVAL);
	/* A table whose root cannot be had. */
	c->tables.fail_at = c->tables.nallocs + 1;
	KUNIT_EXPECT_EQ(test, as_create(c, &tmp, &as_ept4, 0, 0x1000), -ENOMEM);
	c->tables.fail_at = 0;
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), pages);
}

/* Ranges inside, outside and partly outside the space. */
static void as_test_contains_range(struct kunit *test)
{
	static const struct {
		u64 start, size;
		bool inside;
	} ranges[] = {
		{ 0x10000000, 0x10000000, true },	/* the whole space */
		{ 0x10000000, 0x1000, true },		/* first page */
		{ 0x1ffff000, 0x1000, true },		/* last page */
		{ 0x18000000, 0x200000, true },
		{ 0x0ffff000, 0x1000, false },		/* the page below */
		{ 0x20000000, 0x1000, false },		/* the page above */
		{ 0x0ffff000, 0x2000, false },		/* straddles the start */
		{ 0x1ffff000, 0x2000, false },		/* straddles the end */
		{ 0x00000000, 0x40000000, false },	/* covers it */
		{ 0x80000000, 0x1000, false },		/* far away */
	};
	struct axas_gpa_range space, r;
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	struct axas *as;
	unsigned int i;

	as = as_space(test, 0, &as_ept4, 0x10000000, 0x10000000);
	KUNIT_ASSERT_EQ(test, axas_gpa_range_init(&space, axas_gpa(as->base), as->size), 0);
	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		int ret;

		KUNIT_ASSERT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ranges[i].start),
							  ranges[i].size), 0);
		KUNIT_EXPECT_EQ_MSG(test, axas_gpa_range_contains_range(&space, &r),
				    ranges[i].inside, "case %u", i);
		/* The space agrees: a map inside works, outside is -ERANGE. */
		ret = axas_map_alloc(as, r.start, r.size, AS_RW, false);
		KUNIT_EXPECT_EQ_MSG(test, ret, ranges[i].inside ? 0 : -ERANGE,
				    "case %u", i);
		if (!ret)
			KUNIT_EXPECT_EQ(test, axas_unmap(as, r.start, r.size, &fl), 0);
		KUNIT_EXPECT_EQ(test, axas_map_mmio(as, r.start, r.size, AS_DEV),
				ranges[i].inside ? 0 : -ERANGE);
		KUNIT_EXPECT_EQ(test, axas_unmap(as, r.start, r.size, &fl),
				ranges[i].inside ? 0 : -ERANGE);
		KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	}
	/* Single addresses at the edges. */
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x0fffffff), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x1fffffff), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x20000000), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_OUT_OF_RANGE);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x0fffffff, AXAS_PROT_READ, &fi),
			AXAS_FAULT_OUT_OF_RANGE);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x1fffffff, AXAS_PROT_READ, &fi),
			AXAS_FAULT_NO_AREA);
}

/* Linear: pa and pa + 0x1000 for the first two pages; largest pages; refusals. */
static void as_test_map_linear(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas_xlate t;
	struct pt_snap s1 = {}, s2 = {};
	struct axas *as = as_default(test);
	u64 pa = 0x80000000;

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x10000), axas_hpa(pa),
					      0x2000, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(0x10000), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, pa);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RW);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x11000), pa + 0x1000);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x11234), pa + 0x1234);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x12000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0xffff), -ENOENT);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 1U);
	/* The host memory is the caller's: no frame allocated. */
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);

	/* The largest page the alignment allows: 2 MiB, 1 GiB. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_2M), axas_hpa(5 * AS_2M),
					      AS_2M, AS_R), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_2M + 0x1234), &t), 0);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_2M);
	KUNIT_EXPECT_EQ(test, t.hpa, 5 * AS_2M + 0x1234);
	KUNIT_EXPECT_EQ(test, t.flags, AS_R);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_1G), axas_hpa(7 * AS_1G),
					      AS_1G, AS_RWX), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(2 * AS_1G - 1), &t), 0);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_1G);
	KUNIT_EXPECT_EQ(test, t.hpa, 8 * AS_1G - 1);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RWX);

	/* Refusals change nothing. */
	as_snap_take(test, as, &s1);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20800), axas_hpa(pa),
					      0x1000, AS_RW), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(pa + 0x800),
					      0x1000, AS_RW), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(pa),
					      0x800, AS_RW), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(pa),
					      0, AS_RW), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(pa),
					      0x1000, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(pa),
					      0x1000, AS_RW | BIT(12)), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000),
					      axas_hpa(~0xfffULL), 0x2000, AS_RW),
			-EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x20000),
					      axas_hpa(1ULL << 52), 0x1000, AS_RW),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(4 * AS_1G), axas_hpa(pa),
					      0x1000, AS_RW), -ERANGE);
	/* Overlap: the same range, one page of it, a range covering it. */
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x10000), axas_hpa(pa),
					      0x2000, AS_RW), -EEXIST);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x11000), axas_hpa(pa),
					      0x1000, AS_RW), -EEXIST);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0xf000), axas_hpa(pa),
					      0x4000, AS_RW), -EEXIST);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x11000), 0x1000, AS_RW, true),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, axas_map_mmio(as, axas_gpa(0x11000), 0x1000, AS_DEV),
			-EEXIST);
	as_snap_take(test, as, &s2);
	KUNIT_EXPECT_TRUE(test, pt_snap_same(&s1, &s2));
	KUNIT_EXPECT_EQ(test, as->nr_areas, 3U);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);
	/* Adjacent areas are fine. */
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0x12000), axas_hpa(pa),
					      0x1000, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0xf000), axas_hpa(pa),
					      0x1000, AS_RW), 0);
}

/* Populate: the allocation count grows; two distinct frames of the HAL's. */
static void as_test_map_alloc_populate(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_xlate t;
	u64 h0, h1;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 2L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 2L);
	h0 = as_hpa(test, as, 0x10000);
	h1 = as_hpa(test, as, 0x11000);
	KUNIT_EXPECT_NE(test, h0, h1);
	/* "inside the arena": both are frames the HAL handed out */
	KUNIT_EXPECT_NOT_NULL(test, xa_load(&c->frames, PHYS_PFN(h0)));
	KUNIT_EXPECT_NOT_NULL(test, xa_load(&c->frames, PHYS_PFN(h1)));
	KUNIT_EXPECT_EQ(test, h0, c->first_hpa);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(0x11fff), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, h1 + 0xfff);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RW);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x12000), -ENOENT);

	/* A 2 MiB-aligned range takes one 2 MiB frame when one can be had. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), AS_2M, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_2M + 0x5000), &t), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L + 512);
	if (t.page_size == AS_2M)
		KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 3L);
	else
		kunit_info(test, "no 2 MiB frame available: 4 KiB frames used");
	KUNIT_EXPECT_NOT_NULL(test, xa_load(&c->frames, PHYS_PFN(t.hpa)));
}

/*
 * A HAL with free_range() gets a 2 MiB frame's 512 pages back in one call,
 * from unmap and from destroy; a 4 KiB frame still through free(). Every
 * page given back is one that was handed out, once.
 */
static void as_test_free_range(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = &c->as[0];
	struct axas_inval_info fl;
	struct axas_xlate t;

	KUNIT_ASSERT_EQ(test, axas_create(as, &as_ept4, axas_gpa(0), 4 * AS_1G,
					  &ast_table_ops, &c->tables,
					  &as_range_ops, c), 0);
	c->created[0] = true;
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), 2 * AS_2M,
					     AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K,
					     AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_2M), &t), 0);
	if (t.page_size != AS_2M)
		kunit_skip(test, "no 2 MiB frame available");
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(2 * AS_2M), &t), 0);
	if (t.page_size != AS_2M)
		kunit_skip(test, "no second 2 MiB frame available");

	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(AS_2M), AS_2M, &fl), 0);
	KUNIT_EXPECT_EQ(test, c->nranges, 1L);
	KUNIT_EXPECT_EQ(test, c->nfrees, 512L);
	as_del(test, 0);
	KUNIT_EXPECT_EQ(test, c->nranges, 2L);
	KUNIT_EXPECT_EQ(test, c->nfrees, 2 * 512L + 1);
	KUNIT_EXPECT_EQ(test, c->bad_frees, 0L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, xa_empty(&c->frames), true);
}

/* Lazy: nothing translates and nothing is allocated before a fault. */
static void as_test_map_alloc_lazy(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	u64 gpa, limit;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), AS_2M, AS_RW, false), 0);
	for (gpa = 0x10000; gpa < 0x14000; gpa += 0x800)
		KUNIT_EXPECT_EQ(test, as_xlate(as, gpa), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_2M), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 2 * AS_2M - 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x10000), &limit), -ENOENT);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);
	/* The area is there all the same: mapping over it is refused. */
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x13000), 0x1000, AS_RW, true),
			-EEXIST);
}

/*
 * A fault in a lazy area is handled, allocates one frame, and translate
 * then gives the reported host address; the rejections are distinguishable.
 */
static void as_test_page_fault_handling(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	struct axas_xlate t;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x11234, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 1L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1L);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, fi.area_start, 0x10000ULL);
	KUNIT_EXPECT_EQ(test, fi.area_size, 0x4000ULL);
	KUNIT_EXPECT_EQ(test, fi.area_flags, AS_RW);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(0x11234), &t), 0);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RW);
	/* fi.hpa is "the host address of the faulting GPA" (as.h) */
	KUNIT_EXPECT_EQ(test, fi.hpa, t.hpa);
	KUNIT_EXPECT_EQ(test, t.hpa & ~(AS_4K - 1), c->first_hpa);
	/* only that page */
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x12000), -ENOENT);

	/* A write fault on a page-aligned GPA. */
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x13000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, fi.hpa, as_hpa(test, as, 0x13000));
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L);

	/* Rejections, each distinguishable, none allocating. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), 0x1000, AS_R, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x30000), axas_hpa(0x90000000),
					      0x1000, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(0x40000), 0x2000, AS_DEV), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 4 * AS_1G, AXAS_PROT_READ, &fi),
			AXAS_FAULT_OUT_OF_RANGE);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x50000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_NO_AREA);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_PERMISSION);
	KUNIT_EXPECT_EQ(test, fi.area_start, 0x20000ULL);
	KUNIT_EXPECT_EQ(test, fi.area_flags, AS_R);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_EXEC, &fi),
			AXAS_FAULT_PERMISSION);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x41008, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MMIO);
	KUNIT_EXPECT_EQ(test, fi.area_start, 0x40000ULL);
	KUNIT_EXPECT_EQ(test, fi.area_size, 0x2000ULL);
	KUNIT_EXPECT_EQ(test, fi.area_flags, AS_DEV);
	/* a linear area is mapped whole: a fault there is spurious */
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x30010, AXAS_PROT_READ, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.hpa, 0x90000010ULL);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 2L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x20000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x41000), -ENOENT);
	/* The read fault the R area allows. */
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 3L);
}

/* Unmap: translations gone, frames freed; trims, splits and holes. */
static void as_test_unmap(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_inval_info fl;
	u64 gpa, h3;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x20000), axas_hpa(0x90000000),
					      0x4000, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 4L);

	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0x4000, &fl), 0);
	for (gpa = 0x10000; gpa < 0x14000; gpa += AS_4K)
		KUNIT_EXPECT_EQ(test, as_xlate(as, gpa), -ENOENT);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, c->nfrees, 4L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 1U);
	KUNIT_EXPECT_LE(test, fl.start, 0x10000ULL);
	KUNIT_EXPECT_GE(test, fl.end, 0x14000ULL);
	/* Again: a hole, nothing to do, nothing freed. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0x4000, &fl), 0);
	KUNIT_EXPECT_EQ(test, fl.start, fl.end);
	KUNIT_EXPECT_EQ(test, c->nfrees, 4L);

	/* A hole in the middle of an area splits it; its frames only freed. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, true), 0);
	h3 = as_hpa(test, as, 0x13000);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x11000), 0x2000, &fl), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 3U);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x11000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x12fff), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10fff), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x13000), h3);

	/* Trim a linear area at both ends; it keeps its offset. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x1f000), 0x2000, &fl), 0);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x23000), 0x3000, &fl), 0);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x20000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x21000), 0x90001000ULL);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x22fff), 0x90002fffULL);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x23000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 3U);
	/* A range over holes and several areas. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0), AS_1G, &fl), 0);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);

	/* Validation: size 0 is fine, the rest is refused. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0, &fl), 0);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10800), 0x1000, &fl), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0x800, &fl), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(4 * AS_1G - AS_4K), 2 * AS_4K, &fl),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(~0xfffULL), 2 * AS_4K, &fl),
			-EOVERFLOW);
}

/*
 * Unmap frees the frames of alloc areas only, whatever mix of backends a
 * range covers: linear and MMIO only (no frame may be freed), linear,
 * alloc and a hole mixed, alloc only; a linear 2 MiB page whose area a
 * protect to the same flags cut in three.
 */
static void as_test_unmap_backends(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	u64 lin = 0x90000000ULL;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x14000), axas_hpa(lin),
					      0x4000, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(0x18000), 0x2000, AS_DEV), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x1a000), 0x4000, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x1b000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x1d000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 6L);

	/* Linear and MMIO only: nothing to free. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x14000), 0x6000, NULL), 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 0L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x14000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x13000) != 0, true);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);

	/* Alloc, linear, a hole and a lazy area: only the alloc frames. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x14000), axas_hpa(lin),
					      0x4000, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x12000), 0xa000, NULL), 0);
	/* 0x12000 and 0x13000 of the first area, 0x1b000 of the lazy one */
	KUNIT_EXPECT_EQ(test, c->nfrees, 3L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 3L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 3L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x17000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x1d000) != 0, true);

	/* Alloc areas and holes only. */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0x10000, NULL), 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 6L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);

	/*
	 * A linear 2 MiB page cut into three areas by a protect that
	 * changes nothing; unmapping two of them frees nothing and leaves
	 * the third mapped.
	 */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_1G), axas_hpa(2 * AS_1G),
					      AS_2M, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, axas_protect(as, axas_gpa(AS_1G + 0x1000), 0x1000, AS_RW,
					   NULL), 0);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 3U);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(AS_1G), 0x2000, NULL), 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 6L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + 0x1000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, AS_1G + 0x2000), 2 * AS_1G + 0x2000);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 1U);
	KUNIT_EXPECT_EQ(test, c->bad_frees, 0L);
}

/*
 * A frame HAL that hands out the pages of one block in address order,
 * skipping @gap (so that the pages before and after it are not
 * contiguous), refusing 2 MiB frames and failing from allocation @fail_at
 * on (0: never). Its frees only mark pages free; the block is freed whole
 * at the end of the case.
 */
#define AS_RUN_PAGES	32

struct as_run_hal {
	struct page *block;
	unsigned int next, gap, nallocs, fail_at;
	long live, frees, bad_frees;
	bool used[AS_RUN_PAGES];
};

static int as_run_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct as_run_hal *h = ctx;

	if (order || (h->fail_at && ++h->nallocs >= h->fail_at))
		return -ENOMEM;
	if (h->next == h->gap)
		h->next++;
	if (h->next >= AS_RUN_PAGES)
		return -ENOMEM;
	h->used[h->next] = true;
	*hpa = page_to_phys(h->block) + h->next++ * AS_4K;
	h->live++;
	return 0;
}

static void as_run_free(void *ctx, u64 hpa)
{
	struct as_run_hal *h = ctx;
	u64 i = (hpa - page_to_phys(h->block)) / AS_4K;

	if (i >= AS_RUN_PAGES || !h->used[i]) {
		h->bad_frees++;
		return;
	}
	h->used[i] = false;
	h->live--;
	h->frees++;
}

/* Start handing out the block again from its first page. */
static void as_run_restart(struct as_run_hal *h, unsigned int gap,
			   unsigned int fail_at)
{
	memset(h->used, 0, sizeof(h->used));
	h->next = 0;
	h->gap = gap;
	h->nallocs = 0;
	h->fail_at = fail_at;
	h->frees = 0;
}

static const struct axas_frame_ops as_run_ops = {
	.alloc = as_run_alloc,
	.free = as_run_free,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
};

/*
 * Populate maps 4 KiB frames that come one after the other in host memory
 * as runs: every page must still be a 4 KiB leaf with its own frame, a
 * gap in host memory must start a new run, and a failure must free every
 * frame (mapped or still pending) with nothing left mapped or counted.
 */
static void as_test_populate_runs(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct as_run_hal h = { .gap = 5 };
	struct axas *as = &c->as[1];
	u64 base, gpa;
	unsigned int i;

	h.block = alloc_pages(GFP_KERNEL | __GFP_ZERO, 5);
	KUNIT_ASSERT_NOT_NULL(test, h.block);
	base = page_to_phys(h.block);
	KUNIT_ASSERT_EQ(test, axas_create(as, &as_ept4, axas_gpa(0), 4 * AS_1G,
					  &ast_table_ops, &c->tables, &as_run_ops, &h), 0);

	/* 12 pages: frames 0-4, then 6-12 after the gap */
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 12 * AS_4K, AS_RW,
					     true), 0);
	for (i = 0, gpa = 0x10000; i < 12; i++, gpa += AS_4K)
		KUNIT_EXPECT_EQ(test, as_hpa(test, as, gpa),
				base + (i < 5 ? i : i + 1) * AS_4K);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as->pt, 0), 12L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 12L);
	KUNIT_EXPECT_EQ(test, h.live, 12L);
	/* each page is freed alone */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x13000), AS_4K, NULL), 0);
	KUNIT_EXPECT_EQ(test, h.frees, 1L);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x14000), base + 4 * AS_4K);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 12 * AS_4K, NULL), 0);
	KUNIT_EXPECT_EQ(test, h.live, 0L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);

	/*
	 * The 4th allocation fails: three frames of a pending run are
	 * freed, nothing is mapped.
	 */
	as_run_restart(&h, AS_RUN_PAGES, 4);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 8 * AS_4K, AS_RW,
					     true), -ENOMEM);
	KUNIT_EXPECT_EQ(test, h.frees, 3L);
	KUNIT_EXPECT_EQ(test, h.live, 0L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as->pt, 0), 0L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);

	/* A gap, then a failure: the first run mapped and rolled back. */
	as_run_restart(&h, 2, 5);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 8 * AS_4K, AS_RW,
					     true), -ENOMEM);
	KUNIT_EXPECT_EQ(test, h.frees, 4L);
	KUNIT_EXPECT_EQ(test, h.live, 0L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as->pt, 0), 0L);

	axas_destroy(as);
	KUNIT_EXPECT_EQ(test, h.bad_frees, 0L);
	__free_pages(h.block, 5);
}

/* Clearing the whole space: every area gone, every frame and table freed. */
static void as_test_clear(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	struct axas_inval_info fl;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_1G), 0x4000, AS_RW, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(3 * AS_1G), axas_hpa(AS_1G),
					      AS_1G, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_1G + 0x2000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 3L);

	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(as->base), as->size, &fl), 0);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, c->nfrees, 3L);
	KUNIT_EXPECT_EQ(test, axas_data_pages(as), 0L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + 0x2000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 3 * AS_1G), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_1G, AXAS_PROT_READ, &fi),
			AXAS_FAULT_NO_AREA);
	/* only the root is left */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_LE(test, fl.start, 0x10000ULL);
	KUNIT_EXPECT_GE(test, fl.end, 4 * AS_1G);

	/* And destroy with areas still in place frees them all too. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(2 * AS_2M), 2 * AS_2M, AS_RW,
					     true), 0);
	as_del(test, 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
}

/* Translate: mapped, unmapped (hole, MMIO, lazy) and out-of-range addresses. */
static void as_test_translate(struct kunit *test)
{
	struct axas_xlate t = { .hpa = 0x1234 };
	struct axas *as = as_space(test, 0, &as_ept4, AS_1G, AS_1G);

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_1G + AS_2M),
					      axas_hpa(0x90000000), 2 * AS_4K, AS_RWX), 0);
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(AS_1G), AS_4K, AS_DEV), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_1G + AS_4K), AS_4K, AS_RW,
					     false), 0);

	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G + AS_2M + 0x1abc), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, 0x90001abcULL);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RWX);
	/* not mapped */
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + AS_2M + 2 * AS_4K), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + AS_2M - 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + AS_4K), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 2 * AS_1G - 1), -ENOENT);
	/* out of range */
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G - 1), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 2 * AS_1G), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 1ULL << 48), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, ~0ULL), -ERANGE);
	/* the output is left alone on failure */
	KUNIT_EXPECT_EQ(test, t.hpa, 0x90001abcULL);
}

/*
 * A batch translates up to the first address that is not mapped or not in
 * the space, whatever comes after it.
 */
static void as_test_translate_batch(struct kunit *test)
{
	struct axas *as = as_space(test, 0, &as_ept4, AS_1G, AS_1G);
	const u64 b = AS_1G + AS_2M;
	axas_gpa_t gpa[5] = {
		axas_gpa(b + 0x10), axas_gpa(b + 0x1fff), axas_gpa(b + 0x1000),
		axas_gpa(b + 2 * AS_4K), axas_gpa(b),
	};
	axas_hpa_t hpa[5] = {};

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(b), axas_hpa(0x90000000),
					      2 * AS_4K, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 5), 3U);
	KUNIT_EXPECT_EQ(test, axas_hpa_val(hpa[0]), 0x90000010ULL);
	KUNIT_EXPECT_EQ(test, axas_hpa_val(hpa[1]), 0x90001fffULL);
	KUNIT_EXPECT_EQ(test, axas_hpa_val(hpa[2]), 0x90001000ULL);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 2), 2U);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 0), 0U);
	/* outside the space: [1 GiB, 2 GiB) */
	gpa[1] = axas_gpa(AS_1G - 1);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 3), 1U);
	gpa[0] = axas_gpa(2 * AS_1G);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 3), 0U);
	gpa[0] = axas_gpa(~0ULL);
	KUNIT_EXPECT_EQ(test, axas_translate_batch(as, gpa, hpa, 1), 0U);
}

/*
 * A 0x1100-byte write then read across a page boundary round-trips and
 * lands in the right frames; a too-long or unmapped request is refused.
 */
static void as_test_translated_byte_buffer(struct kunit *test)
{
	struct axas *as = as_default(test);
	u8 *in = kunit_kmalloc(test, 0x2100, GFP_KERNEL);
	u8 *out = kunit_kzalloc(test, 0x2100, GFP_KERNEL);
	size_t i, done;
	u64 h0, h1;
	u8 *va;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 0; i < 0x2100; i++)
		in[i] = i * 7 + 3;
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);

	KUNIT_EXPECT_EQ(test, as_write(as, 0x10800, in, 0x1100, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 0x1100UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10800, out, 0x1100, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 0x1100UL);
	KUNIT_EXPECT_EQ(test, memcmp(in, out, 0x1100), 0);

	/* The two segments are in the two frames, split at the page boundary. */
	h0 = as_hpa(test, as, 0x10000);
	h1 = as_hpa(test, as, 0x11000);
	va = as_frame_ops.map(test->priv, h0);
	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_EQ(test, memcmp(va + 0x800, in, 0x800), 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(va, 0, 0x800));
	as_frame_ops.unmap(test->priv, h0, va);
	va = as_frame_ops.map(test->priv, h1);
	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_EQ(test, memcmp(va, in + 0x800, 0x900), 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(va + 0x900, 0, 0x700));
	as_frame_ops.unmap(test->priv, h1, va);

	/* Too long: runs past the area into a hole; stops exactly there. */
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10000, out, 0x2001, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0x2000UL);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x11800, in, 0x1000, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0x800UL);
	/* Unmapped and out of range. */
	KUNIT_EXPECT_EQ(test, as_read(as, 0x20000, out, 0x10, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x20000, in, 0x10, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G, out, 0x10, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G - 8, out, 0x10, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
}

/*
 * The limit is the bytes from gpa that are contiguous in host memory and
 * inside the area (the crate returned the whole area size); refusals.
 */
static void as_test_translate_and_get_limit(struct kunit *test)
{
	struct axas *as = as_default(test);
	struct axas_xlate t;
	u64 limit, run, gpa, h;

	/* Linear, with a contiguous neighbour that must not be counted. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x100000), axas_hpa(0x40000000),
					      0x5000, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x105000), axas_hpa(0x40005000),
					      0x3000, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x100000), &limit), 0);
	KUNIT_EXPECT_EQ(test, limit, 0x5000ULL);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x101234), &limit), 0);
	KUNIT_EXPECT_EQ(test, limit, 0x5000ULL - 0x1234);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x104fff), &limit), 0);
	KUNIT_EXPECT_EQ(test, limit, 1ULL);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x105000), &limit), 0);
	KUNIT_EXPECT_EQ(test, limit, 0x3000ULL);

	/* Populated 4 KiB frames: the run of host-contiguous frames. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x200000), 0x8000, AS_RW, true), 0);
	for (gpa = 0x200000; gpa < 0x208000; gpa += 0x1800) {
		h = as_hpa(test, as, gpa);
		for (run = (gpa | 0xfff) + 1; run < 0x208000; run += AS_4K)
			if (as_hpa(test, as, run) != h + (run - gpa))
				break;
		KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(gpa), &limit), 0);
		KUNIT_EXPECT_EQ_MSG(test, limit, run - gpa, "gpa %#llx", gpa);
	}

	/* A 2 MiB frame: the rest of the block, the area ending with it. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(4 * AS_2M), AS_2M, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(4 * AS_2M), &t), 0);
	if (t.page_size == AS_2M) {
		KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(4 * AS_2M + 0x1000),
							   &limit), 0);
		KUNIT_EXPECT_EQ(test, limit, AS_2M - 0x1000);
	}

	/* Refusals: hole, lazy unfaulted page, MMIO, out of range. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x300000), 0x2000, AS_RW, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(0x400000), 0x2000, AS_DEV), 0);
	limit = 0x77;
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x108000), &limit), -ENOENT);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x300000), &limit), -ENOENT);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(0x400000), &limit), -ENOENT);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(4 * AS_1G), &limit), -ERANGE);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(~0ULL), &limit), -ERANGE);
	KUNIT_EXPECT_EQ(test, limit, 0x77ULL);
}

/* The first frame handed out is the one mapped; it is freed exactly once. */
static void as_test_frame_alloc_free_cycle(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_inval_info fl;
	u64 h;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 1L);
	h = as_hpa(test, as, 0x10000);
	KUNIT_EXPECT_EQ(test, h, c->first_hpa);
	KUNIT_EXPECT_EQ(test, h & (AS_4K - 1), 0ULL);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1L);

	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), AS_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 1L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_NULL(test, xa_load(&c->frames, PHYS_PFN(h)));
	/* unmapping again, or destroying, frees nothing more */
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), AS_4K, &fl), 0);
	as_del(test, 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 1L);
	KUNIT_EXPECT_EQ(test, c->bad_frees, 0L);

	/* A cycle: alloc, free, alloc, free. */
	as = as_default(test);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), AS_4K, &fl), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	as_del(test, 0);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 3L);
	KUNIT_EXPECT_EQ(test, c->nfrees, 3L);
}

/* A frame reads as zeros: through the frame HAL and through the space. */
static void as_test_frame_alloc_zero(struct kunit *test)
{
	struct axas *as = as_default(test);
	struct axas_fault_info fi;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_TRUE(test, as_frame_is(test, as_hpa(test, as, 0x10000), 0));
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 0x10000, AS_4K, 0));
	/* a frame from a fault too */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), AS_4K, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_TRUE(test, as_frame_is(test, as_hpa(test, as, 0x20000), 0));
}

/* fill(0xAA) through the frame HAL fills the whole frame the guest sees. */
static void as_test_frame_fill(struct kunit *test)
{
	struct axas *as = as_default(test);
	u64 h;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	h = as_hpa(test, as, 0x10000);
	as_frame_fill(test, h, 0xaa);
	KUNIT_EXPECT_TRUE(test, as_frame_is(test, h, 0xaa));
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 0x10000, AS_4K, 0xaa));
}

/* Five frames, five patterns, each seen in its own page; five frees. */
static void as_test_fill_multiple_frames(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_inval_info fl;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 5 * AS_4K, AS_RW,
					     true), 0);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 5L);
	for (i = 0; i < 5; i++)
		as_frame_fill(test, as_hpa(test, as, 0x10000 + i * AS_4K), 0x11 * (i + 1));
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_TRUE_MSG(test, as_guest_is(test, as, 0x10000 + i * AS_4K,
							AS_4K, 0x11 * (i + 1)),
				      "frame %u", i);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 5 * AS_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, c->nfrees, 5L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
}

/*
 * "Using a frame that was never allocated is refused": the analogues are
 * a lazy page never faulted (reads zeros without allocating, translates
 * to -ENOENT), addresses with no memory (-EFAULT, nothing copied) and
 * the frame HAL refusing host memory it never handed out.
 */
static void as_test_uninitialized_frame(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	u8 buf[64];
	size_t done;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(0x20000), 0x1000, AS_DEV), 0);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);
	memset(buf, 0x5a, sizeof(buf));
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10ff0, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_EQ(test, done, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(buf, 0, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10ff0), -ENOENT);

	memset(buf, 0x5a, sizeof(buf));
	KUNIT_EXPECT_EQ(test, as_read(as, 0x30000, buf, sizeof(buf), &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, buf[0], 0x5a);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x30000, buf, sizeof(buf), &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x20000, buf, sizeof(buf), &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x20000, buf, sizeof(buf), &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);

	/* The frame HAL: host memory it never handed out is not mapped. */
	KUNIT_EXPECT_NULL(test, as_frame_ops.map(c, 0x1000));
	KUNIT_EXPECT_EQ(test, c->refused_maps, 1L);
	c->refused_maps = 0;
}

/* Allocation failure is -ENOMEM (or a NOMEM fault) and frees nothing. */
static void as_test_frame_alloc_out_of_memory(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	u8 buf[8] = { 1 };
	size_t done;

	c->hal.fail_at = ast_nallocs(&c->hal) + 1;
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true),
			-ENOMEM);
	c->hal.fail_at = 0;
	KUNIT_EXPECT_EQ(test, c->nfrees, 0L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);
	/* The switch off, the same request works. */
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1L);

	/* Lazy: a fault and a write that cannot get a frame. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), AS_4K, AS_RW, false), 0);
	c->hal.fail_at = ast_nallocs(&c->hal) + 1;
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_NOMEM);
	c->hal.fail_at = 0;
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x20000), -ENOENT);
	c->hal.fail_at = ast_nallocs(&c->hal) + 1;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x20000, buf, sizeof(buf), &done), -ENOMEM);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, c->nfrees, 0L);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1L);
	c->hal.fail_at = 0;
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L);
}

struct as_obj {
	u64 a;
	u32 b;
	u16 c;
	u8 d;
	u8 pad;
};

/* Objects and buffers round-trip, in alloc and linear areas; bad addresses fail. */
static void as_test_memory_accessor_read_write(struct kunit *test)
{
	struct as_obj obj = { 0x0123456789abcdefULL, 0xdeadbeef, 0xcafe, 0x5a, 0 }, got;
	struct axas *as = as_default(test);
	u8 buf[300], back[300];
	size_t done, i;
	u64 val, hpa;
	u8 *va;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x10010, &obj, sizeof(obj), &done), 0);
	KUNIT_EXPECT_EQ(test, done, sizeof(obj));
	memset(&got, 0, sizeof(got));
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10010, &got, sizeof(got), &done), 0);
	KUNIT_EXPECT_EQ(test, got.a, obj.a);
	KUNIT_EXPECT_EQ(test, got.b, obj.b);
	KUNIT_EXPECT_EQ(test, got.c, obj.c);
	KUNIT_EXPECT_EQ(test, got.d, obj.d);
	/* a field read alone */
	val = 0;
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10010 + offsetof(struct as_obj, b), &val, 4,
				      &done), 0);
	KUNIT_EXPECT_EQ(test, (u32)val, 0xdeadbeefU);

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = 0xff - i;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x11000 - 100, buf, sizeof(buf), &done), 0);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x11000 - 100, back, sizeof(back), &done), 0);
	KUNIT_EXPECT_EQ(test, done, sizeof(back));
	KUNIT_EXPECT_EQ(test, memcmp(buf, back, sizeof(buf)), 0);

	/* Linear areas over host memory of the test's own. */
	hpa = as_lend(test, 1);
	va = page_address(pfn_to_page(PHYS_PFN(hpa)));
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x200000), axas_hpa(hpa),
					      2 * AS_4K, AS_RW), 0);
	val = 0x1122334455667788ULL;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x200ffc, &val, 8, &done), 0);
	KUNIT_EXPECT_EQ(test, memcmp(va + 0xffc, &val, 8), 0);
	memcpy(va + 0x1800, buf, 64);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x201800, back, 64, &done), 0);
	KUNIT_EXPECT_EQ(test, memcmp(back, buf, 64), 0);

	/* Invalid addresses: a hole, MMIO, outside the space. */
	KUNIT_ASSERT_EQ(test, axas_map_mmio(as, axas_gpa(0x30000), AS_4K, AS_DEV), 0);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x40000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x40000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x30000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x30000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_write(as, ~0ULL - 3, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
}

/* Two spaces at different backing never see each other's data. */
static void as_test_two_vm_isolation(struct kunit *test)
{
	struct axas *a = as_space(test, 0, &as_ept4, 0, 4 * AS_1G);
	struct axas *b = as_space(test, 1, &as_npt4, 0, 4 * AS_1G);
	struct axas_inval_info fl;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(a, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(b, axas_gpa(0x10000), 0x2000, AS_RW, false), 0);
	as_guest_fill(test, a, 0x10000, 0x2000, 0xa1);
	as_guest_fill(test, b, 0x10000, 0x1000, 0xb2);
	KUNIT_EXPECT_NE(test, as_hpa(test, a, 0x10000), as_hpa(test, b, 0x10000));
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, a, 0x10000, 0x2000, 0xa1));
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, b, 0x10000, 0x1000, 0xb2));
	/* b's second page was never written: still zeros, not a's data */
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, b, 0x11000, 0x1000, 0));
	/* unmapping in one leaves the other alone */
	KUNIT_EXPECT_EQ(test, axas_unmap(a, axas_gpa(0x10000), 0x1000, &fl), 0);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, b, 0x10000, 0x1000, 0xb2));
	as_del(test, 0);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, b, 0x10000, 0x1000, 0xb2));
}

/* 8-byte accesses at 4K - 8 and across the boundary, populated and lazy. */
static void as_test_cross_page_access(struct kunit *test)
{
	static const u64 offs[] = { 0x1000 - 8, 0x1000 - 4, 0x1000 - 1, 0x1000 };
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	u64 val, got, h0, h1;
	unsigned int i;
	size_t done;
	u8 *va;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		val = 0x0102030405060708ULL * (i + 1);
		KUNIT_EXPECT_EQ(test, as_write(as, 0x10000 + offs[i], &val, 8, &done), 0);
		KUNIT_EXPECT_EQ(test, done, 8UL);
		got = 0;
		KUNIT_EXPECT_EQ(test, as_read(as, 0x10000 + offs[i], &got, 8, &done), 0);
		KUNIT_EXPECT_EQ_MSG(test, got, val, "offset %#llx", offs[i]);
	}
	/* The last write (at 0x1000 - 1 then 0x1000) is split between the frames. */
	val = 0x1122334455667788ULL;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x10ffc, &val, 8, &done), 0);
	h0 = as_hpa(test, as, 0x10000);
	h1 = as_hpa(test, as, 0x11000);
	va = as_frame_ops.map(c, h0);
	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_EQ(test, memcmp(va + 0xffc, &val, 4), 0);
	as_frame_ops.unmap(c, h0, va);
	va = as_frame_ops.map(c, h1);
	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_EQ(test, memcmp(va, (u8 *)&val + 4, 4), 0);
	as_frame_ops.unmap(c, h1, va);

	/* Lazy: the write populates both pages, and lands where it is read. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), 0x2000, AS_RW, false), 0);
	val = 0xfeedfacecafef00dULL;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x20ffc, &val, 8, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 8UL);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 4L);
	got = 0;
	KUNIT_EXPECT_EQ(test, as_read(as, 0x20ffc, &got, 8, &done), 0);
	KUNIT_EXPECT_EQ(test, got, val);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x20ff8, &got, 4, &done), 0);
	KUNIT_EXPECT_EQ(test, (u32)got, 0U);
}

/* Empty and single-byte buffers at the edges of an area and of the space. */
static void as_test_region_boundary_edges(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	u8 b = 0x42, two[2] = { 0x11, 0x22 };
	size_t done = 99;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(4 * AS_1G - AS_4K), AS_4K, AS_RW,
					     false), 0);

	/* Empty: nothing copied, nothing allocated, wherever it points. */
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10000, &b, 0, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_write(as, 0x12000, &b, 0, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_write(as, 4 * AS_1G - AS_4K, &b, 0, &done), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 2L);

	/* One byte: the first and the last of the area. */
	b = 0x42;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x10000, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 1UL);
	b = 0x43;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x11fff, &b, 1, &done), 0);
	b = 0;
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10000, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, b, 0x42);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x11fff, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, b, 0x43);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x10001, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, b, 0);
	/* One byte past either end. */
	KUNIT_EXPECT_EQ(test, as_read(as, 0x12000, &b, 1, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 0xffff, &b, 1, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	/* Two bytes over the end: the first is written, then it stops. */
	KUNIT_EXPECT_EQ(test, as_write(as, 0x11fff, two, 2, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 1UL);
	KUNIT_EXPECT_EQ(test, as_read(as, 0x11fff, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, b, 0x11);

	/* The last byte of the space (a lazy page) and the one past it. */
	b = 0x44;
	KUNIT_EXPECT_EQ(test, as_write(as, 4 * AS_1G - 1, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, done, 1UL);
	b = 0;
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G - 1, &b, 1, &done), 0);
	KUNIT_EXPECT_EQ(test, b, 0x44);
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G, &b, 1, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_read(as, 4 * AS_1G - 1, two, 2, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 1UL);
	KUNIT_EXPECT_EQ(test, two[0], 0x44);
}

/* ====================================== the reference crate's defects */

/* 1: map_linear with HPA above GPA (and below) works at every page size. */
static void as_defect_01_linear_hpa_above_gpa(struct kunit *test)
{
	struct axas *as = as_space(test, 0, &as_ept4, 0, 1ULL << 48);
	u64 gpa = AS_1G - AS_2M - AS_4K;
	u64 size = AS_4K + AS_2M + AS_1G + AS_2M + AS_4K;
	u64 hpa = gpa + (1ULL << 45);	/* far above, same alignment */
	struct axas_xlate t;

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x1000),
					      axas_hpa(0x7000001000ULL), AS_4K, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x1fff), 0x7000001fffULL);

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(gpa), axas_hpa(hpa), size,
					      AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(gpa), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, hpa);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G - 1), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, hpa + AS_2M + AS_4K - 1);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_2M);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G + 0x12345), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, AS_1G + 0x12345 + (1ULL << 45));
	KUNIT_EXPECT_EQ(test, t.page_size, AS_1G);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(gpa + size - 1), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, hpa + size - 1);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);

	/* HPA below GPA, and the very top of the host range. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(100 * AS_1G), axas_hpa(AS_1G),
					      AS_1G, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 100 * AS_1G + 5), AS_1G + 5);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x3000),
					      axas_hpa((1ULL << 52) - AS_4K), AS_4K,
					      AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x3fff), (1ULL << 52) - 1);
}

/*
 * 2: unmapping 4 KiB inside a 2 MiB or 1 GiB page splits it: the rest
 * stays mapped, areas and tables agree, only the hole's frame is freed.
 */
static void as_defect_02_unmap_4k_in_huge_page(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_xlate t;
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	long live;

	/* A 2 MiB linear leaf. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_2M), axas_hpa(AS_1G),
					      AS_2M, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_2M), &t), 0);
	KUNIT_ASSERT_EQ(test, t.page_size, AS_2M);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(AS_2M + 0x5000), AS_4K, &fl), 0);
	KUNIT_EXPECT_LE(test, fl.start, AS_2M);
	KUNIT_EXPECT_GE(test, fl.end, 2 * AS_2M);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_2M + 0x5000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_2M + 0x5fff), -ENOENT);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_2M + 0x4fff), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, AS_1G + 0x4fff);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RW);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, AS_2M + 0x6000), AS_1G + 0x6000);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 2 * AS_2M - 1), AS_1G + AS_2M - 1);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, AS_2M), AS_1G);
	/* the areas agree with the table */
	KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_2M + 0x5000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_NO_AREA);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_2M + 0x6000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.area_start, AS_2M + 0x6000);
	KUNIT_EXPECT_EQ(test, fi.area_size, AS_2M - 0x6000);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M + 0x5000), AS_4K, AS_RW,
					     false), 0);

	/* A 1 GiB linear leaf: split into 2 MiB leaves and one 4 KiB table. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_1G), axas_hpa(8 * AS_1G),
					      AS_1G, AS_RX), 0);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G), &t), 0);
	KUNIT_ASSERT_EQ(test, t.page_size, AS_1G);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(AS_1G + AS_2M + AS_4K), AS_4K, &fl), 0);
	KUNIT_EXPECT_LE(test, fl.start, AS_1G + AS_2M);
	KUNIT_EXPECT_GE(test, fl.end, AS_1G + 2 * AS_2M);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_1G + AS_2M + AS_4K), -ENOENT);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G + AS_2M), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, 8 * AS_1G + AS_2M);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_4K);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RX);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(AS_1G + 5), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, 8 * AS_1G + 5);
	KUNIT_EXPECT_EQ(test, t.page_size, AS_2M);
	KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(2 * AS_1G - 1), &t), 0);
	KUNIT_EXPECT_EQ(test, t.hpa, 9 * AS_1G - 1);
	KUNIT_EXPECT_EQ(test, t.flags, AS_RX);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 5U);

	/* An alloc area (a 2 MiB frame if one can be had): one frame freed. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(3 * AS_1G), AS_2M, AS_RW, true), 0);
	as_guest_fill(test, as, 3 * AS_1G, AS_2M, 0x5a);
	live = ast_live(&c->hal);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(3 * AS_1G + 0x3000), AS_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), live - 1);
	KUNIT_EXPECT_EQ(test, c->nfrees, 1L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 3 * AS_1G + 0x3000), -ENOENT);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 3 * AS_1G, 0x3000, 0x5a));
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 3 * AS_1G + 0x4000, AS_2M - 0x4000,
					    0x5a));
	KUNIT_EXPECT_EQ(test, as->nr_areas, 7U);
}

/*
 * 3: GPAs at or above the input size (2^48 on 4 levels) are refused,
 * never masked onto low addresses.
 */
static void as_defect_03_gpa_above_input_size(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_space(test, 0, &as_ept4, 0, 1ULL << 48);
	u64 top = 1ULL << 48;
	struct axas_fault_info fi;
	struct axpt_leaf leaf;
	struct axas tmp;
	u64 limit, val = 0;
	size_t done;

	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x1000), axas_hpa(0x90000000),
					      AS_4K, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x2000), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, as_xlate(as, top | 0x1000), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, top | 0x2000), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_xlate(as, (1ULL << 63) | 0x1000), -ERANGE);
	KUNIT_EXPECT_EQ(test, axas_translate_limit(as, axas_gpa(top | 0x1000), &limit),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, top | 0x2000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_OUT_OF_RANGE);
	KUNIT_EXPECT_EQ(test, as_read(as, top | 0x2000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, as_write(as, top | 0x2000, &val, 8, &done), -EFAULT);
	KUNIT_EXPECT_EQ(test, done, 0UL);
	/* the engine below refuses it too */
	KUNIT_EXPECT_EQ(test, axpt_query(&as->pt, top | 0x1000, &leaf), -ERANGE);
	/* maps, unmaps and spaces beyond it */
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(top), axas_hpa(0), AS_4K, AS_RW),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(top - AS_4K), 2 * AS_4K, AS_RW,
					     false), -ERANGE);
	KUNIT_EXPECT_EQ(test, axas_map_mmio(as, axas_gpa(top), AS_4K, AS_DEV), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_create(c, &tmp, &as_ept4, top, AS_4K), -ERANGE);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x1000), 0x90000000ULL);
	/* The last page below 2^48 is a page like any other. */
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(top - AS_4K),
					      axas_hpa(0x80000000), AS_4K, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, top - 1), 0x80000fffULL);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x1fff), 0x90000fffULL);

	/* With 5 levels the same address is a different, unmapped page. */
	as = as_space(test, 1, &as_ept5, 0, 1ULL << 57);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(0x1000), axas_hpa(0x90000000),
					      AS_4K, AS_RW), 0);
	KUNIT_EXPECT_EQ(test, as_xlate(as, top | 0x1000), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, top | 0x1000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_NO_AREA);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 1ULL << 57), -ERANGE);
}

/* 4: a second fault on a populated lazy page is spurious: nothing allocated. */
static void as_defect_04_second_fault_no_leak(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	u64 hpa, gpa;
	size_t done;
	long n;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x4000, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x11000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	hpa = as_hpa(test, as, 0x11000);
	n = ast_nallocs(&c->hal);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x11000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.hpa, hpa);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x11abc, AXAS_PROT_READ, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, fi.hpa, hpa + 0xabc);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), n);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), 1L);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, 0x11000), hpa);

	/* A page populated by a guest-memory write: spurious too. */
	KUNIT_EXPECT_EQ(test, as_write(as, 0x12000, &hpa, 8, &done), 0);
	n = ast_nallocs(&c->hal);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x12008, AXAS_PROT_READ, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), n);

	/* A lazy area that takes a 2 MiB frame: every later fault in it is spurious. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), 2 * AS_2M, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_2M + 0x3456, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	/* fi.hpa is the host address of the faulting GPA, whatever the frame size */
	KUNIT_EXPECT_EQ(test, fi.hpa, as_hpa(test, as, AS_2M + 0x3456));
	n = ast_nallocs(&c->hal);
	for (gpa = AS_2M; gpa < 2 * AS_2M; gpa += 0x41000) {
		if (fi.level != 1 && as_xlate(as, gpa))
			continue;	/* 4 KiB frames: only the faulted page */
		KUNIT_EXPECT_EQ(test, as_fault(test, as, gpa, AXAS_PROT_WRITE, &fi),
				AXAS_FAULT_SPURIOUS);
		KUNIT_EXPECT_EQ(test, fi.hpa, as_hpa(test, as, gpa));
	}
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), n);

	/* A populated area: spurious. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), AS_4K, AS_RW, true), 0);
	n = ast_nallocs(&c->hal);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_SPURIOUS);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), n);
}

/*
 * A 2 MiB block that already holds 4 KiB pages (its 2 MiB frame could not
 * be had once) takes 4 KiB frames from then on, without allocating and
 * zeroing a 2 MiB frame per fault only to find the block taken.
 */
static void as_test_no_2m_frame_over_4k_pages(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	long n2, live;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), 2 * AS_2M, AS_RW,
					     false), 0);
	c->hal.fail_2m = true;
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_2M + 0x5000, AXAS_PROT_WRITE, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	c->hal.fail_2m = false;

	n2 = ast_nallocs_2m(&c->hal);
	live = ast_live(&c->hal);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, AS_2M + 0x9000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, ast_nallocs_2m(&c->hal), n2);
	KUNIT_EXPECT_EQ(test, ast_live(&c->hal), live + 1);

	/* The next block is empty: it is offered a 2 MiB frame again. */
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 2 * AS_2M + 0x1000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, ast_nallocs_2m(&c->hal), n2 + 1);
}

/*
 * 5: populate hitting out-of-memory (a data frame, or a table page) at any
 * step rolls back completely: tables, areas and frames as before the call.
 */
static void as_defect_05_populate_oom_rollback(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_space(test, 0, &as_ept4, 0, 1ULL << 48);
	/* 4 KiB frames, one 2 MiB block, 4 KiB frames; new tables at every level */
	u64 gpa = (1ULL << 47) - 2 * AS_4K, size = 2 * AS_4K + AS_2M + 2 * AS_4K;
	struct pt_snap s1 = {}, s2 = {};
	unsigned int n, failures = 0;
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	long live, tables, pages, allocs;
	int ret;

	/* Existing state the failures must not disturb. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x3000, AS_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(AS_1G), axas_hpa(AS_1G), AS_2M,
					      AS_RW), 0);
	/* How many frames does a successful populate take? */
	allocs = ast_nallocs(&c->hal);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(gpa), size, AS_RW, true), 0);
	allocs = ast_nallocs(&c->hal) - allocs;
	KUNIT_ASSERT_EQ(test, axas_unmap(as, axas_gpa(gpa), size, &fl), 0);

	/* Fail the n-th data frame, for every n. */
	for (n = 1; n <= allocs; n++) {
		as_snap_take(test, as, &s1);
		rcu_barrier();
		live = ast_live(&c->hal);
		tables = atomic_long_read(&as->pt.nr_tables);
		pages = axpt_linux_live_pages();
		c->hal.fail_at = ast_nallocs(&c->hal) + n;
		ret = axas_map_alloc(as, axas_gpa(gpa), size, AS_RW, true);
		c->hal.fail_at = 0;
		if (!ret) {
			/* n was a 2 MiB attempt: 4 KiB frames replaced it */
			KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(gpa), size, &fl), 0);
			continue;
		}
		failures++;
		KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
		as_snap_take(test, as, &s2);
		KUNIT_EXPECT_TRUE_MSG(test, pt_snap_same(&s1, &s2),
				      "frame %u: tables changed", n);
		KUNIT_EXPECT_EQ_MSG(test, ast_live(&c->hal), live, "frame %u", n);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), tables);
		rcu_barrier();
		KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), pages);
		KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);
		KUNIT_EXPECT_EQ(test, as_xlate(as, gpa), -ENOENT);
		KUNIT_EXPECT_EQ(test, as_fault(test, as, gpa, AXAS_PROT_READ, &fi),
				AXAS_FAULT_NO_AREA);
	}
	KUNIT_EXPECT_GE(test, failures, 4U);

	/* Fail the n-th table page, for n = 1, 2, ... until it succeeds. */
	failures = 0;
	for (n = 1; n < 32; n++) {
		as_snap_take(test, as, &s1);
		rcu_barrier();
		live = ast_live(&c->hal);
		tables = atomic_long_read(&as->pt.nr_tables);
		pages = axpt_linux_live_pages();
		c->tables.fail_at = c->tables.nallocs + n;
		ret = axas_map_alloc(as, axas_gpa(gpa), size, AS_RW, true);
		c->tables.fail_at = 0;
		if (!ret)
			break;
		failures++;
		KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
		as_snap_take(test, as, &s2);
		KUNIT_EXPECT_TRUE_MSG(test, pt_snap_same(&s1, &s2),
				      "table %u: tables changed", n);
		KUNIT_EXPECT_EQ_MSG(test, ast_live(&c->hal), live, "table %u", n);
		KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), tables);
		rcu_barrier();
		KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), pages);
		KUNIT_EXPECT_EQ(test, as->nr_areas, 2U);
	}
	/* a PDPT, a PD and two page tables at least */
	KUNIT_EXPECT_GE(test, failures, 4U);
	KUNIT_EXPECT_LT(test, n, 32U);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 3U);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, gpa, size, 0));
}

/* 6: data frames are always zeroed, also when they recycle freed memory. */
static void as_defect_06_frames_zeroed(struct kunit *test)
{
	struct axas *as = as_default(test);
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	unsigned int round;
	u64 gpa;
	u8 b;
	size_t done;

	for (round = 0; round < 3; round++) {
		KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x8000, AS_RW,
						     true), 0);
		for (gpa = 0x10000; gpa < 0x18000; gpa += AS_4K)
			KUNIT_EXPECT_TRUE_MSG(test, as_frame_is(test, as_hpa(test, as, gpa), 0),
					      "round %u gpa %#llx", round, gpa);
		KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 0x10000, 0x8000, 0));
		as_guest_fill(test, as, 0x10000, 0x8000, 0xff);
		KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(0x10000), 0x8000, &fl), 0);
	}

	/* Lazy frames, from a fault and from a one-byte write. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), 0x2000, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x20000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_TRUE(test, as_frame_is(test, as_hpa(test, as, 0x20000), 0));
	b = 0xee;
	KUNIT_EXPECT_EQ(test, as_write(as, 0x21000, &b, 1, &done), 0);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 0x21001, AS_4K - 1, 0));

	/* A 2 MiB frame, populated and lazy. */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(AS_2M), AS_2M, AS_RW, true), 0);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, AS_2M, AS_2M, 0));
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(4 * AS_2M), AS_2M, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 4 * AS_2M, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_TRUE(test, as_guest_is(test, as, 4 * AS_2M, AS_2M, 0));
}

/* 7: tables left empty by an unmap are reclaimed at once, not at destroy. */
static void as_defect_07_tables_reclaimed(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_space(test, 0, &as_ept4, 0, 1ULL << 48);
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	u64 far = 1ULL << 47;

	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), c->pt_pages0 + 1);

	/* populate: a PDPT, a PD and a PT */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(far), AS_4K, AS_RW, true), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 4L);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(far), AS_4K, &fl), 0);
	KUNIT_EXPECT_TRUE(test, fl.tables);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), c->pt_pages0 + 1);

	/* a lazy fault, then unmap */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(far), AS_1G, AS_RW, false), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, far + 0x7000, AXAS_PROT_READ, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_GE(test, atomic_long_read(&as->pt.nr_tables), 3L);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(far), AS_1G, &fl), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);

	/* a 1 GiB linear leaf split by a hole, then unmapped piece by piece */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(far), axas_hpa(AS_1G), AS_1G,
					      AS_RW), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 2L);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(far + AS_4K), AS_4K, &fl), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 4L);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(far), AS_2M, &fl), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 3L);
	KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(far + AS_2M), AS_1G - AS_2M, &fl), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 1L);
	KUNIT_EXPECT_EQ(test, as->nr_areas, 0U);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), c->pt_pages0 + 1);
}

#define AS_S2_XN		BIT_ULL(54)
#define AS_S2_AF		BIT_ULL(10)
#define AS_S2_S2AP(pte)	(((pte) >> 6) & 3)
#define AS_S2_MEMATTR(pte)	(((pte) >> 2) & 0xf)

/*
 * 8: Arm stage 2 reads back exactly what was mapped: R, W and X (XN set
 * when not executable), every memory type, non-cacheable included.
 */
static void as_defect_08_arm_readback(struct kunit *test)
{
	static const u64 memattr[] = {
		[AXAS_MEM_WB] = 0xf, [AXAS_MEM_NC] = 0x5, [AXAS_MEM_DEVICE] = 0x1,
	};
	struct axas *as = as_space(test, 0, &as_s2_40, 0, 1ULL << 40);
	struct axas_fault_info fi;
	struct axas_xlate t;
	struct axas_inval_info fl;
	struct axpt_leaf leaf;
	u32 prot, mem;

	for (prot = 1; prot < 8; prot++) {
		for (mem = 0; mem < 3; mem++) {
			u32 attr = AXPT_ATTR(prot, mem);
			u64 gpa = (prot * 4 + mem) * 2 * AS_1G;	/* 1G, 2M, 4K leaves */

			if (axpt_device_exec(attr)) {
				/* refused: device memory is never executable */
				KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(gpa),
								      axas_hpa(AS_1G), AS_4K,
								      attr), -EINVAL);
				continue;
			}
			KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(gpa),
							      axas_hpa(AS_1G), AS_1G + AS_2M +
							      AS_4K, attr), 0);
			KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(gpa), &t), 0);
			KUNIT_EXPECT_EQ_MSG(test, t.flags, attr, "prot %u mem %u", prot, mem);
			KUNIT_EXPECT_EQ(test, t.page_size, AS_1G);
			KUNIT_ASSERT_EQ(test, axas_translate(as, axas_gpa(gpa + AS_1G), &t), 0);
			KUNIT_EXPECT_EQ(test, t.flags, attr);
			KUNIT_EXPECT_EQ(test, t.page_size, AS_2M);
			KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, gpa + AS_1G + AS_2M, &leaf),
					0);
			KUNIT_EXPECT_EQ(test, leaf.level, 0U);
			KUNIT_EXPECT_EQ(test, leaf.attr, attr);
			KUNIT_EXPECT_EQ_MSG(test, !!(leaf.pte & AS_S2_XN), !(prot & AXAS_PROT_EXEC),
					    "prot %u mem %u", prot, mem);
			KUNIT_EXPECT_EQ(test, AS_S2_S2AP(leaf.pte),
					(u64)((prot & AXAS_PROT_READ ? 1 : 0) |
					      (prot & AXAS_PROT_WRITE ? 2 : 0)));
			KUNIT_EXPECT_TRUE(test, leaf.pte & AS_S2_AF);
			KUNIT_EXPECT_EQ(test, AS_S2_MEMATTR(leaf.pte), memattr[mem]);
			/* the fault path sees the same permissions */
			KUNIT_EXPECT_EQ(test, as_fault(test, as, gpa, AXAS_PROT_WRITE, &fi),
					prot & AXAS_PROT_WRITE ? AXAS_FAULT_SPURIOUS :
					AXAS_FAULT_PERMISSION);
			KUNIT_EXPECT_EQ(test, as_fault(test, as, gpa, AXAS_PROT_EXEC, &fi),
					prot & AXAS_PROT_EXEC ? AXAS_FAULT_SPURIOUS :
					AXAS_FAULT_PERMISSION);
		}
	}

	/* protect round-trips too: RWX -> R (XN now set), NC -> WB */
	KUNIT_EXPECT_EQ(test, axas_protect(as, axas_gpa((7 * 4 + 1) * 2 * AS_1G), AS_1G,
					   AS_R, &fl), 0);
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, (7 * 4 + 1) * 2 * AS_1G, &leaf), 0);
	KUNIT_EXPECT_EQ(test, leaf.attr, AS_R);
	KUNIT_EXPECT_TRUE(test, leaf.pte & AS_S2_XN);
	KUNIT_EXPECT_LT(test, fl.start, fl.end);
}

#define AS_GST_V	BIT_ULL(0)
#define AS_GST_U	BIT_ULL(4)

/*
 * 9: RISC-V G-stage uses the x4 formats: a 16 KiB root, 2 more GPA bits
 * (41 for Sv39x4, 50 for Sv48x4), and U=1 in every leaf.
 */
static void as_defect_09_riscv_gstage_x4(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as;
	struct axpt_leaf leaf;
	struct axas tmp;
	u64 top = 1ULL << 41;

	as = as_space(test, 0, &as_sv39x4, 0, top);
	KUNIT_EXPECT_EQ(test, as->pt.ias, 41);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 4L);
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), c->pt_pages0 + 4);
	KUNIT_EXPECT_EQ(test, as->pt.root_pa & (4 * AS_4K - 1), 0ULL);

	/* GPAs above 2^39 (the Sv39 limit) are distinct addresses. */
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa(top - AS_4K), axas_hpa(0x80001000),
					      AS_4K, AS_RW), 0);
	KUNIT_ASSERT_EQ(test, axas_map_linear(as, axas_gpa((1ULL << 39) + AS_2M),
					      axas_hpa(0x80200000), AS_2M, AS_RWX), 0);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, top - 1), 0x80001fffULL);
	KUNIT_EXPECT_EQ(test, as_hpa(test, as, (1ULL << 39) + AS_2M + 8), 0x80200008ULL);
	KUNIT_EXPECT_EQ(test, as_xlate(as, AS_2M + 8), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, (top - AS_4K) & ((1ULL << 39) - 1)), -ENOENT);
	KUNIT_EXPECT_EQ(test, as_xlate(as, top), -ERANGE);
	KUNIT_EXPECT_EQ(test, as_create(c, &tmp, &as_sv39x4, 0, top + AS_4K), -ERANGE);

	/* U=1 and V=1 in the leaves, flags round-trip. */
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, top - 1, &leaf), 0);
	KUNIT_EXPECT_TRUE(test, leaf.pte & AS_GST_U);
	KUNIT_EXPECT_TRUE(test, leaf.pte & AS_GST_V);
	KUNIT_EXPECT_EQ(test, leaf.attr, AS_RW);
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, (1ULL << 39) + AS_2M, &leaf), 0);
	KUNIT_EXPECT_TRUE(test, leaf.pte & AS_GST_U);
	KUNIT_EXPECT_EQ(test, leaf.level, 1U);
	KUNIT_EXPECT_EQ(test, leaf.attr, AS_RWX);

	/* W without R is reserved: refused. */
	KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(0), axas_hpa(0), AS_4K, AS_W),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0), AS_4K, AS_W, true), -EINVAL);

	/* Sv48x4: 50-bit GPAs. */
	as = as_space(test, 1, &as_sv48x4, 0, 1ULL << 50);
	KUNIT_EXPECT_EQ(test, as->pt.ias, 50);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&as->pt.nr_tables), 4L);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa((1ULL << 50) - AS_4K), AS_4K, AS_RW,
					     true), 0);
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, (1ULL << 50) - 1, &leaf), 0);
	KUNIT_EXPECT_TRUE(test, leaf.pte & AS_GST_U);
	KUNIT_EXPECT_EQ(test, as_xlate(as, (1ULL << 48) - 1), -ENOENT);
}

/* 10: a fault whose access is empty (or unknown) is -EINVAL, not "handled". */
static void as_defect_10_fault_empty_access(struct kunit *test)
{
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct axas_fault_info fi;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), AS_4K, AS_RWX, false), 0);
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(0x10000), 0, &fi), -EINVAL);
	KUNIT_EXPECT_EQ(test, fi.result, 0U);
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(0x10000), 8, &fi), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(0x10000),
						AXAS_PROT_READ | BIT(31), &fi), -EINVAL);
	/* also where there is nothing to handle */
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(0x20000), 0, &fi), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_handle_fault(as, axas_gpa(4 * AS_1G), 0, &fi), -EINVAL);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 0L);
	KUNIT_EXPECT_EQ(test, as_xlate(as, 0x10000), -ENOENT);
	/* every valid non-empty access works */
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x10000, AXAS_PROT_EXEC, &fi),
			AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, as_fault(test, as, 0x10000, AXPT_PROT_MASK, &fi),
			AXAS_FAULT_SPURIOUS);
}

#define AS_EPT_R	BIT_ULL(0)
#define AS_EPT_W	BIT_ULL(1)

/* 11: EPT write-only entries (a misconfiguration) are refused everywhere. */
static void as_defect_11_ept_write_only(struct kunit *test)
{
	static const u32 bad[] = {
		AXPT_ATTR(AXAS_PROT_WRITE, AXAS_MEM_WB),
		AXPT_ATTR(AXAS_PROT_WRITE | AXAS_PROT_EXEC, AXAS_MEM_WB),
		AXPT_ATTR(AXAS_PROT_WRITE, AXAS_MEM_DEVICE),
	};
	struct as_ctx *c = test->priv;
	struct axas *as = as_default(test);
	struct pt_snap s1 = {}, s2 = {};
	struct axas_inval_info fl;
	struct axpt_leaf leaf;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, axas_map_alloc(as, axas_gpa(0x10000), 0x2000, AS_RW, true), 0);
	as_snap_take(test, as, &s1);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ(test, axas_map_linear(as, axas_gpa(AS_2M), axas_hpa(AS_2M),
						      AS_2M, bad[i]), -EINVAL);
		KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), AS_4K, bad[i],
						     true), -EINVAL);
		KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(0x20000), AS_4K, bad[i],
						     false), -EINVAL);
		KUNIT_EXPECT_EQ(test, axas_protect(as, axas_gpa(0x10000), 0x2000, bad[i], &fl),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, fl.start, fl.end);
	}
	as_snap_take(test, as, &s2);
	KUNIT_EXPECT_TRUE(test, pt_snap_same(&s1, &s2));
	KUNIT_EXPECT_EQ(test, as->nr_areas, 1U);
	KUNIT_EXPECT_EQ(test, ast_nallocs(&c->hal), 2L);
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, 0x11000, &leaf), 0);
	KUNIT_EXPECT_EQ(test, leaf.attr, AS_RW);
	KUNIT_EXPECT_EQ(test, leaf.pte & (AS_EPT_R | AS_EPT_W), AS_EPT_R | AS_EPT_W);
	/* read-only is fine, and a downgrade is reported for invalidation */
	KUNIT_EXPECT_EQ(test, axas_protect(as, axas_gpa(0x10000), 0x2000, AS_R, &fl), 0);
	KUNIT_EXPECT_LE(test, fl.start, 0x10000ULL);
	KUNIT_EXPECT_GE(test, fl.end, 0x12000ULL);
	KUNIT_ASSERT_EQ(test, axpt_query(&as->pt, 0x11000, &leaf), 0);
	KUNIT_EXPECT_EQ(test, leaf.pte & (AS_EPT_R | AS_EPT_W), AS_EPT_R);
}

/*
 * The Linux frame HAL refuses a linear area over RAM the kernel owns
 * (-EPERM, nothing mapped) and allows memory that is not System RAM.
 */
static void as_test_linear_refuses_kernel_ram(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct page *page = alloc_page(GFP_KERNEL);
	struct axas_xlate tr;
	struct axas as;
	u64 ram;

	KUNIT_ASSERT_NOT_NULL(test, page);
	ram = page_to_phys(page);
	if (region_intersects(ram, PAGE_SIZE, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS) {
		__free_page(page);
		kunit_skip(test, "this kernel registers no System RAM resources");
	}
	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), 1ULL << 32,
					  &axpt_linux_mm_ops, NULL,
					  &axas_linux_frame_ops, NULL), 0);
	KUNIT_EXPECT_EQ(test, axas_map_linear(&as, axas_gpa(0), axas_hpa(ram), PAGE_SIZE,
					      AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)),
			-EPERM);
	KUNIT_EXPECT_EQ(test, axas_translate(&as, axas_gpa(0), &tr), -ENOENT);
	KUNIT_EXPECT_EQ(test, as.nr_areas, 0U);
	/* far above any RAM: allowed */
	KUNIT_EXPECT_EQ(test, axas_map_linear(&as, axas_gpa(0), axas_hpa(1ULL << 46),
					      PAGE_SIZE,
					      AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_DEVICE)), 0);
	axas_destroy(&as);
	__free_page(page);
}

static struct kunit_case as_test_cases[] = {
	KUNIT_CASE(as_test_linear_refuses_kernel_ram),
	/* the reference crate's tests */
	KUNIT_CASE(as_test_addrspace_creation),
	KUNIT_CASE(as_test_contains_range),
	KUNIT_CASE(as_test_map_linear),
	KUNIT_CASE(as_test_map_alloc_populate),
	KUNIT_CASE(as_test_map_alloc_lazy),
	KUNIT_CASE(as_test_page_fault_handling),
	KUNIT_CASE(as_test_unmap),
	KUNIT_CASE(as_test_unmap_backends),
	KUNIT_CASE(as_test_populate_runs),
	KUNIT_CASE(as_test_clear),
	KUNIT_CASE(as_test_translate),
	KUNIT_CASE(as_test_translate_batch),
	KUNIT_CASE(as_test_translated_byte_buffer),
	KUNIT_CASE(as_test_translate_and_get_limit),
	KUNIT_CASE(as_test_frame_alloc_free_cycle),
	KUNIT_CASE(as_test_free_range),
	KUNIT_CASE(as_test_frame_alloc_zero),
	KUNIT_CASE(as_test_frame_fill),
	KUNIT_CASE(as_test_fill_multiple_frames),
	KUNIT_CASE(as_test_uninitialized_frame),
	KUNIT_CASE(as_test_frame_alloc_out_of_memory),
	KUNIT_CASE(as_test_memory_accessor_read_write),
	KUNIT_CASE(as_test_two_vm_isolation),
	KUNIT_CASE(as_test_cross_page_access),
	KUNIT_CASE(as_test_region_boundary_edges),
	/* the reference crate's defects */
	KUNIT_CASE(as_defect_01_linear_hpa_above_gpa),
	KUNIT_CASE(as_defect_02_unmap_4k_in_huge_page),
	KUNIT_CASE(as_defect_03_gpa_above_input_size),
	KUNIT_CASE(as_defect_04_second_fault_no_leak),
	KUNIT_CASE(as_test_no_2m_frame_over_4k_pages),
	KUNIT_CASE(as_defect_05_populate_oom_rollback),
	KUNIT_CASE(as_defect_06_frames_zeroed),
	KUNIT_CASE(as_defect_07_tables_reclaimed),
	KUNIT_CASE(as_defect_08_arm_readback),
	KUNIT_CASE(as_defect_09_riscv_gstage_x4),
	KUNIT_CASE(as_defect_10_fault_empty_access),
	KUNIT_CASE(as_defect_11_ept_write_only),
	{}
};

static struct kunit_suite as_test_suite = {
	.name = "axaddrspace-as",
	.init = as_test_init,
	.exit = as_test_exit,
	.test_cases = as_test_cases,
};

kunit_test_suite(as_test_suite);
