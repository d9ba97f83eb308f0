// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of the ABI's edges, for every ioctl: struct sizes (size - 1,
 * size + 8 with junk, size + 8 zeroed), every unknown flag bit, every
 * reserved field, bad values, overflow, misalignment, ranges, bad user
 * pointers, unknown ioctl numbers. Every rejected call must change nothing:
 * AXAS_IOC_STATS and a whole dump are identical before and after.
 */
#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE	SZ_1G			/* the space: [1 GiB, 3 GiB) */
#define LEN	(2 * SZ_1G)
#define G	(BASE + 0x10000000ULL)	/* populated, unaligned: G - 4K .. G + 2M + 4K */
#define LAZY	(G + 8 * SZ_2M)		/* lazy, 2 MiB, one page faulted in */
#define MMIO	(G + 16 * SZ_2M)	/* MMIO, 4 KiB */
#define FREE	(G + 32 * SZ_2M)	/* nothing mapped: scratch for maps */

#define META	struct __test_metadata *_metadata

struct snap {
	struct axas_stats s;
	struct dumpbuf d;
};

FIXTURE(abi) {
	int dev;
	int fd;
	struct axcfg cfg;
	struct snap before;
};

static void take(META, int fd, struct snap *sn)
{
	ASSERT_EQ(0, as_stats(fd, &sn->s));
	ASSERT_EQ(0, as_dump(fd, BASE, BASE + LEN, &sn->d));
}

/* Nothing changed since the snapshot. */
static void same(META, int fd, struct snap *before, const char *what)
{
	struct snap now;

	take(_metadata, fd, &now);
	EXPECT_EQ(0, memcmp(&before->s, &now.s, sizeof(now.s)))
		TH_LOG("%s: stats changed (data %llu->%llu areas %llu->%llu tables %llu->%llu)",
		       what, (unsigned long long)before->s.data_pages,
		       (unsigned long long)now.s.data_pages,
		       (unsigned long long)before->s.areas,
		       (unsigned long long)now.s.areas,
		       (unsigned long long)before->s.table_pages,
		       (unsigned long long)now.s.table_pages);
	EXPECT_TRUE(dump_same(&before->d, &now.d)) TH_LOG("%s: table changed", what);
	free(now.d.e);
}

FIXTURE_SETUP(abi)
{
	struct axas_fault f;

	self->dev = axas_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, axas_native_cfg(self->dev, &self->cfg));
	ASSERT_EQ(0, axas_create(self->dev, &self->cfg, BASE, LEN, &self->fd));
	ASSERT_EQ(0, as_alloc(self->fd, G - SZ_4K, SZ_2M + 2 * SZ_4K, 1));
	ASSERT_EQ(0, as_alloc(self->fd, LAZY, SZ_2M, 0));
	ASSERT_EQ(0, as_fault(self->fd, LAZY + SZ_4K, AXAS_PROT_WRITE, &f));
	ASSERT_EQ(AXAS_FAULT_MAPPED, f.result);
	ASSERT_EQ(0, as_map(self->fd, AXAS_BACKEND_MMIO, 0, MMIO, SZ_4K, RW,
			    AXAS_MEM_DEVICE, 0));
	take(_metadata, self->fd, &self->before);
}

FIXTURE_TEARDOWN(abi)
{
	free(self->before.d.e);
	close(self->fd);
	close(self->dev);
}

/* ------------------------------------------------- one table of ioctls */

struct ctx {
	int dev, fd;
	struct axas_format_info formats[MAX_FORMATS];
	__u64 gpas[2];
	struct axas_translation res[2];
	unsigned char rwbuf[64];
	struct axas_dump_entry dents[8];
	union {
		struct axas_map_entry m;
		struct axas_unmap_entry u;
		struct axas_protect_entry p;
	} ent[2];
	const struct axcfg *cfg;
};

struct ioc {
	const char *name;
	unsigned long req;
	int on_dev;
	size_t size;
	__u32 known_flags;
	/* set up what the call needs (e.g. an area to unmap) */
	int (*pre)(struct ctx *x);
	void (*fill)(struct ctx *x, void *arg);
	/* undo a successful call or the setup */
	void (*post)(struct ctx *x, void *arg, int ret);
	/* reserved fields: offset and length, 0-terminated */
	struct { size_t off, len; } rsvd[3];
	/* bytes of output to ignore when comparing two successful calls */
	size_t ign_off, ign_len;
};

static int pre_none(struct ctx *x)
{
	return 0;
}

static void post_none(struct ctx *x, void *arg, int ret)
{
}

static int pre_area(struct ctx *x)
{
	return as_alloc(x->fd, FREE, SZ_4K, 0);
}

static void post_unmap(struct ctx *x, void *arg, int ret)
{
	as_unmap(x->fd, FREE, SZ_4K);
}

static void post_unmap_if_failed(struct ctx *x, void *arg, int ret)
{
	if (ret)
		as_unmap(x->fd, FREE, SZ_4K);
}

static void post_map_if_ok(struct ctx *x, void *arg, int ret)
{
	if (!ret)
		as_unmap(x->fd, FREE, SZ_4K);
}

static void post_close(struct ctx *x, void *arg, int ret)
{
	if (!ret)
		close(((struct axas_create *)arg)->fd);
}

static void fill_info(struct ctx *x, void *arg)
{
	struct axas_info *a = arg;

	a->num_formats = MAX_FORMATS;
	a->format_len = sizeof(x->formats[0]);
	a->formats = (uintptr_t)x->formats;
}

static void fill_create(struct ctx *x, void *arg)
{
	struct axas_create *a = arg;

	a->format = x->cfg->format;
	a->levels = x->cfg->levels;
	a->length = SZ_1G;
}

