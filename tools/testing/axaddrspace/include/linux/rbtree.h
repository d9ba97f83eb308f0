/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the rbtree calls of the address-space layer: a
 * plain binary search tree with parent pointers. It is NOT balanced
 * (rb_insert_color() does nothing), so operations are O(depth); fine for
 * the few areas of the harness's spaces, not a model of Linux's costs.
 */
#ifndef _HARNESS_LINUX_RBTREE_H
#define _HARNESS_LINUX_RBTREE_H
#include <stddef.h>

struct rb_node {
	struct rb_node *rb_parent;
	struct rb_node *rb_left;
	struct rb_node *rb_right;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT			((struct rb_root) { NULL })
#ifndef container_of
#define container_of(ptr, type, member)					\
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member)				\
	({ __typeof__(ptr) ____p = (ptr); ____p ? rb_entry(____p, type, member) : NULL; })
#define RB_EMPTY_ROOT(root)	(!(root)->rb_node)

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*link = node;
}

/* No balancing: the node stays where rb_link_node() put it. */
static inline void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
}

static inline struct rb_node *rb__leftmost(struct rb_node *n)
{
	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

static inline struct rb_node *rb__rightmost(struct rb_node *n)
{
	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

static inline struct rb_node *rb_first(const struct rb_root *root)
{
	return rb__leftmost(root->rb_node);
}

static inline struct rb_node *rb_last(const struct rb_root *root)
{
	return rb__rightmost(root->rb_node);
}

static inline struct rb_node *rb_next(const struct rb_node *n)
{
	const struct rb_node *p;

	if (n->rb_right)
		return rb__leftmost(n->rb_right);
	while ((p = n->rb_parent) && n == p->rb_right)
		n = p;
	return (struct rb_node *)p;
}

static inline struct rb_node *rb_prev(const struct rb_node *n)
{
	const struct rb_node *p;

	if (n->rb_left)
		return rb__rightmost(n->rb_left);
	while ((p = n->rb_parent) && n == p->rb_left)
		n = p;
	return (struct rb_node *)p;
}

/* Put @new where @old hangs from its parent (or the root). */
static inline void rb__replace_child(struct rb_root *root, struct rb_node *old,
				     struct rb_node *new)
{
	struct rb_node *p = old->rb_parent;

	if (!p)
		root->rb_node = new;
	else if (p->rb_left == old)
		p->rb_left = new;
	else
		p->rb_right = new;
	if (new)
		new->rb_parent = p;
}

static inline void rb_erase(struct rb_node *n, struct rb_root *root)
{
	struct rb_node *s;

	if (!n->rb_left) {
		rb__replace_child(root, n, n->rb_right);
	} else if (!n->rb_right) {
		rb__replace_child(root, n, n->rb_left);
	} else {
		/* The successor has no left child: move it into n's place. */
		s = rb__leftmost(n->rb_right);
		if (s->rb_parent != n) {
			rb__replace_child(root, s, s->rb_right);
			s->rb_right = n->rb_right;
			s->rb_right->rb_parent = s;
		}
		rb__replace_child(root, n, s);
		s->rb_left = n->rb_left;
		s->rb_left->rb_parent = s;
	}
}

/* Post-order: children before their parent, so a node may be freed. */
static inline struct rb_node *rb__deepest_left(struct rb_node *n)
{
	while (n) {
		if (n->rb_left)
			n = n->rb_left;
		else if (n->rb_right)
			n = n->rb_right;
		else
			return n;
	}
	return NULL;
}

static inline struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	return rb__deepest_left(root->rb_node);
}

static inline struct rb_node *rb_next_postorder(const struct rb_node *n)
{
	struct rb_node *p;

	if (!n)
		return NULL;
	p = n->rb_parent;
	if (p && n == p->rb_left && p->rb_right)
		return rb__deepest_left(p->rb_right);
	return p;
}

#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)		\
	for (pos = rb_entry_safe(rb_first_postorder(root), __typeof__(*pos), field); \
	     pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field),	\
					  __typeof__(*pos), field); 1; });	\
	     pos = n)

#endif
