/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a kernel rw_semaphore is a pthread rwlock here. */
#ifndef _HARNESS_LINUX_RWSEM_H
#define _HARNESS_LINUX_RWSEM_H
#include <pthread.h>
/* as in Linux, where it comes in with the locking headers */
#include <string.h>

struct rw_semaphore {
	pthread_rwlock_t rw;
};

static inline void init_rwsem(struct rw_semaphore *s)
{
	pthread_rwlock_init(&s->rw, NULL);
}

static inline void down_read(struct rw_semaphore *s)
{
	pthread_rwlock_rdlock(&s->rw);
}

static inline void up_read(struct rw_semaphore *s)
{
	pthread_rwlock_unlock(&s->rw);
}

static inline void down_write(struct rw_semaphore *s)
{
	pthread_rwlock_wrlock(&s->rw);
}

static inline void up_write(struct rw_semaphore *s)
{
	pthread_rwlock_unlock(&s->rw);
}
#endif
