// SPDX-License-Identifier: GPL-2.0
/*
 * Invalid entries: what the decoders must refuse. Every kind of entry a
 * format defines as reserved, misconfigured or faulting, and every kind
 * the engine never writes and cannot describe, is planted in a table the
 * engine built (written into the slot found by following the table
 * entries from the root), then every operation that reads it is checked:
 * the format's decode_leaf, axpt_query(), axpt_translate(),
 * axpt_translate_attr(), a batch, axpt_walk(), an unmap and a protect that
 * would split or rewrite it, and a map over it. None may return a
 * translation, -ENOENT or -ENOMEM, none may descend into it, and a refusal
 * changes nothing (the tables are compared entry by entry, tests/pt_snap.h).
 *
 * Also: every field of struct axpt_leaf for 4 KiB, 2 MiB and 1 GiB leaves
 * queried from inside them, in every format.
 *
 * Every raw value here is written from the manuals' bit layouts, never
 * produced by the code under test:
 *  SDM  Intel SDM vol. 3C, EPT entry formats and EPT misconfigurations:
 *       R 0, W 1, X 2, memory type 5:3 (2, 3, 7 reserved), IPAT 6, PS 7
 *       (reserved in a PML4E/PML5E), bits 7:3 reserved in non-leaf
 *       entries, 20:12 (2 MiB) and 29:12 (1 GiB) reserved, 51:N reserved.
 *  APM  AMD APM vol. 2, long-mode page tables under nested paging: P 0,
 *       R/W 1, U/S 2 (must be 1), PWT 3, PCD 4, PS 7 (MBZ in a PML4E/
 *       PML5E, with bit 8), PAT 7 (4 KiB) or 12 (large), 20:13 / 29:13
 *       MBZ, NX 63.
 *  ARM  Arm ARM, VMSAv8-64 stage 2, 4 KiB granule: bits 1:0 0b11 table or
 *       page, 0b01 block (Arm levels 1, 2 only); MemAttr 5:2 (0b0100,
 *       0b1000, 0b1100 reserved), S2AP 7:6, SH 9:8 (0b01 reserved), AF
 *       10, DBM 51, contiguous 52, XN 54:53; RES0 49:48 in leaves, 50:48
 *       and 63:59 in tables; output address bits above PS fault.
 *  RV   RISC-V privileged spec, H extension, Svpbmt, Svnapot: V 0, R 1,
 *       W 2, X 3, U 4 (must be 1 in G-stage leaves), A 6, D 7, PPN 53:10,
 *       60:54 reserved, PBMT 62:61 (3 reserved), N 63; W without R
 *       reserved; D, A, U, PBMT and N reserved in non-leaf entries.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <asm/page.h>

#include "axaddrspace/tests/pt_gather_test.h"
#include "axaddrspace/pt.h"
#include "axaddrspace/tests/pt_snap.h"

/* Output addresses of the planted leaves, per level: below 2^40. */
static const u64 inv_hpa[AXPT_MAX_LEVELS] = {
	0x000000abcdef3000ULL,	/* 4 KiB */
	0x000000abcde00000ULL,	/* 2 MiB */
	0x000000abc0000000ULL,	/* 1 GiB */
	0x0000008000000000ULL,	/* 512 GiB */
	0x0000000000000000ULL,	/* 256 TiB */
};

/* A 4 KiB page mapped in every case, outside the planted entry. */
#define OTHER_GPA		0x0000000000001000ULL
#define OTHER_HPA		0x0000000000042000ULL
#define RW_WB			AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, \
					  AXAS_MEM_WB)
#define R_WB			AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)

static u64 inv_size(unsigned int level)
{
	return 1ULL << (12 + 9 * level);
}

/* ------------------------------------------------------ configurations */

#define CFG_EPT4	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 }
#define CFG_EPT5	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 }
#define CFG_EPT4_OAS40	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 4, .oas = 40 }
#define CFG_NPT4	{ .format = AXAS_FORMAT_AMD_NPT, .levels = 4 }
#define CFG_NPT5	{ .format = AXAS_FORMAT_AMD_NPT, .levels = 5 }
#define CFG_NPT4_OAS40	{ .format = AXAS_FORMAT_AMD_NPT, .levels = 4, .oas = 40 }
#define CFG_S2_40	{ .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3 }
#define CFG_S2_48	{ .format = AXAS_FORMAT_ARM_S2, .ias = 48, .levels = 4 }
#define CFG_S2_40_OAS40	{ .format = AXAS_FORMAT_ARM_S2, .ias = 40, .oas = 40 }
#define CFG_SV39	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 }
#define CFG_SV48	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 4 }
#define CFG_SV57	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 5 }
#define CFG_SV39_OAS40	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, \
			  .levels = 3, .oas = 40 }

/* The raw entry's address field [manuals]: x86 51:12, Arm 47:12, RV PPN. */
static u64 inv_raw_pa(u32 format, u64 pte)
{
	switch (format) {
	case AXAS_FORMAT_ARM_S2:
		return pte & GENMASK_ULL(47, 12);
	case AXAS_FORMAT_RISCV_G:
		return (pte & GENMASK_ULL(53, 10)) << 2;
	default:
		return pte & GENMASK_ULL(51, 12);
	}
}