static void fill_map(struct ctx *x, void *arg)
{
	struct axas_map *a = arg;

	a->backend = AXAS_BACKEND_ALLOC;
	a->prot = RW;
	a->gpa = FREE;
	a->length = SZ_4K;
}

static void fill_unmap(struct ctx *x, void *arg)
{
	struct axas_unmap *a = arg;

	a->gpa = FREE;
	a->length = SZ_4K;
}

static void fill_protect(struct ctx *x, void *arg)
{
	struct axas_protect *a = arg;

	a->prot = AXAS_PROT_READ;
	a->gpa = FREE;
	a->length = SZ_4K;
}

/* A vector of one entry, x->ent[0], which the caller fills. */
static void fill_vec(struct ctx *x, void *arg, size_t elen)
{
	struct axas_vec *a = arg;

	a->entry_len = elen;
	a->entry_num = 1;
	a->entries = (uintptr_t)x->ent;
}

static void fill_map_vec(struct ctx *x, void *arg)
{
	memset(x->ent, 0, sizeof(x->ent));
	map_entry_init(&x->ent[0].m, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, RW, 0, 0);
	fill_vec(x, arg, sizeof(struct axas_map_entry));
}

static void fill_unmap_vec(struct ctx *x, void *arg)
{
	memset(x->ent, 0, sizeof(x->ent));
	x->ent[0].u.gpa = FREE;
	x->ent[0].u.length = SZ_4K;
	fill_vec(x, arg, sizeof(struct axas_unmap_entry));
}

static void fill_protect_vec(struct ctx *x, void *arg)
{
	memset(x->ent, 0, sizeof(x->ent));
	x->ent[0].p.prot = AXAS_PROT_READ;
	x->ent[0].p.gpa = FREE;
	x->ent[0].p.length = SZ_4K;
	fill_vec(x, arg, sizeof(struct axas_protect_entry));
}

static void fill_translate(struct ctx *x, void *arg)
{
	struct axas_translate *a = arg;

	x->gpas[0] = G;
	x->gpas[1] = FREE;
	memset(x->res, 0, sizeof(x->res));
	a->num = 2;
	a->gpas = (uintptr_t)x->gpas;
	a->results = (uintptr_t)x->res;
}

static void fill_fault(struct ctx *x, void *arg)
{
	struct axas_fault *a = arg;

	a->access = AXAS_PROT_READ;
	a->gpa = G;
}

static void fill_rw(struct ctx *x, void *arg)
{
	struct axas_rw *a = arg;

	memset(x->rwbuf, 0, sizeof(x->rwbuf));
	a->gpa = G + 100;
	a->length = sizeof(x->rwbuf);
	a->buf = (uintptr_t)x->rwbuf;
}

static void fill_dump(struct ctx *x, void *arg)
{
	struct axas_dump *a = arg;

	memset(x->dents, 0, sizeof(x->dents));
	a->entry_len = sizeof(x->dents[0]);
	a->num = 8;
	a->gpa = G;
	a->end = G + SZ_4K;
	a->level = 0xffffffff;
	a->entries = (uintptr_t)x->dents;
}

static void fill_nothing(struct ctx *x, void *arg)
{
}

static const struct ioc iocs[] = {
	{ "GET_INFO", AXAS_IOC_GET_INFO, 1, sizeof(struct axas_info), 0,
	  pre_none, fill_info, post_none,
	  { { offsetof(struct axas_info, __reserved), 8 },
	    { offsetof(struct axas_info, __reserved) + 8, 8 } } },
	{ "CREATE", AXAS_IOC_CREATE, 1, sizeof(struct axas_create), AXAS_CREATE_FLAGS,
	  pre_none, fill_create, post_close,
	  { { offsetof(struct axas_create, __reserved), 4 } },
	  offsetof(struct axas_create, fd), 4 },
	{ "MAP", AXAS_IOC_MAP, 0, sizeof(struct axas_map), AXAS_MAP_FLAGS,
	  pre_none, fill_map, post_map_if_ok,
	  { { offsetof(struct axas_map, __reserved), 4 } } },
	{ "UNMAP", AXAS_IOC_UNMAP, 0, sizeof(struct axas_unmap), 0,
	  pre_area, fill_unmap, post_unmap_if_failed },
	{ "PROTECT", AXAS_IOC_PROTECT, 0, sizeof(struct axas_protect), 0,
	  pre_area, fill_protect, post_unmap },
	{ "MAP_VEC", AXAS_IOC_MAP_VEC, 0, sizeof(struct axas_vec), 0,
	  pre_none, fill_map_vec, post_map_if_ok },
	{ "UNMAP_VEC", AXAS_IOC_UNMAP_VEC, 0, sizeof(struct axas_vec), 0,
	  pre_area, fill_unmap_vec, post_unmap_if_failed },
	{ "PROTECT_VEC", AXAS_IOC_PROTECT_VEC, 0, sizeof(struct axas_vec), 0,
	  pre_area, fill_protect_vec, post_unmap },
	{ "TRANSLATE", AXAS_IOC_TRANSLATE, 0, sizeof(struct axas_translate), 0,
	  pre_none, fill_translate, post_none },
	{ "FAULT", AXAS_IOC_FAULT, 0, sizeof(struct axas_fault), 0,
	  pre_none, fill_fault, post_none,
	  { { offsetof(struct axas_fault, __reserved), 4 } } },
	{ "READ", AXAS_IOC_READ, 0, sizeof(struct axas_rw), 0,
	  pre_none, fill_rw, post_none },
	{ "WRITE", AXAS_IOC_WRITE, 0, sizeof(struct axas_rw), 0,
	  pre_none, fill_rw, post_none },
	{ "ROOT", AXAS_IOC_ROOT, 0, sizeof(struct axas_root), 0,
	  pre_none, fill_nothing, post_none },
	{ "STATS", AXAS_IOC_STATS, 0, sizeof(struct axas_stats), 0,
	  pre_none, fill_nothing, post_none },
	{ "DUMP", AXAS_IOC_DUMP, 0, sizeof(struct axas_dump), 0,
	  pre_none, fill_dump, post_none },
};

