// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of concurrency on address-space fds, with pthreads and
 * processes: faults and translations racing unmaps, user mappings racing
 * unmaps, close during an ioctl, fork, and one fd shared by two processes
 * over a unix socket. Each race runs for a bounded time (under a second
 * or two, also under TCG emulation).
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE	0ULL
#define LEN	0x100000000ULL
#define G	0x10000000ULL
#define NPAGES	64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int new_space(int *dev, int *fd, __u32 pgsizes)
{
	struct axcfg c;

	*dev = axas_open();
	if (*dev < 0 || axas_native_cfg(*dev, &c))
		return -1;
	c.pgsizes = pgsizes;
	return axas_create(*dev, &c, BASE, LEN, fd);
}

/* ------------------------------------------------------ fault vs unmap */

struct fault_race {
	int fd;
	atomic_int stop;
	atomic_long bad, results[AXAS_FAULT_NR];
	atomic_long errors;
};

static void *fault_thread(void *arg)
{
	struct fault_race *r = arg;
	unsigned int i = 0;

	while (!atomic_load(&r->stop)) {
		struct axas_fault f;
		__u64 gpa = G + (i++ % 1024) * SZ_4K;

		if (as_fault(r->fd, gpa, (i & 1) ? AXAS_PROT_WRITE : AXAS_PROT_READ, &f)) {
			atomic_fetch_add(&r->errors, 1);
			continue;
		}
		if (f.result >= AXAS_FAULT_NR) {
			atomic_fetch_add(&r->bad, 1);
			continue;
		}
		atomic_fetch_add(&r->results[f.result], 1);
		switch (f.result) {
		case AXAS_FAULT_MAPPED:
		case AXAS_FAULT_SPURIOUS:
			/* the area may be a piece left by the partial unmap */
			if (!f.hpa || f.area_start < G ||
			    f.area_start + f.area_length > G + 2 * SZ_2M ||
			    gpa < f.area_start || gpa >= f.area_start + f.area_length) {
				if (atomic_fetch_add(&r->bad, 1) < 3)
					fprintf(stderr,
						"# fault %#llx: result %u hpa %#llx area %#llx+%#llx\n",
						(unsigned long long)gpa, f.result,
						(unsigned long long)f.hpa,
						(unsigned long long)f.area_start,
						(unsigned long long)f.area_length);
			}
			break;
		case AXAS_FAULT_NO_AREA:
			break;
		default:
			if (atomic_fetch_add(&r->bad, 1) < 3)
				fprintf(stderr, "# fault %#llx: result %u\n",
					(unsigned long long)gpa, f.result);
		}
	}
	return NULL;
}

TEST(fault_vs_unmap)
{
	struct fault_race r = { 0 };
	struct axas_stats s;
	pthread_t th[2];
	double end;
	int dev, rounds = 0, i;

	ASSERT_EQ(0, new_space(&dev, &r.fd, 0));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, fault_thread, &r));
	end = now() + 1.5;
	while (now() < end) {
		ASSERT_EQ(0, as_alloc(r.fd, G, 2 * SZ_2M, 0));
		usleep(1000);
		/* unmap in pieces, splitting what the faults mapped */
		ASSERT_EQ(0, as_unmap(r.fd, G + SZ_4K * 3, SZ_4K * 700));
		ASSERT_EQ(0, as_unmap(r.fd, G, 2 * SZ_2M));
		rounds++;
	}
	atomic_store(&r.stop, 1);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	EXPECT_EQ(0, atomic_load(&r.bad));
	EXPECT_EQ(0, atomic_load(&r.errors));
	TH_LOG("%d rounds; mapped %ld spurious %ld no-area %ld", rounds,
	       atomic_load(&r.results[AXAS_FAULT_MAPPED]),
	       atomic_load(&r.results[AXAS_FAULT_SPURIOUS]),
	       atomic_load(&r.results[AXAS_FAULT_NO_AREA]));
	EXPECT_LT(0, atomic_load(&r.results[AXAS_FAULT_MAPPED]));
	ASSERT_EQ(0, as_stats(r.fd, &s));
	EXPECT_EQ(0, s.data_pages);
	EXPECT_EQ(0, s.leaves[0] + s.leaves[1] + s.leaves[2]);
	EXPECT_EQ(0, s.areas);
	close(r.fd);
	close(dev);
}

