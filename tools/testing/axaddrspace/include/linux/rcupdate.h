/* SPDX-License-Identifier: GPL-2.0 */
/* The harness runs one thread per table: RCU read sections are empty. */
#ifndef _HARNESS_LINUX_RCUPDATE_H
#define _HARNESS_LINUX_RCUPDATE_H
static inline void rcu_read_lock(void) { }
static inline void rcu_read_unlock(void) { }
static inline void rcu_barrier(void) { }
#endif
