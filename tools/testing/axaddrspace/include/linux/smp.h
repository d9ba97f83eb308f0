/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the harness's "CPU" is the thread's number. */
#ifndef _HARNESS_LINUX_SMP_H
#define _HARNESS_LINUX_SMP_H
#include <linux/percpu.h>
#define raw_smp_processor_id()	harness_this_cpu()
#endif