/*
 * Run one ioctl with the argument fill() builds, changed by @mod, with
 * @size in the size field inside a buffer of @buflen bytes. Returns the
 * errno; the argument as the kernel left it is in @out.
 */
static int run(struct ctx *x, const struct ioc *c, unsigned char *buf, size_t buflen,
	       __u32 size, void (*mod)(unsigned char *arg, void *priv), void *priv)
{
	int ret;

	memset(buf, 0, buflen);
	c->fill(x, buf);
	*(__u32 *)buf = size;
	if (mod)
		mod(buf, priv);
	ret = xioctl(c->on_dev ? x->dev : x->fd, c->req, buf);
	return ret;
}

static void ctx_init(struct ctx *x, int dev, int fd, const struct axcfg *cfg)
{
	memset(x, 0, sizeof(*x));
	x->dev = dev;
	x->fd = fd;
	x->cfg = cfg;
}

/* size - 1, 0: EINVAL; size + 8 zeroed: as size; size + 8 junk: E2BIG. */
TEST_F(abi, struct_sizes)
{
	static unsigned char a[512], b[512];
	struct ctx x;
	unsigned int i;

	ctx_init(&x, self->dev, self->fd, &self->cfg);
	for (i = 0; i < ARRAY_SIZE(iocs); i++) {
		const struct ioc *c = &iocs[i];
		struct snap s1;
		int r1, r2;

		/* the same call with size and with size + 8 zeroed bytes */
		ASSERT_EQ(0, c->pre(&x));
		r1 = run(&x, c, a, sizeof(a), c->size, NULL, NULL);
		EXPECT_EQ(0, r1) TH_LOG("%s: %s", c->name, strerror(r1));
		take(_metadata, self->fd, &s1);
		c->post(&x, a, r1);
		ASSERT_EQ(0, c->pre(&x));
		r2 = run(&x, c, b, sizeof(b), c->size + 8, NULL, NULL);
		EXPECT_EQ(r1, r2) TH_LOG("%s: size+8 zeroed: %s", c->name, strerror(r2));
		/* identical output, identical effect */
		if (c->ign_len) {
			memset(a + c->ign_off, 0, c->ign_len);
			memset(b + c->ign_off, 0, c->ign_len);
		}
		EXPECT_EQ(0, memcmp(a + 4, b + 4, c->size - 4)) TH_LOG("%s", c->name);
		EXPECT_EQ(0, b[c->size] | b[c->size + 7]);
		if (strcmp(c->name, "FAULT"))
			same(_metadata, self->fd, &s1, c->name);
		free(s1.d.e);
		c->post(&x, b, r2);
		/* take a fresh snapshot: a fault or create changes counters */
		free(self->before.d.e);
		take(_metadata, self->fd, &self->before);

		ASSERT_EQ(0, c->pre(&x));
		take(_metadata, self->fd, &s1);
		EXPECT_EQ(EINVAL, run(&x, c, a, sizeof(a), c->size - 1, NULL, NULL))
			TH_LOG("%s size-1", c->name);
		EXPECT_EQ(EINVAL, run(&x, c, a, sizeof(a), 0, NULL, NULL))
			TH_LOG("%s size 0", c->name);
		EXPECT_EQ(EINVAL, run(&x, c, a, sizeof(a), 4, NULL, NULL))
			TH_LOG("%s size 4", c->name);
		memset(a, 0, sizeof(a));
		c->fill(&x, a);
		*(__u32 *)a = c->size + 8;
		a[c->size + 7] = 0x80;
		EXPECT_EQ(E2BIG, xioctl(c->on_dev ? x.dev : x.fd, c->req, a))
			TH_LOG("%s size+8 junk", c->name);
		memset(a, 0, sizeof(a));
		c->fill(&x, a);
		*(__u32 *)a = c->size + 1;
		a[c->size] = 1;
		EXPECT_EQ(E2BIG, xioctl(c->on_dev ? x.dev : x.fd, c->req, a))
			TH_LOG("%s size+1 junk", c->name);
		same(_metadata, self->fd, &s1, c->name);
		free(s1.d.e);
		c->post(&x, a, EINVAL);
	}
	same(_metadata, self->fd, &self->before, "all");
}

static void set_flag(unsigned char *arg, void *priv)
{
	((__u32 *)arg)[1] = *(__u32 *)priv;
}

/* Every flag bit not in the known mask: EOPNOTSUPP, nothing changed. */
TEST_F(abi, unknown_flags)
{
	static unsigned char a[512];
	struct ctx x;
	unsigned int i, bit;

	ctx_init(&x, self->dev, self->fd, &self->cfg);
	for (i = 0; i < ARRAY_SIZE(iocs); i++) {
		const struct ioc *c = &iocs[i];
		struct snap s1;

		ASSERT_EQ(0, c->pre(&x));
		take(_metadata, self->fd, &s1);
		for (bit = 0; bit < 32; bit++) {
			__u32 flag = 1u << bit;

			if (c->known_flags & flag)
				continue;
			EXPECT_EQ(EOPNOTSUPP, run(&x, c, a, sizeof(a), c->size, set_flag, &flag))
				TH_LOG("%s flag bit %u", c->name, bit);
		}
		same(_metadata, self->fd, &s1, c->name);
		free(s1.d.e);
		c->post(&x, a, EINVAL);
	}
}

