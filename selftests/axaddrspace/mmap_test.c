// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest for mmap() of an address-space fd: the file offset is the
 * GPA; alloc areas are guest memory shared with AXAS_IOC_READ/WRITE, lazy
 * pages are populated on touch exactly as a guest fault would, anything
 * else (holes, MMIO, unmapped areas) raises SIGBUS.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/wait.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE	SZ_1G
#define LEN	SZ_1G
#define G	(BASE + 0x10000000ULL)

static __thread sigjmp_buf probe_env;
static __thread int probing;

#define PROBING(v)	__atomic_store_n(&probing, (v), __ATOMIC_SEQ_CST)

static void on_sigbus(int sig)
{
	if (__atomic_load_n(&probing, __ATOMIC_SEQ_CST))
		siglongjmp(probe_env, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
}

/* 0: read *p into *v; SIGBUS: the access raised it. */
static int probe_read(unsigned char *p, unsigned char *v)
{
	if (sigsetjmp(probe_env, 1)) {
		PROBING(0);
		return SIGBUS;
	}
	PROBING(1);
	*v = __atomic_load_n(p, __ATOMIC_RELAXED);
	PROBING(0);
	return 0;
}

static int probe_write(unsigned char *p, unsigned char v)
{
	if (sigsetjmp(probe_env, 1)) {
		PROBING(0);
		return SIGBUS;
	}
	PROBING(1);
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
	PROBING(0);
	return 0;
}

FIXTURE(mm) {
	int dev, fd;
	struct axcfg cfg;
};

FIXTURE_SETUP(mm)
{
	install_sigbus();
	self->dev = axas_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, axas_native_cfg(self->dev, &self->cfg));
	/* 4 KiB leaves: each touch populates exactly one page */
	self->cfg.pgsizes = AXAS_PGSIZE_4K;
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &self->fd));
}

FIXTURE_TEARDOWN(mm)
{
	close(self->fd);
	close(self->dev);
}

static unsigned char *map_guest(int fd, __u64 gpa, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, gpa);

	return p == MAP_FAILED ? NULL : p;
}

TEST_F(mm, lazy_read_populates_zeroes)
{
	struct axas_stats s0, s;
	unsigned char *p, v;
	int i;

	ASSERT_EQ(0, as_alloc(self->fd, G, 16 * SZ_4K, 0));
	p = map_guest(self->fd, G, 16 * SZ_4K);
	ASSERT_NE(NULL, p) TH_LOG("mmap: %s", strerror(errno));
	ASSERT_EQ(0, as_stats(self->fd, &s0));
	EXPECT_EQ(0, s0.data_pages);
	/* touch pages 0, 3 and 15, twice each and at two offsets */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, probe_read(p, &v));
		EXPECT_EQ(0, v);
		ASSERT_EQ(0, probe_read(p + 3 * SZ_4K + 17, &v));
		EXPECT_EQ(0, v);
		ASSERT_EQ(0, probe_read(p + 15 * SZ_4K + 4095, &v));
		EXPECT_EQ(0, v);
	}
	ASSERT_EQ(0, as_stats(self->fd, &s));
	EXPECT_EQ(3, s.data_pages);
	EXPECT_EQ(3, s.leaves[0]);
	/* the pages are the guest's frames: translate sees them */
	EXPECT_NE(0, as_hpa(self->fd, G + 3 * SZ_4K));
	EXPECT_EQ(0, as_hpa(self->fd, G + 4 * SZ_4K));
	munmap(p, 16 * SZ_4K);
	/* unmapping the user mapping frees nothing of the guest */
	ASSERT_EQ(0, as_stats(self->fd, &s));
	EXPECT_EQ(3, s.data_pages);
}

