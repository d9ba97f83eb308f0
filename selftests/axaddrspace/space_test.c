// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest for the address-space fd: every ioctl's success path (map,
 * unmap, protect, the vectors, translate, fault, read/write, root, stats,
 * dump) for every format and configuration AXAS_IOC_GET_INFO reports.
 * Expected values come from the kernel's own reports (stats, root,
 * translate) cross-checked against raw entries decoded with the
 * architecture's bit layouts (axas_util.h), never from the module's code.
 */
#include "axas_util.h"
#include "kselftest_harness.h"

#define SPACE_LEN	0x100000000ULL
#define G		0x10000000ULL	/* 256 MiB: 1 GiB-, 2 MiB-aligned work area */

#define META	struct __test_metadata *_metadata

static __u64 lvl_size(__u32 level)
{
	return 1ULL << (12 + 9 * level);
}

static int has2m(const struct axcfg *c)
{
	return !!(c->eff_pgsizes & AXAS_PGSIZE_2M);
}

/* Device memory where the configuration has it (not RISC-V without Svpbmt). */
static __u32 dev_mem(const struct axcfg *c)
{
	return (c->mem_types & (1u << AXAS_MEM_DEVICE)) ? AXAS_MEM_DEVICE : AXAS_MEM_WB;
}

static const struct axas_dump_entry *find_leaf(const struct dumpbuf *d, __u64 gpa)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct axas_dump_entry *e = &d->e[i];

		if ((e->flags & AXAS_DUMP_LEAF) && gpa >= e->gpa &&
		    gpa < e->gpa + lvl_size(e->level))
			return e;
	}
	return NULL;
}

/*
 * Check a whole dump against the format's bit layouts, the root register
 * and the stats: every entry valid and decodable, each table entry's
 * address is the @table of the entries below it, root entries lie in the
 * root table, and the counts of leaves per level and of table pages are
 * those AXAS_IOC_STATS reports.
 */
static void check_dump(META, int fd, const struct axcfg *c, int hidden,
		       struct dumpbuf *out)
{
	struct axas_root r;
	struct axas_stats s;
	struct rootdec rd;
	struct dumpbuf d;
	__u64 parent[8] = { 0 }, pstart[8] = { 0 }, pend[8] = { 0 };
	__u64 nleaves[3] = { 0 }, ntables = 0, last_gpa = 0;
	size_t i;

	ASSERT_EQ(0, as_root(fd, &r));
	ASSERT_EQ(0, as_stats(fd, &s));
	ASSERT_EQ(0, as_dump(fd, r.base, r.base + r.length, &d)) TH_LOG("%s", c->name);
	EXPECT_EQ(hidden ? AXAS_OUT_HPA_HIDDEN : 0, d.out_flags);
	rd = decode_root(&r, c->cfg_flags);
	for (i = 0; i < d.n; i++) {
		const struct axas_dump_entry *e = &d.e[i];
		struct dec x = decode_entry(c->format, e->raw, e->level);

		ASSERT_GT(r.levels, e->level) TH_LOG("%s entry %zu", c->name, i);
		EXPECT_TRUE(x.valid) TH_LOG("%s raw %#llx", c->name, (unsigned long long)e->raw);
		EXPECT_FALSE(x.bad) TH_LOG("%s raw %#llx level %u", c->name,
					   (unsigned long long)e->raw, e->level);
		EXPECT_EQ(0, e->gpa & (lvl_size(e->level) - 1));
		EXPECT_LE(r.base, e->gpa);
		EXPECT_GT(r.base + r.length, e->gpa);
		EXPECT_LE(last_gpa, e->gpa) TH_LOG("%s: not in walk order", c->name);
		last_gpa = e->gpa;
		EXPECT_EQ(x.leaf ? AXAS_DUMP_LEAF : 0, e->flags & AXAS_DUMP_LEAF)
			TH_LOG("%s raw %#llx level %u", c->name,
			       (unsigned long long)e->raw, e->level);
		if (hidden) {
			EXPECT_EQ(0, e->table);
			EXPECT_EQ(0, x.addr) TH_LOG("%s raw %#llx", c->name,
						    (unsigned long long)e->raw);
		} else if (e->level == r.levels - 1) {
			EXPECT_LE(rd.addr, e->table);
			EXPECT_GT(rd.addr + rd.bytes, e->table);
			EXPECT_EQ(0, e->table & 0xfff);
		} else {
			/* the table the last table entry one level up points to */
			EXPECT_EQ(parent[e->level + 1], e->table)
				TH_LOG("%s gpa %#llx level %u", c->name,
				       (unsigned long long)e->gpa, e->level);
			EXPECT_LE(pstart[e->level + 1], e->gpa);
			EXPECT_GT(pend[e->level + 1], e->gpa);
		}
		if (x.leaf) {
			if (e->level < 3)
				nleaves[e->level]++;
			EXPECT_GT(3, e->level);
		} else {
			ntables++;
			parent[e->level] = x.addr;
			pstart[e->level] = e->gpa;
			pend[e->level] = e->gpa + lvl_size(e->level);
			if (!hidden)
				EXPECT_NE(0, x.addr);
		}
	}
	EXPECT_EQ(s.leaves[0], nleaves[0]) TH_LOG("%s", c->name);
	EXPECT_EQ(s.leaves[1], nleaves[1]) TH_LOG("%s", c->name);
	EXPECT_EQ(s.leaves[2], nleaves[2]) TH_LOG("%s", c->name);
	EXPECT_EQ(s.table_pages, ntables + rd.bytes / 4096) TH_LOG("%s", c->name);
	/* the dump's leaves are what translate says */
	for (i = 0; i < d.n && !hidden; i++) {
		const struct axas_dump_entry *e = &d.e[i];
		struct dec x = decode_entry(c->format, e->raw, e->level);
		struct axas_translation t;

		if (!(e->flags & AXAS_DUMP_LEAF))
			continue;
		ASSERT_EQ(0, as_translate(fd, e->gpa, &t));
		EXPECT_EQ(AXAS_XLATE_VALID, t.flags);
		EXPECT_EQ(x.addr, t.hpa);
		EXPECT_EQ(lvl_size(e->level), xl_size(&t));
		EXPECT_EQ(x.prot, t.prot);
		EXPECT_EQ(x.mem, t.mem);
	}
	if (out)
		*out = d;
	else
		free(d.e);
}