/* The flags of each vector entry that has flags: the same rule. */
TEST_F(abi, unknown_entry_flags)
{
	static unsigned char a[512];
	static const int vecs[] = { 5, 7 };	/* MAP_VEC, PROTECT_VEC */
	struct ctx x;
	unsigned int i, bit;

	ctx_init(&x, self->dev, self->fd, &self->cfg);
	for (i = 0; i < ARRAY_SIZE(vecs); i++) {
		const struct ioc *c = &iocs[vecs[i]];
		__u32 known = c->req == AXAS_IOC_MAP_VEC ? AXAS_MAP_FLAGS : 0;

		ASSERT_EQ(0, c->pre(&x));
		for (bit = 0; bit < 32; bit++) {
			struct axas_vec *v = (struct axas_vec *)a;

			if (known & (1u << bit))
				continue;
			memset(a, 0, sizeof(a));
			c->fill(&x, a);
			v->size = sizeof(*v);
			if (c->req == AXAS_IOC_MAP_VEC)
				x.ent[0].m.flags = 1u << bit;
			else
				x.ent[0].p.flags = 1u << bit;
			EXPECT_EQ(EOPNOTSUPP, xioctl(x.fd, c->req, a))
				TH_LOG("%s entry flag bit %u", c->name, bit);
			EXPECT_EQ(0, v->entry_num);
		}
		c->post(&x, a, EINVAL);
	}
	same(_metadata, self->fd, &self->before, "entry flags");
}

/* Every reserved field non-zero: EINVAL (also a map entry's in a vector). */
TEST_F(abi, reserved_fields)
{
	static unsigned char a[512];
	struct ctx x;
	unsigned int i, j;

	ctx_init(&x, self->dev, self->fd, &self->cfg);
	for (i = 0; i < ARRAY_SIZE(iocs); i++) {
		const struct ioc *c = &iocs[i];

		for (j = 0; j < ARRAY_SIZE(c->rsvd) && c->rsvd[j].len; j++) {
			size_t k;

			for (k = 0; k < c->rsvd[j].len; k++) {
				ASSERT_EQ(0, c->pre(&x));
				memset(a, 0, sizeof(a));
				c->fill(&x, a);
				*(__u32 *)a = c->size;
				a[c->rsvd[j].off + k] = 0x01 << (k & 7);
				EXPECT_EQ(EINVAL, xioctl(c->on_dev ? x.dev : x.fd, c->req, a))
					TH_LOG("%s reserved byte %zu", c->name,
					       c->rsvd[j].off + k);
				c->post(&x, a, EINVAL);
			}
		}
	}
	/* the reserved field of a protect entry in a vector */
	ASSERT_EQ(0, pre_area(&x));
	memset(a, 0, sizeof(a));
	fill_protect_vec(&x, a);
	*(__u32 *)a = sizeof(struct axas_vec);
	x.ent[0].p.__reserved = 1;
	EXPECT_EQ(EINVAL, xioctl(x.fd, AXAS_IOC_PROTECT_VEC, a));
	EXPECT_EQ(0, ((struct axas_vec *)a)->entry_num);
	post_unmap(&x, a, EINVAL);
	same(_metadata, self->fd, &self->before, "reserved");
}

/* A bad pointer as the argument itself, for every ioctl. */
TEST_F(abi, efault_arg)
{
	char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	void *none = two + 4096;
	unsigned int i;

	ASSERT_NE(MAP_FAILED, two);
	ASSERT_EQ(0, mprotect(none, 4096, PROT_NONE));
	for (i = 0; i < ARRAY_SIZE(iocs); i++) {
		const struct ioc *c = &iocs[i];
		int fd = c->on_dev ? self->dev : self->fd;

		EXPECT_EQ(EFAULT, xioctl(fd, c->req, NULL)) TH_LOG("%s", c->name);
		EXPECT_EQ(EFAULT, xioctl(fd, c->req, none)) TH_LOG("%s", c->name);
		/* the size is readable (and right) but the rest is not */
		*(__u32 *)((char *)none - 4) = c->size;
		EXPECT_EQ(EFAULT, xioctl(fd, c->req, (char *)none - 4)) TH_LOG("%s", c->name);
		/* a short struct that ends where the mapping does: EINVAL */
		*(__u32 *)((char *)none - 4) = 4;
		EXPECT_EQ(EINVAL, xioctl(fd, c->req, (char *)none - 4)) TH_LOG("%s", c->name);
	}
	munmap(two, 8192);
	same(_metadata, self->fd, &self->before, "efault arg");
}

