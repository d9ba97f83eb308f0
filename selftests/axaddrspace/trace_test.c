// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of the module's trace events (tracefs system "axaddrspace"):
 * in a tracing instance of its own, with the events enabled, a space is
 * created, mapped, faulted on (every result the ioctl can produce here),
 * protected (splitting a 2 MiB leaf), unmapped and closed, with a user
 * mapping attached so that invalidations reach a consumer. Each record
 * must carry the values the test passed (or, for what only the kernel
 * decides, such as the host address of a frame, what the ioctl returned);
 * the root of every record is the root table that AXAS_IOC_ROOT's
 * register decodes to (axas_util.h, from the architecture manuals).
 *
 * Skipped only without tracefs or without event tracing in the kernel;
 * missing axaddrspace events with event tracing present fail.
 */
#include <sys/stat.h>
#include <sys/vfs.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE		0ULL
#define LEN		0x100000000ULL
#define RAM		0x0ULL
#define RAM_LEN		(2 * SZ_2M)
#define MMIO		0x10000000ULL
#define HOLE		0x20000000ULL
#define OUTSIDE		0x200000000ULL

#define MAX_RECS	512
#define MAX_KV		16

struct rec {
	char name[32];
	int nkv;
	char key[MAX_KV][24];
	char val[MAX_KV][64];
};

/* The tracefs root with event tracing, mounting tracefs if needed. */
static int tracefs_find(char *root, size_t len)
{
	static const char *const cand[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char path[256];
	struct stat st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cand); i++) {
		snprintf(path, sizeof(path), "%s/events", cand[i]);
		if (!stat(path, &st))
			goto found;
	}
	if (!stat("/sys/kernel/tracing", &st))
		mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL);
	ensure_debugfs();
	for (i = 0; i < ARRAY_SIZE(cand); i++) {
		snprintf(path, sizeof(path), "%s/events", cand[i]);
		if (!stat(path, &st))
			goto found;
	}
	return -1;
found:
	snprintf(root, len, "%s", cand[i]);
	return 0;
}

/* "name: k=v k=v" after the task/cpu/flags/timestamp columns. */
static int parse_trace(const char *buf, struct rec *recs, int max)
{
	const char *line = buf;
	int n = 0;

	while (line && *line && n < max) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char l[1024], *p, *tok, *save;
		struct rec *r;

		if (len >= sizeof(l))
			len = sizeof(l) - 1;
		memcpy(l, line, len);
		l[len] = 0;
		line = nl ? nl + 1 : NULL;
		if (l[0] == '#')
			continue;
		p = strstr(l, ": axas_");
		if (!p)
			continue;
		p += 2;
		r = &recs[n];
		memset(r, 0, sizeof(*r));
		tok = strchr(p, ':');
		if (!tok)
			continue;
		*tok = 0;
		snprintf(r->name, sizeof(r->name), "%s", p);
		for (tok = strtok_r(tok + 1, " ", &save); tok && r->nkv < MAX_KV;
		     tok = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(tok, '=');

			if (!eq)
				continue;
			*eq = 0;
			snprintf(r->key[r->nkv], sizeof(r->key[0]), "%s", tok);
			snprintf(r->val[r->nkv], sizeof(r->val[0]), "%s", eq + 1);
			r->nkv++;
		}
		n++;
	}
	return n;
}

static const char *rec_get(const struct rec *r, const char *key)
{
	int i;

	for (i = 0; i < r->nkv; i++)
		if (!strcmp(r->key[i], key))
			return r->val[i];
	return NULL;
}

static int rec_is(const struct rec *r, const char *key, const char *want)
{
	const char *v = rec_get(r, key);

	return v && !strcmp(v, want);
}

static int rec_num(const struct rec *r, const char *key, unsigned long long want)
{
	const char *v = rec_get(r, key);

	return v && strtoull(v, NULL, 0) == want;
}

static unsigned long long rec_val(const struct rec *r, const char *key)
{
	const char *v = rec_get(r, key);

	return v ? strtoull(v, NULL, 0) : ~0ULL;
}