/* Translate every 4 KiB page of a range in one call. */
static void check_range(META, int fd, __u64 gpa, __u64 len, __u64 pgsize,
			__u32 prot, __u32 mem)
{
	__u32 n = len / SZ_4K, i, valid = 0, of = 1;
	__u64 *gpas = calloc(n, sizeof(*gpas));
	struct axas_translation *t = calloc(n, sizeof(*t));

	for (i = 0; i < n; i++)
		gpas[i] = gpa + i * SZ_4K;
	ASSERT_EQ(0, as_translate_n(fd, gpas, t, n, &valid, &of));
	EXPECT_EQ(n, valid);
	EXPECT_EQ(0, of);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(AXAS_XLATE_VALID, t[i].flags);
		if (pgsize) {
			EXPECT_EQ(pgsize, xl_size(&t[i]))
				TH_LOG("gpa %#llx", (unsigned long long)gpas[i]);
		}
		EXPECT_EQ(prot, t[i].prot);
		EXPECT_EQ(mem, t[i].mem);
		EXPECT_NE(0, t[i].hpa);
		/* inside one leaf the frame is contiguous */
		EXPECT_EQ(gpas[i] & (xl_size(&t[i]) - 1), t[i].hpa & (xl_size(&t[i]) - 1));
		if (t[i].flags != AXAS_XLATE_VALID)
			break;
	}
	free(gpas);
	free(t);
}

/*
 * The index of the next configuration after @i that can be created; one
 * that cannot fails the test once and is skipped.
 */
static int next_cfg(struct __test_metadata *_metadata, int dev,
		    const struct axcfg *cfgs, int n, int i)
{
	int fd;

	for (i++; i < n; i++) {
		if (!axas_create(dev, &cfgs[i], 0, SPACE_LEN, &fd)) {
			close(fd);
			return i;
		}
		EXPECT_EQ(0, axas_create(dev, &cfgs[i], 0, SPACE_LEN, &fd))
			TH_LOG("%s", cfgs[i].name);
	}
	return n;
}

/* Loop over every configuration as "c", with the device fd "__dev". */
#define FOR_EACH_CFG()							\
	struct axcfg __cfgs[MAX_CFGS];					\
	int __dev = axas_open(), __n, __i;				\
	const struct axcfg *c;						\
	ASSERT_LE(0, __dev);						\
	__n = axas_configs(__dev, __cfgs, MAX_CFGS);			\
	ASSERT_LT(0, __n);						\
	for (__i = next_cfg(_metadata, __dev, __cfgs, __n, -1);		\
	     __i < __n && ((c = &__cfgs[__i]) != NULL);			\
	     __i = next_cfg(_metadata, __dev, __cfgs, __n, __i))

static int new_space(META, int dev, const struct axcfg *c)
{
	int fd;

	EXPECT_EQ(0, axas_create(dev, c, 0, SPACE_LEN, &fd)) TH_LOG("%s", c->name);
	return fd;
}

/* A 2 MiB-aligned populate of 4 MiB: 2 MiB leaves where allowed. */
TEST(populate_leaves)
{
	FOR_EACH_CFG() {
		struct axas_stats s0, s;
		struct axas_map m;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_stats(fd, &s0));
		map_init(&m, AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G, 4 * SZ_2M / 2,
			 RW, AXAS_MEM_WB, 0);
		ASSERT_EQ(0, xioctl(fd, AXAS_IOC_MAP, &m)) TH_LOG("%s", c->name);
		/* a new area replaces nothing: nothing to invalidate */
		EXPECT_EQ(m.inval.start, m.inval.end);
		EXPECT_EQ(0, m.inval.invalidations);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(1024, s.data_pages);
		EXPECT_EQ(1, s.areas);
		if (has2m(c)) {
			EXPECT_EQ(2, s.leaves[1]) TH_LOG("%s", c->name);
			EXPECT_EQ(0, s.leaves[0]) TH_LOG("%s", c->name);
		} else {
			EXPECT_EQ(0, s.leaves[1]) TH_LOG("%s", c->name);
			EXPECT_EQ(1024, s.leaves[0]) TH_LOG("%s", c->name);
		}
		EXPECT_EQ(0, s.leaves[2]);
		/*
		 * Tables below the root down to the one holding 2 MiB entries
		 * (levels - 2 of them), plus two leaf tables for 4 KiB leaves.
		 */
		EXPECT_EQ(s0.table_pages + c->levels - 2 + (has2m(c) ? 0 : 2),
			  s.table_pages) TH_LOG("%s", c->name);
		check_range(_metadata, fd, G, 2 * SZ_2M, has2m(c) ? SZ_2M : SZ_4K,
			    RW, AXAS_MEM_WB);
		check_dump(_metadata, fd, c, 0, NULL);

		/* unaligned: 4 KiB at both edges, one 2 MiB block inside */
		ASSERT_EQ(0, as_alloc(fd, G + 8 * SZ_2M - SZ_4K, SZ_2M + 2 * SZ_4K, 1));
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(1024 + 514, s.data_pages);
		EXPECT_EQ(has2m(c) ? 3 : 0, s.leaves[1]) TH_LOG("%s", c->name);
		EXPECT_EQ(has2m(c) ? 2 : 1024 + 514, s.leaves[0]) TH_LOG("%s", c->name);
		check_dump(_metadata, fd, c, 0, NULL);
		close(fd);
	}
	close(__dev);
}