/* An address in the raw entry's address field. */
static u64 inv_raw_addr(u32 format, u64 pa)
{
	return format == AXAS_FORMAT_RISCV_G ? pa >> 2 : pa;
}

/* ---------------------------------------------------------- the cases */

enum inv_kind {
	INV_LEAF,	/* a leaf at @level: its address, then @bits */
	INV_TABLE,	/* the table entry at @level on a path: its address, @bits */
	INV_TABLE0,	/* a table entry at level 0, pointing at a zeroed page */
};

/**
 * struct inv_case - one invalid entry.
 * @name: for humans.
 * @cfg: the table's configuration.
 * @kind: what is planted where, see enum inv_kind.
 * @level: the level of the planted entry.
 * @bits: every bit of the planted entry but its address (leaves: the
 *	address of inv_hpa[@level], tables: the child the path had), raw.
 * @oas: the only fault is an output address above the table's output
 *	size, which the format's decode_leaf cannot know.
 *
 * What each operation must return follows from @kind and @level, see
 * inv_expect().
 */
struct inv_case {
	const char *name;
	struct axpt_cfg cfg;
	enum inv_kind kind;
	u8 level;
	u64 bits;
	bool oas;
};

#define LEAF(n, c, l, b)	{ n, c, INV_LEAF, l, b, false }
#define LEAF_OAS(n, c, l, b)	{ n, c, INV_LEAF, l, b, true }
#define TABLE(n, c, l, b)	{ n, c, INV_TABLE, l, b, false }
#define TABLE0(n, c, b)		{ n, c, INV_TABLE0, 0, b, false }

