// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the engine's own tables, walked by the CPU's own walker.
 *
 * Random scenarios (maps of every page size and permission, memory types,
 * partial unmaps that split blocks, protects, whole-range unmaps that
 * reclaim tables) are driven through the engine; then the first and last
 * byte of every leaf, the bytes just outside it and random addresses are
 * probed for every access the backend can express. Each answer of the CPU
 * must equal what axpt_query() says: the same PA, or a fault of the same
 * class (and level, where the CPU reports one). Known emulator quirks are
 * recognised, counted and reported, never silently dropped.
 *
 * Intel EPT has no hardware oracle here; it is cross-checked against NPT
 * (same scenarios, same query answers).
 *
 * Parameters (kernel command line, "axaddrspace." prefix):
 * oracle_scenarios per configuration, oracle_seed, and oracle_emulator,
 * a string naming the emulator (the QEMU version) for the report.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "axaddrspace/oracle/oracle.h"
#include "axaddrspace/tests/test_rand.h"

static unsigned int oracle_scenarios;
module_param(oracle_scenarios, uint, 0444);
MODULE_PARM_DESC(oracle_scenarios, "random scenarios per configuration, 0: enough for 100k probes");
static ulong oracle_seed = 1;
module_param(oracle_seed, ulong, 0444);
MODULE_PARM_DESC(oracle_seed, "seed of the random scenarios");
static char *oracle_emulator = "unknown";
module_param(oracle_emulator, charp, 0444);
MODULE_PARM_DESC(oracle_emulator, "the emulator and its version, for reports");

/**
 * oracle_config_of() - the regime that makes the CPU walk @pt.
 * @pt: an initialised table.
 * @cfg: filled.
 */
void oracle_config_of(const struct axpt *pt, struct oracle_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->format = pt->fmt->id;
	cfg->levels = pt->levels;
	cfg->ias = pt->ias;
	cfg->oas = pt->oas;
	axpt_root_value(pt, &cfg->root);
}

/**
 * oracle_walk() - ask the CPU to translate one address.
 * @cfg: the regime, from oracle_config_of().
 * @gpa: the guest-physical address.
 * @access: what kind of access.
 * @res: the answer.
 *
 * Return: 0, or -EOPNOTSUPP when this CPU cannot walk @cfg.
 */
int oracle_walk(const struct oracle_config *cfg, u64 gpa,
		enum oracle_access access, struct oracle_probe *res)
{
	const struct oracle_backend *be = oracle_backend_get();
	const char *why;

	if (!be || be->format != cfg->format || be->available(cfg, &why) ||
	    !(be->accesses & BIT(access)))
		return -EOPNOTSUPP;
	memset(res, 0, sizeof(*res));
	res->gpa = gpa;
	res->access = access;
	return be->walk(cfg, res, 1);
}

/* ------------------------------------------------------- tagged memory */

#define ORC_NBLK	8	/* 2 MiB blocks of tagged target memory */

static struct orc_pool {
	void *va[ORC_NBLK];
	u64 pa[ORC_NBLK];
	unsigned int n;
	u64 giga;		/* 1 GiB region holding pa[0]: 1 GiB targets */
} orc_pool;

static void orc_pool_free(void)
{
	while (orc_pool.n)
		free_pages((unsigned long)orc_pool.va[--orc_pool.n], 9);
}

static int orc_pool_alloc(void)
{
	unsigned int i;
	size_t w;

	for (i = 0; i < ORC_NBLK; i++) {
		u64 *p = (u64 *)__get_free_pages(GFP_KERNEL | __GFP_NOWARN, 9);

		if (!p)
			break;
		orc_pool.va[i] = p;
		orc_pool.pa[i] = virt_to_phys(p);
		for (w = 0; w < SZ_2M / 8; w++)
			p[w] = oracle_tag(orc_pool.pa[i] + 8 * w);
		orc_pool.n++;
	}
	if (orc_pool.n < 2) {
		orc_pool_free();
		return -ENOMEM;
	}
	orc_pool.giga = ALIGN_DOWN(orc_pool.pa[0], SZ_1G);
	return 0;
}

static int orc_pool_find(u64 pa)
{
	unsigned int i;

	for (i = 0; i < orc_pool.n; i++)
		if (pa >= orc_pool.pa[i] && pa - orc_pool.pa[i] < SZ_2M)
			return i;
	return -1;
}

/* ------------------------------------------------------------- quirks */

enum orc_quirk {
	ORC_Q_RISCV_GPA_SIGNEXT,
	ORC_Q_RISCV_HLVX_READS,
	ORC_Q_UNTAGGED,
	ORC_NR_QUIRKS,
};

static const char *const orc_quirk_name[ORC_NR_QUIRKS] = {
	[ORC_Q_RISCV_GPA_SIGNEXT] =
		"riscv_gpa_signext(QEMU<8.1: GPA bit ias-1 set faults; excluded)",
	[ORC_Q_RISCV_HLVX_READS] =
		"riscv_hlvx_reads(QEMU 7.2: HLVX needs R, not X; exec excluded)",
	[ORC_Q_UNTAGGED] =
		"untagged_target(engine PA not tagged RAM; not loaded, excluded)",
};

/* --------------------------------------------------------- one run */

#define ORC_MAX_TABLES	2
#define ORC_NCLUSTER	4
#define ORC_BATCH	1024
#define ORC_SHOW	8

struct orc_stats {
	unsigned long scenarios, maps, unmaps, protects;
	unsigned long probes, agree, disagree;
	unsigned long quirk[ORC_NR_QUIRKS];
	u64 hw_ns;
};

struct orc_leaf {
	u64 gpa;
	u64 hpa;
	unsigned int level;
};

struct orc {
	struct kunit *test;
	const struct oracle_backend *be;
	struct oracle_config cfg;
	struct axpt pt[ORC_MAX_TABLES];
	unsigned int ntables;
	u64 rng;
	u32 attrs[24];
	unsigned int nattrs;
	unsigned int gbits;		/* GPA bits the probes can form */
	unsigned int ibits;		/* of which mapped: min(ias, gbits) */
	bool signext_bug;
	bool hlvx_bug;
	u64 cluster[ORC_NCLUSTER];
	struct { u64 gpa, size; } ranges[64];
	unsigned int nranges;
	struct orc_leaf *leaves;
	unsigned int nleaves, leaf_cap;
	u64 *addr;
	unsigned int naddr, addr_cap;
	struct oracle_probe *hw, *sw;
	unsigned int np, probe_cap;
	struct orc_stats st;
};

