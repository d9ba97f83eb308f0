// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel benchmark of the ioctl layer: what an ioctl on an
 * address-space fd costs beyond the axas_*() call it wraps, per call and
 * per item of a 512-item vector or batch. The arguments live in real user
 * memory (kunit_vm_mmap()), so the user copies are measured too. Not a
 * timed test: it prints figures and asserts only that the calls succeed.
 * Built with CONFIG_AXADDRSPACE_BENCH (`make bench-kernel`).
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/mman.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include "axaddrspace/space.h"

#define IOB_ITEMS	512
#define IOB_CALLS	20000
#define IOB_REPS	5
#define IOB_REPS_PAIRED	15
#define IOB_VEC_PAIRS	16	/* map+unmap vector pairs per timing */
#define IOB_BATCHES	32	/* translate batches per timing */

static const struct file_operations iob_dev_fops = {
	.owner = THIS_MODULE,
};

struct iob {
	struct file *dev;
	struct file *file;
	struct axas *as;
	void __user *u;		/* user memory for arguments */
	void *k;		/* kernel staging for iob_copies_loop() */
};

static void iob_setup(struct kunit *test, struct iob *b)
{
	struct axas_create c = {
		.size = sizeof(c),
		.format = AXAS_FORMAT_INTEL_EPT,
		.length = 1ULL << 40,
	};
	unsigned long addr;

	b->dev = anon_inode_getfile("axas-bench", &iob_dev_fops, NULL, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->dev));
	b->file = axas_space_file(b->dev, &c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->file));
	b->as = ((struct axas_space *)b->file->private_data)->as;
	addr = kunit_vm_mmap(test, NULL, 0, SZ_1M, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || !addr)
		kunit_skip(test, "no user memory (%ld)", (long)addr);
	b->u = (void __user *)addr;
	b->k = kunit_kzalloc(test, SZ_64K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->k);
}

static void iob_teardown(struct iob *b)
{
	fput(b->file);
	fput(b->dev);
}

static long iob_ioctl(struct iob *b, unsigned int cmd, void __user *arg)
{
	return b->file->f_op->unlocked_ioctl(b->file, cmd, (unsigned long)arg);
}

/* What one timed run does: @fn with @b and @arg, @n times. */
struct iob_run {
	struct kunit *test;
	struct iob *b;
	void *arg;
	unsigned int n;
};

/* The smallest of IOB_REPS timings of @fn, in ns. */
static u64 iob_min_ns(void (*fn)(struct iob_run *r), struct iob_run *r)
{
	u64 best = U64_MAX, t;
	unsigned int i;

	for (i = 0; i < IOB_REPS; i++) {
		t = ktime_get_ns();
		fn(r);
		best = min(best, ktime_get_ns() - t);
	}
	return best;
}

/*
 * The smallest timings of @a and @b, taken in turns (IOB_REPS_PAIRED of
 * each): when the figure is a small difference between two long runs, a
 * machine that gets busier or quieter meanwhile must not bias it.
 */
static void iob_min_ns_paired(void (*a)(struct iob_run *r),
			      void (*b)(struct iob_run *r), struct iob_run *r,
			      u64 *a_ns, u64 *b_ns)
{
	unsigned int i;
	u64 t;

	*a_ns = U64_MAX;
	*b_ns = U64_MAX;
	for (i = 0; i < IOB_REPS_PAIRED; i++) {
		t = ktime_get_ns();
		a(r);
		*a_ns = min(*a_ns, ktime_get_ns() - t);
		t = ktime_get_ns();
		b(r);
		*b_ns = min(*b_ns, ktime_get_ns() - t);
	}
}

/* @ns over @ops in hundredths of a ns, for "%s%llu.%02llu". */
struct iob_ns {
	const char *sign;
	u64 whole;
	u64 cents;
};

static struct iob_ns iob_ns(s64 ns, u64 ops, bool sign)
{
	u64 c = div64_u64((u64)abs(ns) * 100, ops);

	return (struct iob_ns){
		.sign = ns < 0 ? "-" : sign ? "+" : "",
		.whole = c / 100, .cents = c % 100,
	};
}