static const struct inv_case inv_cases[] = {
	/*
	 * EPT [SDM]: R 0x1, W 0x2, X 0x4, MT << 3, IPAT 0x40, PS 0x80. The
	 * valid leaf bits would be 0x73 (RW, WB, IPAT) and 0xf3 with PS.
	 */
	LEAF("ept-mt2-4k", CFG_EPT4, 0, 0x53),		/* RW MT=2 IPAT */
	LEAF("ept-mt3-2m", CFG_EPT4, 1, 0xdb),		/* RW MT=3 IPAT PS */
	LEAF("ept-mt7-1g", CFG_EPT4, 2, 0xfb),		/* RW MT=7 IPAT PS */
	LEAF("ept-mt4-wt-4k", CFG_EPT4, 0, 0x63),	/* WT: never written */
	LEAF("ept-no-ipat-4k", CFG_EPT4, 0, 0x33),	/* never written */
	LEAF("ept-w-only-4k", CFG_EPT4, 0, 0x72),	/* W, no R: misconfig */
	LEAF("ept-wx-2m", CFG_EPT4, 1, 0xf6),		/* W X, no R */
	TABLE("ept-table-w-only-l1", CFG_EPT4, 1, 0x2),	/* W, no R: misconfig */
	TABLE("ept-table-r-only-l2", CFG_EPT4, 2, 0x1),	/* restricts the leaves */
	LEAF("ept-pml4e-ps", CFG_EPT4, 3, 0xf7),	/* PS reserved in a PML4E */
	LEAF("ept-pml5e-ps", CFG_EPT5, 4, 0xf7),	/* ... and in a PML5E */
	TABLE("ept-pml4e-bit3", CFG_EPT4, 3, 0x0f),	/* 7:3 reserved */
	TABLE("ept-pml5e-bit4", CFG_EPT5, 4, 0x17),
	TABLE("ept-pde-bit6", CFG_EPT4, 1, 0x47),
	LEAF("ept-2m-bit12", CFG_EPT4, 1, 0xf3 | BIT_ULL(12)),	/* 20:12 */
	LEAF("ept-1g-bit29", CFG_EPT4, 2, 0xf3 | BIT_ULL(29)),	/* 29:12 */
	LEAF_OAS("ept-oas40-4k", CFG_EPT4_OAS40, 0, 0x73 | BIT_ULL(40)),

	/*
	 * NPT [APM]: P 0x1, R/W 0x2, U/S 0x4, PWT 0x8, PCD 0x10, PS 0x80. The
	 * valid leaf bits would be 0x07 (P RW US, WB) and 0x87 with PS.
	 */
	LEAF("npt-us-clear-4k", CFG_NPT4, 0, 0x03),
	LEAF("npt-us-clear-2m", CFG_NPT4, 1, 0x83),
	TABLE("npt-table-us-clear-l1", CFG_NPT4, 1, 0x03),
	TABLE("npt-table-us-clear-l3", CFG_NPT4, 3, 0x03),
	TABLE("npt-table-rw-clear-l2", CFG_NPT4, 2, 0x05),	/* restricts */
	TABLE("npt-table-nx-l1", CFG_NPT4, 1, 0x07 | BIT_ULL(63)),
	LEAF("npt-pml4e-ps", CFG_NPT4, 3, 0x87),		/* PS MBZ */
	LEAF("npt-pml5e-ps", CFG_NPT5, 4, 0x87),
	TABLE("npt-pml4e-bit8", CFG_NPT4, 3, 0x07 | BIT_ULL(8)),	/* MBZ */
	LEAF("npt-2m-bit13", CFG_NPT4, 1, 0x87 | BIT_ULL(13)),	/* 20:13 MBZ */
	LEAF("npt-1g-bit29", CFG_NPT4, 2, 0x87 | BIT_ULL(29)),	/* 29:13 MBZ */
	LEAF("npt-1g-pat", CFG_NPT4, 2, 0x87 | BIT_ULL(12)),	/* never written */
	LEAF("npt-4k-pat", CFG_NPT4, 0, 0x87),		/* bit 7: PAT here */
	LEAF("npt-4k-pcd-no-pwt", CFG_NPT4, 0, 0x17),	/* PAT entry 2 */
	LEAF_OAS("npt-oas40-2m", CFG_NPT4_OAS40, 1, 0x87 | BIT_ULL(40)),

	/*
	 * Arm stage 2 [ARM]: page 0x3 / block 0x1, MemAttr << 2, S2AP R 0x40
	 * W 0x80, SH 0x300 (inner), AF 0x400, XN bit 54. The valid WB RW
	 * leaf bits would be 0x7ff (page) and 0x7fd (block).
	 */
	LEAF("s2-memattr-0100-4k", CFG_S2_40, 0, 0x7d3),	/* reserved */
	LEAF("s2-memattr-1000-2m", CFG_S2_40, 1, 0x7e1),	/* reserved */
	LEAF("s2-memattr-1100-1g", CFG_S2_40, 2, 0x7f1),	/* reserved */
	LEAF("s2-memattr-0000-4k", CFG_S2_40, 0, 0x7c3),	/* nGnRnE */
	LEAF("s2-af-clear-4k", CFG_S2_40, 0, 0x3ff),
	LEAF("s2-af-clear-2m", CFG_S2_40, 1, 0x3fd),
	LEAF("s2-sh-01-4k", CFG_S2_40, 0, 0x5ff),		/* reserved */
	LEAF("s2-block-at-arm-l3", CFG_S2_40, 0, 0x7fd),	/* 0b01: invalid */
	LEAF("s2-block-at-arm-l0", CFG_S2_48, 3, 0x7fd),	/* no 512 GiB blocks */
	TABLE0("s2-table-at-arm-l3", CFG_S2_40, 0x3),	/* a page: AF, MemAttr 0 */
	TABLE("s2-table-bit59", CFG_S2_40, 1, 0x3 | BIT_ULL(59)),	/* RES0 */
	TABLE("s2-table-bit48", CFG_S2_40, 2, 0x3 | BIT_ULL(48)),	/* RES0 */
	TABLE("s2-table-bit63-l3", CFG_S2_48, 3, 0x3 | BIT_ULL(63)),	/* RES0 */
	LEAF("s2-leaf-bit48-4k", CFG_S2_40, 0, 0x7ff | BIT_ULL(48)),	/* RES0 */
	LEAF("s2-2m-bit12", CFG_S2_40, 1, 0x7fd | BIT_ULL(12)),	/* RES0 */
	LEAF("s2-contiguous-4k", CFG_S2_40, 0, 0x7ff | BIT_ULL(52)),
	LEAF("s2-dbm-ro-4k", CFG_S2_40, 0, 0x77f | BIT_ULL(51)),
	LEAF("s2-xn0-4k", CFG_S2_40, 0, 0x7ff | BIT_ULL(53)),
	LEAF("s2-no-access-4k", CFG_S2_40, 0, 0x73f | BIT_ULL(54)),
	LEAF_OAS("s2-oas40-1g", CFG_S2_40_OAS40, 2, 0x7fd | BIT_ULL(40)),

	/*
	 * RISC-V G-stage [RV]: V 0x1, R 0x2, W 0x4, X 0x8, U 0x10, A 0x40,
	 * D 0x80; the PPN from bit 10 (PA bit 12). The valid RW WB leaf bits
	 * would be 0xd7.
	 */
	LEAF("rv-w-only-4k", CFG_SV39, 0, 0xd5),		/* reserved */
	LEAF("rv-wx-2m", CFG_SV39, 1, 0xdd),			/* reserved */
	LEAF("rv-u-clear-4k", CFG_SV39, 0, 0xc7),
	LEAF("rv-u-clear-1g", CFG_SV39, 2, 0xc7),
	LEAF("rv-a-clear-4k", CFG_SV39, 0, 0x13),		/* R U, no A */
	LEAF("rv-d-clear-4k", CFG_SV39, 0, 0x57),		/* W, no D */
	LEAF("rv-terapage", CFG_SV48, 3, 0xd7),		/* above 1 GiB */
	LEAF("rv-petapage", CFG_SV57, 4, 0xd7),
	TABLE0("rv-nonleaf-at-l0", CFG_SV39, 0x1),		/* V, R=W=X=0 */
	LEAF("rv-pbmt3-4k", CFG_SV39, 0, 0xd7 | (3ULL << 61)),	/* reserved */
	LEAF("rv-napot-4k", CFG_SV39, 0, 0xd7 | BIT_ULL(63)),	/* N */
	LEAF("rv-bit54-2m", CFG_SV39, 1, 0xd7 | BIT_ULL(54)),	/* reserved */
	LEAF("rv-misaligned-2m", CFG_SV39, 1, 0xd7 | BIT_ULL(10)),
	LEAF("rv-misaligned-1g", CFG_SV39, 2, 0xd7 | BIT_ULL(27)),
	TABLE("rv-table-u", CFG_SV39, 1, 0x11),
	TABLE("rv-table-a-d", CFG_SV39, 2, 0xc1),
	TABLE("rv-table-pbmt", CFG_SV39, 1, 0x1 | BIT_ULL(61)),
	TABLE("rv-table-napot", CFG_SV39, 2, 0x1 | BIT_ULL(63)),
	TABLE("rv-table-bit60-l3", CFG_SV48, 3, 0x1 | BIT_ULL(60)),
	LEAF_OAS("rv-oas40-4k", CFG_SV39_OAS40, 0, 0xd7 | BIT_ULL(38)),
};

