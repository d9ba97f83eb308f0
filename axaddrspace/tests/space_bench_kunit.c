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

static const struct file_operations iob_dev_fops = {
	.owner = THIS_MODULE,
};

struct iob {
	struct file *dev;
	struct file *file;
	struct axas *as;
	void __user *u;		/* user memory for arguments */
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

/* The smallest of IOB_REPS timings of @fn, in ns. */
#define IOB_MIN_NS(...) ({						\
	u64 _best = U64_MAX;						\
	for (unsigned int _r = 0; _r < IOB_REPS; _r++) {		\
		u64 _t = ktime_get_ns();				\
		__VA_ARGS__;						\
		_best = min(_best, ktime_get_ns() - _t);		\
	}								\
	_best;								\
})

static void iob_print(struct kunit *test, const char *what, u64 direct,
		      u64 ioctl, u64 ops)
{
	kunit_info(test, "%-38s direct %6llu.%01llu  ioctl %6llu.%01llu  layer %+6lld.%01llu ns/op",
		   what, div64_u64(direct, ops), div64_u64(direct * 10, ops) % 10,
		   div64_u64(ioctl, ops), div64_u64(ioctl * 10, ops) % 10,
		   div64_s64((s64)(ioctl - direct), ops),
		   div64_u64(abs((s64)(ioctl - direct)) * 10, ops) % 10);
}

/* One call: a spurious fault and a one-address translation. */
static void iob_per_call(struct kunit *test)
{
	struct axas_fault f = {
		.size = sizeof(f), .access = AXAS_PROT_READ, .gpa = 0x1000,
	};
	u64 gpa = 0x1000, direct, viaioctl;
	struct axas_translate t = {
		.size = sizeof(t), .num = 1,
	};
	struct axas_xlate x;
	struct axas_fault_info fi;
	struct iob b;
	unsigned int i;

	iob_setup(test, &b);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(b.as, axas_gpa(0), SZ_2M,
					     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB),
					     true), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &f, sizeof(f)), 0UL);
	direct = IOB_MIN_NS(for (i = 0; i < IOB_CALLS; i++)
		axas_handle_fault(b.as, axas_gpa(0x1000), AXAS_PROT_READ, &fi));
	viaioctl = IOB_MIN_NS(for (i = 0; i < IOB_CALLS; i++)
		KUNIT_ASSERT_EQ(test, iob_ioctl(&b, AXAS_IOC_FAULT, b.u), 0));
	iob_print(test, "fault (spurious)", direct, viaioctl, IOB_CALLS);

	t.gpas = (u64)(uintptr_t)(b.u + 256);
	t.results = (u64)(uintptr_t)(b.u + 512);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &t, sizeof(t)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + 256, &gpa, sizeof(gpa)), 0UL);
	direct = IOB_MIN_NS(for (i = 0; i < IOB_CALLS; i++)
		axas_translate(b.as, axas_gpa(gpa), &x));
	viaioctl = IOB_MIN_NS(for (i = 0; i < IOB_CALLS; i++)
		KUNIT_ASSERT_EQ(test, iob_ioctl(&b, AXAS_IOC_TRANSLATE, b.u), 0));
	iob_print(test, "translate (one address)", direct, viaioctl, IOB_CALLS);
	iob_teardown(&b);
}

