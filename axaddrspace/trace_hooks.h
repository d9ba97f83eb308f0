/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: where the address-space layer and the engine emit trace
 * events. In the kernel these are the tracepoints of axaddrspace/trace.h
 * (a patched-out branch while an event is disabled); the same sources
 * built in userspace (tools/testing/axaddrspace) get empty inlines, which
 * the compiler removes.
 */
#ifndef _AXADDRSPACE_TRACE_HOOKS_H
#define _AXADDRSPACE_TRACE_HOOKS_H

#ifdef __KERNEL__
#include "axaddrspace/trace.h"
#else
#include <linux/types.h>

struct axas;
struct axas_consumer;
struct axas_fault_info;
struct axas_inval;
struct axas_map_req;
struct axpt;

static inline void trace_axas_create(const struct axas *as)
{
}

static inline void trace_axas_destroy(const struct axas *as)
{
}

static inline void trace_axas_map(const struct axas *as,
				  const struct axas_map_req *r, int ret)
{
}

static inline void trace_axas_unmap(const struct axas *as, u64 gpa, u64 size,
				    u64 done, int ret)
{
}

static inline void trace_axas_protect(const struct axas *as, u64 gpa, u64 size,
				      u32 flags, u64 done, int ret)
{
}

static inline void trace_axas_fault(const struct axas *as, u64 gpa, u32 access,
				    const struct axas_fault_info *fi)
{
}

static inline void trace_axas_split(const struct axpt *pt, u64 gpa,
				    unsigned int level)
{
}

static inline void trace_axas_invalidate(const struct axas *as,
					 const struct axas_inval *inv)
{
}

static inline void trace_axas_attach(const struct axas *as,
				     const struct axas_consumer *c)
{
}

static inline void trace_axas_detach(const struct axas *as,
				     const struct axas_consumer *c)
{
}
#endif /* __KERNEL__ */

#endif /* _AXADDRSPACE_TRACE_HOOKS_H */
