// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware oracle for AMD NPT: one VMRUN per probe of a tiny long-mode
 * guest with nested paging on (QEMU TCG -cpu max has SVM and NPT).
 *
 * The guest's own paging is an identity map of its first GiB (code and
 * page tables, the scratch region at GPA 0) plus one 1 GiB page, set
 * before each VMRUN, that maps guest VA 512 GiB to the GiB holding the
 * probed GPA. The guest loads the 8-byte word there (and for a write
 * stores it back) and VMMCALLs; the value loaded is oracle_tag() of the
 * PA reached. A failed nested walk exits with #VMEXIT(NPF): EXITINFO1 is
 * the error code, EXITINFO2 the GPA. NPT depth follows the host's paging
 * mode (CR4.LA57), so each boot checks one depth.
 */
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/debugreg.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/svm.h>
#include "axaddrspace/oracle/oracle.h"

/* Scratch GPAs 0-16 KiB: code, guest PML4, PDPT for GiB 0, probe PDPT. */
#define NPO_CODE		0x0000ULL
#define NPO_PML4		0x1000ULL
#define NPO_PDPT0		0x2000ULL
#define NPO_PDPT1		0x3000ULL
#define NPO_SCRATCH		SZ_16K
#define NPO_PROBE_VA		BIT_ULL(39)	/* PML4 entry 1 */
#define NPO_WRITE_STUB		16

/* Guest page-table bits. */
#define NPO_P			BIT_ULL(0)
#define NPO_RW			BIT_ULL(1)
#define NPO_US			BIT_ULL(2)
#define NPO_A			BIT_ULL(5)
#define NPO_D			BIT_ULL(6)
#define NPO_PS			BIT_ULL(7)
/* A and D preset, so the guest never has to set them. */
#define NPO_TABLE		(NPO_P | NPO_RW | NPO_US | NPO_A)
#define NPO_1G			(NPO_P | NPO_RW | NPO_US | NPO_A | NPO_D | NPO_PS)

/* NPF EXITINFO1. */
#define NPO_PF_P		BIT_ULL(0)
#define NPO_PF_W		BIT_ULL(1)
#define NPO_PF_RSVD		BIT_ULL(3)
#define NPO_NPF_FINAL		BIT_ULL(32)
#define NPO_NPF_TABLES		BIT_ULL(33)

#define NPO_EXIT_NONE		0xffffffffU

static struct {
	struct vmcb *vmcb;
	void *hsave;
	u64 *scratch;		/* NPO_SCRATCH bytes, at GPA 0 */
	unsigned int maxphy;
	bool ready;
} npo;

static bool npo_svm(void)
{
	return boot_cpu_has(X86_FEATURE_SVM) && boot_cpu_has(X86_FEATURE_NPT);
}

static unsigned int npo_host_levels(void)
{
	return native_read_cr4() & X86_CR4_LA57 ? 5 : 4;
}

/* The guest: read probe at +0, read and write back at +16. */
static const u8 npo_code[] = {
	0x48, 0x8b, 0x00,	/* mov rax, [rax] */
	0x0f, 0x01, 0xd9,	/* vmmcall */
	0xf4,			/* hlt */
	[NPO_WRITE_STUB] =
	0x48, 0x8b, 0x08,	/* mov rcx, [rax] */
	0x48, 0x89, 0x08,	/* mov [rax], rcx */
	0x48, 0x89, 0xc8,	/* mov rax, rcx */
	0x0f, 0x01, 0xd9,	/* vmmcall */
	0xf4,			/* hlt */
};

