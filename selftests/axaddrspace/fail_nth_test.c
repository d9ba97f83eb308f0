// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of allocation failures: for each ioctl sequence, make the
 * 1st, 2nd, 3rd... allocation inside the call fail until the call gets
 * through without a failure. Each failing call must return a clean errno
 * (ENOMEM), change nothing (stats and dump identical), and everything
 * must be freed when the fds are closed.
 *
 * Two knobs, each skipped when absent:
 *  - the module's own: debugfs axaddrspace/fail_nth (write N to arm it for
 *    the writing task; it reads back 0 once it fired);
 *  - the kernel's: /proc/self/task/<tid>/fail-nth (CONFIG_FAULT_INJECTION,
 *    failslab and fail_page_alloc; the debug kernel), the same protocol.
 * The debug-kernel runner looks for this binary by its name.
 */
#include <sys/syscall.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE	0ULL
#define LEN	0x100000000ULL
#define G	0x10000000ULL
#define MAX_N	400

#define MOD_KNOB	"/sys/kernel/debug/axaddrspace/fail_nth"

#define META	struct __test_metadata *_metadata

static char knob[128];
static int knob_fd = -1;
static int also_efault;

/*
 * Through one fd opened beforehand: opening the file allocates, which
 * would consume the kernel's fail-nth count.
 */
static int knob_write(long n)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%ld", n);

	return pwrite(knob_fd, buf, len, 0) == len ? 0 : -errno;
}

static long knob_read(void)
{
	char buf[32];
	ssize_t len = pread(knob_fd, buf, sizeof(buf) - 1, 0);

	if (len <= 0)
		return -1;
	buf[len] = 0;
	return atol(buf);
}

static int knob_open(void)
{
	if (access(knob, W_OK))
		return -1;
	knob_fd = open(knob, O_RDWR | O_CLOEXEC);
	return knob_fd < 0 ? -1 : 0;
}

static int use_module_knob(void)
{
	ensure_debugfs();
	snprintf(knob, sizeof(knob), "%s", MOD_KNOB);
	return knob_open();
}

static int use_kernel_knob(void)
{
	ensure_debugfs();
	snprintf(knob, sizeof(knob), "/proc/self/task/%ld/fail-nth",
		 (long)syscall(SYS_gettid));
	if (knob_open())
		return -1;
	/* fail GFP_KERNEL allocations too, quietly */
	write_file("/sys/kernel/debug/failslab/ignore-gfp-wait", "N");
	write_file("/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N");
	write_file("/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N");
	write_file("/sys/kernel/debug/fail_page_alloc/min-order", "0");
	/* a failed copy from or to the user (fail_usercopy) is EFAULT */
	also_efault = 1;
	write_file("/sys/kernel/debug/failslab/verbose", "0");
	write_file("/sys/kernel/debug/fail_page_alloc/verbose", "0");
	return 0;
}

/* Module-wide counters in debugfs, if the module has any: all 0 when idle. */
static int global_counters_zero(META, int report)
{
	static const char *const files[] = {
		"/sys/kernel/debug/axaddrspace/stats",
		"/sys/kernel/debug/axaddrspace/counters",
	};
	unsigned int i;
	int found = 0, zero = 1;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		char buf[4096], *p;

		if (read_file(files[i], buf, sizeof(buf)))
			continue;
		found = 1;
		/* "name: value" or "name value" lines */
		for (p = strtok(buf, "\n"); p; p = strtok(NULL, "\n")) {
			char *v = p + strcspn(p, "0123456789");

			if (*v && atoll(v) != 0) {
				zero = 0;
				if (report)
					TH_LOG("%s: %s", files[i], p);
			}
		}
	}
	return found ? zero : -1;
}

struct seq {
	const char *name;
	/* state before the call (not under injection) */
	int (*setup)(int dev, int *fd);
	/* the call under injection: an errno */
	int (*call)(int dev, int fd, int *newfd);
	/* a failed call must leave stats and table as they were */
	int unchanged;
	/* the call itself reports failure in a result, not an errno */
	int (*nomem_result)(int dev, int fd);
	/* ENOMEM may leave a reported prefix done: 1 unmap, 2 protect vector */
	int vec_prefix;
};

static struct axcfg cfg;

static int setup_space(int dev, int *fd)
{
	return axas_create(dev, &cfg, BASE, LEN, fd);
}

static int setup_lazy(int dev, int *fd)
{
	return setup_space(dev, fd) ?: as_alloc(*fd, G, 2 * SZ_2M, 0);
}

static int setup_2m(int dev, int *fd)
{
	return setup_space(dev, fd) ?: as_alloc(*fd, G, 2 * SZ_2M, 1);
}

static int call_create(int dev, int fd, int *newfd)
{
	return setup_space(dev, newfd);
}

