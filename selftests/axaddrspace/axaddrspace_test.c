// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest for /dev/axaddrspace: the device, AXAS_IOC_GET_INFO and
 * AXAS_IOC_CREATE for every format and configuration the module reports.
 * Needs the axaddrspace module loaded and root (the device is 0600).
 */
#include <sys/sysmacros.h>

#include "axas_util.h"
#include "kselftest_harness.h"

/* struct axas_info as a future, larger ABI version might send it. */
struct axas_info_v2 {
	struct axas_info v1;
	__u64 future[4];
};

FIXTURE(axas) {
	int fd;
	struct axas_format_info formats[MAX_FORMATS];
	struct axas_info info;
};

FIXTURE_SETUP(axas)
{
	self->fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", DEV_PATH, strerror(errno));
	memset(&self->info, 0, sizeof(self->info));
	self->info.size = sizeof(self->info);
	self->info.num_formats = MAX_FORMATS;
	self->info.format_len = sizeof(self->formats[0]);
	self->info.formats = (uintptr_t)self->formats;
}

FIXTURE_TEARDOWN(axas)
{
	close(self->fd);
}

static int get_info(int fd, void *arg)
{
	return ioctl(fd, AXAS_IOC_GET_INFO, arg) ? errno : 0;
}

static const struct axas_format_info *find_format(const struct axas_format_info *f,
						  unsigned int n, __u32 format)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (f[i].format == format)
			return &f[i];
	return NULL;
}