static u64 orc_rand(struct orc *o)
{
	return axt_rand(&o->rng);
}

static u64 orc_below(struct orc *o, u64 n)
{
	return axt_below(&o->rng, n);
}

static u64 orc_bits(unsigned int n)
{
	return n >= 64 ? ~0ULL : BIT_ULL(n) - 1;
}

/* The attributes every table of the run accepts. */
static void orc_attrs_init(struct orc *o)
{
	u32 prot, mem;
	unsigned int t;
	u64 pte;

	o->nattrs = 0;
	for (prot = 1; prot <= AXPT_PROT_MASK; prot++) {
		for (mem = AXAS_MEM_WB; mem <= AXAS_MEM_DEVICE; mem++) {
			u32 attr = AXPT_ATTR(prot, mem);
			bool ok = true;

			for (t = 0; t < o->ntables; t++)
				ok &= !axpt_encode_leaf(o->pt[t].fmt, 0, attr, 0, &pte);
			if (ok)
				o->attrs[o->nattrs++] = attr;
		}
	}
}

static u32 orc_attr(struct orc *o)
{
	return o->attrs[orc_below(o, o->nattrs)];
}

/* --------------------------------------------- driving the engine */

static void orc_fail(struct orc *o, const char *op, int ret)
{
	KUNIT_FAIL(o->test, "%s: tables disagree or failed: %d", op, ret);
}

/* One operation on every table of the run; all must answer the same. */
static int orc_map(struct orc *o, u64 gpa, u64 hpa, u64 size, u32 attr, u32 fl)
{
	int ret = 0, r;
	unsigned int t;

	for (t = 0; t < o->ntables; t++) {
		r = axpt_map(&o->pt[t], gpa, hpa, size, attr, fl);
		if (t && r != ret)
			orc_fail(o, "map", r);
		ret = r;
	}
	if (!ret) {
		o->st.maps++;
		if (o->nranges < ARRAY_SIZE(o->ranges)) {
			o->ranges[o->nranges].gpa = gpa;
			o->ranges[o->nranges++].size = size;
		}
	} else if (ret != -EEXIST && ret != -ERANGE) {
		orc_fail(o, "map", ret);
	}
	return ret;
}

static void orc_unmap(struct orc *o, u64 gpa, u64 size)
{
	struct axpt_gather fl;
	unsigned int t;
	int r;

	for (t = 0; t < o->ntables; t++) {
		r = axpt_unmap(&o->pt[t], gpa, size, ptg(&fl, &o->pt[t]));
		if (r)
			orc_fail(o, "unmap", r);
	}
	o->st.unmaps++;
}

static void orc_protect(struct orc *o, u64 gpa, u64 size, u32 attr)
{
	struct axpt_gather fl;
	unsigned int t;
	int r;

	for (t = 0; t < o->ntables; t++) {
		r = axpt_protect(&o->pt[t], gpa, size, attr, ptg(&fl, &o->pt[t]));
		if (r)
			orc_fail(o, "protect", r);
	}
	o->st.protects++;
}

/* The lowest GPA scenarios use: above the backend's scratch region. */
static u64 orc_gpa_floor(struct orc *o)
{
	return o->be && o->be->scratch_size ? SZ_1G : 0;
}

/* Where mappings go; probes also go up to BIT_ULL(o->gbits). */
static u64 orc_space(struct orc *o)
{
	return BIT_ULL(o->ibits);
}

/*
 * GPAs cluster around a few bases so that mappings share tables, as a
 * guest's memory does. With the QEMU < 8.1 RISC-V quirk, one cluster in
 * four stays in the upper half of the x4 input space (see quirks).
 */
static void orc_clusters(struct orc *o)
{
	u64 space = orc_space(o), floor = orc_gpa_floor(o);
	unsigned int i;

	for (i = 0; i < ORC_NCLUSTER; i++) {
		u64 top = space;

		if (o->signext_bug && i)
			top = space / 2;
		o->cluster[i] = ALIGN_DOWN(floor + orc_below(o, top - floor), SZ_1G);
	}
	/* Two neighbours: leaves on both sides of a table boundary. */
	o->cluster[3] = max(floor, o->cluster[1] ^ SZ_1G);
}

static u64 orc_pick_gpa(struct orc *o, u64 align)
{
	u64 base = o->cluster[orc_below(o, ORC_NCLUSTER)];
	u64 gpa = base + orc_below(o, 4ULL * SZ_1G);

	return ALIGN_DOWN(gpa & orc_bits(o->ibits), align);
}

static u64 orc_pick_hpa(struct orc *o, u64 size, u64 align)
{
	u64 hpa;

	if (!o->be || !o->be->loads) {
		/* The CPU does not load: any output address is a target. */
		hpa = ALIGN_DOWN(orc_rand(o) & orc_bits(o->cfg.oas), align);
		if (orc_below(o, 8) == 0)
			hpa = ALIGN_DOWN(BIT_ULL(o->cfg.oas) - size, align);
		return min(hpa, ALIGN_DOWN(BIT_ULL(o->cfg.oas) - size, align));
	}
	if (size > SZ_2M)
		return orc_pool.giga;
	hpa = orc_pool.pa[orc_below(o, orc_pool.n)];
	return hpa + ALIGN_DOWN(orc_below(o, SZ_2M - size + 1), align);
}

