// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux frame HAL: data frames from alloc_pages(), zeroed and charged
 * to the caller's memory cgroup. Higher-order frames are split into
 * order-0 pages at once, so that unmapping part of a 2 MiB frame can free
 * exactly the pages in the hole.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/pagevec.h>
#include <linux/percpu.h>
#include "axaddrspace/as.h"
#include "axaddrspace/fail_nth.h"

/* Per CPU: every fault allocates, on whichever CPU its vCPU runs. */
static DEFINE_PER_CPU(long, axas_linux_frames);

/**
 * axas_linux_live_frames() - data pages currently allocated by this HAL.
 *
 * Exact when no frame is allocated or freed meanwhile.
 *
 * Return: the number of 4 KiB pages.
 */
long axas_linux_live_frames(void)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(axas_linux_frames, cpu);
	return n;
}

static int axas_linux_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	/*
	 * A VMM over its memory cgroup's limit gets an error (a failed map,
	 * a NOMEM fault), not the OOM killer: __GFP_RETRY_MAYFAIL.
	 */
	gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_RETRY_MAYFAIL;
	struct page *page;

	if (axas_should_fail())
		return -ENOMEM;
	/* A big frame is an optimisation: do not try hard, do not warn. */
	if (order)
		gfp |= __GFP_NORETRY | __GFP_NOWARN;
	page = alloc_pages(gfp, order);
	if (!page)
		return -ENOMEM;
	if (order)
		split_page(page, order);
	this_cpu_add(axas_linux_frames, 1L << order);
	*hpa = page_to_phys(page);
	return 0;
}

/**
 * axas_linux_free_frame() - give back one 4 KiB page of a frame.
 * @ctx: unused.
 * @hpa: its host-physical address.
 */
void axas_linux_free_frame(void *ctx, u64 hpa)
{
	__free_page(pfn_to_page(PHYS_PFN(hpa)));
	this_cpu_dec(axas_linux_frames);
}

/*
 * The pages of a large leaf, @n from @hpa on (frame_ops.free_range): the
 * page allocator's batched put, folios_put(), one batch of up to 31 pages
 * at a time, and this CPU's count once. Each batch is uncharged from its
 * memory cgroup in one step (the pages' kmem charge, as __free_page()
 * would uncharge them one by one) and goes to the per-CPU free lists under
 * one lock; __free_page() does both for every page. The pages are order 0
 * (split at allocation), so each is a folio of its own.
 */
static void axas_linux_free_range(void *ctx, u64 hpa, unsigned long n)
{
	unsigned long pfn = PHYS_PFN(hpa), i;
	struct folio_batch fb;

	folio_batch_init(&fb);
	for (i = 0; i < n; i++)
		if (!folio_batch_add(&fb, pfn_folio(pfn + i)))
			folios_put(&fb);	/* full: empties it */
	if (folio_batch_count(&fb))
		folios_put(&fb);
	this_cpu_sub(axas_linux_frames, n);
}

/*
 * RAM the page allocator manages: kmap it. Anything else (a linear area
 * over memory the kernel does not manage, possibly a device): never a
 * cacheable mapping, write-combining at most, where the kernel has I/O
 * memory at all (UML may not).
 */
static bool axas_linux_is_ram(u64 hpa)
{
	return pfn_valid(PHYS_PFN(hpa)) && !PageReserved(pfn_to_page(PHYS_PFN(hpa)));
}

/**
 * axas_linux_map_frame() - map one page of host memory for the kernel.
 * @ctx: unused.
 * @hpa: its host-physical address.
 *
 * Context: process context; the mapping is for the caller's use only.
 *
 * Return: the mapping, or NULL.
 */
void *axas_linux_map_frame(void *ctx, u64 hpa)
{
	if (axas_linux_is_ram(hpa))
		return kmap_local_page(pfn_to_page(PHYS_PFN(hpa)));
	if (IS_ENABLED(CONFIG_HAS_IOMEM))
		return memremap(hpa, PAGE_SIZE, MEMREMAP_WC);
	return NULL;
}

/**
 * axas_linux_unmap_frame() - undo axas_linux_map_frame().
 * @ctx: unused.
 * @hpa: the host-physical address mapped.
 * @va: the mapping.
 *
 * Context: as axas_linux_map_frame().
 */
void axas_linux_unmap_frame(void *ctx, u64 hpa, void *va)
{
	if (axas_linux_is_ram(hpa))
		kunmap_local(va);
	else if (IS_ENABLED(CONFIG_HAS_IOMEM))
		memunmap(va);
}

/* Never hand the kernel's own RAM to a guest through a linear area. */
static bool axas_linux_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	return region_intersects(hpa, size, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_DISJOINT;
}

const struct axas_frame_ops axas_linux_frame_ops = {
	.alloc = axas_linux_alloc,
	.free = axas_linux_free_frame,
	.free_range = axas_linux_free_range,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
	.hpa_allowed = axas_linux_hpa_allowed,
};
