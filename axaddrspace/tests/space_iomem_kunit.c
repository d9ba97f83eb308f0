// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the host ranges a linear (passthrough) area of a space
 * created through /dev/axaddrspace may map: the rules of /dev/mem. The
 * test registers a memory window of its own in the iomem tree, claims
 * parts of it the way drivers do, and maps each part: only registered,
 * unclaimed (or, without CONFIG_IO_STRICT_DEVMEM, non-exclusively
 * claimed) memory that is not System RAM may be mapped.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/pfn.h>
#include <linux/sizes.h>

#include "axaddrspace/space.h"

#define IOMEM_WINDOW	(8 * SZ_2M)

static const struct file_operations iomem_test_fops = {
	.owner = THIS_MODULE,
};

struct iomem_test {
	struct file *dev;
	struct file *space;
	struct axas *as;
	struct resource window;
	struct resource *exclusive, *busy;
	u64 w;			/* the window's first byte */
};

/* A linear area of @size at GPA 0 onto @hpa: 0 or the errno. */
static int iomem_map(struct iomem_test *t, u64 hpa, u64 size)
{
	struct axas_map_req r = {
		.gpa = 0, .size = size, .hpa = hpa,
		.flags = AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE,
				   AXAS_MEM_DEVICE),
		.backend = AXAS_BACKEND_LINEAR,
	};
	struct axas_range_req u = { .gpa = 0, .size = size };
	unsigned int done;
	u64 partial;
	int ret;

	ret = axas_map_vec(t->as, &r, 1, NULL);
	if (!ret)
		WARN_ON(axas_unmap_vec(t->as, &u, 1, NULL, &done, &partial));
	return ret;
}

static int iomem_test_init(struct kunit *test)
{
	struct axas_create c = {
		.size = sizeof(c),
		.format = AXAS_FORMAT_INTEL_EPT,
		.length = SZ_1G,
	};
	struct iomem_test *t;
	int ret;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->dev = anon_inode_getfile("axas-iomem-test", &iomem_test_fops, NULL,
				    O_RDWR);
	if (IS_ERR(t->dev))
		return PTR_ERR(t->dev);
	t->space = axas_space_file(t->dev, &c);
	if (IS_ERR(t->space)) {
		__fput_sync(t->dev);
		return PTR_ERR(t->space);
	}
	t->as = ((struct axas_space *)t->space->private_data)->as;
	/*
	 * A free 16 MiB of the physical address space below 1 TiB (within
	 * every format's output size), 2 MiB aligned, registered as a
	 * device's memory window.
	 */
	t->window = (struct resource)DEFINE_RES_MEM_NAMED(0, IOMEM_WINDOW,
							  "axas-test window");
	ret = allocate_resource(&iomem_resource, &t->window, IOMEM_WINDOW,
				SZ_4G, min_t(u64, iomem_resource.end, SZ_1T - 1),
				SZ_2M, NULL, NULL);
	if (ret) {
		__fput_sync(t->space);
		__fput_sync(t->dev);
		return ret;
	}
	t->w = t->window.start;
	/* [2M, 4M) claimed exclusively, [4M, 6M) claimed (busy) */
	t->exclusive = __request_region(&t->window, t->w + SZ_2M, SZ_2M,
					"axas-test exclusive",
					IORESOURCE_EXCLUSIVE);
	t->busy = __request_region(&t->window, t->w + 2 * SZ_2M, SZ_2M,
				   "axas-test busy", 0);
	test->priv = t;
	return 0;
}

static void iomem_test_exit(struct kunit *test)
{
	struct iomem_test *t = test->priv;

	if (t->busy)
		__release_region(&t->window, t->w + 2 * SZ_2M, SZ_2M);
	if (t->exclusive)
		__release_region(&t->window, t->w + SZ_2M, SZ_2M);
	release_resource(&t->window);
	/*
	 * Now, not from the delayed-fput work of a kthread: the suites that
	 * run next count live table pages.
	 */
	__fput_sync(t->space);
	__fput_sync(t->dev);
}

static void iomem_test_window(struct kunit *test)
{
	struct iomem_test *t = test->priv;
	struct axas_space_stats st;

	KUNIT_ASSERT_NOT_NULL(test, t->exclusive);
	KUNIT_ASSERT_NOT_NULL(test, t->busy);
	KUNIT_EXPECT_TRUE(test, t->exclusive->flags & IORESOURCE_EXCLUSIVE);
	KUNIT_EXPECT_TRUE(test, t->busy->flags & IORESOURCE_BUSY);
	KUNIT_EXPECT_FALSE(test, t->busy->flags & IORESOURCE_EXCLUSIVE);

	/* unclaimed memory of the window: allowed, 4K and a 2M block */
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w, SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + 3 * SZ_2M, 5 * SZ_2M), 0);

	/* claimed exclusively by a driver: never, even one page of it */
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + SZ_2M, SZ_2M), -EPERM);
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + 2 * SZ_2M - SZ_4K, SZ_4K), -EPERM);
	/* the page before it is fine, the two pages across its start not */
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + SZ_2M - SZ_4K, SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + SZ_2M - SZ_4K, 2 * SZ_4K),
			-EPERM);
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w, IOMEM_WINDOW), -EPERM);

	/* claimed, not exclusively: only without CONFIG_IO_STRICT_DEVMEM */
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + 2 * SZ_2M, SZ_2M),
			IS_ENABLED(CONFIG_IO_STRICT_DEVMEM) ? -EPERM : 0);

	/* past the window's end: not registered memory */
	KUNIT_EXPECT_EQ(test, iomem_map(t, t->w + IOMEM_WINDOW - SZ_4K, 2 * SZ_4K),
			-EPERM);

	/* every refused map left nothing behind */
	axas_get_stats(t->as, &st);
	KUNIT_EXPECT_EQ(test, st.areas, 0);
	KUNIT_EXPECT_EQ(test, st.leaves[0] + st.leaves[1] + st.leaves[2], 0);
}

static void iomem_test_ram(struct kunit *test)
{
	struct iomem_test *t = test->priv;
	struct page *page = alloc_page(GFP_KERNEL);
	u64 hpa;

	KUNIT_ASSERT_NOT_NULL(test, page);
	hpa = PFN_PHYS(page_to_pfn(page));
	if (region_intersects(hpa, SZ_4K, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS) {
		__free_page(page);
		kunit_skip(test, "this kernel does not register its RAM as System RAM");
	}
	/* a page the kernel owns */
	KUNIT_EXPECT_EQ(test, iomem_map(t, hpa, SZ_4K), -EPERM);
	__free_page(page);
}

static struct kunit_case iomem_test_cases[] = {
	KUNIT_CASE(iomem_test_window),
	KUNIT_CASE(iomem_test_ram),
	{}
};

static struct kunit_suite iomem_test_suite = {
	.name = "axaddrspace_space_iomem",
	.init = iomem_test_init,
	.exit = iomem_test_exit,
	.test_cases = iomem_test_cases,
};

kunit_test_suite(iomem_test_suite);
