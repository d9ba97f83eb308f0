/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: trace events (the "axaddrspace" system in tracefs), in the
 * spirit of KVM's kvm_mmu_* events. Kernel only: the address-space layer
 * and the engine include axaddrspace/trace_hooks.h, which compiles them
 * away in the userspace build. Documentation/observability.rst lists the
 * events and their fields.
 *
 * Every event names its space by the physical address of the root table
 * (@root): the table a consumer loads, unique while the space lives.
 * Nothing is formatted when an event fires; TP_fast_assign() copies a few
 * integers and TP_printk() runs only when the buffer is read.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM axaddrspace

#if !defined(_AXADDRSPACE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _AXADDRSPACE_TRACE_H

#include <linux/tracepoint.h>
#include "axaddrspace/as.h"

#ifndef _AXADDRSPACE_TRACE_HELPERS
#define _AXADDRSPACE_TRACE_HELPERS
/* The span of an invalidation's ranges; [0, 0) when it is for all. */
static inline struct axas_range axas_inval_span(const struct axas_inval *inv)
{
	struct axas_range span = {};
	unsigned int i;

	for (i = 0; i < inv->nr; i++) {
		if (!i || inv->ranges[i].start < span.start)
			span.start = inv->ranges[i].start;
		if (!i || inv->ranges[i].end > span.end)
			span.end = inv->ranges[i].end;
	}
	return span;
}
#endif

#define axas_show_format(f)						\
	__print_symbolic(f,						\
			 { AXAS_FORMAT_INTEL_EPT, "intel-ept" },	\
			 { AXAS_FORMAT_AMD_NPT, "amd-npt" },		\
			 { AXAS_FORMAT_ARM_S2, "arm-stage2" },		\
			 { AXAS_FORMAT_RISCV_G, "riscv-gstage" })

#define axas_show_prot(p)						\
	__print_flags(p, "",						\
		      { AXAS_PROT_READ, "r" },				\
		      { AXAS_PROT_WRITE, "w" },				\
		      { AXAS_PROT_EXEC, "x" })

#define axas_show_mem(m)						\
	__print_symbolic(m,						\
			 { AXAS_MEM_WB, "wb" },				\
			 { AXAS_MEM_NC, "nc" },				\
			 { AXAS_MEM_DEVICE, "device" })

#define axas_show_backend(b)						\
	__print_symbolic(b,						\
			 { AXAS_BACKEND_LINEAR, "linear" },		\
			 { AXAS_BACKEND_ALLOC, "alloc" },		\
			 { AXAS_BACKEND_MMIO, "mmio" })

#define axas_show_result(r)						\
	__print_symbolic(r,						\
			 { AXAS_FAULT_MAPPED, "MAPPED" },		\
			 { AXAS_FAULT_SPURIOUS, "SPURIOUS" },		\
			 { AXAS_FAULT_MMIO, "MMIO" },			\
			 { AXAS_FAULT_PERMISSION, "PERMISSION" },	\
			 { AXAS_FAULT_NO_AREA, "NO_AREA" },		\
			 { AXAS_FAULT_OUT_OF_RANGE, "OUT_OF_RANGE" },	\
			 { AXAS_FAULT_NOMEM, "NOMEM" },			\
			 { AXAS_FAULT_INVALID, "INVALID" })

/* A space was created (axas_create()): its format, geometry and range. */
TRACE_EVENT(axas_create,
	    TP_PROTO(const struct axas *as),
	    TP_ARGS(as),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, base)
			     __field(u64, size)
			     __field(u32, format)
			     __field(u8, levels)
			     __field(u8, ias)
			     __field(u8, oas)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->base = as->base;
			   __entry->size = as->size;
			   __entry->format = as->pt.fmt->id;
			   __entry->levels = as->pt.levels;
			   __entry->ias = as->pt.ias;
			   __entry->oas = as->pt.oas;
	    ),
	    TP_printk("root=0x%llx format=%s levels=%u ias=%u oas=%u base=0x%llx size=0x%llx",
		      __entry->root, axas_show_format(__entry->format),
		      __entry->levels, __entry->ias, __entry->oas, __entry->base,
		      __entry->size)
);