/* Unmapping 4 KiB out of a 2 MiB leaf splits it and frees one page. */
TEST(unmap_split)
{
	FOR_EACH_CFG() {
		struct axas_stats s, s0;
		struct axas_unmap u;
		struct axas_translation t;
		__u64 hpa0, hpa2;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_stats(fd, &s0));
		ASSERT_EQ(0, as_alloc(fd, G, 2 * SZ_2M, 1));
		hpa0 = as_hpa(fd, G);
		hpa2 = as_hpa(fd, G + 2 * SZ_4K);
		ASSERT_EQ(0, as_unmap_r(fd, G + SZ_4K, SZ_4K, &u)) TH_LOG("%s", c->name);
		EXPECT_EQ(SZ_4K, u.done);
		EXPECT_LE(u.inval.start, G + SZ_4K);
		EXPECT_GE(u.inval.end, G + 2 * SZ_4K);
		EXPECT_EQ(0, u.inval.invalidations);	/* no consumer */
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(1023, s.data_pages);
		EXPECT_EQ(2, s.areas);
		EXPECT_EQ(has2m(c) ? 1 : 0, s.leaves[1]) TH_LOG("%s", c->name);
		EXPECT_EQ(has2m(c) ? 511 : 1023, s.leaves[0]) TH_LOG("%s", c->name);
		ASSERT_EQ(0, as_translate(fd, G + SZ_4K, &t));
		EXPECT_EQ(0, t.flags);
		EXPECT_EQ(0, t.hpa);
		EXPECT_EQ(0, t.page_shift);
		EXPECT_EQ(0, t.prot);
		EXPECT_EQ(0, t.mem);
		EXPECT_EQ(0, t.__reserved);
		/* the rest of the old frame stays where it was */
		EXPECT_EQ(hpa0, as_hpa(fd, G));
		EXPECT_EQ(hpa2, as_hpa(fd, G + 2 * SZ_4K));
		check_range(_metadata, fd, G + 2 * SZ_4K, SZ_2M - 2 * SZ_4K, SZ_4K,
			    RW, AXAS_MEM_WB);
		check_dump(_metadata, fd, c, 0, NULL);

		/* a range with a hole inside is fine; all gone afterwards */
		ASSERT_EQ(0, as_unmap_r(fd, G, 2 * SZ_2M, &u));
		EXPECT_EQ(2 * SZ_2M, u.done);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(0, s.data_pages);
		EXPECT_EQ(0, s.areas);
		EXPECT_EQ(0, s.leaves[0] + s.leaves[1] + s.leaves[2]);
		/* empty tables are reclaimed */
		EXPECT_EQ(s0.table_pages, s.table_pages) TH_LOG("%s", c->name);
		EXPECT_EQ(ENOENT, as_unmap(fd, G, SZ_4K));
		close(fd);
	}
	close(__dev);
}

/* Protect: new rights on present entries and on the area, split at the edges. */
TEST(protect)
{
	FOR_EACH_CFG() {
		struct axas_protect p;
		struct axas_stats s;
		struct axas_fault f;
		__u64 hpa1;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_alloc(fd, G, 2 * SZ_2M, 1));
		hpa1 = as_hpa(fd, G + SZ_4K);
		ASSERT_EQ(0, as_protect_r(fd, G + SZ_4K, SZ_4K, AXAS_PROT_READ,
					  AXAS_MEM_WB, &p)) TH_LOG("%s", c->name);
		EXPECT_EQ(SZ_4K, p.done);
		EXPECT_LE(p.inval.start, G + SZ_4K);
		EXPECT_GE(p.inval.end, G + 2 * SZ_4K);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(1024, s.data_pages);
		EXPECT_EQ(3, s.areas);
		EXPECT_EQ(has2m(c) ? 1 : 0, s.leaves[1]) TH_LOG("%s", c->name);
		EXPECT_EQ(has2m(c) ? 512 : 1024, s.leaves[0]) TH_LOG("%s", c->name);
		check_range(_metadata, fd, G + SZ_4K, SZ_4K, SZ_4K, AXAS_PROT_READ,
			    AXAS_MEM_WB);
		check_range(_metadata, fd, G, SZ_4K, SZ_4K, RW, AXAS_MEM_WB);
		check_range(_metadata, fd, G + 2 * SZ_4K, SZ_2M - 2 * SZ_4K, SZ_4K,
			    RW, AXAS_MEM_WB);
		check_range(_metadata, fd, G + SZ_2M, SZ_2M, has2m(c) ? SZ_2M : SZ_4K,
			    RW, AXAS_MEM_WB);
		EXPECT_EQ(hpa1, as_hpa(fd, G + SZ_4K));
		check_dump(_metadata, fd, c, 0, NULL);
		/* the area took the new rights too: a write faults */
		ASSERT_EQ(0, as_fault(fd, G + SZ_4K, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(AXAS_FAULT_PERMISSION, f.result);
		EXPECT_EQ(G + SZ_4K, f.area_start);
		EXPECT_EQ(SZ_4K, f.area_length);
		EXPECT_EQ(AXAS_PROT_READ, f.area_prot);

		/* another memory type where the configuration has one */
		if (c->mem_types & (1u << AXAS_MEM_NC)) {
			ASSERT_EQ(0, as_protect(fd, G + SZ_2M, SZ_2M, RW, AXAS_MEM_NC));
			check_range(_metadata, fd, G + SZ_2M, SZ_2M,
				    has2m(c) ? SZ_2M : SZ_4K, RW, AXAS_MEM_NC);
			check_dump(_metadata, fd, c, 0, NULL);
		} else {
			EXPECT_EQ(EOPNOTSUPP, as_protect(fd, G + SZ_2M, SZ_2M, RW,
							 AXAS_MEM_NC));
		}
		/* a range touching no area */
		EXPECT_EQ(ENOENT, as_protect(fd, G + 8 * SZ_2M, SZ_4K, RW, AXAS_MEM_WB));
		/* back to RW over a range with the split pieces */
		ASSERT_EQ(0, as_protect(fd, G, SZ_2M, RW, AXAS_MEM_WB));
		check_range(_metadata, fd, G, SZ_2M, 0, RW, AXAS_MEM_WB);
		EXPECT_EQ(hpa1, as_hpa(fd, G + SZ_4K));
		close(fd);
	}
	close(__dev);
}

/*
 * Which prot values the format can express (the architectures' rules).
 * One it cannot is an unsupported value (EOPNOTSUPP), like a memory type
 * the configuration cannot express; executable device memory is a bad
 * value (EINVAL) everywhere.
 */
static int prot_expressible(__u32 format, __u32 prot)
{
	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:	/* SDM: write without read misconfigures */
	case AXAS_FORMAT_RISCV_G:	/* W without R is reserved */
		return !((prot & AXAS_PROT_WRITE) && !(prot & AXAS_PROT_READ));
	case AXAS_FORMAT_AMD_NPT:	/* a present entry is readable */
		return !!(prot & AXAS_PROT_READ);
	}
	return 1;			/* Arm: S2AP and XN are independent */
}