/* Every pointer field: EFAULT, nothing changed. */
TEST_F(abi, efault_fields)
{
	void *none = mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *ro = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	__u64 bad[] = { 0, (uintptr_t)none, (uintptr_t)none + 4095, ~0ULL - 7,
			1ULL << 63 };
	static unsigned char a[512];
	struct ctx x;
	unsigned int i;

	ASSERT_NE(MAP_FAILED, none);
	ASSERT_NE(MAP_FAILED, ro);
	ctx_init(&x, self->dev, self->fd, &self->cfg);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct axas_info *info = (void *)a;
		struct axas_vec *v = (void *)a;
		struct axas_translate *t = (void *)a;
		struct axas_rw *rw = (void *)a;
		struct axas_dump *d = (void *)a;
		int k;

		memset(a, 0, sizeof(a)); fill_info(&x, a); info->size = sizeof(*info);
		info->formats = bad[i];
		EXPECT_EQ(EFAULT, xioctl(self->dev, AXAS_IOC_GET_INFO, a)) TH_LOG("formats %d", i);

		for (k = 5; k <= 7; k++) {
			ASSERT_EQ(0, iocs[k].pre(&x));
			memset(a, 0, sizeof(a)); iocs[k].fill(&x, a); v->size = sizeof(*v);
			v->entries = bad[i];
			EXPECT_EQ(EFAULT, xioctl(self->fd, iocs[k].req, a))
				TH_LOG("%s entries %d", iocs[k].name, i);
			EXPECT_EQ(0, v->entry_num);
			iocs[k].post(&x, a, EFAULT);
		}

		memset(a, 0, sizeof(a)); fill_translate(&x, a); t->size = sizeof(*t);
		t->gpas = bad[i];
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_TRANSLATE, a)) TH_LOG("gpas %d", i);
		memset(a, 0, sizeof(a)); fill_translate(&x, a); t->size = sizeof(*t);
		t->results = bad[i];
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_TRANSLATE, a)) TH_LOG("results %d", i);

		memset(a, 0, sizeof(a)); fill_rw(&x, a); rw->size = sizeof(*rw);
		rw->buf = bad[i];
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_READ, a)) TH_LOG("read buf %d", i);
		EXPECT_EQ(0, rw->done);
		/* a write to a lazy page that is not there yet: not populated */
		memset(a, 0, sizeof(a)); fill_rw(&x, a); rw->size = sizeof(*rw);
		rw->buf = bad[i];
		rw->gpa = LAZY + SZ_2M - SZ_4K;
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_WRITE, a)) TH_LOG("write buf %d", i);
		EXPECT_EQ(0, rw->done);

		memset(a, 0, sizeof(a)); fill_dump(&x, a); d->size = sizeof(*d);
		d->entries = bad[i];
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_DUMP, a)) TH_LOG("entries %d", i);
	}
	/* output arrays that are read-only */
	{
		struct axas_translate *t = (void *)a;
		struct axas_rw *rw = (void *)a;
		struct axas_dump *d = (void *)a;
		struct axas_info *info = (void *)a;

		memset(a, 0, sizeof(a)); fill_info(&x, a); info->size = sizeof(*info);
		info->formats = (uintptr_t)ro;
		EXPECT_EQ(EFAULT, xioctl(self->dev, AXAS_IOC_GET_INFO, a));
		memset(a, 0, sizeof(a)); fill_translate(&x, a); t->size = sizeof(*t);
		t->results = (uintptr_t)ro;
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_TRANSLATE, a));
		memset(a, 0, sizeof(a)); fill_rw(&x, a); rw->size = sizeof(*rw);
		rw->buf = (uintptr_t)ro;
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_READ, a));
		EXPECT_EQ(0, rw->done);
		memset(a, 0, sizeof(a)); fill_dump(&x, a); d->size = sizeof(*d);
		d->entries = (uintptr_t)ro;
		EXPECT_EQ(EFAULT, xioctl(self->fd, AXAS_IOC_DUMP, a));
	}
	munmap(none, 8192);
	munmap(ro, 8192);
	same(_metadata, self->fd, &self->before, "efault fields");
}

/* Unknown ioctl numbers and encodings: ENOTTY on both fds. */
TEST_F(abi, unknown_ioctls)
{
	static unsigned char a[512];
	unsigned int nr;

	for (nr = 0; nr < 0x40; nr++) {
		int dev_ok = nr <= AXAS_CMD_CREATE;
		int fd_ok = nr >= AXAS_CMD_MAP && nr <= AXAS_CMD_DUMP;

		memset(a, 0, sizeof(a));
		if (!dev_ok)
			EXPECT_EQ(ENOTTY, xioctl(self->dev, _IO(AXAS_IOC_MAGIC, nr), a))
				TH_LOG("dev nr %#x", nr);
		if (!fd_ok)
			EXPECT_EQ(ENOTTY, xioctl(self->fd, _IO(AXAS_IOC_MAGIC, nr), a))
				TH_LOG("space nr %#x", nr);
		/* the same numbers with a direction and size encoded */
		EXPECT_EQ(ENOTTY, xioctl(self->fd, _IOWR(AXAS_IOC_MAGIC, nr, struct axas_map), a));
		EXPECT_EQ(ENOTTY, xioctl(self->dev, _IOR(AXAS_IOC_MAGIC, nr, struct axas_info), a));
		EXPECT_EQ(ENOTTY, xioctl(self->fd, _IO(AXAS_IOC_MAGIC ^ 1, nr), a));
	}
	same(_metadata, self->fd, &self->before, "ioctls");
}

static int map_ex(int fd, __u32 backend, __u32 flags, __u64 gpa, __u64 len,
		  __u32 prot, __u32 mem, __u64 hpa)
{
	return as_map(fd, backend, flags, gpa, len, prot, mem, hpa);
}

