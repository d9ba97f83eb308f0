/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: the in-kernel API for consumers of an address space.
 *
 * A userspace VMM builds and changes a space through its fd; it cannot
 * load the space's root into the hardware. A consumer (a vCPU runner,
 * another hypervisor module) can: it takes a reference to the space,
 * attaches with its callbacks, reads the root register values, loads them
 * and runs guests on the tables. Before the space frees anything a
 * hardware walker may still reach (a data frame, a table page) or writes
 * a new entry where the architecture requires break-before-make, it calls
 * every attached consumer's invalidate callback and waits for it.
 *
 * The consumer contract (Documentation/address-space.rst, "Consumers"):
 *  - invalidate() is called in process context with the space's lock held
 *    for write; it may sleep. When it returns, no TLB or paging-structure
 *    cache of the consumer's hardware holds a translation of the ranges it
 *    was given (of everything with @all; paging-structure caches included
 *    with @tables). It must not call back into the space.
 *  - release() is called once when the space's owner goes away (the last
 *    fd is closed): the space is then emptied (the consumer's invalidate
 *    is called for that first) and refuses new mappings. The consumer
 *    should stop its guests and detach; it may do so from release().
 *  - A consumer detaches only when its hardware no longer uses the root.
 */
#ifndef _LINUX_AXADDRSPACE_H
#define _LINUX_AXADDRSPACE_H

#include <linux/list.h>
#include <linux/types.h>

struct axas;
struct axas_consumer;
struct iov_iter;

/*
 * A guest-physical address: a type of its own for sparse, so that guest
 * and host addresses cannot be mixed up without a conversion.
 */
typedef u64 __bitwise axas_gpa_t;

static inline axas_gpa_t axas_gpa(u64 v)
{
	return (__force axas_gpa_t)v;
}

static inline u64 axas_gpa_val(axas_gpa_t a)
{
	return (__force u64)a;
}

/**
 * struct axas_range - guest-physical addresses [@start, @end).
 * @start: first address.
 * @end: end, exclusive.
 */
struct axas_range {
	u64 start;
	u64 end;
};

/**
 * struct axas_inval - what a consumer must invalidate.
 * @all: everything (then @nr is 0).
 * @tables: paging-structure caches too (a table page was unlinked), not
 *	only last-level translations.
 * @nr: number of @ranges.
 * @ranges: disjoint guest-physical ranges, in the order they changed.
 */
struct axas_inval {
	bool all;
	bool tables;
	unsigned int nr;
	const struct axas_range *ranges;
};

/**
 * struct axas_consumer_ops - a consumer's callbacks.
 * @invalidate: see the consumer contract (the comment at the top of
 *	this header; Documentation/address-space.rst, "Consumers"); required.
 * @release: the space's owner went away; optional.
 */
struct axas_consumer_ops {
	void (*invalidate)(struct axas_consumer *c, const struct axas_inval *inv);
	void (*release)(struct axas_consumer *c);
};

/**
 * struct axas_consumer - one consumer of a space, embedded in the
 *	consumer's own structure.
 * @ops: set by the consumer before attaching.
 * @as: the space while attached; set by axas_consumer_attach().
 * @node: in the space's list of consumers; the space's.
 * @released: release() was called; the space's.
 */
struct axas_consumer {
	const struct axas_consumer_ops *ops;
	struct axas *as;
	struct list_head node;
	bool released;
};

/**
 * struct axas_root_regs - what to load into the hardware.
 * @format: AXAS_FORMAT_*.
 * @value: EPTP, nCR3, VTTBR_EL2 (VMID 0) or hgatp (VMID 0).
 * @vtcr: Arm stage 2 only: the VTCR_EL2 fields that go with @value.
 * @levels: the table's depth. Hardware whose walk depth is not in @value
 *	(AMD NPT follows the host's paging mode) must check it.
 */
struct axas_root_regs {
	u32 format;
	u64 value;
	u64 vtcr;
	u32 levels;
};

/**
 * struct axas_fault_info - the result of a nested page fault.
 * @result: AXAS_FAULT_*.
 * @flags: AXAS_FAULT_F_*.
 * @hpa: MAPPED, SPURIOUS: the host address of the faulting GPA.
 * @level: MAPPED, SPURIOUS: 0 (4 KiB), 1 (2 MiB) or 2 (1 GiB).
 * @area_start: MMIO, PERMISSION, MAPPED, SPURIOUS: the area.
 * @area_size: its size.
 * @area_flags: its flags.
 * @area_backend: its AXAS_BACKEND_*.
 */
struct axas_fault_info {
	u32 result;
	u32 flags;
	u32 level;
	u64 hpa;
	u64 area_start;
	u64 area_size;
	u32 area_flags;
	u32 area_backend;
};

struct axas *axas_get(struct axas *as);
struct axas *axas_get_by_fd(int fd);
void axas_put(struct axas *as);
int axas_consumer_attach(struct axas *as, struct axas_consumer *c);
void axas_consumer_detach(struct axas_consumer *c);
void axas_root_regs(struct axas *as, struct axas_root_regs *out);
int axas_handle_fault(struct axas *as, axas_gpa_t gpa, u32 access,
		      struct axas_fault_info *out);
int axas_read(struct axas *as, axas_gpa_t gpa, struct iov_iter *to,
	      size_t *done);
int axas_write(struct axas *as, axas_gpa_t gpa, struct iov_iter *from,
	       size_t *done);

#endif /* _LINUX_AXADDRSPACE_H */