/* Every prot and memory type: refused or encoded exactly. */
TEST(prot_mem_matrix)
{
	FOR_EACH_CFG() {
		__u32 prot, mem;
		__u64 gpa = G;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		for (prot = 1; prot <= 7; prot++) {
			for (mem = 0; mem <= 2; mem++) {
				int bad_mem = !(c->mem_types & (1u << mem)) ||
					!prot_expressible(c->format, prot);
				int bad_val = mem == AXAS_MEM_DEVICE && (prot & AXAS_PROT_EXEC);
				struct axas_translation t;
				struct dumpbuf d;
				const struct axas_dump_entry *e;
				struct dec x;
				int ret;

				gpa += SZ_2M;
				ret = as_map(fd, AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE,
					     gpa, SZ_4K, prot, mem, 0);
				if (bad_mem && bad_val) {
					EXPECT_ERRNO_IN(ret, EOPNOTSUPP, EINVAL, EINVAL);
					continue;
				}
				if (bad_mem) {
					EXPECT_EQ(EOPNOTSUPP, ret) TH_LOG("%s prot %u mem %u",
									  c->name, prot, mem);
					continue;
				}
				if (bad_val) {
					EXPECT_EQ(EINVAL, ret) TH_LOG("%s prot %u mem %u",
								      c->name, prot, mem);
					continue;
				}
				ASSERT_EQ(0, ret) TH_LOG("%s prot %u mem %u", c->name, prot, mem);
				ASSERT_EQ(0, as_translate(fd, gpa, &t));
				EXPECT_EQ(prot, t.prot);
				EXPECT_EQ(mem, t.mem);
				ASSERT_EQ(0, as_dump(fd, gpa, gpa + SZ_4K, &d));
				e = find_leaf(&d, gpa);
				ASSERT_NE(NULL, e);
				x = decode_entry(c->format, e->raw, e->level);
				EXPECT_FALSE(x.bad) TH_LOG("%s raw %#llx", c->name,
							   (unsigned long long)e->raw);
				EXPECT_EQ(prot, x.prot) TH_LOG("%s raw %#llx", c->name,
							       (unsigned long long)e->raw);
				EXPECT_EQ(mem, x.mem) TH_LOG("%s raw %#llx", c->name,
							     (unsigned long long)e->raw);
				EXPECT_EQ(t.hpa, x.addr);
				free(d.e);
			}
		}
		check_dump(_metadata, fd, c, 0, NULL);
		close(fd);
	}
	close(__dev);
}

