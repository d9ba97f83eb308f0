// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of privileges and accounting: linear maps need CAP_SYS_RAWIO
 * and never reach host RAM; HPAs are hidden without CAP_SYS_ADMIN; both
 * are the privileges of the opener of /dev/axaddrspace; alloc frames are
 * charged to the memory cgroup and a populate beyond its limit fails
 * cleanly. Capabilities are dropped with capset(2) in forked children.
 */
#include <linux/capability.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE	0ULL
#define LEN	0x100000000ULL
#define G	0x10000000ULL

#define META	struct __test_metadata *_metadata

/* Drop capabilities from the effective, permitted and inheritable sets. */
static int drop_caps(const int *caps, int n)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int i;

	if (syscall(SYS_capget, &h, d))
		return -1;
	for (i = 0; i < n; i++) {
		d[caps[i] / 32].effective &= ~(1u << (caps[i] % 32));
		d[caps[i] / 32].permitted &= ~(1u << (caps[i] % 32));
		d[caps[i] / 32].inheritable &= ~(1u << (caps[i] % 32));
	}
	return syscall(SYS_capset, &h, d) ? -1 : 0;
}

/* A PCI window (non-RAM, registered) for linear maps. */
static int pci_target(__u64 *hpa)
{
	return linear_target(SZ_2M, SZ_2M, hpa);
}

/* Run fn in a child process; its exit status is the number of failures. */
#define IN_CHILD(...) do {						\
	pid_t __pid = fork();						\
	int __st;							\
	ASSERT_LE(0, __pid);						\
	if (!__pid) {							\
		int fails = 0;						\
		__VA_ARGS__;						\
		_exit(fails > 100 ? 100 : fails);			\
	}								\
	ASSERT_EQ(__pid, waitpid(__pid, &__st, 0));			\
	ASSERT_TRUE(WIFEXITED(__st)) TH_LOG("child killed by %d", WTERMSIG(__st)); \
	EXPECT_EQ(0, WEXITSTATUS(__st));				\
} while (0)

#define CHECK(cond) do { if (!(cond)) { fails++;				\
	fprintf(stderr, "# %s:%d: child check failed: %s\n", __FILE__, __LINE__, #cond); } \
	} while (0)

static int make_space(int dev, int *fd)
{
	struct axcfg c;

	if (axas_native_cfg(dev, &c))
		return -1;
	return axas_create(dev, &c, BASE, LEN, fd);
}

TEST(linear_needs_rawio)
{
	__u64 hpa;

	if (pci_target(&hpa))
		SKIP(return, "no PCI window in /proc/iomem");
	IN_CHILD({
		static const int caps[] = { CAP_SYS_RAWIO };
		struct axas_format_info f[MAX_FORMATS];
		struct axas_info info;
		struct axas_stats s0, s;
		int dev, fd;

		CHECK(drop_caps(caps, 1) == 0);
		dev = axas_open();
		CHECK(dev >= 0);
		CHECK(axas_info_get(dev, &info, f, MAX_FORMATS) == 0);
		CHECK(!(info.caps & AXAS_CAP_LINEAR));
		CHECK(info.caps & AXAS_CAP_HPA);
		CHECK(make_space(dev, &fd) == 0);
		CHECK(as_stats(fd, &s0) == 0);
		CHECK(as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW, AXAS_MEM_DEVICE,
			     hpa) == EPERM);
		/* other backends are fine */
		CHECK(as_alloc(fd, G, SZ_4K, 1) == 0);
		CHECK(as_unmap(fd, G, SZ_4K) == 0);
		CHECK(as_stats(fd, &s) == 0);
		CHECK(s.areas == 0 && s.table_pages == s0.table_pages);
	});
}

/* Privileges are the opener's: open with CAP_SYS_RAWIO, then drop it. */
TEST(linear_privilege_of_opener)
{
	__u64 hpa;

	if (pci_target(&hpa))
		SKIP(return, "no PCI window in /proc/iomem");
	IN_CHILD({
		static const int caps[] = { CAP_SYS_RAWIO, CAP_SYS_ADMIN };
		int dev = axas_open(), fd, fd2;

		CHECK(dev >= 0);
		CHECK(make_space(dev, &fd) == 0);
		CHECK(drop_caps(caps, 2) == 0);
		/* both the fd created before and one created after the drop */
		CHECK(make_space(dev, &fd2) == 0);
		CHECK(as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW, AXAS_MEM_DEVICE,
			     hpa) == 0);
		CHECK(as_map(fd2, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW, AXAS_MEM_DEVICE,
			     hpa) == 0);
		CHECK(as_hpa(fd2, G + 8) == hpa + 8);
	});
}

