// SPDX-License-Identifier: GPL-2.0
/*
 * leaf-xcheck.sh: the formats' leaf and table-entry tests of this tree
 * ("new_") against those of an older revision ("old_"), on random entries
 * and on valid leaves with up to three bits flipped, at levels 0 to 2 and
 * three output sizes per format. Any difference (an entry one side
 * accepts and the other refuses, or decodes differently) is printed and
 * fails the run. Also checks that fmt_leaf_hint() is false for every
 * table entry the new side accepts.
 *
 *   leaf_xcheck [entries per format]
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>
#include "leaf_xcheck.h"

static u64 lx_state = 88172645463325252ULL;

static u64 rnd(void)
{
	lx_state ^= lx_state << 13;
	lx_state ^= lx_state >> 7;
	lx_state ^= lx_state << 17;
	return lx_state;
}

static const unsigned int lx_oas[LX_NR][3] = {
	{ 36, 46, 52 }, { 36, 46, 52 }, { 32, 40, 48 }, { 34, 44, 56 },
};

/* A valid leaf at @level, from the new side's encoder, some bits flipped. */
static u64 near_valid(int f, unsigned int level)
{
	u64 pa = rnd() & ((1ULL << (32 + rnd() % 25)) - 1) & ~0xfffULL;
	u64 pte;
	int k = rnd() % 4;

	if (rnd() & 1)
		pa &= ~((1ULL << (12 + 9 * level)) - 1);
	pte = new_bits(f, new_mkattr(rnd() % 8, rnd() % 3), level);
	pte |= f == LX_GST ? pa >> 2 : pa;
	while (k--)
		pte ^= 1ULL << (rnd() & 63);
	return pte;
}

static long check(int f, u64 pte)
{
	unsigned int l, o;
	long bad = 0;

	for (l = 0; l < 3; l++) {
		u32 a = 0, b = 0;
		int x = old_attr(f, pte, l, &a), y = new_attr(f, pte, l, &b);

		if (x != y || (!x && a != b)) {
			printf("fmt %d attr l%u pte %016llx old %d/%x new %d/%x\n",
			       f, l, (unsigned long long)pte, x, a, y, b);
			bad++;
		}
		for (o = 0; o < 3; o++) {
			x = old_leaf(f, pte, l, lx_oas[f][o]);
			y = new_leaf(f, pte, l, lx_oas[f][o]);
			if (x != y) {
				printf("fmt %d leaf l%u oas %u pte %016llx old %d new %d\n",
				       f, l, lx_oas[f][o],
				       (unsigned long long)pte, x, y);
				bad++;
			}
		}
	}
	for (l = 1; l < 5; l++) {
		int x = old_table(f, pte, l), y = new_table(f, pte, l);

		if (x != y || (y && new_hint(f, pte))) {
			printf("fmt %d table l%u pte %016llx old %d new %d hint %d\n",
			       f, l, (unsigned long long)pte, x, y,
			       new_hint(f, pte));
			bad++;
		}
	}
	return bad;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i, bad = 0;
	int f;

	for (f = 0; f < LX_NR; f++) {
		long fbad = 0;

		for (i = 0; i < n && fbad < 20; i++) {
			u64 pte;

			switch (i & 3) {
			case 0:
				pte = rnd();
				break;
			case 1:		/* few bits set */
				pte = rnd() & rnd() & rnd();
				break;
			default:
				pte = near_valid(f, rnd() % 3);
				break;
			}
			fbad += check(f, pte);
		}
		printf("format %d: %ld entries, %ld differences\n", f, i, fbad);
		bad += fbad;
	}
	return bad ? 1 : 0;
}