TEST(device_node)
{
	struct stat st;

	ASSERT_EQ(0, stat(DEV_PATH, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	/*
	 * The static misc minor of axaddrspace/dev.c, which modules.devname
	 * and the char-major-10-249 alias name: the node exists before the
	 * module loads and must be the one the module registers.
	 */
	EXPECT_EQ(10, major(st.st_rdev));
	EXPECT_EQ(249, minor(st.st_rdev));
	/* Only root (or a group granted by udev later) may build tables. */
	EXPECT_EQ(0, st.st_mode & 0007);
}

TEST_F(axas, info)
{
	const struct axas_format_info *f;

	ASSERT_EQ(0, get_info(self->fd, &self->info));
	EXPECT_EQ(sizeof(self->info), self->info.size);
	ASSERT_EQ(4, self->info.num_formats);

	f = find_format(self->formats, 4, AXAS_FORMAT_INTEL_EPT);
	ASSERT_NE(NULL, f);
	EXPECT_EQ((1u << 4) | (1u << 5), f->levels);
	EXPECT_EQ(48, f->min_ias_bits);
	EXPECT_EQ(57, f->max_ias_bits);

	f = find_format(self->formats, 4, AXAS_FORMAT_AMD_NPT);
	ASSERT_NE(NULL, f);
	EXPECT_EQ((1u << 4) | (1u << 5), f->levels);

	f = find_format(self->formats, 4, AXAS_FORMAT_ARM_S2);
	ASSERT_NE(NULL, f);
	EXPECT_EQ((1u << 2) | (1u << 3) | (1u << 4), f->levels);
	EXPECT_EQ(32, f->min_ias_bits);
	EXPECT_EQ(48, f->max_ias_bits);

	f = find_format(self->formats, 4, AXAS_FORMAT_RISCV_G);
	ASSERT_NE(NULL, f);
	EXPECT_EQ((1u << 3) | (1u << 4) | (1u << 5), f->levels);
	EXPECT_EQ(41, f->min_ias_bits);
	EXPECT_EQ(59, f->max_ias_bits);
}

TEST_F(axas, info_count_only)
{
	self->info.num_formats = 0;
	self->info.formats = 0;
	ASSERT_EQ(0, get_info(self->fd, &self->info));
	EXPECT_EQ(4, self->info.num_formats);
}

TEST_F(axas, info_array_too_small)
{
	self->info.num_formats = 1;
	EXPECT_EQ(EMSGSIZE, get_info(self->fd, &self->info));
	EXPECT_EQ(4, self->info.num_formats);
}

TEST_F(axas, nonzero_flags)
{
	self->info.flags = 1;
	EXPECT_EQ(EOPNOTSUPP, get_info(self->fd, &self->info));
	self->info.flags = 1u << 31;
	EXPECT_EQ(EOPNOTSUPP, get_info(self->fd, &self->info));
}

TEST_F(axas, nonzero_reserved)
{
	self->info.__reserved[1] = 1;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
}

TEST_F(axas, short_size)
{
	self->info.size = sizeof(self->info) - 1;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
	self->info.size = 0;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
}

TEST_F(axas, bigger_size)
{
	struct axas_info_v2 v2;

	memset(&v2, 0, sizeof(v2));
	v2.v1 = self->info;
	v2.v1.size = sizeof(v2);
	EXPECT_EQ(0, get_info(self->fd, &v2));
	EXPECT_EQ(0, v2.future[0]);

	/* Unknown trailing fields that are not zero must be refused. */
	v2.future[3] = 1;
	EXPECT_EQ(E2BIG, get_info(self->fd, &v2));
}

TEST_F(axas, bad_pointers)
{
	void *unmapped;
	long page = sysconf(_SC_PAGESIZE);

	unmapped = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	EXPECT_EQ(EFAULT, get_info(self->fd, unmapped));
	EXPECT_EQ(EFAULT, get_info(self->fd, NULL));

	self->info.formats = (uintptr_t)unmapped;
	EXPECT_EQ(EFAULT, get_info(self->fd, &self->info));
	munmap(unmapped, page);
}

TEST_F(axas, unknown_ioctl)
{
	EXPECT_EQ(-1, ioctl(self->fd, _IO(AXAS_IOC_MAGIC, 0x7f), &self->info));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(AXAS_IOC_MAGIC, 0x00, struct axas_info),
			    &self->info));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(axas, info_outputs)
{
	unsigned int i;

	ASSERT_EQ(0, get_info(self->fd, &self->info));
	/* root opened the device: every capability */
	EXPECT_EQ(AXAS_CAP_MMAP | AXAS_CAP_HPA | AXAS_CAP_LINEAR, self->info.caps);
	EXPECT_EQ(AXAS_MAP_FLAGS, self->info.map_flags);
	EXPECT_EQ(AXAS_CREATE_FLAGS, self->info.create_flags);
	EXPECT_EQ(sizeof(struct axas_dump_entry), self->info.dump_entry_len);
	for (i = 0; i < self->info.num_formats; i++) {
		const struct axas_format_info *f = &self->formats[i];

		/* 4 KiB leaves always; nothing outside the known sizes */
		EXPECT_TRUE(f->pgsizes & AXAS_PGSIZE_4K);
		EXPECT_EQ(0, f->pgsizes & ~(AXAS_PGSIZE_4K | AXAS_PGSIZE_2M |
					    AXAS_PGSIZE_1G));
		EXPECT_TRUE(f->mem_types & (1u << AXAS_MEM_WB));
		EXPECT_LE(f->min_ias_bits, f->max_ias_bits);
		EXPECT_GE(f->max_oas_bits, 32);
		EXPECT_LE(f->max_oas_bits, 56);
		EXPECT_EQ(0, f->cfg_flags & ~(AXAS_CFG_EPT_AD | AXAS_CFG_SVPBMT));
		/* the architectures: every format has 2 MiB and 1 GiB leaves */
		EXPECT_EQ(AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G, f->pgsizes);
		switch (f->format) {
		case AXAS_FORMAT_INTEL_EPT:
			EXPECT_EQ(AXAS_CFG_EPT_AD, f->cfg_flags);
			EXPECT_EQ(52, f->max_oas_bits);
			EXPECT_EQ(7, f->mem_types);
			break;
		case AXAS_FORMAT_AMD_NPT:
			EXPECT_EQ(0, f->cfg_flags);
			EXPECT_EQ(52, f->max_oas_bits);
			EXPECT_EQ(7, f->mem_types);
			break;
		case AXAS_FORMAT_ARM_S2:
			EXPECT_EQ(0, f->cfg_flags);
			EXPECT_EQ(48, f->max_oas_bits);
			EXPECT_EQ(7, f->mem_types);
			break;
		case AXAS_FORMAT_RISCV_G:
			EXPECT_EQ(AXAS_CFG_SVPBMT, f->cfg_flags);
			/* PPN is 44 bits: 56-bit physical addresses */
			EXPECT_EQ(56, f->max_oas_bits);
			EXPECT_EQ(7, f->mem_types);
			break;
		}
	}
}

/*
 * A format_len below the first released layout (the whole struct, as for
 * every other length in the ABI): EINVAL, nothing written.
 */
TEST_F(axas, info_short_format_len)
{
	__u32 packed[MAX_FORMATS * 2];

	memset(packed, 0xee, sizeof(packed));
	self->info.num_formats = MAX_FORMATS;
	self->info.format_len = 8;
	self->info.formats = (uintptr_t)packed;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
	self->info.format_len = sizeof(struct axas_format_info) - 1;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
	self->info.format_len = 0;
	EXPECT_EQ(EINVAL, get_info(self->fd, &self->info));
	EXPECT_EQ(0xeeeeeeee, packed[0]);
}

/* A format_len longer than the kernel's: the tail of each entry is left alone or zeroed. */
TEST_F(axas, info_long_format_len)
{
	struct { struct axas_format_info f; __u64 future; } big[MAX_FORMATS];
	struct axas_format_info full[MAX_FORMATS];
	unsigned int i, n;

	ASSERT_EQ(0, get_info(self->fd, &self->info));
	n = self->info.num_formats;
	memcpy(full, self->formats, sizeof(full));
	memset(big, 0, sizeof(big));
	self->info.format_len = sizeof(big[0]);
	self->info.formats = (uintptr_t)big;
	ASSERT_EQ(0, get_info(self->fd, &self->info));
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, memcmp(&full[i], &big[i].f, sizeof(full[i])));
}