/* Lazy alloc areas and AXAS_IOC_FAULT: every result. */
TEST(fault)
{
	FOR_EACH_CFG() {
		struct axas_stats s;
		struct axas_fault f;
		__u64 hpa;
		int fd = new_space(_metadata, __dev, c);
		int local = c->format == AXAS_FORMAT_RISCV_G;

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_alloc(fd, G, 2 * SZ_2M, 0));
		ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_MMIO, 0, G + 8 * SZ_2M, 3 * SZ_4K,
				    RW, dev_mem(c), 0));
		ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_ALLOC, 0, G + 16 * SZ_2M, SZ_4K,
				    AXAS_PROT_READ, AXAS_MEM_WB, 0));
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(0, s.data_pages);
		EXPECT_EQ(0, s.leaves[0] + s.leaves[1]);
		EXPECT_EQ(3, s.areas);

		ASSERT_EQ(0, as_fault(fd, G + 3 * SZ_4K, AXAS_PROT_READ, &f));
		EXPECT_EQ(AXAS_FAULT_MAPPED, f.result) TH_LOG("%s", c->name);
		EXPECT_EQ(has2m(c) ? 1 : 0, f.level) TH_LOG("%s", c->name);
		EXPECT_EQ(0, f.out_flags & AXAS_OUT_HPA_HIDDEN);
		hpa = as_hpa(fd, G + 3 * SZ_4K);
		EXPECT_EQ(hpa, f.hpa);
		EXPECT_NE(0, hpa);
		EXPECT_EQ(G, f.area_start);
		EXPECT_EQ(2 * SZ_2M, f.area_length);
		EXPECT_EQ(AXAS_BACKEND_ALLOC, f.area_backend);
		EXPECT_EQ(RW, f.area_prot);
		EXPECT_EQ(AXAS_MEM_WB, f.area_mem);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(has2m(c) ? 512 : 1, s.data_pages) TH_LOG("%s", c->name);
		EXPECT_EQ(has2m(c) ? 1 : 0, s.leaves[1]);
		EXPECT_EQ(has2m(c) ? 0 : 1, s.leaves[0]);

		/* again, and a write: already mapped and allowed */
		ASSERT_EQ(0, as_fault(fd, G + 3 * SZ_4K, AXAS_PROT_READ, &f));
		EXPECT_EQ(AXAS_FAULT_SPURIOUS, f.result);
		EXPECT_EQ(hpa, f.hpa);
		EXPECT_EQ(local ? AXAS_FAULT_F_FLUSH_LOCAL : 0,
			  f.out_flags & AXAS_FAULT_F_FLUSH_LOCAL) TH_LOG("%s", c->name);
		ASSERT_EQ(0, as_fault(fd, G + 3 * SZ_4K, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(AXAS_FAULT_SPURIOUS, f.result);
		/* the area is not executable */
		ASSERT_EQ(0, as_fault(fd, G + 3 * SZ_4K, AXAS_PROT_EXEC, &f));
		EXPECT_EQ(AXAS_FAULT_PERMISSION, f.result);
		EXPECT_EQ(G, f.area_start);
		/* a read-only area: write faults are permission faults, nothing allocated */
		ASSERT_EQ(0, as_fault(fd, G + 16 * SZ_2M, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(AXAS_FAULT_PERMISSION, f.result);
		EXPECT_EQ(AXAS_PROT_READ, f.area_prot);
		/* MMIO */
		ASSERT_EQ(0, as_fault(fd, G + 8 * SZ_2M + SZ_4K, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(AXAS_FAULT_MMIO, f.result);
		EXPECT_EQ(G + 8 * SZ_2M, f.area_start);
		EXPECT_EQ(3 * SZ_4K, f.area_length);
		EXPECT_EQ(AXAS_BACKEND_MMIO, f.area_backend);
		EXPECT_EQ(dev_mem(c), f.area_mem);
		EXPECT_EQ(0, f.hpa);
		/* a hole, and outside the space */
		ASSERT_EQ(0, as_fault(fd, G + 4 * SZ_2M, AXAS_PROT_READ, &f));
		EXPECT_EQ(AXAS_FAULT_NO_AREA, f.result);
		ASSERT_EQ(0, as_fault(fd, SPACE_LEN + SZ_4K, AXAS_PROT_READ, &f));
		EXPECT_EQ(AXAS_FAULT_OUT_OF_RANGE, f.result);
		/* a write fault in the other half maps that 2 MiB block */
		ASSERT_EQ(0, as_fault(fd, G + SZ_2M + 5, AXAS_PROT_WRITE, &f));
		EXPECT_EQ(AXAS_FAULT_MAPPED, f.result);

		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(2, s.faults[AXAS_FAULT_MAPPED]);
		EXPECT_EQ(2, s.faults[AXAS_FAULT_SPURIOUS]);
		EXPECT_EQ(2, s.faults[AXAS_FAULT_PERMISSION]);
		EXPECT_EQ(1, s.faults[AXAS_FAULT_MMIO]);
		EXPECT_EQ(1, s.faults[AXAS_FAULT_NO_AREA]);
		EXPECT_EQ(1, s.faults[AXAS_FAULT_OUT_OF_RANGE]);
		EXPECT_EQ(0, s.faults[AXAS_FAULT_NOMEM]);
		EXPECT_EQ(0, s.faults[AXAS_FAULT_INVALID]);
		EXPECT_EQ(0, s.faults[0]);
		EXPECT_EQ(has2m(c) ? 1024 : 2, s.data_pages);
		check_dump(_metadata, fd, c, 0, NULL);
		close(fd);
	}
	close(__dev);
}

/* Arm may keep the entry of a permission fault: after a protect that adds rights, FLUSH_LOCAL. */
TEST(fault_flush_local_arm)
{
	struct axcfg c;
	struct axas_fault f;
	int dev = axas_open(), fd;

	ASSERT_LE(0, dev);
	if (axas_first_cfg(dev, AXAS_FORMAT_ARM_S2, &c))
		SKIP(return, "no Arm stage 2 format");
	c.levels = 4;
	ASSERT_EQ(0, axas_create(dev, &c, 0, SPACE_LEN, &fd));
	ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G, SZ_4K,
			    AXAS_PROT_READ, AXAS_MEM_WB, 0));
	ASSERT_EQ(0, as_fault(fd, G, AXAS_PROT_READ, &f));
	EXPECT_EQ(AXAS_FAULT_SPURIOUS, f.result);
	EXPECT_EQ(0, f.out_flags & AXAS_FAULT_F_FLUSH_LOCAL);
	ASSERT_EQ(0, as_protect(fd, G, SZ_4K, RW, AXAS_MEM_WB));
	ASSERT_EQ(0, as_fault(fd, G, AXAS_PROT_WRITE, &f));
	EXPECT_EQ(AXAS_FAULT_SPURIOUS, f.result);
	EXPECT_EQ(AXAS_FAULT_F_FLUSH_LOCAL, f.out_flags & AXAS_FAULT_F_FLUSH_LOCAL);
	close(fd);
	close(dev);
}

/* AXAS_IOC_READ / AXAS_IOC_WRITE across pages, areas, lazy pages and MMIO. */
TEST(read_write)
{
	FOR_EACH_CFG() {
		static unsigned char buf[3 * 4096], zero[3 * 4096], back[3 * 4096];
		struct axas_stats s;
		__u64 done;
		unsigned int i;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_alloc(fd, G, 2 * SZ_2M, 0));		/* lazy */
		ASSERT_EQ(0, as_alloc(fd, G + 2 * SZ_2M, SZ_4K, 1));	/* next to it */
		ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_MMIO, 0, G + 2 * SZ_2M + SZ_4K,
				    SZ_4K, RW, dev_mem(c), 0));
		/* a lazy read gives zeros and allocates nothing */
		memset(back, 0x77, sizeof(back));
		ASSERT_EQ(0, as_rw(fd, 0, G + 100, back, sizeof(back), &done));
		EXPECT_EQ(sizeof(back), done);
		EXPECT_EQ(0, memcmp(zero, back, sizeof(back)));
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(1, s.data_pages);
		EXPECT_EQ(0, s.faults[AXAS_FAULT_MAPPED]);

		/* a write across a page boundary populates */
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = i * 7 + 3;
		ASSERT_EQ(0, as_rw(fd, 1, G + SZ_4K - 5, buf, 10, &done));
		EXPECT_EQ(10, done);
		ASSERT_EQ(0, as_stats(fd, &s));
		if (has2m(c)) {
			EXPECT_TRUE(s.data_pages == 1 + 2 || s.data_pages == 1 + 512)
				TH_LOG("%s data %llu", c->name,
				       (unsigned long long)s.data_pages);
		} else {
			EXPECT_EQ(1 + 2, s.data_pages) TH_LOG("%s", c->name);
		}
		memset(back, 0, sizeof(back));
		ASSERT_EQ(0, as_rw(fd, 0, G + SZ_4K - 6, back, 12, &done));
		EXPECT_EQ(12, done);
		EXPECT_EQ(0, back[0]);
		EXPECT_EQ(0, memcmp(buf, back + 1, 10));
		EXPECT_EQ(0, back[11]);

		/* the whole lazy area's last page up into the populated area */
		ASSERT_EQ(0, as_rw(fd, 1, G + 2 * SZ_2M - SZ_4K, buf, 2 * SZ_4K, &done));
		EXPECT_EQ(2 * SZ_4K, done);
		memset(back, 0, sizeof(back));
		ASSERT_EQ(0, as_rw(fd, 0, G + 2 * SZ_2M - SZ_4K, back, 2 * SZ_4K, &done));
		EXPECT_EQ(0, memcmp(buf, back, 2 * SZ_4K));
		/* into the MMIO area: stops there */
		ASSERT_EQ(EFAULT, as_rw(fd, 1, G + 2 * SZ_2M + 100, buf, SZ_4K, &done));
		EXPECT_EQ(SZ_4K - 100, done);
		ASSERT_EQ(EFAULT, as_rw(fd, 0, G + 2 * SZ_2M + 100, back, SZ_4K, &done));
		EXPECT_EQ(SZ_4K - 100, done);
		/* a hole */
		EXPECT_EQ(EFAULT, as_rw(fd, 0, G + 8 * SZ_2M, back, 1, &done));
		EXPECT_EQ(0, done);
		/* up to the end of the space, then outside */
		ASSERT_EQ(0, as_alloc(fd, SPACE_LEN - SZ_4K, SZ_4K, 0));
		EXPECT_EQ(EFAULT, as_rw(fd, 1, SPACE_LEN - 8, buf, 16, &done));
		EXPECT_EQ(8, done);
		EXPECT_EQ(EFAULT, as_rw(fd, 0, SPACE_LEN, back, 1, &done));
		EXPECT_EQ(0, done);
		/* length 0: nothing */
		EXPECT_EQ(0, as_rw(fd, 0, G + 8 * SZ_2M, back, 0, &done));
		EXPECT_EQ(0, done);
		close(fd);
	}
	close(__dev);
}