static int call_populate(int dev, int fd, int *newfd)
{
	return as_alloc(fd, G - SZ_4K, 2 * SZ_2M + 2 * SZ_4K, 1);
}

static int call_lazy(int dev, int fd, int *newfd)
{
	return as_alloc(fd, G, 2 * SZ_2M, 0);
}

static int call_mmio(int dev, int fd, int *newfd)
{
	return as_map(fd, AXAS_BACKEND_MMIO, 0, G, SZ_4K, RW, AXAS_MEM_DEVICE, 0);
}

static struct axas_fault last_fault;

static int call_fault(int dev, int fd, int *newfd)
{
	return as_fault(fd, G + 5 * SZ_4K, AXAS_PROT_WRITE, &last_fault);
}

static int fault_nomem(int dev, int fd)
{
	return last_fault.result == AXAS_FAULT_NOMEM;
}

static int call_unmap_split(int dev, int fd, int *newfd)
{
	return as_unmap(fd, G + SZ_2M + 7 * SZ_4K, SZ_4K);
}

static int call_protect_split(int dev, int fd, int *newfd)
{
	return as_protect(fd, G + 7 * SZ_4K, 3 * SZ_4K, AXAS_PROT_READ, AXAS_MEM_WB);
}

static int call_map_vec(int dev, int fd, int *newfd)
{
	struct axas_map_entry m[3];
	struct axas_vec v;

	map_entry_init(&m[0], AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G, SZ_2M + SZ_4K,
		       RW, 0, 0);
	map_entry_init(&m[1], AXAS_BACKEND_ALLOC, 0, G + SZ_1G, SZ_2M, RW, 0, 0);
	map_entry_init(&m[2], AXAS_BACKEND_MMIO, 0, G + 2 * SZ_1G, SZ_4K, RW,
		       AXAS_MEM_DEVICE, 0);
	memset(&v, 0, sizeof(v));
	v.size = sizeof(v);
	v.entry_len = sizeof(m[0]);
	v.entry_num = 3;
	v.entries = (uintptr_t)m;
	return xioctl(fd, AXAS_IOC_MAP_VEC, &v);
}

/*
 * The last unmap or protect vector: they may stop at an allocation
 * failure, with the entries done in entry_num and the progress into the
 * next in partial (include/uapi/linux/axaddrspace.h, struct axas_vec).
 */
static struct axas_vec last_vec;
static struct axas_unmap_entry last_u[2];
static struct axas_protect_entry last_p[2];

static int call_unmap_vec(int dev, int fd, int *newfd)
{
	struct axas_unmap_entry *u = last_u;
	struct axas_vec v;
	int ret;

	memset(last_u, 0, sizeof(last_u));
	u[0].gpa = G + SZ_4K;
	u[0].length = SZ_4K;
	u[1].gpa = G + SZ_2M + 9 * SZ_4K;
	u[1].length = SZ_4K;
	memset(&v, 0, sizeof(v));
	v.size = sizeof(v);
	v.entry_len = sizeof(u[0]);
	v.entry_num = 2;
	v.entries = (uintptr_t)u;
	ret = xioctl(fd, AXAS_IOC_UNMAP_VEC, &v);
	last_vec = v;
	return ret;
}

static int call_protect_vec(int dev, int fd, int *newfd)
{
	struct axas_protect_entry *p = last_p;
	struct axas_vec v;
	int ret;

	memset(last_p, 0, sizeof(last_p));
	p[0].prot = AXAS_PROT_READ;
	p[0].gpa = G + SZ_4K;
	p[0].length = SZ_4K;
	p[1].prot = AXAS_PROT_READ;
	p[1].gpa = G + SZ_2M + 9 * SZ_4K;
	p[1].length = SZ_4K;
	memset(&v, 0, sizeof(v));
	v.size = sizeof(v);
	v.entry_len = sizeof(p[0]);
	v.entry_num = 2;
	v.entries = (uintptr_t)p;
	ret = xioctl(fd, AXAS_IOC_PROTECT_VEC, &v);
	last_vec = v;
	return ret;
}

/*
 * What a vector that stopped part way must have left: the same as its
 * first entry_num entries and partial bytes of the next one, applied one
 * by one to a fresh space with the same setup.
 */
static int replay_vec(int dev, int protect, struct axas_stats *s)
{
	unsigned int i;
	int fd, ret;

	ret = setup_2m(dev, &fd);
	for (i = 0; !ret && i <= last_vec.entry_num && i < 2; i++) {
		__u64 gpa = protect ? last_p[i].gpa : last_u[i].gpa;
		__u64 len = protect ? last_p[i].length : last_u[i].length;

		if (i == last_vec.entry_num)
			len = last_vec.partial;
		if (!len)
			continue;
		ret = protect ? as_protect(fd, gpa, len, last_p[i].prot, last_p[i].mem) :
				as_unmap(fd, gpa, len);
	}
	if (!ret)
		ret = as_stats(fd, s);
	close(fd);
	return ret;
}