static void orc_random_map(struct orc *o)
{
	unsigned int kind = orc_below(o, 20);
	u64 gpa, hpa, size;
	u32 flags = 0;

	if (kind < 9) {			/* 4 KiB pages */
		size = (1 + orc_below(o, 16)) * SZ_4K;
		gpa = orc_pick_gpa(o, SZ_4K);
		hpa = orc_pick_hpa(o, size, SZ_4K);
	} else if (kind < 15) {		/* 2 MiB blocks, sometimes as pages */
		size = SZ_2M;
		if (!o->be || !o->be->loads)
			size *= 1 + orc_below(o, 3);
		gpa = orc_pick_gpa(o, SZ_2M);
		hpa = orc_pick_hpa(o, size, SZ_2M);
		if (orc_below(o, 4) == 0)
			flags = AXPT_MAP_MAX_4K;
	} else if (kind < 17) {		/* aligned GPA, misaligned HPA: pages */
		size = SZ_2M - SZ_4K;
		gpa = orc_pick_gpa(o, SZ_2M);
		hpa = orc_pick_hpa(o, SZ_2M, SZ_2M) + SZ_4K;
	} else {			/* 1 GiB blocks, sometimes as 2 MiB */
		size = SZ_1G;
		gpa = orc_pick_gpa(o, SZ_1G);
		hpa = orc_pick_hpa(o, size, SZ_1G);
		if (orc_below(o, 3) == 0)
			flags = AXPT_MAP_MAX_2M;
	}
	if (gpa < orc_gpa_floor(o) || gpa + size > orc_space(o))
		return;
	orc_map(o, gpa, hpa, size, orc_attr(o), flags);
}

/* Partial or whole unmaps and protects of what was mapped. */
static void orc_random_op(struct orc *o)
{
	unsigned int i = orc_below(o, o->nranges), kind = orc_below(o, 8);
	u64 gpa, size, off, len;

	if (!o->nranges)
		return;
	gpa = o->ranges[i].gpa;
	size = o->ranges[i].size;
	off = ALIGN_DOWN(orc_below(o, size), SZ_4K);
	len = min(size - off, SZ_4K * (1 + orc_below(o, orc_below(o, 2) ? 4 : 700)));
	switch (kind) {
	case 0: case 1: case 2:		/* a hole: splits blocks */
		orc_unmap(o, gpa + off, len);
		break;
	case 3: case 4: case 5:		/* a protect: splits blocks */
		orc_protect(o, gpa + off, len, orc_attr(o));
		break;
	case 6:				/* all of it: tables are reclaimed */
		orc_unmap(o, gpa, size);
		o->ranges[i] = o->ranges[--o->nranges];
		break;
	default:
		orc_protect(o, gpa, size, orc_attr(o));
		break;
	}
}

static void orc_scenario_build(struct orc *o)
{
	unsigned int i, nmap = 12 + orc_below(o, 16);

	o->nranges = 0;
	orc_clusters(o);
	for (i = 0; i < nmap; i++)
		orc_random_map(o);
	for (i = 0; i < nmap / 2 + 2; i++)
		orc_random_op(o);
	for (i = 0; i < 4; i++)
		orc_random_map(o);
}

/* ----------------------------------------------- the engine's answer */

static int orc_depth_fn(void *arg, unsigned int level, u64 gpa, u64 pte,
			bool leaf)
{
	int *min_level = arg;

	*min_level = min_t(int, *min_level, level);
	return 0;
}

/* Where the walk for an unmapped @gpa meets the non-present entry. */
static int orc_hole_level(struct axpt *pt, u64 gpa)
{
	int min_level = pt->levels;

	axpt_walk(pt, ALIGN_DOWN(gpa, SZ_4K), SZ_4K, orc_depth_fn, &min_level);
	return min_level - 1;
}

static void orc_expect(struct orc *o, struct axpt *pt, u64 gpa, u8 access,
		       struct oracle_probe *e)
{
	static const u32 need_of[ORACLE_NR_ACCESS] = {
		[ORACLE_READ] = AXAS_PROT_READ,
		[ORACLE_WRITE] = AXAS_PROT_WRITE,
		[ORACLE_EXEC] = AXAS_PROT_EXEC,
	};
	struct axpt_leaf leaf;
	u32 need = need_of[access];
	int ret;

	memset(e, 0, sizeof(*e));
	e->gpa = gpa;
	e->access = access;
	e->level = ORACLE_LEVEL_UNKNOWN;
	e->mem = ORACLE_MEM_UNKNOWN;
	ret = axpt_query(pt, gpa, &leaf);
	if (ret) {
		e->fault = ORACLE_FAULT_TRANSLATION;
		if (ret == -ENOENT)
			e->level = orc_hole_level(pt, gpa);
		return;
	}
	/* Load backends read the word before they write it back. */
	if (o->be && o->be->loads && access == ORACLE_WRITE)
		need |= AXAS_PROT_READ;
	e->level = leaf.level;
	e->mem = AXPT_ATTR_MEM(leaf.attr);
	e->raw = leaf.pte;
	if ((AXPT_ATTR_PROT(leaf.attr) & need) != need) {
		e->fault = ORACLE_FAULT_PERMISSION;
		return;
	}
	e->pa = leaf.hpa;
}

static bool orc_same(const struct oracle_probe *hw, const struct oracle_probe *sw)
{
	if (!hw->fault != !sw->fault)
		return false;
	if (!hw->fault)
		return hw->pa == sw->pa &&
		       (hw->mem == ORACLE_MEM_UNKNOWN ||
			sw->mem == ORACLE_MEM_UNKNOWN || hw->mem == sw->mem);
	if (hw->fault == ORACLE_FAULT_PAGE)
		return sw->fault == ORACLE_FAULT_TRANSLATION ||
		       sw->fault == ORACLE_FAULT_PERMISSION;
	if (hw->fault != sw->fault)
		return false;
	return hw->level == ORACLE_LEVEL_UNKNOWN ||
	       sw->level == ORACLE_LEVEL_UNKNOWN || hw->level == sw->level;
}

static const char *const orc_access_name[ORACLE_NR_ACCESS] = { "R", "W", "X" };
static const char *const orc_fault_name[] = {
	[ORACLE_OK] = "ok", [ORACLE_FAULT_TRANSLATION] = "translation",
	[ORACLE_FAULT_PERMISSION] = "permission", [ORACLE_FAULT_PAGE] = "page",
	[ORACLE_FAULT_OTHER] = "other",
};

