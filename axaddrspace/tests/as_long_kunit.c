// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: long operations on big spaces, for kernels with soft-lockup and
 * RCU-stall detection (make check's KUnit kernels): populate, fault, walk,
 * protect and unmap ranges sized from the machine's memory, and check
 * that each one did all of its work. A report from either detector fails
 * the run (scripts/kunit.sh); these cases only have to take long.
 *
 * Sizes: a quarter of RAM of populated 4 KiB frames (several GiB on a big
 * machine), and as many 4 KiB leaves as an eighth of RAM of leaf tables
 * holds, up to 1 TiB of them (each 4 KiB table maps 2 MiB).
 */
#include <kunit/test.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include "axaddrspace/tests/as_test_hal.h"

#define ASL_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define ASL_R		AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)

static u64 asl_ram(void)
{
	return (u64)totalram_pages() << PAGE_SHIFT;
}

struct asl_walk {
	u64 leaves;
	u64 tables;
	u64 last;
	bool order;
};

static int asl_walk_fn(void *arg, unsigned int level, u64 gpa, u64 pte, bool leaf)
{
	struct asl_walk *w = arg;

	if (!leaf) {
		w->tables++;
		return 0;
	}
	/* leaves come in address order, each once */
	if (w->leaves && gpa <= w->last)
		w->order = false;
	w->last = gpa;
	w->leaves++;
	return 0;
}

/* Map, walk and unmap a huge range of 4 KiB leaves (linear, no frames). */
static void asl_test_walk_huge(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4,
				.pgsizes = AXPT_PGSIZE_4K };
	u64 size = min_t(u64, SZ_1G * 1024ULL, asl_ram() / 8 / SZ_4K * SZ_2M);
	struct asl_walk w = { .order = true };
	struct axpt pt;

	size = round_down(size, SZ_1G);
	if (!size)
		kunit_skip(test, "not enough memory");
	kunit_info(test, "%llu GiB of 4 KiB leaves", size >> 30);
	KUNIT_ASSERT_EQ(test, axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL), 0);
	KUNIT_ASSERT_EQ(test, axpt_map(&pt, 0, SZ_1G * 1024ULL, size, ASL_RW, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 0), (long)(size >> 12));
	KUNIT_ASSERT_EQ(test, axpt_walk(&pt, 0, size, asl_walk_fn, &w), 0);
	KUNIT_EXPECT_EQ(test, w.leaves, size >> 12);
	/* every leaf table once, and the tables above them once */
	KUNIT_EXPECT_EQ(test, w.tables, (size >> 21) + (size >> 30) +
			DIV_ROUND_UP(size, 1ULL << 39));
	KUNIT_EXPECT_TRUE(test, w.order);
	KUNIT_ASSERT_EQ(test, axpt_protect(&pt, 0, size, ASL_R, NULL), 0);
	KUNIT_ASSERT_EQ(test, axpt_unmap(&pt, 0, size, NULL), 0);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&pt, 0), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables), 1);
	axpt_destroy(&pt);
}

/* Populate and fault a quarter of RAM of 4 KiB frames, then free it. */
static void asl_test_populate_big(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_ARM_S2, .ias = 44,
				.pgsizes = AXPT_PGSIZE_4K };
	u64 size = round_down(asl_ram() / 4, SZ_2M);
	struct ast_tables tables = {};
	struct ast_hal hal = {};
	struct axas_fault_info fi;
	struct axas as;
	u64 gpa;

	kunit_info(test, "%llu MiB populated, as much faulted", size >> 20);
	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), 2 * size,
					  &ast_table_ops, &tables, &ast_frame_ops,
					  &hal), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(0), size, ASL_RW, true), 0);
	KUNIT_EXPECT_EQ(test, axas_data_pages(&as), (long)(size >> 12));
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(size), size / 8, ASL_RW,
					     false), 0);
	for (gpa = size; gpa < size + size / 8; gpa += SZ_4K) {
		axas_handle_fault(&as, axas_gpa(gpa), AXAS_PROT_WRITE, &fi);
		if (fi.result != AXAS_FAULT_MAPPED) {
			KUNIT_FAIL(test, "fault %#llx: %u", gpa, fi.result);
			break;
		}
		if (!(gpa & (SZ_2M - 1)))
			cond_resched();
	}
	KUNIT_ASSERT_EQ(test, axas_protect(&as, axas_gpa(0), size, ASL_R, NULL), 0);
	KUNIT_ASSERT_EQ(test, axas_unmap(&as, axas_gpa(0), 2 * size, NULL), 0);
	KUNIT_EXPECT_EQ(test, ast_live(&hal), 0);
	axas_destroy(&as);
}

static struct kunit_case asl_cases[] = {
	KUNIT_CASE_SLOW(asl_test_walk_huge),
	KUNIT_CASE_SLOW(asl_test_populate_big),
	{}
};

static struct kunit_suite asl_suite = {
	.name = "axaddrspace-long",
	.test_cases = asl_cases,
};

kunit_test_suite(asl_suite);
