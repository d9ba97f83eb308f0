/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the harness has no lockdep; the assertions vanish. */
#ifndef _HARNESS_LINUX_LOCKDEP_H
#define _HARNESS_LINUX_LOCKDEP_H
#define lockdep_assert_held(l)		((void)(l))
#define lockdep_assert_held_write(l)	((void)(l))
#define lockdep_assert_held_read(l)	((void)(l))
/* the kernel's annotations of a lock taken without its lock functions */
#define rwsem_acquire_read(l, s, t, i)	do { } while (0)
#define rwsem_release(l, i)		do { } while (0)
#endif