/* Bad values of map: each refused with its errno, nothing changed. */
TEST_F(abi, map_bad_values)
{
	int fd = self->fd;
	__u64 pci = 0;
	__u32 b;

	EXPECT_EQ(EOPNOTSUPP, map_ex(fd, 0, 0, FREE, SZ_4K, RW, AXAS_MEM_WB, 0));
	EXPECT_EQ(EOPNOTSUPP, map_ex(fd, 4, 0, FREE, SZ_4K, RW, AXAS_MEM_WB, 0));
	EXPECT_EQ(EOPNOTSUPP, map_ex(fd, ~0u, 0, FREE, SZ_4K, RW, AXAS_MEM_WB, 0));
	EXPECT_EQ(EOPNOTSUPP, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, RW, 3, 0));
	EXPECT_EQ(EOPNOTSUPP, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, RW, ~0u, 0));
	for (b = 3; b < 32; b++)
		EXPECT_EQ(EOPNOTSUPP, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K,
					     AXAS_PROT_READ | (1u << b), AXAS_MEM_WB, 0))
			TH_LOG("prot bit %u", b);
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, 0, AXAS_MEM_WB, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_MMIO, 0, FREE, SZ_4K, RWX,
				 AXAS_MEM_DEVICE, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, RWX,
				 AXAS_MEM_DEVICE, 0));
	/* hpa only for linear maps */
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K, RW, AXAS_MEM_WB,
				 SZ_1G));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_MMIO, 0, FREE, SZ_4K, RW,
				 AXAS_MEM_DEVICE, SZ_4K));
	/* alignment and length */
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE + 1, SZ_4K, RW, 0, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE + 2048, SZ_4K, RW, 0, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, SZ_4K + 1, RW, 0, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, 0, RW, 0, 0));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_MMIO, 0, FREE, 100, RW, AXAS_MEM_DEVICE, 0));
	/* overflow */
	EXPECT_EQ(EOVERFLOW, map_ex(fd, AXAS_BACKEND_ALLOC, 0, ~0xfffULL, 2 * SZ_4K, RW, 0, 0));
	EXPECT_EQ(EOVERFLOW, map_ex(fd, AXAS_BACKEND_ALLOC, 0, FREE, ~0xfffULL, RW, 0, 0));
	/* range: below, above, straddling each end */
	EXPECT_EQ(ERANGE, map_ex(fd, AXAS_BACKEND_ALLOC, 0, 0, SZ_4K, RW, 0, 0));
	EXPECT_EQ(ERANGE, map_ex(fd, AXAS_BACKEND_ALLOC, 0, BASE - SZ_4K, 2 * SZ_4K, RW, 0, 0));
	EXPECT_EQ(ERANGE, map_ex(fd, AXAS_BACKEND_ALLOC, 0, BASE + LEN, SZ_4K, RW, 0, 0));
	EXPECT_EQ(ERANGE, map_ex(fd, AXAS_BACKEND_ALLOC, 0, BASE + LEN - SZ_4K, 2 * SZ_4K,
				 RW, 0, 0));
	EXPECT_EQ(ERANGE, map_ex(fd, AXAS_BACKEND_MMIO, 0, 1ULL << 60, SZ_4K, RW,
				 AXAS_MEM_DEVICE, 0));
	/* overlaps: the same, inside, straddling each edge, around */
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, 0, G - SZ_4K, SZ_4K, RW, 0, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, 0, G + SZ_4K, SZ_4K, RW, 0, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, 0, G - 2 * SZ_4K, 2 * SZ_4K, RW, 0, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, 0, G + SZ_2M, 2 * SZ_4K, RW, 0, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, 0, G - SZ_2M, 4 * SZ_2M, RW, 0, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_MMIO, 0, MMIO, SZ_4K, RW, AXAS_MEM_DEVICE, 0));
	EXPECT_EQ(EEXIST, map_ex(fd, AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, LAZY, SZ_4K,
				 RW, 0, 0));
	/* linear: misaligned / overflowing host address */
	if (!iomem_find("PCI", 1, SZ_2M, &pci, &(__u64){ 0 })) {
		pci = (pci + SZ_2M - 1) & ~(SZ_2M - 1);
		EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_LINEAR, 0, FREE, SZ_4K, RW,
					 AXAS_MEM_DEVICE, pci + 8));
	}
	EXPECT_EQ(EOVERFLOW, map_ex(fd, AXAS_BACKEND_LINEAR, 0, FREE, 2 * SZ_4K, RW,
				    AXAS_MEM_DEVICE, ~0xfffULL));
	EXPECT_EQ(EINVAL, map_ex(fd, AXAS_BACKEND_LINEAR, 0, FREE, SZ_4K, RW,
				 AXAS_MEM_DEVICE, 0x800));
	same(_metadata, self->fd, &self->before, "map");
}

TEST_F(abi, unmap_protect_bad_values)
{
	struct axas_unmap u;
	struct axas_protect p;
	int fd = self->fd;
	__u32 b;

	EXPECT_EQ(EINVAL, as_unmap_r(fd, G + 1, SZ_4K, &u));
	EXPECT_EQ(0, u.done);
	EXPECT_EQ(EINVAL, as_unmap(fd, G, SZ_4K - 1));
	EXPECT_EQ(EINVAL, as_unmap(fd, G, 0));
	EXPECT_EQ(EOVERFLOW, as_unmap(fd, ~0xfffULL, 2 * SZ_4K));
	EXPECT_EQ(ERANGE, as_unmap(fd, BASE - SZ_4K, 2 * SZ_4K));
	EXPECT_EQ(ERANGE, as_unmap(fd, BASE + LEN - SZ_4K, 2 * SZ_4K));
	EXPECT_EQ(ENOENT, as_unmap_r(fd, FREE, SZ_2M, &u));
	EXPECT_EQ(0, u.done);
	EXPECT_EQ(ERANGE, as_unmap_r(fd, BASE - SZ_4K, 2 * SZ_4K, &u));
	EXPECT_EQ(0, u.done);
	/* an area that is partly outside the range on both sides is fine, but not here */
	EXPECT_EQ(EINVAL, as_protect_r(fd, G + 1, SZ_4K, RW, 0, &p));
	EXPECT_EQ(0, p.done);
	EXPECT_EQ(EINVAL, as_protect(fd, G, 1, RW, 0));
	EXPECT_EQ(EINVAL, as_protect(fd, G, 0, RW, 0));
	EXPECT_EQ(EINVAL, as_protect(fd, G, SZ_4K, 0, 0));
	EXPECT_EQ(EOVERFLOW, as_protect(fd, ~0xfffULL, 2 * SZ_4K, RW, 0));
	EXPECT_EQ(ERANGE, as_protect(fd, BASE - SZ_4K, 2 * SZ_4K, RW, 0));
	EXPECT_EQ(ENOENT, as_protect(fd, FREE, SZ_4K, RW, 0));
	EXPECT_EQ(EOPNOTSUPP, as_protect(fd, G, SZ_4K, RW, 3));
	for (b = 3; b < 32; b++)
		EXPECT_EQ(EOPNOTSUPP, as_protect(fd, G, SZ_4K, AXAS_PROT_READ | (1u << b), 0))
			TH_LOG("prot bit %u", b);
	EXPECT_EQ(EINVAL, as_protect(fd, MMIO, SZ_4K, RWX, AXAS_MEM_DEVICE));
	same(_metadata, self->fd, &self->before, "unmap/protect");
}

