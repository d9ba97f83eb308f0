/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_STRING_H
#define _HARNESS_LINUX_STRING_H
#include <string.h>
#include <stdio.h>
#define strscpy(d, s, n)	snprintf(d, n, "%s", s)

/* The first byte of [@start, +@bytes) that is not @c, or NULL. */
static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;
	size_t i;

	for (i = 0; i < bytes; i++)
		if (p[i] != (unsigned char)c)
			return (void *)(p + i);
	return NULL;
}
#endif
