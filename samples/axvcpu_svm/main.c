// SPDX-License-Identifier: GPL-2.0
/*
 * axvcpu_svm: a sample consumer of axaddrspace. It runs an AMD SVM vCPU
 * whose nested page table is an axaddrspace address space, using only the
 * exported consumer API (include/linux/axaddrspace.h):
 *
 *  - /dev/axvcpu_svm (0600): each open file is one vCPU;
 *    AXVCPU_SVM_IOC_BIND takes an address-space fd, AXVCPU_SVM_IOC_RUN
 *    runs the guest (64-bit long mode, the guest's own page tables) and
 *    returns one exit at a time (samples/axvcpu_svm/axvcpu_svm.h).
 *  - Nested page faults go to axas_handle_fault(): MAPPED and SPURIOUS
 *    resume the guest, MMIO is decoded into an MMIO exit, everything else
 *    is a FAULT exit with the result.
 *
 * TLB protocol (Documentation/sample-consumer.rst). Every vCPU uses ASID 1
 * and VMRUN flushes that ASID (TLB_CONTROL) whenever the vCPU ran
 * elsewhere, another vCPU ran on this CPU since, or an invalidation came
 * in. A vCPU is in the guest only inside axv_enter(), under its @hw_lock.
 * The invalidate callback raises @kick, interrupts the vCPU's CPU (the
 * guest exits on the physical interrupt: INTR is intercepted), takes
 * @hw_lock (so the vCPU is out of VMRUN and cannot re-enter: axv_enter()
 * backs off while @kick is raised), marks the flush and returns. The
 * space frees nothing before that, and nothing the freed frames held can
 * be reached: the guest's next VMRUN flushes its ASID first, and no other
 * context uses ASID 1 without flushing it. axv_enter() never calls into
 * the space with @hw_lock held (invalidate holds the space's lock while
 * it waits for @hw_lock).
 *
 * SVM state: EFER.SVME and the host save area are set on the current CPU
 * only around each VMRUN, with interrupts off, and restored before the
 * CPU takes an interrupt again; no CPU is left with SVME set. A CPU where
 * someone else (kvm_amd) already set SVME is refused (EBUSY).
 *
 * A sample, not a hypervisor: no speculation barriers on entry and exit,
 * no FPU, XSAVE, MSR or CPUID state for the guest (MSR accesses, XSETBV
 * and the SVM instructions are intercepted and end the run).
 */
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <asm/cpufeature.h>
#include <asm/debugreg.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/svm.h>
#include <uapi/linux/axaddrspace.h>
#include "axvcpu.h"
#include "axvcpu_svm.h"

#define AXV_ASID		1
/* SPURIOUS faults in a row on one page before the VMM is told. */
#define AXV_SPURIOUS_MAX	16

/* NPF EXITINFO1 (AMD64 APM vol. 2, "Nested versus Guest Page Faults"). */
#define AXV_NPF_W		BIT_ULL(1)
#define AXV_NPF_ID		BIT_ULL(4)
#define AXV_NPF_TABLES		BIT_ULL(33)

/* Guest page-table bits. */
#define AXV_PTE_P		BIT_ULL(0)
#define AXV_PTE_PS		BIT_ULL(7)
#define AXV_PTE_ADDR		GENMASK_ULL(51, 12)

/* What the next run completes before entering the guest. */
enum axv_pending {
	AXV_PEND_NONE,
	AXV_PEND_IN,		/* IN: data into RAX */
	AXV_PEND_LOAD,		/* MMIO load: data into a register */
};