TEST(linear_refuses_ram)
{
	struct axas_stats s0, s;
	struct dumpbuf d0, d;
	__u64 rs, re, hpa;
	int dev, fd;

	if (iomem_find("System RAM", 0, 4 * SZ_2M, &rs, &re))
		SKIP(return, "no System RAM range in /proc/iomem");
	ASSERT_NE(0, re) TH_LOG("/proc/iomem shows no addresses");
	dev = axas_open();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, make_space(dev, &fd));
	ASSERT_EQ(0, as_stats(fd, &s0));
	ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &d0));
	hpa = (rs + SZ_2M - 1) & ~(SZ_2M - 1);
	EXPECT_EQ(EPERM, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW, AXAS_MEM_WB, hpa))
		TH_LOG("RAM at %#llx", (unsigned long long)hpa);
	EXPECT_EQ(EPERM, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_4K, AXAS_PROT_READ,
				AXAS_MEM_DEVICE, hpa + SZ_2M));
	/* straddling RAM's end */
	EXPECT_EQ(EPERM, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, 2 * SZ_4K, RW,
				AXAS_MEM_DEVICE, (re & ~0xfffULL) - SZ_4K));
	/* the kernel's own image */
	if (!iomem_find("Kernel code", 0, SZ_4K, &rs, &re))
		EXPECT_EQ(EPERM, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_4K, AXAS_PROT_READ,
					AXAS_MEM_WB, rs & ~0xfffULL));
	/* no registered resource at all: near the top of the output range */
	EXPECT_EQ(EPERM, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, SZ_4K, RW, AXAS_MEM_DEVICE,
				(1ULL << 47) - SZ_1G));
	ASSERT_EQ(0, as_stats(fd, &s));
	EXPECT_EQ(0, memcmp(&s0, &s, sizeof(s)));
	ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &d));
	EXPECT_TRUE(dump_same(&d0, &d));
	free(d0.e);
	free(d.e);
	close(fd);
	close(dev);
}

static int hidden_checks(int fd, const struct axcfg *c)
{
	struct axas_translation t;
	struct axas_fault f;
	struct axas_root r;
	struct dumpbuf d;
	__u32 valid, of = 0;
	__u64 gpa = G;
	size_t i;
	int fails = 0;

	CHECK(as_alloc(fd, G, 2 * SZ_2M, 1) == 0);
	CHECK(as_alloc(fd, G + 4 * SZ_2M, SZ_2M, 0) == 0);
	CHECK(as_translate_n(fd, &gpa, &t, 1, &valid, &of) == 0);
	CHECK(valid == 1);
	CHECK(t.flags == AXAS_XLATE_VALID);
	CHECK(t.hpa == 0);
	CHECK(t.page_shift >= 12);
	CHECK(of == AXAS_OUT_HPA_HIDDEN);
	CHECK(as_fault(fd, G + 4 * SZ_2M, AXAS_PROT_READ, &f) == 0);
	CHECK(f.result == AXAS_FAULT_MAPPED);
	CHECK(f.hpa == 0);
	CHECK(f.out_flags & AXAS_OUT_HPA_HIDDEN);
	CHECK(as_fault(fd, G, AXAS_PROT_READ, &f) == 0);
	CHECK(f.result == AXAS_FAULT_SPURIOUS && f.hpa == 0);
	CHECK(f.out_flags & AXAS_OUT_HPA_HIDDEN);
	CHECK(as_root(fd, &r) == 0);
	/* VTCR holds no address: shown anyway (struct axas_root) */
	CHECK(r.value == 0);
	if (r.value)
		fprintf(stderr, "# %s: root value %#llx\n", c->name,
			(unsigned long long)r.value);
	if (c->format == AXAS_FORMAT_ARM_S2) {
		struct rootdec rd = decode_root(&r, c->cfg_flags);

		CHECK(!rd.bad);
	} else {
		CHECK(r.vtcr == 0);
	}
	CHECK(r.out_flags == AXAS_OUT_HPA_HIDDEN);
	CHECK(r.levels == c->levels && r.format == c->format);
	CHECK(as_dump(fd, BASE, BASE + LEN, &d) == 0);
	CHECK(d.out_flags == AXAS_OUT_HPA_HIDDEN);
	CHECK(d.n > 0);
	for (i = 0; i < d.n; i++) {
		struct dec x = decode_entry(c->format, d.e[i].raw, d.e[i].level);

		CHECK(d.e[i].table == 0);
		CHECK(x.addr == 0);
		/* everything but the output address is still there */
		CHECK(x.valid);
		if (d.e[i].flags & AXAS_DUMP_LEAF)
			CHECK(x.prot == RW && x.mem == AXAS_MEM_WB);
	}
	free(d.e);
	return fails;
}

