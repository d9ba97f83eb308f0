// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what a space is allowed to hold, chosen at creation. The
 * page-size policy (which of 4 KiB, 2 MiB and 1 GiB leaves may be used)
 * is honoured by linear maps, populate and lazy faults; RISC-V memory
 * types that need Svpbmt only with AXPT_CFG_SVPBMT; executable
 * device memory nowhere.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/sizes.h>
#include "axaddrspace/tests/as_test_hal.h"

#define ASP_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)

static void asp_test_pgsizes_engine(struct kunit *test)
{
	static const struct {
		u32 pgsizes;
		long leaves[3];	/* after mapping 1 GiB + 2 MiB + 4 KiB, aligned */
	} k[] = {
		{ 0, { 1, 1, 1 } },
		{ AXPT_PGSIZE_4K, { 262144 + 512 + 1, 0, 0 } },
		{ AXPT_PGSIZE_4K | AXPT_PGSIZE_2M, { 1, 512 + 1, 0 } },
		{ AXPT_PGSIZE_4K | AXPT_PGSIZE_1G, { 512 + 1, 0, 1 } },
	};
	unsigned int i, l;

	for (i = 0; i < ARRAY_SIZE(k); i++) {
		struct axpt_cfg cfg = { .format = AXAS_FORMAT_AMD_NPT,
					.pgsizes = k[i].pgsizes };
		struct axpt pt;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
		KUNIT_ASSERT_EQ(test, axpt_map(&pt, SZ_1G, SZ_1G, SZ_1G + SZ_2M + SZ_4K,
					       ASP_RW, 0), 0);
		for (l = 0; l < 3; l++)
			KUNIT_EXPECT_EQ_MSG(test, axpt_nr_leaves(&pt, l), k[i].leaves[l],
					    "policy %#x level %u", k[i].pgsizes, l);
		/* a fault-style single leaf of a forbidden size is refused */
		if (!(k[i].pgsizes & AXPT_PGSIZE_2M) && k[i].pgsizes)
			KUNIT_EXPECT_EQ(test, axpt_map(&pt, 4ULL * SZ_1G, 0, SZ_2M, ASP_RW,
						       AXPT_MAP_SHARED), -EINVAL);
		axpt_destroy(&pt);
	}
}

static void asp_test_pgsizes_bad(struct kunit *test)
{
	static const u32 bad[] = {
		AXPT_PGSIZE_2M,				/* no 4 KiB */
		AXPT_PGSIZE_2M | AXPT_PGSIZE_1G,
		AXPT_PGSIZE_4K | BIT(13),		/* not a leaf size */
		AXPT_PGSIZE_4K | BIT(31),		/* 2 GiB: none */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT, .pgsizes = bad[i] };
		struct axpt pt;

		KUNIT_EXPECT_EQ_MSG(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL),
				    -EINVAL, "pgsizes %#x", bad[i]);
	}
}

/* Lazy faults and populate use 4 KiB frames when 2 MiB leaves are out. */
static void asp_test_pgsizes_frames(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 40,
				.pgsizes = AXPT_PGSIZE_4K | AXPT_PGSIZE_1G };
	struct ast_tables tables = {};
	struct ast_hal hal = {};
	struct axas_fault_info fi;
	struct axas as;

	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), SZ_1G, &ast_table_ops,
					  &tables, &ast_frame_ops, &hal), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(0), SZ_4M, ASP_RW, false), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(SZ_4M), SZ_4M, ASP_RW, true), 0);
	KUNIT_ASSERT_EQ(test, axas_handle_fault(&as, axas_gpa(SZ_2M), AXAS_PROT_WRITE, &fi), 0);
	KUNIT_EXPECT_EQ(test, fi.result, (u32)AXAS_FAULT_MAPPED);
	KUNIT_EXPECT_EQ(test, fi.level, 0U);
	KUNIT_EXPECT_EQ(test, ast_nallocs_2m(&hal), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as.pt, 1), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as.pt, 0), (SZ_4M >> 12) + 1);
	axas_destroy(&as);
	KUNIT_EXPECT_EQ(test, ast_live(&hal), 0);
}

