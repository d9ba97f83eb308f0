// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the /dev/axaddrspace ioctls: argument validation, the
 * format table, and AXAS_IOC_GET_INFO end to end on user memory.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/bits.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>

#include "axaddrspace/dev.h"
#include "axaddrspace/pt.h"
#include "axaddrspace/space.h"

#define AXAS_TEST_FORMATS_MAX	8

/* A struct axas_info followed by room for its format array, in user memory. */
struct axas_test_user {
	struct axas_info info;
	struct axas_format_info formats[AXAS_TEST_FORMATS_MAX];
	u8 tail[64];
};

static void axas_test_formats_table(struct kunit *test)
{
	struct axas_format_info f;
	unsigned int count = axas_dev_nr_formats(), i, seen = 0;

	KUNIT_ASSERT_EQ(test, count, 4U);
	for (i = 0; i < count; i++) {
		axas_dev_format(i, &f);
		KUNIT_EXPECT_GE(test, f.format, AXAS_FORMAT_INTEL_EPT);
		KUNIT_EXPECT_LE(test, f.format, AXAS_FORMAT_RISCV_G);
		KUNIT_EXPECT_FALSE_MSG(test, seen & BIT(f.format),
				       "format %u listed twice", f.format);
		seen |= BIT(f.format);
		/* Every format walks 2 to 5 levels. */
		KUNIT_EXPECT_NE(test, f.levels, 0U);
		KUNIT_EXPECT_EQ(test, f.levels & ~GENMASK(5, 2), 0U);
		KUNIT_EXPECT_GE(test, f.min_ias_bits, 32U);
		KUNIT_EXPECT_LE(test, f.min_ias_bits, f.max_ias_bits);
		KUNIT_EXPECT_LE(test, f.max_ias_bits, 59U);
		/* 4 KiB always; output addresses of 40 to 56 bits */
		KUNIT_EXPECT_TRUE(test, f.pgsizes & AXAS_PGSIZE_4K);
		KUNIT_EXPECT_GE(test, f.max_oas_bits, 40U);
		KUNIT_EXPECT_LE(test, f.max_oas_bits, 56U);
		KUNIT_EXPECT_TRUE(test, f.mem_types & BIT(AXAS_MEM_WB));
	}
	KUNIT_EXPECT_EQ(test, seen, (unsigned int)GENMASK(4, 1));
}

static const struct file_operations axas_test_fops = {
	.owner = THIS_MODULE,
};

/* A file opened with the test thread's credentials, as /dev/axaddrspace. */
static struct file *axas_test_file(struct kunit *test)
{
	struct file *f = anon_inode_getfile("axas-test", &axas_test_fops, NULL,
					    O_RDWR);

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	return f;
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

/* Writes @info to user memory and runs the ioctl on it. */
static int axas_test_call(struct kunit *test, struct axas_test_user __user *u,
			  const struct axas_info *info)
{
	struct file *f = axas_test_file(test);
	long ret;

	KUNIT_ASSERT_EQ(test, copy_to_user(&u->info, info, sizeof(*info)), 0UL);
	ret = axas_dev_ioctl(f, AXAS_IOC_GET_INFO, (unsigned long)&u->info);
	fput(f);
	return ret;
}

static void axas_test_get_info(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_format_info got[AXAS_TEST_FORMATS_MAX], want;
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.format_len = sizeof(struct axas_format_info),
		.formats = (uintptr_t)u->formats,
	};
	unsigned int count = axas_dev_nr_formats(), i;

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.size, (u32)sizeof(info));
	KUNIT_ASSERT_EQ(test, info.num_formats, count);
	KUNIT_EXPECT_EQ(test, info.map_flags, AXAS_MAP_FLAGS);
	KUNIT_EXPECT_EQ(test, info.dump_entry_len, (u32)sizeof(struct axas_dump_entry));
	/* the KUnit thread has every capability */
	KUNIT_EXPECT_EQ(test, info.caps, AXAS_CAP_MMAP | AXAS_CAP_HPA | AXAS_CAP_LINEAR);
	KUNIT_ASSERT_EQ(test, copy_from_user(got, u->formats, sizeof(got)), 0UL);
	for (i = 0; i < count; i++) {
		axas_dev_format(i, &want);
		KUNIT_EXPECT_MEMEQ(test, &got[i], &want, sizeof(want));
	}
}

static void axas_test_get_info_count_only(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = sizeof(info) };

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, axas_dev_nr_formats());
}

static void axas_test_get_info_too_small(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = {
		.size = sizeof(info),
		.num_formats = 1,
		.format_len = sizeof(struct axas_format_info),
		.formats = (uintptr_t)u->formats,
	};

	KUNIT_ASSERT_EQ(test, axas_test_call(test, u, &info), -EMSGSIZE);
	KUNIT_ASSERT_EQ(test, copy_from_user(&info, &u->info, sizeof(info)), 0UL);
	KUNIT_EXPECT_EQ(test, info.num_formats, axas_dev_nr_formats());
}

