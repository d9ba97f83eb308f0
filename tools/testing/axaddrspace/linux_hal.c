// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's stand-ins for the module's Linux HALs, so KUnit suites
 * written against them run unchanged in userspace:
 *
 *  - alloc_pages() / __free_pages() (linux/gfp.h): naturally aligned
 *    memory from the heap, so under ASan every use after free, double free
 *    and overflow of a page is caught;
 *  - the engine's table HAL (axaddrspace/pt_hal_linux.c): pages from
 *    alloc_pages(); deferred frees (RCU in Linux) wait for rcu_barrier()
 *    and count as live until then, as in Linux;
 *  - the frame HAL (axaddrspace/frame_linux.c): 2^order zeroed pages, each
 *    of which can be given back alone (split_page() in Linux). A page
 *    given back out of a higher-order frame is poisoned for ASan until the
 *    whole frame is back; a page given back twice aborts with a report.
 *
 * Host "physical" addresses are virtual addresses. Everything here is
 * thread-safe (the race suite faults from several threads).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include "axaddrspace/as.h"
#include "axaddrspace/pt.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define HAL_POISON(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define HAL_UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define HAL_POISON(p, n)	do { (void)(p); (void)(n); } while (0)
#define HAL_UNPOISON(p, n)	do { (void)(p); (void)(n); } while (0)
#endif

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	size_t size = PAGE_SIZE << order;
	void *p = aligned_alloc(size, size);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void __free_pages(struct page *page, unsigned int order)
{
	free(page);
}

/* ------------------------------------------------------- the table HAL */

static atomic_long_t hal_table_pages = ATOMIC_LONG_INIT(0);

struct hal_deferred {
	struct hal_deferred *next;
	void *va;
	unsigned int order;
};

static pthread_mutex_t hal_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hal_deferred *hal_deferred;

long axpt_linux_live_pages(void)
{
	return atomic_long_read(&hal_table_pages);
}

/*
 * A table block is allocated with a second block of the same size after
 * it, whose first word is the engine's count of the table (the kernel
 * keeps it in the page's struct page). The price: ASan sees a write past
 * a table's end only beyond the second block.
 */
static void *hal_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	size_t size = PAGE_SIZE << order;
	struct page *page = aligned_alloc(size, 2 * size);

	if (!page)
		return NULL;
	memset(page, 0, 2 * size);
	atomic_long_add(1L << order, &hal_table_pages);
	*pa = page_to_phys(page);
	return page_address(page);
}

static void hal_free_now(void *va, unsigned int order)
{
	__free_pages(va, order);
	atomic_long_sub(1L << order, &hal_table_pages);
}

static void hal_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	struct hal_deferred *d;

	if (!deferred) {
		hal_free_now(va, order);
		return;
	}
	d = malloc(sizeof(*d));
	if (!d)
		abort();
	d->va = va;
	d->order = order;
	pthread_mutex_lock(&hal_lock);
	d->next = hal_deferred;
	hal_deferred = d;
	pthread_mutex_unlock(&hal_lock);
}

/* The grace period: every deferred free done. */
void rcu_barrier(void)
{
	struct hal_deferred *d;

	pthread_mutex_lock(&hal_lock);
	d = hal_deferred;
	hal_deferred = NULL;
	pthread_mutex_unlock(&hal_lock);
	while (d) {
		struct hal_deferred *next = d->next;

		hal_free_now(d->va, d->order);
		free(d);
		d = next;
	}
}

atomic_t *axpt_linux_table_count(void *ctx, void *va)
{
	return (atomic_t *)((char *)va + PAGE_SIZE);
}

const struct axpt_mm_ops axpt_linux_mm_ops = {
	.alloc_table = hal_alloc,
	.free_table = hal_free,
	.table_count = axpt_linux_table_count,
};

/* ------------------------------------------------------- the frame HAL */

/* A frame of order > 0, until all its pages are back. */
struct hal_frame {
	struct hal_frame *next;
	char *base;
	unsigned int order;
	unsigned int back;		/* pages given back */
	unsigned char *is_back;		/* per page */
};

static atomic_long_t hal_frames = ATOMIC_LONG_INIT(0);
static struct hal_frame *hal_big;	/* under hal_lock */