static void inv_case_desc(const struct inv_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(inv_case, inv_cases, inv_case_desc);

/*
 * What the operations return on each kind of case. A table entry above
 * level 0 is no leaf (decode_leaf: -ENOENT); a map through it is refused
 * (-EINVAL), a map onto anything else present exists (-EEXIST). An unmap
 * cannot remove what it would have to follow or count (an invalid table
 * entry, a leaf above 1 GiB), but removes a whole entry of a size the
 * engine has, whatever its bits.
 */
struct inv_expect {
	int decode;
	int map;
	int unmap_whole;
};

static struct inv_expect inv_expect(const struct inv_case *c)
{
	struct inv_expect e = { -EINVAL, -EEXIST, 0 };

	if (c->oas)
		e.decode = 0;
	if (c->kind == INV_TABLE) {
		e.decode = -ENOENT;
		e.map = -EINVAL;
	}
	if (c->kind == INV_TABLE || c->level > AXPT_MAX_LEAF_LEVEL)
		e.unmap_whole = -EINVAL;
	return e;
}

/* ------------------------------------------------------------- helpers */

static long inv_live_before;

static int inv_test_init(struct kunit *test)
{
	rcu_barrier();
	inv_live_before = axpt_linux_live_pages();
	return 0;
}

static void inv_test_exit(struct kunit *test)
{
	rcu_barrier();
	KUNIT_EXPECT_EQ_MSG(test, axpt_linux_live_pages(), inv_live_before,
			    "table pages leaked");
}

/*
 * The slot of the entry for @gpa at @level: from the root, through the
 * address fields of the table entries on the way (the manuals' layout).
 */
static u64 *inv_slot(struct kunit *test, const struct axpt *pt, u64 gpa,
		     unsigned int level)
{
	unsigned int l = pt->levels - 1;
	u64 *tbl = pt->root;

	for (;;) {
		unsigned int bits = l == pt->levels - 1U ? pt->top_bits : 9;
		u64 *slot = &tbl[(gpa >> (12 + 9 * l)) & ((1ULL << bits) - 1)];

		if (l == level)
			return slot;
		KUNIT_ASSERT_TRUE_MSG(test, *slot, "no table at level %u", l);
		tbl = __va(inv_raw_pa(pt->fmt->id, *slot));
		l--;
	}
}

#define INV_MAX_VISITS	64

struct inv_visit {
	unsigned int level;
	u64 gpa, pte;
	bool leaf;
};

struct inv_walk {
	unsigned int n;
	struct inv_visit v[INV_MAX_VISITS];
};

static int inv_walk_fn(void *arg, unsigned int level, u64 gpa, u64 pte,
		       bool leaf)
{
	struct inv_walk *w = arg;

	if (w->n == INV_MAX_VISITS)
		return -ENOSPC;
	w->v[w->n++] = (struct inv_visit){ level, gpa, pte, leaf };
	return 0;
}

#define INV_SNAP_CAP	(3 * INV_MAX_VISITS)

/* A pattern that no result of the engine has: "nothing written". */
#define INV_POISON	0xa5

static bool inv_poisoned(const void *p, size_t n)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != INV_POISON)
			return false;
	return true;
}

/*
 * The Linux HAL with a phys_to_virt of its own: the engine's walks through
 * the HAL (pt_query_hal(), the batch's loop of them) are other code.
 */
static void *inv_hal_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	return axpt_linux_mm_ops.alloc_table(ctx, order, pa);
}

static void inv_hal_free(void *ctx, void *va, unsigned int order,
			 bool deferred)
{
	axpt_linux_mm_ops.free_table(ctx, va, order, deferred);
}

static void *inv_hal_p2v(void *ctx, phys_addr_t pa)
{
	return __va(pa);
}

/* The test swaps it in for the Linux HAL: the same tables, counts too. */
static const struct axpt_mm_ops inv_p2v_ops = {
	.alloc_table = inv_hal_alloc,
	.free_table = inv_hal_free,
	.phys_to_virt = inv_hal_p2v,
	.table_count = axpt_linux_table_count,
};