static void orc_show(struct orc *o, const char *what,
		     const struct oracle_probe *hw, const struct oracle_probe *sw)
{
	kunit_err(o->test,
		  "%s gpa=%#llx %s: cpu %s pa=%#llx level=%d mem=%u raw=%#llx/%#llx; engine %s pa=%#llx level=%d mem=%u pte=%#llx\n",
		  what, hw->gpa, orc_access_name[hw->access],
		  orc_fault_name[hw->fault], hw->pa, hw->level, hw->mem,
		  hw->raw, hw->raw2, orc_fault_name[sw->fault], sw->pa,
		  sw->level, sw->mem, sw->raw);
}

/* ----------------------------------------------------------- probing */

static int orc_leaf_fn(void *arg, unsigned int level, u64 gpa, u64 pte,
		       bool leaf)
{
	struct orc *o = arg;

	if (leaf && o->nleaves < o->leaf_cap) {
		o->leaves[o->nleaves].gpa = gpa;
		o->leaves[o->nleaves++].level = level;
	}
	return 0;
}

static void orc_add(struct orc *o, u64 gpa)
{
	if (o->naddr < o->addr_cap && gpa < BIT_ULL(o->gbits))
		o->addr[o->naddr++] = gpa;
}

/* First and last byte of [gpa, gpa + size) and the bytes just outside. */
static void orc_add_edges(struct orc *o, u64 gpa, u64 size, bool outside)
{
	orc_add(o, gpa);
	orc_add(o, gpa + size - 1);
	if (outside) {
		if (gpa)
			orc_add(o, gpa - 1);
		orc_add(o, gpa + size);
	}
}

/*
 * Probe addresses for a leaf. A load backend can only name the PA it
 * reached inside tagged memory, so for a leaf larger than the tagged
 * windows it holds (1 GiB targets) the window edges stand in for the
 * leaf's own first and last byte.
 */
static void orc_leaf_probes(struct orc *o, struct orc_leaf *l)
{
	u64 size = BIT_ULL(axpt_level_shift(l->level));
	struct axpt_leaf q;
	unsigned int i;

	if (axpt_query(&o->pt[0], l->gpa, &q))
		return;
	l->hpa = q.hpa;
	orc_add_edges(o, l->gpa, size, true);
	orc_add(o, l->gpa + orc_below(o, size));
	if (!o->be || !o->be->loads || orc_pool_find(l->hpa) >= 0)
		return;
	for (i = 0; i < orc_pool.n; i++) {
		u64 lo = max(l->hpa, orc_pool.pa[i]);
		u64 hi = min(l->hpa + size, orc_pool.pa[i] + SZ_2M);

		if (lo < hi) {
			orc_add_edges(o, l->gpa + lo - l->hpa, hi - lo, false);
			orc_add(o, l->gpa + lo - l->hpa + orc_below(o, hi - lo));
		}
	}
}

static void orc_collect(struct orc *o)
{
	unsigned int i, n, stride;
	u64 space = orc_space(o);

	o->nleaves = 0;
	o->naddr = 0;
	axpt_walk(&o->pt[0], 0, BIT_ULL(o->cfg.ias), orc_leaf_fn, o);
	/* Split blocks make many leaves: sample them evenly. */
	stride = DIV_ROUND_UP(o->nleaves, o->addr_cap / 16);
	for (i = 0; i < o->nleaves; i += max(stride, 1U))
		orc_leaf_probes(o, &o->leaves[i]);
	for (i = 0; i < o->nranges; i++)
		orc_add_edges(o, o->ranges[i].gpa, o->ranges[i].size, true);
	n = o->addr_cap - o->naddr;
	for (i = 0; i < n; i++) {
		unsigned int k = orc_below(o, 8);

		if (k < 3 && o->nleaves) {	/* inside a leaf */
			struct orc_leaf *l = &o->leaves[orc_below(o, o->nleaves)];

			orc_add(o, l->gpa + orc_below(o, BIT_ULL(axpt_level_shift(l->level))));
		} else if (k < 6) {		/* near the clusters */
			orc_add(o, orc_pick_gpa(o, 1) + orc_below(o, SZ_4K));
		} else if (k < 7) {		/* anywhere (mostly not in a quirk) */
			orc_add(o, orc_below(o, o->signext_bug ? space / 2 : space));
		} else if (o->gbits > o->cfg.ias) {	/* beyond the input size */
			orc_add(o, BIT_ULL(o->cfg.ias) +
				   orc_below(o, BIT_ULL(o->gbits) - BIT_ULL(o->cfg.ias)));
		}
	}
}

static int orc_quirk(struct orc *o, const struct oracle_probe *sw)
{
	struct axpt_leaf q;

	if (o->signext_bug && o->cfg.format == AXAS_FORMAT_RISCV_G &&
	    sw->gpa >> (o->cfg.ias - 1) == 1)
		return ORC_Q_RISCV_GPA_SIGNEXT;
	if (o->hlvx_bug && sw->access == ORACLE_EXEC)
		return ORC_Q_RISCV_HLVX_READS;
	if (o->be->loads && !axpt_query(&o->pt[0], sw->gpa, &q) &&
	    orc_pool_find(q.hpa) < 0)
		return ORC_Q_UNTAGGED;
	return -1;
}

/* Ask the CPU about every collected address, for every access. */
static void orc_probe(struct orc *o)
{
	unsigned int i, a, n = 0, shown = 0;
	ktime_t t0;

	for (i = 0; i < o->naddr; i++) {
		for (a = 0; a < ORACLE_NR_ACCESS; a++) {
			struct oracle_probe *sw = &o->sw[n];
			int q;

			if (!(o->be->accesses & BIT(a)))
				continue;
			orc_expect(o, &o->pt[0], o->addr[i], a, sw);
			q = orc_quirk(o, sw);
			if (q >= 0) {
				o->st.quirk[q]++;
				continue;
			}
			o->hw[n] = (struct oracle_probe){ .gpa = sw->gpa, .access = a };
			n++;
		}
	}
	t0 = ktime_get();
	for (i = 0; i < n; i += ORC_BATCH)
		o->be->walk(&o->cfg, &o->hw[i], min(n - i, ORC_BATCH));
	o->st.hw_ns += ktime_to_ns(ktime_sub(ktime_get(), t0));
	for (i = 0; i < n; i++) {
		if (orc_same(&o->hw[i], &o->sw[i])) {
			o->st.agree++;
			continue;
		}
		o->st.disagree++;
		if (shown++ < ORC_SHOW)
			orc_show(o, "DISAGREE", &o->hw[i], &o->sw[i]);
	}
	o->st.probes += n;
}