static void iob_print(struct kunit *test, const char *what, u64 direct,
		      u64 ioctl, u64 ops)
{
	struct iob_ns d = iob_ns(direct, ops, false);
	struct iob_ns i = iob_ns(ioctl, ops, false);
	struct iob_ns l = iob_ns((s64)(ioctl - direct), ops, true);

	kunit_info(test, "%-38s direct %6llu.%02llu  ioctl %6llu.%02llu  layer %s%llu.%02llu ns/op",
		   what, d.whole, d.cents, i.whole, i.cents, l.sign, l.whole,
		   l.cents);
}

/* One part of a figure: @ns over @ops. */
static void iob_print_part(struct kunit *test, const char *what,
			   const char *part, u64 ns, u64 ops)
{
	struct iob_ns p = iob_ns(ns, ops, false);

	kunit_info(test, "%-38s %-27s %6llu.%02llu ns/op", what, part, p.whole,
		   p.cents);
}

static void iob_fault_direct(struct iob_run *r)
{
	struct axas_fault_info fi;
	unsigned int i;

	for (i = 0; i < r->n; i++)
		axas_handle_fault(r->b->as, axas_gpa(0x1000), AXAS_PROT_READ, &fi);
}

/*
 * Translations: @r->n addresses from @gpa straight to the as layer, @reps
 * times over (at least once), or the same through the ioctl: @reps calls
 * of a batch of @r->n, or with @reps 0, @r->n calls of one address.
 */
struct iob_translate {
	const u64 *gpa;
	unsigned int cmd;
	unsigned int reps;
};

static void iob_translate_direct(struct iob_run *r)
{
	const struct iob_translate *t = r->arg;
	struct axas_xlate x;
	unsigned int i, k;

	for (k = 0; k < max(t->reps, 1U); k++)
		for (i = 0; i < r->n; i++)
			axas_translate(r->b->as, axas_gpa(t->gpa[i]), &x);
}

static void iob_translate_ioctl(struct iob_run *r)
{
	const struct iob_translate *t = r->arg;
	unsigned int i;

	for (i = 0; i < (t->reps ?: r->n); i++)
		KUNIT_ASSERT_EQ(r->test, iob_ioctl(r->b, t->cmd, r->b->u), 0);
}

/*
 * The user accesses a call cannot avoid, alone: the struct in, the struct
 * out, plus an array in (@in_len bytes) and one out (@out_len),
 * @calls times (a map and an unmap vector are two calls). Subtracted from
 * a figure, what is left is the layer's own work.
 */
struct iob_copies {
	size_t cmd_len;
	size_t in_len;
	size_t out_len;
	unsigned int calls;
};

static void iob_copies_loop(struct iob_run *r)
{
	const struct iob_copies *c = r->arg;
	void __user *u = r->b->u;
	u8 buf[128];
	unsigned int i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < max(c->calls, 1U); j++) {
			KUNIT_ASSERT_EQ(r->test, copy_from_user(buf, u, c->cmd_len), 0UL);
			if (c->in_len)
				KUNIT_ASSERT_EQ(r->test, copy_from_user(r->b->k, u + SZ_4K,
									c->in_len), 0UL);
			if (c->out_len)
				KUNIT_ASSERT_EQ(r->test, copy_to_user(u + SZ_64K, r->b->k,
								      c->out_len), 0UL);
			KUNIT_ASSERT_EQ(r->test, copy_to_user(u, buf, c->cmd_len), 0UL);
		}
	}
}

static void iob_print_floor(struct kunit *test, const char *what,
			    struct iob_run *r, const struct iob_copies *c,
			    u64 ops)
{
	struct iob_run fr = *r;
	u64 ns;

	fr.arg = (void *)c;
	ns = iob_min_ns(iob_copies_loop, &fr);
	iob_print_part(test, what, "user accesses alone", ns, ops);
}

/* @r->n ioctls of the command in @r->arg, argument at the user buffer. */
static void iob_ioctl_loop(struct iob_run *r)
{
	unsigned int cmd = *(unsigned int *)r->arg, i;

	for (i = 0; i < r->n; i++)
		KUNIT_ASSERT_EQ(r->test, iob_ioctl(r->b, cmd, r->b->u), 0);
}

