/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace stand-in for the subset of KUnit the engine suites use, so
 * the same suite files run in the harness under ASan/UBSan in seconds.
 * Assertions print "file:line: expression" and mark the case failed;
 * KUNIT_ASSERT_* also leaves the case (longjmp).
 */
#ifndef _HARNESS_KUNIT_TEST_H
#define _HARNESS_KUNIT_TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/compiler.h>
#include <linux/types.h>
/* as in Linux, where they come in through linux/kernel.h */
#include <linux/minmax.h>
#include <linux/string.h>

struct kunit {
	const char *name;
	int status;		/* 0 ok, 1 failed, 2 skipped */
	jmp_buf bail;
	const void *param_value;
	void *priv;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_PARAM_DESC_SIZE 128
#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
#define KUNIT_CASE_SLOW(fn) KUNIT_CASE(fn)
#define KUNIT_CASE_PARAM(fn, gen) { .run_case = fn, .name = #fn, .generate_params = gen }
/* attributes (speed) mean nothing here */
#define KUNIT_CASE_PARAM_ATTR(fn, gen, attr) KUNIT_CASE_PARAM(fn, gen)

#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ?				\
			((__typeof__((array)[0]) *)prev) + 1 : (array);		\
		void (*__get_desc)(__typeof__(__next), char *) = get_desc;	\
		if (__next - (array) < (long)(sizeof(array) / sizeof((array)[0]))) { \
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}

void kunit_harness_register(struct kunit_suite *suite);
void kunit_harness_fail(struct kunit *test, const char *file, int line,
			const char *fmt, ...) __printf(4, 5);

#define kunit_test_suite(s)						\
	static void __attribute__((constructor)) __kunit_reg_##s(void)	\
	{								\
		kunit_harness_register(&(s));				\
	}

#define kunit_info(test, fmt, ...)	printf("    # " fmt "\n", ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	printf("    # " fmt "\n", ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...)					\
	do {								\
		printf("    # SKIP " fmt "\n", ##__VA_ARGS__);		\
		(test)->status = 2;					\
		longjmp((test)->bail, 1);				\
	} while (0)

#define KUNIT_FAIL(test, fmt, ...)					\
	kunit_harness_fail(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define __KU_CHECK(test, cond, assert, text, ...)			\
	do {								\
		if (!(cond)) {						\
			kunit_harness_fail(test, __FILE__, __LINE__,	\
					   text, ##__VA_ARGS__);	\
			if (assert)					\
				longjmp((test)->bail, 1);		\
		}							\
	} while (0)

#define __KU_BIN(test, a, op, b, assert)				\
	do {								\
		__typeof__(a) __a = (a);				\
		__typeof__(b) __b = (b);				\
		__KU_CHECK(test, __a op __b, assert,			\
			   "%s " #op " %s: %lld vs %lld (%#llx vs %#llx)", \
			   #a, #b, (long long)__a, (long long)__b,	\
			   (unsigned long long)__a, (unsigned long long)__b); \
	} while (0)

#define __KU_BIN_MSG(test, a, op, b, assert, fmt, ...)			\
	do {								\
		__typeof__(a) __a = (a);				\
		__typeof__(b) __b = (b);				\
		__KU_CHECK(test, __a op __b, assert,			\
			   "%s " #op " %s: %#llx vs %#llx: " fmt, #a, #b, \
			   (unsigned long long)__a,			\
			   (unsigned long long)__b, ##__VA_ARGS__);	\
	} while (0)

#define KUNIT_EXPECT_EQ(t, a, b)	__KU_BIN(t, a, ==, b, 0)
#define KUNIT_EXPECT_NE(t, a, b)	__KU_BIN(t, a, !=, b, 0)
#define KUNIT_EXPECT_LT(t, a, b)	__KU_BIN(t, a, <, b, 0)
#define KUNIT_EXPECT_LE(t, a, b)	__KU_BIN(t, a, <=, b, 0)
#define KUNIT_EXPECT_GT(t, a, b)	__KU_BIN(t, a, >, b, 0)
#define KUNIT_EXPECT_GE(t, a, b)	__KU_BIN(t, a, >=, b, 0)
#define KUNIT_ASSERT_EQ(t, a, b)	__KU_BIN(t, a, ==, b, 1)
#define KUNIT_ASSERT_NE(t, a, b)	__KU_BIN(t, a, !=, b, 1)
#define KUNIT_ASSERT_LT(t, a, b)	__KU_BIN(t, a, <, b, 1)
#define KUNIT_ASSERT_LE(t, a, b)	__KU_BIN(t, a, <=, b, 1)
#define KUNIT_ASSERT_GT(t, a, b)	__KU_BIN(t, a, >, b, 1)
#define KUNIT_ASSERT_GE(t, a, b)	__KU_BIN(t, a, >=, b, 1)
#define KUNIT_EXPECT_EQ_MSG(t, a, b, f, ...) __KU_BIN_MSG(t, a, ==, b, 0, f, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, a, b, f, ...) __KU_BIN_MSG(t, a, !=, b, 0, f, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, a, b, f, ...) __KU_BIN_MSG(t, a, >, b, 0, f, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, a, b, f, ...) __KU_BIN_MSG(t, a, <, b, 0, f, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, a, b, f, ...) __KU_BIN_MSG(t, a, ==, b, 1, f, ##__VA_ARGS__)
#define KUNIT_EXPECT_TRUE(t, c)		__KU_CHECK(t, (c), 0, "%s is false", #c)
#define KUNIT_EXPECT_FALSE(t, c)	__KU_CHECK(t, !(c), 0, "%s is true", #c)
#define KUNIT_ASSERT_TRUE(t, c)		__KU_CHECK(t, (c), 1, "%s is false", #c)
#define KUNIT_ASSERT_FALSE(t, c)	__KU_CHECK(t, !(c), 1, "%s is true", #c)
#define KUNIT_EXPECT_TRUE_MSG(t, c, f, ...) \
	__KU_CHECK(t, (c), 0, "%s is false: " f, #c, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE_MSG(t, c, f, ...) \
	__KU_CHECK(t, !(c), 0, "%s is true: " f, #c, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE_MSG(t, c, f, ...) \
	__KU_CHECK(t, (c), 1, "%s is false: " f, #c, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, p)		__KU_CHECK(t, (p) == NULL, 0, "%s is not NULL", #p)
#define KUNIT_EXPECT_NOT_NULL(t, p)	__KU_CHECK(t, (p) != NULL, 0, "%s is NULL", #p)
#define KUNIT_ASSERT_NOT_NULL(t, p)	__KU_CHECK(t, (p) != NULL, 1, "%s is NULL", #p)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) KUNIT_ASSERT_NOT_NULL(t, p)

/* Memory that lives as long as the case: the harness frees it after. */
void *kunit_kzalloc(struct kunit *test, size_t size, int gfp);
void *kunit_kmalloc(struct kunit *test, size_t size, int gfp);
void kunit_kfree(struct kunit *test, const void *p);
#define kunit_kcalloc(test, n, size, gfp) kunit_kzalloc(test, (n) * (size), gfp)

#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_IMPORT_NS(x)
#define GFP_KERNEL 0

#endif
