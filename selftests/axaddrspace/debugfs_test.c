// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of the per-space debugfs directories,
 * /sys/kernel/debug/axaddrspace/<pid>-<fd>/:
 *  - the directory appears when AXAS_IOC_CREATE returns the fd and goes
 *    when the fd is closed;
 *  - summary shows the geometry, the root register of AXAS_IOC_ROOT, the
 *    areas the test made and exactly the counts of AXAS_IOC_STATS;
 *  - dump holds exactly the entries of AXAS_IOC_DUMP, in order, whatever
 *    size the reads have;
 *  - a summary or dump opened before the space's fd is closed reads data
 *    or fails (EIO) afterwards, never crashes (the debug kernel's KASAN
 *    watches), also while another thread is reading as the fd closes.
 * Skipped only when the kernel has no debugfs.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/vfs.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define DEBUGFS		"/sys/kernel/debug"
#define AXDIR		DEBUGFS "/axaddrspace"
#define DEBUGFS_MAGIC_	0x64626720
#define BASE		0ULL
#define LEN		0x100000000ULL

static int have_debugfs(void)
{
	struct statfs sf;

	ensure_debugfs();
	return !statfs(DEBUGFS, &sf) && sf.f_type == DEBUGFS_MAGIC_;
}

static void space_dir(char *buf, size_t len, int fd, const char *file)
{
	snprintf(buf, len, AXDIR "/%d-%d%s%s", getpid(), fd, file ? "/" : "",
		 file ? file : "");
}

/* Everything an fd gives, @chunk bytes per read(). */
static char *read_fd(int fd, size_t chunk, size_t *len, int *err)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	ssize_t r;

	*err = 0;
	for (;;) {
		if (cap - n < chunk + 1) {
			cap = (cap + chunk) * 2;
			buf = realloc(buf, cap);
		}
		r = read(fd, buf + n, chunk);
		if (r < 0) {
			*err = errno;
			break;
		}
		if (!r)
			break;
		n += r;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

static char *read_path(const char *path, size_t chunk, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = read_fd(fd, chunk, len, &err);
	close(fd);
	if (err) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The value after "  @key " in the summary, ~0 if missing. */
static unsigned long long summary_val(const char *s, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\n  %s ", key);
	p = strstr(s, pat);
	if (!p)
		return ~0ULL;
	return strtoull(p + strlen(pat), NULL, 0);
}

/* The value of a "key: value" line at the top of the summary. */
static const char *summary_field(const char *s, const char *key, char *out,
				 size_t len)
{
	char pat[64];
	const char *p, *e;

	snprintf(pat, sizeof(pat), "%s:", key);
	p = strstr(s, pat);
	if (!p || (p != s && p[-1] != '\n'))
		return NULL;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	e = strchr(p, '\n');
	snprintf(out, len, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
	return out;
}

/* One parsed dump line. */
struct dline {
	__u32 level;
	__u64 gpa;
	__u64 last;
	__u64 out;
	__u64 raw;
	int table;
	int invalid;
};

/* Parses the entry lines after the header; returns the count, -1 on junk. */
static long parse_dump(const char *s, struct dline *d, long max, char *hdr,
		       size_t hlen)
{
	const char *line = s, *nl;
	long n = 0;

	nl = strchr(line, '\n');
	if (!nl)
		return -1;
	snprintf(hdr, hlen, "%.*s", (int)(nl - line), line);
	for (line = nl + 1; *line; line = nl + 1) {
		char what[32], sz[16];
		unsigned int lv;
		unsigned long long g, l, o, raw;
		int got;

		nl = strchr(line, '\n');
		if (!nl || n == max)
			return -1;
		got = sscanf(line, " L%u 0x%llx-0x%llx %15s %31s", &lv, &g, &l,
			     sz, what);
		if (got != 5)
			return -1;
		{
			const char *arrow = strstr(line, "-> 0x");
			const char *rp = strstr(line, " raw 0x");

			if (!arrow || !rp || rp > nl)
				return -1;
			o = strtoull(arrow + 3, NULL, 16);
			raw = strtoull(rp + 5, NULL, 16);
		}
		d[n].level = lv;
		d[n].gpa = g;
		d[n].last = l;
		d[n].out = o;
		d[n].raw = raw;
		d[n].table = !strcmp(what, "table");
		d[n].invalid = !!memmem(line, nl - line, "INVALID", 7);
		n++;
	}
	return n;
}

FIXTURE(dbg) {
	int dev;
	struct axcfg cfg;
};

FIXTURE_SETUP(dbg)
{
	struct stat st;

	self->dev = -1;
	if (!have_debugfs())
		SKIP(return, "no debugfs in this kernel");
	/* debugfs is there: the module's directory must be too */
	ASSERT_EQ(0, stat(AXDIR, &st)) TH_LOG(AXDIR ": %s", strerror(errno));
	self->dev = axas_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, axas_native_cfg(self->dev, &self->cfg));
}

FIXTURE_TEARDOWN(dbg)
{
	if (self->dev >= 0)
		close(self->dev);
}

TEST_F(dbg, dir_lifetime)
{
	char p1[256], p2[256], f[256];
	struct stat st;
	int fd1, fd2;

	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd1));
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd2));
	space_dir(p1, sizeof(p1), fd1, NULL);
	space_dir(p2, sizeof(p2), fd2, NULL);
	ASSERT_EQ(0, stat(p1, &st)) TH_LOG("%s: %s", p1, strerror(errno));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, stat(p2, &st)) TH_LOG("%s: %s", p2, strerror(errno));
	space_dir(f, sizeof(f), fd1, "summary");
	EXPECT_EQ(0, stat(f, &st));
	EXPECT_EQ(0400, st.st_mode & 0777);
	space_dir(f, sizeof(f), fd1, "dump");
	EXPECT_EQ(0, stat(f, &st));
	close(fd1);
	EXPECT_EQ(-1, stat(p1, &st));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(0, stat(p2, &st));
	close(fd2);
	EXPECT_EQ(-1, stat(p2, &st));
	/* a duplicate keeps the space, and its directory, alive */
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd1));
	space_dir(p1, sizeof(p1), fd1, NULL);
	fd2 = dup(fd1);
	close(fd1);
	EXPECT_EQ(0, stat(p1, &st));
	close(fd2);
	EXPECT_EQ(-1, stat(p1, &st));
}