/* One call: a spurious fault and a one-address translation. */
static void iob_per_call(struct kunit *test)
{
	struct axas_fault f = {
		.size = sizeof(f), .access = AXAS_PROT_READ, .gpa = 0x1000,
	};
	struct axas_translate t = { .size = sizeof(t), .num = 1 };
	struct iob b;
	struct iob_run r = { .test = test, .b = &b, .n = IOB_CALLS };
	u64 *gpa, direct, viaioctl;
	unsigned int cmd;

	iob_setup(test, &b);
	gpa = kunit_kcalloc(test, IOB_CALLS, sizeof(*gpa), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, gpa);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(b.as, axas_gpa(0), SZ_2M,
					     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB),
					     true), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &f, sizeof(f)), 0UL);
	cmd = AXAS_IOC_FAULT;
	r.arg = &cmd;
	iob_min_ns_paired(iob_fault_direct, iob_ioctl_loop, &r, &direct, &viaioctl);
	iob_print(test, "fault (spurious)", direct, viaioctl, IOB_CALLS);
	iob_print_floor(test, "fault (spurious)", &r,
			&(struct iob_copies){ .cmd_len = sizeof(f) }, IOB_CALLS);

	memset64(gpa, 0x1000, IOB_CALLS);
	t.gpas = (u64)(uintptr_t)(b.u + 256);
	t.results = (u64)(uintptr_t)(b.u + 512);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &t, sizeof(t)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + 256, gpa, sizeof(gpa[0])), 0UL);
	r.arg = &(struct iob_translate){ .gpa = gpa, .cmd = AXAS_IOC_TRANSLATE };
	iob_min_ns_paired(iob_translate_direct, iob_translate_ioctl, &r, &direct,
			  &viaioctl);
	iob_print(test, "translate (one address)", direct, viaioctl, IOB_CALLS);
	iob_print_floor(test, "translate (one address)", &r,
			&(struct iob_copies){ .cmd_len = sizeof(t),
					      .in_len = sizeof(u64),
					      .out_len = sizeof(struct axas_translation) },
			IOB_CALLS);
	iob_teardown(&b);
}

/* The vectors of iob_per_item(), staged in kernel and user memory. */
struct iob_vectors {
	struct axas_map_req *mreq;
	struct axas_range_req *rreq;
	void __user *map;	/* struct axas_map_entry[IOB_ITEMS] */
	void __user *unmap;	/* struct axas_unmap_entry[IOB_ITEMS] */
	void __user *bad_map;	/* the map vector, its last entry refused */
	void __user *bad_first;	/* the map vector, its first entry refused */
};

/* @r->n pairs of a map and an unmap vector, straight to the as layer. */
static void iob_vec_direct(struct iob_run *r)
{
	struct iob_vectors *v = r->arg;
	unsigned int done, i;
	u64 partial;

	for (i = 0; i < r->n; i++) {
		KUNIT_ASSERT_EQ(r->test, axas_map_vec(r->b->as, v->mreq, IOB_ITEMS,
						      NULL), 0);
		KUNIT_ASSERT_EQ(r->test, axas_unmap_vec(r->b->as, v->rreq, IOB_ITEMS,
							NULL, &done, &partial), 0);
	}
}

/* The same through the ioctls, the vectors in user memory. */
static void iob_vec_ioctl(struct iob_run *r)
{
	struct iob_vectors *v = r->arg;
	struct axas_vec map = {
		.size = sizeof(map), .entry_len = sizeof(struct axas_map_entry),
		.entry_num = IOB_ITEMS, .entries = (u64)(uintptr_t)v->map,
	};
	struct axas_vec unmap = {
		.size = sizeof(unmap), .entry_len = sizeof(struct axas_unmap_entry),
		.entry_num = IOB_ITEMS, .entries = (u64)(uintptr_t)v->unmap,
	};
	void __user *um = r->b->u, *uu = r->b->u + sizeof(map);
	unsigned int i;

	KUNIT_ASSERT_EQ(r->test, copy_to_user(um, &map, sizeof(map)), 0UL);
	KUNIT_ASSERT_EQ(r->test, copy_to_user(uu, &unmap, sizeof(unmap)), 0UL);
	for (i = 0; i < r->n; i++) {
		KUNIT_ASSERT_EQ(r->test, iob_ioctl(r->b, AXAS_IOC_MAP_VEC, um), 0);
		KUNIT_ASSERT_EQ(r->test, iob_ioctl(r->b, AXAS_IOC_UNMAP_VEC, uu), 0);
	}
}

