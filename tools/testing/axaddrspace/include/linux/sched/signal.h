/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: a fatal signal is simulated by the harness, which
 * sets harness_fatal_signal (linux_hal.c) to the number of checks after
 * which fatal_signal_pending() starts saying yes (0: never).
 */
#ifndef _HARNESS_LINUX_SCHED_SIGNAL_H
#define _HARNESS_LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
extern long harness_fatal_signal;
static inline int harness_fatal_signal_pending(void)
{
	return harness_fatal_signal && !--harness_fatal_signal ?
	       (harness_fatal_signal = 1, 1) : 0;
}

#define fatal_signal_pending(t)	((void)(t), harness_fatal_signal_pending())
#define current			NULL

/* A test "kills" itself: fatal_signal_pending() says yes from now on. */
#ifndef SIGKILL
#define SIGKILL			9
#endif
#define allow_signal(sig)	((void)(sig))
#define disallow_signal(sig)	((void)(sig))
#define send_sig(sig, t, priv)	((void)(t), harness_fatal_signal = 1)
#define flush_signals(t)	((void)(t), harness_fatal_signal = 0)
#endif
