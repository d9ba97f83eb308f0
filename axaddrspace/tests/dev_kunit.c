// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the /dev/axaddrspace ioctls: argument validation, the
 * format table, and AXAS_IOC_GET_INFO end to end on user memory.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/bits.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/uaccess.h>

#include "axaddrspace/dev.h"
#include "axaddrspace/pt.h"

#define AXAS_TEST_FORMATS_MAX	8

/* A struct axas_info followed by room for its format array, in user memory. */
struct axas_test_user {
	struct axas_info info;
	struct axas_format_info formats[AXAS_TEST_FORMATS_MAX];
	u8 tail[64];
};

static void axas_test_formats_table(struct kunit *test)
{
	struct axas_format_info f;
	unsigned int count = axas_dev_nr_formats(), i, seen = 0;

	KUNIT_ASSERT_EQ(test, count, 4U);
	for (i = 0; i < count; i++) {
		axas_dev_format(i, &f);
		KUNIT_EXPECT_GE(test, f.format, AXAS_FORMAT_INTEL_EPT);
		KUNIT_EXPECT_LE(test, f.format, AXAS_FORMAT_RISCV_G);
		KUNIT_EXPECT_FALSE_MSG(test, seen & BIT(f.format),
				       "format %u listed twice", f.format);
		seen |= BIT(f.format);
		/* Every format walks 2 to 5 levels. */
		KUNIT_EXPECT_NE(test, f.levels, 0U);
		KUNIT_EXPECT_EQ(test, f.levels & ~GENMASK(5, 2), 0U);
		KUNIT_EXPECT_GE(test, f.min_ias_bits, 32U);
		KUNIT_EXPECT_LE(test, f.min_ias_bits, f.max_ias_bits);
		KUNIT_EXPECT_LE(test, f.max_ias_bits, 59U);
		/* 4 KiB always; output addresses of 40 to 56 bits */
		KUNIT_EXPECT_TRUE(test, f.pgsizes & AXAS_PGSIZE_4K);
		KUNIT_EXPECT_GE(test, f.max_oas_bits, 40U);
		KUNIT_EXPECT_LE(test, f.max_oas_bits, 56U);
		KUNIT_EXPECT_TRUE(test, f.mem_types & BIT(AXAS_MEM_WB));
	}
	KUNIT_EXPECT_EQ(test, seen, (unsigned int)GENMASK(4, 1));
}

static const struct file_operations axas_test_fops = {
	.owner = THIS_MODULE,
};

/* A file opened with the test thread's credentials, as /dev/axaddrspace. */
static struct file *axas_test_file(struct kunit *test)
{
	struct file *f = anon_inode_getfile("axas-test", &axas_test_fops, NULL,
					    O_RDWR);

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	return f;
}

/* Maps user memory for the current test and returns it zeroed. */
static struct axas_test_user __user *axas_test_user_map(struct kunit *test)
{
	unsigned long addr;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || !addr)
		kunit_skip(test, "no user memory for this test (%ld)", (long)addr);
	return (struct axas_test_user __user *)addr;
}

/* Writes @info to user memory and runs the ioctl on it. */
static int axas_test_call(struct kunit *test, struct axas_test_user __user *u,
			  const struct axas_info *info)
{
	struct file *f = axas_test_file(test);
	long ret;

	KUNIT_ASSERT_EQ(test, copy_to_user(&u->info, info, sizeof(*info)), 0UL);
	ret = axas_dev_ioctl(f, AXAS_IOC_GET_INFO, (unsigned long)&u->info);
	fput(f);
	return ret;
}

static void axas_test_get_info(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_format_info got[AXAS_TEST_FORMATS_MAX], want;
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.format_len = sizeof(struct axas_format_info),
		.formats = (uintptr_t)u->formats,
	};
	unsigned int count = axas_dev_nr_formats(), i;

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.size, (u32)sizeof(info));
	KUNIT_ASSERT_EQ(test, info.num_formats, count);
	KUNIT_EXPECT_EQ(test, info.map_flags, AXAS_MAP_FLAGS);
	KUNIT_EXPECT_EQ(test, info.dump_entry_len, (u32)sizeof(struct axas_dump_entry));
	/* the KUnit thread has every capability */
	KUNIT_EXPECT_EQ(test, info.caps, AXAS_CAP_MMAP | AXAS_CAP_HPA | AXAS_CAP_LINEAR);
	KUNIT_ASSERT_EQ(test, copy_from_user(got, u->formats, sizeof(got)), 0UL);
	for (i = 0; i < count; i++) {
		axas_dev_format(i, &want);
		KUNIT_EXPECT_MEMEQ(test, &got[i], &want, sizeof(want));
	}
}