/* ---------------------------------------------------- configurations */

struct orc_cfg {
	u32 format;
	u8 levels, ias, oas;
	bool available;
	char name[40];
};

static struct orc_cfg orc_cfgs[64];
static unsigned int orc_ncfgs, orc_navailable;

/* Scenarios until the format has 120,000 agreeing probes, 2 to 64 each. */
#define ORC_TARGET_PROBES	120000UL
#define ORC_MIN_SCENARIOS	2
#define ORC_MAX_SCENARIOS	64

static bool orc_more(const struct orc_stats *st)
{
	if (oracle_scenarios)
		return st->scenarios < oracle_scenarios;
	if (st->scenarios < ORC_MIN_SCENARIOS)
		return true;
	return st->scenarios < ORC_MAX_SCENARIOS &&
	       st->probes < DIV_ROUND_UP(ORC_TARGET_PROBES, max(orc_navailable, 1U));
}

/* The oracle's RISC-V machine has Svpbmt (scripts/kunit/riscv_h.py). */
static u32 orc_cfg_flags(u32 format)
{
	return format == AXAS_FORMAT_RISCV_G ? AXPT_CFG_SVPBMT : 0;
}

static void orc_cfg_add(u32 format, u8 levels, u8 ias, u8 oas, const char *name)
{
	struct axpt_cfg c = { .format = format, .flags = orc_cfg_flags(format),
			      .levels = levels, .ias = ias, .oas = oas };
	const struct oracle_backend *be = oracle_backend_get();
	struct orc_cfg *o = &orc_cfgs[orc_ncfgs];
	struct oracle_config oc;
	const char *why;
	struct axpt pt;

	if (orc_ncfgs >= ARRAY_SIZE(orc_cfgs) ||
	    axpt_init(&pt, &c, &axpt_linux_mm_ops, NULL))
		return;
	o->format = format;
	o->levels = pt.levels;
	o->ias = pt.ias;
	o->oas = pt.oas;
	oracle_config_of(&pt, &oc);
	o->available = be && !be->available(&oc, &why);
	orc_navailable += o->available;
	axpt_destroy(&pt);
	if (name)
		strscpy(o->name, name, sizeof(o->name));
	else
		snprintf(o->name, sizeof(o->name), "%s-ias%u-l%u-oas%u",
			 pt.fmt->name, o->ias, o->levels, o->oas);
	orc_ncfgs++;
}

/* Every configuration of the backend's format the engine accepts. */
static void orc_cfgs_init(void)
{
	static const u8 ps[] = { 32, 36, 40, 42, 44, 48 };
	const struct oracle_backend *be = oracle_backend_get();
	unsigned int ias, levels, i;

	orc_ncfgs = 0;
	orc_navailable = 0;
	if (!be)
		return;
	switch (be->format) {
	case AXAS_FORMAT_ARM_S2:
		/* Each IAS and start level; smallest PS that allows it, and 48. */
		for (ias = 32; ias <= 48; ias++) {
			for (levels = 2; levels <= 4; levels++) {
				for (i = 0; i < ARRAY_SIZE(ps); i++) {
					if (ps[i] < ias || (levels == 4 && ps[i] <= 42))
						continue;
					orc_cfg_add(be->format, levels, ias, ps[i], NULL);
					if (ps[i] != 48 && levels == 3 && ias % 2)
						orc_cfg_add(be->format, levels, ias, 48, NULL);
					break;
				}
			}
		}
		break;
	case AXAS_FORMAT_RISCV_G:
		orc_cfg_add(be->format, 3, 0, 0, "Sv39x4");
		orc_cfg_add(be->format, 4, 0, 0, "Sv48x4");
		orc_cfg_add(be->format, 5, 0, 0, "Sv57x4");
		break;
	case AXAS_FORMAT_AMD_NPT:
		orc_cfg_add(be->format, 4, 0, 0, "npt-4level");
		orc_cfg_add(be->format, 5, 0, 0, "npt-5level");
		break;
	}
}

static const void *orc_cfg_gen(const void *prev, char *desc)
{
	static const struct orc_cfg none = { .name = "no-backend" };
	const struct orc_cfg *c = prev;

	if (!orc_ncfgs) {
		c = c ? NULL : &none;
	} else {
		c = c ? c + 1 : orc_cfgs;
		if (c == orc_cfgs + orc_ncfgs)
			c = NULL;
	}
	if (c)
		strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

/* ---------------------------------------------------------- set-up */

static struct orc_stats orc_total;
static unsigned int orc_total_cfgs;

static void orc_exit_tables(struct orc *o)
{
	unsigned int t;

	for (t = 0; t < o->ntables; t++)
		axpt_destroy(&o->pt[t]);
	o->ntables = 0;
}

/* QEMU < 8.1 faults RISC-V G-stage GPAs whose bit ias-1 is set. */
static bool orc_detect_signext(struct orc *o)
{
	struct oracle_probe p = { .gpa = BIT_ULL(o->cfg.ias - 1) + 8 };
	u64 gpa = BIT_ULL(o->cfg.ias - 1);
	bool bug;

	if (o->cfg.format != AXAS_FORMAT_RISCV_G ||
	    axpt_map(&o->pt[0], gpa, orc_pool.pa[0], SZ_4K,
		     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB), 0))
		return false;
	o->be->walk(&o->cfg, &p, 1);
	bug = p.fault != ORACLE_OK;
	orc_unmap(o, gpa, SZ_4K);
	return bug;
}