/* The next record named @name at or after @from, -1 if none. */
static int rec_next(const struct rec *recs, int n, int from, const char *name)
{
	for (; from < n; from++)
		if (!strcmp(recs[from].name, name))
			return from;
	return -1;
}

static char *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
}

FIXTURE(trace) {
	char tracefs[128];
	char inst[256];
	int dev;
	struct axcfg cfg;
	struct rec *recs;
};

static struct rec recs_buf[MAX_RECS];

FIXTURE_SETUP(trace)
{
	char path[512];
	struct stat st;

	self->dev = -1;
	self->inst[0] = 0;
	self->recs = recs_buf;
	if (tracefs_find(self->tracefs, sizeof(self->tracefs)))
		SKIP(return, "no tracefs with event tracing in this kernel");
	snprintf(path, sizeof(path), "%s/events/axaddrspace", self->tracefs);
	/* event tracing is there: the module's events must be too */
	ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s: %s", path, strerror(errno));
	snprintf(self->inst, sizeof(self->inst), "%s/instances/axas_trace_test_%d",
		 self->tracefs, getpid());
	rmdir(self->inst);
	ASSERT_EQ(0, mkdir(self->inst, 0700))
		TH_LOG("%s: %s", self->inst, strerror(errno));
	self->dev = axas_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, axas_native_cfg(self->dev, &self->cfg));
}

FIXTURE_TEARDOWN(trace)
{
	char path[512];

	if (self->inst[0]) {
		snprintf(path, sizeof(path), "%s/events/axaddrspace/enable",
			 self->inst);
		write_file(path, "0");
		rmdir(self->inst);
	}
	if (self->dev >= 0)
		close(self->dev);
}

static int inst_enable(const char *inst, int on)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/events/axaddrspace/enable", inst);
	return write_file(path, on ? "1" : "0");
}

static int inst_read(const char *inst, struct rec *recs, int max)
{
	char path[512], *buf;
	size_t len;
	int n;

	snprintf(path, sizeof(path), "%s/trace", inst);
	buf = read_all(path, &len);
	if (!buf)
		return -1;
	n = parse_trace(buf, recs, max);
	free(buf);
	return n;
}

/* Keep only the records of the space whose root table is @root. */
static int only_root(struct rec *recs, int n, unsigned long long root)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (rec_num(&recs[i], "root", root))
			recs[k++] = recs[i];
	return k;
}

