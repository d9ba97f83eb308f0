/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for the kernel's per-CPU variables: an allocation holds
 * HARNESS_NR_CPUS copies, HARNESS_PCPU_STRIDE bytes apart (so no copy may
 * be larger than that), and a thread uses the copy its number picks. Threads that
 * share a copy stay correct: the updates are atomic.
 */
#ifndef HARNESS_LINUX_PERCPU_H
#define HARNESS_LINUX_PERCPU_H

#include <stdlib.h>
#include <string.h>
#include <linux/cache.h>
#include <linux/types.h>

#define __percpu
#define HARNESS_NR_CPUS		8
#define HARNESS_PCPU_STRIDE	(4 * SMP_CACHE_BYTES)

unsigned int harness_this_cpu(void);	/* percpu.c */

/* percpu.c; out of line, as the kernel's alloc_percpu() is */
void *harness_alloc_percpu(size_t size);

static inline void free_percpu(void *p)
{
	if (p)
		free(((void **)p)[-1]);
}

#define alloc_percpu_gfp(type, gfp) \
	((type *)harness_alloc_percpu(sizeof(type)))
#define per_cpu_ptr(p, cpu)						\
	((__typeof__(p))((char *)(p) + (cpu) * HARNESS_PCPU_STRIDE))
#define raw_cpu_ptr(p)		per_cpu_ptr(p, harness_this_cpu())
#define for_each_possible_cpu(cpu)					\
	for ((cpu) = 0; (cpu) < HARNESS_NR_CPUS; (cpu)++)

#define this_cpu_add(pcp, val)						\
	__atomic_fetch_add(per_cpu_ptr(&(pcp), harness_this_cpu()), (val), \
			   __ATOMIC_RELAXED)
#define this_cpu_sub(pcp, val)	this_cpu_add(pcp, -(val))
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_add(pcp, -1)

#endif