/* With 2 MiB leaves allowed, a touch populates what a fault would. */
TEST_F(mm, populate_like_fault)
{
	struct axcfg c = self->cfg;
	struct axas_stats sm, sf;
	struct axas_fault f;
	unsigned char *p, v;
	int fd2, fd3;

	c.pgsizes = 0;
	ASSERT_EQ(0, axas_create(self->dev, &c, BASE, LEN, &fd2));
	ASSERT_EQ(0, axas_create(self->dev, &c, BASE, LEN, &fd3));
	ASSERT_EQ(0, as_alloc(fd2, G, 2 * SZ_2M, 0));
	ASSERT_EQ(0, as_alloc(fd3, G, 2 * SZ_2M, 0));
	p = map_guest(fd2, G, 2 * SZ_2M);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(0, probe_read(p + SZ_2M + 5 * SZ_4K, &v));
	ASSERT_EQ(0, as_fault(fd3, G + SZ_2M + 5 * SZ_4K, AXAS_PROT_READ, &f));
	EXPECT_EQ(AXAS_FAULT_MAPPED, f.result);
	ASSERT_EQ(0, as_stats(fd2, &sm));
	ASSERT_EQ(0, as_stats(fd3, &sf));
	EXPECT_EQ(sf.data_pages, sm.data_pages);
	EXPECT_EQ(sf.leaves[0], sm.leaves[0]);
	EXPECT_EQ(sf.leaves[1], sm.leaves[1]);
	munmap(p, 2 * SZ_2M);
	close(fd2);
	close(fd3);
}

TEST_F(mm, shared_with_read_write)
{
	unsigned char *p, buf[64], v;
	__u64 done;
	int i;

	ASSERT_EQ(0, as_alloc(self->fd, G, 4 * SZ_4K, 0));
	ASSERT_EQ(0, as_alloc(self->fd, G + 4 * SZ_4K, 4 * SZ_4K, 1));
	p = map_guest(self->fd, G, 8 * SZ_4K);
	ASSERT_NE(NULL, p);
	/* through the mapping, read back with the ioctl (across the two areas) */
	for (i = 0; i < 64; i++)
		ASSERT_EQ(0, probe_write(p + 4 * SZ_4K - 32 + i, 0x40 + i));
	ASSERT_EQ(0, as_rw(self->fd, 0, G + 4 * SZ_4K - 32, buf, 64, &done));
	for (i = 0; i < 64; i++)
		EXPECT_EQ(0x40 + i, buf[i]);
	/* and the other way */
	for (i = 0; i < 64; i++)
		buf[i] = 0x90 ^ i;
	ASSERT_EQ(0, as_rw(self->fd, 1, G + 2 * SZ_4K + 1000, buf, 64, &done));
	for (i = 0; i < 64; i++) {
		ASSERT_EQ(0, probe_read(p + 2 * SZ_4K + 1000 + i, &v));
		EXPECT_EQ(0x90 ^ i, v);
	}
	/* a second mapping at another offset sees the same bytes */
	{
		unsigned char *q = map_guest(self->fd, G + 2 * SZ_4K, SZ_4K);

		ASSERT_NE(NULL, q);
		EXPECT_EQ(0, memcmp(q + 1000, p + 2 * SZ_4K + 1000, 64));
		munmap(q, SZ_4K);
	}
	munmap(p, 8 * SZ_4K);
}

TEST_F(mm, refused_mappings)
{
	void *p;

	ASSERT_EQ(0, as_alloc(self->fd, G, 4 * SZ_4K, 1));
	p = mmap(NULL, SZ_4K, PROT_READ | PROT_WRITE, MAP_PRIVATE, self->fd, G);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	p = mmap(NULL, SZ_4K, PROT_READ | PROT_EXEC, MAP_SHARED, self->fd, G);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EPERM, errno);
	/* outside the space, or reaching past its end */
	p = mmap(NULL, SZ_4K, PROT_READ, MAP_SHARED, self->fd, BASE - SZ_4K);
	EXPECT_EQ(MAP_FAILED, p);
	p = mmap(NULL, 2 * SZ_4K, PROT_READ, MAP_SHARED, self->fd, BASE + LEN - SZ_4K);
	EXPECT_EQ(MAP_FAILED, p);
	p = mmap(NULL, SZ_4K, PROT_READ, MAP_SHARED, self->fd, 0);
	EXPECT_EQ(MAP_FAILED, p);
	/* mprotect cannot add PROT_EXEC later */
	p = mmap(NULL, SZ_4K, PROT_READ, MAP_SHARED, self->fd, G);
	ASSERT_NE(MAP_FAILED, p);
	EXPECT_NE(0, mprotect(p, SZ_4K, PROT_READ | PROT_EXEC));
	munmap(p, SZ_4K);
	/* the device itself cannot be mapped */
	p = mmap(NULL, SZ_4K, PROT_READ, MAP_SHARED, self->dev, 0);
	EXPECT_EQ(MAP_FAILED, p);
}

