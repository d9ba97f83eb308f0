/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * axaddrspace: second-stage address spaces for userspace VMMs.
 * (Engine constants only; the device ABI lands with the pipeline branch.)
 */
#ifndef _UAPI_LINUX_AXADDRSPACE_H
#define _UAPI_LINUX_AXADDRSPACE_H

#include <linux/types.h>

#define AXAS_FORMAT_INTEL_EPT	1
#define AXAS_FORMAT_AMD_NPT	2
#define AXAS_FORMAT_ARM_S2	3
#define AXAS_FORMAT_RISCV_G	4

#define AXAS_PROT_READ		1
#define AXAS_PROT_WRITE		2
#define AXAS_PROT_EXEC		4

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

#endif /* _UAPI_LINUX_AXADDRSPACE_H */