/* The vector ioctls: many ranges at once. */
TEST(vectors)
{
	FOR_EACH_CFG() {
		struct axas_map_entry me[3];
		struct axas_unmap_entry ue[3];
		struct axas_protect_entry pe[2];
		struct axas_vec v;
		struct axas_stats s, s0;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_stats(fd, &s0));
		map_entry_init(&me[0], AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G, 2 * SZ_4K,
			       RW, AXAS_MEM_WB, 0);
		map_entry_init(&me[1], AXAS_BACKEND_ALLOC, 0, G + SZ_2M, SZ_2M, RW, AXAS_MEM_WB, 0);
		map_entry_init(&me[2], AXAS_BACKEND_MMIO, 0, G + 4 * SZ_2M, SZ_4K, RW,
			       dev_mem(c), 0);
		memset(&v, 0, sizeof(v));
		v.size = sizeof(v);
		v.entry_len = sizeof(me[0]);
		v.entry_num = 3;
		v.entries = (uintptr_t)me;
		ASSERT_EQ(0, xioctl(fd, AXAS_IOC_MAP_VEC, &v)) TH_LOG("%s", c->name);
		EXPECT_EQ(3, v.entry_num);
		EXPECT_EQ(0, v.inval.invalidations);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(3, s.areas);
		EXPECT_EQ(2, s.data_pages);
		check_range(_metadata, fd, G, 2 * SZ_4K, SZ_4K, RW, AXAS_MEM_WB);

		/* all or nothing: the third entry overlaps the first */
		map_entry_init(&me[0], AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G + 8 * SZ_2M,
			       SZ_4K, RW, AXAS_MEM_WB, 0);
		map_entry_init(&me[1], AXAS_BACKEND_ALLOC, AXAS_MAP_POPULATE, G + 9 * SZ_2M,
			       SZ_4K, RW, AXAS_MEM_WB, 0);
		map_entry_init(&me[2], AXAS_BACKEND_ALLOC, 0, G + 8 * SZ_2M, SZ_2M, RW,
			       AXAS_MEM_WB, 0);
		v.entry_num = 3;
		EXPECT_EQ(EEXIST, xioctl(fd, AXAS_IOC_MAP_VEC, &v));
		EXPECT_EQ(0, v.entry_num);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(3, s.areas);
		EXPECT_EQ(2, s.data_pages);

		/* protect two ranges */
		memset(pe, 0, sizeof(pe));
		pe[0].prot = AXAS_PROT_READ; pe[0].gpa = G; pe[0].length = SZ_4K;
		pe[1].prot = AXAS_PROT_READ; pe[1].gpa = G + SZ_2M; pe[1].length = SZ_2M;
		v.entry_len = sizeof(pe[0]);
		v.entry_num = 2;
		v.entries = (uintptr_t)pe;
		ASSERT_EQ(0, xioctl(fd, AXAS_IOC_PROTECT_VEC, &v)) TH_LOG("%s", c->name);
		EXPECT_EQ(2, v.entry_num);
		EXPECT_EQ(0, v.partial);
		check_range(_metadata, fd, G, SZ_4K, SZ_4K, AXAS_PROT_READ, AXAS_MEM_WB);
		check_range(_metadata, fd, G + SZ_4K, SZ_4K, SZ_4K, RW, AXAS_MEM_WB);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(4, s.areas);

		/* unmap all three */
		memset(ue, 0, sizeof(ue));
		ue[0].gpa = G; ue[0].length = 2 * SZ_4K;
		ue[1].gpa = G + SZ_2M; ue[1].length = SZ_2M;
		ue[2].gpa = G + 4 * SZ_2M; ue[2].length = SZ_4K;
		v.entry_len = sizeof(ue[0]);
		v.entry_num = 3;
		v.entries = (uintptr_t)ue;
		ASSERT_EQ(0, xioctl(fd, AXAS_IOC_UNMAP_VEC, &v)) TH_LOG("%s", c->name);
		EXPECT_EQ(3, v.entry_num);
		EXPECT_LE(v.inval.start, G);
		EXPECT_GE(v.inval.end, G + 2 * SZ_4K);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(0, s.areas);
		EXPECT_EQ(0, s.data_pages);
		EXPECT_EQ(s0.table_pages, s.table_pages);

		/* no entries: nothing, success */
		v.entry_num = 0;
		EXPECT_EQ(0, xioctl(fd, AXAS_IOC_UNMAP_VEC, &v));
		EXPECT_EQ(0, v.entry_num);
		close(fd);
	}
	close(__dev);
}