TEST_F(axas, info_array_too_small_untouched)
{
	struct axas_format_info canary[MAX_FORMATS];

	memset(canary, 0x5a, sizeof(canary));
	memset(self->formats, 0x5a, sizeof(self->formats));
	self->info.num_formats = 3;
	EXPECT_EQ(EMSGSIZE, get_info(self->fd, &self->info));
	EXPECT_EQ(4, self->info.num_formats);
	/* nothing is written to a too-small array */
	EXPECT_EQ(0, memcmp(canary, self->formats, sizeof(canary)));
}

static int proc_fd_link(int fd, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static long module_refcnt(void)
{
	char buf[32];

	if (read_file("/sys/module/axaddrspace/refcnt", buf, sizeof(buf)))
		return -1;
	return atol(buf);
}

/* Create one space of every configuration and check what it reports. */
TEST(create_every_config)
{
	struct axcfg cfgs[MAX_CFGS];
	struct axas_format_info f[MAX_FORMATS];
	struct axas_info info;
	int dev = axas_open(), n, i;

	ASSERT_LE(0, dev);
	n = axas_configs(dev, cfgs, MAX_CFGS);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, axas_info_get(dev, &info, f, MAX_FORMATS));
	for (i = 0; i < n; i++) {
		const struct axcfg *c = &cfgs[i];
		const struct axas_format_info *fi = NULL;
		struct axas_root r;
		struct axas_stats s;
		struct rootdec rd;
		char link[128];
		unsigned int j;
		__u64 root_pages;
		int fd;

		for (j = 0; j < info.num_formats; j++)
			if (f[j].format == c->format)
				fi = &f[j];
		ASSERT_NE(NULL, fi);
		if (axas_create_ex(dev, c, 0, 1ULL << 32, 100, 0, &fd)) {
			EXPECT_EQ(0, axas_create_ex(dev, c, 0, 1ULL << 32, 100, 0, &fd))
				TH_LOG("%s", c->name);
			continue;
		}
		EXPECT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
		ASSERT_EQ(0, proc_fd_link(fd, link, sizeof(link)));
		EXPECT_STREQ("anon_inode:[axaddrspace]", link);

		ASSERT_EQ(0, as_root(fd, &r));
		EXPECT_EQ(c->format, r.format) TH_LOG("%s", c->name);
		EXPECT_EQ(c->levels, r.levels) TH_LOG("%s", c->name);
		EXPECT_EQ(0, r.out_flags);
		EXPECT_EQ(0, r.base);
		EXPECT_EQ(1ULL << 32, r.length);
		EXPECT_EQ(fi->max_oas_bits, r.oas_bits) TH_LOG("%s", c->name);
		EXPECT_EQ(c->eff_pgsizes, r.pgsizes) TH_LOG("%s", c->name);
		EXPECT_LE(fi->min_ias_bits, r.ias_bits);
		EXPECT_GE(fi->max_ias_bits, r.ias_bits);
		EXPECT_GE(ias_for_levels(c->format, c->levels), r.ias_bits)
			TH_LOG("%s ias %u", c->name, r.ias_bits);
		if (c->format != AXAS_FORMAT_ARM_S2) {
			EXPECT_EQ(ias_for_levels(c->format, c->levels), r.ias_bits)
				TH_LOG("%s", c->name);
		} else {
			EXPECT_LT(12 + 9 * (c->levels - 1), r.ias_bits);
		}
		if (c->format != AXAS_FORMAT_ARM_S2)
			EXPECT_EQ(0, r.vtcr);
		rd = decode_root(&r, c->cfg_flags);
		EXPECT_FALSE(rd.bad) TH_LOG("%s root %#llx vtcr %#llx", c->name,
					    (unsigned long long)r.value,
					    (unsigned long long)r.vtcr);
		EXPECT_NE(0, rd.addr);
		EXPECT_EQ(0, rd.addr & (rd.bytes - 1)) TH_LOG("%s", c->name);

		ASSERT_EQ(0, as_stats(fd, &s));
		root_pages = rd.bytes / 4096;
		EXPECT_EQ(root_pages, s.table_pages) TH_LOG("%s", c->name);
		EXPECT_EQ(0, s.data_pages);
		EXPECT_EQ(0, s.leaves[0] + s.leaves[1] + s.leaves[2]);
		EXPECT_EQ(0, s.areas);
		EXPECT_EQ(0, s.consumers);
		EXPECT_EQ(0, s.invalidations);
		EXPECT_EQ(100, s.max_data_pages);
		EXPECT_EQ(0, s.max_table_pages);
		close(fd);
	}
	close(dev);
}

