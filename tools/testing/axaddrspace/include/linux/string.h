/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_STRING_H
#define _HARNESS_LINUX_STRING_H
#include <string.h>
#include <stdio.h>
#define strscpy(d, s, n)	snprintf(d, n, "%s", s)
#endif
