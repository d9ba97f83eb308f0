/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_DELAY_H
#define _HARNESS_LINUX_DELAY_H
#include <unistd.h>
#define usleep_range(min, max)	usleep(min)
#define msleep(ms)		usleep((ms) * 1000)
#endif
