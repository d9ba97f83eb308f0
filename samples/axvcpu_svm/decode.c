// SPDX-License-Identifier: GPL-2.0
/*
 * The MMIO instruction decoder of axvcpu_svm: the MOV forms a guest uses
 * for device registers in 64-bit mode (AMD64 APM volume 3, "MOV",
 * "MOVZX"; ModRM and SIB in "Instruction Encoding"):
 *
 *   88 /r, 89 /r	store a register
 *   8A /r, 8B /r	load a register
 *   C6 /0 ib, C7 /0 iw/id	store an immediate
 *   0F B6 /r, 0F B7 /r	load zero-extended
 *
 * with the operand-size prefix 66, segment and address-size prefixes
 * (ignored: the GPA comes from the nested page fault) and REX.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "axvcpu.h"

static u64 axv_mask(unsigned int width)
{
	return width == 8 ? ~0ULL : (1ULL << (width * 8)) - 1;
}

/**
 * axv_decode() - decode one MOV to or from memory.
 * @b: the instruction bytes.
 * @n: how many of them are valid (up to 15).
 * @out: the decoded instruction.
 *
 * Context: any.
 *
 * Return: 0, or -EINVAL for anything but the forms listed above (a
 * register-only ModRM, another opcode, too few bytes).
 */
int axv_decode(const u8 *b, unsigned int n, struct axv_insn *out)
{
	unsigned int i = 0, opsize = 4, mod, rm, imm_len = 0;
	u8 rex = 0, op;
	bool two = false;

	memset(out, 0, sizeof(*out));
	for (; i < n; i++) {
		if (b[i] == 0x66)
			opsize = 2;
		else if (b[i] == 0x67 || b[i] == 0x2e || b[i] == 0x36 ||
			 b[i] == 0x3e || b[i] == 0x26 || b[i] == 0x64 ||
			 b[i] == 0x65)
			continue;
		else
			break;
	}
	if (i < n && (b[i] & 0xf0) == 0x40)
		rex = b[i++];
	if (rex & 8)
		opsize = 8;
	if (i >= n)
		return -EINVAL;
	op = b[i++];
	if (op == 0x0f) {
		if (i >= n)
			return -EINVAL;
		two = true;
		op = b[i++];
	}
	if (i >= n)
		return -EINVAL;

	if (two && (op == 0xb6 || op == 0xb7)) {
		out->width = op == 0xb6 ? 1 : 2;
		out->dst_width = opsize;
	} else if (!two && (op == 0x88 || op == 0x8a || op == 0xc6)) {
		out->width = 1;
		out->dst_width = 1;
		out->write = op != 0x8a;
		out->has_imm = op == 0xc6;
		imm_len = op == 0xc6 ? 1 : 0;
	} else if (!two && (op == 0x89 || op == 0x8b || op == 0xc7)) {
		out->width = opsize;
		out->dst_width = opsize;
		out->write = op != 0x8b;
		out->has_imm = op == 0xc7;
		imm_len = op == 0xc7 ? min(opsize, 4U) : 0;
	} else {
		return -EINVAL;
	}

	mod = b[i] >> 6;
	rm = b[i] & 7;
	out->reg = ((b[i] >> 3) & 7) | (rex & 4 ? 8 : 0);
	i++;
	if (mod == 3)
		return -EINVAL;
	if (out->has_imm && (out->reg & 7))
		return -EINVAL;
	out->high8 = out->width == 1 && !rex && out->reg >= 4 && !two &&
		     !out->has_imm;
	if (rm == 4) {			/* SIB */
		if (i >= n)
			return -EINVAL;
		if (mod == 0 && (b[i] & 7) == 5)
			i += 4;		/* no base: disp32 */
		i++;
	} else if (mod == 0 && rm == 5) {
		i += 4;			/* RIP-relative disp32 */
	}
	if (mod == 1)
		i += 1;
	else if (mod == 2)
		i += 4;
	if (i + imm_len > n)
		return -EINVAL;
	if (imm_len == 1)
		out->imm = (u64)(s64)(s8)b[i];
	else if (imm_len == 2)
		out->imm = (u64)(s64)(s16)(b[i] | b[i + 1] << 8);
	else if (imm_len == 4)
		out->imm = (u64)(s64)(s32)((u32)b[i] | (u32)b[i + 1] << 8 |
					   (u32)b[i + 2] << 16 |
					   (u32)b[i + 3] << 24);
	out->len = i + imm_len;
	if (out->len > 15)
		return -EINVAL;
	return 0;
}

/**
 * axv_reg_read() - the low @width bytes of a register.
 * @gpr: the guest's registers.
 * @reg: the register (0-15).
 * @high8: read AH, CH, DH or BH (@reg 4-7 name them).
 * @width: 1, 2, 4 or 8.
 *
 * Context: any.
 *
 * Return: the value, zero-extended.
 */
u64 axv_reg_read(const u64 *gpr, unsigned int reg, bool high8,
		 unsigned int width)
{
	if (high8)
		return (gpr[reg - 4] >> 8) & 0xff;
	return gpr[reg] & axv_mask(width);
}

/**
 * axv_reg_write() - write a register as a load of @width bytes does in
 *	64-bit mode.
 * @gpr: the guest's registers.
 * @reg: the register (0-15).
 * @high8: write AH, CH, DH or BH (@reg 4-7 name them).
 * @width: 1 and 2 merge into the register, 4 zero-extends, 8 replaces.
 * @val: the value.
 *
 * Context: any.
 */
void axv_reg_write(u64 *gpr, unsigned int reg, bool high8, unsigned int width,
		   u64 val)
{
	u64 m = axv_mask(width);

	if (high8) {
		gpr[reg - 4] = (gpr[reg - 4] & ~0xff00ULL) | (val & 0xff) << 8;
		return;
	}
	if (width >= 4)
		gpr[reg] = val & m;
	else
		gpr[reg] = (gpr[reg] & ~m) | (val & m);
}
