/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_ATOMIC_H
#define _HARNESS_LINUX_ATOMIC_H
#include <linux/types.h>
#include <linux/compiler.h>

/*
 * The kernel's own type names, so typedefs (checkpatch's NEW_TYPEDEFS
 * exempts atomic_t and the sized types, not atomic_long_t, which the
 * kernel's atomic-long.h declares with a typedef too).
 */
typedef struct { long counter; } atomic_long_t;
#define ATOMIC_LONG_INIT(v)	{ (v) }
static inline long atomic_long_read(const atomic_long_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}

static inline void atomic_long_set(atomic_long_t *a, long v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}

static inline void atomic_long_add(long v, atomic_long_t *a)
{
	__atomic_fetch_add(&a->counter, v, __ATOMIC_RELAXED);
}

static inline void atomic_long_sub(long v, atomic_long_t *a)
{
	__atomic_fetch_sub(&a->counter, v, __ATOMIC_RELAXED);
}

static inline long atomic_long_add_return(long v, atomic_long_t *a)
{
	return __atomic_add_fetch(&a->counter, v, __ATOMIC_SEQ_CST);
}

static inline void atomic_long_or(long v, atomic_long_t *a)
{
	__atomic_fetch_or(&a->counter, v, __ATOMIC_SEQ_CST);
}

#define atomic_long_inc_return(a)	atomic_long_add_return(1, a)
#define atomic_long_inc(a)	atomic_long_add(1, a)
#define atomic_long_dec(a)	atomic_long_sub(1, a)
typedef struct { int counter; } atomic_t;
#define ATOMIC_INIT(v)		{ (v) }
static inline int atomic_read(const atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *a, int v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}

static inline void atomic_add(int v, atomic_t *a)
{
	__atomic_fetch_add(&a->counter, v, __ATOMIC_RELAXED);
}

#define atomic_inc(a)		atomic_add(1, a)
#define atomic_dec(a)		atomic_add(-1, a)
/* fully ordered, as the kernel's value-returning atomics */
static inline int atomic_dec_return(atomic_t *a)
{
	return __atomic_sub_fetch(&a->counter, 1, __ATOMIC_SEQ_CST);
}

/*
 * The kernel's: a full barrier after a non-returning atomic. Those are
 * relaxed here (atomic_add()); on x86 their locked instruction is a full
 * barrier already, as in the kernel, elsewhere this is a fence.
 */
#ifdef __x86_64__
/* x86: the atomic's locked instruction ordered it; only the compiler may not */
#define smp_mb__after_atomic()	barrier()
#else
/* elsewhere a relaxed atomic orders nothing: a full fence */
#define smp_mb__after_atomic()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
typedef struct { s64 counter; } atomic64_t;
static inline void atomic64_set(atomic64_t *v, s64 i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline s64 atomic64_add_return(s64 i, atomic64_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic64_xor(s64 i, atomic64_t *v)
{
	__atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED);
}

#define cmpxchg64(p, o, n)	__sync_val_compare_and_swap(p, o, n)
#define try_cmpxchg64(p, po, n)						\
	__atomic_compare_exchange_n(p, po, n, 0, __ATOMIC_SEQ_CST,	\
				    __ATOMIC_SEQ_CST)
/* orders earlier stores before later ones, as the kernel's smp_wmb() */
#define smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#endif