/* Translate: many addresses, mapped and not, and out num. */
TEST(translate)
{
	FOR_EACH_CFG() {
		__u64 gpas[6] = { G, G + SZ_4K, G + 5 * SZ_2M, G + SZ_2M + 123, 0,
				  SPACE_LEN - 1 };
		struct axas_translation t[6];
		__u32 valid, of;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_alloc(fd, G, 2 * SZ_2M, 1));
		memset(t, 0xa5, sizeof(t));
		ASSERT_EQ(0, as_translate_n(fd, gpas, t, 6, &valid, &of));
		EXPECT_EQ(3, valid);
		EXPECT_EQ(0, of);
		EXPECT_EQ(AXAS_XLATE_VALID, t[0].flags);
		EXPECT_EQ(AXAS_XLATE_VALID, t[1].flags);
		EXPECT_EQ(0, t[2].flags);
		EXPECT_EQ(AXAS_XLATE_VALID, t[3].flags);
		EXPECT_EQ(0, t[4].flags);
		EXPECT_EQ(0, t[5].flags);
		if (xl_size(&t[0]) >= SZ_2M)
			EXPECT_EQ(t[0].hpa + SZ_4K, t[1].hpa) TH_LOG("%s", c->name);
		/* an unaligned gpa: the hpa of that byte */
		EXPECT_EQ(123, t[3].hpa & 0xfff);
		EXPECT_EQ(0, t[2].hpa + t[2].page_shift + t[2].prot + t[2].mem + t[2].__reserved);
		EXPECT_EQ(0, t[0].__reserved);
		/* results are 16 bytes, parallel to the addresses */
		EXPECT_EQ(16, sizeof(t[0]));
		/* num 0: nothing */
		EXPECT_EQ(0, as_translate_n(fd, gpas, t, 0, &valid, &of));
		EXPECT_EQ(0, valid);
		close(fd);
	}
	close(__dev);
}

/* A dump in one-entry steps is the dump in one go; a finished dump stays finished. */
TEST(dump_cursor)
{
	FOR_EACH_CFG() {
		struct dumpbuf a, b;
		struct axas_dump_entry one;
		struct axas_dump d;
		int fd = new_space(_metadata, __dev, c);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, as_alloc(fd, G - SZ_4K, SZ_2M + 2 * SZ_4K, 1));
		ASSERT_EQ(0, as_alloc(fd, 3 * SZ_1G, SZ_4K, 1));
		ASSERT_EQ(0, as_dump(fd, 0, SPACE_LEN, &a));
		ASSERT_EQ(0, as_dump_chunked(fd, 0, SPACE_LEN, 1, &b))
			TH_LOG("%s: stuck at gpa %#llx level %u after %zu entries", c->name,
			       (unsigned long long)b.stuck_gpa, b.stuck_level, b.n);
		/* a bufferful per call: never an empty call before the end */
		EXPECT_EQ(0, b.empty_calls) TH_LOG("%s", c->name);
		EXPECT_TRUE(dump_same(&a, &b))
			TH_LOG("%s: %zu vs %zu entries", c->name, a.n, b.n);
		free(b.e);
		/*
		 * A sub-range: the entries that cover part of it, one per
		 * level from the root entry down (struct axas_dump).
		 */
		ASSERT_EQ(0, as_dump(fd, 3 * SZ_1G, 3 * SZ_1G + SZ_4K, &b));
		EXPECT_EQ(c->levels, b.n) TH_LOG("%s", c->name);
		EXPECT_EQ(c->levels - 1, b.e[0].level);
		EXPECT_EQ(3 * SZ_1G, b.e[b.n - 1].gpa);
		EXPECT_EQ(0, b.e[b.n - 1].level);
		free(b.e);
		/* finished: gpa == end; further calls give nothing */
		memset(&d, 0, sizeof(d));
		d.size = sizeof(d);
		d.entry_len = sizeof(one);
		d.num = 1;
		d.gpa = SPACE_LEN;
		d.end = SPACE_LEN;
		d.level = 0xffffffff;
		d.entries = (uintptr_t)&one;
		EXPECT_EQ(0, xioctl(fd, AXAS_IOC_DUMP, &d));
		EXPECT_EQ(0, d.num);
		EXPECT_EQ(SPACE_LEN, d.gpa);
		free(a.e);
		close(fd);
	}
	close(__dev);
}

