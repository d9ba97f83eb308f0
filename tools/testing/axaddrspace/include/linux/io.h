/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: nothing the harness's users need (no memremap). */
#ifndef _HARNESS_LINUX_IO_H
#define _HARNESS_LINUX_IO_H
#endif