/* ---------------------------------------------------------- the test */

/* The planted entry's range, and addresses inside it. */
struct inv_where {
	u64 base;	/* first byte the planted entry maps or covers */
	u64 size;
	u64 mid;	/* a byte in its middle: the queries' address */
	u64 page;	/* the 4 KiB page around @mid */
};

/* The level of the table that holds the planted entry. */
static unsigned int inv_level(const struct inv_case *c)
{
	return c->kind == INV_TABLE0 ? 0 : c->level;
}

/*
 * Build the tables the case needs and plant its entry. Returns the slot;
 * *@orig is what it held (to restore), *@bad what it holds now.
 */
static u64 *inv_plant(struct kunit *test, struct axpt *pt,
		      const struct inv_case *c, const struct inv_where *w,
		      u64 zero_pa, u64 *orig, u64 *bad)
{
	u32 f = c->cfg.format;
	u64 *slot;

	switch (c->kind) {
	case INV_LEAF:
		if (c->level <= AXPT_MAX_LEAF_LEVEL) {
			KUNIT_ASSERT_EQ(test, axpt_map(pt, w->base,
						       inv_hpa[c->level],
						       w->size, RW_WB, 0), 0);
		} else {
			/* tables down to the slot: a page in the next entry */
			KUNIT_ASSERT_EQ(test, axpt_map(pt, w->base + w->size,
						       inv_hpa[0], SZ_4K,
						       RW_WB, 0), 0);
		}
		slot = inv_slot(test, pt, w->base, c->level);
		*bad = inv_raw_addr(f, inv_hpa[c->level]) | c->bits;
		break;
	case INV_TABLE:
		KUNIT_ASSERT_EQ(test, axpt_map(pt, w->page, inv_hpa[0], SZ_4K,
					       RW_WB, 0), 0);
		slot = inv_slot(test, pt, w->page, c->level);
		*bad = inv_raw_addr(f, inv_raw_pa(f, *slot)) | c->bits;
		break;
	default:
		KUNIT_ASSERT_EQ(test, axpt_map(pt, w->page, inv_hpa[0], SZ_4K,
					       RW_WB, 0), 0);
		slot = inv_slot(test, pt, w->page, 0);
		*bad = inv_raw_addr(f, zero_pa) | c->bits;
		break;
	}
	*orig = READ_ONCE(*slot);
	pt->fmt->store_raw(pt, slot, inv_level(c), *bad);
	return slot;
}

/* The walk visits the planted entry, and nothing under it. */
static void inv_check_walk(struct kunit *test, struct axpt *pt,
			   const struct inv_case *c, const struct inv_where *w,
			   u64 bad, struct inv_walk *walk)
{
	unsigned int i, seen = 0;

	walk->n = 0;
	KUNIT_EXPECT_EQ(test, axpt_walk(pt, 0, 1ULL << pt->ias, inv_walk_fn,
					walk), -EINVAL);
	for (i = 0; i < walk->n; i++) {
		const struct inv_visit *v = &walk->v[i];

		KUNIT_EXPECT_LT(test, v->level, (unsigned int)pt->levels);
		if (v->level == c->level && v->gpa == w->base) {
			KUNIT_EXPECT_EQ(test, v->pte, bad);
			seen++;
		} else if (v->gpa >= w->base && v->gpa - w->base < w->size) {
			KUNIT_EXPECT_GT_MSG(test, v->level, (unsigned int)c->level,
					    "visited level %u gpa %#llx under it",
					    v->level, v->gpa);
		}
	}
	KUNIT_EXPECT_EQ(test, seen, 1U);
	/* a range without it is fine */
	walk->n = 0;
	KUNIT_EXPECT_EQ(test, axpt_walk(pt, OTHER_GPA, SZ_4K, inv_walk_fn,
					walk), 0);
	KUNIT_EXPECT_EQ(test, walk->n, (unsigned int)pt->levels);
}

/* No translation from the planted entry, and nothing written. */
static void inv_check_reads(struct kunit *test, struct axpt *pt,
			    const struct inv_where *w)
{
	u64 hpa, hpas[3], gpas[3] = { OTHER_GPA + 0x10, w->mid, OTHER_GPA };
	struct { u64 hpa, size; u32 attr; } x;
	struct axpt_leaf q;

	memset(&q, INV_POISON, sizeof(q));
	KUNIT_EXPECT_EQ(test, axpt_query(pt, w->mid, &q), -EINVAL);
	KUNIT_EXPECT_TRUE(test, inv_poisoned(&q, sizeof(q)));
	memset(&hpa, INV_POISON, sizeof(hpa));
	KUNIT_EXPECT_EQ(test, axpt_translate(pt, w->mid, &hpa), -EINVAL);
	KUNIT_EXPECT_TRUE(test, inv_poisoned(&hpa, sizeof(hpa)));
	memset(&x, INV_POISON, sizeof(x));
	KUNIT_EXPECT_EQ(test, axpt_translate_attr(pt, w->mid, &x.hpa, &x.size,
						  &x.attr), -EINVAL);
	KUNIT_EXPECT_TRUE(test, inv_poisoned(&x, sizeof(x)));
	KUNIT_EXPECT_EQ(test, axpt_translate_batch(pt, gpas, hpas, 3), 1U);
	KUNIT_EXPECT_EQ(test, hpas[0], OTHER_HPA + 0x10);
}