TEST_F(abi, other_bad_values)
{
	static struct axas_translation res[4];
	__u64 gpas[4] = { G, BASE - 1, G, G };
	struct axas_fault f;
	struct axas_dump d;
	struct axas_dump_entry e[4];
	struct axas_translate t;
	__u32 valid;
	char c[8];
	__u64 done;
	int fd = self->fd;

	/* translate: one address outside: ERANGE, nothing written */
	memset(res, 0x5a, sizeof(res));
	EXPECT_EQ(ERANGE, as_translate_n(fd, gpas, res, 4, &valid, NULL));
	EXPECT_EQ(0x5a5a5a5a5a5a5a5aULL, res[0].hpa);
	gpas[1] = BASE + LEN;
	EXPECT_EQ(ERANGE, as_translate_n(fd, gpas, res, 4, &valid, NULL));
	memset(&t, 0, sizeof(t));
	t.size = sizeof(t);
	t.num = AXAS_TRANSLATE_MAX + 1;
	t.gpas = (uintptr_t)gpas;
	t.results = (uintptr_t)res;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_TRANSLATE, &t));
	t.num = ~0u;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_TRANSLATE, &t));

	/* fault: exactly one access bit */
	EXPECT_EQ(EINVAL, as_fault(fd, G, 0, &f));
	EXPECT_EQ(EINVAL, as_fault(fd, G, AXAS_PROT_READ | AXAS_PROT_WRITE, &f));
	EXPECT_EQ(EINVAL, as_fault(fd, G, RWX, &f));
	EXPECT_EQ(EINVAL, as_fault(fd, G, 8, &f));
	EXPECT_EQ(EINVAL, as_fault(fd, G, 1u << 31, &f));

	/* read/write: done is 0 when nothing was copied */
	EXPECT_EQ(EINVAL, as_rw(fd, 0, G, c, AXAS_RW_MAX + 1, &done));
	EXPECT_EQ(0, done);
	EXPECT_ERRNO_IN(as_rw(fd, 1, G, c, ~0ULL, &done), EINVAL, EOVERFLOW, EINVAL);
	EXPECT_EQ(EOVERFLOW, as_rw(fd, 0, ~0ULL - 2, c, 8, &done));
	EXPECT_EQ(0, done);
	EXPECT_EQ(EOVERFLOW, as_rw(fd, 1, ~0ULL - 2, c, 8, &done));

	/* dump */
#define DUMP_RESET() do { memset(&d, 0, sizeof(d)); d.size = sizeof(d); \
	d.entry_len = sizeof(e[0]); d.num = 4; d.gpa = G; d.end = G + SZ_2M; \
	d.level = 0xffffffff; d.entries = (uintptr_t)e; } while (0)
	DUMP_RESET(); d.entry_len = sizeof(e[0]) - 1;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_DUMP, &d));
	DUMP_RESET(); d.entry_len = 0;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_DUMP, &d));
	DUMP_RESET(); d.num = 0;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_DUMP, &d));
	DUMP_RESET(); d.gpa = G + SZ_4K; d.end = G;
	EXPECT_EQ(EINVAL, xioctl(fd, AXAS_IOC_DUMP, &d));
	DUMP_RESET(); d.end = BASE + LEN + SZ_4K;
	EXPECT_EQ(ERANGE, xioctl(fd, AXAS_IOC_DUMP, &d));
	DUMP_RESET(); d.gpa = 0;
	EXPECT_EQ(ERANGE, xioctl(fd, AXAS_IOC_DUMP, &d));
	/* a longer entry_len: entries that long */
	do {
		struct { struct axas_dump_entry e; __u64 more; } big[4];

		memset(big, 0xcc, sizeof(big));
		DUMP_RESET(); d.entry_len = sizeof(big[0]); d.entries = (uintptr_t)big;
		d.gpa = BASE; d.end = BASE + LEN;
		EXPECT_EQ(0, xioctl(fd, AXAS_IOC_DUMP, &d));
		EXPECT_EQ(4, d.num);
		/*
		 * Entries at a stride of entry_len. The dump has the present
		 * entries that cover part of the range, a table entry first:
		 * the first is a root entry (struct axas_dump).
		 */
		EXPECT_EQ(self->cfg.levels - 1, big[0].e.level);
		EXPECT_GT(BASE + LEN, big[0].e.gpa);
		EXPECT_LT(BASE, big[0].e.gpa + (1ULL << (12 + 9 * big[0].e.level)));
		EXPECT_GT(self->cfg.levels, big[1].e.level);
		EXPECT_LE(big[0].e.gpa, big[1].e.gpa);
		EXPECT_EQ(0, big[1].e.gpa & 0xfff);
		EXPECT_EQ(0, big[0].e.flags & AXAS_DUMP_LEAF);
	} while (0);
