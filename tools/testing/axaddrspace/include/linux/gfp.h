/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for page allocation (linux_hal.c): a "struct page"
 * is the 4 KiB of memory itself, so page, virtual and "physical" address
 * are one pointer, as in arena.c. Pages come from the (ASan) heap,
 * naturally aligned, so the sanitizers see every use after free.
 */
#ifndef _HARNESS_LINUX_GFP_H
#define _HARNESS_LINUX_GFP_H
#include <linux/types.h>

typedef unsigned int gfp_t;
#ifndef GFP_KERNEL
#define GFP_KERNEL		0
#endif
#ifndef GFP_KERNEL_ACCOUNT
#define GFP_KERNEL_ACCOUNT	0
#endif
#define __GFP_ZERO		0x100u
#define __GFP_NORETRY		0x200u
#define __GFP_NOWARN		0x400u
#define GFP_NOWAIT		0x800u

struct page {
	char data[4096];
};

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages(page, 0)
#endif