/* A table-page limit at creation. */
TEST(create_table_limit)
{
	struct axcfg cfgs[MAX_CFGS];
	int dev = axas_open(), n, i;

	ASSERT_LE(0, dev);
	n = axas_configs(dev, cfgs, MAX_CFGS);
	for (i = 0; i < n; i++) {
		struct axas_stats s;
		int fd;

		ASSERT_EQ(0, axas_create_ex(dev, &cfgs[i], 0, 1ULL << 32, 0, 200, &fd))
			TH_LOG("%s", cfgs[i].name);
		ASSERT_EQ(0, as_stats(fd, &s));
		EXPECT_EQ(200, s.max_table_pages);
		EXPECT_EQ(0, s.max_data_pages);
		close(fd);
	}
	close(dev);
}

/* levels 0: derived from ias_bits; ias 0: derived from levels. */
TEST(create_derive)
{
	struct axas_format_info f[MAX_FORMATS];
	struct axas_info info;
	struct axas_create cr;
	struct axas_root r;
	unsigned int i;
	int dev = axas_open();

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, axas_info_get(dev, &info, f, MAX_FORMATS));
	for (i = 0; i < info.num_formats; i++) {
		__u32 ias;

		for (ias = f[i].min_ias_bits; ias <= f[i].max_ias_bits; ias++) {
			memset(&cr, 0, sizeof(cr));
			cr.size = sizeof(cr);
			cr.format = f[i].format;
			cr.ias_bits = ias;
			cr.length = 1ULL << 32;
			if (f[i].format == AXAS_FORMAT_INTEL_EPT ||
			    f[i].format == AXAS_FORMAT_AMD_NPT ||
			    f[i].format == AXAS_FORMAT_RISCV_G) {
				/* fixed sizes per level count */
				__u32 lv;
				int ok = 0;

				for (lv = 1; lv < 32; lv++)
					if ((f[i].levels & (1u << lv)) &&
					    ias_for_levels(f[i].format, lv) == ias)
						ok = 1;
				if (!ok) {
					/* not a size of this format */
					EXPECT_NE(0, xioctl(dev, AXAS_IOC_CREATE, &cr))
						TH_LOG("%s ias %u", fmt_name(f[i].format), ias);
					continue;
				}
			}
			ASSERT_EQ(0, xioctl(dev, AXAS_IOC_CREATE, &cr))
				TH_LOG("%s ias %u", fmt_name(f[i].format), ias);
			ASSERT_EQ(0, as_root(cr.fd, &r));
			EXPECT_EQ(ias, r.ias_bits);
			EXPECT_TRUE(f[i].levels & (1u << r.levels));
			EXPECT_GE(ias_for_levels(f[i].format, r.levels), ias);
			close(cr.fd);
		}
	}
	close(dev);
}

