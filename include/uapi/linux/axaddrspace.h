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

#endif /* _UAPI_LINUX_AXADDRSPACE_H */
