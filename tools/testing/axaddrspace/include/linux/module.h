/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_MODULE_H
#define _HARNESS_LINUX_MODULE_H
#endif
