/* SPDX-License-Identifier: GPL-2.0 */
/* In the harness a table's "physical" address is its virtual address. */
#ifndef _HARNESS_ASM_PAGE_H
#define _HARNESS_ASM_PAGE_H
#include <stdint.h>
#include <linux/bits.h>
#define PAGE_SHIFT	12
#define PAGE_SIZE	BIT(PAGE_SHIFT)
#define __va(pa)	((void *)(uintptr_t)(pa))
#endif