TEST(hpa_hidden_without_sys_admin)
{
	IN_CHILD({
		static const int caps[] = { CAP_SYS_ADMIN };
		struct axas_format_info f[MAX_FORMATS];
		struct axas_info info;
		struct axcfg cfgs[MAX_CFGS];
		int dev, fd, n, i;

		CHECK(drop_caps(caps, 1) == 0);
		dev = axas_open();
		CHECK(dev >= 0);
		CHECK(axas_info_get(dev, &info, f, MAX_FORMATS) == 0);
		CHECK(!(info.caps & AXAS_CAP_HPA));
		CHECK(info.caps & AXAS_CAP_LINEAR);
		CHECK(info.caps & AXAS_CAP_MMAP);
		n = axas_configs(dev, cfgs, MAX_CFGS);
		CHECK(n > 0);
		for (i = 0; i < n; i++) {
			if (axas_create(dev, &cfgs[i], BASE, LEN, &fd)) {
				fprintf(stderr, "# %s: create failed\n", cfgs[i].name);
				fails++;
				continue;
			}
			fails += hidden_checks(fd, &cfgs[i]);
			close(fd);
		}
	});
}

/* A space created by an unprivileged opener stays hidden in a privileged process. */
TEST(hpa_hidden_follows_opener)
{
	int sv[2], fd, st;
	struct axas_root r;
	pid_t pid;
	char c;
	struct iovec iov = { &c, 1 };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = u.b, .msg_controllen = sizeof(u.b) };
	struct cmsghdr *cm;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		static const int caps[] = { CAP_SYS_ADMIN };
		int dev;

		if (drop_caps(caps, 1))
			_exit(1);
		dev = axas_open();
		if (dev < 0 || make_space(dev, &fd))
			_exit(2);
		c = 'F';
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
		_exit(sendmsg(sv[1], &msg, 0) == 1 ? 0 : 3);
	}
	ASSERT_EQ(1, recvmsg(sv[0], &msg, 0));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_EQ(0, WEXITSTATUS(st));
	cm = CMSG_FIRSTHDR(&msg);
	ASSERT_NE(NULL, cm);
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	ASSERT_EQ(0, as_root(fd, &r));
	EXPECT_EQ(0, r.value);
	EXPECT_EQ(AXAS_OUT_HPA_HIDDEN, r.out_flags);
	ASSERT_EQ(0, as_alloc(fd, G, SZ_4K, 1));
	EXPECT_EQ(0, as_hpa(fd, G));
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

/* ---------------------------------------------------------------- memcg */

static void prefault_stack(void)
{
	char big[256 << 10];

	memset(big, 1, sizeof(big));
	/* keep the stores */
	__asm__ __volatile__("" : : "r"(big) : "memory");
}

#define STAGE(x)	do { char __s = (x); (void)!write(sv[1], &__s, 1); } while (0)

#define CG_ROOT	"/sys/fs/cgroup"
#define CG	CG_ROOT "/axas-selftest"

static long cg_read(const char *file)
{
	char path[256], buf[64];

	snprintf(path, sizeof(path), CG "/%s", file);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return atol(buf);
}

static int cg_setup(void)
{
	struct stat st;
	char buf[256];

	if (stat(CG_ROOT "/cgroup.controllers", &st)) {
		mkdir(CG_ROOT, 0755);
		if (mount("cgroup2", CG_ROOT, "cgroup2", 0, NULL))
			return -1;
	}
	if (read_file(CG_ROOT "/cgroup.controllers", buf, sizeof(buf)) ||
	    !strstr(buf, "memory"))
		return -1;
	write_file(CG_ROOT "/cgroup.subtree_control", "+memory");
	rmdir(CG);
	if (mkdir(CG, 0755))
		return -1;
	return stat(CG "/memory.max", &st) ? -1 : 0;
}

