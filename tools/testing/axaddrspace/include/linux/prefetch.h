/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for the kernel's prefetch(): the compiler's read prefetch. */
#ifndef HARNESS_LINUX_PREFETCH_H
#define HARNESS_LINUX_PREFETCH_H

#define prefetch(p)	__builtin_prefetch(p)

#endif