/* ------------------------------------------------ fault vs protect */

struct prot_race {
	int fd;
	atomic_int stop;
	atomic_long bad, permission, spurious, ro, rw;
};

static void *prot_faulter(void *arg)
{
	struct prot_race *r = arg;
	unsigned int i = 0;

	while (!atomic_load(&r->stop)) {
		__u64 gpa = G + (i++ % 512) * SZ_4K;
		struct axas_translation t;
		struct axas_fault f;

		/* populated: a write is allowed (SPURIOUS) or not (PERMISSION) */
		if (as_fault(r->fd, gpa, AXAS_PROT_WRITE, &f) ||
		    (f.result != AXAS_FAULT_SPURIOUS && f.result != AXAS_FAULT_PERMISSION)) {
			if (atomic_fetch_add(&r->bad, 1) < 3)
				fprintf(stderr, "# write fault %#llx: result %u\n",
					(unsigned long long)gpa, f.result);
			continue;
		}
		atomic_fetch_add(f.result == AXAS_FAULT_SPURIOUS ? &r->spurious :
				 &r->permission, 1);
		/* the entry has the old rights or the new, nothing else, same frame */
		if (as_translate(r->fd, gpa, &t) || t.flags != AXAS_XLATE_VALID ||
		    (t.prot != RW && t.prot != AXAS_PROT_READ)) {
			if (atomic_fetch_add(&r->bad, 1) < 3)
				fprintf(stderr, "# translate %#llx: flags %u prot %u\n",
					(unsigned long long)gpa, t.flags, t.prot);
			continue;
		}
		atomic_fetch_add(t.prot == RW ? &r->rw : &r->ro, 1);
	}
	return NULL;
}

TEST(fault_vs_protect)
{
	struct prot_race r = { 0 };
	struct axas_stats s0, s;
	pthread_t th[2];
	double end;
	int dev, i, rounds = 0;

	ASSERT_EQ(0, new_space(&dev, &r.fd, 0));
	ASSERT_EQ(0, as_alloc(r.fd, G, SZ_2M, 1));
	ASSERT_EQ(0, as_stats(r.fd, &s0));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, prot_faulter, &r));
	end = now() + 1.0;
	while (now() < end) {
		/* read-only in pieces, splitting the 2 MiB leaf, then all back */
		ASSERT_EQ(0, as_protect(r.fd, G + SZ_4K * 7, SZ_4K * 300, AXAS_PROT_READ,
					AXAS_MEM_WB));
		ASSERT_EQ(0, as_protect(r.fd, G, SZ_2M, AXAS_PROT_READ, AXAS_MEM_WB));
		ASSERT_EQ(0, as_protect(r.fd, G, SZ_2M, RW, AXAS_MEM_WB));
		rounds++;
	}
	atomic_store(&r.stop, 1);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	TH_LOG("%d rounds: spurious %ld permission %ld, translated rw %ld ro %ld", rounds,
	       atomic_load(&r.spurious), atomic_load(&r.permission),
	       atomic_load(&r.rw), atomic_load(&r.ro));
	EXPECT_EQ(0, atomic_load(&r.bad));
	/* nothing allocated or freed by protect and faults on present pages */
	ASSERT_EQ(0, as_stats(r.fd, &s));
	EXPECT_EQ(s0.data_pages, s.data_pages);
	EXPECT_EQ(0, s.faults[AXAS_FAULT_MAPPED] - s0.faults[AXAS_FAULT_MAPPED]);
	close(r.fd);
	close(dev);
}

/* ------------------------------------------------- translate vs unmap */

struct xlate_race {
	int fd;
	__u64 gpas[NPAGES * 8];
	__u64 old[NPAGES * 8];
	atomic_int phase;	/* 1: unmapping, 2: done */
	atomic_long bad, calls, resurrected;
};

