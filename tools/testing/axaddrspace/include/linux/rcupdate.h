/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in. Read sections are empty; the Linux HAL stand-in of
 * the KUnit runner (linux_hal.c) keeps deferred table frees queued until
 * rcu_barrier(), which the runner also calls after every case, so a
 * lockless reader never sees a table freed under it.
 */
#ifndef _HARNESS_LINUX_RCUPDATE_H
#define _HARNESS_LINUX_RCUPDATE_H
static inline void rcu_read_lock(void) { }
static inline void rcu_read_unlock(void) { }
/* In linux_hal.c: binaries that call it link that file. */
void rcu_barrier(void);
#endif