TEST_F(trace, lifecycle)
{
	struct axas_fault f_map, f_spur, f_perm, f_hole, f_mmio, f_out;
	struct axas_root r;
	struct rootdec rd;
	struct rec *recs = self->recs;
	unsigned long long root;
	int fd, n, i, k, split;
	void *um;
	char want[64];

	ASSERT_EQ(0, inst_enable(self->inst, 1));
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_root(fd, &r));
	ASSERT_EQ(0, r.out_flags & AXAS_OUT_HPA_HIDDEN)
		TH_LOG("host addresses hidden: the test needs CAP_SYS_ADMIN");
	rd = decode_root(&r, self->cfg.cfg_flags);
	ASSERT_EQ(0, rd.bad);
	root = rd.addr;

	ASSERT_EQ(0, as_alloc(fd, RAM, RAM_LEN, 0));
	ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_MMIO, 0, MMIO, SZ_4K, RW,
			    AXAS_MEM_DEVICE, 0));
	/* a user mapping: the fd attaches its consumer, so unmap invalidates */
	um = mmap(NULL, SZ_4K, PROT_READ, MAP_SHARED, fd, RAM);
	ASSERT_NE(MAP_FAILED, um);

	ASSERT_EQ(0, as_fault(fd, RAM + 0x1000, AXAS_PROT_WRITE, &f_map));
	ASSERT_EQ(AXAS_FAULT_MAPPED, f_map.result);
	ASSERT_EQ(0, as_fault(fd, RAM + 0x1000, AXAS_PROT_WRITE, &f_spur));
	ASSERT_EQ(AXAS_FAULT_SPURIOUS, f_spur.result);
	ASSERT_EQ(0, as_fault(fd, RAM + 0x2000, AXAS_PROT_EXEC, &f_perm));
	ASSERT_EQ(AXAS_FAULT_PERMISSION, f_perm.result);
	ASSERT_EQ(0, as_fault(fd, HOLE, AXAS_PROT_READ, &f_hole));
	ASSERT_EQ(AXAS_FAULT_NO_AREA, f_hole.result);
	ASSERT_EQ(0, as_fault(fd, MMIO + 8, AXAS_PROT_WRITE, &f_mmio));
	ASSERT_EQ(AXAS_FAULT_MMIO, f_mmio.result);
	ASSERT_EQ(0, as_fault(fd, OUTSIDE, AXAS_PROT_READ, &f_out));
	ASSERT_EQ(AXAS_FAULT_OUT_OF_RANGE, f_out.result);

	/* read-only page inside what may be a 2 MiB leaf: a split */
	ASSERT_EQ(0, as_protect(fd, RAM + 0x1000, SZ_4K, AXAS_PROT_READ,
				AXAS_MEM_WB));
	ASSERT_EQ(0, as_unmap(fd, RAM, RAM_LEN));
	ASSERT_EQ(0, munmap(um, SZ_4K));
	close(fd);
	ASSERT_EQ(0, inst_enable(self->inst, 0));

	n = inst_read(self->inst, recs, MAX_RECS);
	ASSERT_LT(0, n) TH_LOG("no axaddrspace records in the instance");
	n = only_root(recs, n, root);
	for (i = 0; i < n; i++) {
		int j;
		char line[512];
		size_t o = snprintf(line, sizeof(line), "%s:", recs[i].name);

		for (j = 0; j < recs[i].nkv && o < sizeof(line); j++)
			o += snprintf(line + o, sizeof(line) - o, " %s=%s",
				      recs[i].key[j], recs[i].val[j]);
		TH_LOG("%s", line);
	}

	/* create: the format, levels and range passed */
	k = rec_next(recs, n, 0, "axas_create");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_is(&recs[k], "format", axas_format_str(self->cfg.format)));
	EXPECT_TRUE(rec_num(&recs[k], "levels", self->cfg.levels));
	EXPECT_TRUE(rec_num(&recs[k], "base", BASE));
	EXPECT_TRUE(rec_num(&recs[k], "size", LEN));

	/* the two maps, in order */
	k = rec_next(recs, n, k, "axas_map");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM));
	EXPECT_TRUE(rec_num(&recs[k], "size", RAM_LEN));
	EXPECT_TRUE(rec_is(&recs[k], "backend", "alloc"));
	EXPECT_TRUE(rec_is(&recs[k], "prot", "rw"));
	EXPECT_TRUE(rec_is(&recs[k], "mem", "wb"));
	EXPECT_TRUE(rec_num(&recs[k], "populate", 0));
	EXPECT_TRUE(rec_num(&recs[k], "ret", 0));
	k = rec_next(recs, n, k + 1, "axas_map");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", MMIO));
	EXPECT_TRUE(rec_num(&recs[k], "size", SZ_4K));
	EXPECT_TRUE(rec_is(&recs[k], "backend", "mmio"));
	EXPECT_TRUE(rec_is(&recs[k], "mem", "device"));

	/* the user mapping's consumer */
	k = rec_next(recs, n, k, "axas_attach");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "consumers", 1));

	/* the faults, each with the access passed and its result */
	k = rec_next(recs, n, k, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM + 0x1000));
	EXPECT_TRUE(rec_is(&recs[k], "access", "w"));
	EXPECT_TRUE(rec_is(&recs[k], "result", "MAPPED"));
	EXPECT_TRUE(rec_num(&recs[k], "level", f_map.level));
	EXPECT_TRUE(rec_num(&recs[k], "hpa", f_map.hpa));
	k = rec_next(recs, n, k + 1, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM + 0x1000));
	EXPECT_TRUE(rec_is(&recs[k], "result", "SPURIOUS"));
	EXPECT_TRUE(rec_num(&recs[k], "hpa", f_map.hpa));
	k = rec_next(recs, n, k + 1, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM + 0x2000));
	EXPECT_TRUE(rec_is(&recs[k], "access", "x"));
	EXPECT_TRUE(rec_is(&recs[k], "result", "PERMISSION"));
	k = rec_next(recs, n, k + 1, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", HOLE));
	EXPECT_TRUE(rec_is(&recs[k], "access", "r"));
	EXPECT_TRUE(rec_is(&recs[k], "result", "NO_AREA"));
	k = rec_next(recs, n, k + 1, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", MMIO + 8));
	EXPECT_TRUE(rec_is(&recs[k], "result", "MMIO"));
	k = rec_next(recs, n, k + 1, "axas_fault");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", OUTSIDE));
	EXPECT_TRUE(rec_is(&recs[k], "result", "OUT_OF_RANGE"));

	/*
	 * The protect: a 2 MiB frame (level 1) is split first; an
	 * invalidation reaching the one consumer covers the page (recorded
	 * when the consumers are called: before the operation's own record
	 * or, for the last round, after it).
	 */
	split = rec_next(recs, n, k, "axas_split");
	if (f_map.level == 1) {
		ASSERT_LE(0, split);
		EXPECT_TRUE(rec_num(&recs[split], "gpa", RAM));
		EXPECT_TRUE(rec_num(&recs[split], "level", 1));
		EXPECT_TRUE(rec_num(&recs[split], "size", SZ_2M));
	} else {
		EXPECT_EQ(-1, split);
	}
	i = rec_next(recs, n, k, "axas_invalidate");
	ASSERT_LE(0, i);
	EXPECT_TRUE(rec_num(&recs[i], "consumers", 1));
	EXPECT_TRUE(rec_num(&recs[i], "all", 0));
	EXPECT_LE(rec_val(&recs[i], "start"), RAM + 0x1000);
	EXPECT_GE(rec_val(&recs[i], "end"), RAM + 0x2000);
	k = rec_next(recs, n, k, "axas_protect");
	ASSERT_LE(0, k);
	/* told before the unmap began */
	EXPECT_LT(i, rec_next(recs, n, k, "axas_unmap"));
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM + 0x1000));
	EXPECT_TRUE(rec_num(&recs[k], "size", SZ_4K));
	EXPECT_TRUE(rec_is(&recs[k], "prot", "r"));
	EXPECT_TRUE(rec_is(&recs[k], "mem", "wb"));
	EXPECT_TRUE(rec_num(&recs[k], "done", SZ_4K));
	EXPECT_TRUE(rec_num(&recs[k], "ret", 0));

	/* the unmap: the range passed, all of it done, the consumer told */
	k = rec_next(recs, n, k, "axas_unmap");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM));
	EXPECT_TRUE(rec_num(&recs[k], "size", RAM_LEN));
	EXPECT_TRUE(rec_num(&recs[k], "done", RAM_LEN));
	EXPECT_TRUE(rec_num(&recs[k], "ret", 0));
	i = rec_next(recs, n, k, "axas_invalidate");
	ASSERT_LE(0, i);
	EXPECT_TRUE(rec_num(&recs[i], "consumers", 1));
	EXPECT_LE(rec_val(&recs[i], "start"), RAM + 0x1000);
	EXPECT_GE(rec_val(&recs[i], "end"), RAM + 0x2000);
	EXPECT_LT(i, rec_next(recs, n, k, "axas_detach"));

	/* close: the consumer detached, then the space destroyed */
	k = rec_next(recs, n, k, "axas_detach");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "consumers", 0));
	k = rec_next(recs, n, k, "axas_destroy");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "base", BASE));
	EXPECT_TRUE(rec_num(&recs[k], "size", LEN));
	/* nothing of this space after its destruction */
	EXPECT_EQ(n - 1, k);
	snprintf(want, sizeof(want), "0x%llx", root);
	EXPECT_TRUE(rec_is(&recs[k], "root", want));
}