/*
 * A map vector whose last entry has an unknown flag: the call reads and
 * checks every entry and fails before the space is touched, so this is
 * the layer's own per-entry work alone (copy, checks, staging). With the
 * first entry refused instead, the checks of the others are not done:
 * what is left is the call, the staging buffer and the copy.
 */
static void iob_vec_refused_at(struct iob_run *r, void __user *entries)
{
	struct axas_vec map = {
		.size = sizeof(map), .entry_len = sizeof(struct axas_map_entry),
		.entry_num = IOB_ITEMS, .entries = (u64)(uintptr_t)entries,
	};
	void __user *um = r->b->u + 2 * sizeof(map);
	unsigned int i;

	/* a failed call writes back entry_num 0: the struct goes in again */
	for (i = 0; i < r->n; i++) {
		KUNIT_ASSERT_EQ(r->test, copy_to_user(um, &map, sizeof(map)), 0UL);
		KUNIT_ASSERT_EQ(r->test, iob_ioctl(r->b, AXAS_IOC_MAP_VEC, um),
				-EOPNOTSUPP);
	}
}

static void iob_vec_refused(struct iob_run *r)
{
	iob_vec_refused_at(r, ((struct iob_vectors *)r->arg)->bad_map);
}

static void iob_vec_refused_first(struct iob_run *r)
{
	iob_vec_refused_at(r, ((struct iob_vectors *)r->arg)->bad_first);
}

