/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * axaddrspace: second-stage address spaces for userspace VMMs.
 *
 * Userspace ABI of /dev/axaddrspace. Every ioctl argument starts with a
 * __u32 size that userspace sets to the size of the structure it was built
 * with; the kernel accepts older (shorter) and newer (longer) layouts as long
 * as the bytes it does not know about are zero. Fields marked "in" are read,
 * fields marked "out" are written by the kernel; reserved fields and unknown
 * flags must be zero.
 */
#ifndef _UAPI_LINUX_AXADDRSPACE_H
#define _UAPI_LINUX_AXADDRSPACE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define AXAS_ABI_VERSION	1

/* Second-stage page-table formats. */
#define AXAS_FORMAT_INTEL_EPT	1
#define AXAS_FORMAT_AMD_NPT	2
#define AXAS_FORMAT_ARM_S2	3
#define AXAS_FORMAT_RISCV_G	4

/* Access permissions of a mapping. */
#define AXAS_PROT_READ		1
#define AXAS_PROT_WRITE		2
#define AXAS_PROT_EXEC		4

/* Memory types of a mapping. */
#define AXAS_MEM_WB		0
#define AXAS_MEM_NC		1
#define AXAS_MEM_DEVICE		2

/* Area backends. */
#define AXAS_BACKEND_LINEAR	1	/* GPA -> HPA at a fixed offset */
#define AXAS_BACKEND_ALLOC	2	/* zeroed frames from the module */
#define AXAS_BACKEND_MMIO	3	/* never backed: device accesses */

/* Results of a nested page fault. */
#define AXAS_FAULT_MAPPED	1	/* a frame was mapped now */
#define AXAS_FAULT_SPURIOUS	2	/* already mapped and allowed */
#define AXAS_FAULT_MMIO		3	/* a device access: emulate it */
#define AXAS_FAULT_PERMISSION	4	/* the area forbids this access */
#define AXAS_FAULT_NO_AREA	5	/* no area at this address */
#define AXAS_FAULT_OUT_OF_RANGE	6	/* outside the address space */
#define AXAS_FAULT_NOMEM	7	/* no frame could be allocated */
#define AXAS_FAULT_INVALID	8	/* an entry the format cannot decode */
#define AXAS_FAULT_NR		9	/* one more than the largest result */

/**
 * struct axas_format_info - what the module supports for one format
 * @format: out, one of AXAS_FORMAT_*
 * @levels: out, bit n is set if tables with n levels are supported
 * @min_ias_bits: out, smallest supported input (guest-physical) address size
 * @max_ias_bits: out, largest supported input (guest-physical) address size
 */
struct axas_format_info {
	__u32 format;
	__u32 levels;
	__u32 min_ias_bits;
	__u32 max_ias_bits;
};

/**
 * struct axas_info - argument of AXAS_IOC_GET_INFO
 * @size: in, sizeof(struct axas_info)
 * @flags: in, must be 0
 * @abi_version: out, AXAS_ABI_VERSION
 * @num_formats: in, number of entries @formats can hold;
 *               out, number of supported formats
 * @formats: in, user pointer to an array of struct axas_format_info
 * @__reserved: must be 0
 *
 * With an in @num_formats of 0 only the count is returned and @formats is
 * not used. Otherwise all supported formats are written to @formats, or, if
 * the array is too small, nothing is and the ioctl fails with EMSGSIZE after
 * still writing @abi_version and @num_formats.
 */
struct axas_info {
	__u32 size;
	__u32 flags;
	__u32 abi_version;
	__u32 num_formats;
	__aligned_u64 formats;
	__u32 __reserved[2];
};

#define AXAS_IOC_MAGIC		0xBA
#define AXAS_IOC_GET_INFO	_IO(AXAS_IOC_MAGIC, 0x00)

#endif /* _UAPI_LINUX_AXADDRSPACE_H */