static void axas_test_get_info_count_only(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = sizeof(info) };

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, axas_dev_nr_formats());
}

static void axas_test_get_info_too_small(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = 1,
		.format_len = sizeof(struct axas_format_info),
		.formats = (uintptr_t)u->formats,
	};

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), -EMSGSIZE);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, axas_dev_nr_formats());
}

static void axas_test_get_info_bad_input(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = sizeof(info) - 1 };
	struct file *f;
	unsigned int bit;
	u32 one = 1;

	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EINVAL);

	for (bit = 0; bit < 32; bit++) {
		info = (struct axas_info){ .size = sizeof(info), .flags = BIT(bit) };
		KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EOPNOTSUPP);
	}
	info = (struct axas_info){ .size = sizeof(info), .__reserved[1] = 1 };
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EINVAL);

	/* A newer, larger layout is fine while the unknown part is zero... */
	info = (struct axas_info){ .size = sizeof(info) + sizeof(u->formats) };
	KUNIT_ASSERT_EQ(test, clear_user(u->formats, sizeof(u->formats)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), 0);
	/* ... and rejected when it is not. */
	KUNIT_ASSERT_EQ(test, copy_to_user(&u->formats[1], &one, sizeof(one)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -E2BIG);

	/* Unreadable argument, unwritable format array, unknown ioctls. */
	f = axas_test_file(test);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, AXAS_IOC_GET_INFO, 0), -EFAULT);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, AXAS_IOC_MAP, (unsigned long)u), -ENOTTY);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, _IO(AXAS_IOC_MAGIC, 0x7f),
					     (unsigned long)u), -ENOTTY);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, _IOWR(AXAS_IOC_MAGIC, 0, struct axas_info),
					     (unsigned long)u), -ENOTTY);
	fput(f);
	info = (struct axas_info){
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.format_len = sizeof(struct axas_format_info),
		.formats = 16,
	};
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EFAULT);
}

#ifdef AXA_BREAK_KUNIT
/* Negative control for the test pipeline (AXA_BREAK=kunit): must fail. */
static void axas_test_negative_control(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, axas_dev_nr_formats(), 0U);
}
#endif

/* Can the engine build a table of this format with @levels and @ias? */
static bool axas_engine_accepts(u32 format, unsigned int levels, unsigned int ias)
{
	struct axpt_cfg cfg = { .format = format, .levels = levels, .ias = ias };
	struct axpt pt;

	if (axpt_init(&pt, &cfg, &axpt_linux_mm_ops, NULL))
		return false;
	axpt_destroy(&pt);
	return true;
}

/*
 * The reported table is the engine's truth: every advertised level count
 * works at some advertised input size, the smallest and largest input
 * sizes work, and the sizes just outside do not.
 */
static void axas_test_formats_match_engine(struct kunit *test)
{
	struct axas_format_info fi, *f = &fi;
	unsigned int count = axas_dev_nr_formats(), i, l, ias;

	for (i = 0; i < count; i++) {
		bool lo = false, hi = false;

		axas_dev_format(i, &fi);

		for (l = 1; l < 32; l++) {
			bool any = false;

			for (ias = f->min_ias_bits; ias <= f->max_ias_bits; ias++) {
				bool ok = axas_engine_accepts(f->format, l, ias);

				any |= ok;
				lo |= ok && ias == f->min_ias_bits;
				hi |= ok && ias == f->max_ias_bits;
			}
			KUNIT_EXPECT_EQ_MSG(test, any, !!(f->levels & BIT(l)),
					    "format %u, %u levels", f->format, l);
		}
		KUNIT_EXPECT_TRUE(test, lo && hi);
		for (l = 1; l < 8; l++) {
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f->format, l,
								     f->min_ias_bits - 1));
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f->format, l,
								     f->max_ias_bits + 1));
		}
	}
}

static struct kunit_case axas_dev_test_cases[] = {
	KUNIT_CASE(axas_test_formats_match_engine),
	KUNIT_CASE(axas_test_formats_table),
	KUNIT_CASE(axas_test_get_info),
	KUNIT_CASE(axas_test_get_info_count_only),
	KUNIT_CASE(axas_test_get_info_too_small),
	KUNIT_CASE(axas_test_get_info_bad_input),
#ifdef AXA_BREAK_KUNIT
	KUNIT_CASE(axas_test_negative_control),
#endif
	{}
};

static struct kunit_suite axas_dev_test_suite = {
	.name = "axaddrspace_dev",
	.test_cases = axas_dev_test_cases,
};

kunit_test_suite(axas_dev_test_suite);