/* Per item of 512: translate a batch; map and unmap MMIO vectors. */
static void iob_per_item(struct kunit *test)
{
	struct axas_translate t = { .size = sizeof(t), .num = IOB_ITEMS };
	struct iob b;
	struct iob_run r = { .test = test, .b = &b, .n = IOB_ITEMS };
	struct iob_vectors v;
	struct axas_map_entry *me;
	struct axas_unmap_entry *ue;
	u64 *gpa, direct, viaioctl;
	unsigned int i;

	iob_setup(test, &b);
	gpa = kunit_kcalloc(test, IOB_ITEMS, sizeof(*gpa), GFP_KERNEL);
	me = kunit_kcalloc(test, IOB_ITEMS, sizeof(*me), GFP_KERNEL);
	ue = kunit_kcalloc(test, IOB_ITEMS, sizeof(*ue), GFP_KERNEL);
	v.mreq = kunit_kcalloc(test, IOB_ITEMS, sizeof(*v.mreq), GFP_KERNEL);
	v.rreq = kunit_kcalloc(test, IOB_ITEMS, sizeof(*v.rreq), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, gpa && me && ue && v.mreq && v.rreq);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(b.as, axas_gpa(0), SZ_2M * 4,
					     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB),
					     true), 0);
	for (i = 0; i < IOB_ITEMS; i++) {
		gpa[i] = (u64)i * 0x3000 % (SZ_2M * 4);
		me[i] = (struct axas_map_entry){
			.backend = AXAS_BACKEND_MMIO, .prot = AXAS_PROT_READ,
			.mem = AXAS_MEM_DEVICE, .gpa = SZ_1G + (u64)i * SZ_4K,
			.length = SZ_4K,
		};
		ue[i] = (struct axas_unmap_entry){ .gpa = me[i].gpa, .length = SZ_4K };
		v.mreq[i] = (struct axas_map_req){
			.gpa = me[i].gpa, .size = SZ_4K,
			.flags = AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_DEVICE),
			.backend = AXAS_BACKEND_MMIO,
		};
		v.rreq[i] = (struct axas_range_req){ .gpa = me[i].gpa, .size = SZ_4K };
	}

	/* translate: 512 addresses (4 KiB in, 20 KiB out) */
	t.gpas = (u64)(uintptr_t)(b.u + SZ_4K);
	t.results = (u64)(uintptr_t)(b.u + SZ_64K);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &t, sizeof(t)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + SZ_4K, gpa, IOB_ITEMS * sizeof(*gpa)), 0UL);
	/*
	 * IOB_BATCHES batches per timing (the UML clock counts in steps of
	 * 256 ns), through the ioctl and direct, in turns
	 */
	r.arg = &(struct iob_translate){
		.gpa = gpa, .cmd = AXAS_IOC_TRANSLATE, .reps = IOB_BATCHES,
	};
	iob_min_ns_paired(iob_translate_direct, iob_translate_ioctl, &r, &direct,
			  &viaioctl);
	r.n = IOB_BATCHES;
	iob_print(test, "translate, batch of 512, per address", direct, viaioctl,
		  IOB_ITEMS * IOB_BATCHES);
	iob_print_floor(test, "translate, batch of 512, per address", &r,
			&(struct iob_copies){
				.cmd_len = sizeof(t),
				.in_len = IOB_ITEMS * sizeof(u64),
				.out_len = IOB_ITEMS * sizeof(struct axas_translation),
			}, IOB_ITEMS * IOB_BATCHES);

	/* map and unmap vectors of 512 MMIO areas */
	v.map = b.u + SZ_256K;
	v.unmap = b.u + SZ_512K;
	KUNIT_ASSERT_EQ(test, copy_to_user(v.map, me, IOB_ITEMS * sizeof(*me)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(v.unmap, ue, IOB_ITEMS * sizeof(*ue)), 0UL);
	r.arg = &v;
	r.n = IOB_VEC_PAIRS;
	iob_min_ns_paired(iob_vec_direct, iob_vec_ioctl, &r, &direct, &viaioctl);
	iob_print(test, "map+unmap vectors of 512, per entry", direct, viaioctl,
		  IOB_ITEMS * IOB_VEC_PAIRS);
	v.bad_map = b.u + SZ_512K + SZ_64K;
	me[IOB_ITEMS - 1].flags = 1U << 31;
	KUNIT_ASSERT_EQ(test, copy_to_user(v.bad_map, me, IOB_ITEMS * sizeof(*me)), 0UL);
	me[IOB_ITEMS - 1].flags = 0;
	me[0].flags = 1U << 31;
	v.bad_first = b.u + SZ_512K + SZ_128K;
	KUNIT_ASSERT_EQ(test, copy_to_user(v.bad_first, me, IOB_ITEMS * sizeof(*me)), 0UL);
	iob_min_ns_paired(iob_vec_refused, iob_vec_refused_first, &r, &viaioctl,
			  &direct);
	iob_print_part(test, "map vector of 512, per entry", "staging alone",
		       viaioctl, IOB_ITEMS * IOB_VEC_PAIRS);
	iob_print_part(test, "map vector of 512, per entry", "call+buffer+copy",
		       direct, IOB_ITEMS * IOB_VEC_PAIRS);
	iob_print_part(test, "map vector of 512, per entry", "checks alone",
		       viaioctl - min(viaioctl, direct), IOB_ITEMS * IOB_VEC_PAIRS);
	iob_print_floor(test, "map+unmap vectors of 512, per entry", &r,
			&(struct iob_copies){
				.cmd_len = sizeof(struct axas_vec),
				.in_len = IOB_ITEMS * (sizeof(*me) + sizeof(*ue)) / 2,
				.calls = 2,
			}, IOB_ITEMS * IOB_VEC_PAIRS);
	iob_teardown(&b);
}

static struct kunit_case iob_cases[] = {
	KUNIT_CASE_SLOW(iob_per_call),
	KUNIT_CASE_SLOW(iob_per_item),
	{}
};

static struct kunit_suite iob_suite = {
	.name = "axaddrspace-bench-ioctl",
	.test_cases = iob_cases,
};

kunit_test_suite(iob_suite);
