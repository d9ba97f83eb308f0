// SPDX-License-Identifier: GPL-2.0
/* State of the kernel stand-ins that every harness program links. */
#include <linux/bug.h>
#include <linux/sched/signal.h>

/* WARN_ON()s fired (include/linux/bug.h). */
int harness_warnings;
/* Checks until fatal_signal_pending() says yes, 0: never. */
long harness_fatal_signal;