static int call_translate(int dev, int fd, int *newfd)
{
	static __u64 gpas[1024];
	static struct axas_translation t[1024];
	unsigned int i;

	/* no page faults on our buffers inside the call */
	memset(t, 0, sizeof(t));
	for (i = 0; i < 1024; i++)
		gpas[i] = G + i * SZ_4K;
	return as_translate_n(fd, gpas, t, 1024, NULL, NULL);
}

static int call_dump(int dev, int fd, int *newfd)
{
	struct axas_dump_entry e[64];
	struct axas_dump d;

	memset(e, 0, sizeof(e));
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.entry_len = sizeof(e[0]);
	d.num = 64;
	d.gpa = 0;
	d.end = LEN;
	d.level = 0xffffffff;
	d.entries = (uintptr_t)e;
	return xioctl(fd, AXAS_IOC_DUMP, &d);
}

static int call_write(int dev, int fd, int *newfd)
{
	static char buf[3 * 4096];

	memset(buf, 0x3c, sizeof(buf));
	return as_rw(fd, 1, G + SZ_2M - SZ_4K - 10, buf, sizeof(buf), NULL);
}

static int call_read(int dev, int fd, int *newfd)
{
	static char buf[3 * 4096];

	memset(buf, 0, sizeof(buf));
	return as_rw(fd, 0, G + SZ_2M - SZ_4K - 10, buf, sizeof(buf), NULL);
}

static const struct seq seqs[] = {
	{ "create", NULL, call_create, 0 },
	{ "map alloc populate", setup_space, call_populate, 1 },
	{ "map alloc lazy", setup_space, call_lazy, 1 },
	{ "map mmio", setup_space, call_mmio, 1 },
	{ "fault", setup_lazy, call_fault, 1, fault_nomem },
	{ "unmap splitting 2M", setup_2m, call_unmap_split, 1 },
	{ "protect splitting 2M", setup_2m, call_protect_split, 1 },
	{ "map vec", setup_space, call_map_vec, 1 },
	{ "unmap vec", setup_2m, call_unmap_vec, 1, NULL, 1 },
	{ "protect vec", setup_2m, call_protect_vec, 1, NULL, 2 },
	{ "translate", setup_2m, call_translate, 1 },
	{ "dump", setup_2m, call_dump, 1 },
	{ "write lazy", setup_lazy, call_write, 0 },
	{ "read", setup_lazy, call_read, 1 },
};

/* Unmap everything, then the space holds only its root. */
static void check_empty_then_close(META, int fd, const char *what, long n)
{
	struct axas_stats s, s0;
	int tmp, dev = axas_open();

	ASSERT_EQ(0, as_stats(fd, &s));
	/* a fresh space of the same configuration: its root only */
	ASSERT_EQ(0, axas_create(dev, &cfg, BASE, LEN, &tmp));
	ASSERT_EQ(0, as_stats(tmp, &s0));
	close(tmp);
	close(dev);
	if (s.areas)
		EXPECT_EQ(0, as_unmap(fd, BASE, LEN)) TH_LOG("%s N=%ld", what, n);
	ASSERT_EQ(0, as_stats(fd, &s));
	EXPECT_EQ(0, s.data_pages) TH_LOG("%s N=%ld", what, n);
	EXPECT_EQ(0, s.areas);
	EXPECT_EQ(0, s.leaves[0] + s.leaves[1] + s.leaves[2]) TH_LOG("%s N=%ld", what, n);
	EXPECT_EQ(s0.table_pages, s.table_pages) TH_LOG("%s N=%ld", what, n);
	close(fd);
}

