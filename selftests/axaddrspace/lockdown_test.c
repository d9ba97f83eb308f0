// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: under kernel lockdown, linear (passthrough) maps are refused,
 * like /dev/mem, even to a fully privileged opener and on a space created
 * before the lockdown, and get-info stops offering them.
 *
 * Locking the kernel down cannot be undone: the test VMs run this last
 * (scripts/vm/init), after every other test. It skips where the kernel has
 * no lockdown LSM or is already locked down before it starts.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "axas_util.h"
#include "kselftest_harness.h"

#define BASE		0ULL
#define LEN		0x100000000ULL
#define G		0x10000000ULL
#define RW		(AXAS_PROT_READ | AXAS_PROT_WRITE)
#define LOCKDOWN	"/sys/kernel/security/lockdown"

/* The current lockdown mode ("none", "integrity"...), or NULL. */
static const char *lockdown_mode(char *buf, size_t len)
{
	int fd = open(LOCKDOWN, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	char *s, *e;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	/* "none [integrity] confidentiality": the selected one is bracketed */
	s = strchr(buf, '[');
	e = s ? strchr(s, ']') : NULL;
	if (!e)
		return NULL;
	*e = 0;
	return s + 1;
}

static int make_space(int dev, int *fd)
{
	struct axcfg c;

	if (axas_native_cfg(dev, &c))
		return -1;
	return axas_create(dev, &c, BASE, LEN, fd);
}

static __u32 info_caps(int dev)
{
	struct axas_format_info f[MAX_FORMATS];
	struct axas_info info;

	if (axas_info_get(dev, &info, f, MAX_FORMATS))
		return ~0u;
	return info.caps;
}

TEST(linear_refused_under_lockdown)
{
	struct axas_stats s0, s;
	const char *mode;
	char buf[128];
	int dev, before, after, lfd;
	__u64 hpa;

	if (access(LOCKDOWN, F_OK))
		mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	mode = lockdown_mode(buf, sizeof(buf));
	if (!mode)
		SKIP(return, "no lockdown LSM (%s)", LOCKDOWN);
	if (strcmp(mode, "none"))
		SKIP(return, "already locked down (%s)", mode);
	if (linear_target(SZ_2M, SZ_2M, &hpa))
		SKIP(return, "no PCI window in /proc/iomem");

	dev = axas_open();
	ASSERT_LE(0, dev);
	/* the control: everything allowed before */
	ASSERT_NE(~0u, info_caps(dev));
	ASSERT_TRUE(info_caps(dev) & AXAS_CAP_LINEAR) TH_LOG("run as root");
	ASSERT_EQ(0, make_space(dev, &before));
	ASSERT_EQ(0, as_map(before, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW,
			    AXAS_MEM_DEVICE, hpa));
	ASSERT_EQ(0, as_unmap(before, G, SZ_2M));

	lfd = open(LOCKDOWN, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, lfd);
	ASSERT_EQ(9, write(lfd, "integrity", 9)) TH_LOG("%s", strerror(errno));
	close(lfd);
	mode = lockdown_mode(buf, sizeof(buf));
	ASSERT_NE(NULL, mode);
	ASSERT_STREQ("integrity", mode);

	EXPECT_FALSE(info_caps(dev) & AXAS_CAP_LINEAR);
	EXPECT_TRUE(info_caps(dev) & AXAS_CAP_HPA);
	ASSERT_EQ(0, make_space(dev, &after));
	ASSERT_EQ(0, as_stats(before, &s0));
	EXPECT_EQ(EPERM, as_map(before, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW,
				AXAS_MEM_DEVICE, hpa));
	EXPECT_EQ(EPERM, as_map(after, AXAS_BACKEND_LINEAR, 0, G, SZ_2M, RW,
				AXAS_MEM_DEVICE, hpa));
	ASSERT_EQ(0, as_stats(before, &s));
	EXPECT_EQ(0, memcmp(&s0, &s, sizeof(s)));
	/* the rest of the ABI is not affected */
	EXPECT_EQ(0, as_alloc(after, G, SZ_2M, 1));
	EXPECT_EQ(0, as_unmap(after, G, SZ_2M));
	close(after);
	close(before);
	close(dev);
}

TEST_HARNESS_MAIN