/* The last reference went: every frame, table and area is freed. */
TRACE_EVENT(axas_destroy,
	    TP_PROTO(const struct axas *as),
	    TP_ARGS(as),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, base)
			     __field(u64, size)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->base = as->base;
			   __entry->size = as->size;
	    ),
	    TP_printk("root=0x%llx base=0x%llx size=0x%llx",
		      __entry->root, __entry->base, __entry->size)
);

/* One new area, or a failed attempt (@ret); vectors emit one per entry. */
TRACE_EVENT(axas_map,
	    TP_PROTO(const struct axas *as, const struct axas_map_req *r, int ret),
	    TP_ARGS(as, r, ret),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, gpa)
			     __field(u64, size)
			     __field(u64, hpa)
			     __field(u32, prot)
			     __field(u32, mem)
			     __field(u8, backend)
			     __field(bool, populate)
			     __field(int, ret)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->gpa = r->gpa;
			   __entry->size = r->size;
			   __entry->hpa = r->hpa;
			   __entry->prot = AXPT_ATTR_PROT(r->flags);
			   __entry->mem = AXPT_ATTR_MEM(r->flags);
			   __entry->backend = r->backend;
			   __entry->populate = r->populate;
			   __entry->ret = ret;
	    ),
	    TP_printk("root=0x%llx gpa=0x%llx size=0x%llx backend=%s hpa=0x%llx prot=%s mem=%s populate=%d ret=%d",
		      __entry->root, __entry->gpa, __entry->size,
		      axas_show_backend(__entry->backend), __entry->hpa,
		      axas_show_prot(__entry->prot), axas_show_mem(__entry->mem),
		      __entry->populate, __entry->ret)
);

/* One range unmapped: @done bytes from @gpa (less than @size on error). */
TRACE_EVENT(axas_unmap,
	    TP_PROTO(const struct axas *as, u64 gpa, u64 size, u64 done, int ret),
	    TP_ARGS(as, gpa, size, done, ret),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, gpa)
			     __field(u64, size)
			     __field(u64, done)
			     __field(int, ret)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->gpa = gpa;
			   __entry->size = size;
			   __entry->done = done;
			   __entry->ret = ret;
	    ),
	    TP_printk("root=0x%llx gpa=0x%llx size=0x%llx done=0x%llx ret=%d",
		      __entry->root, __entry->gpa, __entry->size, __entry->done,
		      __entry->ret)
);

/* One range given new attributes: @done bytes from @gpa. */
TRACE_EVENT(axas_protect,
	    TP_PROTO(const struct axas *as, u64 gpa, u64 size, u32 flags, u64 done,
		     int ret),
	    TP_ARGS(as, gpa, size, flags, done, ret),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, gpa)
			     __field(u64, size)
			     __field(u64, done)
			     __field(u32, prot)
			     __field(u32, mem)
			     __field(int, ret)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->gpa = gpa;
			   __entry->size = size;
			   __entry->done = done;
			   __entry->prot = AXPT_ATTR_PROT(flags);
			   __entry->mem = AXPT_ATTR_MEM(flags);
			   __entry->ret = ret;
	    ),
	    TP_printk("root=0x%llx gpa=0x%llx size=0x%llx prot=%s mem=%s done=0x%llx ret=%d",
		      __entry->root, __entry->gpa, __entry->size,
		      axas_show_prot(__entry->prot), axas_show_mem(__entry->mem),
		      __entry->done, __entry->ret)
);