static int npo_prepare(void)
{
	u8 *s;

	if (npo.ready)
		return 0;
	npo.vmcb = (void *)get_zeroed_page(GFP_KERNEL);
	npo.hsave = (void *)get_zeroed_page(GFP_KERNEL);
	npo.scratch = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	if (!npo.vmcb || !npo.hsave || !npo.scratch) {
		free_page((unsigned long)npo.vmcb);
		free_page((unsigned long)npo.hsave);
		free_pages((unsigned long)npo.scratch, 2);
		return -ENOMEM;
	}
	s = (u8 *)npo.scratch;
	memcpy(s + NPO_CODE, npo_code, sizeof(npo_code));
	*(u64 *)(s + NPO_PML4) = NPO_PDPT0 | NPO_TABLE;
	*(u64 *)(s + NPO_PML4 + 8) = NPO_PDPT1 | NPO_TABLE;
	*(u64 *)(s + NPO_PDPT0) = 0 | NPO_1G;
	npo.maxphy = cpuid_eax(0x80000008) & 0xff;
	npo.ready = true;
	return 0;
}

static int npo_available(const struct oracle_config *cfg, const char **why)
{
	u64 efer, vmcr;

	if (!npo_svm()) {
		*why = "no SVM with nested paging (qemu -accel tcg -cpu max)";
		return -EOPNOTSUPP;
	}
	rdmsrl(MSR_EFER, efer);
	rdmsrl(MSR_VM_CR, vmcr);
	if ((efer & EFER_SVME) || (vmcr & SVM_VM_CR_SVM_DIS_MASK)) {
		*why = "SVM in use (kvm_amd) or disabled";
		return -EOPNOTSUPP;
	}
	if (cfg->levels != npo_host_levels()) {
		*why = cfg->levels == 5 ?
		       "NPT depth follows the host, which runs 4-level paging (no5lvl)" :
		       "NPT depth follows the host, which runs 5-level paging (no no5lvl)";
		return -EOPNOTSUPP;
	}
	if (npo_prepare()) {
		*why = "out of memory";
		return -EOPNOTSUPP;
	}
	return 0;
}

/* The guest's page tables hold GPAs below MAXPHYADDR only. */
static unsigned int npo_reachable(const struct oracle_config *cfg)
{
	return min_t(unsigned int, npo.maxphy, cfg->ias);
}

static phys_addr_t npo_scratch_pa(void)
{
	return virt_to_phys(npo.scratch);
}

static void npo_vmcb_init(const struct oracle_config *cfg)
{
	struct vmcb_control_area *c = &npo.vmcb->control;
	struct vmcb_save_area *s = &npo.vmcb->save;
	const struct vmcb_seg cs = { .selector = 8, .attrib = 0xa9b, .limit = 0xffffffff };
	const struct vmcb_seg ds = { .selector = 16, .attrib = 0xc93, .limit = 0xffffffff };

	memset(npo.vmcb, 0, PAGE_SIZE);
	__set_bit(INTERCEPT_VMRUN, (unsigned long *)c->intercepts);
	__set_bit(INTERCEPT_VMMCALL, (unsigned long *)c->intercepts);
	__set_bit(INTERCEPT_SHUTDOWN, (unsigned long *)c->intercepts);
	__set_bit(INTERCEPT_HLT, (unsigned long *)c->intercepts);
	c->intercepts[INTERCEPT_EXCEPTION] = ~0U;	/* exit, never deliver */
	c->asid = 1;
	c->tlb_ctl = TLB_CONTROL_FLUSH_ALL_ASID;	/* the probe PDPT changes */
	c->nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
	c->nested_cr3 = cfg->root.value;

	s->cs = cs;
	s->ds = ds;
	s->es = ds;
	s->ss = ds;
	s->efer = EFER_SVME | EFER_LME | EFER_LMA;
	s->cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_NE | X86_CR0_PG;
	s->cr4 = X86_CR4_PAE;
	s->cr3 = NPO_PML4;
	s->dr6 = 0xffff0ff0;
	s->dr7 = 0x400;
	s->rflags = X86_EFLAGS_FIXED;
	s->g_pat = 0x0007040600070406ULL;
}

