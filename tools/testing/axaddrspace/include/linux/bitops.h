/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_BITOPS_H
#define _HARNESS_LINUX_BITOPS_H
#include <linux/bitmap.h>	/* BITS_PER_LONG */
/* the index of the lowest set bit of @word, which is not 0 */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}
#endif
