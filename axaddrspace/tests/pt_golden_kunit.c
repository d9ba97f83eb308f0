// SPDX-License-Identifier: GPL-2.0
/*
 * Golden values for the page-table engine: raw entry encodings, root
 * register values and the entries the engine really writes into its
 * tables, checked against 64-bit literals derived by hand from the
 * architecture manuals and the project's documented design decisions,
 * independently of the encoders in arch/.
 *
 * Sources quoted in the comments:
 *  SDM  Intel SDM vol. 3C, "EPT Translation Mechanism" (entry formats),
 *       "EPT and Memory Typing" and "Extended-Page-Table Pointer (EPTP)".
 *  APM  AMD APM vol. 2, "Nested Paging" and "Long-Mode Page Translation"
 *       (P, R/W, U/S, PWT, PCD, PS, NX; PAT index = PAT:PCD:PWT).
 *  ARM  Arm ARM (DDI 0487), VMSAv8-64 stage 2 descriptors (4 KiB granule),
 *       VTTBR_EL2 and VTCR_EL2.
 *  RV   RISC-V privileged spec, hypervisor extension (hgatp, G-stage PTEs)
 *       and Svpbmt (PBMT 0 PMA, 1 NC, 2 IO).
 *  DD   axaddrspace design decisions: which memory type each AXAS_MEM_*
 *       selects, which bits are always set, which prot sets are refused.
 *
 * The fixed output addresses have high bits set to catch masking errors:
 * 4 KiB 0x0000123456789000, 2 MiB 0x0000123456600000, 1 GiB
 * 0x0000123440000000.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/rcupdate.h>

#include "axaddrspace/pt.h"

/* Output addresses of the golden leaves, per level. */
#define HPA_4K			0x0000123456789000ULL
#define HPA_2M			0x0000123456600000ULL
#define HPA_1G			0x0000123440000000ULL

/* Shorthands for the golden tables: prot as R/W/X columns, memory type. */
#define P___			0
#define PR__			AXAS_PROT_READ
#define P_W_			AXAS_PROT_WRITE
#define PRW_			(AXAS_PROT_READ | AXAS_PROT_WRITE)
#define P__X			AXAS_PROT_EXEC
#define PR_X			(AXAS_PROT_READ | AXAS_PROT_EXEC)
#define P_WX			(AXAS_PROT_WRITE | AXAS_PROT_EXEC)
#define PRWX			(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC)
#define M_WB			AXAS_MEM_WB
#define M_NC			AXAS_MEM_NC
#define M_DEV			AXAS_MEM_DEVICE

#define NR_LEVELS		3	/* 4 KiB, 2 MiB, 1 GiB */
#define NR_PROTS		8
#define NR_MEMS			3
#define NR_GOLDEN		(NR_LEVELS * NR_PROTS * NR_MEMS)

/*
 * One leaf encoding: axpt_encode_leaf(HPA of @level, AXPT_ATTR(@prot, @mem),
 * @level) must give @pte, or -EINVAL when !@ok. Tables list level, then
 * prot, then memory type, in increasing order (checked at run time).
 */
struct pt_golden {
	u8 level;
	u8 prot;
	u8 mem;
	bool ok;
	u64 pte;
};

#define GOOD(l, p, m, v)	{ .level = l, .prot = p, .mem = m, .ok = true, .pte = v }
#define BAD(l, p, m)		{ .level = l, .prot = p, .mem = m, .ok = false }

/*
 * Intel EPT leaves [SDM]: R bit 0, W bit 1, X bit 2, memory type 5:3,
 * IPAT bit 6, PS bit 7 (2 MiB PDE / 1 GiB PDPTE), address 51:12.
 * [DD]: WB -> MT 6, NC -> MT 1 (WC), DEVICE -> MT 0 (UC); IPAT always;
 * A/D clear; W without R refused (an EPT misconfiguration [SDM]); prot 0
 * refused (not present); X-only accepted.
 */