TEST_F(dbg, summary_matches_stats)
{
	struct axas_fault f;
	struct axas_stats st;
	struct axas_root r;
	char path[256], v[128], want[128], *s;
	size_t len;
	int fd;

	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_alloc(fd, 0, 4 * SZ_2M, 1));
	ASSERT_EQ(0, as_alloc(fd, 0x10000000, 4 * SZ_2M, 0));
	ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_MMIO, 0, 0x20000000, SZ_4K,
			    AXAS_PROT_READ, AXAS_MEM_DEVICE, 0));
	ASSERT_EQ(0, as_fault(fd, 0x10003000, AXAS_PROT_WRITE, &f));
	ASSERT_EQ(0, as_fault(fd, 0x10003000, AXAS_PROT_READ, &f));
	ASSERT_EQ(0, as_fault(fd, 0x20000000, AXAS_PROT_READ, &f));
	ASSERT_EQ(0, as_fault(fd, 0x30000000, AXAS_PROT_READ, &f));
	ASSERT_EQ(0, as_fault(fd, 0x20000000, AXAS_PROT_WRITE, &f));
	ASSERT_EQ(0, as_protect(fd, 0x1000, SZ_4K, AXAS_PROT_READ, AXAS_MEM_WB));

	space_dir(path, sizeof(path), fd, "summary");
	s = read_path(path, 4096, &len);
	ASSERT_NE(NULL, s) TH_LOG("%s: %s", path, strerror(errno));
	TH_LOG("%s", s);
	ASSERT_EQ(0, as_stats(fd, &st));
	ASSERT_EQ(0, as_root(fd, &r));

	ASSERT_NE(NULL, summary_field(s, "format", v, sizeof(v)));
	EXPECT_STREQ(axas_format_str(self->cfg.format), v);
	ASSERT_NE(NULL, summary_field(s, "levels", v, sizeof(v)));
	EXPECT_EQ(self->cfg.levels, strtoul(v, NULL, 0));
	ASSERT_NE(NULL, summary_field(s, "range", v, sizeof(v)));
	snprintf(want, sizeof(want), "[0x%llx, 0x%llx)", BASE, BASE + LEN);
	EXPECT_STREQ(want, v);
	ASSERT_NE(NULL, summary_field(s, "root", v, sizeof(v)));
	EXPECT_EQ(r.value, strtoull(v, NULL, 0));
	ASSERT_NE(NULL, summary_field(s, "root_table", v, sizeof(v)));
	EXPECT_EQ(decode_root(&r, self->cfg.cfg_flags).addr, strtoull(v, NULL, 0));

	EXPECT_EQ(st.data_pages, summary_val(s, "data_pages"));
	EXPECT_EQ(st.table_pages, summary_val(s, "table_pages"));
	EXPECT_EQ(st.leaves[0], summary_val(s, "leaves_4k"));
	EXPECT_EQ(st.leaves[1], summary_val(s, "leaves_2m"));
	EXPECT_EQ(st.leaves[2], summary_val(s, "leaves_1g"));
	EXPECT_EQ(st.areas, summary_val(s, "areas"));
	EXPECT_EQ(st.consumers, summary_val(s, "consumers"));
	EXPECT_EQ(st.faults[AXAS_FAULT_MAPPED], summary_val(s, "faults_mapped"));
	EXPECT_EQ(st.faults[AXAS_FAULT_SPURIOUS], summary_val(s, "faults_spurious"));
	EXPECT_EQ(st.faults[AXAS_FAULT_MMIO], summary_val(s, "faults_mmio"));
	EXPECT_EQ(st.faults[AXAS_FAULT_PERMISSION],
		  summary_val(s, "faults_permission"));
	EXPECT_EQ(st.faults[AXAS_FAULT_NO_AREA], summary_val(s, "faults_no_area"));
	EXPECT_EQ(st.faults[AXAS_FAULT_OUT_OF_RANGE],
		  summary_val(s, "faults_out_of_range"));
	EXPECT_EQ(st.faults[AXAS_FAULT_NOMEM], summary_val(s, "faults_nomem"));
	EXPECT_EQ(st.faults[AXAS_FAULT_INVALID], summary_val(s, "faults_invalid"));
	EXPECT_EQ(st.invalidations, summary_val(s, "invalidations"));
	EXPECT_EQ(st.invalidations_all, summary_val(s, "invalidations_all"));
	EXPECT_EQ(0, summary_val(s, "max_data_pages"));
	/* and from first principles: what this test did */
	EXPECT_EQ(1, summary_val(s, "faults_mapped"));
	EXPECT_EQ(1, summary_val(s, "faults_spurious"));
	EXPECT_EQ(1, summary_val(s, "faults_mmio"));
	EXPECT_EQ(1, summary_val(s, "faults_no_area"));
	EXPECT_EQ(1, summary_val(s, "faults_permission"));

	/* the areas: the protect cut the populated one in three */
	EXPECT_NE(NULL, strstr(s, "\nareas: 5\n"));
	EXPECT_NE(NULL, strstr(s, "\n  [0x0, 0x1000) alloc  rw- wb     populated\n"));
	EXPECT_NE(NULL, strstr(s, "\n  [0x1000, 0x2000) alloc  r-- wb     populated\n"));
	EXPECT_NE(NULL, strstr(s, "\n  [0x2000, 0x800000) alloc  rw- wb     populated\n"));
	EXPECT_NE(NULL, strstr(s, "\n  [0x10000000, 0x10800000) alloc  rw- wb     lazy\n"));
	EXPECT_NE(NULL, strstr(s, "\n  [0x20000000, 0x20001000) mmio   r-- device\n"));
	free(s);
	close(fd);
}

