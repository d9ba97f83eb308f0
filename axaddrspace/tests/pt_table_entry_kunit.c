// SPDX-License-Identifier: GPL-2.0
/*
 * The table entry tests of NPT, Arm stage 2 and RISC-V G-stage, which
 * every walk asks before it follows an entry. They are written as a
 * subtraction and one test (arch/x86/npt.h, arch/arm64/stage2.h,
 * arch/riscv/gstage.h): the bits that must be set are the lowest ones, so
 * the difference's low bits are zero only if all of them were set, and a
 * borrow then reaches no higher bit. A slip there (a wrong constant, a
 * mask that misses a low bit) would follow an entry the hardware would
 * not, or refuse one it would.
 *
 * This suite feeds each test every combination of bits 8:0, alone and
 * with each of a list of higher bits (the reserved ones, those that must
 * be clear, and bits that must not matter), at every level above 0, and
 * compares its answer with a reference written here from the manuals,
 * never from the code under test:
 *
 *  - AMD APM vol. 2, long-mode page tables under nested paging, and the
 *    rules of arch/x86/npt.h: P (0), R/W (1) and U/S (2) set, NX (63)
 *    clear; PS (7) clear in a PDE or PDPTE (levels 1, 2); bits 8:7 (MBZ)
 *    clear in a PML4E or PML5E (levels 3, 4). Nothing else matters.
 *  - Arm ARM, VMSAv8-64 stage 2, 4 KiB granule: bits 1:0 0b11 (table);
 *    RES0 bits 50:48 and, at stage 2, 63:59 clear.
 *  - RISC-V privileged spec, Sv39x4/Sv48x4 PTEs: V (0) set; R, W, X
 *    (3:1) clear (else a leaf); U (4), A (6) and D (7) clear (reserved in
 *    a non-leaf entry); N (63), PBMT (62:61) and the reserved bits 60:54
 *    clear. G (5) and the software bits 9:8 do not matter.
 */
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/bits.h>
#include <linux/module.h>

#include "arch/arm64/stage2.h"
#include "arch/riscv/gstage.h"
#include "arch/x86/npt.h"

/* The bits above 8:0 set one at a time (none: index ARRAY_SIZE). */
static const u8 tbe_bits[] = {
	9, 10, 11,		/* software (all three formats) */
	12, 30, 47,		/* address bits */
	48, 49, 50,		/* Arm: RES0 */
	51, 52, 53,		/* address (x86), ignored */
	54, 58, 60,		/* RISC-V: reserved; x86: software */
	59,			/* Arm: RES0; x86: software */
	61, 62,			/* RISC-V: PBMT */
	63,			/* x86: NX; Arm: RES0; RISC-V: N */
};

static bool tbe_npt_expect(u64 pte, unsigned int level)
{
	u64 mbz = level >= 3 ? GENMASK_ULL(8, 7) : BIT_ULL(7);

	return (pte & 7) == 7 && !(pte & BIT_ULL(63)) && !(pte & mbz);
}

static bool tbe_s2_expect(u64 pte)
{
	return (pte & 3) == 3 && !(pte & GENMASK_ULL(50, 48)) &&
	       !(pte & GENMASK_ULL(63, 59));
}

static bool tbe_gst_expect(u64 pte)
{
	return (pte & 1) && !(pte & GENMASK_ULL(4, 1)) &&
	       !(pte & (BIT_ULL(6) | BIT_ULL(7))) &&
	       !(pte & GENMASK_ULL(63, 54));
}

