/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_SLAB_H
#define _HARNESS_LINUX_SLAB_H
#include <stdlib.h>
#ifndef GFP_KERNEL_ACCOUNT
#define GFP_KERNEL_ACCOUNT	0
#endif
#define kzalloc(n, gfp)		calloc(1, n)
#define kvzalloc(n, gfp)	calloc(1, n)
#define kfree(p)		free(p)
#define kvfree(p)		free(p)
#endif