/* The debugfs dump of @fd against AXAS_IOC_DUMP, read @chunk at a time. */
static void check_dump(struct __test_metadata *_metadata, int fd,
		       const struct axcfg *c, size_t chunk)
{
	struct dumpbuf d;
	char path[256], hdr[256], want[256];
	struct dline *l;
	long n, i;
	size_t len;
	char *s;

	ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &d));
	space_dir(path, sizeof(path), fd, "dump");
	s = read_path(path, chunk, &len);
	ASSERT_NE(NULL, s) TH_LOG("%s: %s", path, strerror(errno));
	l = calloc(d.n + 16, sizeof(*l));
	n = parse_dump(s, l, d.n + 16, hdr, sizeof(hdr));
	snprintf(want, sizeof(want), "%s, %u levels, [0x%llx, 0x%llx)",
		 axas_format_str(c->format), c->levels, BASE, BASE + LEN);
	EXPECT_STREQ(want, hdr);
	ASSERT_EQ((long)d.n, n) TH_LOG("chunk %zu: %zu bytes", chunk, len);
	for (i = 0; i < n; i++) {
		const struct axas_dump_entry *e = &d.e[i];
		__u64 size = 1ULL << (12 + 9 * e->level);
		struct dec x = decode_entry(c->format, e->raw, e->level);

		ASSERT_EQ(e->level, l[i].level) TH_LOG("entry %ld", i);
		ASSERT_EQ(e->gpa, l[i].gpa) TH_LOG("entry %ld", i);
		ASSERT_EQ(e->gpa + size - 1, l[i].last) TH_LOG("entry %ld", i);
		ASSERT_EQ(e->raw, l[i].raw) TH_LOG("entry %ld", i);
		ASSERT_EQ(!(e->flags & AXAS_DUMP_LEAF), l[i].table)
			TH_LOG("entry %ld", i);
		ASSERT_EQ(0, l[i].invalid) TH_LOG("entry %ld", i);
		/* the output address the manuals give for the raw entry */
		ASSERT_EQ(x.addr, l[i].out) TH_LOG("entry %ld", i);
	}
	free(l);
	free(s);
	free(d.e);
}

