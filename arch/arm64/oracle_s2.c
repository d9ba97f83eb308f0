// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware oracle for Arm stage 2: AT S12E1R / AT S12E1W from EL2 (VHE).
 *
 * With HCR_EL2.TGE clear the AT instructions walk the EL1&0 regime; with
 * SCTLR_EL12.M clear its stage 1 is off, so VA == IPA and only our stage 2
 * (VTCR_EL2, VTTBR_EL2) is walked. HCR_EL2.DC makes the disabled stage 1
 * Normal write-back, so PAR_EL1.ATTR shows the stage-2 memory type. AT
 * always walks the tables (no TLB entry is used), so a missing TLB
 * invalidation is not something this can catch.
 */
#include <linux/bitfield.h>
#include <linux/kernel.h>
#include <asm/barrier.h>
#include <asm/cputype.h>
#include <asm/daifflags.h>
#include <asm/kvm_arm.h>
#include <asm/sysreg.h>
#include <asm/tlbflush.h>
#include <asm/virt.h>
#include "axaddrspace/oracle/oracle.h"

#define S2O_PAR_F		BIT_ULL(0)
#define S2O_PAR_FST		GENMASK_ULL(6, 1)
#define S2O_PAR_S		BIT_ULL(9)
#define S2O_PAR_PA		GENMASK_ULL(47, 12)
#define S2O_PAR_ATTR		GENMASK_ULL(63, 56)

/* Fault status: type in bits 5:2, Arm level in bits 1:0. */
#define S2O_FSC_ADDR_SIZE	0x00
#define S2O_FSC_TRANSLATION	0x04
#define S2O_FSC_ACCESS		0x08
#define S2O_FSC_PERMISSION	0x0c

/* Not KVM's VMIDs: KVM is off (kvm-arm.mode=none); TLBs are cleaned. */
#define S2O_VMID		0xa5ULL

static unsigned int s2o_parange_bits(void)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned int pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return pa < ARRAY_SIZE(bits) ? bits[pa] : 32;
}

static int s2o_available(const struct oracle_config *cfg, const char **why)
{
	if (!is_kernel_in_hyp_mode()) {
		*why = "kernel not at EL2/VHE (-M virt,virtualization=on, kvm-arm.mode=none)";
		return -EOPNOTSUPP;
	}
	if (cfg->oas > s2o_parange_bits()) {
		*why = "output size beyond ID_AA64MMFR0_EL1.PARange";
		return -EOPNOTSUPP;
	}
	return 0;
}

/* With stage 1 off, a VA beyond PARange faults at stage 1. */
static unsigned int s2o_reachable(const struct oracle_config *cfg)
{
	return min(s2o_parange_bits(), 48U);
}

/* PAR_EL1.ATTR of a translation: the stage-2 memory type. */
static u8 s2o_mem(u64 par)
{
	u8 attr = FIELD_GET(S2O_PAR_ATTR, par);

	if (!(attr >> 4))
		return AXAS_MEM_DEVICE;
	if (attr == 0x44)
		return AXAS_MEM_NC;
	if ((attr & 0xcc) == 0xcc)
		return AXAS_MEM_WB;
	return 3;	/* no type the engine writes: a disagreement */
}

static void s2o_decode(struct oracle_probe *p, u64 par)
{
	u8 fst = FIELD_GET(S2O_PAR_FST, par);

	p->raw = par;
	p->mem = ORACLE_MEM_UNKNOWN;
	p->level = ORACLE_LEVEL_UNKNOWN;
	if (!(par & S2O_PAR_F)) {
		p->fault = ORACLE_OK;
		p->pa = (par & S2O_PAR_PA) | (p->gpa & (SZ_4K - 1));
		p->mem = s2o_mem(par);
		return;
	}
	/* Arm level L is engine level 3 - L. */
	p->level = 3 - (fst & 3);
	switch (fst & 0x3c) {
	case S2O_FSC_TRANSLATION:
		p->fault = ORACLE_FAULT_TRANSLATION;
		break;
	case S2O_FSC_PERMISSION:
		p->fault = ORACLE_FAULT_PERMISSION;
		break;
	default:
		p->fault = ORACLE_FAULT_OTHER;
		break;
	}
	if (!(par & S2O_PAR_S))		/* a stage-1 fault: our set-up is wrong */
		p->fault = ORACLE_FAULT_OTHER;
}

static int s2o_walk(const struct oracle_config *cfg, struct oracle_probe *p,
		    unsigned int n)
{
	u64 hcr, vtcr, vttbr, sctlr12, par;
	unsigned long flags;
	unsigned int i;

	dsb(ishst);		/* the engine's stores reach the walker */
	flags = local_daif_save();
	hcr = read_sysreg(hcr_el2);
	vtcr = read_sysreg(vtcr_el2);
	vttbr = read_sysreg(vttbr_el2);
	sctlr12 = read_sysreg_s(SYS_SCTLR_EL12);
	par = read_sysreg(par_el1);

	write_sysreg_s(sctlr12 & ~SCTLR_ELx_M, SYS_SCTLR_EL12);
	write_sysreg(cfg->root.vtcr, vtcr_el2);
	write_sysreg(cfg->root.value | S2O_VMID << 48, vttbr_el2);
	isb();
	/* TGE clear, or AT S12E1x walks the host's EL2&0 regime. */
	write_sysreg((hcr & ~HCR_TGE) | HCR_VM | HCR_DC, hcr_el2);
	isb();
	__tlbi(vmalls12e1);
	dsb(nsh);
	isb();

	for (i = 0; i < n; i++) {
		if (p[i].access == ORACLE_WRITE)
			asm volatile("at s12e1w, %0" : : "r"(p[i].gpa) : "memory");
		else
			asm volatile("at s12e1r, %0" : : "r"(p[i].gpa) : "memory");
		isb();
		s2o_decode(&p[i], read_sysreg(par_el1));
	}

	/* Still our VMID and TGE clear: drop what the walks cached. */
	__tlbi(vmalls12e1);
	dsb(nsh);
	write_sysreg(hcr, hcr_el2);
	isb();
	write_sysreg(vttbr, vttbr_el2);
	write_sysreg(vtcr, vtcr_el2);
	write_sysreg_s(sctlr12, SYS_SCTLR_EL12);
	write_sysreg(par, par_el1);
	isb();
	local_daif_restore(flags);
	return 0;
}

static void s2o_describe(char *buf, size_t len)
{
	snprintf(buf, len, "MIDR_EL1=%#x ID_AA64MMFR0_EL1=%#llx EL2+VHE=%d PARange=%u bits",
		 read_cpuid_id(), read_sysreg(id_aa64mmfr0_el1),
		 is_kernel_in_hyp_mode(), s2o_parange_bits());
}

const struct oracle_backend oracle_s2_backend = {
	.format = AXAS_FORMAT_ARM_S2,
	.name = "arm-stage2",
	.accesses = BIT(ORACLE_READ) | BIT(ORACLE_WRITE),
	.loads = false,
	.available = s2o_available,
	.reachable = s2o_reachable,
	.walk = s2o_walk,
	.describe = s2o_describe,
};
