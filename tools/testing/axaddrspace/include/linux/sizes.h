/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the linux/sizes.h constants the harness sources use. */
#ifndef _HARNESS_LINUX_SIZES_H
#define _HARNESS_LINUX_SIZES_H
#define SZ_4K		0x00001000
#define SZ_8K		0x00002000
#define SZ_64K		0x00010000
#define SZ_1M		0x00100000
#define SZ_2M		0x00200000
#define SZ_4M		0x00400000
#define SZ_8M		0x00800000
#define SZ_16M		0x01000000
#define SZ_256M		0x10000000
#define SZ_1G		0x40000000
#define SZ_4G		0x100000000ULL
#endif
