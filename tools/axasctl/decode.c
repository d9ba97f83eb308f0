// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: entry and root-register decoders of the four second-stage
 * formats, from the architecture manuals (see decode.h). Levels count from
 * the leaf: level 0 maps 4 KiB, 1 2 MiB, 2 1 GiB.
 *
 * An entry is "explained" when it is one the module's rules allow
 * (Documentation/engine.rst, "Invalid entries"): a valid hardware encoding
 * of permissions and one of the three memory types, with the bits the
 * hardware sets (accessed, dirty) or ignores free. Anything else carries a
 * reason in ent_info.invalid.
 */
#include <inttypes.h>
#include <string.h>

#include "decode.h"

#define BIT(n)		(1ULL << (n))
#define GENMASK(h, l)	((~0ULL >> (63 - (h))) & ~((1ULL << (l)) - 1))

static void bits_add(struct ent_info *e, const char *s)
{
	size_t len = strlen(e->bits);

	snprintf(e->bits + len, sizeof(e->bits) - len, "%s%s",
		 len ? " " : "", s);
}

static bool bad(struct ent_info *e, const char *why)
{
	if (!e->invalid)
		e->invalid = why;
	return false;
}

/* ------------------------------------------------------------ Intel EPT */

/*
 * SDM vol. 3C 29.3.2: bits 2:0 R/W/X (present if any), 5:3 memory type and
 * 6 IPAT in leaves, 7 PS (a leaf in a PDPTE or PDE, reserved in a PML4E or
 * PML5E), 8 accessed, 9 dirty (leaves), 51:12 address. W without R is a
 * misconfiguration; memory types 2, 3 and 7 are reserved.
 */
static bool ept_decode(const struct space_fmt *f, unsigned int level, u64 raw,
		       struct ent_info *e)
{
	static const char *const mt_name[8] = {
		"UC", "WC", "MT2", "MT3", "WT", "WP", "WB", "MT7",
	};
	bool r = raw & BIT(0), w = raw & BIT(1), x = raw & BIT(2);
	unsigned int mt = (raw >> 3) & 7;
	char buf[16];

	if (!(raw & 7)) {
		e->kind = ENT_NONE;
		return bad(e, "not present (R, W and X clear)");
	}
	bits_add(e, r ? "R" : "-");
	bits_add(e, w ? "W" : "-");
	bits_add(e, x ? "X" : "-");
	e->accessed = raw & BIT(8);
	if (level && (raw & BIT(7))) {
		e->kind = ENT_LEAF;
		if (level > 2)
			bad(e, "PS set in a PML4E or PML5E (reserved)");
	} else {
		e->kind = level ? ENT_TABLE : ENT_LEAF;
	}
	if (e->kind == ENT_TABLE) {
		e->addr = raw & GENMASK(51, 12);
		if (e->accessed)
			bits_add(e, "A");
		if (w && !r)
			return bad(e, "W without R (EPT misconfiguration)");
		if (raw & GENMASK(7, 3))
			return bad(e, "reserved bits 7:3 set in a table entry");
		if ((raw & 7) != 7)
			return bad(e, "R, W or X clear in a table entry (restricting all below)");
		return !e->invalid;
	}
	e->dirty = raw & BIT(9);
	e->addr = raw & GENMASK(51, 12 + 9 * level);
	snprintf(buf, sizeof(buf), "MT=%s", mt_name[mt]);
	bits_add(e, buf);
	if (raw & BIT(6))
		bits_add(e, "IPAT");
	if (e->accessed)
		bits_add(e, "A");
	if (e->dirty)
		bits_add(e, "D");
	e->prot = (r ? AXAS_PROT_READ : 0) | (w ? AXAS_PROT_WRITE : 0) |
		  (x ? AXAS_PROT_EXEC : 0);
	switch (mt) {
	case 0:
		e->mem = AXAS_MEM_DEVICE;
		break;
	case 1:
		e->mem = AXAS_MEM_NC;
		break;
	case 6:
		e->mem = AXAS_MEM_WB;
		break;
	case 4:
	case 5:
		bad(e, "memory type WT or WP, which the module never writes");
		break;
	default:
		bad(e, "reserved memory type (EPT misconfiguration)");
	}
	if (w && !r)
		bad(e, "W without R (EPT misconfiguration)");
	if (!(raw & BIT(6)))
		bad(e, "IPAT clear (the guest PAT would change the memory type)");
	if (level == 1 && (raw & GENMASK(20, 12)))
		bad(e, "reserved bits 20:12 of a 2 MiB leaf set");
	if (level == 2 && (raw & GENMASK(29, 12)))
		bad(e, "reserved bits 29:12 of a 1 GiB leaf set");
	(void)f;
	return !e->invalid;
}

