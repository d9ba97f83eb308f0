// SPDX-License-Identifier: GPL-2.0
/*
 * Arm stage 2: the two leaf tests must agree. Translations ask
 * s2_leaf_ok() whether an entry is a leaf; queries ask
 * s2_leaf_ok_decode(), which checks and decodes with one lookup; decode_leaf
 * asks s2_leaf_attr(). They are written differently, so each could accept
 * an entry the others refuse, and then a translate would return an
 * address where a query of the same entry says -EINVAL (or the reverse).
 *
 * This suite feeds all three every combination of bits 10:0 (type,
 * MemAttr, S2AP, SH, AF), without and with XN, alone and with each bit
 * that decides validity elsewhere (RES0 49:48, DBM 51, contiguous 52,
 * XN[0] 53, the address bits below a block's size and at or above the
 * output size) and with bits that must not matter (11, 50, the software
 * bits 58:55, 63:59), at every leaf level and several output sizes. Each
 * answer must equal a reference written here from the Arm ARM's
 * (VMSAv8-64, stage 2, 4 KiB granule) layout and the rules of
 * arch/arm64/stage2.h, never from the code under test:
 *
 *  - bits 1:0 0b11 (page) at our level 0, 0b01 (block) at levels 1, 2;
 *  - AF (10) set, SH (9:8) inner shareable (0b11);
 *  - bits 49:48 (RES0), 51 (DBM), 52 (contiguous), 53 (XN[0]) clear;
 *  - the address bits below the block's size, and those from the output
 *    size to bit 47, clear;
 *  - MemAttr (5:2) 0b1111 (write-back), 0b0101 (non-cacheable) or 0b0001
 *    (Device-nGnRE);
 *  - some access: S2AP (7:6) not 0b00, or XN (54) clear (execute-only);
 *  - then the attributes are read from bit 6, bit 7 and XN (read, write,
 *    not execute) and MemAttr (WB, NC, DEVICE).
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/array_size.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "arch/arm64/stage2.h"

/* The bits outside 10:0 whose effect each case checks, one at a time. */
static const u8 s2x_bits[] = {
	11,			/* ignored in a stage-2 leaf */
	12, 13, 20,		/* address below a 2 MiB block */
	21, 29,			/* below a 1 GiB block, inside a 2 MiB one */
	30, 31,			/* inside every block; below every output size */
	32, 39, 40, 43, 44, 47,	/* at or above some output sizes */
	48, 49,			/* RES0 */
	50,			/* not refused */
	51, 52, 53,		/* DBM, contiguous, XN[0] */
	55, 58,			/* software use */
	59, 63,			/* PBHA, ignored */
};

static const unsigned int s2x_oas[] = { 32, 40, 44, 48 };

/*
 * The reference: the attributes of @pte as a leaf at @level of a table
 * with output size @oas, or 0 if it is none (no valid leaf decodes to 0).
 */
static u32 s2x_expect(u64 pte, unsigned int level, unsigned int oas)
{
	unsigned int memattr = (pte >> 2) & 0xf;
	bool ap_r = pte & BIT_ULL(6), ap_w = pte & BIT_ULL(7);
	bool xn = pte & BIT_ULL(54);
	u64 below = level ? GENMASK_ULL(12 + 9 * level - 1, 12) : 0;
	u32 prot = 0, mem;

	if ((pte & 3) != (level ? 1 : 3))
		return 0;
	if (!(pte & BIT_ULL(10)) || ((pte >> 8) & 3) != 3)
		return 0;
	if (pte & (BIT_ULL(48) | BIT_ULL(49) | BIT_ULL(51) | BIT_ULL(52) |
		   BIT_ULL(53)))
		return 0;
	if (pte & below)
		return 0;
	if (oas < 48 && (pte & GENMASK_ULL(47, oas)))
		return 0;
	switch (memattr) {
	case 0xf:
		mem = AXAS_MEM_WB;
		break;
	case 0x5:
		mem = AXAS_MEM_NC;
		break;
	case 0x1:
		mem = AXAS_MEM_DEVICE;
		break;
	default:
		return 0;
	}
	if (!ap_r && !ap_w && xn)
		return 0;
	if (ap_r)
		prot |= AXAS_PROT_READ;
	if (ap_w)
		prot |= AXAS_PROT_WRITE;
	if (!xn)
		prot |= AXAS_PROT_EXEC;
	return AXPT_ATTR(prot, mem);
}

/*
 * One entry at one level and output size: s2_leaf_ok(), s2_leaf_ok_decode()
 * and (at the full output size, which is all it knows) s2_leaf_attr()
 * against the reference. Returns the number of disagreements, the first
 * few of them reported.
 */
