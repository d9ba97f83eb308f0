/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mem64: write a pattern to every 8-byte word of 64 MiB of lazily mapped
 * RAM at GPA 16 MiB (the first touch of each page is a nested page
 * fault), read it all back into a sum, print "sum <16 hex digits>", halt.
 *   word(gpa) = gpa * 0x9e3779b97f4a7c15 ^ gpa >> 7
 *   sum = rol(sum, 5) + word, in address order
 */
#include "serial.inc"
	.set	BASE, 0x1000000
	.set	END, 0x5000000
	.code64
	.globl	_start
_start:
	mov	$BASE, %rdi
	mov	$0x9e3779b97f4a7c15, %r8
1:	mov	%rdi, %rax
	imul	%r8, %rax
	mov	%rdi, %rcx
	shr	$7, %rcx
	xor	%rcx, %rax
	mov	%rax, (%rdi)
	add	$8, %rdi
	cmp	$END, %rdi
	jb	1b

	mov	$BASE, %rdi
	xor	%rbx, %rbx
2:	rol	$5, %rbx
	add	(%rdi), %rbx
	add	$8, %rdi
	cmp	$END, %rdi
	jb	2b

	PUTS	msg
	mov	$16, %ecx
3:	rol	$4, %rbx
	mov	%ebx, %eax
	and	$15, %eax
	lea	hex(%rip), %rsi
	mov	(%rsi,%rax), %al
	outb	%al, %dx
	dec	%ecx
	jnz	3b
	mov	$'\n', %al
	outb	%al, %dx
	hlt
msg:	.asciz	"sum "
hex:	.ascii	"0123456789abcdef"
