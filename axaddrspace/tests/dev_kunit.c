// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the /dev/axaddrspace ioctls: argument validation, the
 * format table, and AXAS_IOC_GET_INFO end to end on user memory.
 */
#include <kunit/test.h>
#include <linux/bits.h>
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

static void axas_test_info_check_valid(struct kunit *test)
{
	struct axas_info info = { .size = sizeof(info), .num_formats = 3 };

	KUNIT_EXPECT_EQ(test, axas_info_check(&info), 0);
}

static void axas_test_info_check_flags(struct kunit *test)
{
	struct axas_info info = { .size = sizeof(info) };
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		info.flags = BIT(bit);
		KUNIT_EXPECT_EQ_MSG(test, axas_info_check(&info), -EOPNOTSUPP,
				    "flag bit %u", bit);
	}
}

static void axas_test_info_check_reserved(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(((struct axas_info *)NULL)->__reserved); i++) {
		struct axas_info info = { .size = sizeof(info) };

		info.__reserved[i] = 0x80000000u;
		KUNIT_EXPECT_EQ_MSG(test, axas_info_check(&info), -EINVAL,
				    "reserved word %u", i);
	}
}

static void axas_test_formats_table(struct kunit *test)
{
	const struct axas_format_info *f;
	unsigned int count, i, seen = 0;

	f = axas_dev_formats(&count);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_EQ(test, count, 4U);
	for (i = 0; i < count; i++) {
		KUNIT_EXPECT_GE(test, f[i].format, AXAS_FORMAT_INTEL_EPT);
		KUNIT_EXPECT_LE(test, f[i].format, AXAS_FORMAT_RISCV_G);
		KUNIT_EXPECT_FALSE_MSG(test, seen & BIT(f[i].format),
				       "format %u listed twice", f[i].format);
		seen |= BIT(f[i].format);
		/* Every format walks 2 to 5 levels. */
		KUNIT_EXPECT_NE(test, f[i].levels, 0U);
		KUNIT_EXPECT_EQ(test, f[i].levels & ~GENMASK(5, 2), 0U);
		KUNIT_EXPECT_GE(test, f[i].min_ias_bits, 32U);
		KUNIT_EXPECT_LE(test, f[i].min_ias_bits, f[i].max_ias_bits);
		KUNIT_EXPECT_LE(test, f[i].max_ias_bits, 59U);
	}
	KUNIT_EXPECT_EQ(test, seen, (unsigned int)GENMASK(4, 1));
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

/* Writes @info to user memory and runs the ioctl handler on it. */
static int axas_test_call(struct kunit *test, struct axas_test_user __user *u,
			  const struct axas_info *info)
{
	KUNIT_ASSERT_EQ(test, copy_to_user(&u->info, info, sizeof(*info)), 0UL);
	return axas_get_info(&u->info);
}

static void axas_test_get_info(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	const struct axas_format_info *want;
	struct axas_format_info got[AXAS_TEST_FORMATS_MAX];
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.formats = (uintptr_t)u->formats,
	};
	unsigned int count;

	want = axas_dev_formats(&count);
	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.size, (u32)sizeof(info));
	KUNIT_EXPECT_EQ(test, info.abi_version, AXAS_ABI_VERSION);
	KUNIT_ASSERT_EQ(test, info.num_formats, count);
	KUNIT_ASSERT_EQ(test, copy_from_user(got, u->formats, sizeof(got)), 0UL);
	KUNIT_EXPECT_MEMEQ(test, got, want, count * sizeof(*want));
}

static void axas_test_get_info_count_only(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = sizeof(info) };
	unsigned int count;

	axas_dev_formats(&count);
	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, count);
	KUNIT_EXPECT_EQ(test, info.abi_version, AXAS_ABI_VERSION);
}

static void axas_test_get_info_too_small(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = 1,
		.formats = (uintptr_t)u->formats,
	};
	unsigned int count;

	axas_dev_formats(&count);
	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), -EMSGSIZE);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, count);
}

static void axas_test_get_info_bad_input(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = AXAS_INFO_MIN_SIZE - 1 };
	u32 one = 1;

	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EINVAL);

	info = (struct axas_info){ .size = sizeof(info), .flags = 1 };
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EOPNOTSUPP);

	/* A newer, larger layout is fine while the unknown part is zero... */
	info = (struct axas_info){ .size = sizeof(info) + sizeof(u->formats) };
	KUNIT_ASSERT_EQ(test, clear_user(u->formats, sizeof(u->formats)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), 0);
	/* ... and rejected when it is not. */
	KUNIT_ASSERT_EQ(test, copy_to_user(&u->formats[1], &one, sizeof(one)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -E2BIG);

	/* Unreadable argument, unwritable format array. */
	KUNIT_EXPECT_EQ(test, axas_get_info(NULL), -EFAULT);
	info = (struct axas_info){
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.formats = 16,
	};
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EFAULT);
}

#ifdef AXA_BREAK_KUNIT
/* Negative control for the test pipeline (AXA_BREAK=kunit): must fail. */
static void axas_test_negative_control(struct kunit *test)
{
	unsigned int count;

	axas_dev_formats(&count);
	KUNIT_EXPECT_EQ(test, count, 0U);
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
	const struct axas_format_info *f;
	unsigned int count, i, l, ias;

	f = axas_dev_formats(&count);
	for (i = 0; i < count; i++) {
		bool lo = false, hi = false;

		for (l = 1; l < 32; l++) {
			bool any = false;

			for (ias = f[i].min_ias_bits; ias <= f[i].max_ias_bits; ias++) {
				bool ok = axas_engine_accepts(f[i].format, l, ias);

				any |= ok;
				lo |= ok && ias == f[i].min_ias_bits;
				hi |= ok && ias == f[i].max_ias_bits;
			}
			KUNIT_EXPECT_EQ_MSG(test, any, !!(f[i].levels & BIT(l)),
					    "format %u, %u levels", f[i].format, l);
		}
		KUNIT_EXPECT_TRUE(test, lo && hi);
		for (l = 1; l < 8; l++) {
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f[i].format, l,
								     f[i].min_ias_bits - 1));
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f[i].format, l,
								     f[i].max_ias_bits + 1));
		}
	}
}

static struct kunit_case axas_dev_test_cases[] = {
	KUNIT_CASE(axas_test_formats_match_engine),
	KUNIT_CASE(axas_test_info_check_valid),
	KUNIT_CASE(axas_test_info_check_flags),
	KUNIT_CASE(axas_test_info_check_reserved),
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