static unsigned int s2x_check(struct kunit *test, u64 pte, unsigned int level,
			      unsigned int oas, unsigned int *reported)
{
	u64 mask = s2_leaf_mask(level) | s2_oas_mask(oas);
	u32 want = s2x_expect(pte, level, oas), dec = 0, attr = 0;
	bool ok = s2_leaf_ok(pte, level, mask);
	bool okd = s2_leaf_ok_decode(pte, level, mask, &dec);
	int ret = oas == S2_MAX_OAS ? s2_leaf_attr(pte, level, &attr) : 0;
	bool bad;

	bad = ok != !!want || okd != !!want || (want && dec != want) ||
	      (oas == S2_MAX_OAS && (ret != (want ? 0 : -EINVAL) ||
				     (want && attr != want)));
	if (want && s2_leaf_decode(pte) != want)
		bad = true;
	if (bad && (*reported)++ < 8)
		KUNIT_FAIL(test,
			   "pte %016llx level %u oas %u: expected %s (attr %#x); s2_leaf_ok %d, s2_leaf_ok_decode %d (attr %#x), s2_leaf_attr (oas 48 only) %d (attr %#x)",
			   pte, level, oas, want ? "a leaf" : "no leaf", want,
			   ok, okd, dec, ret, attr);
	return bad;
}

/*
 * Every combination of bits 10:0, without and with XN, alone and with
 * each bit of s2x_bits[], at @level and @oas: the number of entries the
 * reference calls leaves in *@leaves, of entries tried in *@n.
 */
static unsigned int s2x_sweep(struct kunit *test, unsigned int level,
			      unsigned int oas, unsigned int *reported,
			      unsigned int *leaves, unsigned int *n)
{
	unsigned int i, bad = 0;
	u64 low, pte;

	for (low = 0; low < BIT_ULL(11); low++) {
		/* i / 2 == ARRAY_SIZE(s2x_bits): no extra bit; odd i: XN */
		for (i = 0; i <= 2 * ARRAY_SIZE(s2x_bits) + 1; i++) {
			pte = low | (i & 1 ? BIT_ULL(54) : 0);
			if (i / 2 < ARRAY_SIZE(s2x_bits))
				pte |= BIT_ULL(s2x_bits[i / 2]);
			bad += s2x_check(test, pte, level, oas, reported);
			*leaves += !!s2x_expect(pte, level, oas);
			(*n)++;
		}
	}
	return bad;
}

static void pt_s2_leaf_tests_agree(struct kunit *test)
{
	unsigned int level, o, reported = 0, bad = 0, leaves = 0, n = 0;

	for (level = 0; level <= AXPT_MAX_LEAF_LEVEL; level++) {
		for (o = 0; o < ARRAY_SIZE(s2x_oas); o++) {
			bad += s2x_sweep(test, level, s2x_oas[o], &reported,
					 &leaves, &n);
			cond_resched();
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0U);
	/*
	 * The enumeration reaches both answers: per level and output size,
	 * 12 leaves without XN (3 memory types, 4 S2AP values) and 9 with it
	 * (no S2AP: no access), each alone and with the extra bits that keep
	 * it a leaf. So leaves are a few thousand of over a million cases.
	 */
	KUNIT_EXPECT_GT(test, leaves, 1000U);
	KUNIT_EXPECT_LT(test, leaves, n / 50);
}

/*
 * The same agreement for one leaf of each memory type and access, with
 * each of bits 63:11 flipped alone: every other bit's effect, at every
 * leaf level and output size.
 */
static void pt_s2_leaf_single_bits(struct kunit *test)
{
	static const u64 memattr[] = { 0xf, 0x5, 0x1 };
	unsigned int level, o, m, ap, b, reported = 0, bad = 0;
	u64 base, pte;

	for (level = 0; level <= AXPT_MAX_LEAF_LEVEL; level++) {
		for (o = 0; o < ARRAY_SIZE(s2x_oas); o++) {
			for (m = 0; m < ARRAY_SIZE(memattr); m++) {
				for (ap = 0; ap < 4; ap++) {
					base = (level ? 1 : 3) | memattr[m] << 2 |
					       (u64)ap << 6 | 3ULL << 8 | BIT_ULL(10);
					/* the leaf itself must decode */
					KUNIT_EXPECT_NE(test, s2x_expect(base, level,
									 s2x_oas[o]), 0U);
					for (b = 11; b < 64; b++) {
						pte = base ^ BIT_ULL(b);
						bad += s2x_check(test, pte, level,
								 s2x_oas[o], &reported);
					}
				}
			}
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0U);
}

static struct kunit_case pt_s2_leaf_cases[] = {
	KUNIT_CASE(pt_s2_leaf_tests_agree),
	KUNIT_CASE(pt_s2_leaf_single_bits),
	{}
};

static struct kunit_suite pt_s2_leaf_suite = {
	.name = "axaddrspace-pt-s2-leaf",
	.test_cases = pt_s2_leaf_cases,
};

kunit_test_suite(pt_s2_leaf_suite);