/* Every case's three answers against the references; returns the errors. */
static unsigned int tbe_sweep(struct kunit *test, unsigned int level,
			      unsigned int *ok, unsigned int *n)
{
	unsigned int i, bad = 0;
	u64 low, pte;
	bool want, got;

	for (low = 0; low < BIT_ULL(9); low++) {
		for (i = 0; i <= ARRAY_SIZE(tbe_bits); i++) {
			pte = low;
			if (i < ARRAY_SIZE(tbe_bits))
				pte |= BIT_ULL(tbe_bits[i]);
			want = tbe_npt_expect(pte, level);
			got = npt_table_ok(pte, level);
			if (got != want && bad++ < 8)
				kunit_err(test, "npt level %u pte %#llx: %d, want %d\n",
					  level, pte, got, want);
			*ok += want;
			want = tbe_s2_expect(pte);
			got = s2_table_ok(pte);
			if (got != want && bad++ < 8)
				kunit_err(test, "s2 pte %#llx: %d, want %d\n",
					  pte, got, want);
			*ok += want;
			want = tbe_gst_expect(pte);
			got = gst_table_ok(pte);
			if (got != want && bad++ < 8)
				kunit_err(test, "gstage pte %#llx: %d, want %d\n",
					  pte, got, want);
			*ok += want;
			*n += 3;
		}
	}
	return bad;
}

static void pt_table_entry_tests(struct kunit *test)
{
	unsigned int level, bad = 0, ok = 0, n = 0;

	for (level = 1; level < AXPT_MAX_LEVELS; level++)
		bad += tbe_sweep(test, level, &ok, &n);
	KUNIT_EXPECT_EQ(test, bad, 0U);
	/*
	 * Both answers are reached: per level and extra bit, NPT accepts 32
	 * or 16 of the 512 low patterns, Arm 128 and RISC-V 4 (G and bit 8
	 * free), when the extra bit is one that does not matter.
	 */
	KUNIT_EXPECT_GT(test, ok, 1000U);
	KUNIT_EXPECT_LT(test, ok, n / 4);
}

/*
 * The borrow: an entry whose low bits are all but one of those the test
 * needs set, with every higher bit set as well, must be refused; and the
 * smallest valid entry with each allowed higher bit added must pass.
 */
static void pt_table_entry_borrow(struct kunit *test)
{
	static const u64 npt_free[] = {
		BIT_ULL(3), BIT_ULL(4), BIT_ULL(5), BIT_ULL(6),
		GENMASK_ULL(62, 9),
	};
	unsigned int b, level;

	for (level = 1; level < AXPT_MAX_LEVELS; level++) {
		for (b = 0; b < 3; b++)
			KUNIT_EXPECT_FALSE(test,
					   npt_table_ok(7 & ~BIT_ULL(b), level));
		for (b = 0; b < ARRAY_SIZE(npt_free); b++)
			KUNIT_EXPECT_TRUE(test, npt_table_ok(7 | npt_free[b],
							     level));
		KUNIT_EXPECT_FALSE(test, npt_table_ok(~0ULL, level));
		KUNIT_EXPECT_FALSE(test, npt_table_ok(~0ULL & ~BIT_ULL(0),
						      level));
	}
	KUNIT_EXPECT_TRUE(test, s2_table_ok(3 | GENMASK_ULL(47, 2) |
					    GENMASK_ULL(58, 51)));
	KUNIT_EXPECT_FALSE(test, s2_table_ok(2 | GENMASK_ULL(47, 2)));
	KUNIT_EXPECT_FALSE(test, s2_table_ok(1 | GENMASK_ULL(47, 2)));
	KUNIT_EXPECT_FALSE(test, s2_table_ok(0));
	KUNIT_EXPECT_TRUE(test, gst_table_ok(1 | BIT_ULL(5) |
					     GENMASK_ULL(53, 8)));
	KUNIT_EXPECT_FALSE(test, gst_table_ok(GENMASK_ULL(53, 8)));
}

static struct kunit_case pt_table_entry_cases[] = {
	KUNIT_CASE(pt_table_entry_tests),
	KUNIT_CASE(pt_table_entry_borrow),
	{}
};

static struct kunit_suite pt_table_entry_suite = {
	.name = "axaddrspace-pt-table-entry",
	.test_cases = pt_table_entry_cases,
};

kunit_test_suite(pt_table_entry_suite);
