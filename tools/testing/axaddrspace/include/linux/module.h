/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_MODULE_H
#define _HARNESS_LINUX_MODULE_H
#ifndef EXPORT_SYMBOL_GPL
#define EXPORT_SYMBOL_GPL(sym)	extern int harness_export_##sym
#endif
#endif