/**
 * struct axv_vcpu - one vCPU (one open file of /dev/axvcpu_svm).
 * @c: the consumer attached to @as.
 * @as: the bound space, with a reference; NULL before AXVCPU_SVM_IOC_BIND.
 * @vmcb: the VMCB.
 * @hsave: the host save area, loaded into VM_HSAVE_PA around each VMRUN.
 * @iopm: the I/O permission map, all ones: every port access exits.
 * @msrpm: the MSR permission map, all ones: every MSR access exits.
 * @gpr: the guest's registers, encoding order (RAX and RSP are copied to
 *	and from the VMCB around VMRUN).
 * @id: a number no other vCPU of this module load has: the per-CPU record
 *	of the vCPU that ran last.
 * @regs_set: the guest state was loaded (AXVCPU_RUN_SET_REGS).
 * @run_lock: one run (or bind) at a time.
 * @hw_lock: held while the vCPU may be in VMRUN; see the TLB protocol.
 * @flush: flush the ASID at the next VMRUN; under @hw_lock.
 * @last_cpu: where the vCPU ran last; under @hw_lock.
 * @running_cpu: the CPU in axv_enter(), or -1.
 * @kick: invalidations waiting for @hw_lock.
 * @kick_wq: axv_enter() waits here while @kick is raised.
 * @released: the space's owner went away.
 * @pend: enum axv_pending.
 * @pend_insn: AXV_PEND_LOAD: the instruction.
 * @pend_width: AXV_PEND_IN: the width.
 * @pend_rip: the RIP after the pending instruction.
 * @spurious_gpa: the page of the last SPURIOUS fault.
 * @spurious_n: SPURIOUS faults in a row on it: a translation the space
 *	calls valid and the CPU keeps refusing (an entry the CPU reads
 *	otherwise than the format's decoder) ends the run instead of
 *	looping.
 */
struct axv_vcpu {
	struct axas_consumer c;
	struct axas *as;
	struct vmcb *vmcb;
	void *hsave;
	void *iopm;
	void *msrpm;
	u64 gpr[AXV_NR_GPR];
	u64 id;
	bool regs_set;
	struct mutex run_lock;		/* one run or bind at a time */
	struct mutex hw_lock;		/* the vCPU may be in VMRUN */
	bool flush;
	int last_cpu;
	int running_cpu;
	atomic_t kick;
	wait_queue_head_t kick_wq;
	bool released;
	enum axv_pending pend;
	struct axv_insn pend_insn;
	unsigned int pend_width;
	u64 pend_rip;
	u64 spurious_gpa;
	unsigned int spurious_n;
};

static DEFINE_PER_CPU(u64, axv_last_vcpu);
static atomic64_t axv_next_id = ATOMIC64_INIT(0);
static bool axv_flush_by_asid;

/* ------------------------------------------------------- the consumer */

static void axv_kick_nop(void *unused)
{
}

/*
 * The space is about to free or change translations: get the vCPU out of
 * VMRUN (an interrupt makes it exit), wait until it is out, and make its
 * next VMRUN flush the ASID.
 */
static void axv_invalidate(struct axas_consumer *c, const struct axas_inval *inv)
{
	struct axv_vcpu *v = container_of(c, struct axv_vcpu, c);
	int cpu;

	atomic_inc(&v->kick);
	smp_mb__after_atomic();	/* kick before running_cpu; see axv_enter() */
	cpu = READ_ONCE(v->running_cpu);
	if (cpu >= 0)
		smp_call_function_single(cpu, axv_kick_nop, NULL, 0);
	mutex_lock(&v->hw_lock);
	v->flush = true;
	mutex_unlock(&v->hw_lock);
	if (atomic_dec_and_test(&v->kick))
		wake_up_all(&v->kick_wq);
}

static void axv_release(struct axas_consumer *c)
{
	struct axv_vcpu *v = container_of(c, struct axv_vcpu, c);

	/* The vCPU's file detaches; the run loop stops at its next exit. */
	WRITE_ONCE(v->released, true);
}

static const struct axas_consumer_ops axv_consumer_ops = {
	.invalidate = axv_invalidate,
	.release = axv_release,
};

/* ---------------------------------------------------------- VMRUN */

static __always_inline void axv_clgi(void)
{
	asm volatile("clgi" : : : "memory");
}

static __always_inline void axv_stgi(void)
{
	asm volatile("stgi" : : : "memory");
}

static unsigned int axv_host_levels(void)
{
	return native_read_cr4() & X86_CR4_LA57 ? 5 : 4;
}