static void asp_test_svpbmt(struct kunit *test)
{
	static const u32 mem[] = { AXAS_MEM_WB, AXAS_MEM_NC, AXAS_MEM_DEVICE };
	unsigned int with, m;

	for (with = 0; with < 2; with++) {
		struct axpt_cfg cfg = { .format = AXAS_FORMAT_RISCV_G, .levels = 3,
					.flags = with ? AXPT_CFG_SVPBMT : 0 };
		struct axpt pt;

		KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
		for (m = 0; m < ARRAY_SIZE(mem); m++) {
			u32 attr = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, mem[m]);
			/* without Svpbmt, PBMT bits are reserved: only WB */
			int want = with || mem[m] == AXAS_MEM_WB ? 0 : -EINVAL;

			KUNIT_EXPECT_EQ_MSG(test, axpt_map(&pt, m * SZ_2M, 0, SZ_2M, attr, 0),
					    want, "svpbmt %u mem %u", with, mem[m]);
		}
		axpt_destroy(&pt);
	}
	/* the flag belongs to RISC-V only */
	{
		struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT,
					.flags = AXPT_CFG_SVPBMT };
		struct axpt pt;

		KUNIT_EXPECT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), -EINVAL);
	}
}

/* Device memory is never executable: every format, every backend. */
static void asp_test_device_never_exec(struct kunit *test)
{
	static const struct axpt_cfg cfgs[] = {
		{ .format = AXAS_FORMAT_INTEL_EPT },
		{ .format = AXAS_FORMAT_AMD_NPT },
		{ .format = AXAS_FORMAT_ARM_S2, .ias = 40 },
		{ .format = AXAS_FORMAT_RISCV_G, .levels = 3, .flags = AXPT_CFG_SVPBMT },
	};
	const u32 dx = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_EXEC, AXAS_MEM_DEVICE);
	const u32 d = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_DEVICE);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cfgs); i++) {
		struct ast_tables tables = {};
		struct ast_hal hal = {};
		struct axas as;
		u64 pte;

		KUNIT_EXPECT_EQ(test, axpt_encode_leaf(axpt_format_get(cfgs[i].format), 0,
						       dx, 0, &pte), -EINVAL);
		KUNIT_ASSERT_EQ(test, axas_create(&as, &cfgs[i], axas_gpa(0), SZ_1G,
						  &ast_table_ops, &tables, &ast_frame_ops,
						  &hal), 0);
		KUNIT_EXPECT_EQ(test, axas_map_linear(&as, axas_gpa(0), axas_hpa(SZ_1G),
						      SZ_2M, dx), -EINVAL);
		KUNIT_EXPECT_EQ(test, axas_map_mmio(&as, axas_gpa(0), SZ_2M, dx), -EINVAL);
		KUNIT_EXPECT_EQ(test, axas_map_linear(&as, axas_gpa(0), axas_hpa(SZ_1G),
						      SZ_2M, d), 0);
		KUNIT_EXPECT_EQ(test, axas_protect(&as, axas_gpa(0), SZ_2M, dx, NULL), -EINVAL);
		axas_destroy(&as);
	}
}

static struct kunit_case asp_cases[] = {
	KUNIT_CASE(asp_test_pgsizes_engine),
	KUNIT_CASE(asp_test_pgsizes_bad),
	KUNIT_CASE(asp_test_pgsizes_frames),
	KUNIT_CASE(asp_test_svpbmt),
	KUNIT_CASE(asp_test_device_never_exec),
	{}
};

static struct kunit_suite asp_suite = {
	.name = "axaddrspace-policy",
	.test_cases = asp_cases,
};

kunit_test_suite(asp_suite);