static void *xlate_thread(void *arg)
{
	static __thread struct axas_translation t[NPAGES * 8];
	struct xlate_race *r = arg;
	char gone[NPAGES * 8];

	memset(gone, 0, sizeof(gone));
	while (atomic_load(&r->phase) == 0)
		;
	while (atomic_load(&r->phase) == 1) {
		unsigned int i;

		if (as_translate_n(r->fd, r->gpas, t, NPAGES * 8, NULL, NULL)) {
			atomic_fetch_add(&r->bad, 1);
			break;
		}
		atomic_fetch_add(&r->calls, 1);
		for (i = 0; i < NPAGES * 8; i++) {
			if (!(t[i].flags & AXAS_XLATE_VALID)) {
				if (t[i].hpa)
					atomic_fetch_add(&r->bad, 1);
				gone[i] = 1;
			} else if (t[i].hpa != r->old[i]) {
				atomic_fetch_add(&r->bad, 1);
			} else if (gone[i]) {
				atomic_fetch_add(&r->resurrected, 1);
			}
		}
	}
	return NULL;
}

TEST(translate_vs_unmap)
{
	static struct xlate_race r;
	pthread_t th;
	double end;
	int dev, rounds = 0;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	ASSERT_EQ(0, new_space(&dev, &r.fd, 0));
	for (i = 0; i < NPAGES * 8; i++)
		r.gpas[i] = G + i * SZ_4K + (i & 7) * 8;
	end = now() + 1.5;
	while (now() < end) {
		atomic_store(&r.phase, 0);
		ASSERT_EQ(0, pthread_create(&th, NULL, xlate_thread, &r));
		ASSERT_EQ(0, as_alloc(r.fd, G, SZ_2M, 1));
		for (i = 0; i < NPAGES * 8; i++) {
			r.old[i] = as_hpa(r.fd, r.gpas[i]);
			ASSERT_NE(0, r.old[i]);
		}
		atomic_store(&r.phase, 1);
		/* page by page, splitting the 2 MiB leaf first */
		for (i = 0; i < NPAGES * 8; i += 8)
			ASSERT_EQ(0, as_unmap(r.fd, G + i * SZ_4K, 8 * SZ_4K));
		atomic_store(&r.phase, 2);
		pthread_join(th, NULL);
		rounds++;
	}
	EXPECT_EQ(0, atomic_load(&r.bad));
	EXPECT_EQ(0, atomic_load(&r.resurrected));
	TH_LOG("%d rounds, %ld translate calls", rounds, atomic_load(&r.calls));
	close(r.fd);
	close(dev);
}

/* --------------------------------------------- mmap access vs unmap */

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

static int probe_read64(__u64 *p, __u64 *v)
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

struct mm_race {
	__u64 *p;
	atomic_int round;	/* the data of this round is in the pages */
	atomic_int unmapped;	/* the unmap of this round has returned */
	atomic_int stop;
	atomic_long stale, bogus, sigbus, reads;
};

static void *mm_reader(void *arg)
{
	struct mm_race *r = arg;
	unsigned int i = 0;

	while (!atomic_load(&r->stop)) {
		int unm = atomic_load(&r->unmapped);
		int rnd = atomic_load(&r->round);
		int rnd_after, unm_after;
		__u64 v;
		unsigned int pg = i++ % NPAGES;

		if (probe_read64(r->p + pg * (SZ_4K / 8), &v)) {
			atomic_fetch_add(&r->sigbus, 1);
			continue;
		}
		rnd_after = atomic_load(&r->round);
		unm_after = atomic_load(&r->unmapped);
		if (unm_after != unm)
			rnd_after = -1;		/* not one phase: no exact value */
		atomic_fetch_add(&r->reads, 1);
		/*
		 * AXAS_IOC_WRITE is not atomic: while a round's data is being
		 * written (round == unmapped) a read may see it in part. Once
		 * written and until the unmap, it must read exactly.
		 */
		if (rnd == rnd_after && rnd > unm &&
		    v != (((__u64)(0xfeed0000u + pg) << 32) | rnd)) {
			if (atomic_fetch_add(&r->bogus, 1) < 3)
				fprintf(stderr, "# round %d page %u: %#llx\n", rnd, pg,
					(unsigned long long)v);
			continue;
		}
		/* never the data of a round whose unmap returned before the read */
		if ((v >> 32) == 0xfeed0000u + pg && (int)(v & 0xffffffff) <= unm &&
		    atomic_fetch_add(&r->stale, 1) < 3)
			fprintf(stderr, "# stale: round %d page %u after unmap of %d\n",
				(int)(v & 0xffffffff), pg, unm);
	}
	return NULL;
}