static void axv_vmcb_init(struct axv_vcpu *v, u64 ncr3)
{
	struct vmcb_control_area *c = &v->vmcb->control;
	struct vmcb_save_area *s = &v->vmcb->save;
	const struct vmcb_seg cs = { .selector = 8, .attrib = 0xa9b, .limit = 0xffffffff };
	const struct vmcb_seg ds = { .selector = 16, .attrib = 0xc93, .limit = 0xffffffff };
	static const unsigned int icpt[] = {
		INTERCEPT_INTR, INTERCEPT_NMI, INTERCEPT_SMI, INTERCEPT_INIT,
		INTERCEPT_HLT, INTERCEPT_IOIO_PROT, INTERCEPT_MSR_PROT,
		INTERCEPT_SHUTDOWN, INTERCEPT_TASK_SWITCH, INTERCEPT_INVLPGA,
		INTERCEPT_FERR_FREEZE, INTERCEPT_VMRUN, INTERCEPT_VMMCALL,
		INTERCEPT_VMLOAD, INTERCEPT_VMSAVE, INTERCEPT_STGI,
		INTERCEPT_CLGI, INTERCEPT_SKINIT, INTERCEPT_MONITOR,
		INTERCEPT_MWAIT, INTERCEPT_XSETBV,
	};
	unsigned int i;

	memset(v->vmcb, 0, PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(icpt); i++)
		__set_bit(icpt[i], (unsigned long *)c->intercepts);
	c->iopm_base_pa = virt_to_phys(v->iopm);
	c->msrpm_base_pa = virt_to_phys(v->msrpm);
	c->asid = AXV_ASID;
	/* Physical interrupts follow the host's IF, which is set in VMRUN. */
	c->int_ctl = V_INTR_MASKING_MASK;
	c->nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
	c->nested_cr3 = ncr3;

	s->cs = cs;
	s->ds = ds;
	s->es = ds;
	s->ss = ds;
	s->efer = EFER_SVME | EFER_LME | EFER_LMA;
	s->cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_PG;
	s->cr4 = X86_CR4_PAE;
	s->dr6 = 0xffff0ff0;
	s->dr7 = 0x400;
	s->rflags = X86_EFLAGS_FIXED;
	s->g_pat = 0x0007040600070406ULL;
}

/*
 * One VMRUN. Returns 0 after an exit, -EAGAIN when an invalidation is
 * waiting (the caller lets it through and comes back), -EBUSY when SVM
 * is in use on this CPU by someone else.
 */
static int axv_enter(struct axv_vcpu *v)
{
	struct vmcb *vmcb = v->vmcb;
	u64 efer, hsave;
	int cpu, ret = 0;

	mutex_lock(&v->hw_lock);
	preempt_disable();
	local_irq_disable();
	cpu = smp_processor_id();
	WRITE_ONCE(v->running_cpu, cpu);
	smp_mb();	/* running_cpu before kick; see axv_invalidate() */
	if (atomic_read(&v->kick)) {
		ret = -EAGAIN;
		goto out;
	}
	rdmsrl(MSR_EFER, efer);
	if (efer & EFER_SVME) {
		ret = -EBUSY;
		goto out;
	}
	if (v->flush || v->last_cpu != cpu ||
	    this_cpu_read(axv_last_vcpu) != v->id)
		vmcb->control.tlb_ctl = axv_flush_by_asid ?
					TLB_CONTROL_FLUSH_ASID :
					TLB_CONTROL_FLUSH_ALL_ASID;
	else
		vmcb->control.tlb_ctl = TLB_CONTROL_DO_NOTHING;
	vmcb->save.rax = v->gpr[AXV_RAX];
	vmcb->save.rsp = v->gpr[AXV_RSP];
	vmcb->control.exit_code = SVM_EXIT_ERR;

	rdmsrl(MSR_VM_HSAVE_PA, hsave);
	wrmsrl(MSR_EFER, efer | EFER_SVME);
	wrmsrl(MSR_VM_HSAVE_PA, virt_to_phys(v->hsave));
	/* GIF holds interrupts until VMRUN; then they make the guest exit. */
	axv_clgi();
	local_irq_enable();
	axvcpu_svm_vmrun(virt_to_phys(vmcb), v->gpr);
	local_irq_disable();
	axv_stgi();
	wrmsrl(MSR_VM_HSAVE_PA, hsave);
	wrmsrl(MSR_EFER, efer);
	/* #VMEXIT leaves DR7 with every breakpoint disabled. */
	if (hw_breakpoint_active())
		hw_breakpoint_restore();

	v->gpr[AXV_RAX] = vmcb->save.rax;
	v->gpr[AXV_RSP] = vmcb->save.rsp;
	v->flush = false;
	v->last_cpu = cpu;
	this_cpu_write(axv_last_vcpu, v->id);
out:
	WRITE_ONCE(v->running_cpu, -1);
	local_irq_enable();
	preempt_enable();
	mutex_unlock(&v->hw_lock);
	return ret;
}