/* Stats: the limits given at creation are enforced. */
TEST(limits)
{
	FOR_EACH_CFG() {
		struct axas_stats s, s0;
		struct axas_fault f;
		__u64 done;
		char b = 1;
		int fd;

		ASSERT_EQ(0, axas_create_ex(__dev, c, 0, SPACE_LEN, 8, 0, &fd));
		ASSERT_EQ(0, as_stats(fd, &s0));
		EXPECT_EQ(8, s0.max_data_pages);
		/* populate beyond the limit: rolled back */
		EXPECT_EQ(ENOMEM, as_alloc(fd, G, 9 * SZ_4K, 1)) TH_LOG("%s", c->name);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(0, s.data_pages);
		EXPECT_EQ(0, s.areas);
		EXPECT_EQ(s0.table_pages, s.table_pages);
		ASSERT_EQ(0, as_alloc(fd, G, 8 * SZ_4K, 1));
		/* a lazy area: the fault gets NOMEM, the write ENOMEM */
		ASSERT_EQ(0, as_alloc(fd, G + SZ_1G, SZ_4K, 0));
		ASSERT_EQ(0, as_fault(fd, G + SZ_1G, AXAS_PROT_READ, &f));
		EXPECT_EQ(AXAS_FAULT_NOMEM, f.result);
		EXPECT_EQ(ENOMEM, as_rw(fd, 1, G + SZ_1G, &b, 1, &done));
		EXPECT_EQ(0, done);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(8, s.data_pages);
		EXPECT_EQ(1, s.faults[AXAS_FAULT_NOMEM]);
		close(fd);
	}
	close(__dev);
}

/* The space's table page limit. */
TEST(limits_tables)
{
	FOR_EACH_CFG() {
		struct axas_stats s, s0;
		int fd;

		ASSERT_EQ(0, axas_create(__dev, c, 0, SPACE_LEN, &fd));
		ASSERT_EQ(0, as_stats(fd, &s0));
		close(fd);
		/* table pages: the root and nothing more */
		ASSERT_EQ(0, axas_create_ex(__dev, c, 0, SPACE_LEN, 0, s0.table_pages, &fd));
		EXPECT_EQ(ENOMEM, as_alloc(fd, G, SZ_4K, 1)) TH_LOG("%s", c->name);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(0, s.areas);
		/* MMIO areas have no entries: no table needed */
		EXPECT_EQ(0, as_map(fd, AXAS_BACKEND_MMIO, 0, G, SZ_4K, RW,
				    dev_mem(c), 0)) TH_LOG("%s", c->name);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(s0.table_pages, s.table_pages);
		EXPECT_EQ(1, s.areas);
		close(fd);
	}
	close(__dev);
}

/* Linear maps: the largest leaves the alignment and the policy allow. */
TEST(linear)
{
	__u64 hpa2m, hpa1g = 0;
	int have1g;

	if (linear_target(2 * SZ_2M, SZ_2M, &hpa2m))
		SKIP(return, "no PCI window in /proc/iomem");
	have1g = !linear_target(SZ_1G, SZ_1G, &hpa1g);
	{
		FOR_EACH_CFG() {
			struct axas_stats s;
			int fd = new_space(_metadata, __dev, c);

			ASSERT_LE(0, fd);
			ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_LINEAR, 0, G, 2 * SZ_2M, RW,
					    dev_mem(c), hpa2m))
				TH_LOG("%s hpa %#llx", c->name, (unsigned long long)hpa2m);
			EXPECT_EQ(hpa2m + SZ_4K + 5, as_hpa(fd, G + SZ_4K + 5));
			check_range(_metadata, fd, G, 2 * SZ_2M, has2m(c) ? SZ_2M : SZ_4K,
				    RW, dev_mem(c));
			ASSERT_EQ(0, as_stats(fd, &s));
			EXPECT_EQ(0, s.data_pages);
			EXPECT_EQ(has2m(c) ? 2 : 0, s.leaves[1]);
			/* misaligned by 4 KiB: no 2 MiB leaf fits */
			ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_LINEAR, 0, G + 4 * SZ_2M,
					    SZ_2M, RW, dev_mem(c), hpa2m + SZ_4K));
			check_range(_metadata, fd, G + 4 * SZ_2M, SZ_2M, SZ_4K, RW,
				    dev_mem(c));
			/* (not with 4 KiB leaves only: 262144 of them is too slow here) */
			if (have1g && (c->eff_pgsizes & ~AXAS_PGSIZE_4K)) {
				ASSERT_EQ(0, as_map(fd, AXAS_BACKEND_LINEAR, 0, 2 * SZ_1G,
						    SZ_1G, RW, dev_mem(c), hpa1g))
					TH_LOG("%s", c->name);
				ASSERT_EQ(0, as_stats(fd, &s));
				EXPECT_EQ(c->eff_pgsizes & AXAS_PGSIZE_1G ? 1 : 0,
					  s.leaves[2]) TH_LOG("%s", c->name);
				EXPECT_EQ(hpa1g + SZ_1G - 1, as_hpa(fd, 3 * SZ_1G - 1));
			}
			check_dump(_metadata, fd, c, 0, NULL);
			/* split the 1 GiB / 2 MiB leaf in its middle */
			ASSERT_EQ(0, as_unmap(fd, G + SZ_2M + SZ_4K, SZ_4K));
			EXPECT_EQ(hpa2m + SZ_2M + 2 * SZ_4K, as_hpa(fd, G + SZ_2M + 2 * SZ_4K));
			/* without 2 MiB leaves that split would make 262144 4 KiB ones */
			if (have1g && has2m(c)) {
				ASSERT_EQ(0, as_unmap(fd, 2 * SZ_1G + SZ_4K, SZ_4K));
				EXPECT_EQ(hpa1g + SZ_2M, as_hpa(fd, 2 * SZ_1G + SZ_2M));
				EXPECT_EQ(0, as_hpa(fd, 2 * SZ_1G + SZ_4K));
			}
			check_dump(_metadata, fd, c, 0, NULL);
			close(fd);
		}
		close(__dev);
	}
}

TEST_HARNESS_MAIN
