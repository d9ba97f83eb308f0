// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: random sequences of map (linear, alloc populate, alloc lazy,
 * MMIO) / unmap / protect / fault / read / write on an address space,
 * checked against a reference model after every step, for every format;
 * and allocation failure at every n-th frame or table allocation of the
 * populate, fault, split and write paths.
 *
 * The model keeps the areas, and the expected bytes of guest memory: alloc
 * areas through a shadow of the test window, linear areas through a shadow
 * of the real pages they map (a 4 MiB pool), so reads check contents.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include "axaddrspace/tests/as_test_hal.h"
#include "axaddrspace/tests/pt_snap.h"
#include "axaddrspace/tests/test_rand.h"

#define ASM_WINDOW	(32ULL << 20)		/* GPAs the test uses */
#define ASM_POOL_ORDER	10			/* 4 MiB of real host memory */
#define ASM_POOL_SIZE	(PAGE_SIZE << ASM_POOL_ORDER)
#define ASM_MAX_AREAS	256

struct asm_area {
	u64 start, size, hpa;
	u32 flags;
	u8 backend;
};

struct asm_ctx {
	struct kunit *test;
	struct axas as;
	struct ast_hal hal;
	struct ast_tables tables;
	u64 base;			/* the window: [base, base + ASM_WINDOW) */
	u8 *shadow;			/* expected bytes of alloc areas */
	struct page *pool;
	u64 pool_pa;
	u8 *pool_va;			/* host view of linear-area memory */
	struct asm_area a[ASM_MAX_AREAS];
	unsigned int n;
	u64 rng;
	unsigned long failed;
	u8 *buf, *want;
	unsigned long maps, faults_mapped, io_bytes, max_pages;
};

