/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmio: loads and stores of several widths and MOV forms on the device at
 * GPA 0xc0000000 (axvmm answers loads from its register file, which
 * stores update); prints "mmio ok" if a stored value reads back.
 */
#include "serial.inc"
	.code64
	.globl	_start
_start:
	mov	$0xc0000000, %rbx
	mov	(%rbx), %eax		/* 8b: load 4 */
	mov	%eax, 8(%rbx)		/* 89: store 4 */
	movq	$0x55, 0x10(%rbx)	/* 48 c7: store 8, immediate */
	mov	4(%rbx), %cl		/* 8a: load 1 */
	mov	%cl, 0x18(%rbx)		/* 88: store 1 */
	movzwl	0x20(%rbx), %edx	/* 0f b7: load 2, zero-extended */
	mov	%dx, 0x28(%rbx)		/* 66 89: store 2 */
	mov	%ah, 0x30(%rbx)		/* 88 with AH */
	movb	$0x7e, 0x31(%rbx)	/* c6: store 1, immediate */
	mov	0x10(%rbx), %r9		/* 4c 8b: load 8 into r9 */
	cmp	$0x55, %r9
	jne	bad
	mov	0x31(%rbx), %r10b	/* 44 8a: load 1 into r10b */
	cmp	$0x7e, %r10b
	jne	bad
	PUTS	ok
	hlt
bad:	PUTS	nok
	hlt
ok:	.asciz	"mmio ok\n"
nok:	.asciz	"mmio bad\n"