TEST(create_bad_values)
{
	struct axas_format_info f[MAX_FORMATS];
	struct axas_info info;
	struct axas_create cr;
	struct axcfg c;
	int dev = axas_open(), fd;

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, axas_info_get(dev, &info, f, MAX_FORMATS));
	ASSERT_EQ(0, axas_first_cfg(dev, 0, &c));

#define CR_RESET() do { memset(&cr, 0, sizeof(cr)); cr.size = sizeof(cr); \
	cr.format = c.format; cr.length = 1ULL << 32; } while (0)
	CR_RESET();
	ASSERT_EQ(0, xioctl(dev, AXAS_IOC_CREATE, &cr));
	close(cr.fd);

	CR_RESET(); cr.format = 0;
	EXPECT_EQ(EOPNOTSUPP, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.format = 5;
	EXPECT_EQ(EOPNOTSUPP, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.length = 0;
	EXPECT_EQ(EINVAL, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.length = 0x1800;
	EXPECT_EQ(EINVAL, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.base = 0x800;
	EXPECT_EQ(EINVAL, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.base = ~0xfffULL; cr.length = 0x2000;
	EXPECT_EQ(EOVERFLOW, xioctl(dev, AXAS_IOC_CREATE, &cr));
	/* beyond the input size of the table */
	CR_RESET(); cr.base = 0; cr.length = 1ULL << 62;
	EXPECT_EQ(ERANGE, xioctl(dev, AXAS_IOC_CREATE, &cr));
	CR_RESET(); cr.base = 1ULL << 62; cr.length = 4096;
	EXPECT_EQ(ERANGE, xioctl(dev, AXAS_IOC_CREATE, &cr));
	/* 4 KiB leaves are required */
	CR_RESET(); cr.pgsizes = AXAS_PGSIZE_2M;
	EXPECT_EQ(EINVAL, xioctl(dev, AXAS_IOC_CREATE, &cr));
	/* unknown page sizes */
	/*
	 * The contract does not pin the errno of these (unsupported value or
	 * bad value): any of EOPNOTSUPP, EINVAL, ERANGE, but a failure.
	 */
	CR_RESET(); cr.pgsizes = AXAS_PGSIZE_4K | (1u << 13);
	EXPECT_ERRNO_IN(xioctl(dev, AXAS_IOC_CREATE, &cr), EOPNOTSUPP, EINVAL, EINVAL);
	/* unsupported level count */
	CR_RESET(); cr.levels = 31;
	EXPECT_ERRNO_IN(xioctl(dev, AXAS_IOC_CREATE, &cr), EOPNOTSUPP, EINVAL, EINVAL);
	/* the oas beyond the format's maximum */
	CR_RESET(); cr.oas_bits = 60;
	EXPECT_ERRNO_IN(xioctl(dev, AXAS_IOC_CREATE, &cr), EOPNOTSUPP, EINVAL, ERANGE);
	/* ias beyond the format */
	CR_RESET(); cr.ias_bits = 63;
	EXPECT_ERRNO_IN(xioctl(dev, AXAS_IOC_CREATE, &cr), EOPNOTSUPP, EINVAL, ERANGE);
	/* levels and ias both given and inconsistent */
	CR_RESET(); cr.levels = c.levels; cr.ias_bits = 12 + 9 * (c.levels + 3);
	EXPECT_ERRNO_IN(xioctl(dev, AXAS_IOC_CREATE, &cr), EOPNOTSUPP, EINVAL, ERANGE);
	/* every cfg flag the format does not list */
	{
		unsigned int b, i;

		for (i = 0; i < info.num_formats; i++)
			for (b = 0; b < 32; b++) {
				if (f[i].cfg_flags & (1u << b))
					continue;
				CR_RESET();
				cr.format = f[i].format;
				cr.cfg_flags = 1u << b;
				EXPECT_EQ(EOPNOTSUPP, xioctl(dev, AXAS_IOC_CREATE, &cr))
					TH_LOG("%s cfg bit %u", fmt_name(f[i].format), b);
			}
	}
	/* a failed create returns no fd: the next fd number is unchanged */
	fd = dup(dev);
	EXPECT_EQ(dev + 1, fd);
	close(fd);
	close(dev);
#undef CR_RESET
}

/* A space fd pins the module; closing it releases the reference. */
TEST(create_module_ref)
{
	struct axcfg c;
	long before, during;
	int dev = axas_open(), fd;

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, axas_first_cfg(dev, 0, &c));
	before = module_refcnt();
	if (before < 0)
		SKIP(return, "no /sys/module/axaddrspace/refcnt");
	ASSERT_EQ(0, axas_create(dev, &c, 0, 1ULL << 32, &fd));
	/* outlives the device fd */
	close(dev);
	during = module_refcnt();
	EXPECT_LT(before - 1, during);
	ASSERT_EQ(0, as_alloc(fd, 0, SZ_2M, 1));
	close(fd);
	EXPECT_EQ(before - 1, module_refcnt());
}

/* Device ioctls on a space fd and space ioctls on the device: ENOTTY. */
TEST(wrong_fd_kind)
{
	struct axas_stats s;
	struct axas_info info;
	struct axas_format_info f[MAX_FORMATS];
	struct axcfg c;
	int dev = axas_open(), fd;

	ASSERT_LE(0, dev);
	ASSERT_EQ(0, axas_first_cfg(dev, 0, &c));
	ASSERT_EQ(0, axas_create(dev, &c, 0, 1ULL << 32, &fd));
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	EXPECT_EQ(ENOTTY, xioctl(dev, AXAS_IOC_STATS, &s));
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.num_formats = MAX_FORMATS;
	info.format_len = sizeof(f[0]);
	info.formats = (uintptr_t)f;
	EXPECT_EQ(ENOTTY, xioctl(fd, AXAS_IOC_GET_INFO, &info));
	EXPECT_EQ(ENOTTY, xioctl(fd, _IO(AXAS_IOC_MAGIC, 0x7f), &s));
	EXPECT_EQ(ENOTTY, xioctl(fd, _IO(AXAS_IOC_MAGIC, AXAS_CMD_DUMP + 1), &s));
	EXPECT_EQ(ENOTTY, xioctl(fd, _IO(AXAS_IOC_MAGIC + 1, AXAS_CMD_STATS), &s));
	EXPECT_EQ(ENOTTY, xioctl(dev, _IO(AXAS_IOC_MAGIC, AXAS_CMD_CREATE + 1), &s));
	close(fd);
	close(dev);
}

#ifdef AXA_BREAK_SELFTEST
/* Negative control for the test pipeline (AXA_BREAK=selftest): must fail. */
TEST_F(axas, negative_control)
{
	ASSERT_EQ(0, get_info(self->fd, &self->info));
	EXPECT_EQ(0, self->info.num_formats);
}
#endif

TEST_HARNESS_MAIN