/* -------------------------------------------------------------- AMD NPT */

/*
 * APM vol. 2 5.3 and 15.25: long-mode entries, every access a user access.
 * Bits 0 P, 1 R/W, 2 U/S, 3 PWT, 4 PCD, 5 A, 6 D (leaves), 7 PS (PDPTE,
 * PDE; MBZ in PML4E, PML5E) or PAT (PTE), 8 G, 12 PAT (large leaves),
 * 51:12 address, 63 NX. The memory types are the host PAT entries 0, 1
 * and 3 (Linux's layout: WB, WC, UC).
 */
static bool npt_decode(const struct space_fmt *f, unsigned int level, u64 raw,
		       struct ent_info *e)
{
	bool rw = raw & BIT(1), us = raw & BIT(2), pwt = raw & BIT(3);
	bool pcd = raw & BIT(4), nx = raw & BIT(63);

	if (!(raw & BIT(0))) {
		e->kind = ENT_NONE;
		return bad(e, "not present (P clear)");
	}
	bits_add(e, "P");
	if (rw)
		bits_add(e, "RW");
	if (us)
		bits_add(e, "US");
	if (pwt)
		bits_add(e, "PWT");
	if (pcd)
		bits_add(e, "PCD");
	e->accessed = raw & BIT(5);
	if (e->accessed)
		bits_add(e, "A");
	if (level && (raw & BIT(7))) {
		e->kind = ENT_LEAF;
		if (level > 2)
			bad(e, "PS set in a PML4E or PML5E (MBZ)");
	} else {
		e->kind = level ? ENT_TABLE : ENT_LEAF;
	}
	if (e->kind == ENT_TABLE) {
		e->addr = raw & GENMASK(51, 12);
		if (nx)
			bits_add(e, "NX");
		if (!us)
			return bad(e, "U/S clear in a table entry (NPT walks are user accesses)");
		if (!rw)
			return bad(e, "R/W clear in a table entry (all below read-only)");
		if (nx)
			return bad(e, "NX set in a table entry (it would forbid execution below)");
		if (level > 2 && (raw & BIT(8)))
			return bad(e, "MBZ bit 8 of a PML4E or PML5E set");
		return true;
	}
	e->dirty = raw & BIT(6);
	if (e->dirty)
		bits_add(e, "D");
	if (nx)
		bits_add(e, "NX");
	e->addr = raw & GENMASK(51, 12 + 9 * level);
	e->prot = AXAS_PROT_READ | (rw ? AXAS_PROT_WRITE : 0) |
		  (nx ? 0 : AXAS_PROT_EXEC);
	if (pcd && pwt)
		e->mem = AXAS_MEM_DEVICE;
	else if (pwt)
		e->mem = AXAS_MEM_NC;
	else
		e->mem = AXAS_MEM_WB;
	if (!us)
		bad(e, "U/S clear (NPT walks are user accesses: no access)");
	if (level == 0 && (raw & BIT(7)))
		bad(e, "PAT bit 7 set (host PAT entries 4-7, never used)");
	if (level && (raw & BIT(12)))
		bad(e, "PAT bit 12 set (host PAT entries 4-7, never used)");
	if (level == 1 && (raw & GENMASK(20, 13)))
		bad(e, "MBZ bits 20:13 of a 2 MiB leaf set");
	if (level == 2 && (raw & GENMASK(29, 13)))
		bad(e, "MBZ bits 29:13 of a 1 GiB leaf set");
	if (pcd && !pwt)
		bad(e, "PCD without PWT (host PAT entry 2, never used)");
	(void)f;
	return !e->invalid;
}