static void pt_invalid_entry(struct kunit *test)
{
	const struct inv_case *c = test->param_value;
	const struct inv_expect e = inv_expect(c);
	u64 *snap_a, *snap_b, *slot, orig, bad;
	struct pt_snap before, after;
	long tables, leaves[AXPT_MAX_LEAF_LEVEL + 1];
	struct inv_walk *walk;
	struct axpt_gather fl;
	struct axpt_leaf q;
	struct inv_where w;
	phys_addr_t zero_pa;
	void *zero;
	struct axpt pt;
	unsigned int l;
	int ret;

	snap_a = kunit_kcalloc(test, INV_SNAP_CAP, sizeof(u64), GFP_KERNEL);
	snap_b = kunit_kcalloc(test, INV_SNAP_CAP, sizeof(u64), GFP_KERNEL);
	walk = kunit_kzalloc(test, sizeof(*walk), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, snap_a);
	KUNIT_ASSERT_NOT_NULL(test, snap_b);
	KUNIT_ASSERT_NOT_NULL(test, walk);
	before = (struct pt_snap){ .cap = INV_SNAP_CAP, .e = snap_a };
	after = (struct pt_snap){ .cap = INV_SNAP_CAP, .e = snap_b };

	/* a zeroed page for table entries at level 0 to point at */
	zero = axpt_linux_mm_ops.alloc_table(NULL, 0, &zero_pa);
	KUNIT_ASSERT_NOT_NULL(test, zero);
	ret = axpt_init(&pt, &c->cfg, &axpt_linux_mm_ops, NULL);
	if (ret) {
		axpt_linux_mm_ops.free_table(NULL, zero, 0, false);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	w.base = 1ULL << (pt.ias - 1);
	w.size = inv_size(c->level);
	w.mid = w.base + w.size / 2 + 0x123;
	w.page = w.mid & ~(u64)(SZ_4K - 1);
	KUNIT_ASSERT_EQ(test, axpt_map(&pt, OTHER_GPA, OTHER_HPA, SZ_4K, RW_WB,
				       0), 0);
	slot = inv_plant(test, &pt, c, &w, zero_pa, &orig, &bad);
	tables = atomic_long_read(&pt.nr_tables);
	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		leaves[l] = axpt_nr_leaves(&pt, l);
	/* the walk sees every entry, the invalid one too, and says so */
	KUNIT_EXPECT_EQ(test, pt_snap_walk(&pt, &before), -EINVAL);

	/* the format's decoder */
	memset(&q, INV_POISON, sizeof(q));
	ret = pt.fmt->decode_leaf(bad, c->level, &q);
	KUNIT_EXPECT_EQ_MSG(test, ret, e.decode, "decode_leaf(%#llx, %u)", bad,
			    c->level);
	if (ret)
		KUNIT_EXPECT_TRUE(test, inv_poisoned(&q, sizeof(q)));

	inv_check_reads(test, &pt, &w);
	/* the same through a HAL that translates table addresses */
	pt.mm = &inv_p2v_ops;
	pt.hal_p2v = !!pt.mm->phys_to_virt;
	pt.walk = 0;
	inv_check_reads(test, &pt, &w);
	inv_check_walk(test, &pt, c, &w, bad, walk);
	pt.mm = &axpt_linux_mm_ops;
	pt.hal_p2v = !!pt.mm->phys_to_virt;
	pt.walk = pt.hal_p2v ? 0 : pt.levels;
	inv_check_walk(test, &pt, c, &w, bad, walk);

	/* refusals in the first pass: -EINVAL, never -ENOMEM */
	if (c->level) {
		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, w.page, SZ_4K, ptg(&fl, &pt)),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, axpt_protect(&pt, w.page, SZ_4K, R_WB, ptg(&fl, &pt)),
				-EINVAL);
	}
	KUNIT_EXPECT_EQ(test, axpt_protect(&pt, w.base, w.size, R_WB, ptg(&fl, &pt)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_protect(&pt, 0, 1ULL << pt.ias, RW_WB, ptg(&fl, &pt)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axpt_map(&pt, c->level ? w.page + SZ_4K : w.base,
				       inv_hpa[0], SZ_4K, RW_WB, 0), e.map);
	if (e.unmap_whole) {
		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, w.base, w.size, ptg(&fl, &pt)),
				e.unmap_whole);
		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, 0, 1ULL << pt.ias, ptg(&fl, &pt)),
				e.unmap_whole);
	}

	/* and nothing changed */
	KUNIT_EXPECT_EQ(test, READ_ONCE(*slot), bad);
	KUNIT_EXPECT_EQ(test, pt_snap_walk(&pt, &after), -EINVAL);
	KUNIT_EXPECT_TRUE(test, pt_snap_same(&before, &after));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), tables);
	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, l), leaves[l]);
	KUNIT_EXPECT_EQ(test, axpt_query(&pt, OTHER_GPA, &q), 0);
	KUNIT_EXPECT_EQ(test, q.hpa, OTHER_HPA);

	if (!e.unmap_whole) {
		/* an entry of a size the engine has is removed whole */
		KUNIT_EXPECT_EQ(test, axpt_unmap(&pt, w.base, w.size, ptg(&fl, &pt)), 0);
		KUNIT_EXPECT_LE(test, fl.start, w.base);
		KUNIT_EXPECT_GE(test, fl.end, w.base + w.size);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, w.mid, &q), -ENOENT);
	} else {
		pt.fmt->store_raw(&pt, slot, inv_level(c), orig);
		/* a table entry led to a 4 KiB page; a leaf above 1 GiB was none */
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, w.mid, &q),
				c->kind == INV_TABLE ? 0 : -ENOENT);
	}
	walk->n = 0;
	KUNIT_EXPECT_EQ(test, axpt_walk(&pt, 0, 1ULL << pt.ias, inv_walk_fn,
					walk), 0);
	axpt_destroy(&pt);
	axpt_linux_mm_ops.free_table(NULL, zero, 0, false);
}

