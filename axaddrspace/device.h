/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device address types a VMM's device emulation needs: the width of an
 * access, x86 I/O ports and Arm system registers, each with an inclusive
 * range type (a range that ends at the last port 0xffff must be sayable).
 */
#ifndef AXADDRSPACE_DEVICE_H
#define AXADDRSPACE_DEVICE_H

#include <linux/errno.h>
#include <linux/types.h>

/* Width of a device access in bytes. */
enum axas_access_width {
	AXAS_WIDTH_BYTE = 1,
	AXAS_WIDTH_WORD = 2,
	AXAS_WIDTH_DWORD = 4,
	AXAS_WIDTH_QWORD = 8,
};

/**
 * axas_access_width_from_size() - the width of a @size-byte access.
 * @size: 1, 2, 4 or 8.
 * @w: the width.
 *
 * Return: 0 or -EINVAL for any other size.
 */
static inline int axas_access_width_from_size(unsigned int size,
					      enum axas_access_width *w)
{
	switch (size) {
	case 1:
	case 2:
	case 4:
	case 8:
		*w = (enum axas_access_width)size;
		return 0;
	default:
		return -EINVAL;
	}
}

/* An x86 I/O port and an inclusive range of them. */
struct axas_port {
	u16 number;
};

struct axas_port_range {
	struct axas_port first;
	struct axas_port last;
};

/**
 * axas_port_range_init() - build an inclusive port range.
 * @r: the range.
 * @first: first port.
 * @last: last port, not below @first.
 *
 * Return: 0 or -EINVAL.
 */
static inline int axas_port_range_init(struct axas_port_range *r, u16 first,
				       u16 last)
{
	if (last < first)
		return -EINVAL;
	r->first.number = first;
	r->last.number = last;
	return 0;
}

static inline bool axas_port_range_contains(const struct axas_port_range *r,
					    struct axas_port p)
{
	return p.number >= r->first.number && p.number <= r->last.number;
}

/*
 * An Arm system register, encoded as in the ISS of an ESR_EL2 trap of
 * MSR/MRS (EC 0x18): Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] CRm[4:1].
 */
struct axas_sysreg {
	u32 addr;
};

#define AXAS_SYSREG_OP0_SHIFT	20
#define AXAS_SYSREG_OP2_SHIFT	17
#define AXAS_SYSREG_OP1_SHIFT	14
#define AXAS_SYSREG_CRN_SHIFT	10
#define AXAS_SYSREG_CRM_SHIFT	1
#define AXAS_SYSREG_MASK	0x3ffc1eU

/**
 * axas_sysreg_encode() - the system register op0, op1, CRn, CRm, op2.
 * @op0: 0-3.
 * @op1: 0-7.
 * @crn: 0-15.
 * @crm: 0-15.
 * @op2: 0-7.
 * @reg: the register.
 *
 * Return: 0 or -EINVAL if a field is out of range.
 */
static inline int axas_sysreg_encode(u32 op0, u32 op1, u32 crn, u32 crm,
				     u32 op2, struct axas_sysreg *reg)
{
	if (op0 > 3 || op1 > 7 || crn > 15 || crm > 15 || op2 > 7)
		return -EINVAL;
	reg->addr = op0 << AXAS_SYSREG_OP0_SHIFT | op2 << AXAS_SYSREG_OP2_SHIFT |
		    op1 << AXAS_SYSREG_OP1_SHIFT | crn << AXAS_SYSREG_CRN_SHIFT |
		    crm << AXAS_SYSREG_CRM_SHIFT;
	return 0;
}

struct axas_sysreg_range {
	struct axas_sysreg first;
	struct axas_sysreg last;
};

/**
 * axas_sysreg_range_init() - build an inclusive system register range.
 * @r: the range.
 * @first: first register.
 * @last: last register, not below @first.
 *
 * Return: 0 or -EINVAL (also for bits outside the ISS fields).
 */
static inline int axas_sysreg_range_init(struct axas_sysreg_range *r,
					 struct axas_sysreg first,
					 struct axas_sysreg last)
{
	if ((first.addr | last.addr) & ~AXAS_SYSREG_MASK || last.addr < first.addr)
		return -EINVAL;
	r->first = first;
	r->last = last;
	return 0;
}

static inline bool axas_sysreg_range_contains(const struct axas_sysreg_range *r,
					      struct axas_sysreg reg)
{
	return reg.addr >= r->first.addr && reg.addr <= r->last.addr;
}

#endif /* AXADDRSPACE_DEVICE_H */