TEST(mmap_vs_unmap)
{
	static struct mm_race r;
	struct sigaction sa;
	struct axas_stats s;
	pthread_t th[2];
	void *p;
	double end;
	int dev, fd, i, rnd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
	memset(&r, 0, sizeof(r));
	ASSERT_EQ(0, new_space(&dev, &fd, AXAS_PGSIZE_4K));
	p = mmap(NULL, NPAGES * SZ_4K, PROT_READ | PROT_WRITE, MAP_SHARED, fd, G);
	ASSERT_NE(MAP_FAILED, p);
	r.p = p;
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, mm_reader, &r));
	end = now() + 1.5;
	for (rnd = 1; now() < end; rnd++) {
		__u64 v;

		ASSERT_EQ(0, as_alloc(fd, G, NPAGES * SZ_4K, rnd & 1));
		for (i = 0; i < NPAGES; i++) {
			v = ((__u64)(0xfeed0000u + i) << 32) | rnd;
			ASSERT_EQ(0, as_rw(fd, 1, G + i * SZ_4K, &v, 8, NULL));
		}
		atomic_store(&r.round, rnd);
		usleep(500);
		ASSERT_EQ(0, as_unmap(fd, G, NPAGES * SZ_4K));
		atomic_store(&r.unmapped, rnd);
		usleep(200);
	}
	atomic_store(&r.stop, 1);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	TH_LOG("%d rounds: %ld reads, %ld SIGBUS", rnd, atomic_load(&r.reads),
	       atomic_load(&r.sigbus));
	EXPECT_EQ(0, atomic_load(&r.stale));
	EXPECT_EQ(0, atomic_load(&r.bogus));
	EXPECT_LT(0, atomic_load(&r.sigbus));
	ASSERT_EQ(0, as_stats(fd, &s));
	EXPECT_EQ(0, s.data_pages);
	munmap(p, NPAGES * SZ_4K);
	close(fd);
	close(dev);
}

/* ------------------------------------- close while inside an ioctl */

struct close_race {
	int fd;
	atomic_int started, stop, ids;
	atomic_long ok, ebadf, other;
};

static void *busy_ioctls(void *arg)
{
	static __thread __u64 gpas[4096];
	static __thread struct axas_translation t[4096];
	struct close_race *r = arg;
	/* each thread its own range */
	__u64 mine = G + SZ_1G * (1 + atomic_fetch_add(&r->ids, 1));
	unsigned int i;

	for (i = 0; i < 4096; i++)
		gpas[i] = G + i * SZ_4K;
	atomic_store(&r->started, 1);
	while (!atomic_load(&r->stop)) {
		struct dumpbuf d;
		int ret;

		ret = as_translate_n(r->fd, gpas, t, 4096, NULL, NULL);
		if (!ret)
			ret = as_alloc(r->fd, mine, 2 * SZ_2M, 1);
		if (!ret)
			ret = as_unmap(r->fd, mine, 2 * SZ_2M);
		if (!ret) {
			ret = as_dump(r->fd, 0, LEN, &d);
			if (!ret)
				free(d.e);
			else if (ret < 0)
				ret = EIO;
		}
		if (!ret)
			atomic_fetch_add(&r->ok, 1);
		else if (ret == EBADF)
			atomic_fetch_add(&r->ebadf, 1);
		else if (atomic_fetch_add(&r->other, 1) < 3)
			fprintf(stderr, "# ioctl during close: %d (%s)\n", ret,
				ret > 0 ? strerror(ret) : "dump made no progress");
		if (ret == EBADF)
			break;
	}
	return NULL;
}