static void run_seqs(META, const char *knob_name)
{
	unsigned int i;
	int has_global;

	has_global = global_counters_zero(_metadata, 0);
	if (has_global < 0)
		TH_LOG("no module-wide counters in debugfs: not checked");
	for (i = 0; i < ARRAY_SIZE(seqs); i++) {
		const struct seq *q = &seqs[i];
		long n, fired_failures = 0;

		for (n = 1; n <= MAX_N; n++) {
			struct axas_stats s0, s1;
			struct dumpbuf d0, d1;
			int dev = axas_open(), fd = -1, newfd = -1, ret, fired;
			long left;

			ASSERT_LE(0, dev);
			if (q->setup)
				ASSERT_EQ(0, q->setup(dev, &fd)) TH_LOG("%s setup", q->name);
			if (fd >= 0) {
				ASSERT_EQ(0, as_stats(fd, &s0));
				ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &d0));
			}
			ASSERT_EQ(0, knob_write(n)) TH_LOG("arming %s", knob);
			ret = q->call(dev, fd, &newfd);
			left = knob_read();
			knob_write(0);
			fired = left == 0;
			if (ret) {
				EXPECT_TRUE(fired)
					TH_LOG("%s N=%ld: %s without an injected failure",
					       q->name, n, strerror(ret));
				EXPECT_TRUE(ret == ENOMEM || (also_efault && ret == EFAULT))
					TH_LOG("%s N=%ld: %s", q->name, n, strerror(ret));
				fired_failures++;
			}
			if (!ret && q->nomem_result && q->nomem_result(dev, fd))
				fired_failures++;
			if (fired && q->nomem_result)
				TH_LOG("%s N=%ld: result %u", q->name, n, last_fault.result);
			if (fired && q->nomem_result && !q->nomem_result(dev, fd))
				EXPECT_EQ(AXAS_FAULT_MAPPED, last_fault.result);
			if (ret == ENOMEM && q->vec_prefix &&
			    (last_vec.entry_num || last_vec.partial)) {
				struct axas_stats want;

				/* stopped part way: exactly the reported prefix is done */
				ASSERT_EQ(0, replay_vec(dev, q->vec_prefix == 2, &want));
				ASSERT_EQ(0, as_stats(fd, &s1));
				EXPECT_EQ(want.data_pages, s1.data_pages)
					TH_LOG("%s N=%ld: %u entries + %llu bytes", q->name, n,
					       last_vec.entry_num,
					       (unsigned long long)last_vec.partial);
				EXPECT_EQ(want.leaves[0], s1.leaves[0]);
				EXPECT_EQ(want.leaves[1], s1.leaves[1]);
				EXPECT_EQ(want.areas, s1.areas);
				EXPECT_EQ(want.table_pages, s1.table_pages);
			} else if (fd >= 0 && q->unchanged &&
			    (ret || (q->nomem_result && q->nomem_result(dev, fd)))) {
				ASSERT_EQ(0, as_stats(fd, &s1));
				ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &d1));
				/* fault results are counted: the only change allowed */
				if (q->nomem_result)
					s1.faults[AXAS_FAULT_NOMEM] = s0.faults[AXAS_FAULT_NOMEM];
				EXPECT_EQ(0, memcmp(&s0, &s1, sizeof(s0)))
					TH_LOG("%s N=%ld: failed call changed data %llu -> %llu",
					       q->name, n,
					       (unsigned long long)s0.data_pages,
					       (unsigned long long)s1.data_pages);
				EXPECT_TRUE(dump_same(&d0, &d1)) TH_LOG("%s N=%ld: table changed",
									q->name, n);
				free(d1.e);
			}
			if (fd >= 0)
				free(d0.e);
			if (!ret && newfd < 0 && q->call == call_create)
				EXPECT_LE(0, newfd) TH_LOG("create: no fd");
			if (ret && q->call == call_create) {
				/* no fd leaked: the next one is the lowest free */
				int t = dup(dev);

				EXPECT_EQ(dev + 1, t);
				close(t);
			}
			if (newfd >= 0)
				check_empty_then_close(_metadata, newfd, q->name, n);
			if (fd >= 0)
				check_empty_then_close(_metadata, fd, q->name, n);
			close(dev);
			if (has_global >= 0) {
				int z = 0, tries;

				for (tries = 0; tries < 50 && z != 1; tries++) {
					z = global_counters_zero(_metadata, 0);
					if (z != 1)
						usleep(10000);
				}
				EXPECT_EQ(1, global_counters_zero(_metadata, 1))
					TH_LOG("%s N=%ld: module counters not back to 0",
					       q->name, n);
			}
			if (!fired)
				break;
		}
		EXPECT_GE(MAX_N, n) TH_LOG("%s: still failing at N=%d", q->name, MAX_N);
		TH_LOG("%s: %s: %ld allocation points, %ld failed calls", knob_name, q->name,
		       n - 1, fired_failures);
	}
}

/* Needed before the loops: the configuration every sequence uses. */
static int pick_cfg(void)
{
	int dev = axas_open(), ret;

	if (dev < 0)
		return -1;
	ret = axas_native_cfg(dev, &cfg);
	close(dev);
	return ret;
}

TEST(module_fail_nth)
{
	ASSERT_EQ(0, pick_cfg());
	if (use_module_knob())
		SKIP(return, "no %s", MOD_KNOB);
	run_seqs(_metadata, "module fail_nth");
}

TEST(kernel_fail_nth)
{
	ASSERT_EQ(0, pick_cfg());
	if (use_kernel_knob())
		SKIP(return, "no /proc/self/task/<tid>/fail-nth");
	run_seqs(_metadata, "kernel fail-nth");
}

TEST_HARNESS_MAIN
