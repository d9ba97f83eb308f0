// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: the real device. The unit tests replace these with a fake
 * kernel (test.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "axasctl.h"

static int real_open(struct axctl *c, const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	(void)c;
	return fd < 0 ? -errno : fd;
}

static int real_ioctl(struct axctl *c, int fd, unsigned long req, void *arg)
{
	(void)c;
	return ioctl(fd, req, arg) ? -errno : 0;
}

static void real_close(struct axctl *c, int fd)
{
	(void)c;
	close(fd);
}

const struct axctl_sys axctl_real_sys = {
	.open_dev = real_open,
	.ioctl = real_ioctl,
	.close = real_close,
};