/* ------------------------------------------------- guest memory reads */

/*
 * Copy guest-physical memory (within one page) with the space's own
 * accessor: it holds the space's lock for read, so nothing it reads can be
 * freed meanwhile, and it populates nothing. Called without @hw_lock (an
 * invalidation holds the space's lock and waits for @hw_lock).
 */
static int axv_read_gpa(struct axv_vcpu *v, u64 gpa, void *buf,
			unsigned int len)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter it;
	size_t done;

	iov_iter_kvec(&it, ITER_DEST, &kv, 1, len);
	return axas_read(v->as, axas_gpa(gpa), &it, &done);
}

/* The guest's 4-level walk of @gva; A/D bits are not set. */
static int axv_gva_to_gpa(struct axv_vcpu *v, u64 gva, u64 *gpa)
{
	u64 table = v->vmcb->save.cr3 & AXV_PTE_ADDR, e;
	int level, ret;

	for (level = 3; level >= 0; level--) {
		unsigned int idx = (gva >> (12 + 9 * level)) & 511;

		ret = axv_read_gpa(v, table + idx * 8, &e, sizeof(e));
		if (ret)
			return ret;
		if (!(e & AXV_PTE_P))
			return -EFAULT;
		if (level && level < 3 && (e & AXV_PTE_PS)) {
			u64 sz = 1ULL << (12 + 9 * level);

			*gpa = (e & AXV_PTE_ADDR & ~(sz - 1)) | (gva & (sz - 1));
			return 0;
		}
		table = e & AXV_PTE_ADDR;
	}
	*gpa = table | (gva & (PAGE_SIZE - 1));
	return 0;
}

/* Up to @len instruction bytes at RIP; returns how many could be read. */
static unsigned int axv_fetch(struct axv_vcpu *v, u8 *buf, unsigned int len)
{
	u64 rip = v->vmcb->save.rip, gpa;
	unsigned int done = 0, n;

	while (done < len) {
		n = min_t(unsigned int, len - done,
			  PAGE_SIZE - offset_in_page(rip + done));
		if (axv_gva_to_gpa(v, rip + done, &gpa) ||
		    axv_read_gpa(v, gpa, buf + done, n))
			break;
		done += n;
	}
	return done;
}

/* ------------------------------------------------------------ exits */

static void axv_exit_info(struct axv_vcpu *v, struct axvcpu_svm_run *r,
			  u32 reason)
{
	const struct vmcb_control_area *c = &v->vmcb->control;

	r->reason = reason;
	r->code = c->exit_code | (u64)c->exit_code_hi << 32;
	r->info1 = c->exit_info_1;
	r->info2 = c->exit_info_2;
}

static int axv_exit_io(struct axv_vcpu *v, struct axvcpu_svm_run *r)
{
	u64 info1 = v->vmcb->control.exit_info_1;
	unsigned int width = (info1 & SVM_IOIO_SIZE_MASK) >> SVM_IOIO_SIZE_SHIFT;

	width = width & 4 ? 4 : width & 2 ? 2 : 1;
	if (info1 & SVM_IOIO_STR_MASK) {
		axv_exit_info(v, r, AXVCPU_EXIT_ERROR);	/* INS, OUTS */
		return 1;
	}
	axv_exit_info(v, r, AXVCPU_EXIT_IO);
	r->port = info1 >> 16;
	r->width = width;
	r->write = !(info1 & SVM_IOIO_TYPE_MASK);
	if (r->write) {
		r->data = axv_reg_read(v->gpr, AXV_RAX, false, width);
		v->vmcb->save.rip = v->vmcb->control.exit_info_2;
	} else {
		v->pend = AXV_PEND_IN;
		v->pend_width = width;
		v->pend_rip = v->vmcb->control.exit_info_2;
	}
	return 1;
}