long axas_linux_live_frames(void)
{
	return atomic_long_read(&hal_frames);
}

static int hal_frame_alloc(void *ctx, unsigned int order, u64 *hpa)
{
	struct page *page = alloc_pages(__GFP_ZERO, order);
	struct hal_frame *f;

	if (!page)
		return -ENOMEM;
	if (order) {
		f = calloc(1, sizeof(*f));
		if (f)
			f->is_back = calloc(1UL << order, 1);
		if (!f || !f->is_back) {
			if (f)
				free(f);
			free(page);
			return -ENOMEM;
		}
		f->base = (char *)page;
		f->order = order;
		pthread_mutex_lock(&hal_lock);
		f->next = hal_big;
		hal_big = f;
		pthread_mutex_unlock(&hal_lock);
	}
	atomic_long_add(1L << order, &hal_frames);
	*hpa = page_to_phys(page);
	return 0;
}

void axas_linux_free_frame(void *ctx, u64 hpa)
{
	char *p = (char *)(uintptr_t)hpa;
	struct hal_frame **link, *f;
	unsigned long i;

	if (hpa & (PAGE_SIZE - 1)) {
		fprintf(stderr, "%s: %#llx is not a page\n", __func__, hpa);
		abort();
	}
	pthread_mutex_lock(&hal_lock);
	for (link = &hal_big; (f = *link); link = &f->next)
		if (p >= f->base && p < f->base + (PAGE_SIZE << f->order))
			break;
	if (!f) {
		pthread_mutex_unlock(&hal_lock);
		/* an order-0 frame: ASan checks the free */
		free(p);
		atomic_long_dec(&hal_frames);
		return;
	}
	i = (p - f->base) / PAGE_SIZE;
	if (f->is_back[i]) {
		fprintf(stderr, "%s: page %#llx of the order-%u frame at %p freed twice\n",
			__func__, hpa, f->order, f->base);
		abort();
	}
	f->is_back[i] = 1;
	atomic_long_dec(&hal_frames);
	if (++f->back < 1U << f->order) {
		/* any later access to this page is a use after free */
		HAL_POISON(p, PAGE_SIZE);
		pthread_mutex_unlock(&hal_lock);
		return;
	}
	*link = f->next;
	pthread_mutex_unlock(&hal_lock);
	HAL_UNPOISON(f->base, PAGE_SIZE << f->order);
	free(f->base);
	free(f->is_back);
	free(f);
}

void *axas_linux_map_frame(void *ctx, u64 hpa)
{
	return (void *)(uintptr_t)hpa;
}

void axas_linux_unmap_frame(void *ctx, u64 hpa, void *va)
{
}

/* The harness registers no System RAM: any host memory is allowed. */
static bool hal_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	return true;
}

const struct axas_frame_ops axas_linux_frame_ops = {
	.alloc = hal_frame_alloc,
	.free = axas_linux_free_frame,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
	.hpa_allowed = hal_hpa_allowed,
};

/* ----------------------------------------------------------- kthreads */

struct task_struct {
	struct task_struct *next;
	pthread_t thread;
	int (*fn)(void *data);
	void *data;
};

static struct task_struct *hal_threads;	/* under hal_lock */

static void *hal_thread(void *arg)
{
	struct task_struct *t = arg;

	t->fn(t->data);
	return NULL;
}

struct task_struct *kthread_run_harness(int (*fn)(void *data), void *data)
{
	struct task_struct *t = calloc(1, sizeof(*t));

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->fn = fn;
	t->data = data;
	if (pthread_create(&t->thread, NULL, hal_thread, t)) {
		free(t);
		return ERR_PTR(-EAGAIN);
	}
	pthread_mutex_lock(&hal_lock);
	t->next = hal_threads;
	hal_threads = t;
	pthread_mutex_unlock(&hal_lock);
	return t;
}

void kthread_harness_join_all(void)
{
	struct task_struct *t;

	pthread_mutex_lock(&hal_lock);
	t = hal_threads;
	hal_threads = NULL;
	pthread_mutex_unlock(&hal_lock);
	while (t) {
		struct task_struct *next = t->next;

		pthread_join(t->thread, NULL);
		free(t);
		t = next;
	}
}