TEST_F(mm, sigbus_hole_mmio_linear)
{
	struct axas_stats s0, s;
	unsigned char *p, v;

	ASSERT_EQ(0, as_alloc(self->fd, G, SZ_4K, 0));
	ASSERT_EQ(0, as_map(self->fd, AXAS_BACKEND_MMIO, 0, G + 2 * SZ_4K, SZ_4K, RW,
			    AXAS_MEM_DEVICE, 0));
	ASSERT_EQ(0, as_stats(self->fd, &s0));
	p = map_guest(self->fd, G, 4 * SZ_4K);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(0, probe_read(p, &v));
	EXPECT_EQ(SIGBUS, probe_read(p + SZ_4K, &v));		/* hole */
	EXPECT_EQ(SIGBUS, probe_write(p + SZ_4K, 1));
	EXPECT_EQ(SIGBUS, probe_read(p + 2 * SZ_4K, &v));	/* MMIO */
	EXPECT_EQ(SIGBUS, probe_write(p + 2 * SZ_4K + 8, 1));
	EXPECT_EQ(SIGBUS, probe_read(p + 3 * SZ_4K, &v));	/* hole */
	ASSERT_EQ(0, as_stats(self->fd, &s));
	EXPECT_EQ(1, s.data_pages);
	EXPECT_EQ(2, s.areas);
	munmap(p, 4 * SZ_4K);
	{
		/* linear areas are host memory the VMM does not own: SIGBUS */
		FILE *f = fopen("/proc/iomem", "re");
		char line[256];
		__u64 hpa = 0;

		while (f && fgets(line, sizeof(line), f)) {
			unsigned long long a, e;

			if (line[0] != ' ' && strstr(line, "PCI") &&
			    sscanf(line, "%llx-%llx", &a, &e) == 2 && e - a >= SZ_2M) {
				hpa = (a + SZ_2M - 1) & ~(SZ_2M - 1);
				if (hpa + SZ_4K - 1 <= e)
					break;
				hpa = 0;
			}
		}
		if (f)
			fclose(f);
		if (hpa && !as_map(self->fd, AXAS_BACKEND_LINEAR, 0, G + 8 * SZ_4K, SZ_4K,
				   RW, AXAS_MEM_DEVICE, hpa)) {
			p = map_guest(self->fd, G + 8 * SZ_4K, SZ_4K);
			ASSERT_NE(NULL, p);
			EXPECT_EQ(SIGBUS, probe_read(p, &v));
			munmap(p, SZ_4K);
		}
	}
}

/* After AXAS_IOC_UNMAP the old user mapping faults; a new area at the GPA is new memory. */
TEST_F(mm, unmap_zaps)
{
	struct axas_stats s;
	unsigned char *p, v;
	int i;

	ASSERT_EQ(0, as_alloc(self->fd, G, 4 * SZ_4K, 1));
	p = map_guest(self->fd, G, 4 * SZ_4K);
	ASSERT_NE(NULL, p);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, probe_write(p + i * SZ_4K, 0xa0 + i));
	ASSERT_EQ(0, as_unmap(self->fd, G + SZ_4K, SZ_4K));
	EXPECT_EQ(SIGBUS, probe_read(p + SZ_4K, &v)) TH_LOG("read %#x", v);
	EXPECT_EQ(SIGBUS, probe_write(p + SZ_4K, 1));
	ASSERT_EQ(0, probe_read(p, &v));
	EXPECT_EQ(0xa0, v);
	ASSERT_EQ(0, probe_read(p + 2 * SZ_4K, &v));
	EXPECT_EQ(0xa2, v);
	ASSERT_EQ(0, as_stats(self->fd, &s));
	EXPECT_EQ(3, s.data_pages);
	/* a new lazy area in the hole: zeros, not the old frame */
	ASSERT_EQ(0, as_alloc(self->fd, G + SZ_4K, SZ_4K, 0));
	ASSERT_EQ(0, probe_read(p + SZ_4K, &v));
	EXPECT_EQ(0, v);
	/* the whole range */
	ASSERT_EQ(0, as_unmap(self->fd, G, 4 * SZ_4K));
	for (i = 0; i < 4; i++)
		EXPECT_EQ(SIGBUS, probe_read(p + i * SZ_4K, &v)) TH_LOG("page %d", i);
	ASSERT_EQ(0, as_stats(self->fd, &s));
	EXPECT_EQ(0, s.data_pages);
	munmap(p, 4 * SZ_4K);
}