static void axas_test_get_info_bad_input(struct kunit *test)
{
	struct axas_test_user __user *u = axas_test_user_map(test);
	struct axas_info info = { .size = sizeof(info) - 1 };
	struct file *f;
	unsigned int bit;
	u32 one = 1;

	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EINVAL);

	for (bit = 0; bit < 32; bit++) {
		info = (struct axas_info){ .size = sizeof(info), .flags = BIT(bit) };
		KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EOPNOTSUPP);
	}
	info = (struct axas_info){ .size = sizeof(info), .__reserved[1] = 1 };
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EINVAL);

	/* A newer, larger layout is fine while the unknown part is zero... */
	info = (struct axas_info){ .size = sizeof(info) + sizeof(u->formats) };
	KUNIT_ASSERT_EQ(test, clear_user(u->formats, sizeof(u->formats)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), 0);
	/* ... and rejected when it is not. */
	KUNIT_ASSERT_EQ(test, copy_to_user(&u->formats[1], &one, sizeof(one)), 0UL);
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -E2BIG);

	/* Unreadable argument, unwritable format array, unknown ioctls. */
	f = axas_test_file(test);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, AXAS_IOC_GET_INFO, 0), -EFAULT);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, AXAS_IOC_MAP, (unsigned long)u), -ENOTTY);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, _IO(AXAS_IOC_MAGIC, 0x7f),
					     (unsigned long)u), -ENOTTY);
	KUNIT_EXPECT_EQ(test, axas_dev_ioctl(f, _IOWR(AXAS_IOC_MAGIC, 0, struct axas_info),
					     (unsigned long)u), -ENOTTY);
	fput(f);
	info = (struct axas_info){
		.size = sizeof(info),
		.num_formats = AXAS_TEST_FORMATS_MAX,
		.format_len = sizeof(struct axas_format_info),
		.formats = 16,
	};
	KUNIT_EXPECT_EQ(test, axas_test_call(test, u, &info), -EFAULT);
}

#ifdef AXA_BREAK_KUNIT
/* Negative control for the test pipeline (AXA_BREAK=kunit): must fail. */
static void axas_test_negative_control(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, axas_dev_nr_formats(), 0U);
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
	struct axas_format_info fi, *f = &fi;
	unsigned int count = axas_dev_nr_formats(), i, l, ias;

	for (i = 0; i < count; i++) {
		bool lo = false, hi = false;

		axas_dev_format(i, &fi);

		for (l = 1; l < 32; l++) {
			bool any = false;

			for (ias = f->min_ias_bits; ias <= f->max_ias_bits; ias++) {
				bool ok = axas_engine_accepts(f->format, l, ias);

				any |= ok;
				lo |= ok && ias == f->min_ias_bits;
				hi |= ok && ias == f->max_ias_bits;
			}
			KUNIT_EXPECT_EQ_MSG(test, any, !!(f->levels & BIT(l)),
					    "format %u, %u levels", f->format, l);
		}
		KUNIT_EXPECT_TRUE(test, lo && hi);
		for (l = 1; l < 8; l++) {
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f->format, l,
								     f->min_ias_bits - 1));
			KUNIT_EXPECT_FALSE(test, axas_engine_accepts(f->format, l,
								     f->max_ias_bits + 1));
		}
	}
}

/* A space fd and user memory for map calls; see axas_test_vec_checks(). */
struct axas_test_vec {
	struct kunit *test;
	struct file *dev;
	struct file *file;
	void __user *u;		/* the argument struct, then the entries */
};

static long axas_test_vec_ioctl(struct axas_test_vec *t, unsigned int cmd,
				const void *arg, size_t len)
{
	KUNIT_ASSERT_EQ(t->test, copy_to_user(t->u, arg, len), 0UL);
	return t->file->f_op->unlocked_ioctl(t->file, cmd, (unsigned long)t->u);
}

static void axas_test_vec_unmap(struct axas_test_vec *t, u64 gpa)
{
	struct axas_unmap u = { .size = sizeof(u), .gpa = gpa, .length = SZ_4K };

	KUNIT_ASSERT_EQ(t->test, axas_test_vec_ioctl(t, AXAS_IOC_UNMAP, &u,
						     sizeof(u)), 0);
}

/* AXAS_IOC_MAP of @e alone: its result, nothing left mapped. */
static long axas_test_map_one(struct axas_test_vec *t,
			      const struct axas_map_entry *e)
{
	struct axas_map m = {
		.size = sizeof(m), .gpa = e->gpa, .length = e->length,
		.hpa = e->hpa, .flags = e->flags, .backend = e->backend,
		.prot = e->prot, .mem = e->mem,
	};
	long ret = axas_test_vec_ioctl(t, AXAS_IOC_MAP, &m, sizeof(m));

	if (!ret)
		axas_test_vec_unmap(t, e->gpa);
	return ret;
}

