/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axvcpu_svm internals: the instruction decoder for MMIO exits and the
 * entry stub shared by main.c, decode.c and vmrun.S.
 */
#ifndef AXVCPU_SVM_AXVCPU_H
#define AXVCPU_SVM_AXVCPU_H

#include <linux/axaddrspace.h>
#include <linux/types.h>

/* General registers in instruction-encoding order. */
enum axv_reg {
	AXV_RAX, AXV_RCX, AXV_RDX, AXV_RBX, AXV_RSP, AXV_RBP, AXV_RSI, AXV_RDI,
	AXV_NR_GPR = 16,
};

/**
 * struct axv_insn - a decoded MOV to or from memory.
 * @len: instruction length in bytes.
 * @width: memory access width: 1, 2, 4 or 8.
 * @dst_width: loads: the width written to the register (movzx widens).
 * @write: a store (register or immediate to memory).
 * @reg: the register operand (0-15).
 * @high8: @reg is AH, CH, DH or BH (byte register without REX, 4-7).
 * @has_imm: a store of @imm rather than of @reg.
 * @imm: the immediate, sign-extended to 64 bits.
 */
struct axv_insn {
	u8 len;
	u8 width;
	u8 dst_width;
	bool write;
	u8 reg;
	bool high8;
	bool has_imm;
	u64 imm;
};

int axv_decode(const u8 *b, unsigned int n, struct axv_insn *out);
u64 axv_reg_read(const u64 *gpr, unsigned int reg, bool high8,
		 unsigned int width);
void axv_reg_write(u64 *gpr, unsigned int reg, bool high8, unsigned int width,
		   u64 val);

void axvcpu_svm_vmrun(u64 vmcb_pa, u64 *gpr);

#endif /* AXVCPU_SVM_AXVCPU_H */
