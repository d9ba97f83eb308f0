/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the harness's "CPUs" are those of linux/percpu.h. */
#ifndef _HARNESS_LINUX_CPUMASK_H
#define _HARNESS_LINUX_CPUMASK_H
#include <linux/percpu.h>
#define nr_cpu_ids		HARNESS_NR_CPUS
#define cpu_possible(cpu)	((cpu) < HARNESS_NR_CPUS)
#endif