/*
 * The map vector [@y, @x, an MMIO area] against the single maps of its
 * entries: the same result (the first failure decides) and, on failure,
 * nothing left mapped. Returns whether the vector was accepted.
 */
static bool axas_test_vec_one(struct axas_test_vec *t,
			      const struct axas_map_entry *y,
			      const struct axas_map_entry *x)
{
	struct axas_map_entry e[3] = { *y, *x, {
		.gpa = SZ_1G + 2 * SZ_4K, .length = SZ_4K,
		.backend = AXAS_BACKEND_MMIO, .prot = AXAS_PROT_READ,
		.mem = AXAS_MEM_DEVICE,
	} };
	struct axas_vec v = {
		.size = sizeof(v), .entry_len = sizeof(e[0]),
		.entry_num = ARRAY_SIZE(e), .entries = (uintptr_t)t->u + 256,
	};
	struct axas_space *s = t->file->private_data;
	long want = 0, late = 0, got;
	unsigned int i;

	e[0].gpa = SZ_1G;
	e[1].gpa = SZ_1G + SZ_4K;
	for (i = 0; i < ARRAY_SIZE(e) && !want; i++) {
		want = axas_test_map_one(t, &e[i]);
		/*
		 * A linear area the caller may map is refused when it is
		 * mapped (no device memory at 0 or 2 MiB here): a vector
		 * checks all its entries first.
		 */
		if (want == -EPERM && e[i].backend == AXAS_BACKEND_LINEAR &&
		    s->may_linear) {
			late = late ?: want;
			want = 0;
		}
	}
	want = want ?: late;
	KUNIT_ASSERT_EQ(t->test, copy_to_user(t->u + 256, e, sizeof(e)), 0UL);
	got = axas_test_vec_ioctl(t, AXAS_IOC_MAP_VEC, &v, sizeof(v));
	KUNIT_EXPECT_EQ_MSG(t->test, got, want,
			    "[flags %#x backend %u prot %#x mem %u hpa %#llx] then [flags %#x backend %u prot %#x mem %u hpa %#llx]",
			    y->flags, y->backend, y->prot, y->mem, y->hpa,
			    x->flags, x->backend, x->prot, x->mem, x->hpa);
	for (i = 0; i < ARRAY_SIZE(e); i++) {
		if (!got) {
			axas_test_vec_unmap(t, e[i].gpa);
			continue;
		}
		/* all or nothing: an MMIO area fits where each entry was */
		e[2].gpa = e[i].gpa;
		KUNIT_EXPECT_EQ(t->test, axas_test_map_one(t, &e[2]), 0L);
	}
	return !got;
}

/*
 * A map vector checks its entries the long way only where they differ
 * from the last one accepted. Every combination of good and bad fields,
 * after an entry equal to it but for its host address (0), its prot and
 * mem (good ones) or its flags and backend (good ones), must fail or pass
 * as single maps do.
 */
static void axas_test_vec_checks(struct kunit *test)
{
	static const u32 flags[] = { 0, AXAS_MAP_POPULATE, 2, 1U << 31 };
	static const u32 prots[] = { 0, AXAS_PROT_READ,
				     AXAS_PROT_READ | AXAS_PROT_WRITE,
				     AXAS_PROT_EXEC, 7, 8 };
	/* backend 0 to 4, mem 0 to 3, host address 0 or 2 MiB */
	const unsigned int nr = ARRAY_SIZE(flags) * 5 * ARRAY_SIZE(prots) * 4 * 2;
	struct axas_create c = {
		.size = sizeof(c), .format = AXAS_FORMAT_INTEL_EPT,
		.length = 1ULL << 32,
	};
	struct axas_test_vec t = { .test = test };
	struct axas_map_entry x, y;
	unsigned int k, rest, good = 0;
	unsigned long addr;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || !addr)
		kunit_skip(test, "no user memory for this test (%ld)", (long)addr);
	t.u = (void __user *)addr;
	t.dev = axas_test_file(test);
	t.file = axas_space_file(t.dev, &c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t.file));

	for (k = 0; k < nr; k++) {
		rest = k;
		x = (struct axas_map_entry){ .length = SZ_4K };
		x.hpa = rest % 2 ? SZ_2M : 0;
		rest /= 2;
		x.mem = rest % 4;
		rest /= 4;
		x.prot = prots[rest % ARRAY_SIZE(prots)];
		rest /= ARRAY_SIZE(prots);
		x.backend = rest % 5;
		x.flags = flags[rest / 5];

		y = x;
		y.hpa = 0;
		good += axas_test_vec_one(&t, &y, &x);
		y.prot = AXAS_PROT_READ;
		y.mem = AXAS_MEM_WB;
		axas_test_vec_one(&t, &y, &x);
		y = x;
		y.hpa = 0;
		y.flags = 0;
		y.backend = AXAS_BACKEND_MMIO;
		axas_test_vec_one(&t, &y, &x);
	}
	/* some are good: MMIO, alloc, with and without populate */
	KUNIT_EXPECT_GE(test, good, 3U);
	/* the space gone, its tables too, before the next suite counts them */
	fput(t.file);
	fput(t.dev);
	flush_delayed_fput();
	rcu_barrier();
}

