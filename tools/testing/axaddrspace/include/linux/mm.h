/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: page <-> address conversions (see linux/gfp.h). */
#ifndef _HARNESS_LINUX_MM_H
#define _HARNESS_LINUX_MM_H
#include <stdint.h>
#include <asm/page.h>
#include <linux/gfp.h>

#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))

static inline u64 page_to_phys(const struct page *page)
{
	return (u64)(uintptr_t)page;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return (struct page *)(uintptr_t)((u64)pfn << PAGE_SHIFT);
}

static inline struct page *virt_to_page(const void *va)
{
	return (struct page *)va;
}

static inline void *page_address(const struct page *page)
{
	return (void *)page;
}
#endif