/* QEMU 7.2 checks R instead of X for HLVX at G-stage. */
static bool orc_detect_hlvx(struct orc *o)
{
	struct oracle_probe p[2] = {
		{ .gpa = SZ_2G, .access = ORACLE_EXEC },
		{ .gpa = SZ_2G + SZ_4K, .access = ORACLE_EXEC },
	};
	bool bug;

	if (!(o->be->accesses & BIT(ORACLE_EXEC)) ||
	    axpt_map(&o->pt[0], SZ_2G, orc_pool.pa[0], SZ_4K,
		     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB), 0) ||
	    axpt_map(&o->pt[0], SZ_2G + SZ_4K, orc_pool.pa[0], SZ_4K,
		     AXPT_ATTR(AXAS_PROT_EXEC, AXAS_MEM_WB), 0))
		return false;
	o->be->walk(&o->cfg, p, 2);
	bug = p[0].fault == ORACLE_OK && p[1].fault != ORACLE_OK;
	orc_unmap(o, SZ_2G, SZ_8K);
	return bug;
}

static void orc_setup(struct kunit *test, struct orc *o, const struct orc_cfg *c)
{
	struct axpt_cfg ac = { .format = c->format, .flags = orc_cfg_flags(c->format),
			       .levels = c->levels, .ias = c->ias, .oas = c->oas };
	const char *why = "no backend for this architecture";
	int ret;

	memset(o, 0, sizeof(*o));
	o->test = test;
	o->be = oracle_backend_get();
	o->rng = oracle_seed * 0x9E3779B97F4A7C15ULL + c->ias * 131 + c->levels * 7 + c->oas + 1;
	if (!o->be || !orc_ncfgs)
		kunit_skip(test, "%s", why);
	ret = axpt_init(&o->pt[0], &ac, &axpt_linux_mm_ops, NULL);
	KUNIT_ASSERT_EQ(test, ret, 0);
	o->ntables = 1;
	oracle_config_of(&o->pt[0], &o->cfg);
	if (o->be->available(&o->cfg, &why)) {
		orc_exit_tables(o);
		kunit_skip(test, "%s", why);
	}
	if (!orc_pool.n) {
		orc_exit_tables(o);
		kunit_skip(test, "no tagged memory");
	}
	o->gbits = min_t(unsigned int, o->be->reachable(&o->cfg), 63);
	o->ibits = min_t(unsigned int, o->gbits, o->cfg.ias);
	if (o->be->scratch_size) {
		ret = axpt_map(&o->pt[0], o->be->scratch_gpa, o->be->scratch_pa(),
			       o->be->scratch_size,
			       AXPT_ATTR(AXPT_PROT_MASK, AXAS_MEM_WB), 0);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	orc_attrs_init(o);
	o->signext_bug = orc_detect_signext(o);
	o->hlvx_bug = orc_detect_hlvx(o);
	o->st.unmaps = 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(orc_kvfree_action, kvfree, const void *);

static void *orc_kvcalloc(struct kunit *test, size_t n, size_t size)
{
	void *p = kvcalloc(n, size, GFP_KERNEL);

	if (p && kunit_add_action_or_reset(test, orc_kvfree_action, p))
		return NULL;
	return p;
}

static void orc_buffers(struct kunit *test, struct orc *o, unsigned int naddr)
{
	unsigned int nacc = hweight32(o->be ? o->be->accesses : 1);

	o->addr_cap = naddr;
	o->leaf_cap = 32768;
	o->probe_cap = naddr * nacc;
	o->addr = kunit_kcalloc(test, naddr, sizeof(*o->addr), GFP_KERNEL);
	o->leaves = orc_kvcalloc(test, o->leaf_cap, sizeof(*o->leaves));
	o->hw = orc_kvcalloc(test, o->probe_cap, sizeof(*o->hw));
	o->sw = orc_kvcalloc(test, o->probe_cap, sizeof(*o->sw));
	KUNIT_ASSERT_TRUE(test, o->addr && o->leaves && o->hw && o->sw);
}

static void orc_report(struct kunit *test, const char *name, const struct orc_stats *s)
{
	unsigned int q;

	kunit_info(test,
		   "oracle %s: scenarios=%lu maps=%lu unmaps=%lu protects=%lu probes=%lu agree=%lu disagree=%lu hw=%llums\n",
		   name, s->scenarios, s->maps, s->unmaps, s->protects,
		   s->probes, s->agree, s->disagree, s->hw_ns / NSEC_PER_MSEC);
	for (q = 0; q < ORC_NR_QUIRKS; q++)
		if (s->quirk[q])
			kunit_info(test, "oracle %s: quirk %s: %lu\n", name,
				   orc_quirk_name[q], s->quirk[q]);
}

static void orc_accumulate(const struct orc_stats *s)
{
	unsigned int q;

	orc_total.scenarios += s->scenarios;
	orc_total.maps += s->maps;
	orc_total.unmaps += s->unmaps;
	orc_total.protects += s->protects;
	orc_total.probes += s->probes;
	orc_total.agree += s->agree;
	orc_total.disagree += s->disagree;
	orc_total.hw_ns += s->hw_ns;
	for (q = 0; q < ORC_NR_QUIRKS; q++)
		orc_total.quirk[q] += s->quirk[q];
	orc_total_cfgs++;
}

/* -------------------------------------------------------------- cases */

/* Replace the run's table by an empty one, with the backend's scratch. */
static void orc_new_table(struct kunit *test, struct orc *o,
			  const struct axpt_cfg *ac)
{
	int ret;

	orc_exit_tables(o);
	ret = axpt_init(&o->pt[0], ac, &axpt_linux_mm_ops, NULL);
	KUNIT_ASSERT_EQ(test, ret, 0);
	o->ntables = 1;
	oracle_config_of(&o->pt[0], &o->cfg);
	if (!o->be->scratch_size)
		return;
	ret = axpt_map(&o->pt[0], o->be->scratch_gpa, o->be->scratch_pa(),
		       o->be->scratch_size, AXPT_ATTR(AXPT_PROT_MASK, AXAS_MEM_WB), 0);
	KUNIT_ASSERT_EQ(test, ret, 0);
}

/* Random scenarios for one configuration. */
static void orc_test_random(struct kunit *test)
{
	const struct orc_cfg *c = test->param_value;
	struct orc *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct axpt_cfg ac = { .format = c->format, .flags = orc_cfg_flags(c->format),
			       .levels = c->levels, .ias = c->ias, .oas = c->oas };
	unsigned int s;

	KUNIT_ASSERT_NOT_NULL(test, o);
	orc_setup(test, o, c);
	orc_buffers(test, o, 2500);
	for (s = 0; orc_more(&o->st); s++) {
		if (s)		/* a fresh table for each scenario */
			orc_new_table(test, o, &ac);
		orc_scenario_build(o);
		orc_collect(o);
		orc_probe(o);
		o->st.scenarios++;
	}
	orc_exit_tables(o);
	orc_report(test, c->name, &o->st);
	orc_accumulate(&o->st);
	KUNIT_EXPECT_GT(test, o->st.probes, 0UL);
	KUNIT_EXPECT_EQ(test, o->st.disagree, 0UL);
}

/* NPT depth follows the host's paging mode: the one the backend accepts. */
static u8 orc_npt_host_levels(const struct oracle_backend *be)
{
	struct axpt_cfg ac = { .format = AXAS_FORMAT_AMD_NPT, .levels = 5 };
	struct oracle_config cfg;
	const char *why;
	struct axpt pt;

	if (axpt_init(&pt, &ac, &axpt_linux_mm_ops, NULL))
		return 4;
	oracle_config_of(&pt, &cfg);
	axpt_destroy(&pt);
	return be->available(&cfg, &why) ? 4 : 5;
}

/* Readable cases: expected values written out, checked on both sides. */
struct orc_fixed {
	const char *what;
	u64 gpa;
	u8 access;
	u8 fault;
	s8 level;
	u8 base;	/* 0: none, 1: block B, 2: block C, 3: 1 GiB region */
	u64 off;
};

#define ORC_G	0x40000000ULL	/* above every backend's scratch region */
#define ORC_TF	ORACLE_FAULT_TRANSLATION
#define ORC_PF	ORACLE_FAULT_PERMISSION

static void orc_test_fixed(struct kunit *test)
{
	static const u32 rw = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB);
	static const u32 ro = AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB);
	static const u32 rx = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_EXEC, AXAS_MEM_NC);
	const struct oracle_backend *be = oracle_backend_get();
	struct orc *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct orc_cfg c = { .levels = 0 };
	u64 b, cc, giga, big = 2 * ORC_G, gb, hi;
	unsigned int i, bad = 0;
	struct orc_fixed f[] = {
		{ "4K RW, read",          ORC_G + 0x8,      ORACLE_READ,  0, 0, 1, 0x8 },
		{ "4K RW, write",         ORC_G + 0xff8,    ORACLE_WRITE, 0, 0, 1, 0xff8 },
		{ "4K RO, read",          ORC_G + 0x1010,   ORACLE_READ,  0, 0, 1, 0x1010 },
		{ "4K RO, write",         ORC_G + 0x1010,   ORACLE_WRITE, ORC_PF, 0, 0, 0 },
		{ "4K RX NC, read",       ORC_G + 0x2000,   ORACLE_READ,  0, 0, 1, 0x2000 },
		{ "4K RX NC, exec",       ORC_G + 0x2000,   ORACLE_EXEC,  0, 0, 1, 0x2000 },
		{ "4K RW, exec",          ORC_G + 0x10,     ORACLE_EXEC,  ORC_PF, 0, 0, 0 },
		{ "hole after pages",     ORC_G + 0x3000,   ORACLE_READ,  ORC_TF, 0, 0, 0 },
		{ "2M block, first",      ORC_G + 0x200000, ORACLE_WRITE, 0, 1, 2, 0 },
		{ "2M block, last",       ORC_G + 0x3fffff, ORACLE_READ,  0, 1, 2, 0x1fffff },
		{ "split 2M, RO part",    ORC_G + 0x5f3008, ORACLE_WRITE, ORC_PF, 0, 0, 0 },
		{ "split 2M, RO read",    ORC_G + 0x5f3008, ORACLE_READ,  0, 0, 2, 0x1f3008 },
		{ "split 2M, RW rest",    ORC_G + 0x5f4000, ORACLE_WRITE, 0, 0, 2, 0x1f4000 },
		{ "2M as 4K, hole",       ORC_G + 0x801000, ORACLE_READ,  ORC_TF, 0, 0, 0 },
		{ "2M as 4K, next page",  ORC_G + 0x802000, ORACLE_READ,  0, 0, 1, 0x2000 },
		{ "unmapped 2M slot",     ORC_G + 0xa00000, ORACLE_READ,  ORC_TF, 1, 0, 0 },
		{ "1G block, window",     0, ORACLE_READ,  0, 2, 3, 0 },
		{ "unmapped 1G slot",     3 * ORC_G,        ORACLE_READ,  ORC_TF, 2, 0, 0 },
		{ "high GPA page, read",  0x8,              ORACLE_READ,  0, 0, 1, 0x5008 },
		{ "high GPA, next page",  0x1000,           ORACLE_READ,  ORC_TF, 0, 0, 0 },
	};

	KUNIT_ASSERT_NOT_NULL(test, o);
	if (!be)
		kunit_skip(test, "no backend for this architecture");
	c.format = be->format;
	if (be->format == AXAS_FORMAT_ARM_S2) {
		c.ias = 40;
		c.oas = 40;
	} else if (be->format == AXAS_FORMAT_AMD_NPT) {
		c.levels = orc_npt_host_levels(be);
	} else {
		c.levels = 3;
	}
	orc_setup(test, o, &c);
	b = orc_pool.pa[0];
	cc = orc_pool.pa[1];
	giga = orc_pool.giga;
	gb = b - giga;
	f[16].gpa = big + gb + 0x10;
	f[16].off = 0x10;
	f[16].base = 1;
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G, b, SZ_4K, rw, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G + 0x1000, b + 0x1000, SZ_4K, ro, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G + 0x2000, b + 0x2000, SZ_4K, rx, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G + 0x200000, cc, SZ_2M, rw, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G + 0x400000, cc, SZ_2M, rw, 0), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], ORC_G + 0x800000, b, SZ_2M, rw,
				       AXPT_MAP_MAX_4K), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], big, giga, SZ_1G, rw, 0), 0);
	/* A GPA far above 4 GiB: a quarter of what the CPU can form. */
	hi = BIT_ULL(o->ibits - 2);
	f[18].gpa += hi;
	f[19].gpa += hi;
	KUNIT_ASSERT_EQ(test, axpt_map(&o->pt[0], hi, b + 0x5000, SZ_4K, rw, 0), 0);
	orc_protect(o, ORC_G + 0x5f3000, SZ_4K, ro);
	orc_unmap(o, ORC_G + 0x801000, SZ_4K);
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		struct oracle_probe hw = { .gpa = f[i].gpa, .access = f[i].access };
		struct oracle_probe sw, ex = { .gpa = f[i].gpa, .access = f[i].access,
					       .fault = f[i].fault, .level = f[i].level,
					       .mem = ORACLE_MEM_UNKNOWN };
		bool ok;

		if (!(be->accesses & BIT(f[i].access)))
			continue;
		if (f[i].access == ORACLE_EXEC && o->hlvx_bug) {
			kunit_info(test, "quirk %-20s gpa=%#llx X: %s\n", f[i].what, f[i].gpa,
				   orc_quirk_name[ORC_Q_RISCV_HLVX_READS]);
			continue;
		}
		if (f[i].base)
			ex.pa = (f[i].base == 1 ? b : f[i].base == 2 ? cc : giga) + f[i].off;
		if (!ex.fault)
			ex.level = ORACLE_LEVEL_UNKNOWN;
		orc_expect(o, &o->pt[0], f[i].gpa, f[i].access, &sw);
		be->walk(&o->cfg, &hw, 1);
		ok = orc_same(&hw, &ex) && orc_same(&sw, &ex);
		kunit_info(test, "%s %-20s gpa=%#llx %s: cpu %s pa=%#llx level=%d raw=%#llx/%#llx\n",
			   ok ? "ok" : "FAIL", f[i].what, f[i].gpa,
			   orc_access_name[f[i].access], orc_fault_name[hw.fault],
			   hw.pa, hw.level, hw.raw, hw.raw2);
		if (!ok) {
			orc_show(o, f[i].what, &hw, &sw);
			bad++;
		}
	}
	orc_exit_tables(o);
	KUNIT_EXPECT_EQ(test, bad, 0U);
}