TEST(close_during_ioctl)
{
	struct close_race r = { 0 };
	pthread_t th[2];
	int dev, i, round;

	for (round = 0; round < 20; round++) {
		memset(&r, 0, sizeof(r));
		ASSERT_EQ(0, new_space(&dev, &r.fd, 0));
		ASSERT_EQ(0, as_alloc(r.fd, G, 16 * SZ_4K, 1));
		for (i = 0; i < 2; i++)
			ASSERT_EQ(0, pthread_create(&th[i], NULL, busy_ioctls, &r));
		while (!atomic_load(&r.started))
			;
		usleep(1000 + round * 500);
		/* the space goes away with its last reference, not under the ioctl */
		close(r.fd);
		close(dev);
		usleep(2000);
		atomic_store(&r.stop, 1);
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		EXPECT_EQ(0, atomic_load(&r.other));
	}
}

/* ------------------------------------- a fatal signal inside an unmap */

/*
 * A process killed inside a long unmap stops at a 2 MiB boundary: what is
 * left is exactly the area after the unmapped prefix (seen by the parent,
 * which shares the fd).
 */
TEST(kill_during_unmap)
{
	const unsigned int npages = (32 << 20) / SZ_4K;
	static __u64 gpas[(32 << 20) / 4096];
	static struct axas_translation t[(32 << 20) / 4096];
	int dev, fd, round, partial = 0;
	unsigned int i;

	ASSERT_EQ(0, new_space(&dev, &fd, AXAS_PGSIZE_4K));
	for (i = 0; i < npages; i++)
		gpas[i] = G + i * SZ_4K;
	for (round = 0; round < 8; round++) {
		struct axas_stats s;
		struct axas_fault f;
		unsigned int k;
		pid_t pid;
		int st;

		ASSERT_EQ(0, as_alloc(fd, G, npages * SZ_4K, 1));
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			/*
			 * SIGALRM's default action is fatal: the kernel makes
			 * it a pending SIGKILL while the unmap runs.
			 */
			struct itimerval it = { { 0, 0 }, { 0, 20 + round * 50 } };

			setitimer(ITIMER_REAL, &it, NULL);
			as_unmap(fd, G, npages * SZ_4K);
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		ASSERT_EQ(0, as_translate_n(fd, gpas, t, npages, NULL, NULL));
		for (k = 0; k < npages && !(t[k].flags & AXAS_XLATE_VALID); k++)
			;
		for (i = k; i < npages; i++)
			if (!(t[i].flags & AXAS_XLATE_VALID))
				break;
		EXPECT_EQ(npages, i)
			TH_LOG("round %d: a hole at page %u after %u", round, i, k);
		EXPECT_EQ(0, (k * SZ_4K) % SZ_2M)
			TH_LOG("round %d: stopped at page %u", round, k);
		TH_LOG("round %d: killed after %u of %u pages", round, k, npages);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(npages - k, s.data_pages);
		EXPECT_EQ(k < npages ? 1 : 0, s.areas);
		if (k < npages) {
			partial++;
			ASSERT_EQ(0, as_fault(fd, G + k * SZ_4K, AXAS_PROT_READ, &f));
			EXPECT_EQ(AXAS_FAULT_SPURIOUS, f.result);
			EXPECT_EQ(G + k * SZ_4K, f.area_start);
			EXPECT_EQ((npages - k) * SZ_4K, f.area_length);
			ASSERT_EQ(0, as_unmap(fd, G, npages * SZ_4K));
		}
	}
	TH_LOG("%d of 8 unmaps were stopped part way", partial);
	close(fd);
	close(dev);
}