/* ------------------------------------------- every field of a result */

static const struct axpt_cfg inv_field_cfgs[] = {
	CFG_EPT4, CFG_EPT5, CFG_NPT4, CFG_NPT5,
	{ .format = AXAS_FORMAT_INTEL_EPT, .flags = AXPT_CFG_EPT_AD, .levels = 4 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 32, .levels = 2 },
	CFG_S2_40, CFG_S2_48, CFG_SV39, CFG_SV48, CFG_SV57,
};

static void inv_field_cfg_desc(const struct axpt_cfg *c, char *desc)
{
	static const char *const names[] = {
		[AXAS_FORMAT_INTEL_EPT] = "ept", [AXAS_FORMAT_AMD_NPT] = "npt",
		[AXAS_FORMAT_ARM_S2] = "arm-s2", [AXAS_FORMAT_RISCV_G] = "riscv-g",
	};

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s%s levels %u ias %u",
		 names[c->format], c->flags & AXPT_CFG_EPT_AD ? "-ad" : "",
		 c->levels, c->ias);
}

KUNIT_ARRAY_PARAM(inv_field_cfg, inv_field_cfgs, inv_field_cfg_desc);

/*
 * The leaf the manual says for @hpa, @prot, @mem at @level, written out
 * here from the bit layouts (see the top of this file) and the design's
 * memory types (WB, NC, DEVICE: EPT MT 6, 1, 0 with IPAT; NPT PAT entries
 * 0, 1, 3 through PCD:PWT; Arm MemAttr 0b1111, 0b0101, 0b0001; RISC-V
 * PBMT 0, 1, 2), never by the encoder.
 */
static u64 inv_manual_leaf(u32 format, u64 hpa, u32 prot, u32 mem,
			   unsigned int level)
{
	bool r = prot & AXAS_PROT_READ, w = prot & AXAS_PROT_WRITE;
	bool x = prot & AXAS_PROT_EXEC;
	static const u64 ept_mt[] = { 6, 1, 0 };
	static const u64 npt_cache[] = { 0, 0x8, 0x18 };
	static const u64 s2_memattr[] = { 0xf, 0x5, 0x1 };
	u64 v;

	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
		v = hpa | r | w << 1 | x << 2 | ept_mt[mem] << 3 | 0x40;
		return level ? v | 0x80 : v;
	case AXAS_FORMAT_AMD_NPT:
		v = hpa | 0x1 | w << 1 | 0x4 | npt_cache[mem];
		if (level)
			v |= 0x80;
		return x ? v : v | BIT_ULL(63);
	case AXAS_FORMAT_ARM_S2:
		v = hpa | (level ? 0x1 : 0x3) | s2_memattr[mem] << 2 |
		    r << 6 | w << 7 | 0x300 | 0x400;
		return x ? v : v | BIT_ULL(54);
	default:
		return hpa >> 2 | 0x1 | r << 1 | w << 2 | x << 3 | 0x10 |
		       0x40 | (w ? 0x80 : 0) | (u64)mem << 61;
	}
}

/*
 * The accessed and dirty bits a leaf that a map installed has, where the
 * hardware sets them (NPT; EPT with A/D enabled in the EPTP): the engine
 * presets A, and D when the leaf is writable, so that the hardware never
 * writes them (engine.rst). NPT: A bit 5, D bit 6 (AMD APM vol. 2,
 * long-mode PTE); EPT: A bit 8, D bit 9 (Intel SDM, EPT PTE).
 */
static u64 inv_manual_preset(const struct axpt_cfg *cfg, u32 prot)
{
	bool w = prot & AXAS_PROT_WRITE;

	if (cfg->format == AXAS_FORMAT_AMD_NPT)
		return 0x20 | (w ? 0x40 : 0);
	if (cfg->format == AXAS_FORMAT_INTEL_EPT && (cfg->flags & AXPT_CFG_EPT_AD))
		return 0x100 | (w ? 0x200 : 0);
	return 0;
}