#undef DUMP_RESET
	same(_metadata, self->fd, &self->before, "other");
}

/* Vectors: sizes, entry lengths, counts, one bad entry: nothing done. */
TEST_F(abi, vec_bad_values)
{
	static unsigned char ents[3 * 128];
	struct axas_vec v;
	struct axas_map_entry *m;
	struct axas_unmap_entry *u;
	int fd = self->fd, i;

#define VEC(req, elen, n) ({ memset(&v, 0, sizeof(v)); v.size = sizeof(v); \
	v.entry_len = (elen); v.entry_num = (n); v.entries = (uintptr_t)ents; \
	xioctl(fd, (req), &v); })
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < 3; i++) {
		m = (void *)(ents + i * (sizeof(*m) + 8));
		map_entry_init(m, AXAS_BACKEND_ALLOC, 0, FREE + i * SZ_2M, SZ_4K, RW, 0, 0);
	}
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_MAP_VEC, sizeof(*m) - 1, 3));
	EXPECT_EQ(0, v.entry_num);
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_MAP_VEC, 0, 3));
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_MAP_VEC, sizeof(*m), AXAS_VEC_MAX + 1));
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u), AXAS_VEC_MAX + 1));
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_PROTECT_VEC, sizeof(struct axas_protect_entry),
			      AXAS_VEC_MAX + 1));
	/* an entry shorter than the first layout */
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u) - 1, 3));
	EXPECT_EQ(EINVAL, VEC(AXAS_IOC_PROTECT_VEC,
			      sizeof(struct axas_protect_entry) - 4, 3));
	/* longer entries with a junk tail */
	ents[2 * (sizeof(*m) + 8) - 1] = 1;
	EXPECT_EQ(E2BIG, VEC(AXAS_IOC_MAP_VEC, sizeof(*m) + 8, 3));
	EXPECT_EQ(0, v.entry_num);
	same(_metadata, self->fd, &self->before, "vec");
	/* zeroed tails: accepted */
	ents[2 * (sizeof(*m) + 8) - 1] = 0;
	EXPECT_EQ(0, VEC(AXAS_IOC_MAP_VEC, sizeof(*m) + 8, 3));
	EXPECT_EQ(3, v.entry_num);
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < 3; i++) {
		u = (void *)(ents + i * sizeof(*u));
		u->gpa = FREE + i * SZ_2M;
		u->length = SZ_4K;
	}
	EXPECT_EQ(0, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u), 3));
	same(_metadata, self->fd, &self->before, "vec back");

	/* one bad entry anywhere: nothing done */
	for (i = 0; i < 3; i++) {
		int k;

		memset(ents, 0, sizeof(ents));
		for (k = 0; k < 3; k++) {
			m = (void *)(ents + k * sizeof(*m));
			map_entry_init(m, AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE,
				       FREE + k * SZ_2M, SZ_4K, RW, 0, 0);
		}
		m = (void *)(ents + i * sizeof(*m));
		m->gpa += 1;
		EXPECT_EQ(EINVAL, VEC(AXAS_IOC_MAP_VEC, sizeof(*m), 3));
		EXPECT_EQ(0, v.entry_num);
		m->gpa = BASE + LEN;
		EXPECT_EQ(ERANGE, VEC(AXAS_IOC_MAP_VEC, sizeof(*m), 3));
		m->gpa = G;
		EXPECT_EQ(EEXIST, VEC(AXAS_IOC_MAP_VEC, sizeof(*m), 3));
		m->gpa = ~0xfffULL;
		m->length = 2 * SZ_4K;
		EXPECT_EQ(EOVERFLOW, VEC(AXAS_IOC_MAP_VEC, sizeof(*m), 3));
		same(_metadata, self->fd, &self->before, "vec map entry");

		memset(ents, 0, sizeof(ents));
		for (k = 0; k < 3; k++) {
			u = (void *)(ents + k * sizeof(*u));
			u->gpa = (k == 0) ? G : (k == 1) ? LAZY : MMIO;
			u->length = SZ_4K;
		}
		u = (void *)(ents + i * sizeof(*u));
		u->gpa += 1;
		EXPECT_EQ(EINVAL, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u), 3));
		EXPECT_EQ(0, v.entry_num);
		u->gpa = FREE;
		EXPECT_EQ(ENOENT, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u), 3));
		u->gpa = BASE - SZ_4K;
		EXPECT_EQ(ERANGE, VEC(AXAS_IOC_UNMAP_VEC, sizeof(*u), 3));
		same(_metadata, self->fd, &self->before, "vec unmap entry");
	}
	/* protect entries: prot 0 in the last one */
	{
		struct axas_protect_entry *p = (void *)ents;

		memset(ents, 0, sizeof(ents));
		p[0].prot = AXAS_PROT_READ; p[0].gpa = G; p[0].length = SZ_4K;
		p[1].prot = 0; p[1].gpa = LAZY; p[1].length = SZ_4K;
		EXPECT_EQ(EINVAL, VEC(AXAS_IOC_PROTECT_VEC, sizeof(*p), 2));
		EXPECT_EQ(0, v.entry_num);
		p[1].prot = AXAS_PROT_READ;
		p[1].mem = 7;
		EXPECT_EQ(EOPNOTSUPP, VEC(AXAS_IOC_PROTECT_VEC, sizeof(*p), 2));
		p[1].mem = 0;
		p[1].gpa = FREE;
		EXPECT_EQ(ENOENT, VEC(AXAS_IOC_PROTECT_VEC, sizeof(*p), 2));
	}
#undef VEC
	same(_metadata, self->fd, &self->before, "vec protect");
}

TEST_HARNESS_MAIN
