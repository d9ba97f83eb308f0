/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_LIMITS_H
#define _HARNESS_LINUX_LIMITS_H
#include <limits.h>
#endif
