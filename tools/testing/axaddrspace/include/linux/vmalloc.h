/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_VMALLOC_H
#define _HARNESS_LINUX_VMALLOC_H
#include <stdlib.h>
#define vzalloc(n)	calloc(1, n)
#define vmalloc(n)	malloc(n)
#define vfree(p)	free(p)
#endif
