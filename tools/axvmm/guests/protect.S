/* SPDX-License-Identifier: GPL-2.0 */
/*
 * protect: read, then write GPA 2 MiB, which axvmm maps read-only: the
 * read populates it, the write is a PERMISSION exit, axvmm makes the page
 * writable and resumes, the write completes; prints "protect ok" if it
 * reads back. The read needs a correct read-only NPT leaf (the negative
 * control's swapped RW and US bits make it a supervisor-only leaf).
 */
#include "serial.inc"
	.code64
	.globl	_start
_start:
	mov	$0x200000, %rbx
	mov	(%rbx), %rax
	movq	$0x1234, (%rbx)
	cmpq	$0x1234, (%rbx)
	jne	bad
	PUTS	ok
	hlt
bad:	PUTS	nok
	hlt
ok:	.asciz	"protect ok\n"
nok:	.asciz	"protect bad\n"
