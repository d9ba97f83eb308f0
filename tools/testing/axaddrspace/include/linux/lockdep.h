/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the harness has no lockdep; the assertions vanish. */
#ifndef _HARNESS_LINUX_LOCKDEP_H
#define _HARNESS_LINUX_LOCKDEP_H
#define lockdep_assert_held(l)		((void)(l))
#define lockdep_assert_held_write(l)	((void)(l))
#define lockdep_assert_held_read(l)	((void)(l))
#endif
