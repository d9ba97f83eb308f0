/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Randomised checking of the page-table engine against a reference model
 * (a sorted array of mapped ranges), shared by the KUnit suite and the
 * userspace harness (tools/testing/axaddrspace).
 *
 * The includer defines, before including this file:
 *   PTM_FAIL(m, fmt, ...)   report a failure (printf-style)
 *   ptm_zalloc(bytes), ptm_free(p)
 *
 * and provides a HAL whose table allocations can be made to fail
 * (struct ptm_hal below wraps any struct axpt_mm_ops).
 */
#ifndef AXADDRSPACE_TESTS_PT_MODEL_H
#define AXADDRSPACE_TESTS_PT_MODEL_H

#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <asm/page.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "axaddrspace/pt.h"
#include "axaddrspace/tests/test_rand.h"

/* The formats and configurations every engine run covers. */
struct ptm_config {
	const char *name;
	struct axpt_cfg cfg;
};

static const struct ptm_config ptm_configs[] = {
	{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
	{ "ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 } },
	{ "ept-4-ad", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4,
			.flags = AXPT_CFG_EPT_AD } },
	{ "npt-4", { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 } },
	{ "npt-5", { .format = AXAS_FORMAT_AMD_NPT, .levels = 5 } },
	{ "s2-32-l2", { .format = AXAS_FORMAT_ARM_S2, .ias = 32, .levels = 2 } },
	{ "s2-34-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 34, .levels = 3 } },
	{ "s2-39-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 39, .levels = 3 } },
	{ "s2-40-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3 } },
	{ "s2-43-l4", { .format = AXAS_FORMAT_ARM_S2, .ias = 43, .levels = 4 } },
	{ "s2-48-l4", { .format = AXAS_FORMAT_ARM_S2, .ias = 48, .levels = 4 } },
	{ "sv39x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 } },
	{ "sv48x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 4 } },
	{ "sv57x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 5 } },
};

/* ------------------------------------------------ fault-injecting HAL */

/**
 * struct ptm_hal - wraps a HAL: counts live pages and fails on demand.
 * @base: the real HAL.
 * @base_ctx: argument for @base.
 * @fail_at: fail the allocation with this sequence number (1-based), 0 never.
 * @nallocs: allocations attempted so far.
 * @live: pages handed out and not yet given back.
 * @ops: the HAL the table uses: these functions, and the base's optional
 *	ones through them (ptm_hal_ops()).
 */
struct ptm_hal {
	const struct axpt_mm_ops *base;
	void *base_ctx;
	long fail_at;
	long nallocs;
	long live;
	struct axpt_mm_ops ops;
};

static void *ptm_hal_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct ptm_hal *h = ctx;
	void *t;

	if (++h->nallocs == h->fail_at)
		return NULL;
	t = h->base->alloc_table(h->base_ctx, order, pa);
	if (t)
		h->live += 1L << order;
	return t;
}

static void ptm_hal_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	struct ptm_hal *h = ctx;

	h->live -= 1L << order;
	h->base->free_table(h->base_ctx, va, order, deferred);
}

/* For a base HAL with its own phys_to_virt: the engine must use it. */
static void *ptm_hal_p2v(void *ctx, phys_addr_t pa)
{
	struct ptm_hal *h = ctx;

	return h->base->phys_to_virt(h->base_ctx, pa);
}

/* For a base HAL that keeps table counts: the engine uses them. */
static atomic_t *ptm_hal_count(void *ctx, void *va)
{
	struct ptm_hal *h = ctx;

	return h->base->table_count(h->base_ctx, va);
}

/* @h->ops: the base's optional operations, through @h. */
static const struct axpt_mm_ops *ptm_hal_ops(struct ptm_hal *h)
{
	h->ops = (struct axpt_mm_ops){
		.alloc_table = ptm_hal_alloc,
		.free_table = ptm_hal_free,
		.phys_to_virt = h->base->phys_to_virt ? ptm_hal_p2v : NULL,
		.table_count = h->base->table_count ? ptm_hal_count : NULL,
	};
	return &h->ops;
}

/* ------------------------------------------------------------ the model */

struct ptm_range {
	u64 gpa, hpa, size;
	u32 attr;
	bool dirty;	/* mapped writable: the engine preset D (ptm_hw_bits()) */
};

/**
 * struct ptm - one model run.
 * @pt: the table under test.
 * @hal: its HAL.
 * @r: mapped ranges sorted by gpa, never overlapping.
 * @n: ranges used.
 * @cap: ranges allocated.
 * @rng: xorshift state.
 * @t: the includer's test handle, for PTM_FAIL.
 * @failed: failures so far (a run stops at the first few).
 * @probes: queries compared.
 * @no_empty: no table but the root may be empty after an operation (true
 *	for ptm_run()'s operations; a failed shared map, which the fuzzer
 *	makes, leaves the empty tables it linked).
 */
struct ptm {
	struct axpt pt;
	struct ptm_hal hal;
	struct ptm_range *r;
	unsigned int n, cap;
	u64 rng;
	void *t;
	unsigned long failed;
	unsigned long probes;
	bool no_empty;
};

static u64 ptm_below(struct ptm *m, u64 n)
{
	return axt_below(&m->rng, n);
}

/* First range whose end is above @gpa. */
static unsigned int ptm_find(const struct ptm *m, u64 gpa)
{
	unsigned int lo = 0, hi = m->n;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (m->r[mid].gpa + m->r[mid].size <= gpa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct ptm_range *ptm_lookup(const struct ptm *m, u64 gpa)
{
	unsigned int i = ptm_find(m, gpa);

	return i < m->n && m->r[i].gpa <= gpa ? &m->r[i] : NULL;
}

static bool ptm_overlaps(const struct ptm *m, u64 gpa, u64 size)
{
	unsigned int i = ptm_find(m, gpa);

	return i < m->n && m->r[i].gpa < gpa + size;
}

static bool ptm_insert(struct ptm *m, unsigned int i, const struct ptm_range *r)
{
	if (m->n == m->cap)
		return false;
	memmove(&m->r[i + 1], &m->r[i], (m->n - i) * sizeof(*r));
	m->r[i] = *r;
	m->n++;
	return true;
}

/* Split the range containing @gpa (if any) so that @gpa starts a range. */
static bool ptm_cut(struct ptm *m, u64 gpa)
{
	unsigned int i = ptm_find(m, gpa);
	struct ptm_range hi;

	if (i == m->n || m->r[i].gpa >= gpa)
		return true;
	hi = m->r[i];
	hi.gpa = gpa;
	hi.hpa += gpa - m->r[i].gpa;
	hi.size -= gpa - m->r[i].gpa;
	m->r[i].size = gpa - m->r[i].gpa;
	return ptm_insert(m, i + 1, &hi);
}

static void ptm_model_unmap(struct ptm *m, u64 gpa, u64 size)
{
	unsigned int i, j;

	ptm_cut(m, gpa);
	ptm_cut(m, gpa + size);
	i = ptm_find(m, gpa);
	for (j = i; j < m->n && m->r[j].gpa < gpa + size; j++)
		;
	memmove(&m->r[i], &m->r[j], (m->n - j) * sizeof(m->r[0]));
	m->n -= j - i;
}

static void ptm_model_protect(struct ptm *m, u64 gpa, u64 size, u32 attr)
{
	unsigned int i;

	ptm_cut(m, gpa);
	ptm_cut(m, gpa + size);
	for (i = ptm_find(m, gpa); i < m->n && m->r[i].gpa < gpa + size; i++)
		m->r[i].attr = attr;
}

static u64 ptm_model_bytes(const struct ptm *m, u64 lo, u64 hi)
{
	unsigned int i;
	u64 sum = 0;

	for (i = ptm_find(m, lo); i < m->n && m->r[i].gpa < hi; i++) {
		u64 s = max(m->r[i].gpa, lo);
		u64 e = min(m->r[i].gpa + m->r[i].size, hi);

		sum += e - s;
	}
	return sum;
}

/* ----------------------------------------------------------- checking */

/*
 * The accessed and dirty bits of leaves in @m's table, where the hardware
 * sets them (from the manuals: NPT A bit 5, D bit 6; EPT with A/D enabled
 * A bit 8, D bit 9), else 0. A map presets A in every leaf and D in
 * writable ones; protect and splits keep them; here no "hardware" sets
 * any, so a leaf has A, and D exactly if its range was mapped writable.
 */
static void ptm_hw_bits(const struct ptm *m, u64 *a, u64 *d)
{
	*a = *d = 0;
	if (m->pt.fmt->id == AXAS_FORMAT_AMD_NPT) {
		*a = BIT_ULL(5);
		*d = BIT_ULL(6);
	} else if (m->pt.fmt->id == AXAS_FORMAT_INTEL_EPT &&
		   (m->pt.cfg_flags & AXPT_CFG_EPT_AD)) {
		*a = BIT_ULL(8);
		*d = BIT_ULL(9);
	}
}

struct ptm_walk {
	struct ptm *m;
	u64 lo, hi, covered;
};

static int ptm_walk_leaf(void *arg, unsigned int level, u64 gpa, u64 pte,
			 bool leaf)
{
	struct ptm_walk *w = arg;
	struct ptm *m = w->m;
	u64 size = 1ULL << axpt_level_shift(level);
	const struct ptm_range *r;
	struct axpt_leaf d;
	u64 a_bit, d_bit, want;

	if (!leaf)
		return 0;
	if (m->pt.fmt->decode_leaf(pte, level, &d)) {
		PTM_FAIL(m, "gpa %#llx level %u: undecodable %#llx",
			 gpa, level, pte);
		return 1;
	}
	r = ptm_lookup(m, gpa);
	if (!r || gpa + size > r->gpa + r->size) {
		PTM_FAIL(m, "gpa %#llx level %u pte %#llx: not in the model",
			 gpa, level, pte);
		return 1;
	}
	if (d.hpa != r->hpa + (gpa - r->gpa) || d.attr != r->attr) {
		PTM_FAIL(m, "gpa %#llx level %u: hpa %#llx attr %#x, want %#llx %#x",
			 gpa, level, d.hpa, d.attr, r->hpa + (gpa - r->gpa),
			 r->attr);
		return 1;
	}
	/*
	 * The raw entry is exactly what the encoder writes for this address,
	 * attributes and level (checked against the manuals by the golden
	 * suite) with the accessed and dirty bits the model expects: a wrong
	 * bit the decoder ignores fails here too.
	 */
	ptm_hw_bits(m, &a_bit, &d_bit);
	want = m->pt.fmt->encode_leaf(d.hpa, r->attr, level) | a_bit |
	       (r->dirty ? d_bit : 0);
	if (pte != want) {
		PTM_FAIL(m, "gpa %#llx level %u: raw %#llx, want %#llx",
			 gpa, level, pte, want);
		return 1;
	}
	w->covered += min(gpa + size, w->hi) - max(gpa, w->lo);
	return 0;
}

/* Every leaf in [lo, hi) agrees with the model and they cover the same. */
static void ptm_check_window(struct ptm *m, u64 lo, u64 hi)
{
	struct ptm_walk w = { .m = m, .lo = lo, .hi = hi };
	u64 want;

	if (axpt_walk(&m->pt, lo, hi - lo, ptm_walk_leaf, &w))
		return;
	want = ptm_model_bytes(m, lo, hi);
	if (w.covered != want)
		PTM_FAIL(m, "[%#llx, %#llx): tables map %#llx bytes, model %#llx",
			 lo, hi, w.covered, want);
}

/*
 * Check the table @tbl at @level (@n entries, the first mapping @va) and
 * every table below it that maps part of [@lo, @hi): its count against
 * its present entries (after an operation every entry the engine left is
 * 0 or valid, so present means not 0) and, with @m->no_empty, that it is
 * not empty unless it is the root. Returns the number of present entries.
 */
static unsigned int ptm_check_table(struct ptm *m, const u64 *tbl,
				    unsigned int level, unsigned int n,
				    u64 va, u64 lo, u64 hi, bool root)
{
	const struct axpt *pt = &m->pt;
	u64 span = 1ULL << axpt_level_shift(level);
	unsigned int i, present = 0;
	struct axpt_leaf leaf;

	for (i = 0; i < n; i++, va += span) {
		u64 pte = READ_ONCE(tbl[i]);
		phys_addr_t pa;
		const u64 *child;

		if (!pte)
			continue;
		present++;
		if (va >= hi || va + span <= lo)
			continue;
		if (!level || pt->fmt->decode_leaf(pte, level, &leaf) != -ENOENT)
			continue;
		pa = pt->fmt->decode_table(pte);
		child = pt->hal_p2v ? pt->mm->phys_to_virt(pt->mm_ctx, pa) :
				      (const u64 *)__va(pa);
		ptm_check_table(m, child, level - 1, 1U << AXPT_LEVEL_BITS,
				va, lo, hi, false);
	}
	if (!root && !present && m->no_empty)
		PTM_FAIL(m, "an empty table at level %u was kept", level);
	if (!root && pt->counted &&
	    atomic_read(pt->mm->table_count(pt->mm_ctx, (void *)tbl)) != present)
		PTM_FAIL(m, "table at level %u: count %d, %u present entries",
			 level, atomic_read(pt->mm->table_count(pt->mm_ctx,
								(void *)tbl)),
			 present);
	return present;
}

/*
 * The tables that map part of [@lo, @hi) (and the root), as
 * ptm_check_table() checks them: what unmap and prune decide from the
 * counts. An operation changes only the tables its range reaches, so
 * after each one the model checks those (a walk of every table after
 * every operation made the random suites ten times slower under KASAN),
 * and every table at the end.
 */
static void ptm_check_tables(struct ptm *m, u64 lo, u64 hi)
{
	unsigned int top = m->pt.levels - 1;

	ptm_check_table(m, m->pt.root, top, 1U << (m->pt.top_bits), 0, lo, hi,
			true);
}

static void ptm_check_counters_in(struct ptm *m, u64 lo, u64 hi)
{
	u64 bytes = 0;
	unsigned int l;

	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		bytes += (u64)axpt_nr_leaves(&m->pt, l) <<
			 axpt_level_shift(l);
	if (bytes != ptm_model_bytes(m, 0, 1ULL << m->pt.ias))
		PTM_FAIL(m, "leaf counters say %#llx bytes, model %#llx",
			 bytes, ptm_model_bytes(m, 0, 1ULL << m->pt.ias));
	if (atomic_long_read(&m->pt.nr_tables) != m->hal.live)
		PTM_FAIL(m, "nr_tables %ld, HAL live %ld",
			 atomic_long_read(&m->pt.nr_tables), m->hal.live);
	ptm_check_tables(m, lo, hi);
}

/* The counters, and every table. */
static void ptm_check_counters(struct ptm *m)
{
	ptm_check_counters_in(m, 0, ~0ULL);
}

static void ptm_probe(struct ptm *m, u64 gpa)
{
	const struct ptm_range *r;
	struct axpt_leaf q;
	u64 hpa;
	int ret;

	if (gpa >> m->pt.ias)
		return;
	m->probes++;
	r = ptm_lookup(m, gpa);
	ret = axpt_query(&m->pt, gpa, &q);
	if (!r) {
		if (ret != -ENOENT)
			PTM_FAIL(m, "query %#llx: %d, want -ENOENT", gpa, ret);
		return;
	}
	if (ret || q.hpa != r->hpa + (gpa - r->gpa) || q.attr != r->attr)
		PTM_FAIL(m, "query %#llx: %d hpa %#llx attr %#x, want %#llx %#x",
			 gpa, ret, q.hpa, q.attr, r->hpa + (gpa - r->gpa),
			 r->attr);
	ret = axpt_translate(&m->pt, gpa, &hpa);
	if (ret || hpa != r->hpa + (gpa - r->gpa))
		PTM_FAIL(m, "translate %#llx: %d hpa %#llx, want %#llx", gpa,
			 ret, hpa, r->hpa + (gpa - r->gpa));
}

#define PTM_BATCH	40

/*
 * axpt_translate_batch() of @n addresses: it must stop at the first one the
 * model does not map (or that is out of range) and translate every one
 * before it.
 */
static void ptm_probe_batch(struct ptm *m, const u64 *gpa, unsigned int n)
{
	u64 hpa[PTM_BATCH];
	unsigned int i, want, got;

	for (want = 0; want < n; want++)
		if (gpa[want] >> m->pt.ias || !ptm_lookup(m, gpa[want]))
			break;
	got = axpt_translate_batch(&m->pt, gpa, hpa, n);
	if (got != want)
		PTM_FAIL(m, "batch of %u from %#llx: %u translated, want %u",
			 n, gpa[0], got, want);
	for (i = 0; i < min(got, want); i++) {
		const struct ptm_range *r = ptm_lookup(m, gpa[i]);

		if (hpa[i] != r->hpa + (gpa[i] - r->gpa))
			PTM_FAIL(m, "batch: %#llx to %#llx, want %#llx", gpa[i],
				 hpa[i], r->hpa + (gpa[i] - r->gpa));
	}
}

/*
 * Two batches: addresses inside the model's ranges (all translated, in
 * groups longer than the engine's), then the ends of the last operation
 * with random ones, which stops wherever the first hole is.
 */
static void ptm_check_batches(struct ptm *m, const u64 *probe, unsigned int np)
{
	u64 gpa[PTM_BATCH];
	unsigned int k, n = 0;

	for (k = 0; m->n && k < PTM_BATCH; k++) {
		const struct ptm_range *r = &m->r[ptm_below(m, m->n)];

		gpa[n++] = r->gpa + ptm_below(m, r->size);
	}
	if (n)
		ptm_probe_batch(m, gpa, n);
	ptm_probe_batch(m, probe, np);
}

/* ---------------------------------------------------------- the driver */

static u32 ptm_rand_attr(struct ptm *m)
{
	for (;;) {
		u32 attr = AXPT_ATTR((u32)ptm_below(m, 8),
				     (u32)ptm_below(m, 3));

		if (!m->pt.fmt->check_attr(attr))
			return attr;
	}
}

/* A range in one of three zones: the bottom, the middle and the top. */
static void ptm_rand_range(struct ptm *m, u64 *gpa, u64 *size)
{
	u64 space = 1ULL << m->pt.ias;
	u64 zone_size = min(4ULL << 30, space / 4);
	u64 zones[] = { 0, space / 2, space - zone_size };
	u64 base = zones[ptm_below(m, 3)];
	u64 align, s;

	switch (ptm_below(m, 10)) {
	case 0 ... 4:
		align = 1ULL << 12;
		break;
	case 5 ... 7:
		align = 1ULL << 21;
		break;
	default:
		align = 1ULL << 30;
	}
	switch (ptm_below(m, 16)) {
	case 0 ... 9:
		s = (1 + ptm_below(m, 16)) << 12;
		break;
	case 10 ... 14:
		s = ((1 + ptm_below(m, 4)) << 21) + (ptm_below(m, 3) << 12);
		break;
	default:
		s = ((1 + ptm_below(m, 2)) << 30) + (ptm_below(m, 2) << 21);
		break;
	}
	s = min(s, zone_size);
	*gpa = base + (ptm_below(m, zone_size / align) * align);
	if (*gpa + s > base + zone_size)
		*gpa = base + zone_size - s;
	*size = s;
}

/* An hpa below 1 << oas, congruent to @gpa modulo 1 GiB most of the time. */
static u64 ptm_rand_hpa(struct ptm *m, u64 gpa, u64 size)
{
	u64 limit = (1ULL << m->pt.oas) - size;
	u64 hpa;

	if (ptm_below(m, 10) < 7)
		hpa = (ptm_below(m, limit >> 30) << 30) + (gpa & ((1ULL << 30) - 1));
	else
		hpa = ptm_below(m, limit >> 12) << 12;
	return min(hpa, limit & ~0xfffULL);
}

/*
 * The reported invalidation must cover every mapped byte of the range
 * whose translation was removed (unmap, @attr 0) or downgraded (protect).
 */
static void ptm_check_flush(struct ptm *m, const struct axpt_gather *fl,
			    u64 gpa, u64 size, u32 attr)
{
	unsigned int i;

	for (i = ptm_find(m, gpa); i < m->n && m->r[i].gpa < gpa + size; i++) {
		u64 s = max(m->r[i].gpa, gpa);
		u64 e = min(m->r[i].gpa + m->r[i].size, gpa + size);
		u32 old = m->r[i].attr;

		if (attr && AXPT_ATTR_MEM(old) == AXPT_ATTR_MEM(attr) &&
		    !(old & ~attr & AXPT_PROT_MASK))
			continue;	/* an upgrade or no change */
		if (fl->start > s || fl->end < e)
			PTM_FAIL(m, "flush [%#llx, %#llx) misses [%#llx, %#llx)",
				 fl->start, fl->end, s, e);
	}
}

struct ptm_removed {
	struct ptm *m;
	u64 bytes;
};

/* axpt_unmap_leaves() callback: each removed leaf is one the model has. */
static void ptm_removed_leaf(void *arg, unsigned int level, u64 gpa, u64 hpa)
{
	struct ptm_removed *rm = arg;
	u64 size = 1ULL << axpt_level_shift(level);
	const struct ptm_range *r = ptm_lookup(rm->m, gpa);

	if (!r || gpa + size > r->gpa + r->size || hpa != r->hpa + (gpa - r->gpa))
		PTM_FAIL(rm->m, "removed leaf %#llx level %u hpa %#llx: not the model's",
			 gpa, level, hpa);
	rm->bytes += size;
}

static void ptm_check_op(struct ptm *m, u64 gpa, u64 size)
{
	u64 lo = gpa & ~((2ULL << 20) - 1);
	u64 hi = min((gpa + size + (2ULL << 20) - 1) & ~((2ULL << 20) - 1),
		     1ULL << m->pt.ias);
	u64 big_lo = gpa & ~((1ULL << 30) - 1);
	u64 probe[12] = { gpa, gpa + size - 1, gpa - 1, gpa + size };
	unsigned int k;

	ptm_check_window(m, lo, hi);
	ptm_check_counters_in(m, lo, hi);
	for (k = 4; k < ARRAY_SIZE(probe); k++)
		probe[k] = big_lo + ptm_below(m, 2ULL << 30);
	for (k = 0; k < ARRAY_SIZE(probe); k++)
		ptm_probe(m, probe[k]);
	ptm_check_batches(m, probe, ARRAY_SIZE(probe));
}

static int ptm_init(struct ptm *m, const struct axpt_cfg *cfg,
		    const struct axpt_mm_ops *base, void *base_ctx,
		    unsigned int cap, u64 seed, void *t)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->t = t;
	m->rng = seed | 1;
	m->hal.base = base;
	m->hal.base_ctx = base_ctx;
	m->cap = cap;
	m->r = ptm_zalloc(cap * sizeof(*m->r));
	if (!m->r)
		return -ENOMEM;
	ret = axpt_init(&m->pt, cfg, ptm_hal_ops(&m->hal), &m->hal);
	if (ret)
		ptm_free(m->r);
	return ret;
}

static void ptm_fini(struct ptm *m)
{
	axpt_destroy(&m->pt);
	if (m->hal.live)
		PTM_FAIL(m, "%ld table pages leaked", m->hal.live);
	ptm_free(m->r);
}

/**
 * ptm_run() - @nops random map/unmap/protect operations, each checked.
 * @m: an initialised run.
 * @nops: how many.
 *
 * After every operation the leaves around it are compared with the model,
 * the counters with the model's total, and queries at and around the
 * range. At the end everything is unmapped: only the root may remain.
 */
static void ptm_run(struct ptm *m, unsigned int nops)
{
	unsigned int op;

	m->no_empty = true;
	for (op = 0; op < nops && m->failed < 4; op++) {
		struct ptm_removed rm;
		struct axpt_gather fl;
		u64 gpa, size, hpa;
		u32 attr = ptm_rand_attr(m);
		int ret, want;

		ptm_rand_range(m, &gpa, &size);
		switch (ptm_below(m, 20)) {
		case 0 ... 8:
			hpa = ptm_rand_hpa(m, gpa, size);
			want = ptm_overlaps(m, gpa, size) ? -EEXIST : 0;
			if (!want && m->n + 1 >= m->cap)
				break;
			ret = axpt_map(&m->pt, gpa, hpa, size, attr, 0);
			if (ret != want)
				PTM_FAIL(m, "map %#llx+%#llx -> %#llx: %d, want %d",
					 gpa, size, hpa, ret, want);
			if (!ret) {
				struct ptm_range r = {
					gpa, hpa, size, attr,
					!!(attr & AXAS_PROT_WRITE),
				};

				ptm_insert(m, ptm_find(m, gpa), &r);
			}
			break;
		case 9 ... 14:
			if (m->n + 2 >= m->cap)
				break;
			rm.m = m;
			rm.bytes = 0;
			ret = axpt_unmap_leaves(&m->pt, gpa, size, ptg(&fl, &m->pt),
						ptm_removed_leaf, &rm, NULL);
			if (ret)
				PTM_FAIL(m, "unmap %#llx+%#llx: %d", gpa, size, ret);
			ptm_check_flush(m, &fl, gpa, size, 0);
			if (rm.bytes != ptm_model_bytes(m, gpa, gpa + size))
				PTM_FAIL(m, "unmap %#llx+%#llx reported %#llx bytes, model %#llx",
					 gpa, size, rm.bytes,
					 ptm_model_bytes(m, gpa, gpa + size));
			ptm_model_unmap(m, gpa, size);
			break;
		default:
			if (m->n + 2 >= m->cap)
				break;
			ret = axpt_protect(&m->pt, gpa, size, attr, ptg(&fl, &m->pt));
			if (ret)
				PTM_FAIL(m, "protect %#llx+%#llx: %d", gpa, size, ret);
			ptm_check_flush(m, &fl, gpa, size, attr);
			ptm_model_protect(m, gpa, size, attr);
			break;
		}
		ptm_check_op(m, gpa, size);
	}
	ptm_check_window(m, 0, 1ULL << m->pt.ias);
	ptm_check_counters(m);
	{
		struct axpt_gather fl;

		axpt_unmap(&m->pt, 0, 1ULL << m->pt.ias, ptg(&fl, &m->pt));
		ptm_model_unmap(m, 0, 1ULL << m->pt.ias);
	}
	ptm_check_counters(m);
	if (atomic_long_read(&m->pt.nr_tables) != 1L << m->pt.root_order)
		PTM_FAIL(m, "%ld table pages left after unmapping all, want %d",
			 atomic_long_read(&m->pt.nr_tables), 1 << m->pt.root_order);
}

#endif /* AXADDRSPACE_TESTS_PT_MODEL_H */
