// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's per-CPU allocations, and its "CPU" numbers: threads are
 * numbered on first use.
 */
#include <linux/percpu.h>

/*
 * malloc() and align by hand (the raw pointer is kept just below the
 * copies), because glibc's aligned allocators take a slow path. Like the
 * kernel's, only the copies are zeroed, not the padding between them, and
 * out of line with the size a variable: inlined, the compiler expands the
 * zeroing of a constant size its own way (vector stores for 80 bytes, a
 * rep stos that costs about 50 ns over eight copies for 104), so the
 * figures would follow the size of a struct rather than the allocation.
 * The kernel's alloc_percpu() costs more than either: kernel figures come
 * from make bench-kernel.
 */
void *harness_alloc_percpu(size_t size)
{
	unsigned int cpu;
	char *raw, *p;

	if (size > HARNESS_PCPU_STRIDE)
		abort();
	raw = malloc(HARNESS_NR_CPUS * HARNESS_PCPU_STRIDE + SMP_CACHE_BYTES);
	if (!raw)
		return NULL;
	p = (char *)(((unsigned long)raw + SMP_CACHE_BYTES) &
		     ~(unsigned long)(SMP_CACHE_BYTES - 1));
	((void **)p)[-1] = raw;
	for (cpu = 0; cpu < HARNESS_NR_CPUS; cpu++)
		memset(p + cpu * HARNESS_PCPU_STRIDE, 0, size);
	return p;
}

static unsigned int harness_next_cpu;
static __thread int harness_cpu = -1;

unsigned int harness_this_cpu(void)
{
	if (harness_cpu < 0)
		harness_cpu = __atomic_fetch_add(&harness_next_cpu, 1,
						 __ATOMIC_RELAXED) % HARNESS_NR_CPUS;
	return harness_cpu;
}