/* The same for protect: a 2 MiB-aligned prefix has the new rights. */
TEST(kill_during_protect)
{
	const unsigned int npages = (32 << 20) / SZ_4K;
	static __u64 gpas[(32 << 20) / 4096];
	static struct axas_translation t[(32 << 20) / 4096];
	int dev, fd, round, partial = 0;
	unsigned int i;

	ASSERT_EQ(0, new_space(&dev, &fd, AXAS_PGSIZE_4K));
	for (i = 0; i < npages; i++)
		gpas[i] = G + i * SZ_4K;
	for (round = 0; round < 12; round++) {
		struct axas_stats s;
		unsigned int k;
		pid_t pid;
		int st;

		/* one fresh area each round (adjacent areas are not merged) */
		ASSERT_EQ(0, as_alloc(fd, G, npages * SZ_4K, 1));
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			struct itimerval it = { { 0, 0 }, { 0, 10 + round * 25 } };

			setitimer(ITIMER_REAL, &it, NULL);
			as_protect(fd, G, npages * SZ_4K, AXAS_PROT_READ, AXAS_MEM_WB);
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		ASSERT_EQ(0, as_translate_n(fd, gpas, t, npages, NULL, NULL));
		for (k = 0; k < npages && t[k].prot == AXAS_PROT_READ; k++)
			;
		for (i = k; i < npages; i++)
			if (t[i].prot != RW)
				break;
		EXPECT_EQ(npages, i)
			TH_LOG("round %d: prot %u at page %u after %u", round, t[i].prot, i, k);
		EXPECT_EQ(0, (k * SZ_4K) % SZ_2M)
			TH_LOG("round %d: stopped at page %u", round, k);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(npages, s.data_pages);
		EXPECT_EQ(npages, s.leaves[0]);
		/* the area split exactly there */
		EXPECT_EQ(k && k < npages ? 2 : 1, s.areas) TH_LOG("round %d: k %u", round, k);
		partial += k && k < npages;
		ASSERT_EQ(0, as_unmap(fd, G, npages * SZ_4K));
	}
	TH_LOG("%d of 12 protects were stopped part way", partial);
	close(fd);
	close(dev);
}

/* ------------------------------------ a user copy stalled by userfaultfd */

enum uffd_op { UF_READ, UF_WRITE, UF_TRANSLATE, UF_DUMP, UF_MAP_VEC, UF_ARG, UF_NR };

static const char *const uffd_op_name[UF_NR] = {
	"read buf", "write buf", "translate results", "dump entries", "map_vec entries",
	"the argument itself",
};

struct uffd_call {
	int fd;
	enum uffd_op op;
	unsigned char *page;	/* registered with userfaultfd, not yet there */
	int ret;
};

static void *uffd_caller(void *arg)
{
	struct uffd_call *u = arg;
	static __u64 gpas[4] = { G, G + SZ_4K, G + 2 * SZ_4K, G + 3 * SZ_4K };
	struct axas_vec v;
	struct axas_dump d;

	switch (u->op) {
	case UF_READ:
		u->ret = as_rw(u->fd, 0, G, u->page, 256, NULL);
		break;
	case UF_WRITE:
		u->ret = as_rw(u->fd, 1, G, u->page, 256, NULL);
		break;
	case UF_TRANSLATE:
		u->ret = as_translate_n(u->fd, gpas, (void *)u->page, 4, NULL, NULL);
		break;
	case UF_DUMP:
		memset(&d, 0, sizeof(d));
		d.size = sizeof(d);
		d.entry_len = sizeof(struct axas_dump_entry);
		d.num = 8;
		d.end = LEN;
		d.level = 0xffffffff;
		d.entries = (uintptr_t)u->page;
		u->ret = xioctl(u->fd, AXAS_IOC_DUMP, &d);
		break;
	case UF_MAP_VEC:
		memset(&v, 0, sizeof(v));
		v.size = sizeof(v);
		v.entry_len = sizeof(struct axas_map_entry);
		v.entry_num = 1;
		v.entries = (uintptr_t)u->page;
		u->ret = xioctl(u->fd, AXAS_IOC_MAP_VEC, &v);
		break;
	case UF_ARG:
		u->ret = xioctl(u->fd, AXAS_IOC_MAP, u->page);
		break;
	default:
		break;
	}
	return NULL;
}

/*
 * No user copy happens under the space's lock (Documentation/uapi.rst):
 * while one call waits for a userfaultfd page, map, unmap, protect, fault,
 * translate and stats on the same space go on.
 */