static void npo_result(struct oracle_probe *p, u64 gpa8)
{
	const struct vmcb_control_area *c = &npo.vmcb->control;
	u64 info1 = c->exit_info_1;
	bool write_seen = info1 & NPO_PF_W;

	p->raw = c->exit_code;
	p->raw2 = info1;
	p->level = ORACLE_LEVEL_UNKNOWN;
	p->mem = ORACLE_MEM_UNKNOWN;
	if (c->exit_code == SVM_EXIT_VMMCALL) {
		p->fault = ORACLE_OK;
		p->pa = (npo.vmcb->save.rax ^ ORACLE_TAG) | (p->gpa & 7);
		return;
	}
	p->fault = ORACLE_FAULT_OTHER;
	if (c->exit_code != SVM_EXIT_NPF || c->exit_info_2 != gpa8 ||
	    (info1 & (NPO_NPF_FINAL | NPO_NPF_TABLES)) != NPO_NPF_FINAL ||
	    (write_seen && p->access != ORACLE_WRITE))
		return;
	if (info1 & NPO_PF_RSVD)
		return;
	p->fault = info1 & NPO_PF_P ? ORACLE_FAULT_PERMISSION :
				      ORACLE_FAULT_TRANSLATION;
}

static int npo_walk(const struct oracle_config *cfg, struct oracle_probe *p,
		    unsigned int n)
{
	u64 *pdpt1 = (u64 *)((u8 *)npo.scratch + NPO_PDPT1);
	u64 efer, hsave_pa, vmcb_pa = virt_to_phys(npo.vmcb);
	unsigned long flags;
	unsigned int i;

	npo_vmcb_init(cfg);
	local_irq_save(flags);
	rdmsrl(MSR_EFER, efer);
	rdmsrl(MSR_VM_HSAVE_PA, hsave_pa);
	wrmsrl(MSR_EFER, efer | EFER_SVME);
	wrmsrl(MSR_VM_HSAVE_PA, virt_to_phys(npo.hsave));
	for (i = 0; i < n; i++) {
		u64 gpa8 = p[i].gpa & ~7ULL;
		unsigned long rax = vmcb_pa;

		pdpt1[0] = ALIGN_DOWN(gpa8, SZ_1G) | NPO_1G;
		npo.vmcb->save.rip = NPO_CODE +
				     (p[i].access == ORACLE_WRITE ? NPO_WRITE_STUB : 0);
		npo.vmcb->save.rax = NPO_PROBE_VA + (gpa8 & (SZ_1G - 1));
		npo.vmcb->control.exit_code = NPO_EXIT_NONE;
		/* VMRUN keeps only RAX and RSP; the guest clobbers RCX. */
		asm volatile("clgi\n\t"
			     "vmrun %%rax\n\t"
			     "stgi"
			     : "+a"(rax) : : "rcx", "rdx", "memory", "cc");
		npo_result(&p[i], gpa8);
	}
	wrmsrl(MSR_VM_HSAVE_PA, hsave_pa);
	wrmsrl(MSR_EFER, efer);
	/* #VMEXIT leaves DR7 with every breakpoint disabled. */
	if (hw_breakpoint_active())
		hw_breakpoint_restore();
	local_irq_restore(flags);
	return 0;
}

static void npo_describe(char *buf, size_t len)
{
	u32 eax, ebx, ecx, edx;

	cpuid(0x8000000a, &eax, &ebx, &ecx, &edx);
	snprintf(buf, len, "%s; SVM rev %u NP=%u MAXPHYADDR=%u host paging %u levels",
		 boot_cpu_data.x86_model_id, eax & 0xff, edx & 1,
		 cpuid_eax(0x80000008) & 0xff, npo_host_levels());
}

const struct oracle_backend oracle_npt_backend = {
	.format = AXAS_FORMAT_AMD_NPT,
	.name = "amd-npt",
	.accesses = BIT(ORACLE_READ) | BIT(ORACLE_WRITE),
	.loads = true,
	.scratch_gpa = 0,
	.scratch_size = NPO_SCRATCH,
	.available = npo_available,
	.reachable = npo_reachable,
	.scratch_pa = npo_scratch_pa,
	.walk = npo_walk,
	.describe = npo_describe,
};