/* --------------------------------------------------------- Arm stage 2 */

/*
 * Arm ARM D8.3, stage 2, 4 KiB granule: bits 1:0 0b11 table (Arm levels
 * 0-2) or page (level 3), 0b01 block (levels 1, 2; reserved at 0 and 3);
 * leaves: 5:2 MemAttr, 7:6 S2AP (read, write), 9:8 SH, 10 AF, 47:12
 * output address, 51 DBM, 52 contiguous, 53 XN[0] (FEAT_XNX), 54 XN;
 * tables: 47:12 next table, 63:59 RES0 at stage 2.
 */
static bool s2_decode(const struct space_fmt *f, unsigned int level, u64 raw,
		      struct ent_info *e)
{
	unsigned int memattr = (raw >> 2) & 0xf, s2ap = (raw >> 6) & 3;
	unsigned int sh = (raw >> 8) & 3;
	bool xn = raw & BIT(54);
	char buf[32];

	if (!(raw & BIT(0))) {
		e->kind = ENT_NONE;
		return bad(e, "not valid (bit 0 clear)");
	}
	if (!level) {
		e->kind = ENT_LEAF;
		if (!(raw & BIT(1)))
			bad(e, "0b01 at Arm level 3 (reserved)");
	} else if (raw & BIT(1)) {
		e->kind = ENT_TABLE;
	} else {
		e->kind = ENT_LEAF;
		if (level > 2)
			bad(e, "a block at Arm level 0 (none with a 4 KiB granule)");
	}
	if (e->kind == ENT_TABLE) {
		e->addr = raw & GENMASK(47, 12);
		bits_add(e, "table");
		if (raw & (GENMASK(63, 59) | GENMASK(50, 48)))
			return bad(e, "RES0 bits 63:59 or 50:48 set in a table descriptor");
		return true;
	}
	bits_add(e, level ? "block" : "page");
	e->addr = raw & GENMASK(47, 12 + 9 * level);
	e->accessed = raw & BIT(10);
	e->dirty = s2ap & 2;
	e->prot = (s2ap & 1 ? AXAS_PROT_READ : 0) |
		  (s2ap & 2 ? AXAS_PROT_WRITE : 0) | (xn ? 0 : AXAS_PROT_EXEC);
	snprintf(buf, sizeof(buf), "S2AP=%c%c", s2ap & 1 ? 'R' : '-',
		 s2ap & 2 ? 'W' : '-');
	bits_add(e, buf);
	switch (memattr) {
	case 0xf:
		e->mem = AXAS_MEM_WB;
		bits_add(e, "Normal-WB");
		break;
	case 0x5:
		e->mem = AXAS_MEM_NC;
		bits_add(e, "Normal-NC");
		break;
	case 0x1:
		e->mem = AXAS_MEM_DEVICE;
		bits_add(e, "Device-nGnRE");
		break;
	default:
		snprintf(buf, sizeof(buf), "MemAttr=0x%x", memattr);
		bits_add(e, buf);
		bad(e, "a MemAttr the module never writes (only 0b1111, 0b0101, 0b0001)");
	}
	snprintf(buf, sizeof(buf), "SH=%s", sh == 3 ? "IS" : sh == 2 ? "OS" :
		 sh == 1 ? "res" : "NS");
	bits_add(e, buf);
	if (e->accessed)
		bits_add(e, "AF");
	if (xn)
		bits_add(e, "XN");
	if (sh != 3)
		bad(e, "SH not inner shareable");
	if (!e->accessed)
		bad(e, "AF clear (an access flag fault on every access)");
	if (!s2ap && xn)
		bad(e, "no access at all (S2AP 0b00 and XN)");
	if (raw & GENMASK(49, 48))
		bad(e, "RES0 bits 49:48 set");
	if (level && (raw & GENMASK(12 + 9 * level - 1, 12)))
		bad(e, "RES0 bits below the block size set");
	if (raw & BIT(51))
		bad(e, "DBM set (the module never writes it)");
	if (raw & BIT(52))
		bad(e, "contiguous hint set (it spans other entries)");
	if (raw & BIT(53))
		bad(e, "XN[0] set (the module never writes it)");
	(void)f;
	return !e->invalid;
}

