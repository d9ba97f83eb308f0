// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the address and device types (addr.h, device.h): range
 * constructors refuse wrapping, containment and overlap at the edges,
 * access widths, inclusive port ranges and Arm system register encodings.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/errno.h>
#include "axaddrspace/addr.h"
#include "axaddrspace/device.h"

#define ADDR_TOP	(~0ULL)		/* the last address, 2^64 - 1 */

static struct axas_gpa_range addr_range(struct kunit *test, u64 start, u64 size)
{
	struct axas_gpa_range r;

	KUNIT_ASSERT_EQ(test, axas_gpa_range_init(&r, axas_gpa(start), size), 0);
	return r;
}

/* Constructors: a start + size that wraps is refused and leaves @r alone. */
static void addr_test_range_init(struct kunit *test)
{
	struct axas_gpa_range r = { .start = axas_gpa(0x1000), .size = 0x2000 };

	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ADDR_TOP), 1), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(1), ADDR_TOP), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ADDR_TOP), ADDR_TOP),
			-EOVERFLOW);
	/* An end of exactly 2^64 is not representable: refused too. */
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ADDR_TOP - 0xfff), 0x1000),
			-EOVERFLOW);
	KUNIT_EXPECT_EQ(test, axas_gpa_val(r.start), 0x1000ULL);
	KUNIT_EXPECT_EQ(test, r.size, 0x2000ULL);

	/* The widest ranges that fit. */
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(0), ADDR_TOP), 0);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_end(&r), ADDR_TOP);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ADDR_TOP - 0xfff), 0xfff), 0);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_end(&r), ADDR_TOP);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(ADDR_TOP), 0), 0);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_end(&r), ADDR_TOP);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_init(&r, axas_gpa(0x1000), 0x3000), 0);
	KUNIT_EXPECT_EQ(test, axas_gpa_range_end(&r), 0x4000ULL);
}

/* contains(): half-open, exact at both edges, also at the top of 2^64. */
static void addr_test_contains(struct kunit *test)
{
	struct axas_gpa_range r = addr_range(test, 0x1000, 0x3000);
	struct axas_gpa_range top = addr_range(test, ADDR_TOP - 0xfff, 0xfff);
	struct axas_gpa_range all = addr_range(test, 0, ADDR_TOP);
	struct axas_gpa_range empty = addr_range(test, 0x1000, 0);

	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&r, axas_gpa(0xfff)));
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&r, axas_gpa(0x1000)));
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&r, axas_gpa(0x3fff)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&r, axas_gpa(0x4000)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&r, axas_gpa(0)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&r, axas_gpa(ADDR_TOP)));

	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&top, axas_gpa(ADDR_TOP - 0xfff)));
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&top, axas_gpa(ADDR_TOP - 1)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&top, axas_gpa(ADDR_TOP)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&top, axas_gpa(0)));

	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&all, axas_gpa(0)));
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains(&all, axas_gpa(ADDR_TOP - 1)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&all, axas_gpa(ADDR_TOP)));

	/* An empty range contains no address, not even its start. */
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&empty, axas_gpa(0x1000)));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains(&empty, axas_gpa(0xfff)));
}

