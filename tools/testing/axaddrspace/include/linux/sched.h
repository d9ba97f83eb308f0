/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_SCHED_H
#define _HARNESS_LINUX_SCHED_H
#include <sched.h>
/* as in Linux, where it comes in through the mm headers */
#include <asm/page.h>
#define cond_resched()	sched_yield()
#endif
