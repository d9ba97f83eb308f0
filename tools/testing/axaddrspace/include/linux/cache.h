/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for the kernel's cache-line alignment (x86: 64-byte lines). */
#ifndef HARNESS_LINUX_CACHE_H
#define HARNESS_LINUX_CACHE_H

#include <linux/compiler.h>

#define SMP_CACHE_BYTES			64
#define ____cacheline_aligned_in_smp	__aligned(SMP_CACHE_BYTES)

#endif
