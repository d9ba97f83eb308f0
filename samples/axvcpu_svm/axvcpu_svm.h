/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * axvcpu_svm: a sample consumer of axaddrspace that runs one AMD SVM vCPU
 * on the nested page table of an address space. Userspace ABI of
 * /dev/axvcpu_svm (the conventions of include/uapi/linux/axaddrspace.h:
 * every argument starts with its size, flags and reserved fields are 0).
 *
 * Each open file of /dev/axvcpu_svm is one vCPU. AXVCPU_SVM_IOC_BIND
 * attaches it to an address-space fd (AMD NPT only); AXVCPU_SVM_IOC_RUN
 * runs the guest until the next exit the VMM must see.
 */
#ifndef _UAPI_AXVCPU_SVM_H
#define _UAPI_AXVCPU_SVM_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * struct axvcpu_svm_bind - argument of AXVCPU_SVM_IOC_BIND
 * @size: in, sizeof(struct axvcpu_svm_bind).
 * @flags: in, must be 0.
 * @as_fd: in, an address-space fd of /dev/axaddrspace (AMD NPT).
 * @levels: out, NPT levels of the space (4 or 5).
 * @ncr3: out, the nested CR3 the vCPU runs with (0 without CAP_SYS_ADMIN).
 *
 * Errors: EBADF/EINVAL not an address-space fd, EOPNOTSUPP not AMD NPT or
 * an NPT depth the host's paging mode cannot walk (the NPT depth follows
 * the host's CR4.LA57), EBUSY already bound.
 */
struct axvcpu_svm_bind {
	__u32 size;
	__u32 flags;
	__s32 as_fd;
	__u32 levels;
	__aligned_u64 ncr3;
};

/**
 * struct axvcpu_svm_regs - the guest's general registers and entry state.
 * @gpr: RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8-R15 (instruction
 *	encoding order).
 * @rip: instruction pointer.
 * @rflags: flags (bit 1 is forced on).
 * @cr3: the guest's own 4-level page-table root (guest-physical), built
 *	by the VMM in guest memory; the guest runs in 64-bit long mode.
 */
struct axvcpu_svm_regs {
	__aligned_u64 gpr[16];
	__aligned_u64 rip;
	__aligned_u64 rflags;
	__aligned_u64 cr3;
};

/* struct axvcpu_svm_run.reason */
#define AXVCPU_EXIT_HLT		1	/* HLT; rip is past it */
#define AXVCPU_EXIT_IO		2	/* IN or OUT: port, width, write, data */
#define AXVCPU_EXIT_MMIO	3	/* a MOV to or from an MMIO area */
#define AXVCPU_EXIT_FAULT	4	/* a nested page fault the space refused */
#define AXVCPU_EXIT_SHUTDOWN	5	/* triple fault */
#define AXVCPU_EXIT_ERROR	6	/* anything else: see code, info1, info2 */

/* struct axvcpu_svm_run.flags */
#define AXVCPU_RUN_SET_REGS	0x1U	/* load @regs before running */

/**
 * struct axvcpu_svm_run - argument of AXVCPU_SVM_IOC_RUN
 * @size: in, sizeof(struct axvcpu_svm_run).
 * @flags: in, AXVCPU_RUN_*; the first run must set the registers.
 * @reason: out, AXVCPU_EXIT_*.
 * @width: out, IO and MMIO: access width in bytes (1, 2, 4 or 8).
 * @write: out, IO and MMIO: 1 for OUT or a store, 0 for IN or a load.
 * @port: out, IO: the port.
 * @fault: out, FAULT: the AXAS_FAULT_* result of axas_handle_fault();
 *	SPURIOUS when the CPU kept refusing an access the space allows
 *	(16 times in a row on one page: an entry the CPU and the space read
 *	differently).
 * @access: out, FAULT: the AXAS_PROT_* access that faulted.
 * @gpa: out, MMIO and FAULT: the guest-physical address.
 * @data: out, a write's value; in, on the run after an IN or a load, the
 *	value the guest reads (the vCPU completes the instruction with it).
 * @code: out, the SVM exit code of the exit (all reasons).
 * @info1: out, its EXITINFO1.
 * @info2: out, its EXITINFO2.
 * @regs: in with AXVCPU_RUN_SET_REGS; out, the guest's registers at the
 *	exit (rip past an emulated instruction).
 * @__reserved: must be 0.
 *
 * A FAULT exit leaves rip at the faulting instruction: running again
 * retries it (after AXAS_IOC_PROTECT, say). The call fails with EINTR
 * when a signal is pending (the guest was not at an exit: run again), and
 * with ENODEV once the space's owner went away (its last fd and mapping
 * closed), also for an exit that happened meanwhile.
 */
struct axvcpu_svm_run {
	__u32 size;
	__u32 flags;
	__u32 reason;
	__u32 width;
	__u32 write;
	__u32 port;
	__u32 fault;
	__u32 access;
	__aligned_u64 gpa;
	__aligned_u64 data;
	__aligned_u64 code;
	__aligned_u64 info1;
	__aligned_u64 info2;
	struct axvcpu_svm_regs regs;
	__aligned_u64 __reserved[2];
};

#define AXVCPU_SVM_IOC_MAGIC	0xE2
#define AXVCPU_SVM_IOC_BIND	_IO(AXVCPU_SVM_IOC_MAGIC, 0)
#define AXVCPU_SVM_IOC_RUN	_IO(AXVCPU_SVM_IOC_MAGIC, 1)

#endif /* _UAPI_AXVCPU_SVM_H */
