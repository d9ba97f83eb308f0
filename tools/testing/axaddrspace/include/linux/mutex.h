/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a kernel mutex is a pthread mutex here. */
#ifndef _HARNESS_LINUX_MUTEX_H
#define _HARNESS_LINUX_MUTEX_H
#include <pthread.h>

struct mutex {
	pthread_mutex_t m;
};

static inline void mutex_init(struct mutex *m)
{
	pthread_mutex_init(&m->m, NULL);
}

static inline void mutex_lock(struct mutex *m)
{
	pthread_mutex_lock(&m->m);
}

static inline void mutex_unlock(struct mutex *m)
{
	pthread_mutex_unlock(&m->m);
}
#endif