static int axv_exit_mmio(struct axv_vcpu *v, struct axvcpu_svm_run *r, u64 gpa)
{
	const struct vmcb_control_area *c = &v->vmcb->control;
	struct axv_insn insn;
	unsigned int n;
	u8 bytes[15];

	if (c->insn_len) {		/* decode assist */
		n = min_t(unsigned int, c->insn_len, sizeof(bytes));
		memcpy(bytes, c->insn_bytes, n);
	} else {
		n = axv_fetch(v, bytes, sizeof(bytes));
	}
	if (axv_decode(bytes, n, &insn)) {
		axv_exit_info(v, r, AXVCPU_EXIT_ERROR);
		return 1;
	}
	axv_exit_info(v, r, AXVCPU_EXIT_MMIO);
	r->gpa = gpa;
	r->width = insn.width;
	r->write = insn.write;
	if (insn.write) {
		r->data = insn.has_imm ? insn.imm :
			  axv_reg_read(v->gpr, insn.reg, insn.high8, insn.width);
		if (insn.width < 8)
			r->data &= (1ULL << (insn.width * 8)) - 1;
		v->vmcb->save.rip += insn.len;
	} else {
		v->pend = AXV_PEND_LOAD;
		v->pend_insn = insn;
		v->pend_rip = v->vmcb->save.rip + insn.len;
	}
	return 1;
}

static int axv_exit_npf(struct axv_vcpu *v, struct axvcpu_svm_run *r)
{
	u64 info1 = v->vmcb->control.exit_info_1;
	u64 gpa = v->vmcb->control.exit_info_2;
	struct axas_fault_info fi;
	u32 access;

	access = info1 & AXV_NPF_W ? AXAS_PROT_WRITE :
		 info1 & AXV_NPF_ID ? AXAS_PROT_EXEC : AXAS_PROT_READ;
	if (axas_handle_fault(v->as, axas_gpa(gpa), access, &fi)) {
		axv_exit_info(v, r, AXVCPU_EXIT_ERROR);
		return 1;
	}
	switch (fi.result) {
	case AXAS_FAULT_MAPPED:
		v->spurious_n = 0;
		return 0;
	case AXAS_FAULT_SPURIOUS:
		if (v->spurious_n && v->spurious_gpa == (gpa & PAGE_MASK)) {
			if (++v->spurious_n > AXV_SPURIOUS_MAX)
				goto report;
		} else {
			v->spurious_gpa = gpa & PAGE_MASK;
			v->spurious_n = 1;
		}
		/* A stale entry may have faulted: flush before resuming. */
		mutex_lock(&v->hw_lock);
		v->flush = true;
		mutex_unlock(&v->hw_lock);
		return 0;
	case AXAS_FAULT_MMIO:
		if (!(info1 & AXV_NPF_TABLES) && access != AXAS_PROT_EXEC)
			return axv_exit_mmio(v, r, gpa);
		fallthrough;
	default:
report:
		v->spurious_n = 0;
		axv_exit_info(v, r, AXVCPU_EXIT_FAULT);
		r->gpa = gpa;
		r->fault = fi.result;
		r->access = access;
		return 1;
	}
}

/* 1: an exit for the VMM (@r filled), 0: resume the guest. */
static int axv_handle_exit(struct axv_vcpu *v, struct axvcpu_svm_run *r)
{
	switch (v->vmcb->control.exit_code) {
	case SVM_EXIT_INTR:
	case SVM_EXIT_NMI:
	case SVM_EXIT_SMI:
		return 0;
	case SVM_EXIT_HLT:
		v->vmcb->save.rip += 1;
		axv_exit_info(v, r, AXVCPU_EXIT_HLT);
		return 1;
	case SVM_EXIT_IOIO:
		return axv_exit_io(v, r);
	case SVM_EXIT_NPF:
		return axv_exit_npf(v, r);
	case SVM_EXIT_SHUTDOWN:
		/* The VMCB is undefined after a shutdown: reload to rerun. */
		v->regs_set = false;
		axv_exit_info(v, r, AXVCPU_EXIT_SHUTDOWN);
		return 1;
	default:
		axv_exit_info(v, r, AXVCPU_EXIT_ERROR);
		return 1;
	}
}

/* --------------------------------------------------------- the ioctls */

static void axv_set_regs(struct axv_vcpu *v, const struct axvcpu_svm_regs *g)
{
	memcpy(v->gpr, g->gpr, sizeof(v->gpr));
	v->vmcb->save.rip = g->rip;
	v->vmcb->save.rflags = g->rflags | X86_EFLAGS_FIXED;
	v->vmcb->save.cr3 = g->cr3;
	v->pend = AXV_PEND_NONE;
	v->regs_set = true;
}