TEST(uffd_stalls_only_its_call)
{
	unsigned char src[4096];
	int dev, fd;
	enum uffd_op op;

	ASSERT_EQ(0, new_space(&dev, &fd, 0));
	ASSERT_EQ(0, as_alloc(fd, G, SZ_2M, 1));
	ASSERT_EQ(0, as_alloc(fd, G + 4 * SZ_2M, SZ_2M, 0));
	for (op = 0; op < UF_NR; op++) {
		struct uffdio_api api = { .api = UFFD_API };
		struct uffdio_register reg;
		struct uffdio_copy cp;
		struct uffd_msg msg;
		struct pollfd pfd;
		struct uffd_call u;
		struct axas_fault f;
		struct axas_stats s;
		pthread_t th;
		int uffd;

		uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
		if (uffd < 0)
			SKIP(return, "no userfaultfd: %s", strerror(errno));
		ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
		u.page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT_NE(MAP_FAILED, u.page);
		memset(&reg, 0, sizeof(reg));
		reg.range.start = (uintptr_t)u.page;
		reg.range.len = 4096;
		reg.mode = UFFDIO_REGISTER_MODE_MISSING;
		ASSERT_EQ(0, ioctl(uffd, UFFDIO_REGISTER, &reg));
		/* what the page will hold once the fault is resolved */
		memset(src, 0, sizeof(src));
		if (op == UF_WRITE)
			memset(src, 0x5c, 256);
		if (op == UF_MAP_VEC)
			map_entry_init((void *)src, AXAS_BACKEND_MMIO, 0, G + 8 * SZ_2M,
				       SZ_4K, RW, AXAS_MEM_WB, 0);
		if (op == UF_ARG)
			map_init((void *)src, AXAS_BACKEND_MMIO, 0, G + 8 * SZ_2M, SZ_4K, RW,
				 AXAS_MEM_WB, 0);
		u.fd = fd;
		u.op = op;
		u.ret = -1;
		ASSERT_EQ(0, pthread_create(&th, NULL, uffd_caller, &u));
		pfd.fd = uffd;
		pfd.events = POLLIN;
		ASSERT_EQ(1, poll(&pfd, 1, 10000)) TH_LOG("%s: no fault", uffd_op_name[op]);
		ASSERT_EQ(sizeof(msg), read(uffd, &msg, sizeof(msg)));
		ASSERT_EQ(UFFD_EVENT_PAGEFAULT, msg.event);

		/* the call is stalled in a user copy: the space must not be */
		alarm(20);
		EXPECT_EQ(0, as_alloc(fd, G + 12 * SZ_2M, SZ_2M, 1)) TH_LOG("%s", uffd_op_name[op]);
		EXPECT_EQ(0, as_protect(fd, G + 12 * SZ_2M, SZ_4K, AXAS_PROT_READ, AXAS_MEM_WB));
		EXPECT_EQ(0, as_fault(fd, G + 4 * SZ_2M + SZ_4K, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(0, as_unmap(fd, G + 12 * SZ_2M, SZ_2M));
		EXPECT_EQ(0, as_unmap(fd, G + SZ_4K * 100, SZ_4K));
		EXPECT_EQ(0, as_stats(fd, &s));
		EXPECT_NE(0, as_hpa(fd, G));
		alarm(0);
		EXPECT_EQ(-1, u.ret) TH_LOG("%s: the call did not wait", uffd_op_name[op]);

		memset(&cp, 0, sizeof(cp));
		cp.dst = (uintptr_t)u.page;
		cp.src = (uintptr_t)src;
		cp.len = 4096;
		ASSERT_EQ(0, ioctl(uffd, UFFDIO_COPY, &cp));
		pthread_join(th, NULL);
		EXPECT_EQ(0, u.ret) TH_LOG("%s: %s", uffd_op_name[op], strerror(u.ret));
		if (op == UF_MAP_VEC || op == UF_ARG)
			EXPECT_EQ(0, as_unmap(fd, G + 8 * SZ_2M, SZ_4K));
		/* put back the page unmapped above */
		if (op < UF_NR)
			as_alloc(fd, G + SZ_4K * 100, SZ_4K, 1);
		munmap(u.page, 4096);
		close(uffd);
	}
	close(fd);
	close(dev);
}

/* ------------------------------------------------------------ fork */

TEST(fork_shares_memory)
{
	unsigned char *p, buf[8];
	pid_t pid;
	int dev, fd, status;

	ASSERT_EQ(0, new_space(&dev, &fd, 0));
	ASSERT_EQ(0, as_alloc(fd, G, 4 * SZ_4K, 0));
	p = mmap(NULL, 4 * SZ_4K, PROT_READ | PROT_WRITE, MAP_SHARED, fd, G);
	ASSERT_NE(MAP_FAILED, p);
	memcpy(p + 10, "parent", 7);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int bad = 0;
		struct axas_stats s;

		/* the child sees the same memory through the fd and its mapping */
		bad |= memcmp(p + 10, "parent", 7) != 0;
		bad |= as_rw(fd, 0, G + 10, buf, 7, NULL) != 0;
		bad |= memcmp(buf, "parent", 7) != 0;
		memcpy(p + SZ_4K + 20, "child", 6);
		bad |= as_rw(fd, 1, G + 3 * SZ_4K, "via-fd", 7, NULL) != 0;
		bad |= as_alloc(fd, G + SZ_2M, SZ_4K, 1) != 0;
		bad |= as_stats(fd, &s) != 0;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(0, as_rw(fd, 0, G + SZ_4K + 20, buf, 6, NULL));
	EXPECT_EQ(0, memcmp(buf, "child", 6));
	EXPECT_EQ(0, memcmp(p + SZ_4K + 20, "child", 6));
	EXPECT_EQ(0, memcmp(p + 3 * SZ_4K, "via-fd", 7));
	/* the area the child mapped is in the parent's space */
	EXPECT_NE(0, as_hpa(fd, G + SZ_2M));
	munmap(p, 4 * SZ_4K);
	close(fd);
	close(dev);
}

/* ------------------------------------------- two processes, SCM_RIGHTS */

static int send_fd(int sock, int fd)
{
	char c = 'F';
	struct iovec iov = { &c, 1 };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = u.b, .msg_controllen = sizeof(u.b) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char c;
	struct iovec iov = { &c, 1 };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = u.b, .msg_controllen = sizeof(u.b) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* Both processes fault and write their own pages at once; then each sees the other's. */
static int hammer(int fd, int who, double secs)
{
	double end = now() + secs;
	unsigned int i = 0;
	int bad = 0;

	while (now() < end) {
		struct axas_fault f;
		__u64 gpa = G + ((i % 256) * 2 + who) * SZ_4K;
		__u64 v = ((__u64)who << 32) | i;

		bad |= as_fault(fd, gpa, AXAS_PROT_WRITE, &f) != 0;
		bad |= f.result != AXAS_FAULT_MAPPED && f.result != AXAS_FAULT_SPURIOUS;
		bad |= as_rw(fd, 1, gpa, &v, 8, NULL) != 0;
		i++;
	}
	/* the final value of each own page: the last round that wrote it */
	return bad;
}

TEST(scm_rights_two_processes)
{
	int sv[2], status, dev, fd;
	struct axas_stats s;
	pid_t pid;
	char c;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int cfd, bad;

		close(sv[0]);
		cfd = recv_fd(sv[1]);
		if (cfd < 0)
			_exit(2);
		bad = hammer(cfd, 1, 1.0);
		bad |= write(sv[1], "d", 1) != 1;
		close(cfd);
		_exit(bad);
	}
	close(sv[1]);
	/* the space is created after the fork: the child only has it through the socket */
	ASSERT_EQ(0, new_space(&dev, &fd, AXAS_PGSIZE_4K));
	ASSERT_EQ(0, as_alloc(fd, G, 512 * SZ_4K, 0));
	ASSERT_EQ(0, send_fd(sv[0], fd));
	EXPECT_EQ(0, hammer(fd, 0, 1.0));
	ASSERT_EQ(1, read(sv[0], &c, 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* each page written by its process, each frame allocated once */
	ASSERT_EQ(0, as_stats(fd, &s));
	EXPECT_EQ(512, s.data_pages);
	EXPECT_EQ(512, s.leaves[0]);
	for (unsigned int i = 0; i < 512; i++) {
		__u64 v = 0;

		ASSERT_EQ(0, as_rw(fd, 0, G + i * SZ_4K, &v, 8, NULL));
		EXPECT_EQ(i & 1, v >> 32) TH_LOG("page %u", i);
	}
	close(fd);
	close(dev);
	close(sv[0]);
}

TEST_HARNESS_MAIN
