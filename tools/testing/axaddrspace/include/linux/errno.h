/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_ERRNO_H
#define _HARNESS_LINUX_ERRNO_H
#include <asm-generic/errno.h>
#endif