/* A failed map is recorded with its error. */
TEST_F(trace, map_error)
{
	struct rec *recs = self->recs;
	struct axas_root r;
	struct rootdec rd;
	int fd, n, k;

	ASSERT_EQ(0, inst_enable(self->inst, 1));
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_root(fd, &r));
	rd = decode_root(&r, self->cfg.cfg_flags);
	ASSERT_EQ(0, as_alloc(fd, RAM, SZ_2M, 0));
	ASSERT_EQ(EEXIST, as_alloc(fd, RAM + SZ_4K, SZ_4K, 1));
	close(fd);
	ASSERT_EQ(0, inst_enable(self->inst, 0));
	n = only_root(recs, inst_read(self->inst, recs, MAX_RECS), rd.addr);
	k = rec_next(recs, n, 0, "axas_map");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "ret", 0));
	k = rec_next(recs, n, k + 1, "axas_map");
	ASSERT_LE(0, k);
	EXPECT_TRUE(rec_num(&recs[k], "gpa", RAM + SZ_4K));
	EXPECT_TRUE(rec_num(&recs[k], "populate", 1));
	EXPECT_TRUE(rec_is(&recs[k], "ret", "-17"));	/* -EEXIST */
}

/*
 * What trace-cmd and perf read: each event's id and format, with its
 * fields and a print format that names no kernel symbol they cannot
 * resolve (only numbers and the __print_* helpers).
 */