TEST_F(dbg, dump_matches_ioctl)
{
	struct axcfg cfgs[MAX_CFGS], small = self->cfg;
	struct axas_fault f;
	int fd, n, i;

	/* a 4 KiB-only configuration of the same format: many entries */
	n = axas_configs(self->dev, cfgs, MAX_CFGS);
	for (i = 0; i < n; i++)
		if (cfgs[i].format == self->cfg.format &&
		    cfgs[i].levels == self->cfg.levels &&
		    cfgs[i].pgsizes == AXAS_PGSIZE_4K) {
			small = cfgs[i];
			break;
		}

	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	check_dump(_metadata, fd, &self->cfg, 65536);	/* just the root */
	ASSERT_EQ(0, as_alloc(fd, 0, 4 * SZ_2M, 1));
	ASSERT_EQ(0, as_alloc(fd, 0x40000000, SZ_2M, 0));
	ASSERT_EQ(0, as_fault(fd, 0x40005000, AXAS_PROT_READ, &f));
	ASSERT_EQ(0, as_protect(fd, 0x3000, SZ_4K, AXAS_PROT_READ, AXAS_MEM_NC));
	check_dump(_metadata, fd, &self->cfg, 65536);
	check_dump(_metadata, fd, &self->cfg, 7);
	close(fd);

	/* 2048 leaves: many rounds of the cursor, many reads */
	ASSERT_EQ(0, axas_create(self->dev, &small, BASE, LEN, &fd));
	ASSERT_EQ(0, as_alloc(fd, 0, 4 * SZ_2M, 1));
	ASSERT_EQ(0, as_alloc(fd, 0x80000000, SZ_4K, 1));
	check_dump(_metadata, fd, &small, 65536);
	check_dump(_metadata, fd, &small, 4096);
	check_dump(_metadata, fd, &small, 100);
	close(fd);
}

/* A file opened before the space's fd is closed. */
TEST_F(dbg, open_across_close)
{
	char sum[256], dump[256], buf[512], *s;
	int fd, sfd, dfd, err;
	size_t len;
	ssize_t r;

	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_alloc(fd, 0, 4 * SZ_2M, 1));
	space_dir(sum, sizeof(sum), fd, "summary");
	space_dir(dump, sizeof(dump), fd, "dump");
	sfd = open(sum, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, sfd);
	dfd = open(dump, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, dfd);
	/* half-way through the dump */
	ASSERT_LT(0, read(dfd, buf, 100));
	close(fd);
	/* the files are gone, but the open ones read cleanly or fail */
	EXPECT_EQ(-1, open(sum, O_RDONLY));
	EXPECT_EQ(ENOENT, errno);
	s = read_fd(dfd, sizeof(buf), &len, &err);
	EXPECT_TRUE(!err || err == EIO) TH_LOG("dump: %s", strerror(err));
	free(s);
	s = read_fd(sfd, sizeof(buf), &len, &err);
	EXPECT_TRUE(!err || err == EIO) TH_LOG("summary: %s", strerror(err));
	free(s);
	r = lseek(dfd, 0, SEEK_SET);
	EXPECT_TRUE(r == 0 || errno == EIO);
	r = read(dfd, buf, sizeof(buf));
	EXPECT_TRUE(r >= 0 || errno == EIO);
	close(dfd);
	close(sfd);
}

struct reader {
	int fd;
	int stop;		/* read with __atomic_load_n() */
	long reads;
	long errors;
};

static void *reader_fn(void *arg)
{
	struct reader *rd = arg;
	char buf[256];

	while (!__atomic_load_n(&rd->stop, __ATOMIC_RELAXED)) {
		ssize_t r = pread(rd->fd, buf, sizeof(buf), 0);

		if (r < 0) {
			if (errno != EIO)
				rd->errors++;
			break;
		}
		r = read(rd->fd, buf, sizeof(buf));
		if (r < 0 && errno != EIO)
			rd->errors++;
		rd->reads++;
	}
	return NULL;
}

/* Threads reading while the space's fd is closed. */
TEST_F(dbg, read_races_close)
{
	static const char *const files[] = { "summary", "dump" };
	int round;

	for (round = 0; round < 20; round++) {
		struct reader rd[2] = {};
		pthread_t t[2];
		char path[256];
		int fd, i;

		ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
		ASSERT_EQ(0, as_alloc(fd, 0, SZ_2M, 1));
		for (i = 0; i < 2; i++) {
			space_dir(path, sizeof(path), fd, files[i]);
			rd[i].fd = open(path, O_RDONLY | O_CLOEXEC);
			ASSERT_LE(0, rd[i].fd);
			ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_fn, &rd[i]));
		}
		usleep(1000 * (round % 5));
		close(fd);
		usleep(1000);
		for (i = 0; i < 2; i++) {
			__atomic_store_n(&rd[i].stop, 1, __ATOMIC_RELAXED);
			pthread_join(t[i], NULL);
			close(rd[i].fd);
			EXPECT_EQ(0, rd[i].errors);
		}
	}
}

TEST_HARNESS_MAIN