/* A nested page fault handled (axas_handle_fault()) and its result. */
TRACE_EVENT(axas_fault,
	    TP_PROTO(const struct axas *as, u64 gpa, u32 access,
		     const struct axas_fault_info *fi),
	    TP_ARGS(as, gpa, access, fi),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, gpa)
			     __field(u64, hpa)
			     __field(u32, access)
			     __field(u32, result)
			     __field(u32, level)
			     __field(u32, flags)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->gpa = gpa;
			   __entry->hpa = fi->hpa;
			   __entry->access = access;
			   __entry->result = fi->result;
			   __entry->level = fi->level;
			   __entry->flags = fi->flags;
	    ),
	    TP_printk("root=0x%llx gpa=0x%llx access=%s result=%s level=%u hpa=0x%llx flags=0x%x",
		      __entry->root, __entry->gpa, axas_show_prot(__entry->access),
		      axas_show_result(__entry->result), __entry->level,
		      __entry->hpa, __entry->flags)
);

/* The engine replaced a 2 MiB or 1 GiB leaf by a table of smaller ones. */
TRACE_EVENT(axas_split,
	    TP_PROTO(const struct axpt *pt, u64 gpa, unsigned int level),
	    TP_ARGS(pt, gpa, level),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, gpa)
			     __field(u64, size)
			     __field(u32, level)
	    ),
	    TP_fast_assign(__entry->root = pt->root_pa;
			   __entry->gpa = gpa;
			   __entry->size = 1ULL << axpt_level_shift(level);
			   __entry->level = level;
	    ),
	    TP_printk("root=0x%llx gpa=0x%llx level=%u size=0x%llx",
		      __entry->root, __entry->gpa, __entry->level, __entry->size)
);

/*
 * One round of consumer invalidation: the span of the ranges (or all),
 * whether paging-structure caches were included, how many consumers.
 */
TRACE_EVENT(axas_invalidate,
	    TP_PROTO(const struct axas *as, const struct axas_inval *inv),
	    TP_ARGS(as, inv),
	    TP_STRUCT__entry(__field(u64, root)
			     __field(u64, start)
			     __field(u64, end)
			     __field(u32, nr)
			     __field(u32, consumers)
			     __field(bool, all)
			     __field(bool, tables)
	    ),
	    TP_fast_assign(__entry->root = as->pt.root_pa;
			   __entry->start = axas_inval_span(inv).start;
			   __entry->end = axas_inval_span(inv).end;
			   __entry->nr = inv->nr;
			   __entry->consumers = as->nr_consumers;
			   __entry->all = inv->all;
			   __entry->tables = inv->tables;
	    ),
	    TP_printk("root=0x%llx all=%d start=0x%llx end=0x%llx nr=%u tables=%d consumers=%u",
		      __entry->root, __entry->all, __entry->start, __entry->end,
		      __entry->nr, __entry->tables, __entry->consumers)
);

/* Consumer attach and detach; @consumers counts after the change. */
DECLARE_EVENT_CLASS(axas_consumer_class,
		    TP_PROTO(const struct axas *as, const struct axas_consumer *c),
		    TP_ARGS(as, c),
		    TP_STRUCT__entry(__field(u64, root)
				     __field(const void *, consumer)
				     __field(u32, consumers)
		    ),
		    TP_fast_assign(__entry->root = as->pt.root_pa;
				   __entry->consumer = c;
				   __entry->consumers = as->nr_consumers;
		    ),
		    TP_printk("root=0x%llx consumer=%p consumers=%u",
			      __entry->root, __entry->consumer, __entry->consumers)
);

DEFINE_EVENT(axas_consumer_class, axas_attach,
	     TP_PROTO(const struct axas *as, const struct axas_consumer *c),
	     TP_ARGS(as, c)
);

DEFINE_EVENT(axas_consumer_class, axas_detach,
	     TP_PROTO(const struct axas *as, const struct axas_consumer *c),
	     TP_ARGS(as, c)
);

#endif /* _AXADDRSPACE_TRACE_H */

/* This part must be outside the multi-read protection. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH axaddrspace
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