/* ------------------------------------------------------ RISC-V G-stage */

/*
 * RISC-V privileged spec, Sv39x4/Sv48x4/Sv57x4: bits 0 V, 1 R, 2 W, 3 X,
 * 4 U, 5 G, 6 A, 7 D, 9:8 RSW, 53:10 PPN, 60:54 reserved, 62:61 PBMT
 * (Svpbmt), 63 N (Svnapot). R=W=X=0 points to the next level (D, A, U,
 * PBMT, N reserved there). W without R is reserved. G-stage accesses are
 * user accesses (U=1); the module sets A, and D when writable.
 */
static bool gst_decode(const struct space_fmt *f, unsigned int level, u64 raw,
		       struct ent_info *e)
{
	unsigned int pbmt = (raw >> 61) & 3;
	bool r = raw & BIT(1), w = raw & BIT(2), x = raw & BIT(3);
	u64 ppn = (raw >> 10) & GENMASK(43, 0);
	char buf[16];

	if (!(raw & BIT(0))) {
		e->kind = ENT_NONE;
		return bad(e, "not valid (V clear)");
	}
	bits_add(e, "V");
	e->addr = ppn << 12;
	if (!r && !w && !x) {
		e->kind = ENT_TABLE;
		if (!level)
			return bad(e, "a pointer to a next level at level 0 (page fault)");
		if (raw & (BIT(63) | GENMASK(62, 61) | GENMASK(60, 54) | BIT(7) |
			   BIT(6) | BIT(4)))
			return bad(e, "D, A, U, PBMT, N or bits 60:54 set in a non-leaf PTE");
		return true;
	}
	e->kind = ENT_LEAF;
	bits_add(e, r ? "R" : "-");
	bits_add(e, w ? "W" : "-");
	bits_add(e, x ? "X" : "-");
	e->accessed = raw & BIT(6);
	e->dirty = raw & BIT(7);
	if (raw & BIT(4))
		bits_add(e, "U");
	if (raw & BIT(5))
		bits_add(e, "G");
	if (e->accessed)
		bits_add(e, "A");
	if (e->dirty)
		bits_add(e, "D");
	snprintf(buf, sizeof(buf), "PBMT=%s", pbmt == 0 ? "PMA" :
		 pbmt == 1 ? "NC" : pbmt == 2 ? "IO" : "rsvd");
	bits_add(e, buf);
	e->prot = (r ? AXAS_PROT_READ : 0) | (w ? AXAS_PROT_WRITE : 0) |
		  (x ? AXAS_PROT_EXEC : 0);
	e->mem = pbmt == 1 ? AXAS_MEM_NC : pbmt == 2 ? AXAS_MEM_DEVICE :
		 AXAS_MEM_WB;
	if (w && !r)
		bad(e, "W without R (reserved)");
	if (level > 2)
		bad(e, "a leaf above 1 GiB (the module never writes terapages)");
	if (!(raw & BIT(4)))
		bad(e, "U clear (G-stage accesses are user accesses)");
	if (!e->accessed)
		bad(e, "A clear (the module always sets it)");
	if (w && !e->dirty)
		bad(e, "D clear on a writable leaf (the module sets it)");
	if (level && level <= 2 && (ppn & GENMASK(9 * level - 1, 0)))
		bad(e, "a misaligned superpage (PPN bits below its size set)");
	if (raw & GENMASK(60, 54))
		bad(e, "reserved bits 60:54 set");
	if (pbmt == 3)
		bad(e, "PBMT 3 (reserved)");
	if (pbmt && f->cfg_known && !(f->cfg_flags & AXAS_CFG_SVPBMT))
		bad(e, "PBMT set in a space without Svpbmt");
	if (raw & BIT(63))
		bad(e, "N set (Svnapot, which the module never writes)");
	return !e->invalid;
}