/*
 * One leaf of each size, each queried from its first byte, its middle and
 * its last byte: every field of struct axpt_leaf, decode_leaf's fields,
 * axpt_translate(), axpt_translate_attr() and a batch.
 */
static void pt_leaf_fields(struct kunit *test)
{
	static const struct {
		u64 gpa_off;	/* from the top GPA bit */
		u64 hpa;
		u32 prot, mem;
	} leaf[] = {
		/* high HPA bits set to catch masking */
		{ 0x0000000040000000ULL + 0x00a00000 + 0x7000,
		  0x0000123456789000ULL, AXAS_PROT_READ | AXAS_PROT_WRITE,
		  AXAS_MEM_WB },
		{ 0x0000000040000000ULL + 0x00600000,
		  0x0000123456600000ULL, AXAS_PROT_READ | AXAS_PROT_EXEC,
		  AXAS_MEM_NC },
		/* device memory is never executable */
		{ 0, 0x0000123440000000ULL, AXAS_PROT_READ | AXAS_PROT_WRITE,
		  AXAS_MEM_DEVICE },
	};
	const struct axpt_cfg *cfg = test->param_value;
	unsigned int level, top, k;
	struct axpt pt;

	KUNIT_ASSERT_EQ(test, axpt_init(&pt, cfg, &axpt_linux_mm_ops, NULL), 0);
	/* a 2-level Arm table has no 1 GiB level */
	top = pt.levels > 2 ? 2 : 1;
	for (level = 0; level <= top; level++) {
		u64 base = (1ULL << (pt.ias - 1)) + leaf[level].gpa_off;
		u64 size = inv_size(level), pte;
		u32 attr = AXPT_ATTR(leaf[level].prot, leaf[level].mem);

		pte = inv_manual_leaf(cfg->format, leaf[level].hpa,
				      leaf[level].prot, leaf[level].mem, level) |
		      inv_manual_preset(cfg, leaf[level].prot);
		KUNIT_ASSERT_EQ(test, axpt_map(&pt, base, leaf[level].hpa, size,
					       attr, 0), 0);
		for (k = 0; k < 3; k++) {
			u64 off = k == 0 ? 0 : k == 1 ? size / 2 + 0x123 : size - 1;
			u64 hpa, gpa = base + off, hpas[2], gpas[2] = { gpa, gpa };
			struct axpt_leaf q;
			u64 xsize;
			u32 xattr;

			memset(&q, INV_POISON, sizeof(q));
			KUNIT_ASSERT_EQ(test, axpt_query(&pt, gpa, &q), 0);
			KUNIT_EXPECT_EQ(test, q.gpa_base, base);
			KUNIT_EXPECT_EQ(test, q.hpa, leaf[level].hpa + off);
			KUNIT_EXPECT_EQ(test, q.level, level);
			KUNIT_EXPECT_EQ(test, q.attr, attr);
			KUNIT_EXPECT_EQ(test, q.pte, pte);
			KUNIT_EXPECT_EQ(test, axpt_translate(&pt, gpa, &hpa), 0);
			KUNIT_EXPECT_EQ(test, hpa, leaf[level].hpa + off);
			hpa = 0;
			xsize = 0;
			xattr = ~0U;
			KUNIT_EXPECT_EQ(test, axpt_translate_attr(&pt, gpa, &hpa,
								  &xsize, &xattr), 0);
			KUNIT_EXPECT_EQ(test, hpa, leaf[level].hpa + off);
			KUNIT_EXPECT_EQ(test, xsize, size);
			KUNIT_EXPECT_EQ(test, xattr, attr);
			KUNIT_EXPECT_EQ(test, axpt_translate_batch(&pt, gpas,
								   hpas, 2), 2U);
			KUNIT_EXPECT_EQ(test, hpas[1], leaf[level].hpa + off);
		}
		{
			struct axpt_leaf d;

			memset(&d, INV_POISON, sizeof(d));
			KUNIT_EXPECT_EQ(test, pt.fmt->decode_leaf(pte, level, &d), 0);
			KUNIT_EXPECT_EQ(test, d.hpa, leaf[level].hpa);
			KUNIT_EXPECT_EQ(test, d.level, level);
			KUNIT_EXPECT_EQ(test, d.attr, attr);
			KUNIT_EXPECT_EQ(test, d.pte, pte);
		}
	}
	axpt_destroy(&pt);
}

static struct kunit_case pt_invalid_cases[] = {
	KUNIT_CASE_PARAM(pt_invalid_entry, inv_case_gen_params),
	KUNIT_CASE_PARAM(pt_leaf_fields, inv_field_cfg_gen_params),
	{}
};

static struct kunit_suite pt_invalid_suite = {
	.name = "axaddrspace-pt-invalid",
	.init = inv_test_init,
	.exit = inv_test_exit,
	.test_cases = pt_invalid_cases,
};

kunit_test_suite(pt_invalid_suite);