/* contains_range(): inside, outside, partly outside, empty, at 2^64 - 1. */
static void addr_test_contains_range(struct kunit *test)
{
	struct axas_gpa_range r = addr_range(test, 0x1000, 0x3000);
	struct axas_gpa_range top = addr_range(test, ADDR_TOP - 0xfff, 0xfff);
	static const struct {
		u64 start, size;
		bool inside;
	} cases[] = {
		{ 0x1000, 0x3000, true },	/* itself */
		{ 0x2000, 0x1000, true },
		{ 0x3fff, 0x1, true },		/* the last byte */
		{ 0x1000, 0x1, true },		/* the first byte */
		{ 0x0fff, 0x1, false },		/* the byte below */
		{ 0x4000, 0x1, false },		/* the byte above */
		{ 0x0fff, 0x2, false },		/* straddles the start */
		{ 0x3fff, 0x2, false },		/* straddles the end */
		{ 0x0000, 0x10000, false },	/* covers it */
		{ 0x8000, 0x1000, false },	/* far above */
		{ 0x2000, 0, true },		/* empty, inside */
		{ 0x1000, 0, true },		/* empty, at the start */
		{ 0x4000, 0, true },		/* empty, at the end */
		{ 0x4001, 0, false },		/* empty, past the end */
		{ 0x0fff, 0, false },		/* empty, below the start */
	};
	struct axas_gpa_range in;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		in = addr_range(test, cases[i].start, cases[i].size);
		KUNIT_EXPECT_EQ_MSG(test, axas_gpa_range_contains_range(&r, &in),
				    cases[i].inside, "case %u", i);
	}

	/* The top of the address space. */
	in = addr_range(test, ADDR_TOP - 1, 1);
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains_range(&top, &in));
	in = addr_range(test, ADDR_TOP - 0x1000, 2);
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains_range(&top, &in));
	in = addr_range(test, ADDR_TOP, 0);
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_contains_range(&top, &in));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains_range(&r, &top));
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_contains_range(&top, &r));
}

/* overlaps(): symmetric; adjacent and empty ranges never overlap. */
static void addr_test_overlaps(struct kunit *test)
{
	struct axas_gpa_range r = addr_range(test, 0x1000, 0x3000);
	static const struct {
		u64 start, size;
		bool overlaps;
	} cases[] = {
		{ 0x0000, 0x1000, false },	/* adjacent below */
		{ 0x4000, 0x1000, false },	/* adjacent above */
		{ 0x0000, 0x1001, true },	/* one byte in, at the start */
		{ 0x3fff, 0x1000, true },	/* one byte in, at the end */
		{ 0x2000, 0x10, true },		/* inside */
		{ 0x0000, 0x10000, true },	/* covers it */
		{ 0x1000, 0x3000, true },	/* itself */
		{ 0x2000, 0, false },		/* empty, inside */
		{ 0x1000, 0, false },		/* empty, at the start */
		{ ADDR_TOP - 0xfff, 0xfff, false },
	};
	struct axas_gpa_range o, top, empty;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		o = addr_range(test, cases[i].start, cases[i].size);
		KUNIT_EXPECT_EQ_MSG(test, axas_gpa_range_overlaps(&r, &o),
				    cases[i].overlaps, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, axas_gpa_range_overlaps(&o, &r),
				    cases[i].overlaps, "case %u reversed", i);
	}

	/* At the top: the last byte below 2^64 - 1. */
	top = addr_range(test, ADDR_TOP - 0xfff, 0xfff);
	o = addr_range(test, ADDR_TOP - 1, 1);
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_overlaps(&top, &o));
	o = addr_range(test, 0, ADDR_TOP);
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_overlaps(&top, &o));
	KUNIT_EXPECT_TRUE(test, axas_gpa_range_overlaps(&o, &top));
	o = addr_range(test, 0, ADDR_TOP - 0xfff);
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_overlaps(&top, &o));

	/* Two empty ranges at the same address do not overlap. */
	empty = addr_range(test, 0x2000, 0);
	KUNIT_EXPECT_FALSE(test, axas_gpa_range_overlaps(&empty, &empty));
}

/* The address wrappers are identities on the raw value. */
static void addr_test_wrappers(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, axas_gpa_val(axas_gpa(ADDR_TOP)), ADDR_TOP);
	KUNIT_EXPECT_EQ(test, axas_gva_val(axas_gva(0x1234)), 0x1234ULL);
	KUNIT_EXPECT_EQ(test, axas_hpa_val(axas_hpa(1ULL << 51)), 1ULL << 51);
	KUNIT_EXPECT_EQ(test, axas_hva_val(axas_hva(~0UL)), ~0UL);
}

