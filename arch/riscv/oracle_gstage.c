// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware oracle for RISC-V G-stage: hypervisor loads and stores from
 * HS-mode.
 *
 * With vsatp = 0 (VS-stage Bare) HLV.D / HSV.D / HLVX.WU on address X
 * do only the G-stage walk of GPA X, through our hgatp. Target memory
 * holds oracle_tag() of its own PA, so a load names the PA reached. A
 * fault traps to a private stvec stub (as KVM's unprivileged-access trap
 * does) that records scause and htval and skips the instruction.
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/cpufeature.h>
#include <asm/csr.h>
#include <asm/insn-def.h>
#include <asm/sbi.h>
#include "axaddrspace/oracle/oracle.h"

#define GSO_EXC_INST_GPF	20
#define GSO_EXC_LOAD_GPF	21
#define GSO_EXC_STORE_GPF	23
#define GSO_SR_MXR		BIT(19)	/* sstatus: make executable readable */

/* Filled by gso_trap; the offsets are used by the assembly below. */
struct gso_trap {
	unsigned long sepc;
	unsigned long scause;
	unsigned long htval;
};

/*
 * The private trap handler; a0: struct gso_trap *, a1: scratch, both set
 * up by the probe. stvec needs 4-byte alignment.
 */
static void __naked __aligned(4) gso_trap(void)
{
	asm volatile("csrr	a1, sepc\n"
		     "sd	a1, 0(a0)\n"
		     "addi	a1, a1, 4\n"	/* skip the (uncompressed) probe */
		     "csrw	sepc, a1\n"
		     "csrr	a1, scause\n"
		     "sd	a1, 8(a0)\n"
		     "csrr	a1, 0x643\n"	/* htval */
		     "sd	a1, 16(a0)\n"
		     "sret\n");
}

static unsigned long gso_hlv_d(unsigned long gpa, struct gso_trap *t)
{
	register unsigned long a0 asm("a0") = (unsigned long)t;
	register unsigned long a1 asm("a1");
	unsigned long val = 0;

	asm volatile(".option push\n.option norvc\n"
		     ".insn r 0x73, 0x4, 0x36, %[val], %[addr], x0\n"	/* hlv.d */
		     ".option pop\n"
		     : [val] "+&r"(val), "+&r"(a0), "=&r"(a1)
		     : [addr] "r"(gpa) : "memory");
	return val;
}

static void gso_hsv_d(unsigned long gpa, unsigned long val, struct gso_trap *t)
{
	register unsigned long a0 asm("a0") = (unsigned long)t;
	register unsigned long a1 asm("a1");

	asm volatile(".option push\n.option norvc\n"
		     ".insn r 0x73, 0x4, 0x37, x0, %[addr], %[val]\n"	/* hsv.d */
		     ".option pop\n"
		     : "+&r"(a0), "=&r"(a1)
		     : [addr] "r"(gpa), [val] "r"(val) : "memory");
}

/* HLVX.WU: a load that needs execute permission. */
static unsigned long gso_hlvx_wu(unsigned long gpa, struct gso_trap *t)
{
	register unsigned long a0 asm("a0") = (unsigned long)t;
	register unsigned long a1 asm("a1");
	unsigned long val = 0;

	asm volatile(".option push\n.option norvc\n"
		     ".insn r 0x73, 0x4, 0x34, %[val], %[addr], x3\n"	/* hlvx.wu */
		     ".option pop\n"
		     : [val] "+&r"(val), "+&r"(a0), "=&r"(a1)
		     : [addr] "r"(gpa) : "memory");
	return val;
}

static bool gso_mode_ok(unsigned long hgatp)
{
	unsigned long flags, old, got;

	local_irq_save(flags);
	old = csr_swap(CSR_HGATP, hgatp);
	got = csr_swap(CSR_HGATP, old);
	local_irq_restore(flags);
	return got >> HGATP_MODE_SHIFT == hgatp >> HGATP_MODE_SHIFT;
}

