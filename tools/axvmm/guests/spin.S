/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spin: print "go", then increment every word of GPA 16-18 MiB over and
 * over; axvmm unmaps that range from another thread meanwhile, and the
 * guest's next access must end as a NO_AREA fault exit (the vCPU is
 * kicked out of VMRUN, its TLB flushed).
 */
#include "serial.inc"
	.set	BASE, 0x1000000
	.set	END, 0x1200000
	.code64
	.globl	_start
_start:
	PUTS	go
1:	mov	$BASE, %rdi
2:	incq	(%rdi)
	add	$8, %rdi
	cmp	$END, %rdi
	jb	2b
	jmp	1b
go:	.asciz	"go\n"