#define ASM_FAIL(c, fmt, ...)						\
	do {								\
		struct asm_ctx *__c = (c);				\
		__c->failed++;						\
		KUNIT_FAIL(__c->test, fmt, ##__VA_ARGS__);		\
	} while (0)

static u64 asm_rand(struct asm_ctx *c)
{
	return axt_rand(&c->rng);
}

static u64 asm_below(struct asm_ctx *c, u64 n)
{
	return axt_below(&c->rng, n);
}

static struct asm_area *asm_find(struct asm_ctx *c, u64 gpa)
{
	unsigned int i;

	for (i = 0; i < c->n; i++)
		if (gpa >= c->a[i].start && gpa - c->a[i].start < c->a[i].size)
			return &c->a[i];
	return NULL;
}

static bool asm_overlaps(struct asm_ctx *c, u64 gpa, u64 size)
{
	unsigned int i;

	for (i = 0; i < c->n; i++)
		if (gpa < c->a[i].start + c->a[i].size && c->a[i].start < gpa + size)
			return true;
	return false;
}

/* Split the model area containing @at so that @at starts one. */
static void asm_cut(struct asm_ctx *c, u64 at)
{
	struct asm_area *a = asm_find(c, at);
	struct asm_area hi;

	if (!a || a->start == at || c->n == ASM_MAX_AREAS)
		return;
	hi = *a;
	hi.start = at;
	hi.size = a->start + a->size - at;
	if (a->backend == AXAS_BACKEND_LINEAR)
		hi.hpa += at - a->start;
	a->size = at - a->start;
	c->a[c->n++] = hi;
}

static void asm_model_unmap(struct asm_ctx *c, u64 gpa, u64 size)
{
	unsigned int i = 0;

	asm_cut(c, gpa);
	asm_cut(c, gpa + size);
	while (i < c->n) {
		struct asm_area *a = &c->a[i];

		if (a->start >= gpa && a->start + a->size <= gpa + size) {
			if (a->backend == AXAS_BACKEND_ALLOC)
				memset(c->shadow + (a->start - c->base), 0, a->size);
			*a = c->a[--c->n];
		} else {
			i++;
		}
	}
}

static void asm_model_protect(struct asm_ctx *c, u64 gpa, u64 size, u32 flags)
{
	unsigned int i;

	asm_cut(c, gpa);
	asm_cut(c, gpa + size);
	for (i = 0; i < c->n; i++)
		if (c->a[i].start >= gpa && c->a[i].start + c->a[i].size <= gpa + size)
			c->a[i].flags = flags;
}

/* Where the model says byte @gpa lives: NULL if the access must stop. */
static u8 *asm_byte(struct asm_ctx *c, u64 gpa)
{
	struct asm_area *a = asm_find(c, gpa);

	if (!a || a->backend == AXAS_BACKEND_MMIO)
		return NULL;
	if (a->backend == AXAS_BACKEND_ALLOC)
		return c->shadow + (gpa - c->base);
	return c->pool_va + (a->hpa + (gpa - a->start) - c->pool_pa);
}

static u32 asm_rand_flags(struct asm_ctx *c)
{
	for (;;) {
		u32 f = AXPT_ATTR((u32)asm_below(c, 8), AXAS_MEM_WB);

		if (AXPT_ATTR_PROT(f) && !c->as.pt.fmt->check_attr(f))
			return f;
	}
}

static void asm_rand_range(struct asm_ctx *c, u64 *gpa, u64 *size)
{
	u64 s = asm_below(c, 4) ? (1 + asm_below(c, 8)) * PAGE_SIZE :
				  (1 + asm_below(c, 2)) * SZ_2M + asm_below(c, 3) * PAGE_SIZE;
	u64 align = asm_below(c, 3) ? PAGE_SIZE : SZ_2M;

	*gpa = c->base + asm_below(c, (ASM_WINDOW - s) / align) * align;
	*size = s;
}

static int asm_io(struct asm_ctx *c, u64 gpa, size_t len, bool write,
		  size_t *done)
{
	struct kvec kv = { .iov_base = c->buf, .iov_len = len };
	struct iov_iter it;

	iov_iter_kvec(&it, write ? ITER_SOURCE : ITER_DEST, &kv, 1, len);
	return write ? axas_write(&c->as, axas_gpa(gpa), &it, done) :
		       axas_read(&c->as, axas_gpa(gpa), &it, done);
}

/* A read or a write of random length, checked byte for byte. */
static void asm_step_io(struct asm_ctx *c, u64 gpa, bool write)
{
	size_t len = 1 + asm_below(c, 3 * PAGE_SIZE), want_done = 0, done, i;
	int ret;

	gpa += asm_below(c, PAGE_SIZE);
	if (gpa + len > c->base + ASM_WINDOW)
		len = c->base + ASM_WINDOW - gpa;
	while (want_done < len && asm_byte(c, gpa + want_done))
		want_done++;
	for (i = 0; i < len; i++)
		c->buf[i] = (u8)asm_rand(c);
	ret = asm_io(c, gpa, len, write, &done);
	if (ret != (want_done == len ? 0 : -EFAULT) || done != want_done) {
		ASM_FAIL(c, "%s %#llx+%zu: %d done %zu, want %zu", write ? "write" : "read",
			 gpa, len, ret, done, want_done);
		return;
	}
	c->io_bytes += done;

	for (i = 0; i < done; i++) {
		u8 *b = asm_byte(c, gpa + i);

		if (write) {
			*b = c->buf[i];
		} else if (c->buf[i] != *b) {
			struct asm_area *a = asm_find(c, gpa + i);
			struct axas_xlate tr = {};
			int tret = axas_translate(&c->as, axas_gpa(gpa + i), &tr);

			ASM_FAIL(c, "read %#llx: %#x, want %#x (area %u %#llx+%#llx; %d %#llx)",
				 gpa + i, c->buf[i], *b, a->backend, a->start, a->size,
				 tret, tr.hpa);
			return;
		}
	}
}

static void asm_step_fault(struct asm_ctx *c, u64 gpa)
{
	u32 access = 1 + asm_below(c, 7);
	struct asm_area *a = asm_find(c, gpa);
	struct axas_xlate tr;
	struct axas_fault_info fi;
	bool present = !axas_translate(&c->as, axas_gpa(gpa), &tr);
	u32 want;

	if (!a)
		want = AXAS_FAULT_NO_AREA;
	else if ((AXPT_ATTR_PROT(a->flags) & access) != access)
		want = AXAS_FAULT_PERMISSION;
	else if (a->backend == AXAS_BACKEND_MMIO)
		want = AXAS_FAULT_MMIO;
	else
		want = present ? AXAS_FAULT_SPURIOUS : AXAS_FAULT_MAPPED;
	if (want == AXAS_FAULT_MAPPED)
		c->faults_mapped++;
	if (axas_handle_fault(&c->as, axas_gpa(gpa), access, &fi) || fi.result != want)
		ASM_FAIL(c, "fault %#llx access %u: result %u, want %u", gpa,
			 access, fi.result, want);
	if (want == AXAS_FAULT_MAPPED || want == AXAS_FAULT_SPURIOUS) {
		if (axas_translate(&c->as, axas_gpa(gpa), &tr) || tr.flags != a->flags)
			ASM_FAIL(c, "fault %#llx: not mapped with the area's flags", gpa);
		else if (a->backend == AXAS_BACKEND_LINEAR &&
			 tr.hpa != a->hpa + (gpa - a->start))
			ASM_FAIL(c, "fault %#llx: linear hpa %#llx", gpa, tr.hpa);
	}
}

/* The translation of one page agrees with the model's areas. */
static void asm_check_page(struct asm_ctx *c, u64 gpa)
{
	struct asm_area *a = asm_find(c, gpa);
	struct axas_xlate tr;
	int ret = axas_translate(&c->as, axas_gpa(gpa), &tr);

	if (!a || a->backend == AXAS_BACKEND_MMIO) {
		if (ret != -ENOENT)
			ASM_FAIL(c, "translate %#llx: %d, want -ENOENT", gpa, ret);
	} else if (a->backend == AXAS_BACKEND_LINEAR) {
		if (ret || tr.hpa != a->hpa + (gpa - a->start) || tr.flags != a->flags)
			ASM_FAIL(c, "translate %#llx: %d %#llx", gpa, ret, tr.hpa);
	} else if (!ret && tr.flags != a->flags) {
		ASM_FAIL(c, "translate %#llx: flags %#x, want %#x", gpa, tr.flags,
			 a->flags);
	} else if (ret && ret != -ENOENT) {
		ASM_FAIL(c, "translate %#llx: %d", gpa, ret);
	}
	if (!ret && a) {
		/*
		 * The raw entry is what the encoder gives for its leaf, with
		 * the accessed bit the engine presets where the hardware sets
		 * it (NPT bit 5; EPT with A/D, not configured here, bit 8),
		 * and any dirty bit (NPT bit 6): preset when the leaf was
		 * mapped writable, which this model does not follow through
		 * protects (the engine's model does).
		 */
		bool npt = c->as.pt.fmt->id == AXAS_FORMAT_AMD_NPT;
		u64 a_bit = npt ? BIT_ULL(5) : 0, d_bit = npt ? BIT_ULL(6) : 0;
		struct axpt_leaf leaf;
		u64 base, want;

		if (axpt_query(&c->as.pt, gpa, &leaf)) {
			ASM_FAIL(c, "query %#llx failed after translate", gpa);
			return;
		}
		base = leaf.hpa - (gpa - leaf.gpa_base);
		want = c->as.pt.fmt->encode_leaf(base, a->flags, leaf.level) |
		       a_bit;
		if ((leaf.pte & ~d_bit) != want)
			ASM_FAIL(c, "gpa %#llx level %u: raw %#llx, the encoder gives %#llx",
				 gpa, leaf.level, leaf.pte, want);
	}
}

static void asm_check_translations(struct asm_ctx *c, u64 lo, u64 hi)
{
	u64 gpa;

	for (gpa = lo; gpa < hi && c->failed < 4; gpa += PAGE_SIZE)
		asm_check_page(c, gpa);
}

/* The space's areas are exactly the model's (after sorting them). */
static void asm_check_areas(struct asm_ctx *c)
{
	struct rb_node *n = rb_first(&c->as.areas);
	unsigned int i, j, count = 0;

	for (i = 1; i < c->n; i++)	/* insertion sort by start */
		for (j = i; j > 0 && c->a[j - 1].start > c->a[j].start; j--)
			swap(c->a[j - 1], c->a[j]);
	for (i = 0; n; n = rb_next(n), i++, count++) {
		struct axas_area *a = rb_entry(n, struct axas_area, node);
		struct asm_area *m = i < c->n ? &c->a[i] : NULL;

		if (!m || a->start != m->start || a->size != m->size ||
		    a->flags != m->flags || a->backend != m->backend ||
		    (a->backend == AXAS_BACKEND_LINEAR && a->hpa != m->hpa)) {
			ASM_FAIL(c, "area %u: %#llx+%#llx %u %#x, model %#llx+%#llx %u %#x",
				 i, a->start, a->size, a->backend, a->flags,
				 m ? m->start : 0, m ? m->size : 0, m ? m->backend : 0,
				 m ? m->flags : 0);
			return;
		}
	}
	if (count != c->n || count != c->as.nr_areas)
		ASM_FAIL(c, "%u areas, model %u, nr_areas %u", count, c->n, c->as.nr_areas);
}

/*
 * A batch translation of @n addresses agrees with translating them one by
 * one (checked against the model by asm_check_page()): it translates up to
 * the first address that does not translate, and to the same addresses.
 */
static void asm_check_batch(struct asm_ctx *c, const axas_gpa_t *gpa,
			    unsigned int n)
{
	axas_hpa_t hpa[16];
	struct axas_xlate tr;
	unsigned int i, got = axas_translate_batch(&c->as, gpa, hpa, n);

	for (i = 0; i < n; i++) {
		int ret = axas_translate(&c->as, gpa[i], &tr);

		if (i < got && (ret || tr.hpa != axas_hpa_val(hpa[i])))
			ASM_FAIL(c, "batch %#llx: %#llx, single %d %#llx",
				 axas_gpa_val(gpa[i]), axas_hpa_val(hpa[i]), ret,
				 tr.hpa);
		if (i == got && !ret)
			ASM_FAIL(c, "batch stopped at %#llx, which translates",
				 axas_gpa_val(gpa[i]));
		if (i >= got)
			break;
	}
}

/* After a step: the edges of its range, random pages, the counters. */
static void asm_check_step(struct asm_ctx *c, u64 gpa, u64 size)
{
	u64 lo = gpa & ~(SZ_2M - 1ULL);
	axas_gpa_t probe[16];
	unsigned int k;

	asm_check_page(c, gpa);
	asm_check_page(c, gpa + size - PAGE_SIZE);
	if (gpa > c->base)
		asm_check_page(c, gpa - PAGE_SIZE);
	if (gpa + size < c->base + ASM_WINDOW)
		asm_check_page(c, gpa + size);
	for (k = 0; k < ARRAY_SIZE(probe); k++) {
		u64 p = min(lo + (asm_below(c, 2 * SZ_2M / PAGE_SIZE) << PAGE_SHIFT),
			    c->base + ASM_WINDOW - PAGE_SIZE);

		asm_check_page(c, p);
		probe[k] = axas_gpa(p + asm_below(c, PAGE_SIZE));
	}
	asm_check_batch(c, probe, ARRAY_SIZE(probe));
	asm_check_areas(c);
	c->max_pages = max_t(unsigned long, c->max_pages, ast_live(&c->hal));
	if (axas_data_pages(&c->as) != ast_live(&c->hal))
		ASM_FAIL(c, "data_pages %ld, frames live %ld",
			 axas_data_pages(&c->as), ast_live(&c->hal));
}

static void asm_step(struct asm_ctx *c)
{
	struct axas_inval_info fl;
	u64 gpa, size, hpa;
	u32 flags = asm_rand_flags(c);
	int ret, want;

	asm_rand_range(c, &gpa, &size);
	switch (asm_below(c, 16)) {
	case 0 ... 3: {
		u8 backend = asm_below(c, 3) + 1;
		bool populate = asm_below(c, 2);

		if (backend == AXAS_BACKEND_LINEAR)
			size = min_t(u64, size, SZ_2M);	/* fits the pool */
		want = asm_overlaps(c, gpa, size) ? -EEXIST : 0;
		if (!want && c->n + 3 >= ASM_MAX_AREAS)
			return;
		hpa = c->pool_pa + asm_below(c, (ASM_POOL_SIZE - size) / PAGE_SIZE) * PAGE_SIZE;
		if (asm_below(c, 2) && size <= SZ_2M)
			hpa = c->pool_pa + (gpa & (SZ_2M - 1));	/* huge-page friendly */
		if (backend == AXAS_BACKEND_LINEAR)
			ret = axas_map_linear(&c->as, axas_gpa(gpa), axas_hpa(hpa), size, flags);
		else if (backend == AXAS_BACKEND_ALLOC)
			ret = axas_map_alloc(&c->as, axas_gpa(gpa), size, flags, populate);
		else
			ret = axas_map_mmio(&c->as, axas_gpa(gpa), size, flags);
		if (ret != want)
			ASM_FAIL(c, "map %u %#llx+%#llx: %d, want %d", backend, gpa, size,
				 ret, want);
		if (!ret) {
			c->a[c->n++] = (struct asm_area){ gpa, size, hpa, flags, backend };
			c->maps++;
		}
		break;
	}
	case 4 ... 5:
		if (c->n + 2 >= ASM_MAX_AREAS)
			return;
		ret = axas_unmap(&c->as, axas_gpa(gpa), size, &fl);
		if (ret)
			ASM_FAIL(c, "unmap %#llx+%#llx: %d", gpa, size, ret);
		asm_model_unmap(c, gpa, size);
		break;
	case 6 ... 7:
		if (c->n + 2 >= ASM_MAX_AREAS)
			return;
		ret = axas_protect(&c->as, axas_gpa(gpa), size, flags, &fl);
		if (ret)
			ASM_FAIL(c, "protect %#llx+%#llx: %d", gpa, size, ret);
		asm_model_protect(c, gpa, size, flags);
		break;
	case 8 ... 10:
		asm_step_fault(c, gpa);
		break;
	case 11 ... 12:
		asm_step_io(c, gpa, false);
		break;
	default:
		asm_step_io(c, gpa, true);
		break;
	}
	asm_check_step(c, gpa, size);
}

static int asm_setup(struct kunit *test, struct asm_ctx *c, const struct axpt_cfg *cfg)
{
	memset(c, 0, sizeof(*c));
	c->test = test;
	c->rng = 0x9e3779b97f4a7c15ULL ^ cfg->format ^ ((u64)cfg->levels << 8);
	c->shadow = vzalloc(ASM_WINDOW);
	c->buf = kzalloc(4 * PAGE_SIZE, GFP_KERNEL);
	c->pool = alloc_pages(GFP_KERNEL | __GFP_ZERO, ASM_POOL_ORDER);
	if (!c->shadow || !c->buf || !c->pool)
		return -ENOMEM;
	c->pool_pa = page_to_phys(c->pool);
	c->pool_va = page_address(c->pool);
	c->base = SZ_1G - ASM_WINDOW / 2;	/* straddle a 1 GiB boundary */
	return axas_create(&c->as, cfg, axas_gpa(0), 1ULL << 32, &ast_table_ops,
			   &c->tables, &ast_frame_ops, &c->hal);
}

static void asm_teardown(struct asm_ctx *c)
{
	if (c->as.pt.root)
		axas_destroy(&c->as);
	KUNIT_EXPECT_EQ(c->test, ast_live(&c->hal), 0L);
	KUNIT_EXPECT_EQ(c->test, atomic_long_read(&c->as.pt.nr_tables), 0L);
	if (c->pool)
		__free_pages(c->pool, ASM_POOL_ORDER);
	kfree(c->buf);
	vfree(c->shadow);
}

struct asm_param {
	const char *name;
	struct axpt_cfg cfg;
};

static const struct asm_param asm_params[] = {
	{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
	{ "ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 } },
	{ "npt-4", { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 } },
	{ "s2-40", { .format = AXAS_FORMAT_ARM_S2, .ias = 40 } },
	{ "s2-32-l2", { .format = AXAS_FORMAT_ARM_S2, .ias = 32, .levels = 2 } },
	{ "sv39x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 } },
	{ "sv57x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 5 } },
};

static void asm_param_desc(const struct asm_param *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(asm_cfg, asm_params, asm_param_desc);

/* 3,000 random steps per format, each checked against the model. */
static void as_model_random(struct kunit *test)
{
	const struct asm_param *p = test->param_value;
	struct asm_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned int step;

	KUNIT_ASSERT_NOT_NULL(test, c);
	if (asm_setup(test, c, &p->cfg)) {
		asm_teardown(c);
		KUNIT_FAIL(test, "setup failed");
		return;
	}
	for (step = 0; step < 3000 && c->failed < 4; step++)
		asm_step(c);
	asm_check_translations(c, c->base, c->base + ASM_WINDOW);
	kunit_info(test, "%lu maps, %lu faults mapped, %lu bytes copied, up to %lu frames",
		   c->maps, c->faults_mapped, c->io_bytes, c->max_pages);
	asm_teardown(c);
}

/* ---------------------------------------------- allocation failures */

/* Everything observable: entries, areas, counters. */
static void asm_snap(struct asm_ctx *c, struct pt_snap *s)
{
	struct rb_node *n;

	KUNIT_ASSERT_EQ(c->test, pt_snap_walk(&c->as.pt, s), 0);
	for (n = rb_first(&c->as.areas); n && s->n + 4 <= s->cap; n = rb_next(n)) {
		struct axas_area *a = rb_entry(n, struct axas_area, node);

		s->e[s->n++] = a->start;
		s->e[s->n++] = a->size;
		s->e[s->n++] = a->flags | (u64)a->backend << 32;
		s->e[s->n++] = a->hpa;
	}
	s->e[s->n++] = axas_data_pages(&c->as);
	s->e[s->n++] = ast_live(&c->hal);
	s->e[s->n++] = atomic_long_read(&c->as.pt.nr_tables);
}

enum asm_fail_op { ASM_POPULATE, ASM_FAULT, ASM_UNMAP_SPLIT, ASM_PROTECT_SPLIT,
		   ASM_WRITE };

static int asm_fail_do(struct asm_ctx *c, enum asm_fail_op op)
{
	u64 b = c->base;
	struct axas_fault_info fi;
	struct axas_inval_info fl;
	size_t done;
	int ret;

	switch (op) {
	case ASM_POPULATE:	/* 2M frames and 4K frames, new tables */
		return axas_map_alloc(&c->as, axas_gpa(b + 8 * SZ_2M - 3 * PAGE_SIZE),
				      2 * SZ_2M + 5 * PAGE_SIZE,
				      AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, 0), true);
	case ASM_FAULT:
		ret = axas_handle_fault(&c->as, axas_gpa(b + 3 * SZ_2M + 5 * PAGE_SIZE),
					AXAS_PROT_READ, &fi);
		return ret ? ret : fi.result == AXAS_FAULT_NOMEM ? -ENOMEM : 0;
	case ASM_UNMAP_SPLIT:
		return axas_unmap(&c->as, axas_gpa(b + SZ_2M + PAGE_SIZE), PAGE_SIZE, &fl);
	case ASM_PROTECT_SPLIT:
		return axas_protect(&c->as, axas_gpa(b + 5 * PAGE_SIZE), SZ_2M,
				    AXPT_ATTR(AXAS_PROT_READ, 0), &fl);
	default:
		memset(c->buf, 0x5a, 3 * PAGE_SIZE);
		return asm_io(c, b + 12 * SZ_2M - PAGE_SIZE, 3 * PAGE_SIZE, true, &done);
	}
}

/* Fail frame (@frames) or table allocation n = 1, 2, ... until success. */
static void asm_fail_each(struct asm_ctx *c, enum asm_fail_op op, bool frames,
			  struct pt_snap *a, struct pt_snap *b)
{
	unsigned int n, failures = 0;

	for (n = 1; n < 64; n++) {
		int ret;

		asm_snap(c, a);
		if (frames)
			c->hal.fail_at = ast_nallocs(&c->hal) + n;
		else
			c->tables.fail_at = c->tables.nallocs + n;
		ret = asm_fail_do(c, op);
		c->hal.fail_at = 0;
		c->tables.fail_at = 0;
		if (!ret)
			break;
		failures++;
		KUNIT_EXPECT_EQ(c->test, ret, -ENOMEM);
		asm_snap(c, b);
		/* a partial write may have populated pages before failing */
		if (op != ASM_WRITE)
			KUNIT_EXPECT_TRUE_MSG(c->test, a->n == b->n &&
					      !memcmp(a->e, b->e, a->n * sizeof(u64)),
					      "op %d, %s alloc %u: state changed", op,
					      frames ? "frame" : "table", n);
	}
	KUNIT_EXPECT_LT(c->test, n, 64U);
	if (op != ASM_UNMAP_SPLIT && op != ASM_PROTECT_SPLIT)
		KUNIT_EXPECT_GT_MSG(c->test, failures, 0U, "op %d never allocated", op);
}

static void as_model_alloc_failure(struct kunit *test)
{
	const struct asm_param *p = test->param_value;
	struct asm_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct pt_snap a = { .cap = 3 * 8192 }, b = { .cap = 3 * 8192 };
	bool frames;

	KUNIT_ASSERT_NOT_NULL(test, c);
	a.e = kunit_kzalloc(test, a.cap * sizeof(u64), GFP_KERNEL);
	b.e = kunit_kzalloc(test, b.cap * sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a.e);
	KUNIT_ASSERT_NOT_NULL(test, b.e);
	if (asm_setup(test, c, &p->cfg)) {
		asm_teardown(c);
		KUNIT_FAIL(test, "setup failed");
		return;
	}
	for (frames = false; ; frames = true) {
		/* populate fails at each frame and table, then succeeds */
		asm_fail_each(c, ASM_POPULATE, frames, &a, &b);
		KUNIT_ASSERT_EQ(test, axas_unmap(&c->as, axas_gpa(c->base), ASM_WINDOW,
						 NULL), 0);
		if (frames)
			break;
	}
	/* a lazy area (2M frames), a populated one to split */
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(c->base + 2 * SZ_2M),
					     4 * SZ_2M, AXPT_ATTR(AXAS_PROT_READ, 0), false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(c->base), 2 * SZ_2M,
					     AXPT_ATTR(AXAS_PROT_READ, 0), true), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&c->as, axas_gpa(c->base + 11 * SZ_2M),
					     4 * SZ_2M, AXPT_ATTR(AXAS_PROT_READ, 0), false), 0);
	asm_fail_each(c, ASM_FAULT, true, &a, &b);
	asm_fail_each(c, ASM_UNMAP_SPLIT, false, &a, &b);
	asm_fail_each(c, ASM_PROTECT_SPLIT, false, &a, &b);
	asm_fail_each(c, ASM_WRITE, true, &a, &b);
	asm_teardown(c);
}

static struct kunit_case as_model_cases[] = {
	KUNIT_CASE_PARAM(as_model_random, asm_cfg_gen_params),
	KUNIT_CASE_PARAM(as_model_alloc_failure, asm_cfg_gen_params),
	{}
};

static struct kunit_suite as_model_suite = {
	.name = "axaddrspace-as-model",
	.test_cases = as_model_cases,
};

kunit_test_suite(as_model_suite);
