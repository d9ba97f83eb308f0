/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel's linux/types.h (engine harness). */
#ifndef _HARNESS_LINUX_TYPES_H
#define _HARNESS_LINUX_TYPES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int8_t s8;
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef long long s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef unsigned long long __u64;
typedef int32_t __s32;
typedef long long __s64;
typedef unsigned long long __aligned_u64 __attribute__((aligned(8)));
typedef u64 phys_addr_t;
/* sparse annotations: nothing to the compiler */
#define __bitwise
#define __force
#endif
