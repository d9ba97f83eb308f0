/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HARNESS_LINUX_COMPILER_H
#define _HARNESS_LINUX_COMPILER_H
/*
 * Stand-ins for the kernel's own definitions, for the harness. checkpatch
 * is wrong about some of them because they are those definitions: it
 * would have __always_inline, noinline, __printf and __aligned used
 * instead of __attribute__ (they are what defines them, and an attribute
 * list cannot be put in parentheses), and READ_ONCE()/WRITE_ONCE() are
 * volatile accesses by definition, as in the kernel.
 */
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline		inline __attribute__((always_inline))
#endif
#ifndef noinline
#define noinline		__attribute__((__noinline__))
#endif
#ifndef __cold
#define __cold			__attribute__((__cold__))
#endif
#ifndef fallthrough
#define fallthrough		__attribute__((__fallthrough__))
#endif
#ifndef __printf
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#endif
#ifndef __aligned
#define __aligned(x)		__attribute__((__aligned__(x)))
#endif
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
/* the compiler may not move memory accesses across it, as the kernel's */
#define barrier()		({ __asm__ __volatile__("" ::: "memory"); })
/* earlier accesses before the store, as the kernel's */
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
/* the load before later accesses, as the kernel's */
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
/* a full barrier, as the kernel's */
#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
/* a store, then a full barrier: an exchange, as the kernel's on x86 */
#define smp_store_mb(x, v)						\
	((void)__atomic_exchange_n(&(x), v, __ATOMIC_SEQ_CST))
#define _RET_IP_		((unsigned long)__builtin_return_address(0))
#endif
