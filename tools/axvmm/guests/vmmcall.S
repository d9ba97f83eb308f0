/* SPDX-License-Identifier: GPL-2.0 */
/* vmmcall: an exit axvcpu_svm does not handle: an error exit (0x81). */
	.code64
	.globl	_start
_start:
	vmmcall
	hlt