/* An unmap zaps the user mappings of every process, a forked child's too. */
TEST_F(mm, unmap_zaps_other_processes)
{
	int to_child[2], to_parent[2], st;
	unsigned char *p, v;
	pid_t pid;
	char c;

	ASSERT_EQ(0, as_alloc(self->fd, G, 2 * SZ_4K, 1));
	p = map_guest(self->fd, G, 2 * SZ_4K);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(0, probe_write(p, 0x42));
	ASSERT_EQ(0, pipe(to_child));
	ASSERT_EQ(0, pipe(to_parent));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int bad = 0;

		/* the child's own mapping of both pages, through its page tables */
		bad |= probe_read(p, &v) || v != 0x42;
		bad |= probe_write(p + SZ_4K, 0x43) != 0;
		bad |= write(to_parent[1], "r", 1) != 1;
		bad |= read(to_child[0], &c, 1) != 1;
		/* unmapped by the parent meanwhile: SIGBUS, never the old frame */
		bad |= probe_read(p, &v) != SIGBUS;
		bad |= probe_read(p + SZ_4K, &v) != SIGBUS;
		_exit(bad);
	}
	ASSERT_EQ(1, read(to_parent[0], &c, 1));
	ASSERT_EQ(0, as_unmap(self->fd, G, 2 * SZ_4K));
	ASSERT_EQ(1, write(to_child[1], "u", 1));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
	EXPECT_EQ(SIGBUS, probe_read(p, &v));
	munmap(p, 2 * SZ_4K);
}

/* Past the space's data page limit a touch is SIGBUS. */
TEST_F(mm, sigbus_over_limit)
{
	struct axas_stats s;
	unsigned char *p, v;
	int fd;

	ASSERT_EQ(0, axas_create_ex(self->dev, &self->cfg, BASE, LEN, 2, 0, &fd));
	ASSERT_EQ(0, as_alloc(fd, G, 4 * SZ_4K, 0));
	p = map_guest(fd, G, 4 * SZ_4K);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(0, probe_read(p, &v));
	EXPECT_EQ(0, probe_write(p + SZ_4K, 1));
	EXPECT_EQ(SIGBUS, probe_read(p + 2 * SZ_4K, &v));
	EXPECT_EQ(SIGBUS, probe_write(p + 3 * SZ_4K, 1));
	ASSERT_EQ(0, as_stats(fd, &s));
	EXPECT_EQ(2, s.data_pages);
	/* freeing one lets the next touch through */
	ASSERT_EQ(0, as_unmap(fd, G, SZ_4K));
	EXPECT_EQ(0, probe_read(p + 2 * SZ_4K, &v));
	EXPECT_EQ(0, v);
	munmap(p, 4 * SZ_4K);
	close(fd);
}

/* The mapping keeps the space alive after its fd is closed. */
TEST_F(mm, outlives_fd)
{
	unsigned char *p, v;
	int fd;

	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_alloc(fd, G, SZ_4K, 1));
	p = map_guest(fd, G, SZ_4K);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(0, probe_write(p + 7, 0x77));
	close(fd);
	ASSERT_EQ(0, probe_read(p + 7, &v));
	EXPECT_EQ(0x77, v);
	munmap(p, SZ_4K);
}

TEST_HARNESS_MAIN
