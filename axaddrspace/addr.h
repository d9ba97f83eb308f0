/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address types that sparse keeps apart: guest physical, guest virtual,
 * host physical and host virtual addresses are __bitwise, so mixing them
 * (or using one as a plain integer) without an explicit conversion is a
 * sparse warning. Ranges are half-open [start, start + size) and their
 * constructors refuse a start + size that wraps.
 */
#ifndef AXADDRSPACE_ADDR_H
#define AXADDRSPACE_ADDR_H

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/axaddrspace.h>	/* axas_gpa_t, part of the consumer API */

typedef u64 __bitwise axas_gva_t;	/* guest virtual */
typedef u64 __bitwise axas_hpa_t;	/* host physical */
typedef unsigned long __bitwise axas_hva_t;	/* host virtual */

/* Explicit conversions, the only way in and out of the address types. */
static inline axas_gva_t axas_gva(u64 v)
{
	return (__force axas_gva_t)v;
}

static inline u64 axas_gva_val(axas_gva_t a)
{
	return (__force u64)a;
}

static inline axas_hpa_t axas_hpa(u64 v)
{
	return (__force axas_hpa_t)v;
}

static inline u64 axas_hpa_val(axas_hpa_t a)
{
	return (__force u64)a;
}

static inline axas_hva_t axas_hva(unsigned long v)
{
	return (__force axas_hva_t)v;
}

static inline unsigned long axas_hva_val(axas_hva_t a)
{
	return (__force unsigned long)a;
}

/**
 * struct axas_gpa_range - a half-open guest-physical range.
 * @start: first address.
 * @size: length in bytes; start + size does not wrap.
 */
struct axas_gpa_range {
	axas_gpa_t start;
	u64 size;
};

/**
 * axas_gpa_range_init() - build a range, refusing one that wraps.
 * @r: the range to fill.
 * @start: first address.
 * @size: length in bytes.
 *
 * Return: 0 or -EOVERFLOW.
 */
static inline int axas_gpa_range_init(struct axas_gpa_range *r,
				      axas_gpa_t start, u64 size)
{
	u64 end;

	if (check_add_overflow(axas_gpa_val(start), size, &end))
		return -EOVERFLOW;
	r->start = start;
	r->size = size;
	return 0;
}

/* First address past the range. */
static inline u64 axas_gpa_range_end(const struct axas_gpa_range *r)
{
	return axas_gpa_val(r->start) + r->size;
}

static inline bool axas_gpa_range_contains(const struct axas_gpa_range *r,
					   axas_gpa_t a)
{
	return axas_gpa_val(a) >= axas_gpa_val(r->start) &&
	       axas_gpa_val(a) - axas_gpa_val(r->start) < r->size;
}

/* Is @in entirely inside @r? (An empty @in is inside if it starts inside.) */
static inline bool axas_gpa_range_contains_range(const struct axas_gpa_range *r,
						 const struct axas_gpa_range *in)
{
	return axas_gpa_val(in->start) >= axas_gpa_val(r->start) &&
	       axas_gpa_range_end(in) <= axas_gpa_range_end(r);
}

static inline bool axas_gpa_range_overlaps(const struct axas_gpa_range *a,
					   const struct axas_gpa_range *b)
{
	return a->size && b->size &&
	       axas_gpa_val(a->start) < axas_gpa_range_end(b) &&
	       axas_gpa_val(b->start) < axas_gpa_range_end(a);
}

#endif /* AXADDRSPACE_ADDR_H */
