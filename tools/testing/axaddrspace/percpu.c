// SPDX-License-Identifier: GPL-2.0
/* The harness's "CPU" numbers: threads are numbered on first use. */
#include <linux/percpu.h>

static unsigned int harness_next_cpu;
static __thread int harness_cpu = -1;

unsigned int harness_this_cpu(void)
{
	if (harness_cpu < 0)
		harness_cpu = __atomic_fetch_add(&harness_next_cpu, 1,
						 __ATOMIC_RELAXED) % HARNESS_NR_CPUS;
	return harness_cpu;
}