static const struct pt_golden ept_golden[NR_GOLDEN] = {
	BAD(0, P___, M_WB),				/* -EINVAL: no access */
	BAD(0, P___, M_NC),				/* -EINVAL: no access */
	BAD(0, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(0, PR__, M_WB,  0x0000123456789071ULL),	/* R MT=6 WB IPAT */
	GOOD(0, PR__, M_NC,  0x0000123456789049ULL),	/* R MT=1 WC IPAT */
	GOOD(0, PR__, M_DEV, 0x0000123456789041ULL),	/* R MT=0 UC IPAT */
	BAD(0, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(0, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(0, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(0, PRW_, M_WB,  0x0000123456789073ULL),	/* R W MT=6 WB IPAT */
	GOOD(0, PRW_, M_NC,  0x000012345678904bULL),	/* R W MT=1 WC IPAT */
	GOOD(0, PRW_, M_DEV, 0x0000123456789043ULL),	/* R W MT=0 UC IPAT */
	GOOD(0, P__X, M_WB,  0x0000123456789074ULL),	/* X MT=6 WB IPAT */
	GOOD(0, P__X, M_NC,  0x000012345678904cULL),	/* X MT=1 WC IPAT */
	GOOD(0, P__X, M_DEV, 0x0000123456789044ULL),	/* X MT=0 UC IPAT */
	GOOD(0, PR_X, M_WB,  0x0000123456789075ULL),	/* R X MT=6 WB IPAT */
	GOOD(0, PR_X, M_NC,  0x000012345678904dULL),	/* R X MT=1 WC IPAT */
	GOOD(0, PR_X, M_DEV, 0x0000123456789045ULL),	/* R X MT=0 UC IPAT */
	BAD(0, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(0, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(0, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(0, PRWX, M_WB,  0x0000123456789077ULL),	/* R W X MT=6 WB IPAT */
	GOOD(0, PRWX, M_NC,  0x000012345678904fULL),	/* R W X MT=1 WC IPAT */
	GOOD(0, PRWX, M_DEV, 0x0000123456789047ULL),	/* R W X MT=0 UC IPAT */
	BAD(1, P___, M_WB),				/* -EINVAL: no access */
	BAD(1, P___, M_NC),				/* -EINVAL: no access */
	BAD(1, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(1, PR__, M_WB,  0x00001234566000f1ULL),	/* R MT=6 WB IPAT PS */
	GOOD(1, PR__, M_NC,  0x00001234566000c9ULL),	/* R MT=1 WC IPAT PS */
	GOOD(1, PR__, M_DEV, 0x00001234566000c1ULL),	/* R MT=0 UC IPAT PS */
	BAD(1, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(1, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(1, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(1, PRW_, M_WB,  0x00001234566000f3ULL),	/* R W MT=6 WB IPAT PS */
	GOOD(1, PRW_, M_NC,  0x00001234566000cbULL),	/* R W MT=1 WC IPAT PS */
	GOOD(1, PRW_, M_DEV, 0x00001234566000c3ULL),	/* R W MT=0 UC IPAT PS */
	GOOD(1, P__X, M_WB,  0x00001234566000f4ULL),	/* X MT=6 WB IPAT PS */
	GOOD(1, P__X, M_NC,  0x00001234566000ccULL),	/* X MT=1 WC IPAT PS */
	GOOD(1, P__X, M_DEV, 0x00001234566000c4ULL),	/* X MT=0 UC IPAT PS */
	GOOD(1, PR_X, M_WB,  0x00001234566000f5ULL),	/* R X MT=6 WB IPAT PS */
	GOOD(1, PR_X, M_NC,  0x00001234566000cdULL),	/* R X MT=1 WC IPAT PS */
	GOOD(1, PR_X, M_DEV, 0x00001234566000c5ULL),	/* R X MT=0 UC IPAT PS */
	BAD(1, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(1, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(1, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(1, PRWX, M_WB,  0x00001234566000f7ULL),	/* R W X MT=6 WB IPAT PS */
	GOOD(1, PRWX, M_NC,  0x00001234566000cfULL),	/* R W X MT=1 WC IPAT PS */
	GOOD(1, PRWX, M_DEV, 0x00001234566000c7ULL),	/* R W X MT=0 UC IPAT PS */
	BAD(2, P___, M_WB),				/* -EINVAL: no access */
	BAD(2, P___, M_NC),				/* -EINVAL: no access */
	BAD(2, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(2, PR__, M_WB,  0x00001234400000f1ULL),	/* R MT=6 WB IPAT PS */
	GOOD(2, PR__, M_NC,  0x00001234400000c9ULL),	/* R MT=1 WC IPAT PS */
	GOOD(2, PR__, M_DEV, 0x00001234400000c1ULL),	/* R MT=0 UC IPAT PS */
	BAD(2, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(2, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(2, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(2, PRW_, M_WB,  0x00001234400000f3ULL),	/* R W MT=6 WB IPAT PS */
	GOOD(2, PRW_, M_NC,  0x00001234400000cbULL),	/* R W MT=1 WC IPAT PS */
	GOOD(2, PRW_, M_DEV, 0x00001234400000c3ULL),	/* R W MT=0 UC IPAT PS */
	GOOD(2, P__X, M_WB,  0x00001234400000f4ULL),	/* X MT=6 WB IPAT PS */
	GOOD(2, P__X, M_NC,  0x00001234400000ccULL),	/* X MT=1 WC IPAT PS */
	GOOD(2, P__X, M_DEV, 0x00001234400000c4ULL),	/* X MT=0 UC IPAT PS */
	GOOD(2, PR_X, M_WB,  0x00001234400000f5ULL),	/* R X MT=6 WB IPAT PS */
	GOOD(2, PR_X, M_NC,  0x00001234400000cdULL),	/* R X MT=1 WC IPAT PS */
	GOOD(2, PR_X, M_DEV, 0x00001234400000c5ULL),	/* R X MT=0 UC IPAT PS */
	BAD(2, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(2, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(2, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(2, PRWX, M_WB,  0x00001234400000f7ULL),	/* R W X MT=6 WB IPAT PS */
	GOOD(2, PRWX, M_NC,  0x00001234400000cfULL),	/* R W X MT=1 WC IPAT PS */
	GOOD(2, PRWX, M_DEV, 0x00001234400000c7ULL),	/* R W X MT=0 UC IPAT PS */
};

/*
 * AMD NPT leaves [APM]: P bit 0, R/W bit 1, U/S bit 2, PWT bit 3, PCD bit 4,
 * PS bit 7 (2 MiB PDE / 1 GiB PDPE), PAT bit 12 on large pages, address
 * 51:12, NX bit 63. [DD]: P and U/S always; R/W when WRITE; WB -> PAT index
 * 0 (no PWT/PCD), NC -> index 1 (PWT; WC in the Linux host PAT), DEVICE ->
 * index 3 (PCD PWT; UC); large-page PAT clear; A/D clear; NX unless EXEC;
 * READ required (a present x86 entry is always readable).
 */
static const struct pt_golden npt_golden[NR_GOLDEN] = {
	BAD(0, P___, M_WB),				/* -EINVAL: READ required */
	BAD(0, P___, M_NC),				/* -EINVAL: READ required */
	BAD(0, P___, M_DEV),				/* -EINVAL: READ required */
	GOOD(0, PR__, M_WB,  0x8000123456789005ULL),	/* P US NX */
	GOOD(0, PR__, M_NC,  0x800012345678900dULL),	/* P US PWT NX */
	GOOD(0, PR__, M_DEV, 0x800012345678901dULL),	/* P US PCD PWT NX */
	BAD(0, P_W_, M_WB),				/* -EINVAL: READ required */
	BAD(0, P_W_, M_NC),				/* -EINVAL: READ required */
	BAD(0, P_W_, M_DEV),				/* -EINVAL: READ required */
	GOOD(0, PRW_, M_WB,  0x8000123456789007ULL),	/* P RW US NX */
	GOOD(0, PRW_, M_NC,  0x800012345678900fULL),	/* P RW US PWT NX */
	GOOD(0, PRW_, M_DEV, 0x800012345678901fULL),	/* P RW US PCD PWT NX */
	BAD(0, P__X, M_WB),				/* -EINVAL: READ required */
	BAD(0, P__X, M_NC),				/* -EINVAL: READ required */
	BAD(0, P__X, M_DEV),				/* -EINVAL: READ required */
	GOOD(0, PR_X, M_WB,  0x0000123456789005ULL),	/* P US */
	GOOD(0, PR_X, M_NC,  0x000012345678900dULL),	/* P US PWT */
	GOOD(0, PR_X, M_DEV, 0x000012345678901dULL),	/* P US PCD PWT */
	BAD(0, P_WX, M_WB),				/* -EINVAL: READ required */
	BAD(0, P_WX, M_NC),				/* -EINVAL: READ required */
	BAD(0, P_WX, M_DEV),				/* -EINVAL: READ required */
	GOOD(0, PRWX, M_WB,  0x0000123456789007ULL),	/* P RW US */
	GOOD(0, PRWX, M_NC,  0x000012345678900fULL),	/* P RW US PWT */
	GOOD(0, PRWX, M_DEV, 0x000012345678901fULL),	/* P RW US PCD PWT */
	BAD(1, P___, M_WB),				/* -EINVAL: READ required */
	BAD(1, P___, M_NC),				/* -EINVAL: READ required */
	BAD(1, P___, M_DEV),				/* -EINVAL: READ required */
	GOOD(1, PR__, M_WB,  0x8000123456600085ULL),	/* P US PS NX */
	GOOD(1, PR__, M_NC,  0x800012345660008dULL),	/* P US PWT PS NX */
	GOOD(1, PR__, M_DEV, 0x800012345660009dULL),	/* P US PCD PWT PS NX */
	BAD(1, P_W_, M_WB),				/* -EINVAL: READ required */
	BAD(1, P_W_, M_NC),				/* -EINVAL: READ required */
	BAD(1, P_W_, M_DEV),				/* -EINVAL: READ required */
	GOOD(1, PRW_, M_WB,  0x8000123456600087ULL),	/* P RW US PS NX */
	GOOD(1, PRW_, M_NC,  0x800012345660008fULL),	/* P RW US PWT PS NX */
	GOOD(1, PRW_, M_DEV, 0x800012345660009fULL),	/* P RW US PCD PWT PS NX */
	BAD(1, P__X, M_WB),				/* -EINVAL: READ required */
	BAD(1, P__X, M_NC),				/* -EINVAL: READ required */
	BAD(1, P__X, M_DEV),				/* -EINVAL: READ required */
	GOOD(1, PR_X, M_WB,  0x0000123456600085ULL),	/* P US PS */
	GOOD(1, PR_X, M_NC,  0x000012345660008dULL),	/* P US PWT PS */
	GOOD(1, PR_X, M_DEV, 0x000012345660009dULL),	/* P US PCD PWT PS */
	BAD(1, P_WX, M_WB),				/* -EINVAL: READ required */
	BAD(1, P_WX, M_NC),				/* -EINVAL: READ required */
	BAD(1, P_WX, M_DEV),				/* -EINVAL: READ required */
	GOOD(1, PRWX, M_WB,  0x0000123456600087ULL),	/* P RW US PS */
	GOOD(1, PRWX, M_NC,  0x000012345660008fULL),	/* P RW US PWT PS */
	GOOD(1, PRWX, M_DEV, 0x000012345660009fULL),	/* P RW US PCD PWT PS */
	BAD(2, P___, M_WB),				/* -EINVAL: READ required */
	BAD(2, P___, M_NC),				/* -EINVAL: READ required */
	BAD(2, P___, M_DEV),				/* -EINVAL: READ required */
	GOOD(2, PR__, M_WB,  0x8000123440000085ULL),	/* P US PS NX */
	GOOD(2, PR__, M_NC,  0x800012344000008dULL),	/* P US PWT PS NX */
	GOOD(2, PR__, M_DEV, 0x800012344000009dULL),	/* P US PCD PWT PS NX */
	BAD(2, P_W_, M_WB),				/* -EINVAL: READ required */
	BAD(2, P_W_, M_NC),				/* -EINVAL: READ required */
	BAD(2, P_W_, M_DEV),				/* -EINVAL: READ required */
	GOOD(2, PRW_, M_WB,  0x8000123440000087ULL),	/* P RW US PS NX */
	GOOD(2, PRW_, M_NC,  0x800012344000008fULL),	/* P RW US PWT PS NX */
	GOOD(2, PRW_, M_DEV, 0x800012344000009fULL),	/* P RW US PCD PWT PS NX */
	BAD(2, P__X, M_WB),				/* -EINVAL: READ required */
	BAD(2, P__X, M_NC),				/* -EINVAL: READ required */
	BAD(2, P__X, M_DEV),				/* -EINVAL: READ required */
	GOOD(2, PR_X, M_WB,  0x0000123440000085ULL),	/* P US PS */
	GOOD(2, PR_X, M_NC,  0x000012344000008dULL),	/* P US PWT PS */
	GOOD(2, PR_X, M_DEV, 0x000012344000009dULL),	/* P US PCD PWT PS */
	BAD(2, P_WX, M_WB),				/* -EINVAL: READ required */
	BAD(2, P_WX, M_NC),				/* -EINVAL: READ required */
	BAD(2, P_WX, M_DEV),				/* -EINVAL: READ required */
	GOOD(2, PRWX, M_WB,  0x0000123440000087ULL),	/* P RW US PS */
	GOOD(2, PRWX, M_NC,  0x000012344000008fULL),	/* P RW US PWT PS */
	GOOD(2, PRWX, M_DEV, 0x000012344000009fULL),	/* P RW US PCD PWT PS */
};

/*
 * Arm stage 2 leaves [ARM]: bits 1:0 0b11 page (4 KiB) / 0b01 block
 * (2 MiB, 1 GiB), MemAttr 5:2 (0b1111 Normal WB, 0b0101 Normal NC, 0b0001
 * Device-nGnRE), S2AP 7:6 (bit 6 read, bit 7 write), SH 9:8 (0b11 inner
 * shareable), AF bit 10, XN bit 54, address 47:12. [DD]: the MemAttr per
 * AXAS_MEM_*, SH 0b11 and AF always; any non-zero prot accepted.
 */
static const struct pt_golden arm_golden[NR_GOLDEN] = {
	BAD(0, P___, M_WB),				/* -EINVAL: no access */
	BAD(0, P___, M_NC),				/* -EINVAL: no access */
	BAD(0, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(0, PR__, M_WB,  0x004012345678977fULL),	/* page MA=1111 S2AP=R SH=11 AF XN */
	GOOD(0, PR__, M_NC,  0x0040123456789757ULL),	/* page MA=0101 S2AP=R SH=11 AF XN */
	GOOD(0, PR__, M_DEV, 0x0040123456789747ULL),	/* page MA=0001 S2AP=R SH=11 AF XN */
	GOOD(0, P_W_, M_WB,  0x00401234567897bfULL),	/* page MA=1111 S2AP=W SH=11 AF XN */
	GOOD(0, P_W_, M_NC,  0x0040123456789797ULL),	/* page MA=0101 S2AP=W SH=11 AF XN */
	GOOD(0, P_W_, M_DEV, 0x0040123456789787ULL),	/* page MA=0001 S2AP=W SH=11 AF XN */
	GOOD(0, PRW_, M_WB,  0x00401234567897ffULL),	/* page MA=1111 S2AP=RW SH=11 AF XN */
	GOOD(0, PRW_, M_NC,  0x00401234567897d7ULL),	/* page MA=0101 S2AP=RW SH=11 AF XN */
	GOOD(0, PRW_, M_DEV, 0x00401234567897c7ULL),	/* page MA=0001 S2AP=RW SH=11 AF XN */
	GOOD(0, P__X, M_WB,  0x000012345678973fULL),	/* page MA=1111 SH=11 AF */
	GOOD(0, P__X, M_NC,  0x0000123456789717ULL),	/* page MA=0101 SH=11 AF */
	GOOD(0, P__X, M_DEV, 0x0000123456789707ULL),	/* page MA=0001 SH=11 AF */
	GOOD(0, PR_X, M_WB,  0x000012345678977fULL),	/* page MA=1111 S2AP=R SH=11 AF */
	GOOD(0, PR_X, M_NC,  0x0000123456789757ULL),	/* page MA=0101 S2AP=R SH=11 AF */
	GOOD(0, PR_X, M_DEV, 0x0000123456789747ULL),	/* page MA=0001 S2AP=R SH=11 AF */
	GOOD(0, P_WX, M_WB,  0x00001234567897bfULL),	/* page MA=1111 S2AP=W SH=11 AF */
	GOOD(0, P_WX, M_NC,  0x0000123456789797ULL),	/* page MA=0101 S2AP=W SH=11 AF */
	GOOD(0, P_WX, M_DEV, 0x0000123456789787ULL),	/* page MA=0001 S2AP=W SH=11 AF */
	GOOD(0, PRWX, M_WB,  0x00001234567897ffULL),	/* page MA=1111 S2AP=RW SH=11 AF */
	GOOD(0, PRWX, M_NC,  0x00001234567897d7ULL),	/* page MA=0101 S2AP=RW SH=11 AF */
	GOOD(0, PRWX, M_DEV, 0x00001234567897c7ULL),	/* page MA=0001 S2AP=RW SH=11 AF */
	BAD(1, P___, M_WB),				/* -EINVAL: no access */
	BAD(1, P___, M_NC),				/* -EINVAL: no access */
	BAD(1, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(1, PR__, M_WB,  0x004012345660077dULL),	/* block MA=1111 S2AP=R SH=11 AF XN */
	GOOD(1, PR__, M_NC,  0x0040123456600755ULL),	/* block MA=0101 S2AP=R SH=11 AF XN */
	GOOD(1, PR__, M_DEV, 0x0040123456600745ULL),	/* block MA=0001 S2AP=R SH=11 AF XN */
	GOOD(1, P_W_, M_WB,  0x00401234566007bdULL),	/* block MA=1111 S2AP=W SH=11 AF XN */
	GOOD(1, P_W_, M_NC,  0x0040123456600795ULL),	/* block MA=0101 S2AP=W SH=11 AF XN */
	GOOD(1, P_W_, M_DEV, 0x0040123456600785ULL),	/* block MA=0001 S2AP=W SH=11 AF XN */
	GOOD(1, PRW_, M_WB,  0x00401234566007fdULL),	/* block MA=1111 S2AP=RW SH=11 AF XN */
	GOOD(1, PRW_, M_NC,  0x00401234566007d5ULL),	/* block MA=0101 S2AP=RW SH=11 AF XN */
	GOOD(1, PRW_, M_DEV, 0x00401234566007c5ULL),	/* block MA=0001 S2AP=RW SH=11 AF XN */
	GOOD(1, P__X, M_WB,  0x000012345660073dULL),	/* block MA=1111 SH=11 AF */
	GOOD(1, P__X, M_NC,  0x0000123456600715ULL),	/* block MA=0101 SH=11 AF */
	GOOD(1, P__X, M_DEV, 0x0000123456600705ULL),	/* block MA=0001 SH=11 AF */
	GOOD(1, PR_X, M_WB,  0x000012345660077dULL),	/* block MA=1111 S2AP=R SH=11 AF */
	GOOD(1, PR_X, M_NC,  0x0000123456600755ULL),	/* block MA=0101 S2AP=R SH=11 AF */
	GOOD(1, PR_X, M_DEV, 0x0000123456600745ULL),	/* block MA=0001 S2AP=R SH=11 AF */
	GOOD(1, P_WX, M_WB,  0x00001234566007bdULL),	/* block MA=1111 S2AP=W SH=11 AF */
	GOOD(1, P_WX, M_NC,  0x0000123456600795ULL),	/* block MA=0101 S2AP=W SH=11 AF */
	GOOD(1, P_WX, M_DEV, 0x0000123456600785ULL),	/* block MA=0001 S2AP=W SH=11 AF */
	GOOD(1, PRWX, M_WB,  0x00001234566007fdULL),	/* block MA=1111 S2AP=RW SH=11 AF */
	GOOD(1, PRWX, M_NC,  0x00001234566007d5ULL),	/* block MA=0101 S2AP=RW SH=11 AF */
	GOOD(1, PRWX, M_DEV, 0x00001234566007c5ULL),	/* block MA=0001 S2AP=RW SH=11 AF */
	BAD(2, P___, M_WB),				/* -EINVAL: no access */
	BAD(2, P___, M_NC),				/* -EINVAL: no access */
	BAD(2, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(2, PR__, M_WB,  0x004012344000077dULL),	/* block MA=1111 S2AP=R SH=11 AF XN */
	GOOD(2, PR__, M_NC,  0x0040123440000755ULL),	/* block MA=0101 S2AP=R SH=11 AF XN */
	GOOD(2, PR__, M_DEV, 0x0040123440000745ULL),	/* block MA=0001 S2AP=R SH=11 AF XN */
	GOOD(2, P_W_, M_WB,  0x00401234400007bdULL),	/* block MA=1111 S2AP=W SH=11 AF XN */
	GOOD(2, P_W_, M_NC,  0x0040123440000795ULL),	/* block MA=0101 S2AP=W SH=11 AF XN */
	GOOD(2, P_W_, M_DEV, 0x0040123440000785ULL),	/* block MA=0001 S2AP=W SH=11 AF XN */
	GOOD(2, PRW_, M_WB,  0x00401234400007fdULL),	/* block MA=1111 S2AP=RW SH=11 AF XN */
	GOOD(2, PRW_, M_NC,  0x00401234400007d5ULL),	/* block MA=0101 S2AP=RW SH=11 AF XN */
	GOOD(2, PRW_, M_DEV, 0x00401234400007c5ULL),	/* block MA=0001 S2AP=RW SH=11 AF XN */
	GOOD(2, P__X, M_WB,  0x000012344000073dULL),	/* block MA=1111 SH=11 AF */
	GOOD(2, P__X, M_NC,  0x0000123440000715ULL),	/* block MA=0101 SH=11 AF */
	GOOD(2, P__X, M_DEV, 0x0000123440000705ULL),	/* block MA=0001 SH=11 AF */
	GOOD(2, PR_X, M_WB,  0x000012344000077dULL),	/* block MA=1111 S2AP=R SH=11 AF */
	GOOD(2, PR_X, M_NC,  0x0000123440000755ULL),	/* block MA=0101 S2AP=R SH=11 AF */
	GOOD(2, PR_X, M_DEV, 0x0000123440000745ULL),	/* block MA=0001 S2AP=R SH=11 AF */
	GOOD(2, P_WX, M_WB,  0x00001234400007bdULL),	/* block MA=1111 S2AP=W SH=11 AF */
	GOOD(2, P_WX, M_NC,  0x0000123440000795ULL),	/* block MA=0101 S2AP=W SH=11 AF */
	GOOD(2, P_WX, M_DEV, 0x0000123440000785ULL),	/* block MA=0001 S2AP=W SH=11 AF */
	GOOD(2, PRWX, M_WB,  0x00001234400007fdULL),	/* block MA=1111 S2AP=RW SH=11 AF */
	GOOD(2, PRWX, M_NC,  0x00001234400007d5ULL),	/* block MA=0101 S2AP=RW SH=11 AF */
	GOOD(2, PRWX, M_DEV, 0x00001234400007c5ULL),	/* block MA=0001 S2AP=RW SH=11 AF */
};

/*
 * RISC-V G-stage leaves [RV]: V bit 0, R 1, W 2, X 3, U bit 4 (must be 1 in
 * G-stage leaves), A bit 6, D bit 7, PPN 53:10 (= hpa >> 12 << 10), PBMT
 * 62:61 (0 PMA, 1 NC, 2 IO); no size bit, the level alone gives the size.
 * [DD]: U and A always, D when WRITE (no Svadu: hardware would fault);
 * WB -> PBMT 0, NC -> 1, DEVICE -> 2; W without R refused (reserved [RV]);
 * prot 0 refused; X-only accepted.
 */
static const struct pt_golden riscv_golden[NR_GOLDEN] = {
	BAD(0, P___, M_WB),				/* -EINVAL: no access */
	BAD(0, P___, M_NC),				/* -EINVAL: no access */
	BAD(0, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(0, PR__, M_WB,  0x0000048d159e2453ULL),	/* V R U A PBMT=0 */
	GOOD(0, PR__, M_NC,  0x2000048d159e2453ULL),	/* V R U A PBMT=NC */
	GOOD(0, PR__, M_DEV, 0x4000048d159e2453ULL),	/* V R U A PBMT=IO */
	BAD(0, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(0, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(0, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(0, PRW_, M_WB,  0x0000048d159e24d7ULL),	/* V R W U A D PBMT=0 */
	GOOD(0, PRW_, M_NC,  0x2000048d159e24d7ULL),	/* V R W U A D PBMT=NC */
	GOOD(0, PRW_, M_DEV, 0x4000048d159e24d7ULL),	/* V R W U A D PBMT=IO */
	GOOD(0, P__X, M_WB,  0x0000048d159e2459ULL),	/* V X U A PBMT=0 */
	GOOD(0, P__X, M_NC,  0x2000048d159e2459ULL),	/* V X U A PBMT=NC */
	GOOD(0, P__X, M_DEV, 0x4000048d159e2459ULL),	/* V X U A PBMT=IO */
	GOOD(0, PR_X, M_WB,  0x0000048d159e245bULL),	/* V R X U A PBMT=0 */
	GOOD(0, PR_X, M_NC,  0x2000048d159e245bULL),	/* V R X U A PBMT=NC */
	GOOD(0, PR_X, M_DEV, 0x4000048d159e245bULL),	/* V R X U A PBMT=IO */
	BAD(0, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(0, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(0, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(0, PRWX, M_WB,  0x0000048d159e24dfULL),	/* V R W X U A D PBMT=0 */
	GOOD(0, PRWX, M_NC,  0x2000048d159e24dfULL),	/* V R W X U A D PBMT=NC */
	GOOD(0, PRWX, M_DEV, 0x4000048d159e24dfULL),	/* V R W X U A D PBMT=IO */
	BAD(1, P___, M_WB),				/* -EINVAL: no access */
	BAD(1, P___, M_NC),				/* -EINVAL: no access */
	BAD(1, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(1, PR__, M_WB,  0x0000048d15980053ULL),	/* V R U A PBMT=0 */
	GOOD(1, PR__, M_NC,  0x2000048d15980053ULL),	/* V R U A PBMT=NC */
	GOOD(1, PR__, M_DEV, 0x4000048d15980053ULL),	/* V R U A PBMT=IO */
	BAD(1, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(1, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(1, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(1, PRW_, M_WB,  0x0000048d159800d7ULL),	/* V R W U A D PBMT=0 */
	GOOD(1, PRW_, M_NC,  0x2000048d159800d7ULL),	/* V R W U A D PBMT=NC */
	GOOD(1, PRW_, M_DEV, 0x4000048d159800d7ULL),	/* V R W U A D PBMT=IO */
	GOOD(1, P__X, M_WB,  0x0000048d15980059ULL),	/* V X U A PBMT=0 */
	GOOD(1, P__X, M_NC,  0x2000048d15980059ULL),	/* V X U A PBMT=NC */
	GOOD(1, P__X, M_DEV, 0x4000048d15980059ULL),	/* V X U A PBMT=IO */
	GOOD(1, PR_X, M_WB,  0x0000048d1598005bULL),	/* V R X U A PBMT=0 */
	GOOD(1, PR_X, M_NC,  0x2000048d1598005bULL),	/* V R X U A PBMT=NC */
	GOOD(1, PR_X, M_DEV, 0x4000048d1598005bULL),	/* V R X U A PBMT=IO */
	BAD(1, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(1, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(1, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(1, PRWX, M_WB,  0x0000048d159800dfULL),	/* V R W X U A D PBMT=0 */
	GOOD(1, PRWX, M_NC,  0x2000048d159800dfULL),	/* V R W X U A D PBMT=NC */
	GOOD(1, PRWX, M_DEV, 0x4000048d159800dfULL),	/* V R W X U A D PBMT=IO */
	BAD(2, P___, M_WB),				/* -EINVAL: no access */
	BAD(2, P___, M_NC),				/* -EINVAL: no access */
	BAD(2, P___, M_DEV),				/* -EINVAL: no access */
	GOOD(2, PR__, M_WB,  0x0000048d10000053ULL),	/* V R U A PBMT=0 */
	GOOD(2, PR__, M_NC,  0x2000048d10000053ULL),	/* V R U A PBMT=NC */
	GOOD(2, PR__, M_DEV, 0x4000048d10000053ULL),	/* V R U A PBMT=IO */
	BAD(2, P_W_, M_WB),				/* -EINVAL: W without R */
	BAD(2, P_W_, M_NC),				/* -EINVAL: W without R */
	BAD(2, P_W_, M_DEV),				/* -EINVAL: W without R */
	GOOD(2, PRW_, M_WB,  0x0000048d100000d7ULL),	/* V R W U A D PBMT=0 */
	GOOD(2, PRW_, M_NC,  0x2000048d100000d7ULL),	/* V R W U A D PBMT=NC */
	GOOD(2, PRW_, M_DEV, 0x4000048d100000d7ULL),	/* V R W U A D PBMT=IO */
	GOOD(2, P__X, M_WB,  0x0000048d10000059ULL),	/* V X U A PBMT=0 */
	GOOD(2, P__X, M_NC,  0x2000048d10000059ULL),	/* V X U A PBMT=NC */
	GOOD(2, P__X, M_DEV, 0x4000048d10000059ULL),	/* V X U A PBMT=IO */
	GOOD(2, PR_X, M_WB,  0x0000048d1000005bULL),	/* V R X U A PBMT=0 */
	GOOD(2, PR_X, M_NC,  0x2000048d1000005bULL),	/* V R X U A PBMT=NC */
	GOOD(2, PR_X, M_DEV, 0x4000048d1000005bULL),	/* V R X U A PBMT=IO */
	BAD(2, P_WX, M_WB),				/* -EINVAL: W without R */
	BAD(2, P_WX, M_NC),				/* -EINVAL: W without R */
	BAD(2, P_WX, M_DEV),				/* -EINVAL: W without R */
	GOOD(2, PRWX, M_WB,  0x0000048d100000dfULL),	/* V R W X U A D PBMT=0 */
	GOOD(2, PRWX, M_NC,  0x2000048d100000dfULL),	/* V R W X U A D PBMT=NC */
	GOOD(2, PRWX, M_DEV, 0x4000048d100000dfULL),	/* V R W X U A D PBMT=IO */
};

/*
 * What else is golden per format.
 * @max_oas: widest output address the entry format holds.
 * @top_hpa: the highest output address aligned for each level.
 * @top_pte: its leaf with AXPT_ATTR(PRW_, M_WB) (all address bits set).
 * @table_pte: encode_table(HPA_4K); @table_top_pte: encode_table(top_hpa[0]).
 * @addr_mask, @addr_lshift: a table entry's address is
 *	(pte & @addr_mask) << @addr_lshift.
 * @table_bits: every other bit of a table entry, literally.
 */
struct golden_fmt {
	u32 id;
	const char *name;
	const struct pt_golden *leaf;
	u8 max_oas;
	u64 top_hpa[NR_LEVELS];
	u64 top_pte[NR_LEVELS];
	u64 table_pte;
	u64 table_top_pte;
	u64 addr_mask;
	unsigned int addr_lshift;
	u64 table_bits;
};

static const struct golden_fmt golden_fmts[] = {
	{
		.id = AXAS_FORMAT_INTEL_EPT,
		.name = "ept",
		.leaf = ept_golden,
		/* [SDM] address bits (N-1):12 with MAXPHYADDR N <= 52 */
		.max_oas = 52,
		.top_hpa = {
			0x000ffffffffff000ULL,	/* bits 51:12 */
			0x000fffffffe00000ULL,	/* bits 51:21 */
			0x000fffffc0000000ULL,	/* bits 51:30 */
		},
		.top_pte = {
			0x000ffffffffff073ULL,	/* 51:12, R W, MT=6, IPAT */
			0x000fffffffe000f3ULL,	/* 51:21, R W, MT=6, IPAT, PS */
			0x000fffffc00000f3ULL,	/* 51:30, R W, MT=6, IPAT, PS */
		},
		/* [DD] table entry: R W X (bits 2:0, "present" [SDM]) */
		.table_pte = 0x0000123456789007ULL,
		.table_top_pte = 0x000ffffffffff007ULL,
		.addr_mask = 0x000ffffffffff000ULL,	/* 51:12 [SDM] */
		.addr_lshift = 0,
		.table_bits = 0x0000000000000007ULL,	/* R W X [DD] */
	},
	{
		.id = AXAS_FORMAT_AMD_NPT,
		.name = "npt",
		.leaf = npt_golden,
		/* [APM] address bits 51:12 */
		.max_oas = 52,
		.top_hpa = {
			0x000ffffffffff000ULL,	/* bits 51:12 */
			0x000fffffffe00000ULL,	/* bits 51:21 */
			0x000fffffc0000000ULL,	/* bits 51:30 */
		},
		.top_pte = {
			0x800ffffffffff007ULL,	/* NX, 51:12, US RW P */
			0x800fffffffe00087ULL,	/* NX, 51:21, PS, US RW P */
			0x800fffffc0000087ULL,	/* NX, 51:30, PS, US RW P */
		},
		/* [DD] table entry: P R/W U/S (U/S must be 1 [APM]) */
		.table_pte = 0x0000123456789007ULL,
		.table_top_pte = 0x000ffffffffff007ULL,
		.addr_mask = 0x000ffffffffff000ULL,	/* 51:12 [APM] */
		.addr_lshift = 0,
		.table_bits = 0x0000000000000007ULL,	/* US RW P [DD] */
	},
	{
		.id = AXAS_FORMAT_ARM_S2,
		.name = "arm-s2",
		.leaf = arm_golden,
		/* [ARM] 4 KiB granule without LPA2: address 47:12 */
		.max_oas = 48,
		.top_hpa = {
			0x0000fffffffff000ULL,	/* bits 47:12 */
			0x0000ffffffe00000ULL,	/* bits 47:21 */
			0x0000ffffc0000000ULL,	/* bits 47:30 */
		},
		.top_pte = {
			0x0040fffffffff7ffULL,	/* XN, 47:12, AF SH=3 S2AP=RW MA=1111 page */
			0x0040ffffffe007fdULL,	/* XN, 47:21, AF SH=3 S2AP=RW MA=1111 block */
			0x0040ffffc00007fdULL,	/* XN, 47:30, AF SH=3 S2AP=RW MA=1111 block */
		},
		/* [ARM] table descriptor: bits 1:0 = 0b11 */
		.table_pte = 0x0000123456789003ULL,
		.table_top_pte = 0x0000fffffffff003ULL,
		.addr_mask = 0x0000fffffffff000ULL,	/* 47:12 [ARM] */
		.addr_lshift = 0,
		.table_bits = 0x0000000000000003ULL,	/* table, valid [ARM] */
	},
	{
		.id = AXAS_FORMAT_RISCV_G,
		.name = "riscv-g",
		.leaf = riscv_golden,
		/* [RV] 44-bit PPN: 56-bit physical addresses */
		.max_oas = 56,
		.top_hpa = {
			0x00fffffffffff000ULL,	/* bits 55:12 */
			0x00ffffffffe00000ULL,	/* bits 55:21 */
			0x00ffffffc0000000ULL,	/* bits 55:30 */
		},
		.top_pte = {
			0x003ffffffffffcd7ULL,	/* PPN 53:10, D A U W R V */
			0x003ffffffff800d7ULL,	/* PPN 53:19, D A U W R V */
			0x003ffffff00000d7ULL,	/* PPN 53:28, D A U W R V */
		},
		/* [RV] non-leaf: V, R=W=X=0, PPN = pa >> 12 at bit 10 */
		.table_pte = 0x0000048d159e2401ULL,
		.table_top_pte = 0x003ffffffffffc01ULL,
		.addr_mask = 0x003ffffffffffc00ULL,	/* PPN 53:10 [RV] */
		.addr_lshift = 2,			/* bit 10 -> bit 12 */
		.table_bits = 0x0000000000000001ULL,	/* V [RV] */
	},
};

static void golden_fmt_desc(const struct golden_fmt *g, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", g->name);
}

KUNIT_ARRAY_PARAM(golden_fmt, golden_fmts, golden_fmt_desc);

static const struct golden_fmt *golden_fmt_of(u32 id)
{
	switch (id) {
	case AXAS_FORMAT_INTEL_EPT:
		return &golden_fmts[0];
	case AXAS_FORMAT_AMD_NPT:
		return &golden_fmts[1];
	case AXAS_FORMAT_ARM_S2:
		return &golden_fmts[2];
	default:
		return &golden_fmts[3];
	}
}

static const struct axpt_format *golden_get_format(struct kunit *test, u32 id)
{
	const struct axpt_format *fmt = axpt_format_get(id);

	KUNIT_ASSERT_NOT_NULL(test, fmt);
	KUNIT_ASSERT_EQ(test, fmt->id, id);
	return fmt;
}

static u64 golden_hpa(unsigned int level)
{
	return level == 0 ? HPA_4K : level == 1 ? HPA_2M : HPA_1G;
}

static const struct pt_golden *golden_lookup(const struct golden_fmt *g,
					     unsigned int level, u32 prot,
					     u32 mem)
{
	return &g->leaf[(level * NR_PROTS + prot) * NR_MEMS + mem];
}

static void golden_check_decode(struct kunit *test,
				const struct axpt_format *fmt, u64 pte,
				u64 hpa, u32 attr, unsigned int level)
{
	struct axpt_leaf leaf = { };
	int ret;

	ret = fmt->decode_leaf(pte, level, &leaf);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "decode %#llx level %u", pte, level);
	KUNIT_EXPECT_EQ_MSG(test, leaf.hpa, hpa, "decode %#llx level %u",
			    pte, level);
	KUNIT_EXPECT_EQ_MSG(test, leaf.attr, attr, "decode %#llx level %u",
			    pte, level);
	KUNIT_EXPECT_EQ_MSG(test, leaf.level, level, "decode %#llx level %u",
			    pte, level);
}

/* 1. Every level x prot x memory type against the golden table. */
static void pt_golden_leaf(struct kunit *test)
{
	const struct golden_fmt *g = test->param_value;
	const struct axpt_format *fmt = golden_get_format(test, g->id);
	unsigned int i, accepted = 0, refused = 0;

	for (i = 0; i < NR_GOLDEN; i++) {
		const struct pt_golden *e = &g->leaf[i];
		u32 attr = AXPT_ATTR(e->prot, e->mem);
		u64 hpa = golden_hpa(e->level), pte = 0;
		int ret;

		/* The table itself is complete and in order. */
		KUNIT_ASSERT_EQ(test, e->level, i / (NR_PROTS * NR_MEMS));
		KUNIT_ASSERT_EQ(test, e->prot, (i / NR_MEMS) % NR_PROTS);
		KUNIT_ASSERT_EQ(test, e->mem, i % NR_MEMS);

		ret = axpt_encode_leaf(fmt, hpa, attr, e->level, &pte);
		/*
		 * The table says what the format can express; the engine
		 * also refuses executable device memory in every format.
		 */
		if (!e->ok || (e->mem == AXAS_MEM_DEVICE && (e->prot & AXAS_PROT_EXEC))) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL,
					    "level %u prot %u mem %u: pte %#llx",
					    e->level, e->prot, e->mem, pte);
			refused++;
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, 0, "level %u prot %u mem %u",
				    e->level, e->prot, e->mem);
		if (ret)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, pte, e->pte, "level %u prot %u mem %u",
				    e->level, e->prot, e->mem);
		golden_check_decode(test, fmt, pte, hpa, attr, e->level);
		accepted++;
	}
	kunit_info(test, "%s: %u encodings checked, %u refused", g->name,
		   accepted, refused);
}

/* The highest output address at each level, and one bit beyond it. */
static void pt_golden_leaf_top(struct kunit *test)
{
	const struct golden_fmt *g = test->param_value;
	const struct axpt_format *fmt = golden_get_format(test, g->id);
	u32 attr = AXPT_ATTR(PRW_, M_WB);
	unsigned int level;

	KUNIT_EXPECT_EQ(test, fmt->max_oas, g->max_oas);
	for (level = 0; level < NR_LEVELS; level++) {
		u64 pte = 0;
		int ret;

		ret = axpt_encode_leaf(fmt, g->top_hpa[level], attr, level, &pte);
		KUNIT_EXPECT_EQ_MSG(test, ret, 0, "level %u", level);
		if (ret)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, pte, g->top_pte[level], "level %u",
				    level);
		golden_check_decode(test, fmt, pte, g->top_hpa[level], attr,
				    level);

		/* A bit the entry cannot hold must not be silently dropped. */
		ret = axpt_encode_leaf(fmt, 1ULL << g->max_oas, attr, level,
				       &pte);
		KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "hpa bit %u level %u",
				    g->max_oas, level);
	}
}

static void golden_expect_refused(struct kunit *test,
				  const struct axpt_format *fmt, u64 hpa,
				  u32 attr, unsigned int level)
{
	u64 pte = 0;
	int ret;

	ret = axpt_encode_leaf(fmt, hpa, attr, level, &pte);
	KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL,
			    "hpa %#llx attr %#x level %u: pte %#llx",
			    hpa, attr, level, pte);
}

/* 2. Misaligned addresses, levels beyond 1 GiB, unknown attribute bits. */
static void pt_golden_rejects(struct kunit *test)
{
	const struct golden_fmt *g = test->param_value;
	const struct axpt_format *fmt = golden_get_format(test, g->id);
	u32 attr = AXPT_ATTR(PRW_, M_WB);
	unsigned int bit;

	golden_expect_refused(test, fmt, HPA_4K + 0x800, attr, 0);
	golden_expect_refused(test, fmt, HPA_4K + 0x8, attr, 0);
	golden_expect_refused(test, fmt, HPA_4K, attr, 1);
	golden_expect_refused(test, fmt, HPA_2M + 0x1000, attr, 1);
	golden_expect_refused(test, fmt, HPA_2M + 0x100000, attr, 1);
	golden_expect_refused(test, fmt, HPA_2M, attr, 2);
	golden_expect_refused(test, fmt, HPA_1G + 0x1000, attr, 2);
	golden_expect_refused(test, fmt, HPA_1G + 0x20000000, attr, 2);
	/* 0x0000120000000000 is 512 GiB aligned: only the level is wrong. */
	golden_expect_refused(test, fmt, 0x0000120000000000ULL, attr, 3);
	golden_expect_refused(test, fmt, 0x0000120000000000ULL, attr, 4);
	golden_expect_refused(test, fmt, HPA_4K, attr, ~0U);

	/* Memory type 3 is not an AXAS_MEM_* value. */
	golden_expect_refused(test, fmt, HPA_4K, AXPT_ATTR(PRW_, 3), 0);
	/* Every bit outside AXPT_PROT_MASK | AXPT_MEM_MASK. */
	for (bit = 0; bit < 32; bit++) {
		if (BIT(bit) & AXPT_ATTR_MASK)
			continue;
		golden_expect_refused(test, fmt, HPA_4K, attr | BIT(bit), 0);
		golden_expect_refused(test, fmt, HPA_2M, attr | BIT(bit), 1);
		golden_expect_refused(test, fmt, HPA_1G, attr | BIT(bit), 2);
	}
}

/* Non-leaf entries as encode_table() builds them. */
static void pt_golden_table_entry(struct kunit *test)
{
	const struct golden_fmt *g = test->param_value;
	const struct axpt_format *fmt = golden_get_format(test, g->id);

	KUNIT_EXPECT_EQ(test, fmt->encode_table(HPA_4K), g->table_pte);
	KUNIT_EXPECT_EQ(test, fmt->encode_table(g->top_hpa[0]),
			g->table_top_pte);
}

static int golden_init(struct axpt *pt, u32 format, u32 flags, u8 levels,
		       u8 ias, u8 oas)
{
	struct axpt_cfg cfg = {
		.format = format,
		.flags = flags,
		.levels = levels,
		.ias = ias,
		.oas = oas,
	};

	return axpt_init(pt, &cfg, &axpt_linux_mm_ops, NULL);
}

static void golden_destroy(struct kunit *test, struct axpt *pt,
			   long live_before)
{
	axpt_destroy(pt);
	rcu_barrier();	/* frees may be deferred */
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live_before);
}

/*
 * 3. Root values. x86: EPTP [SDM] = root | 6 (WB, bits 2:0) | (levels - 1)
 * << 3 | A/D enable << 6; nCR3 [APM] = root with PWT = PCD = 0 [DD].
 */
struct golden_x86_root {
	const char *name;
	u32 format;
	u32 flags;
	u8 levels;
	u8 ias;
	u8 exp_levels;
	u8 exp_ias;
	u64 low;	/* root value bits 11:0 */
};

static const struct golden_x86_root golden_x86_roots[] = {
	/* 0x1e: MT 6 (WB) | walk length 3 << 3 (4 levels) */
	{ "ept-default", AXAS_FORMAT_INTEL_EPT, 0, 0, 0, 4, 48, 0x000000000000001eULL },
	{ "ept-4", AXAS_FORMAT_INTEL_EPT, 0, 4, 0, 4, 48, 0x000000000000001eULL },
	{ "ept-ias48", AXAS_FORMAT_INTEL_EPT, 0, 0, 48, 4, 48, 0x000000000000001eULL },
	/* 0x5e: MT 6 | 3 << 3 | A/D enable (bit 6) */
	{ "ept-4-ad", AXAS_FORMAT_INTEL_EPT, AXPT_CFG_EPT_AD, 4, 0, 4, 48,
	  0x000000000000005eULL },
	/* 0x26: MT 6 | walk length 4 << 3 (5 levels, 57-bit GPA) */
	{ "ept-5", AXAS_FORMAT_INTEL_EPT, 0, 5, 0, 5, 57, 0x0000000000000026ULL },
	{ "ept-ias57", AXAS_FORMAT_INTEL_EPT, 0, 0, 57, 5, 57, 0x0000000000000026ULL },
	/* 0x66: MT 6 | 4 << 3 | A/D enable (bit 6) */
	{ "ept-5-ad", AXAS_FORMAT_INTEL_EPT, AXPT_CFG_EPT_AD, 5, 0, 5, 57,
	  0x0000000000000066ULL },
	/* nCR3: the root alone, no PWT/PCD */
	{ "npt-default", AXAS_FORMAT_AMD_NPT, 0, 0, 0, 4, 48, 0x0000000000000000ULL },
	{ "npt-5", AXAS_FORMAT_AMD_NPT, 0, 5, 0, 5, 57, 0x0000000000000000ULL },
	{ "npt-ias57", AXAS_FORMAT_AMD_NPT, 0, 0, 57, 5, 57, 0x0000000000000000ULL },
};

static void golden_x86_root_desc(const struct golden_x86_root *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(golden_x86_root, golden_x86_roots, golden_x86_root_desc);

static void pt_golden_x86_root(struct kunit *test)
{
	const struct golden_x86_root *c = test->param_value;
	long live = axpt_linux_live_pages();
	struct axpt_root r = { };
	struct axpt pt = { };

	KUNIT_ASSERT_EQ(test, golden_init(&pt, c->format, c->flags, c->levels,
					  c->ias, 0), 0);
	KUNIT_EXPECT_EQ(test, pt.levels, c->exp_levels);
	KUNIT_EXPECT_EQ(test, pt.ias, c->exp_ias);
	KUNIT_EXPECT_EQ(test, pt.top_bits, 9);
	KUNIT_EXPECT_EQ(test, pt.root_order, 0);
	KUNIT_EXPECT_EQ(test, (u64)pt.root_pa & 0xfffULL, 0ULL);
	axpt_root_value(&pt, &r);
	KUNIT_EXPECT_EQ(test, r.value, (u64)pt.root_pa | c->low);
	golden_destroy(test, &pt, live);
}

/*
 * Arm: VTTBR_EL2 = root (VMID 0) [ARM], the root aligned to its size when
 * concatenated [ARM]; VTCR_EL2 = T0SZ (64 - ias) | SL0 << 6 | IRGN0 1 << 8 |
 * ORGN0 1 << 10 | SH0 3 << 12 | TG0 0 | PS << 16 | RES1 bit 31 [ARM], SL0 0/1/2
 * for a walk starting at Arm level 2/1/0, PS 0..5 for 32/36/40/42/44/48
 * bits [ARM]; the fewest levels by default, root index bits 1..13 [DD].
 */
struct golden_arm_root {
	u8 ias;
	u8 levels;
	u8 oas;
	u8 exp_levels;
	u8 exp_root_order;
	u8 exp_top_bits;
	u8 exp_oas;
	u64 vtcr;
};

static const struct golden_arm_root golden_arm_roots[] = {
	/* ias levels oas -> levels order top_bits oas VTCR_EL2 */
	{ 40, 0,  0, 3, 1, 10, 48, 0x0000000080053558ULL }, /* T0SZ=24 SL0=1 PS=5 */
	{ 40, 3,  0, 3, 1, 10, 48, 0x0000000080053558ULL }, /* T0SZ=24 SL0=1 PS=5 */
	{ 40, 4,  0, 4, 0,  1, 48, 0x0000000080053598ULL }, /* T0SZ=24 SL0=2 PS=5 */
	{ 32, 0,  0, 2, 2, 11, 48, 0x0000000080053520ULL }, /* T0SZ=32 SL0=0 PS=5 */
	{ 32, 3,  0, 3, 0,  2, 48, 0x0000000080053560ULL }, /* T0SZ=32 SL0=1 PS=5 */
	{ 33, 2,  0, 2, 3, 12, 48, 0x000000008005351fULL }, /* T0SZ=31 SL0=0 PS=5 */
	{ 34, 0,  0, 2, 4, 13, 48, 0x000000008005351eULL }, /* T0SZ=30 SL0=0 PS=5 */
	{ 35, 0,  0, 3, 0,  5, 48, 0x000000008005355dULL }, /* T0SZ=29 SL0=1 PS=5 */
	{ 39, 0,  0, 3, 0,  9, 48, 0x0000000080053559ULL }, /* T0SZ=25 SL0=1 PS=5 */
	{ 44, 0,  0, 4, 0,  5, 48, 0x0000000080053594ULL }, /* T0SZ=20 SL0=2 PS=5 */
	{ 48, 0,  0, 4, 0,  9, 48, 0x0000000080053590ULL }, /* T0SZ=16 SL0=2 PS=5 */
	{ 48, 4, 48, 4, 0,  9, 48, 0x0000000080053590ULL }, /* T0SZ=16 SL0=2 PS=5 */
	{ 32, 0, 32, 2, 2, 11, 32, 0x0000000080003520ULL }, /* T0SZ=32 SL0=0 PS=0 */
	{ 36, 0, 36, 3, 0,  6, 36, 0x000000008001355cULL }, /* T0SZ=28 SL0=1 PS=1 */
	{ 40, 0, 40, 3, 1, 10, 40, 0x0000000080023558ULL }, /* T0SZ=24 SL0=1 PS=2 */
	{ 42, 0, 42, 3, 3, 12, 42, 0x0000000080033556ULL }, /* T0SZ=22 SL0=1 PS=3 */
	{ 44, 0, 44, 4, 0,  5, 44, 0x0000000080043594ULL }, /* T0SZ=20 SL0=2 PS=4 */
};

static void golden_arm_root_desc(const struct golden_arm_root *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ias %u levels %u oas %u",
		 c->ias, c->levels, c->oas);
}

KUNIT_ARRAY_PARAM(golden_arm_root, golden_arm_roots, golden_arm_root_desc);

static void pt_golden_arm_root(struct kunit *test)
{
	const struct golden_arm_root *c = test->param_value;
	long live = axpt_linux_live_pages();
	struct axpt_root r = { };
	struct axpt pt = { };

	KUNIT_ASSERT_EQ(test, golden_init(&pt, AXAS_FORMAT_ARM_S2, 0, c->levels,
					  c->ias, c->oas), 0);
	KUNIT_EXPECT_EQ(test, pt.levels, c->exp_levels);
	KUNIT_EXPECT_EQ(test, pt.ias, c->ias);
	KUNIT_EXPECT_EQ(test, pt.oas, c->exp_oas);
	KUNIT_EXPECT_EQ(test, pt.root_order, c->exp_root_order);
	KUNIT_EXPECT_EQ(test, pt.top_bits, c->exp_top_bits);
	/* Concatenated roots are aligned to their whole size. */
	KUNIT_EXPECT_EQ(test, (u64)pt.root_pa &
			((AXPT_PAGE_SIZE << c->exp_root_order) - 1), 0ULL);
	axpt_root_value(&pt, &r);
	KUNIT_EXPECT_EQ(test, r.value, (u64)pt.root_pa);
	KUNIT_EXPECT_EQ(test, r.vtcr, c->vtcr);
	golden_destroy(test, &pt, live);
}

/*
 * RISC-V: hgatp [RV] = MODE << 60 | VMID (0) << 44 | root PPN; MODE 8 Sv39x4
 * (41-bit GPA, 3 levels), 9 Sv48x4 (50, 4), 10 Sv57x4 (59, 5). The root is
 * 16 KiB (2048 entries, 11 index bits) and 16 KiB aligned [RV].
 */
struct golden_riscv_root {
	const char *name;
	u8 levels;
	u8 ias;
	u8 exp_levels;
	u8 exp_ias;
	u64 mode;	/* hgatp bits 63:44 */
};

static const struct golden_riscv_root golden_riscv_roots[] = {
	{ "sv39x4", 3, 0, 3, 41, 0x8000000000000000ULL },	/* MODE 8 */
	{ "ias41", 0, 41, 3, 41, 0x8000000000000000ULL },	/* MODE 8 */
	{ "sv48x4", 4, 0, 4, 50, 0x9000000000000000ULL },	/* MODE 9 */
	{ "ias50", 0, 50, 4, 50, 0x9000000000000000ULL },	/* MODE 9 */
	{ "sv57x4", 5, 0, 5, 59, 0xa000000000000000ULL },	/* MODE 10 */
	{ "ias59", 0, 59, 5, 59, 0xa000000000000000ULL },	/* MODE 10 */
};

static void golden_riscv_root_desc(const struct golden_riscv_root *c,
				   char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(golden_riscv_root, golden_riscv_roots,
		  golden_riscv_root_desc);

static void pt_golden_riscv_root(struct kunit *test)
{
	const struct golden_riscv_root *c = test->param_value;
	long live = axpt_linux_live_pages();
	struct axpt_root r = { };
	struct axpt pt = { };

	KUNIT_ASSERT_EQ(test, golden_init(&pt, AXAS_FORMAT_RISCV_G, 0, c->levels,
					  c->ias, 0), 0);
	KUNIT_EXPECT_EQ(test, pt.levels, c->exp_levels);
	KUNIT_EXPECT_EQ(test, pt.ias, c->exp_ias);
	KUNIT_EXPECT_EQ(test, pt.root_order, 2);
	KUNIT_EXPECT_EQ(test, pt.top_bits, 11);
	KUNIT_EXPECT_EQ(test, (u64)pt.root_pa & 0x3fffULL, 0ULL);
	axpt_root_value(&pt, &r);
	KUNIT_EXPECT_EQ(test, r.value, c->mode | (u64)pt.root_pa >> 12);
	golden_destroy(test, &pt, live);
}

/* Configurations the hardware (or a design decision) cannot take. */
struct golden_bad_cfg {
	const char *name;
	u32 format;
	u32 flags;
	u8 levels;
	u8 ias;
	u8 oas;
};

static const struct golden_bad_cfg golden_bad_cfgs[] = {
	/* [SDM] EPTP walk length is 3 or 4 (4 or 5 levels) */
	{ "ept-levels3", AXAS_FORMAT_INTEL_EPT, 0, 3, 0, 0 },
	{ "ept-levels6", AXAS_FORMAT_INTEL_EPT, 0, 6, 0, 0 },
	/* AXPT_CFG_EPT_AD belongs to EPT alone */
	{ "npt-ad", AXAS_FORMAT_AMD_NPT, AXPT_CFG_EPT_AD, 0, 0, 0 },
	/* [ARM] T0SZ allows 32..48 bits */
	{ "arm-ias31", AXAS_FORMAT_ARM_S2, 0, 0, 31, 0 },
	{ "arm-ias49", AXAS_FORMAT_ARM_S2, 0, 0, 49, 0 },
	/* 14 root bits: more than 16 concatenated tables [ARM] */
	{ "arm-ias35-l2", AXAS_FORMAT_ARM_S2, 0, 2, 35, 0 },
	{ "arm-ias44-l3", AXAS_FORMAT_ARM_S2, 0, 3, 44, 0 },
	/* start level 0 needs PS > 42 bits [ARM] */
	{ "arm-l4-oas42", AXAS_FORMAT_ARM_S2, 0, 4, 40, 42 },
	/* the GPA range wider than the output range [DD] */
	{ "arm-ias40-oas36", AXAS_FORMAT_ARM_S2, 0, 0, 40, 36 },
	/* fewer than one bit left for the root */
	{ "arm-ias32-l4", AXAS_FORMAT_ARM_S2, 0, 4, 32, 0 },
	/* start level -1 needs LPA2 [ARM] */
	{ "arm-ias48-l5", AXAS_FORMAT_ARM_S2, 0, 5, 48, 0 },
	/* [RV] RV64 hgatp has no two-level (Sv32x4) mode */
	{ "riscv-levels2", AXAS_FORMAT_RISCV_G, 0, 2, 0, 0 },
};

static void golden_bad_cfg_desc(const struct golden_bad_cfg *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(golden_bad_cfg, golden_bad_cfgs, golden_bad_cfg_desc);

static void pt_golden_bad_cfg(struct kunit *test)
{
	const struct golden_bad_cfg *c = test->param_value;
	long live = axpt_linux_live_pages();
	struct axpt pt = { };
	int ret;

	ret = golden_init(&pt, c->format, c->flags, c->levels, c->ias, c->oas);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	if (!ret) {
		golden_destroy(test, &pt, live);
		return;
	}
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live);
}

/*
 * 4. Entries in real tables: one 1 GiB, one 2 MiB and one 4 KiB leaf in a
 * fresh table. They share one path of tables (one table per level below the
 * root), so the walk sees levels - 1 table entries and the leaves. Each entry
 * is found again by descending from the root through the addresses in the
 * table entries: the non-address bits are checked literally, the address
 * bits by this descent, the leaves against the golden tables.
 */
struct golden_walk_cfg {
	const char *name;
	u32 format;
	u32 flags;
	u8 levels;
	u8 ias;
	/*
	 * The accessed and dirty bits where the hardware sets them: a map
	 * presets A in every leaf and D in writable ones (engine.rst).
	 * NPT: bits 5 and 6 (AMD APM vol. 2, long-mode PTE); EPT with A/D
	 * enabled: bits 8 and 9 (Intel SDM, EPT PTE).
	 */
	u64 a, d;
};

static const struct golden_walk_cfg golden_walk_cfgs[] = {
	{ "ept-4", AXAS_FORMAT_INTEL_EPT, 0, 4, 0, 0, 0 },
	{ "ept-4-ad", AXAS_FORMAT_INTEL_EPT, AXPT_CFG_EPT_AD, 4, 0, BIT_ULL(8), BIT_ULL(9) },
	{ "ept-5", AXAS_FORMAT_INTEL_EPT, 0, 5, 0, 0, 0 },
	{ "npt-4", AXAS_FORMAT_AMD_NPT, 0, 4, 0, BIT_ULL(5), BIT_ULL(6) },
	{ "npt-5", AXAS_FORMAT_AMD_NPT, 0, 5, 0, BIT_ULL(5), BIT_ULL(6) },
	{ "arm-ias32", AXAS_FORMAT_ARM_S2, 0, 0, 32, 0, 0 },	/* 2 levels, 4-page root */
	{ "arm-ias40", AXAS_FORMAT_ARM_S2, 0, 0, 40, 0, 0 },	/* 3 levels, 2-page root */
	{ "arm-ias44", AXAS_FORMAT_ARM_S2, 0, 0, 44, 0, 0 },	/* 4 levels, 5-bit root */
	{ "arm-ias48", AXAS_FORMAT_ARM_S2, 0, 0, 48, 0, 0 },
	{ "riscv-sv39x4", AXAS_FORMAT_RISCV_G, AXPT_CFG_SVPBMT, 3, 0, 0, 0 },
	{ "riscv-sv48x4", AXAS_FORMAT_RISCV_G, AXPT_CFG_SVPBMT, 4, 0, 0, 0 },
	{ "riscv-sv57x4", AXAS_FORMAT_RISCV_G, AXPT_CFG_SVPBMT, 5, 0, 0, 0 },
};

static void golden_walk_cfg_desc(const struct golden_walk_cfg *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(golden_walk_cfg, golden_walk_cfgs, golden_walk_cfg_desc);

#define GOLDEN_MAX_VISITS	16

struct golden_visit {
	unsigned int level;
	bool leaf;
	u64 gpa;
	u64 pte;
};

struct golden_walk {
	unsigned int n;
	bool overflow;
	struct golden_visit v[GOLDEN_MAX_VISITS];
};

static int golden_walk_fn(void *arg, unsigned int level, u64 gpa, u64 pte,
			  bool leaf)
{
	struct golden_walk *w = arg;

	if (w->n == GOLDEN_MAX_VISITS) {
		w->overflow = true;
		return 0;
	}
	w->v[w->n].level = level;
	w->v[w->n].leaf = leaf;
	w->v[w->n].gpa = gpa;
	w->v[w->n].pte = pte;
	w->n++;
	return 0;
}

static const struct golden_visit *golden_find(const struct golden_walk *w,
					      unsigned int level, u64 gpa)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].level == level && w->v[i].gpa == gpa)
			return &w->v[i];
	return NULL;
}

/*
 * A table's virtual address: through the HAL if it translates, otherwise
 * the direct map, which is linear, so the root's offset holds for all.
 */
static const u64 *golden_table_va(const struct axpt *pt, u64 pa)
{
	if (pt->mm->phys_to_virt)
		return pt->mm->phys_to_virt(pt->mm_ctx, pa);
	return (const u64 *)((uintptr_t)pt->root + (uintptr_t)(pa - pt->root_pa));
}

struct golden_map {
	unsigned int level;
	u64 gpa;
	u32 prot;
	u32 mem;
};

/* The leaf a map of @m installs: the golden encoding and the preset A/D. */
static u64 golden_installed(const struct golden_walk_cfg *c,
			    const struct golden_fmt *g,
			    const struct golden_map *m)
{
	return golden_lookup(g, m->level, m->prot, m->mem)->pte | c->a |
	       (m->prot & AXAS_PROT_WRITE ? c->d : 0);
}

static void golden_check_path(struct kunit *test, const struct axpt *pt,
			      const struct golden_walk_cfg *c,
			      const struct golden_fmt *g,
			      const struct golden_walk *w,
			      const struct golden_map *m,
			      u64 *table_pa)
{
	unsigned int root_bits = pt->ias - AXPT_PAGE_SHIFT -
				 AXPT_LEVEL_BITS * (pt->levels - 1);
	const u64 *table = pt->root;
	unsigned int level = pt->levels - 1;

	KUNIT_EXPECT_EQ(test, pt->top_bits, root_bits);
	for (;;) {
		unsigned int bits = level == pt->levels - 1 ? root_bits :
				    AXPT_LEVEL_BITS;
		unsigned int shift = axpt_level_shift(level);
		u64 idx = (m->gpa >> shift) & ((1ULL << bits) - 1);
		u64 base = m->gpa & ~((1ULL << shift) - 1);
		const struct golden_visit *v = golden_find(w, level, base);
		u64 pte = table[idx];
		u64 pa;

		KUNIT_ASSERT_TRUE_MSG(test, v,
				      "no visit at level %u gpa %#llx",
				      level, base);
		KUNIT_EXPECT_EQ_MSG(test, v->pte, pte, "level %u gpa %#llx",
				    level, base);
		if (level == m->level) {
			KUNIT_EXPECT_TRUE(test, v->leaf);
			KUNIT_EXPECT_EQ_MSG(test, pte, golden_installed(c, g, m),
					    "leaf level %u gpa %#llx",
					    level, base);
			return;
		}
		KUNIT_EXPECT_FALSE(test, v->leaf);
		KUNIT_EXPECT_EQ_MSG(test, pte & ~g->addr_mask, g->table_bits,
				    "table entry %#llx level %u", pte, level);
		pa = (pte & g->addr_mask) << g->addr_lshift;
		KUNIT_ASSERT_NE(test, pa, 0ULL);
		KUNIT_EXPECT_NE(test, pa, (u64)pt->root_pa);
		/* The child of @level: one table per level on the path. */
		if (table_pa[level - 1])
			KUNIT_EXPECT_EQ(test, pa, table_pa[level - 1]);
		else
			table_pa[level - 1] = pa;
		table = golden_table_va(pt, pa);
		level--;
	}
}

static void pt_golden_walk(struct kunit *test)
{
	const struct golden_walk_cfg *c = test->param_value;
	const struct golden_fmt *g = golden_fmt_of(c->format);
	long live = axpt_linux_live_pages();
	u64 table_pa[AXPT_MAX_LEVELS] = { };
	struct golden_map maps[NR_LEVELS];
	struct golden_walk *w;
	struct axpt pt = { };
	unsigned int i, j, first;
	long nr_tables;
	u64 base;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_EQ(test, golden_init(&pt, c->format, c->flags, c->levels,
					  c->ias, 0), 0);
	nr_tables = atomic_long_read(&pt.nr_tables);

	/*
	 * The top GPA bit set, so the root index is not 0; 1 GiB at base,
	 * 2 MiB and 4 KiB in the next GiB (sharing its 2 MiB table).
	 */
	base = 1ULL << (pt.ias - 1);
	maps[2] = (struct golden_map){ 2, base, PRW_, M_DEV };
	maps[1] = (struct golden_map){ 1, base + (1ULL << 30) + 3 * (1ULL << 21),
				       PR_X, M_NC };
	maps[0] = (struct golden_map){ 0, base + (1ULL << 30) + 5 * (1ULL << 21) +
				       7 * (1ULL << 12), PRW_, M_WB };
	/* Two levels (Arm, 32-bit IPA) have no 1 GiB entries. */
	first = pt.levels > 2 ? 2 : 1;
	for (i = 0; i <= first; i++) {
		const struct golden_map *m = &maps[i];

		KUNIT_ASSERT_EQ(test, axpt_map(&pt, m->gpa, golden_hpa(m->level),
					       1ULL << axpt_level_shift(m->level),
					       AXPT_ATTR(m->prot, m->mem), 0), 0);
	}
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pt.nr_tables),
			nr_tables + pt.levels - 1);

	KUNIT_ASSERT_EQ(test, axpt_walk(&pt, 0, 1ULL << pt.ias, golden_walk_fn,
					w), 0);
	KUNIT_EXPECT_FALSE(test, w->overflow);
	KUNIT_EXPECT_EQ(test, w->n, pt.levels - 1 + first + 1);

	for (i = 0; i <= first; i++) {
		const struct golden_map *m = &maps[i];
		struct axpt_leaf leaf = { };

		golden_check_path(test, &pt, c, g, w, m, table_pa);
		KUNIT_EXPECT_EQ(test, axpt_query(&pt, m->gpa, &leaf), 0);
		KUNIT_EXPECT_EQ(test, leaf.pte, golden_installed(c, g, m));
		KUNIT_EXPECT_EQ(test, leaf.hpa, golden_hpa(m->level));
		KUNIT_EXPECT_EQ(test, leaf.level, m->level);
		KUNIT_EXPECT_EQ(test, leaf.attr, AXPT_ATTR(m->prot, m->mem));
	}
	/* Each level below the root has its own table. */
	for (i = 0; i + 1 < pt.levels; i++) {
		KUNIT_EXPECT_NE(test, table_pa[i], 0ULL);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, table_pa[i], table_pa[j]);
	}
	golden_destroy(test, &pt, live);
}

static struct kunit_case pt_golden_cases[] = {
	KUNIT_CASE_PARAM(pt_golden_leaf, golden_fmt_gen_params),
	KUNIT_CASE_PARAM(pt_golden_leaf_top, golden_fmt_gen_params),
	KUNIT_CASE_PARAM(pt_golden_rejects, golden_fmt_gen_params),
	KUNIT_CASE_PARAM(pt_golden_table_entry, golden_fmt_gen_params),
	KUNIT_CASE_PARAM(pt_golden_x86_root, golden_x86_root_gen_params),
	KUNIT_CASE_PARAM(pt_golden_arm_root, golden_arm_root_gen_params),
	KUNIT_CASE_PARAM(pt_golden_riscv_root, golden_riscv_root_gen_params),
	KUNIT_CASE_PARAM(pt_golden_bad_cfg, golden_bad_cfg_gen_params),
	KUNIT_CASE_PARAM(pt_golden_walk, golden_walk_cfg_gen_params),
	{}
};

static struct kunit_suite pt_golden_suite = {
	.name = "axaddrspace-pt-golden",
	.test_cases = pt_golden_cases,
};

kunit_test_suite(pt_golden_suite);
