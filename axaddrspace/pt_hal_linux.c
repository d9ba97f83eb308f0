// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's Linux HAL: table pages from alloc_pages(), charged to the
 * caller's memory cgroup, zeroed, and freed after an RCU grace period when
 * lockless walkers may still read them.
 */
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include "axaddrspace/fail_nth.h"
#include "axaddrspace/pt.h"

/* Live table pages of every table of the module: the leak counter. */
static atomic_long_t axpt_linux_pages = ATOMIC_LONG_INIT(0);

/**
 * axpt_linux_live_pages() - table pages currently allocated by this HAL.
 *
 * Deferred frees count as live until their RCU callback has run; call
 * rcu_barrier() first for an exact figure.
 *
 * Return: the number of pages.
 */
long axpt_linux_live_pages(void)
{
	return atomic_long_read(&axpt_linux_pages);
}

static void *axpt_linux_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	struct page *page;

	if (axas_should_fail())
		return NULL;
	/* over the memcg limit: an error for the caller, not the OOM killer */
	page = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_RETRY_MAYFAIL,
			   order);
	if (!page)
		return NULL;
	atomic_long_add(1L << order, &axpt_linux_pages);
	*pa = page_to_phys(page);
	return page_address(page);
}

static void axpt_linux_free_now(struct page *page, unsigned int order)
{
	__free_pages(page, order);
	atomic_long_sub(1L << order, &axpt_linux_pages);
}

static void axpt_linux_free_rcu(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	axpt_linux_free_now(page, page_private(page));
}

static void axpt_linux_free(void *ctx, void *va, unsigned int order,
			    bool deferred)
{
	struct page *page = virt_to_page(va);

	if (!deferred) {
		axpt_linux_free_now(page, order);
		return;
	}
	/* The page is ours alone: its rcu_head and private are free to use. */
	set_page_private(page, order);
	call_rcu(&page->rcu_head, axpt_linux_free_rcu);
}

/**
 * axpt_linux_table_count() - the engine's count of a table page of this HAL.
 * @ctx: unused.
 * @va: a table page from axpt_linux_alloc() of order 0.
 *
 * The count lives in the page's struct page, in the word page tables of
 * an mm use for their fragment or sharing count (struct ptdesc's
 * pt_frag_refcount, which overlays page->index). The page is ours from
 * alloc_pages() to __free_pages(): it is in no page cache, no LRU and no
 * page table of any mm, so nothing else reads or writes its index, and
 * the page allocator neither checks nor needs it at free time (it checks
 * the mapcount, mapping, refcount, flags and memcg data). The field is
 * not the rcu_head or page->private that a deferred free uses, and the
 * engine sets the count when it allocates the table, so what a page's
 * last use left there does not matter.
 *
 * Context: any; the engine keeps the count (see pt_count_add()).
 * Return: the counter.
 */
atomic_t *axpt_linux_table_count(void *ctx, void *va)
{
	return &page_ptdesc(virt_to_page(va))->pt_frag_refcount;
}

const struct axpt_mm_ops axpt_linux_mm_ops = {
	.alloc_table = axpt_linux_alloc,
	.free_table = axpt_linux_free,
	.table_count = axpt_linux_table_count,
};
