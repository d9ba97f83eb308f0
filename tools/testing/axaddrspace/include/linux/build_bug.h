/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_BUILD_BUG_H
#define _HARNESS_LINUX_BUILD_BUG_H
#define BUILD_BUG_ON(cond)	((void)sizeof(char[1 - 2 * !!(cond)]))
#endif
