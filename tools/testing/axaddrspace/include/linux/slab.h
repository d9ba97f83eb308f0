/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_SLAB_H
#define _HARNESS_LINUX_SLAB_H
#include <stdlib.h>
#include <linux/gfp.h>
#include <string.h>

/* Cache-line aligned, as kmalloc() aligns objects that ask for it. */
static inline void *harness_kzalloc(size_t n)
{
	void *p;

	if (posix_memalign(&p, 64, n ? n : 1))
		return NULL;
	return memset(p, 0, n);
}

#define kzalloc(n, gfp)		harness_kzalloc(n)
#define kmalloc(n, gfp)		harness_kzalloc(n)
#define kvzalloc(n, gfp)	calloc(1, n)
#define kfree(p)		free(p)
#define kvfree(p)		free(p)
#endif