static void axv_get_regs(struct axv_vcpu *v, struct axvcpu_svm_regs *g)
{
	memcpy(g->gpr, v->gpr, sizeof(g->gpr));
	g->rip = v->vmcb->save.rip;
	g->rflags = v->vmcb->save.rflags;
	g->cr3 = v->vmcb->save.cr3;
}

/* Finish an IN or MMIO load with the VMM's data. */
static void axv_complete(struct axv_vcpu *v, u64 data)
{
	const struct axv_insn *in = &v->pend_insn;

	if (v->pend == AXV_PEND_IN) {
		axv_reg_write(v->gpr, AXV_RAX, false, v->pend_width, data);
	} else if (v->pend == AXV_PEND_LOAD) {
		if (in->width < 8)
			data &= (1ULL << (in->width * 8)) - 1;
		axv_reg_write(v->gpr, in->reg, in->high8, in->dst_width, data);
	} else {
		return;
	}
	v->vmcb->save.rip = v->pend_rip;
	v->pend = AXV_PEND_NONE;
}

static long axv_ioctl_bind(struct axv_vcpu *v, void __user *uarg)
{
	struct axvcpu_svm_bind b;
	struct axas_root_regs rr;
	struct axas *as;
	u32 usize;
	int ret;

	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	ret = copy_struct_from_user(&b, sizeof(b), uarg, usize);
	if (ret)
		return ret;
	if (usize < sizeof(b))
		return -EINVAL;
	if (b.flags)
		return -EOPNOTSUPP;
	if (b.ncr3)
		return -EINVAL;
	as = axas_get_by_fd(b.as_fd);
	if (IS_ERR(as))
		return PTR_ERR(as);
	axas_root_regs(as, &rr);
	/*
	 * The NPT walk depth follows the host's paging mode, not nCR3: a
	 * space of another depth would be walked wrongly. @levels, if the
	 * VMM gives it, must agree too.
	 */
	if (rr.format != AXAS_FORMAT_AMD_NPT || rr.levels != axv_host_levels() ||
	    (b.levels && b.levels != rr.levels)) {
		axas_put(as);
		return -EOPNOTSUPP;
	}

	mutex_lock(&v->run_lock);
	if (v->as) {
		ret = -EBUSY;
		goto out;
	}
	v->c.ops = &axv_consumer_ops;
	ret = axas_consumer_attach(as, &v->c);
	if (ret)
		goto out;
	axv_vmcb_init(v, rr.value);
	v->as = as;
	as = NULL;
	b.ncr3 = capable(CAP_SYS_ADMIN) ? rr.value : 0;
	if (copy_to_user(uarg, &b, sizeof(b)))
		ret = -EFAULT;	/* bound all the same */
out:
	mutex_unlock(&v->run_lock);
	if (as)
		axas_put(as);
	return ret;
}

static long axv_run_loop(struct axv_vcpu *v, struct axvcpu_svm_run *r)
{
	int ret;

	for (;;) {
		if (READ_ONCE(v->released))
			return -ENODEV;
		if (signal_pending(current))
			return -EINTR;
		cond_resched();
		ret = axv_enter(v);
		if (ret == -EAGAIN) {
			wait_event(v->kick_wq, !atomic_read(&v->kick));
			continue;
		}
		if (ret)
			return ret;
		if (axv_handle_exit(v, r)) {
			/*
			 * The owner went away while the guest ran: its faults
			 * now find no area; the run ends as the space did.
			 */
			return READ_ONCE(v->released) ? -ENODEV : 0;
		}
	}
}

static long axv_ioctl_run(struct axv_vcpu *v, void __user *uarg)
{
	struct axvcpu_svm_run r;
	u32 usize;
	long ret;

	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	ret = copy_struct_from_user(&r, sizeof(r), uarg, usize);
	if (ret)
		return ret;
	if (usize < sizeof(r))
		return -EINVAL;
	if (r.flags & ~AXVCPU_RUN_SET_REGS)
		return -EOPNOTSUPP;
	if (r.__reserved[0] || r.__reserved[1])
		return -EINVAL;
	if (mutex_lock_interruptible(&v->run_lock))
		return -EINTR;
	if (!v->as) {
		ret = -EINVAL;
		goto out;
	}
	if (r.flags & AXVCPU_RUN_SET_REGS) {
		axv_set_regs(v, &r.regs);
	} else if (!v->regs_set) {
		ret = -EINVAL;
		goto out;
	} else {
		axv_complete(v, r.data);
	}
	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	ret = axv_run_loop(v, &r);
	axv_get_regs(v, &r.regs);
	if (!ret && copy_to_user(uarg, &r, sizeof(r)))
		ret = -EFAULT;
out:
	mutex_unlock(&v->run_lock);
	return ret;
}

