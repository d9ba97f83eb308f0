/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hardware oracle: the (usually emulated) CPU's own second-stage
 * walker, asked the same question as axpt_query().
 *
 * One interface, oracle_walk(), with one backend per architecture, each
 * built only where its instruction set exists:
 *  - Arm stage 2: AT S12E1R/W at EL2 (arch/arm64/oracle_s2.c),
 *  - RISC-V G-stage: HLV/HSV/HLVX in HS-mode (arch/riscv/oracle_gstage.c),
 *  - AMD NPT: VMRUN of a tiny long-mode guest (arch/x86/oracle_npt.c).
 * Intel EPT has none: no emulator here runs VMX.
 *
 * Backends that load from the translated address (RISC-V, NPT) learn the
 * PA from the value loaded: every 8-byte word of target memory holds
 * oracle_tag() of its own physical address.
 */
#ifndef AXADDRSPACE_ORACLE_H
#define AXADDRSPACE_ORACLE_H

#include <linux/kconfig.h>
#include <linux/types.h>
#include "axaddrspace/pt.h"

enum oracle_access {
	ORACLE_READ,
	ORACLE_WRITE,
	ORACLE_EXEC,
	ORACLE_NR_ACCESS,
};

/* What a walk ended in; the CPU may be less precise than the engine. */
enum oracle_fault {
	ORACLE_OK,
	ORACLE_FAULT_TRANSLATION,	/* nothing mapped, or beyond the input size */
	ORACLE_FAULT_PERMISSION,	/* mapped without the access right */
	ORACLE_FAULT_PAGE,		/* one of the two, CPU does not say which */
	ORACLE_FAULT_OTHER,		/* anything else: never expected */
};

#define ORACLE_LEVEL_UNKNOWN	(-1)	/* the CPU does not report a level */
#define ORACLE_MEM_UNKNOWN	0xff	/* the memory type is not observable */

#define ORACLE_TAG		0x5a5a000000000000ULL

/**
 * oracle_tag() - the value every 8-byte word of target memory holds.
 * @pa: the physical address of the word.
 *
 * Return: @pa xor a constant, so a loaded value names the word it came from.
 */
static inline u64 oracle_tag(u64 pa)
{
	return pa ^ ORACLE_TAG;
}

/**
 * struct oracle_config - the translation regime to load into the CPU.
 * @format: AXAS_FORMAT_*.
 * @levels: table levels.
 * @ias: input address bits.
 * @oas: output address bits.
 * @root: axpt_root_value() of the table (EPTP/nCR3/VTTBR+VTCR/hgatp).
 */
struct oracle_config {
	u32 format;
	u8 levels;
	u8 ias;
	u8 oas;
	struct axpt_root root;
};

/**
 * struct oracle_probe - one question and the CPU's answer.
 * @gpa: the guest-physical address (any byte; loads use its 8-byte word).
 * @access: enum oracle_access.
 * @fault: enum oracle_fault; ORACLE_OK when translated.
 * @level: where the walk ended, engine numbering (0 = 4 KiB leaf), or
 *	ORACLE_LEVEL_UNKNOWN.
 * @mem: AXAS_MEM_* the CPU reports, or ORACLE_MEM_UNKNOWN.
 * @pa: the physical address of @gpa when translated.
 * @raw: the CPU's own report (PAR_EL1, scause, EXITINFO1) for logs.
 * @raw2: more of it (-, htval << 2, EXITINFO2).
 */
struct oracle_probe {
	u64 gpa;
	u8 access;
	u8 fault;
	s8 level;
	u8 mem;
	u64 pa;
	u64 raw;
	u64 raw2;
};

/**
 * struct oracle_backend - one CPU mechanism.
 * @format: the AXAS_FORMAT_* it walks.
 * @name: for reports.
 * @accesses: mask of BIT(enum oracle_access) it can probe.
 * @loads: it loads from the translated address, so targets must be tagged
 *	RAM (oracle_tag()); otherwise any output address can be probed.
 * @scratch_gpa: guest-physical range the backend needs mapped (its guest's
 *	code and page tables), @scratch_size bytes, 0 if none.
 * @scratch_size: see @scratch_gpa.
 * @available: 0 if this CPU can walk @cfg, else -EOPNOTSUPP and a reason.
 * @reachable: highest guest-physical address bit + 1 the probe can form.
 * @scratch_pa: physical address of the scratch memory (@scratch_size bytes).
 * @walk: answer @n probes; interrupts are off for the whole batch.
 * @describe: one line about the CPU, for reports.
 */
struct oracle_backend {
	u32 format;
	const char *name;
	u32 accesses;
	bool loads;
	u64 scratch_gpa;
	u64 scratch_size;
	int (*available)(const struct oracle_config *cfg, const char **why);
	unsigned int (*reachable)(const struct oracle_config *cfg);
	phys_addr_t (*scratch_pa)(void);
	int (*walk)(const struct oracle_config *cfg, struct oracle_probe *p,
		    unsigned int n);
	void (*describe)(char *buf, size_t len);
};

extern const struct oracle_backend oracle_s2_backend;
extern const struct oracle_backend oracle_gstage_backend;
extern const struct oracle_backend oracle_npt_backend;

/**
 * oracle_backend_get() - the backend of the architecture built for.
 *
 * Return: the backend, or NULL where none exists (it may still be
 * unavailable at run time: see &oracle_backend.available).
 */
static inline const struct oracle_backend *oracle_backend_get(void)
{
	if (IS_ENABLED(CONFIG_ARM64))
		return &oracle_s2_backend;
	if (IS_ENABLED(CONFIG_RISCV))
		return &oracle_gstage_backend;
	if (IS_ENABLED(CONFIG_X86_64) && !IS_ENABLED(CONFIG_UML))
		return &oracle_npt_backend;
	return NULL;
}

void oracle_config_of(const struct axpt *pt, struct oracle_config *cfg);
int oracle_walk(const struct oracle_config *cfg, u64 gpa,
		enum oracle_access access, struct oracle_probe *res);

#endif /* AXADDRSPACE_ORACLE_H */
