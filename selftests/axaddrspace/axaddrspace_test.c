// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest for /dev/axaddrspace: AXAS_IOC_GET_INFO and input validation.
 * Needs the axaddrspace module loaded and root (the device is 0600).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/axaddrspace.h>

#include "kselftest_harness.h"

#define DEV_PATH	"/dev/axaddrspace"
#define MAX_FORMATS	16

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
	/* Only root (or a group granted by udev later) may build tables. */
	EXPECT_EQ(0, st.st_mode & 0007);
}

TEST_F(axas, info)
{
	const struct axas_format_info *f;

	ASSERT_EQ(0, get_info(self->fd, &self->info));
	EXPECT_EQ(AXAS_ABI_VERSION, self->info.abi_version);
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
	EXPECT_EQ(AXAS_ABI_VERSION, self->info.abi_version);
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
	EXPECT_EQ(AXAS_ABI_VERSION, v2.v1.abi_version);
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

#ifdef AXA_BREAK_SELFTEST
/* Negative control for the test pipeline (AXA_BREAK=selftest): must fail. */
TEST_F(axas, negative_control)
{
	ASSERT_EQ(0, get_info(self->fd, &self->info));
	EXPECT_EQ(0, self->info.num_formats);
}
#endif

TEST_HARNESS_MAIN