FIXTURE(memcg) {
	int unused;
};

FIXTURE_SETUP(memcg)
{
}

FIXTURE_TEARDOWN(memcg)
{
}

/* Populating beyond the memcg limit: ENOMEM, the host is fine, nothing charged after close. */
TEST_F_TIMEOUT(memcg, limit, 90)
{
	long start, peak, end;
	int sv[2], st;
	pid_t pid;
	char c = 0, stage;

	if (cg_setup())
		SKIP(return, "no cgroup v2 memory controller");
	ASSERT_EQ(0, write_file(CG "/memory.max", "16M"));
	start = cg_read("memory.current");
	ASSERT_LE(0, start);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char me[32];
		int dev, fd, fails = 0, ret;
		struct axas_stats s;

		/*
		 * The child's own memory (stack, page tables) is charged to
		 * the cgroup too, and a user page fault at the limit may
		 * OOM-kill: touch what it needs before it joins, and stay
		 * clear of the limit except inside the calls under test.
		 */
		prefault_stack();
		snprintf(me, sizeof(me), "%d", getpid());
		CHECK(write_file(CG "/cgroup.procs", me) == 0);
		STAGE('j');
		dev = axas_open();
		CHECK(dev >= 0 && make_space(dev, &fd) == 0);
		/* 8 MiB fits */
		CHECK(as_alloc(fd, G, 8 << 20, 1) == 0);
		/* 64 MiB more does not: ENOMEM, rolled back */
		ret = as_alloc(fd, G + SZ_1G, 64 << 20, 1);
		STAGE('P');
		CHECK(ret == ENOMEM);
		if (ret != ENOMEM)
			fprintf(stderr, "# populate over the limit: %s\n", strerror(ret));
		CHECK(as_stats(fd, &s) == 0);
		CHECK(s.data_pages == 2048);
		CHECK(s.areas == 1);
		/* lazy faults beyond the limit: NOMEM, not an OOM kill */
		CHECK(as_alloc(fd, G + 2 * SZ_1G, 64 << 20, 0) == 0);
		{
			/* page by page (a failed 2 MiB frame falls back to 4 KiB) */
			struct axas_fault f;
			unsigned long i, nomem = 0;

			STAGE('F');
			for (i = 0; i < (64 << 20) / SZ_4K && !nomem; i++) {
				ret = as_fault(fd, G + 2 * SZ_1G + i * SZ_4K, AXAS_PROT_WRITE, &f);
				nomem += !ret && f.result == AXAS_FAULT_NOMEM;
			}
			/* room again at once */
			as_unmap(fd, G + 2 * SZ_1G, 64 << 20);
			STAGE('f');
			CHECK(ret == 0);
			CHECK(nomem > 0);
		}
		CHECK(write(sv[1], "p", 1) == 1);	/* parent reads memory.current */
		CHECK(read(sv[1], &c, 1) == 1);
		close(fd);
		close(dev);
		_exit(fails);
	}
	close(sv[1]);
	/* stages until 'p'; EOF: the child died (an OOM kill) on the way */
	stage = '-';
	while (read(sv[0], &c, 1) == 1 && c != 'p')
		stage = c;
	if (c != 'p') {
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		EXPECT_TRUE(WIFEXITED(st))
			TH_LOG("child killed by signal %d after stage %c",
			       WTERMSIG(st), stage);
		TH_LOG("(stages: j joined, P populated, F faulting, f faults done)");
		rmdir(CG);
		return;
	}
	peak = cg_read("memory.current");
	EXPECT_LE(start + (8 << 20), peak) TH_LOG("charged %ld -> %ld", start, peak);
	EXPECT_GE(16L << 20, peak);
	ASSERT_EQ(1, write(sv[0], "c", 1));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st)) TH_LOG("child killed by signal %d (OOM kill?)",
					  WTERMSIG(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
	/* uncharged after close: back to near the start (RCU-freed tables may lag) */
	for (int i = 0; i < 50; i++) {
		end = cg_read("memory.current");
		if (end <= start + (512 << 10))
			break;
		usleep(20000);
	}
	EXPECT_GE(start + (512 << 10), end) TH_LOG("memory.current %ld -> %ld", start, end);
	rmdir(CG);
	close(sv[0]);
}

TEST_HARNESS_MAIN
