/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axvcpu_svm_vmrun(vmcb_pa, gpr): one VMRUN with the guest's general
 * registers loaded from and saved back to gpr[16] (encoding order; RAX
 * and RSP live in the VMCB and are skipped). VMRUN saves and restores
 * only the host's RAX, RSP, RIP, RFLAGS, segment, control and EFER state:
 * the host's callee-saved registers are kept on the stack here. Called
 * with GIF clear and the VMCB, host save area and EFER.SVME set up.
 */
#include <linux/linkage.h>

#define G(n)	(8 * (n))

	.text
SYM_FUNC_START(axvcpu_svm_vmrun)
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rsi

	mov	%rdi, %rax
	mov	G(1)(%rsi), %rcx
	mov	G(2)(%rsi), %rdx
	mov	G(3)(%rsi), %rbx
	mov	G(5)(%rsi), %rbp
	mov	G(7)(%rsi), %rdi
	mov	G(8)(%rsi), %r8
	mov	G(9)(%rsi), %r9
	mov	G(10)(%rsi), %r10
	mov	G(11)(%rsi), %r11
	mov	G(12)(%rsi), %r12
	mov	G(13)(%rsi), %r13
	mov	G(14)(%rsi), %r14
	mov	G(15)(%rsi), %r15
	mov	G(6)(%rsi), %rsi

	vmrun	%rax

	/* #VMEXIT: RAX and RSP are the host's again; gpr is on the stack. */
	mov	(%rsp), %rax
	mov	%rcx, G(1)(%rax)
	mov	%rdx, G(2)(%rax)
	mov	%rbx, G(3)(%rax)
	mov	%rbp, G(5)(%rax)
	mov	%rsi, G(6)(%rax)
	mov	%rdi, G(7)(%rax)
	mov	%r8, G(8)(%rax)
	mov	%r9, G(9)(%rax)
	mov	%r10, G(10)(%rax)
	mov	%r11, G(11)(%rax)
	mov	%r12, G(12)(%rax)
	mov	%r13, G(13)(%rax)
	mov	%r14, G(14)(%rax)
	mov	%r15, G(15)(%rax)

	pop	%rsi
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
SYM_FUNC_END(axvcpu_svm_vmrun)