/* Per item of 512: translate a batch; map and unmap MMIO vectors. */
static void iob_per_item(struct kunit *test)
{
	struct axas_translate t = { .size = sizeof(t), .num = IOB_ITEMS };
	struct axas_vec v = {
		.size = sizeof(v), .entry_num = IOB_ITEMS,
	};
	struct axas_map_req *mreq;
	struct axas_range_req *rreq;
	struct axas_map *me;
	struct axas_unmap *ue;
	u64 *gpa, direct, viaioctl, partial;
	unsigned int i, done;
	struct axas_xlate x;
	struct iob b;

	iob_setup(test, &b);
	gpa = kunit_kcalloc(test, IOB_ITEMS, sizeof(*gpa), GFP_KERNEL);
	me = kunit_kcalloc(test, IOB_ITEMS, sizeof(*me), GFP_KERNEL);
	ue = kunit_kcalloc(test, IOB_ITEMS, sizeof(*ue), GFP_KERNEL);
	mreq = kunit_kcalloc(test, IOB_ITEMS, sizeof(*mreq), GFP_KERNEL);
	rreq = kunit_kcalloc(test, IOB_ITEMS, sizeof(*rreq), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, gpa && me && ue && mreq && rreq);
	KUNIT_ASSERT_EQ(test, axas_map_alloc(b.as, axas_gpa(0), SZ_2M * 4,
					     AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB),
					     true), 0);
	for (i = 0; i < IOB_ITEMS; i++) {
		gpa[i] = (u64)i * 0x3000 % (SZ_2M * 4);
		me[i] = (struct axas_map){
			.backend = AXAS_BACKEND_MMIO, .prot = AXAS_PROT_READ,
			.mem = AXAS_MEM_DEVICE, .gpa = SZ_1G + (u64)i * SZ_4K,
			.length = SZ_4K,
		};
		ue[i] = (struct axas_unmap){ .gpa = me[i].gpa, .length = SZ_4K };
		mreq[i] = (struct axas_map_req){
			.gpa = me[i].gpa, .size = SZ_4K,
			.flags = AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_DEVICE),
			.backend = AXAS_BACKEND_MMIO,
		};
		rreq[i] = (struct axas_range_req){ .gpa = me[i].gpa, .size = SZ_4K };
	}

	/* translate: 512 addresses (8 KiB in, 20 KiB out) */
	t.gpas = (u64)(uintptr_t)(b.u + SZ_4K);
	t.results = (u64)(uintptr_t)(b.u + SZ_64K);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &t, sizeof(t)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + SZ_4K, gpa, IOB_ITEMS * sizeof(*gpa)), 0UL);
	direct = IOB_MIN_NS(for (i = 0; i < IOB_ITEMS; i++)
		axas_translate(b.as, axas_gpa(gpa[i]), &x));
	viaioctl = IOB_MIN_NS(KUNIT_ASSERT_EQ(test, iob_ioctl(&b, AXAS_IOC_TRANSLATE, b.u), 0));
	iob_print(test, "translate, batch of 512, per address", direct, viaioctl,
		  IOB_ITEMS);

	/* map and unmap vectors of 512 MMIO areas */
	v.entries = (u64)(uintptr_t)(b.u + SZ_4K);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + SZ_4K, me, IOB_ITEMS * sizeof(*me)), 0UL);
	KUNIT_ASSERT_EQ(test, copy_to_user(b.u + SZ_256K, ue, IOB_ITEMS * sizeof(*ue)), 0UL);
	direct = IOB_MIN_NS({
		KUNIT_ASSERT_EQ(test, axas_map_vec(b.as, mreq, IOB_ITEMS, NULL), 0);
		KUNIT_ASSERT_EQ(test, axas_unmap_vec(b.as, rreq, IOB_ITEMS, NULL,
						     &done, &partial), 0);
	});
	viaioctl = IOB_MIN_NS({
		v.entry_len = sizeof(*me);
		v.entry_num = IOB_ITEMS;
		v.entries = (u64)(uintptr_t)(b.u + SZ_4K);
		KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &v, sizeof(v)), 0UL);
		KUNIT_ASSERT_EQ(test, iob_ioctl(&b, AXAS_IOC_MAP_VEC, b.u), 0);
		v.entry_len = sizeof(*ue);
		v.entry_num = IOB_ITEMS;
		v.entries = (u64)(uintptr_t)(b.u + SZ_256K);
		KUNIT_ASSERT_EQ(test, copy_to_user(b.u, &v, sizeof(v)), 0UL);
		KUNIT_ASSERT_EQ(test, iob_ioctl(&b, AXAS_IOC_UNMAP_VEC, b.u), 0);
	});
	iob_print(test, "map+unmap vectors of 512, per entry", direct, viaioctl,
		  IOB_ITEMS);
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