static int gso_available(const struct oracle_config *cfg, const char **why)
{
	if (!riscv_isa_extension_available(NULL, h)) {
		*why = "no H extension (qemu -cpu rv64,h=true)";
		return -EOPNOTSUPP;
	}
	if (!riscv_isa_extension_available(NULL, SVPBMT)) {
		*why = "no Svpbmt: NC/IO types would be reserved bits (svpbmt=true)";
		return -EOPNOTSUPP;
	}
	if (!gso_mode_ok(cfg->root.value)) {
		*why = "hgatp does not accept this mode (Sv57x4 needs QEMU >= 8.0)";
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Any GPA can be formed; above the x4 input size the walk must fault. */
static unsigned int gso_reachable(const struct oracle_config *cfg)
{
	return cfg->ias + 2;
}

/* Turn what happened into an answer; check the trap names our GPA. */
static void gso_result(struct oracle_probe *p, u64 gpa8, u64 val,
		       const struct gso_trap *t, unsigned long store_cause)
{
	p->raw = t->scause;
	p->raw2 = t->htval << 2;
	p->level = ORACLE_LEVEL_UNKNOWN;
	p->mem = ORACLE_MEM_UNKNOWN;
	if (!t->scause) {
		p->fault = ORACLE_OK;
		p->pa = (val ^ ORACLE_TAG) | (p->gpa & 7);
		return;
	}
	p->fault = ORACLE_FAULT_PAGE;
	if ((t->scause != GSO_EXC_LOAD_GPF && t->scause != store_cause) ||
	    (t->htval << 2) != (gpa8 & ~3ULL))
		p->fault = ORACLE_FAULT_OTHER;
}

static void gso_probe(struct oracle_probe *p, struct gso_trap *t)
{
	u64 gpa8 = p->gpa & ~7ULL, val, hi;

	t->scause = 0;
	switch (p->access) {
	case ORACLE_READ:
		val = gso_hlv_d(gpa8, t);
		gso_result(p, gpa8, val, t, GSO_EXC_LOAD_GPF);
		break;
	case ORACLE_WRITE:
		/* Read to learn the PA, write the same value back. */
		val = gso_hlv_d(gpa8, t);
		if (!t->scause)
			gso_hsv_d(gpa8, val, t);
		gso_result(p, gpa8, val, t, GSO_EXC_STORE_GPF);
		break;
	default:
		/* Two 32-bit halves of the tag; HLVX faults as a load or fetch. */
		val = gso_hlvx_wu(gpa8, t);
		if (!t->scause) {
			hi = gso_hlvx_wu(gpa8 + 4, t);
			val |= hi << 32;
		}
		gso_result(p, gpa8, val, t, GSO_EXC_INST_GPF);
		break;
	}
}

static int gso_walk(const struct oracle_config *cfg, struct oracle_probe *p,
		    unsigned int n)
{
	unsigned long flags, stvec, hstatus, vsatp, hgatp, sstatus;
	struct gso_trap t;
	unsigned int i;

	/*
	 * Fault in (vmalloc) probe memory now: with our stvec, a kernel page
	 * fault would be taken for a probe's and skip an instruction.
	 */
	for (i = 0; i < n; i += PAGE_SIZE / sizeof(*p))
		WRITE_ONCE(p[i].raw, 0);
	WRITE_ONCE(p[n - 1].raw, 0);
	mb();			/* the engine's stores reach the walker */
	local_irq_save(flags);
	stvec = csr_swap(CSR_STVEC, (unsigned long)gso_trap);
	sstatus = csr_read_clear(CSR_SSTATUS, GSO_SR_MXR);	/* X-only stays unreadable */
	hstatus = csr_read_set(CSR_HSTATUS, HSTATUS_SPVP);
	vsatp = csr_swap(CSR_VSATP, 0);
	hgatp = csr_swap(CSR_HGATP, cfg->root.value);
	asm volatile(HFENCE_GVMA(zero, zero) ::: "memory");

	for (i = 0; i < n; i++)
		gso_probe(&p[i], &t);

	csr_write(CSR_HGATP, hgatp);
	asm volatile(HFENCE_GVMA(zero, zero) ::: "memory");
	csr_write(CSR_VSATP, vsatp);
	csr_write(CSR_HSTATUS, hstatus);
	csr_write(CSR_SSTATUS, sstatus);
	csr_write(CSR_STVEC, stvec);
	local_irq_restore(flags);
	return 0;
}

static void gso_describe(char *buf, size_t len)
{
	snprintf(buf, len, "mvendorid=%#lx marchid=%#lx mimpid=%#lx H=%d Svpbmt=%d Sv57x4=%s",
		 sbi_get_mvendorid(), sbi_get_marchid(), sbi_get_mimpid(),
		 riscv_isa_extension_available(NULL, h),
		 riscv_isa_extension_available(NULL, SVPBMT),
		 gso_mode_ok(HGATP_MODE_SV57X4 << HGATP_MODE_SHIFT) ? "yes" : "no");
}

const struct oracle_backend oracle_gstage_backend = {
	.format = AXAS_FORMAT_RISCV_G,
	.name = "riscv-gstage",
	.accesses = BIT(ORACLE_READ) | BIT(ORACLE_WRITE) | BIT(ORACLE_EXEC),
	.loads = true,
	.available = gso_available,
	.reachable = gso_reachable,
	.walk = gso_walk,
	.describe = gso_describe,
};
