// SPDX-License-Identifier: GPL-2.0
/*
 * A self-test of the harness's rbtree stand-in (include/linux/rbtree.h)
 * against a sorted array: random inserts and erases, then in-order both
 * ways, parent links, search, and post-order (children first, each node
 * once). usage: rbtree_test [rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rbtree.h>

#define NKEYS	512

struct item {
	struct rb_node node;
	unsigned long key;
	int in;		/* linked */
	int seen;	/* post-order visits */
};

static struct item items[NKEYS];
static unsigned long long rng = 0x243f6a8885a308d3ULL;

static unsigned long rnd(unsigned long n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545F4914F6CDD1DULL >> 11) % n;
}

#define CHECK(c)							\
	do {								\
		if (!(c)) {						\
			fprintf(stderr, "rbtree_test: %s:%d: %s\n",	\
				__FILE__, __LINE__, #c);		\
			exit(1);					\
		}							\
	} while (0)

/* As axas_area_link(): equal keys go right. */
static void insert(struct rb_root *root, struct item *it)
{
	struct rb_node **p = &root->rb_node, *parent = NULL;

	while (*p) {
		struct item *x = rb_entry(*p, struct item, node);

		parent = *p;
		p = it->key < x->key ? &(*p)->rb_left : &(*p)->rb_right;
	}
	rb_link_node(&it->node, parent, p);
	rb_insert_color(&it->node, root);
	it->in = 1;
}

static struct item *search(struct rb_root *root, unsigned long key)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct item *x = rb_entry(n, struct item, node);

		if (key < x->key)
			n = n->rb_left;
		else if (key > x->key)
			n = n->rb_right;
		else
			return x;
	}
	return NULL;
}

static int check_links(struct rb_node *n, struct rb_node *parent)
{
	if (!n)
		return 0;
	CHECK(n->rb_parent == parent);
	return 1 + check_links(n->rb_left, n) + check_links(n->rb_right, n);
}

static int cmp_key(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void check(struct rb_root *root)
{
	unsigned long want[NKEYS];
	struct item *pos, *n;
	struct rb_node *r;
	int i, cnt = 0;

	for (i = 0; i < NKEYS; i++)
		if (items[i].in)
			want[cnt++] = items[i].key;
	qsort(want, cnt, sizeof(*want), cmp_key);
	CHECK(check_links(root->rb_node, NULL) == cnt);
	CHECK(RB_EMPTY_ROOT(root) == !cnt);
	for (i = 0, r = rb_first(root); r; r = rb_next(r), i++) {
		CHECK(i < cnt);
		CHECK(rb_entry(r, struct item, node)->key == want[i]);
	}
	CHECK(i == cnt);
	for (i = cnt - 1, r = rb_last(root); r; r = rb_prev(r), i--) {
		CHECK(i >= 0);
		CHECK(rb_entry(r, struct item, node)->key == want[i]);
	}
	CHECK(i == -1);
	for (i = 0; i < cnt; i++)
		CHECK(search(root, want[i]) && search(root, want[i])->key == want[i]);
	for (i = 0; i < NKEYS; i++)
		items[i].seen = 0;
	rbtree_postorder_for_each_entry_safe(pos, n, root, node) {
		struct item *l = rb_entry_safe(pos->node.rb_left, struct item, node);
		struct item *rr = rb_entry_safe(pos->node.rb_right, struct item, node);

		CHECK(pos->in && !pos->seen);
		CHECK(!l || l->seen);
		CHECK(!rr || rr->seen);
		pos->seen = 1;
	}
	for (i = 0; i < NKEYS; i++)
		CHECK(items[i].seen == items[i].in);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 200, round, op, i;

	for (round = 0; round < rounds; round++) {
		struct rb_root root = RB_ROOT;
		/* few keys: duplicates; many: deep and bushy trees */
		unsigned long range = round & 1 ? 64 : 1UL << 20;

		memset(items, 0, sizeof(items));
		for (i = 0; i < NKEYS; i++)
			items[i].key = range == 64 ? rnd(range) :
				       round & 2 ? (unsigned long)i * 4096 : rnd(range);
		for (op = 0; op < 4 * NKEYS; op++) {
			struct item *it = &items[rnd(NKEYS)];

			if (it->in) {
				rb_erase(&it->node, &root);
				it->in = 0;
			} else {
				insert(&root, it);
			}
			if (op % 64 == 0)
				check(&root);
		}
		check(&root);
		/* empty it in key order, as a teardown would, and at random */
		while (!RB_EMPTY_ROOT(&root)) {
			struct rb_node *r = round & 4 ? rb_first(&root) : root.rb_node;

			rb_erase(r, &root);
			rb_entry(r, struct item, node)->in = 0;
			if (rnd(8) == 0)
				check(&root);
		}
		check(&root);
	}
	printf("rbtree_test: %d rounds ok\n", rounds);
	return 0;
}