bool decode_entry(const struct space_fmt *f, unsigned int level, u64 raw,
		  struct ent_info *e)
{
	bool ok;

	memset(e, 0, sizeof(*e));
	switch (f->format) {
	case AXAS_FORMAT_INTEL_EPT:
		ok = ept_decode(f, level, raw, e);
		break;
	case AXAS_FORMAT_AMD_NPT:
		ok = npt_decode(f, level, raw, e);
		break;
	case AXAS_FORMAT_ARM_S2:
		ok = s2_decode(f, level, raw, e);
		break;
	case AXAS_FORMAT_RISCV_G:
		ok = gst_decode(f, level, raw, e);
		break;
	default:
		e->kind = ENT_NONE;
		return bad(e, "unknown format");
	}
	if (e->kind == ENT_LEAF && e->mem == AXAS_MEM_DEVICE &&
	    (e->prot & AXAS_PROT_EXEC))
		ok = bad(e, "executable device memory (never written)");
	if (e->kind != ENT_NONE && !f->hpa_hidden && f->oas_bits &&
	    f->oas_bits < 64 && e->addr >> f->oas_bits)
		ok = bad(e, "output address at or above the output size");
	return ok;
}

/* ---------------------------------------------------------------- roots */

u32 root_pages(const struct space_fmt *f)
{
	int bits;

	switch (f->format) {
	case AXAS_FORMAT_RISCV_G:
		return 4;
	case AXAS_FORMAT_ARM_S2:
		if (!f->levels)
			return 1;
		bits = (int)f->ias_bits - 12 - 9 * ((int)f->levels - 1);
		return bits > 9 ? 1U << (bits - 9) : 1;
	default:
		return 1;
	}
}

static const char *root_bad(struct root_info *ri, const char *why)
{
	if (!ri->invalid)
		ri->invalid = why;
	return why;
}

static void ept_root(const struct axas_root *r, struct root_info *ri)
{
	u64 v = r->value;
	unsigned int mt = v & 7, walk = ((v >> 3) & 7) + 1;

	ri->table = v & GENMASK(51, 12);
	ri->levels = walk;
	ri->ias_bits = 12 + 9 * walk;
	ri->root_pages = 1;
	snprintf(ri->fields, sizeof(ri->fields),
		 "EPTP: PML%u 0x%llx, memory type %s, walk length %u, A/D %s",
		 walk, ri->table, mt == 6 ? "WB" : mt == 0 ? "UC" : "reserved",
		 walk, v & BIT(6) ? "on" : "off");
	if (mt != 6 && mt != 0)
		root_bad(ri, "EPTP memory type neither UC nor WB");
	if (walk != 4 && walk != 5)
		root_bad(ri, "EPTP walk length neither 4 nor 5");
	if (v & GENMASK(11, 8))
		root_bad(ri, "EPTP reserved bits 11:8 set");
}

static void npt_root(const struct axas_root *r, struct root_info *ri)
{
	u64 v = r->value;

	ri->table = v & GENMASK(51, 12);
	ri->root_pages = 1;
	snprintf(ri->fields, sizeof(ri->fields),
		 "nCR3: root 0x%llx%s%s", ri->table,
		 v & BIT(3) ? ", PWT" : "", v & BIT(4) ? ", PCD" : "");
	if (v & (GENMASK(63, 52) | GENMASK(11, 5) | GENMASK(2, 0)))
		root_bad(ri, "nCR3 reserved bits set");
}