static long axv_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct axv_vcpu *v = file->private_data;

	switch (cmd) {
	case AXVCPU_SVM_IOC_BIND:
		return axv_ioctl_bind(v, (void __user *)arg);
	case AXVCPU_SVM_IOC_RUN:
		return axv_ioctl_run(v, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

/* ---------------------------------------------------------- the file */

static void axv_free(struct axv_vcpu *v)
{
	free_page((unsigned long)v->vmcb);
	free_page((unsigned long)v->hsave);
	free_pages((unsigned long)v->iopm, 2);
	free_pages((unsigned long)v->msrpm, 1);
	kfree(v);
}

static int axv_open(struct inode *inode, struct file *file)
{
	struct axv_vcpu *v = kzalloc(sizeof(*v), GFP_KERNEL_ACCOUNT);

	if (!v)
		return -ENOMEM;
	v->vmcb = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	v->hsave = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	/* 12 KiB of I/O map and 8 KiB of MSR map, every bit set. */
	v->iopm = (void *)__get_free_pages(GFP_KERNEL_ACCOUNT, 2);
	v->msrpm = (void *)__get_free_pages(GFP_KERNEL_ACCOUNT, 1);
	if (!v->vmcb || !v->hsave || !v->iopm || !v->msrpm) {
		axv_free(v);
		return -ENOMEM;
	}
	memset(v->iopm, 0xff, 4 * PAGE_SIZE);
	memset(v->msrpm, 0xff, 2 * PAGE_SIZE);
	mutex_init(&v->run_lock);
	mutex_init(&v->hw_lock);
	init_waitqueue_head(&v->kick_wq);
	atomic_set(&v->kick, 0);
	v->running_cpu = -1;
	v->last_cpu = -1;
	v->id = atomic64_inc_return(&axv_next_id);
	file->private_data = v;
	return 0;
}

static int axv_file_release(struct inode *inode, struct file *file)
{
	struct axv_vcpu *v = file->private_data;

	/* No ioctl runs any more: the vCPU is out of VMRUN for good. */
	if (v->as) {
		axas_consumer_detach(&v->c);
		axas_put(v->as);
	}
	axv_free(v);
	return 0;
}

static const struct file_operations axv_fops = {
	.owner = THIS_MODULE,
	.open = axv_open,
	.release = axv_file_release,
	.unlocked_ioctl = axv_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice axv_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "axvcpu_svm",
	.fops = &axv_fops,
	.mode = 0600,
};

static int __init axv_init(void)
{
	u64 efer, vmcr;

	if (!boot_cpu_has(X86_FEATURE_SVM) || !boot_cpu_has(X86_FEATURE_NPT)) {
		pr_err("axvcpu_svm: this CPU has no SVM with nested paging\n");
		return -ENODEV;
	}
	rdmsrl(MSR_VM_CR, vmcr);
	if (vmcr & SVM_VM_CR_SVM_DIS_MASK) {
		pr_err("axvcpu_svm: SVM is disabled by the firmware (VM_CR.SVMDIS)\n");
		return -ENODEV;
	}
	rdmsrl(MSR_EFER, efer);
	if (efer & EFER_SVME) {
		pr_err("axvcpu_svm: SVM is in use (kvm_amd loaded?)\n");
		return -EBUSY;
	}
	axv_flush_by_asid = boot_cpu_has(X86_FEATURE_FLUSHBYASID);
	pr_info("axvcpu_svm: SVM with NPT, host paging %u levels, flush %s\n",
		axv_host_levels(), axv_flush_by_asid ? "by ASID" : "all ASIDs");
	return misc_register(&axv_misc);
}

static void __exit axv_exit(void)
{
	misc_deregister(&axv_misc);
}

module_init(axv_init);
module_exit(axv_exit);
MODULE_DESCRIPTION("axaddrspace sample consumer: an AMD SVM vCPU on a nested page table");
MODULE_LICENSE("GPL");
