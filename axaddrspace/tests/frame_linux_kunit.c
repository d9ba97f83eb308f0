// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the Linux frame HAL (frame_linux.c), kernel only: what it
 * gives back is checked against the kernel's own page reference counts,
 * and what it counts against the pages allocated and freed.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include "axaddrspace/as.h"
#include "axaddrspace/space.h"

#define FL_PAGES	(SZ_2M / PAGE_SIZE)
#define FL_RW		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)

/*
 * Every page of the 2 MiB frame at @page holds @in_range references if it
 * is one of pages [@from, @to), @out otherwise.
 */
static void fl_expect_refs(struct kunit *test, struct page *page, unsigned long from,
			   unsigned long to, int in_range, int out)
{
	unsigned long i;

	for (i = 0; i < FL_PAGES; i++)
		KUNIT_EXPECT_EQ_MSG(test, page_ref_count(nth_page(page, i)),
				    i >= from && i < to ? in_range : out, "page %lu", i);
}

/*
 * free_range() puts exactly the pages it is given and takes exactly their
 * number off the HAL's live count. Every page of a 2 MiB frame first gets
 * a reference of the test's own, so a page the HAL puts is not freed but
 * drops to that one reference: the kernel's refcounts say which pages were
 * put, the live count how many were counted. Ranges: 8 pages inside the
 * frame, then its first 5, then the other 499 (more than one batch of the
 * page allocator's, and not a multiple of one).
 */
static void frame_linux_test_free_range(struct kunit *test)
{
	const struct axas_frame_ops *ops = &axas_linux_frame_ops;
	long live0 = axas_linux_live_frames();
	struct page *page;
	unsigned long i;
	u64 hpa;

	KUNIT_ASSERT_NOT_NULL(test, ops->free_range);
	if (ops->alloc(NULL, get_order(SZ_2M), &hpa))
		kunit_skip(test, "no 2 MiB frame available");
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0 + 512);
	page = pfn_to_page(PHYS_PFN(hpa));
	fl_expect_refs(test, page, 0, 0, 0, 1);
	for (i = 0; i < FL_PAGES; i++)
		get_page(nth_page(page, i));

	ops->free_range(NULL, hpa + 5 * PAGE_SIZE, 8);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0 + 504);
	fl_expect_refs(test, page, 5, 13, 1, 2);
	ops->free_range(NULL, hpa, 5);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0 + 499);
	fl_expect_refs(test, page, 0, 13, 1, 2);
	ops->free_range(NULL, hpa + 13 * PAGE_SIZE, 499);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0);
	fl_expect_refs(test, page, 0, FL_PAGES, 1, 2);
	for (i = 0; i < FL_PAGES; i++)
		put_page(nth_page(page, i));
}

/*
 * A space on the Linux HALs with two 2 MiB frames populated: the unmap of
 * one and the destroy of the other (both through free_range() when the
 * frames are 2 MiB) each bring the live count down by 512 pages, and the
 * table pages all come back.
 */
static void frame_linux_test_space(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	long live0 = axas_linux_live_frames(), tables0;
	struct axas_inval_info fl;
	struct axas_xlate t;
	struct axas as;

	rcu_barrier();	/* no table page of an earlier test still to go */
	tables0 = axpt_linux_live_pages();
	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), SZ_1G,
					  &axpt_linux_mm_ops, NULL,
					  &axas_linux_frame_ops, NULL), 0);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(&as, axas_gpa(SZ_2M), 2 * SZ_2M,
					     FL_RW, true), 0);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0 + 1024);
	KUNIT_EXPECT_EQ(test, axas_translate(&as, axas_gpa(SZ_2M), &t), 0);
	if (t.page_size != SZ_2M)
		kunit_info(test, "no 2 MiB frame for the space: 4 KiB frames used");
	KUNIT_EXPECT_EQ(test, axas_unmap(&as, axas_gpa(SZ_2M), SZ_2M, &fl), 0);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0 + 512);
	axas_destroy(&as);
	rcu_barrier();	/* table pages may go after a grace period */
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0);
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), tables0);
}

static const struct file_operations frame_linux_test_fops = {
	.owner = THIS_MODULE,
};

/*
 * A space made through the ioctl interface, limited to one 2 MiB frame's
 * 512 pages: its frame HAL gives the pages of an unmapped 2 MiB frame
 * back to the limit too (free_range()), so a second one fits after the
 * first is unmapped, and not while it is mapped.
 */
static void frame_linux_test_space_limit(struct kunit *test)
{
	struct axas_create c = {
		.size = sizeof(c),
		.format = AXAS_FORMAT_INTEL_EPT,
		.length = SZ_1G,
		.max_data_pages = FL_PAGES,
	};
	long live0 = axas_linux_live_frames();
	struct axas_inval_info fl;
	struct file *dev, *space;
	struct axas_xlate t;
	struct axas *as;
	int i;

	dev = anon_inode_getfile("axas-frame-test", &frame_linux_test_fops, NULL,
				 O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	space = axas_space_file(dev, &c);
	if (IS_ERR(space)) {
		__fput_sync(dev);
		KUNIT_FAIL(test, "axas_space_file(): %ld", PTR_ERR(space));
		return;
	}
	as = ((struct axas_space *)space->private_data)->as;
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(SZ_2M), SZ_2M,
						     FL_RW, true), 0);
		KUNIT_EXPECT_EQ(test, axas_map_alloc(as, axas_gpa(2 * SZ_2M), SZ_4K,
						     FL_RW, true), -ENOMEM);
		KUNIT_EXPECT_EQ(test, axas_translate(as, axas_gpa(SZ_2M), &t), 0);
		if (!i && t.page_size != SZ_2M)
			kunit_info(test, "no 2 MiB frame for the space: 4 KiB frames used");
		KUNIT_EXPECT_EQ(test, axas_unmap(as, axas_gpa(SZ_2M), SZ_2M, &fl), 0);
	}
	__fput_sync(space);
	__fput_sync(dev);
	KUNIT_EXPECT_EQ(test, axas_linux_live_frames(), live0);
}

static struct kunit_case frame_linux_test_cases[] = {
	KUNIT_CASE(frame_linux_test_free_range),
	KUNIT_CASE(frame_linux_test_space),
	KUNIT_CASE(frame_linux_test_space_limit),
	{}
};

static struct kunit_suite frame_linux_test_suite = {
	.name = "axaddrspace-frame-linux",
	.test_cases = frame_linux_test_cases,
};

kunit_test_suite(frame_linux_test_suite);