static void s2_root(const struct axas_root *r, struct root_info *ri)
{
	static const unsigned int ps_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };
	u64 v = r->value, t = r->vtcr;
	unsigned int t0sz = t & 0x3f, sl0 = (t >> 6) & 3, ps = (t >> 16) & 7;
	unsigned int tg0 = (t >> 14) & 3;
	int rootbits;

	ri->table = v & GENMASK(47, 1);
	ri->ias_bits = 64 - t0sz;
	ri->oas_bits = ps_bits[ps];
	ri->levels = sl0 < 3 ? 2 + sl0 : 0;
	rootbits = (int)ri->ias_bits - 12 - 9 * ((int)ri->levels - 1);
	ri->root_pages = rootbits > 9 ? 1U << (rootbits - 9) : 1;
	snprintf(ri->fields, sizeof(ri->fields),
		 "VTTBR_EL2: BADDR 0x%llx, VMID %u, CnP %u; VTCR_EL2: T0SZ %u (%u-bit IPA), SL0 %u (start level %d), TG0 %s, PS %u (%u-bit PA)",
		 ri->table, (unsigned int)(v >> 48), (unsigned int)(v & 1),
		 t0sz, ri->ias_bits, sl0, sl0 < 3 ? 2 - (int)sl0 : -1,
		 tg0 ? "not 4K" : "4K", ps, ri->oas_bits);
	if (tg0)
		root_bad(ri, "VTCR_EL2.TG0 is not the 4 KiB granule");
	if (sl0 == 3)
		root_bad(ri, "VTCR_EL2.SL0 0b11 (reserved with the 4 KiB granule)");
	if (ps == 7)
		root_bad(ri, "VTCR_EL2.PS 0b111 (reserved)");
	if (rootbits < 1 || rootbits > 13)
		root_bad(ri, "T0SZ and SL0 need more than 16 concatenated tables or none");
	else if (ri->table & ((u64)ri->root_pages * 4096 - 1))
		root_bad(ri, "the concatenated root is not aligned to its size");
}

static void gst_root(const struct axas_root *r, struct root_info *ri)
{
	u64 v = r->value;
	unsigned int mode = v >> 60;
	u64 ppn = v & GENMASK(43, 0);

	ri->table = ppn << 12;
	ri->root_pages = 4;
	ri->levels = mode >= 8 && mode <= 10 ? mode - 5 : 0;
	ri->ias_bits = ri->levels ? 14 + 9 * ri->levels : 0;
	snprintf(ri->fields, sizeof(ri->fields),
		 "hgatp: MODE %u (%s), VMID %u, PPN 0x%llx (root 0x%llx)",
		 mode, mode == 8 ? "Sv39x4" : mode == 9 ? "Sv48x4" :
		 mode == 10 ? "Sv57x4" : mode ? "reserved" : "Bare",
		 (unsigned int)((v >> 44) & 0x3fff), ppn, ri->table);
	if (!ri->levels)
		root_bad(ri, "hgatp MODE is not Sv39x4, Sv48x4 or Sv57x4");
	if (ppn & 3)
		root_bad(ri, "the 16 KiB root is not 16 KiB aligned");
}

bool decode_root(const struct axas_root *r, struct root_info *ri)
{
	memset(ri, 0, sizeof(*ri));
	switch (r->format) {
	case AXAS_FORMAT_INTEL_EPT:
		ept_root(r, ri);
		break;
	case AXAS_FORMAT_AMD_NPT:
		npt_root(r, ri);
		break;
	case AXAS_FORMAT_ARM_S2:
		s2_root(r, ri);
		break;
	case AXAS_FORMAT_RISCV_G:
		gst_root(r, ri);
		break;
	default:
		root_bad(ri, "unknown format");
		return false;
	}
	if (ri->levels && r->levels && ri->levels != r->levels)
		root_bad(ri, "the register's number of levels is not the space's");
	if (ri->ias_bits && r->ias_bits && ri->ias_bits != r->ias_bits)
		root_bad(ri, "the register's input size is not the space's");
	if (ri->oas_bits && r->oas_bits && ri->oas_bits < r->oas_bits)
		root_bad(ri, "the register's output size is below the space's");
	return !ri->invalid;
}