TEST_F(trace, formats)
{
	static const struct {
		const char *name;
		const char *fields[4];
	} ev[] = {
		{ "axas_create", { "u64 root;", "u64 base;", "u64 size;", "u32 format;" } },
		{ "axas_destroy", { "u64 root;", "u64 base;", "u64 size;" } },
		{ "axas_map", { "u64 gpa;", "u64 size;", "u8 backend;", "int ret;" } },
		{ "axas_unmap", { "u64 gpa;", "u64 size;", "u64 done;", "int ret;" } },
		{ "axas_protect", { "u64 gpa;", "u32 prot;", "u32 mem;", "u64 done;" } },
		{ "axas_fault", { "u64 gpa;", "u32 access;", "u32 result;", "u64 hpa;" } },
		{ "axas_split", { "u64 gpa;", "u32 level;", "u64 size;" } },
		{ "axas_invalidate",
		  { "bool all;", "bool tables;", "u32 consumers;", "u64 start;" } },
		{ "axas_attach", { "u64 root;", "u32 consumers;" } },
		{ "axas_detach", { "u64 root;", "u32 consumers;" } },
	};
	char path[512], *buf;
	unsigned int i, j;
	size_t len;

	for (i = 0; i < ARRAY_SIZE(ev); i++) {
		snprintf(path, sizeof(path), "%s/events/axaddrspace/%s/id",
			 self->tracefs, ev[i].name);
		buf = read_all(path, &len);
		ASSERT_NE(NULL, buf) TH_LOG("%s", path);
		EXPECT_LT(0, atoi(buf));
		free(buf);
		snprintf(path, sizeof(path), "%s/events/axaddrspace/%s/format",
			 self->tracefs, ev[i].name);
		buf = read_all(path, &len);
		ASSERT_NE(NULL, buf) TH_LOG("%s", path);
		for (j = 0; j < ARRAY_SIZE(ev[i].fields) && ev[i].fields[j]; j++)
			EXPECT_NE(NULL, strstr(buf, ev[i].fields[j]))
				TH_LOG("%s: no field %s", ev[i].name, ev[i].fields[j]);
		EXPECT_NE(NULL, strstr(buf, "print fmt: \"root=0x%llx"))
			TH_LOG("%s", buf);
		EXPECT_EQ(NULL, strstr(buf, "AXAS_")) TH_LOG("%s", buf);
		EXPECT_EQ(NULL, strstr(buf, "AXPT_")) TH_LOG("%s", buf);
		free(buf);
	}
}

/* Disabled events record nothing. */
TEST_F(trace, disabled)
{
	struct rec *recs = self->recs;
	int fd;

	ASSERT_EQ(0, inst_enable(self->inst, 0));
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &fd));
	ASSERT_EQ(0, as_alloc(fd, RAM, SZ_2M, 1));
	ASSERT_EQ(0, as_unmap(fd, RAM, SZ_2M));
	close(fd);
	EXPECT_EQ(0, inst_read(self->inst, recs, MAX_RECS));
}

TEST_HARNESS_MAIN
