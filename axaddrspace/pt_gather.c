// SPDX-License-Identifier: GPL-2.0
/*
 * The invalidation gather: what an operation changed, and what it
 * unlinked, kept until every hardware walker has forgotten it.
 *
 * The rule it enforces: memory that a walker may still reach through a
 * stale TLB or paging-structure cache entry is never freed. Entries are
 * changed first, their ranges recorded; a flush then invalidates those
 * ranges (&axpt_gather_ops.invalidate, synchronous) and only afterwards
 * frees the frames and table pages collected since the last flush. With
 * no hardware walker (a direct gather) there is nothing to invalidate and
 * frees happen at once; table pages still wait for an RCU grace period,
 * for the lockless software walks (axpt_query() and friends).
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "axaddrspace/pt_internal.h"

/*
 * A batch of this many frame runs and table pages is taken from the slab
 * when a gather first needs more than its on-stack batch: one flush per
 * batch, so a big unmap with consumers invalidates a few times, not once
 * per 8 pages. Never required: without it the on-stack batch is used.
 */
#define AXPT_GATHER_HEAP_FRAMES	128
#define AXPT_GATHER_HEAP_TABLES	128

struct axpt_gather_heap {
	struct axpt_gather_frames frames[AXPT_GATHER_HEAP_FRAMES];
	u64 *table[AXPT_GATHER_HEAP_TABLES];
};

/**
 * axpt_gather_pending() - add a changed range to what the next flush
 *	invalidates; the slow half of axpt_gather_add().
 * @g: the gather, not direct.
 * @start: first address.
 * @end: end, exclusive.
 *
 * A range that touches or overlaps the last one is merged into it (runs
 * come in address order); past %AXPT_GATHER_RANGES disjoint ranges the
 * gather asks for everything instead.
 *
 * Context: the table's exclusive lock.
 */
void axpt_gather_pending(struct axpt_gather *g, u64 start, u64 end)
{
	struct axas_range *last;

	if (g->all)
		return;
	if (g->nr) {
		last = &g->range[g->nr - 1];
		if (start <= last->end && end >= last->start) {
			last->start = min(last->start, start);
			last->end = max(last->end, end);
			return;
		}
	}
	if (g->nr == AXPT_GATHER_RANGES) {
		g->all = true;
		g->nr = 0;
		return;
	}
	g->range[g->nr].start = start;
	g->range[g->nr].end = end;
	g->nr++;
}

static struct axpt_gather_frames *axpt_gather_frame_batch(struct axpt_gather *g)
{
	return g->heap ? g->heap->frames : g->stack_frames;
}

static u64 **axpt_gather_table_batch(struct axpt_gather *g)
{
	return g->heap ? g->heap->table : g->stack_tables;
}

/* Move to the bigger heap batch once the stack batch is full. */
static bool axpt_gather_grow(struct axpt_gather *g)
{
	struct axpt_gather_heap *h;

	if (g->heap)
		return false;
	h = kmalloc(sizeof(*h), GFP_NOWAIT | __GFP_NOWARN);
	if (!h)
		return false;
	memcpy(h->frames, g->stack_frames, g->nr_frames * sizeof(*h->frames));
	memcpy(h->table, g->stack_tables, g->nr_tables * sizeof(*h->table));
	g->heap = h;
	return true;
}

/**
 * axpt_gather_flush() - invalidate what is pending, then free what was
 *	collected.
 * @g: the gather.
 *
 * Called by the engine when the batch is full and before the "make" of a
 * break-before-make; by the caller through axpt_gather_finish().
 *
 * Context: the table's exclusive lock; may sleep if the invalidate
 * callback does.
 */
void axpt_gather_flush(struct axpt_gather *g)
{
	struct axpt_gather_frames *frames = axpt_gather_frame_batch(g);
	u64 **table = axpt_gather_table_batch(g);
	unsigned int i;

	if (!g->direct && (g->nr || g->all)) {
		g->ops->invalidate(g->ctx, g);
		g->invalidations++;
		if (g->all)
			g->full++;
	}
	g->nr = 0;
	g->all = false;
	g->tables = false;
	for (i = 0; i < g->nr_tables; i++)
		axpt_free_table(g->pt, table[i], 0, true);
	for (i = 0; i < g->nr_frames; i++)
		g->ops->free_frames(g->ctx, frames[i].hpa, frames[i].n);
	g->nr_tables = 0;
	g->nr_frames = 0;
}

/**
 * axpt_gather_finish_batch() - the out-of-line half of
 *	axpt_gather_finish(), for gathers that are not direct.
 * @g: the gather.
 *
 * Context: as axpt_gather_flush().
 */
void axpt_gather_finish_batch(struct axpt_gather *g)
{
	axpt_gather_flush(g);
	kfree(g->heap);
	g->heap = NULL;
}

/**
 * axpt_gather_frames() - hand over data frames whose leaf was removed.
 * @g: the gather.
 * @hpa: first 4 KiB frame.
 * @n: frames from @hpa on.
 *
 * The leaf's range must already have been added (axpt_gather_add()).
 * Freed at once by a direct gather, after the next invalidation otherwise.
 *
 * Context: the table's exclusive lock.
 */
void axpt_gather_frames(struct axpt_gather *g, u64 hpa, u64 n)
{
	struct axpt_gather_frames *frames, *last;

	if (g->direct) {
		g->ops->free_frames(g->ctx, hpa, n);
		return;
	}
	frames = axpt_gather_frame_batch(g);
	last = g->nr_frames ? &frames[g->nr_frames - 1] : NULL;
	if (last && last->hpa + last->n * AXPT_PAGE_SIZE == hpa) {
		last->n += n;
		return;
	}
	if (g->nr_frames == (g->heap ? AXPT_GATHER_HEAP_FRAMES : AXPT_GATHER_STACK) &&
	    !axpt_gather_grow(g))
		axpt_gather_flush(g);
	frames = axpt_gather_frame_batch(g);
	frames[g->nr_frames].hpa = hpa;
	frames[g->nr_frames].n = n;
	g->nr_frames++;
}

/**
 * axpt_gather_table() - hand over a table page that was unlinked.
 * @g: the gather.
 * @table: the page (order 0), no longer pointed to by any entry.
 *
 * The range it covered must already have been added, with
 * axpt_gather_add_tables(). Freed after an RCU grace period by a direct
 * gather, after the next invalidation (and then a grace period)
 * otherwise.
 *
 * Context: the table's exclusive lock.
 */
void axpt_gather_table(struct axpt_gather *g, u64 *table)
{
	if (g->direct) {
		axpt_free_table(g->pt, table, 0, true);
		return;
	}
	if (g->nr_tables == (g->heap ? AXPT_GATHER_HEAP_TABLES : AXPT_GATHER_STACK) &&
	    !axpt_gather_grow(g))
		axpt_gather_flush(g);
	axpt_gather_table_batch(g)[g->nr_tables++] = table;
}