/*
 * Intel EPT has no hardware oracle here (no emulator runs VMX): build the
 * same scenarios as EPT and as NPT, which share the meaning of addresses
 * and of R/W/X, and require the same query answers. Runs anywhere.
 */
static void orc_test_ept_vs_npt(struct kunit *test)
{
	struct orc *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	unsigned long probes = 0, bad = 0;
	unsigned int levels, s, i;
	struct orc buf;

	KUNIT_ASSERT_NOT_NULL(test, o);
	orc_buffers(test, o, 4000);
	buf = *o;
	for (levels = 4; levels <= 5; levels++) {
		for (s = 0; s < 4; s++) {
			struct axpt_cfg ce = { .format = AXAS_FORMAT_INTEL_EPT, .levels = levels };
			struct axpt_cfg cn = { .format = AXAS_FORMAT_AMD_NPT, .levels = levels };

			*o = buf;
			o->test = test;
			o->rng = oracle_seed * 31 + levels * 1000 + s + 1;
			KUNIT_ASSERT_EQ(test, axpt_init(&o->pt[0], &ce, &axpt_linux_mm_ops,
							NULL), 0);
			KUNIT_ASSERT_EQ(test, axpt_init(&o->pt[1], &cn, &axpt_linux_mm_ops,
							NULL), 0);
			o->ntables = 2;
			oracle_config_of(&o->pt[0], &o->cfg);
			o->gbits = o->cfg.ias;
			o->ibits = o->cfg.ias;
			orc_attrs_init(o);
			orc_scenario_build(o);
			orc_collect(o);
			for (i = 0; i < o->naddr; i++) {
				struct axpt_leaf le, ln;
				int re = axpt_query(&o->pt[0], o->addr[i], &le);
				int rn = axpt_query(&o->pt[1], o->addr[i], &ln);

				probes++;
				if (re == rn && (re || (le.hpa == ln.hpa &&
							le.level == ln.level &&
							le.attr == ln.attr &&
							le.gpa_base == ln.gpa_base)))
					continue;
				if (bad++ < ORC_SHOW)
					KUNIT_FAIL(test,
						   "gpa %#llx: ept %d %#llx/%u/%#x, npt %d %#llx/%u/%#x",
						   o->addr[i], re, le.hpa, le.level, le.attr,
						   rn, ln.hpa, ln.level, ln.attr);
			}
			orc_exit_tables(o);
		}
	}
	kunit_info(test, "oracle intel-ept vs amd-npt (no hardware oracle for EPT): probes=%lu disagree=%lu\n",
		   probes, bad);
	KUNIT_EXPECT_EQ(test, bad, 0UL);
}