/*
 * A protect vector: an entry that differs from the good one before it in
 * one field only (which the vector's loop compares, not checks) fails as
 * the uapi header says, with nothing done; an equal one passes.
 */
static void axas_test_vec_protect_checks(struct kunit *test)
{
	static const struct {
		u32 flags, prot, mem, reserved;
		long want;
	} bad[] = {
		{ 1, AXAS_PROT_READ, AXAS_MEM_WB, 0, -EOPNOTSUPP },
		{ 1U << 31, AXAS_PROT_READ, AXAS_MEM_WB, 0, -EOPNOTSUPP },
		{ 0, AXAS_PROT_READ, AXAS_MEM_WB, 1, -EINVAL },
		{ 0, 0, AXAS_MEM_WB, 0, -EINVAL },
		{ 0, 8 | AXAS_PROT_READ, AXAS_MEM_WB, 0, -EOPNOTSUPP },
		{ 0, AXAS_PROT_READ, AXAS_MEM_DEVICE + 1, 0, -EOPNOTSUPP },
		{ 0, AXAS_PROT_READ | AXAS_PROT_EXEC, AXAS_MEM_DEVICE, 0, -EINVAL },
		{ 0, AXAS_PROT_READ, AXAS_MEM_WB, 0, 0 },
	};
	struct axas_create c = {
		.size = sizeof(c), .format = AXAS_FORMAT_INTEL_EPT,
		.length = 1ULL << 32,
	};
	struct axas_map m = {
		.size = sizeof(m), .gpa = SZ_1G, .length = 2 * SZ_4K,
		.backend = AXAS_BACKEND_ALLOC,
		.prot = AXAS_PROT_READ | AXAS_PROT_WRITE, .mem = AXAS_MEM_WB,
	};
	struct axas_test_vec t = { .test = test };
	struct axas_protect_entry e[2];
	struct axas_vec v = {
		.size = sizeof(v), .entry_len = sizeof(e[0]),
		.entry_num = ARRAY_SIZE(e),
	};
	unsigned long addr;
	unsigned int i;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || !addr)
		kunit_skip(test, "no user memory for this test (%ld)", (long)addr);
	t.u = (void __user *)addr;
	v.entries = addr + 256;
	t.dev = axas_test_file(test);
	t.file = axas_space_file(t.dev, &c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t.file));
	KUNIT_ASSERT_EQ(test, axas_test_vec_ioctl(&t, AXAS_IOC_MAP, &m, sizeof(m)), 0);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		e[0] = (struct axas_protect_entry){
			.gpa = SZ_1G, .length = SZ_4K,
			.prot = AXAS_PROT_READ, .mem = AXAS_MEM_WB,
		};
		e[1] = (struct axas_protect_entry){
			.gpa = SZ_1G + SZ_4K, .length = SZ_4K,
			.flags = bad[i].flags, .prot = bad[i].prot,
			.mem = bad[i].mem, .__reserved = bad[i].reserved,
		};
		KUNIT_ASSERT_EQ(test, copy_to_user(t.u + 256, e, sizeof(e)), 0UL);
		KUNIT_EXPECT_EQ_MSG(test, axas_test_vec_ioctl(&t, AXAS_IOC_PROTECT_VEC,
							      &v, sizeof(v)),
				    bad[i].want, "case %u", i);
		KUNIT_ASSERT_EQ(test, copy_from_user(&v, t.u, sizeof(v)), 0UL);
		KUNIT_EXPECT_EQ(test, v.entry_num, bad[i].want ? 0U : 2U);
		v.entry_num = ARRAY_SIZE(e);
	}
	fput(t.file);
	fput(t.dev);
	flush_delayed_fput();
	rcu_barrier();
}

static struct kunit_case axas_dev_test_cases[] = {
	KUNIT_CASE(axas_test_formats_match_engine),
	KUNIT_CASE(axas_test_formats_table),
	KUNIT_CASE(axas_test_get_info),
	KUNIT_CASE(axas_test_get_info_count_only),
	KUNIT_CASE(axas_test_get_info_too_small),
	KUNIT_CASE(axas_test_get_info_bad_input),
	KUNIT_CASE(axas_test_vec_checks),
	KUNIT_CASE(axas_test_vec_protect_checks),
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