/* Access widths: exactly 1, 2, 4 and 8 bytes; anything else is refused. */
static void addr_test_access_width(struct kunit *test)
{
	static const unsigned int bad[] = { 0, 3, 5, 6, 7, 9, 16, 32, ~0U };
	static const unsigned int good[] = { 1, 2, 4, 8 };
	enum axas_access_width w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		KUNIT_EXPECT_EQ(test, axas_access_width_from_size(good[i], &w), 0);
		KUNIT_EXPECT_EQ(test, (unsigned int)w, good[i]);
	}
	KUNIT_EXPECT_EQ(test, AXAS_WIDTH_BYTE, 1);
	KUNIT_EXPECT_EQ(test, AXAS_WIDTH_WORD, 2);
	KUNIT_EXPECT_EQ(test, AXAS_WIDTH_DWORD, 4);
	KUNIT_EXPECT_EQ(test, AXAS_WIDTH_QWORD, 8);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		w = AXAS_WIDTH_WORD;
		KUNIT_EXPECT_EQ_MSG(test, axas_access_width_from_size(bad[i], &w), -EINVAL,
				    "size %u", bad[i]);
		KUNIT_EXPECT_EQ(test, w, AXAS_WIDTH_WORD);
	}
}

/* Port ranges are inclusive: the last port 0xffff can be named. */
static void addr_test_port_range(struct kunit *test)
{
	struct axas_port_range r;

	KUNIT_ASSERT_EQ(test, axas_port_range_init(&r, 0, 0xffff), 0);
	KUNIT_EXPECT_TRUE(test, axas_port_range_contains(&r, (struct axas_port){ 0 }));
	KUNIT_EXPECT_TRUE(test, axas_port_range_contains(&r, (struct axas_port){ 0xffff }));

	KUNIT_ASSERT_EQ(test, axas_port_range_init(&r, 0x3f8, 0x3ff), 0);
	KUNIT_EXPECT_FALSE(test, axas_port_range_contains(&r, (struct axas_port){ 0x3f7 }));
	KUNIT_EXPECT_TRUE(test, axas_port_range_contains(&r, (struct axas_port){ 0x3f8 }));
	KUNIT_EXPECT_TRUE(test, axas_port_range_contains(&r, (struct axas_port){ 0x3ff }));
	KUNIT_EXPECT_FALSE(test, axas_port_range_contains(&r, (struct axas_port){ 0x400 }));

	/* A single port. */
	KUNIT_ASSERT_EQ(test, axas_port_range_init(&r, 0xffff, 0xffff), 0);
	KUNIT_EXPECT_TRUE(test, axas_port_range_contains(&r, (struct axas_port){ 0xffff }));
	KUNIT_EXPECT_FALSE(test, axas_port_range_contains(&r, (struct axas_port){ 0xfffe }));

	/* Backwards: refused, @r untouched. */
	KUNIT_EXPECT_EQ(test, axas_port_range_init(&r, 0x61, 0x60), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_port_range_init(&r, 0xffff, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, r.first.number, 0xffff);
	KUNIT_EXPECT_EQ(test, r.last.number, 0xffff);
}

/* Each field of a system register is range-checked and lands in its bits. */
static void addr_test_sysreg_encode(struct kunit *test)
{
	struct axas_sysreg reg = { .addr = 0xdead };

	/* CNTPCT_EL0: op0 3, op1 3, CRn 14, CRm 0, op2 1. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 0, 1, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 3U << 20 | 1U << 17 | 3U << 14 | 14U << 10);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x32f800U);
	/* CNTV_CTL_EL0: op0 3, op1 3, CRn 14, CRm 3, op2 1 (CRm at bit 1). */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 3, 1, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x32f806U);

	/* One field at a time, at its maximum. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 0, 0, 0, 0, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x300000U);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 7, 0, 0, 0, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x01c000U);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 0, 15, 0, 0, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x003c00U);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 0, 0, 15, 0, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x00001eU);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 0, 0, 0, 7, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x0e0000U);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 7, 15, 15, 7, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, AXAS_SYSREG_MASK);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 0, 0, 0, 0, &reg), 0);
	KUNIT_EXPECT_EQ(test, reg.addr, 0U);

	/* One past the maximum of each field: refused, @reg untouched. */
	reg.addr = 0x1234;
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(4, 0, 0, 0, 0, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(0, 8, 0, 0, 0, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(0, 0, 16, 0, 0, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(0, 0, 0, 16, 0, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(0, 0, 0, 0, 8, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_encode(~0U, 0, 0, 0, 0, &reg), -EINVAL);
	KUNIT_EXPECT_EQ(test, reg.addr, 0x1234U);
}

/*
 * Sysreg ranges: inclusive, ordered by the ISS encoding (so op2, which
 * sits above op1 and CRn there, is the most significant field after op0),
 * only the ISS field bits allowed.
 */
static void addr_test_sysreg_range(struct kunit *test)
{
	struct axas_sysreg first, last, reg, lo, hi;
	struct axas_sysreg_range r;

	/* CNT*_EL0 with op2 1: op0 3, op1 3, CRn 14, any CRm. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 0, 1, &first), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 15, 1, &last), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_range_init(&r, first, last), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 3, 1, &reg), 0);
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, reg));
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, first));
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, last));
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 13, 15, 1, &reg), 0);
	KUNIT_EXPECT_FALSE(test, axas_sysreg_range_contains(&r, reg));
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 15, 0, 1, &reg), 0);
	KUNIT_EXPECT_FALSE(test, axas_sysreg_range_contains(&r, reg));
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 0, 2, &reg), 0);
	KUNIT_EXPECT_FALSE(test, axas_sysreg_range_contains(&r, reg));
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 15, 0, &reg), 0);
	KUNIT_EXPECT_FALSE(test, axas_sysreg_range_contains(&r, reg));

	/* Encoding order: a higher op2 outranks a lower CRn. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 0, 0, &first), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 14, 15, 7, &last), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_range_init(&r, first, last), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 3, 13, 15, 7, &reg), 0);
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, reg));

	/* A single register. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_range_init(&r, first, first), 0);
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, first));
	KUNIT_EXPECT_FALSE(test, axas_sysreg_range_contains(&r, last));

	/* Every register. */
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(0, 0, 0, 0, 0, &lo), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_encode(3, 7, 15, 15, 7, &hi), 0);
	KUNIT_ASSERT_EQ(test, axas_sysreg_range_init(&r, lo, hi), 0);
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, first));
	KUNIT_EXPECT_TRUE(test, axas_sysreg_range_contains(&r, hi));

	/* Backwards, or bits outside the fields (Rt, direction): refused. */
	KUNIT_EXPECT_EQ(test, axas_sysreg_range_init(&r, last, first), -EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_range_init(&r, (struct axas_sysreg){ 1 }, last),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_range_init(&r, first,
						     (struct axas_sysreg){ last.addr | 1 << 5 }),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, axas_sysreg_range_init(&r, first,
						     (struct axas_sysreg){ 1U << 22 }),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, r.first.addr, lo.addr);
	KUNIT_EXPECT_EQ(test, r.last.addr, hi.addr);
}

static struct kunit_case addr_test_cases[] = {
	KUNIT_CASE(addr_test_range_init),
	KUNIT_CASE(addr_test_contains),
	KUNIT_CASE(addr_test_contains_range),
	KUNIT_CASE(addr_test_overlaps),
	KUNIT_CASE(addr_test_wrappers),
	KUNIT_CASE(addr_test_access_width),
	KUNIT_CASE(addr_test_port_range),
	KUNIT_CASE(addr_test_sysreg_encode),
	KUNIT_CASE(addr_test_sysreg_range),
	{}
};

static struct kunit_suite addr_test_suite = {
	.name = "axaddrspace-addr",
	.test_cases = addr_test_cases,
};

kunit_test_suite(addr_test_suite);