/* The totals and the quirks table, after every configuration ran. */
static void orc_test_report(struct kunit *test)
{
	const struct oracle_backend *be = oracle_backend_get();
	char buf[160] = "none";

	if (be)
		be->describe(buf, sizeof(buf));
	kunit_info(test, "oracle emulator: %s; cpu: %s\n", oracle_emulator, buf);
	if (!orc_total_cfgs)
		kunit_skip(test, "no configuration ran");
	orc_report(test, be->name, &orc_total);
	kunit_info(test, "oracle %s: configurations=%u\n", be->name, orc_total_cfgs);
	KUNIT_EXPECT_EQ(test, orc_total.disagree, 0UL);
}

static int orc_suite_init(struct kunit_suite *suite)
{
	orc_cfgs_init();
	memset(&orc_total, 0, sizeof(orc_total));
	orc_total_cfgs = 0;
	if (oracle_backend_get())
		orc_pool_alloc();
	return 0;
}

static void orc_suite_exit(struct kunit_suite *suite)
{
	orc_pool_free();
}

static struct kunit_case orc_cases[] = {
	KUNIT_CASE(orc_test_fixed),
	KUNIT_CASE_PARAM(orc_test_random, orc_cfg_gen),
	KUNIT_CASE(orc_test_ept_vs_npt),
	KUNIT_CASE(orc_test_report),
	{}
};

static struct kunit_suite orc_suite = {
	.name = "axaddrspace-oracle",
	.suite_init = orc_suite_init,
	.suite_exit = orc_suite_exit,
	.test_cases = orc_cases,
};

kunit_test_suite(orc_suite);
