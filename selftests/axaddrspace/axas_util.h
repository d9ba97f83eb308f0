/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the axaddrspace selftests: thin ioctl wrappers that
 * return an errno (0 on success), the list of every format and
 * configuration the module reports, and decoders of raw entries and root
 * registers written from the architecture manuals (Intel SDM vol. 3C
 * 29.3, AMD APM vol. 2 15.25 and 5.3, Arm ARM D8 (VMSAv8-64 stage 2),
 * RISC-V privileged spec 18.5 / 12.4), independently of the module.
 */
#ifndef AXAS_UTIL_H
#define AXAS_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/axaddrspace.h>

#define DEV_PATH	"/dev/axaddrspace"
#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
#define MAX_FORMATS	16
#define MAX_CFGS	128

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* One configuration a space can be created with. */
struct axcfg {
	__u32 format;
	__u32 levels;
	__u32 cfg_flags;
	__u32 pgsizes;		/* as passed to AXAS_IOC_CREATE */
	__u32 eff_pgsizes;	/* what the space may use (first principles) */
	__u32 mem_types;	/* memory types this configuration can map */
	char name[64];
};

static inline int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) ? errno : 0;
}

static inline int axas_open(void)
{
	return open(DEV_PATH, O_RDWR | O_CLOEXEC);
}

static inline const char *fmt_name(__u32 format)
{
	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
		return "ept";
	case AXAS_FORMAT_AMD_NPT:
		return "npt";
	case AXAS_FORMAT_ARM_S2:
		return "arm-s2";
	case AXAS_FORMAT_RISCV_G:
		return "riscv-g";
	}
	return "?";
}

/* A format's name as the kernel prints it (trace events, debugfs). */
static inline const char *axas_format_str(__u32 format)
{
	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
		return "intel-ept";
	case AXAS_FORMAT_AMD_NPT:
		return "amd-npt";
	case AXAS_FORMAT_ARM_S2:
		return "arm-stage2";
	case AXAS_FORMAT_RISCV_G:
		return "riscv-gstage";
	}
	return "?";
}

static inline int axas_info_get(int dev, struct axas_info *info,
				struct axas_format_info *f, unsigned int max)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->num_formats = max;
	info->format_len = sizeof(*f);
	info->formats = (uintptr_t)f;
	return xioctl(dev, AXAS_IOC_GET_INFO, info);
}

/* Leaf sizes a format can have with this many levels (first principles). */
static inline __u32 pgsizes_for_levels(__u32 fmt_pgsizes, __u32 levels)
{
	__u32 m = AXAS_PGSIZE_4K;

	if (levels >= 2)
		m |= AXAS_PGSIZE_2M;
	if (levels >= 3)
		m |= AXAS_PGSIZE_1G;
	return fmt_pgsizes & m;
}

/*
 * Every configuration from AXAS_IOC_GET_INFO: each format, each level
 * count, each subset of its cfg flags, and the page-size policies 0 (all),
 * 4 KiB only, 4 KiB + 2 MiB and 4 KiB + 1 GiB (when 1 GiB is possible).
 */
static inline int axas_configs(int dev, struct axcfg *out, int max)
{
	struct axas_format_info f[MAX_FORMATS];
	struct axas_info info;
	unsigned int i;
	int n = 0;

	if (axas_info_get(dev, &info, f, MAX_FORMATS))
		return -1;
	for (i = 0; i < info.num_formats; i++) {
		__u32 lv, sub;

		for (lv = 1; lv < 32; lv++) {
			__u32 all;
			__u32 pols[4];
			int np = 0, p;

			if (!(f[i].levels & (1u << lv)))
				continue;
			all = pgsizes_for_levels(f[i].pgsizes, lv);
			pols[np++] = 0;
			if (all != AXAS_PGSIZE_4K)
				pols[np++] = AXAS_PGSIZE_4K;
			if ((all & AXAS_PGSIZE_1G) && (all & AXAS_PGSIZE_2M)) {
				pols[np++] = AXAS_PGSIZE_4K | AXAS_PGSIZE_2M;
				/* 1 GiB without 2 MiB, like a pgsize bitmap may say */
				pols[np++] = AXAS_PGSIZE_4K | AXAS_PGSIZE_1G;
			}
			/* every subset of the format's cfg flags */
			sub = 0;
			do {
				for (p = 0; p < np && n < max; p++) {
					struct axcfg *c = &out[n++];

					c->format = f[i].format;
					c->levels = lv;
					c->cfg_flags = sub;
					c->pgsizes = pols[p];
					c->eff_pgsizes = pols[p] ? pols[p] : all;
					c->mem_types = f[i].mem_types;
					if (c->format == AXAS_FORMAT_RISCV_G &&
					    !(sub & AXAS_CFG_SVPBMT))
						c->mem_types &= 1u << AXAS_MEM_WB;
					snprintf(c->name, sizeof(c->name),
						 "%s/L%u/cfg%#x/pg%#x", fmt_name(c->format),
						 lv, sub, pols[p]);
				}
				sub = (sub - f[i].cfg_flags) & f[i].cfg_flags;
			} while (sub);
		}
	}
	return n;
}

static inline int axas_create_ex(int dev, const struct axcfg *c, __u64 base,
				 __u64 len, __u64 max_data, __u64 max_tables, int *fd)
{
	struct axas_create cr;
	int ret;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.format = c->format;
	cr.cfg_flags = c->cfg_flags;
	cr.levels = c->levels;
	cr.pgsizes = c->pgsizes;
	cr.base = base;
	cr.length = len;
	cr.max_data_pages = max_data;
	cr.max_table_pages = max_tables;
	cr.fd = -1;
	ret = xioctl(dev, AXAS_IOC_CREATE, &cr);
	*fd = ret ? -1 : cr.fd;
	return ret;
}

static inline int axas_create(int dev, const struct axcfg *c, __u64 base,
			      __u64 len, int *fd)
{
	return axas_create_ex(dev, c, base, len, 0, 0, fd);
}

/*
 * The first configuration of a format that can be created (a space of
 * 4 GiB at 0); the per-configuration tests cover those that cannot.
 */
static inline int axas_first_cfg(int dev, __u32 format, struct axcfg *c)
{
	struct axcfg cfgs[MAX_CFGS];
	int n = axas_configs(dev, cfgs, MAX_CFGS), i, fd;

	for (i = 0; i < n; i++)
		if (!format || cfgs[i].format == format) {
			if (axas_create(dev, &cfgs[i], 0, 1ULL << 32, &fd))
				continue;
			close(fd);
			*c = cfgs[i];
			return 0;
		}
	return -1;
}

/* A space of the native format of this host, else the first one. */
static inline int axas_native_cfg(int dev, struct axcfg *c)
{
#if defined(__x86_64__)
	if (!axas_first_cfg(dev, AXAS_FORMAT_INTEL_EPT, c))
		return 0;
#elif defined(__aarch64__)
	if (!axas_first_cfg(dev, AXAS_FORMAT_ARM_S2, c))
		return 0;
#endif
	return axas_first_cfg(dev, 0, c);
}

static inline void map_init(struct axas_map *m, __u32 backend, __u32 flags,
			    __u64 gpa, __u64 len, __u32 prot, __u32 mem, __u64 hpa)
{
	memset(m, 0, sizeof(*m));
	m->size = sizeof(*m);
	m->flags = flags;
	m->backend = backend;
	m->prot = prot;
	m->mem = mem;
	m->gpa = gpa;
	m->length = len;
	m->hpa = hpa;
}

/* The same for an entry of AXAS_IOC_MAP_VEC. */
static inline void map_entry_init(struct axas_map_entry *m, __u32 backend,
				  __u32 flags, __u64 gpa, __u64 len, __u32 prot,
				  __u32 mem, __u64 hpa)
{
	memset(m, 0, sizeof(*m));
	m->flags = flags;
	m->backend = backend;
	m->prot = prot;
	m->mem = mem;
	m->gpa = gpa;
	m->length = len;
	m->hpa = hpa;
}

static inline int as_map(int fd, __u32 backend, __u32 flags, __u64 gpa,
			 __u64 len, __u32 prot, __u32 mem, __u64 hpa)
{
	struct axas_map m;

	map_init(&m, backend, flags, gpa, len, prot, mem, hpa);
	return xioctl(fd, AXAS_IOC_MAP, &m);
}

#define RW	(AXAS_PROT_READ | AXAS_PROT_WRITE)
#define RWX	(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC)

static inline int as_alloc(int fd, __u64 gpa, __u64 len, int populate)
{
	return as_map(fd, AXAS_BACKEND_ALLOC, populate ? AXAS_MAP_POPULATE : 0,
		      gpa, len, RW, AXAS_MEM_WB, 0);
}

static inline int as_unmap_r(int fd, __u64 gpa, __u64 len, struct axas_unmap *u)
{
	memset(u, 0, sizeof(*u));
	u->size = sizeof(*u);
	u->gpa = gpa;
	u->length = len;
	u->done = 0xdeadbeef;	/* out only: must be overwritten */
	return xioctl(fd, AXAS_IOC_UNMAP, u);
}

static inline int as_unmap(int fd, __u64 gpa, __u64 len)
{
	struct axas_unmap u;

	return as_unmap_r(fd, gpa, len, &u);
}

static inline int as_protect_r(int fd, __u64 gpa, __u64 len, __u32 prot,
			       __u32 mem, struct axas_protect *p)
{
	memset(p, 0, sizeof(*p));
	p->size = sizeof(*p);
	p->prot = prot;
	p->mem = mem;
	p->gpa = gpa;
	p->length = len;
	p->done = 0xdeadbeef;	/* out only: must be overwritten */
	return xioctl(fd, AXAS_IOC_PROTECT, p);
}

static inline int as_protect(int fd, __u64 gpa, __u64 len, __u32 prot, __u32 mem)
{
	struct axas_protect p;

	return as_protect_r(fd, gpa, len, prot, mem, &p);
}

static inline int as_stats(int fd, struct axas_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->size = sizeof(*s);
	return xioctl(fd, AXAS_IOC_STATS, s);
}

static inline int as_root(int fd, struct axas_root *r)
{
	memset(r, 0, sizeof(*r));
	r->size = sizeof(*r);
	return xioctl(fd, AXAS_IOC_ROOT, r);
}

static inline int as_translate_n(int fd, const __u64 *gpas,
				 struct axas_translation *res, __u32 num,
				 __u32 *valid, __u32 *out_flags)
{
	struct axas_translate t;
	int ret;

	memset(&t, 0, sizeof(t));
	t.size = sizeof(t);
	t.num = num;
	t.gpas = (uintptr_t)gpas;
	t.results = (uintptr_t)res;
	ret = xioctl(fd, AXAS_IOC_TRANSLATE, &t);
	if (valid)
		*valid = t.num;
	if (out_flags)
		*out_flags = t.out_flags;
	return ret;
}

static inline int as_translate(int fd, __u64 gpa, struct axas_translation *res)
{
	memset(res, 0xa5, sizeof(*res));
	return as_translate_n(fd, &gpa, res, 1, NULL, NULL);
}

/* The size of the entry behind a translation, 0 when not mapped. */
static inline __u64 xl_size(const struct axas_translation *t)
{
	return t->page_shift ? 1ULL << t->page_shift : 0;
}

/* HPA of a GPA, 0 when not mapped (or hidden), ~0 on error. */
static inline __u64 as_hpa(int fd, __u64 gpa)
{
	struct axas_translation t;

	if (as_translate(fd, gpa, &t))
		return ~0ULL;
	return (t.flags & AXAS_XLATE_VALID) ? t.hpa : 0;
}

static inline int as_fault(int fd, __u64 gpa, __u32 access, struct axas_fault *f)
{
	memset(f, 0, sizeof(*f));
	f->size = sizeof(*f);
	f->access = access;
	f->gpa = gpa;
	return xioctl(fd, AXAS_IOC_FAULT, f);
}

static inline int as_rw(int fd, int write, __u64 gpa, void *buf, __u64 len,
			__u64 *done)
{
	struct axas_rw rw;
	int ret;

	memset(&rw, 0, sizeof(rw));
	rw.size = sizeof(rw);
	rw.gpa = gpa;
	rw.length = len;
	rw.buf = (uintptr_t)buf;
	rw.done = 0xdeadbeef;
	ret = xioctl(fd, write ? AXAS_IOC_WRITE : AXAS_IOC_READ, &rw);
	if (done)
		*done = rw.done;
	return ret;
}

/* A whole dump of [gpa, end) into a malloc()ed array. */
struct dumpbuf {
	struct axas_dump_entry *e;
	size_t n;
	__u32 out_flags;
	int calls;
	int empty_calls;	/* calls that returned nothing but moved the cursor */
	__u64 stuck_gpa;	/* where a call returned nothing, cursor unmoved */
	__u32 stuck_level;
};

static inline int as_dump_chunked(int fd, __u64 gpa, __u64 end, __u32 chunk,
				  struct dumpbuf *d)
{
	struct axas_dump_entry *buf = calloc(chunk, sizeof(*buf));
	struct axas_dump a;
	size_t cap = 64;
	int ret = 0;

	memset(d, 0, sizeof(*d));
	d->e = malloc(cap * sizeof(*d->e));
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.entry_len = sizeof(*buf);
	a.gpa = gpa;
	a.end = end;
	a.level = 0xffffffff;
	a.entries = (uintptr_t)buf;
	for (;;) {
		__u64 prev_gpa = a.gpa;
		__u32 prev_level = a.level;

		a.num = chunk;
		ret = xioctl(fd, AXAS_IOC_DUMP, &a);
		if (ret)
			break;
		d->calls++;
		d->out_flags |= a.out_flags;
		if (a.num > chunk) {
			ret = -1;
			break;
		}
		if (d->n + a.num > cap) {
			cap = (d->n + a.num) * 2;
			d->e = realloc(d->e, cap * sizeof(*d->e));
		}
		memcpy(d->e + d->n, buf, a.num * sizeof(*buf));
		d->n += a.num;
		if (a.gpa == end)
			break;
		if (a.num == 0 && a.gpa == prev_gpa && a.level == prev_level) {
			d->stuck_gpa = a.gpa;
			d->stuck_level = a.level;
			ret = -2;	/* no progress */
			break;
		}
		if (a.num == 0)
			d->empty_calls++;
		if (d->calls > 100000) {
			ret = -3;
			break;
		}
	}
	free(buf);
	return ret;
}

static inline int as_dump(int fd, __u64 gpa, __u64 end, struct dumpbuf *d)
{
	return as_dump_chunked(fd, gpa, end, 256, d);
}

static inline int dump_same(const struct dumpbuf *a, const struct dumpbuf *b)
{
	return a->n == b->n && !memcmp(a->e, b->e, a->n * sizeof(*a->e));
}

/* ------------------------------------------------------------ decoding */

struct dec {
	int valid;	/* present */
	int leaf;
	int bad;	/* a bit pattern the format defines as reserved here */
	__u64 addr;	/* output address (table or frame) */
	__u32 prot;
	__u32 mem;
};

static inline __u64 bits(__u64 v, int hi, int lo)
{
	return (v >> lo) & ((hi - lo == 63) ? ~0ULL : ((1ULL << (hi - lo + 1)) - 1));
}

/* Level is the module's: 0 maps 4 KiB, 1 2 MiB, 2 1 GiB. */
static inline struct dec decode_entry(__u32 format, __u64 raw, __u32 level)
{
	struct dec d = { 0 };
	__u64 lowmask = level ? (1ULL << (12 + 9 * level)) - 1 : 0xfff;

	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
		/* SDM 29.3.2: present iff any of R, W, X (bits 2:0) */
		d.valid = (raw & 7) != 0;
		d.leaf = level == 0 || (raw & (1ULL << 7));
		d.prot = (raw & 1 ? AXAS_PROT_READ : 0) |
			 (raw & 2 ? AXAS_PROT_WRITE : 0) |
			 (raw & 4 ? AXAS_PROT_EXEC : 0);
		if (d.leaf) {
			/* memory type bits 5:3, ignore PAT bit 6 */
			switch (bits(raw, 5, 3)) {
			case 6:
				d.mem = AXAS_MEM_WB;
				break;
			case 1:
				d.mem = AXAS_MEM_NC;
				break;
			case 0:
				d.mem = AXAS_MEM_DEVICE;
				break;
			default:
				d.bad = 1;
			}
			if (!(raw & (1ULL << 6)))
				d.bad = 1;
			d.addr = raw & 0x000ffffffffff000ULL & ~lowmask;
		} else {
			d.addr = raw & 0x000ffffffffff000ULL;
			if (bits(raw, 7, 3))
				d.bad = 1;
		}
		if ((raw & 2) && !(raw & 1))
			d.bad = 1;	/* write without read */
		break;
	case AXAS_FORMAT_AMD_NPT:
		/* APM 5.3: P bit 0, R/W 1, U/S 2, PWT 3, PCD 4, PS 7, NX 63 */
		d.valid = raw & 1;
		d.leaf = level == 0 || (raw & (1ULL << 7));
		d.prot = AXAS_PROT_READ | (raw & 2 ? AXAS_PROT_WRITE : 0) |
			 (raw & (1ULL << 63) ? 0 : AXAS_PROT_EXEC);
		if (!(raw & 4))
			d.bad = 1;
		if (d.leaf) {
			switch (bits(raw, 4, 3)) {
			case 0:
				d.mem = AXAS_MEM_WB;
				break;
			case 1:
				d.mem = AXAS_MEM_NC;
				break;
			case 3:
				d.mem = AXAS_MEM_DEVICE;
				break;
			default:
				d.bad = 1;
			}
			d.addr = raw & 0x000ffffffffff000ULL & ~lowmask;
		} else {
			d.addr = raw & 0x000ffffffffff000ULL;
		}
		break;
	case AXAS_FORMAT_ARM_S2:
		/* D8.3: bit 0 valid; bit 1 table (or page at level 3) */
		d.valid = raw & 1;
		d.leaf = level == 0 || !(raw & 2);
		if (level == 0 && !(raw & 2))
			d.bad = 1;
		if (d.leaf) {
			/* S2AP 7:6, MemAttr 5:2, SH 9:8, AF 10, XN 54:53 */
			d.prot = (raw & (1 << 6) ? AXAS_PROT_READ : 0) |
				 (raw & (1 << 7) ? AXAS_PROT_WRITE : 0) |
				 (raw & (1ULL << 54) ? 0 : AXAS_PROT_EXEC);
			switch (bits(raw, 5, 2)) {
			case 0xf:
				d.mem = AXAS_MEM_WB;
				break;
			case 0x5:
				d.mem = AXAS_MEM_NC;
				break;
			case 0x1:
				d.mem = AXAS_MEM_DEVICE;
				break;
			default:
				d.bad = 1;
			}
			if (!(raw & (1 << 10)) || bits(raw, 9, 8) != 3)
				d.bad = 1;
			d.addr = raw & 0x0000fffffffff000ULL & ~lowmask;
		} else {
			d.addr = raw & 0x0000fffffffff000ULL;
		}
		break;
	case AXAS_FORMAT_RISCV_G:
		/* priv. spec 12.4: V R W X U G A D, PPN 53:10, PBMT 62:61 */
		d.valid = raw & 1;
		d.leaf = (raw & 0xe) != 0;
		d.prot = (raw & 2 ? AXAS_PROT_READ : 0) |
			 (raw & 4 ? AXAS_PROT_WRITE : 0) |
			 (raw & 8 ? AXAS_PROT_EXEC : 0);
		d.addr = bits(raw, 53, 10) << 12;
		if (d.leaf) {
			switch (bits(raw, 62, 61)) {
			case 0:
				d.mem = AXAS_MEM_WB;
				break;
			case 1:
				d.mem = AXAS_MEM_NC;
				break;
			case 2:
				d.mem = AXAS_MEM_DEVICE;
				break;
			default:
				d.bad = 1;
			}
			if (!(raw & (1 << 4)) || !(raw & (1 << 6)))
				d.bad = 1;	/* U and A must be set */
			if ((raw & 4) && !(raw & (1 << 7)))
				d.bad = 1;	/* writable without D */
			if ((raw & 4) && !(raw & 2))
				d.bad = 1;
			if (d.addr & lowmask)
				d.bad = 1;	/* misaligned superpage */
		} else if (level == 0) {
			d.bad = 1;
		}
		break;
	}
	return d;
}

/* The root table's address and size from the root register (first principles). */
struct rootdec {
	__u64 addr;
	__u64 bytes;
	int bad;
};

static inline struct rootdec decode_root(const struct axas_root *r, __u32 cfg_flags)
{
	struct rootdec d = { 0 };

	d.bytes = 4096;
	switch (r->format) {
	case AXAS_FORMAT_INTEL_EPT:
		/* SDM 24.6.11: MT 2:0 (6 = WB), walk length - 1 in 5:3, A/D bit 6 */
		if (bits(r->value, 2, 0) != 6 || bits(r->value, 5, 3) != r->levels - 1)
			d.bad = 1;
		if (!!(r->value & (1 << 6)) != !!(cfg_flags & AXAS_CFG_EPT_AD))
			d.bad = 1;
		d.addr = r->value & 0x000ffffffffff000ULL;
		break;
	case AXAS_FORMAT_AMD_NPT:
		d.addr = r->value & 0x000ffffffffff000ULL;
		if (r->value & 0xfe7)
			d.bad = 1;
		break;
	case AXAS_FORMAT_ARM_S2: {
		/* VTCR_EL2: T0SZ 5:0, SL0 7:6, TG0 15:14 (0: 4 KiB), PS 18:16 */
		static const int ps_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
		__u64 vt = r->vtcr;
		int res = 12 + 9 * r->levels;	/* bits resolved by full tables */

		if (bits(vt, 5, 0) != 64 - r->ias_bits)
			d.bad = 1;
		/* SL0 with a 4 KiB granule: 0 = level 2, 1 = level 1, 2 = level 0 */
		if (bits(vt, 7, 6) != r->levels - 2)
			d.bad = 1;
		if (bits(vt, 15, 14) != 0)
			d.bad = 1;
		if (bits(vt, 18, 16) > 6 || ps_bits[bits(vt, 18, 16)] != (int)r->oas_bits)
			d.bad = 1;
		/* VTTBR_EL2: BADDR 47:1, VMID 63:48 (0) */
		if (bits(r->value, 63, 48))
			d.bad = 1;
		d.addr = r->value & 0x0000fffffffff000ULL;
		if ((int)r->ias_bits > res)
			d.bytes <<= r->ias_bits - res;	/* concatenated */
		break;
	}
	case AXAS_FORMAT_RISCV_G: {
		/* hgatp: MODE 63:60 (8 Sv39x4, 9 Sv48x4, 10 Sv57x4), VMID 57:44, PPN 43:0 */
		__u64 mode = bits(r->value, 63, 60);

		if (mode != 5 + r->levels || bits(r->value, 57, 44))
			d.bad = 1;
		d.addr = bits(r->value, 43, 0) << 12;
		d.bytes = 16384;
		if (d.addr & 16383)
			d.bad = 1;
		break;
	}
	default:
		d.bad = 1;
	}
	return d;
}

/* Input address bits of a format with this many levels (first principles). */
static inline __u32 ias_for_levels(__u32 format, __u32 levels)
{
	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
	case AXAS_FORMAT_AMD_NPT:
		return 12 + 9 * levels;
	case AXAS_FORMAT_RISCV_G:
		return 12 + 9 * levels + 2;
	case AXAS_FORMAT_ARM_S2:
		return 12 + 9 * levels + 4;	/* up to 16 concatenated tables */
	}
	return 0;
}

/* --------------------------------------------------------- environment */

static inline int ensure_debugfs(void)
{
	struct stat st;

	if (!stat("/sys/kernel/debug/axaddrspace", &st))
		return 0;
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return stat("/sys/kernel/debug/axaddrspace", &st) ? -1 : 0;
}

static inline int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static inline int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* First System RAM range in /proc/iomem (needs root to show addresses). */
static inline int iomem_find(const char *name, int top_only, __u64 min_len,
			     __u64 *start, __u64 *end)
{
	FILE *f = fopen("/proc/iomem", "re");
	char line[256];
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long s, e;
		char *colon = strstr(line, " : ");

		if (!colon || (top_only && line[0] == ' '))
			continue;
		if (sscanf(line, " %llx-%llx", &s, &e) != 2)
			continue;
		if (!strstr(colon + 3, name))
			continue;
		if (e == 0 || e - s + 1 < min_len)
			continue;
		*start = s;
		*end = e + 1;
		found = 0;
		break;
	}
	fclose(f);
	return found;
}

/*
 * A linear target: a registered, non-RAM memory resource (a PCI window).
 * Nothing accesses it; the table only points there.
 */
static inline int linear_target(__u64 len, __u64 align, __u64 *hpa)
{
	static const char *const names[] = { "PCI Bus", "pcie@", "PCI" };
	FILE *f = fopen("/proc/iomem", "re");
	char line[256];
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		unsigned long long s, e, a;
		unsigned int i;

		if (line[0] == ' ' || sscanf(line, "%llx-%llx", &s, &e) != 2 || !e)
			continue;
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (strstr(line, names[i]))
				break;
		if (i == ARRAY_SIZE(names))
			continue;
		a = (s + align - 1) & ~(align - 1);
		/* the top half of the window: least likely to hold BARs */
		if (e + 1 - a >= 2 * len) {
			__u64 mid = (s + (e + 1 - s) / 2 + align - 1) & ~(align - 1);

			a = mid + len <= e + 1 ? mid : a;
		}
		if (a >= s && a + len - 1 <= e) {
			*hpa = a;
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

/* With kselftest_harness.h included first: an errno out of a set of three. */
#define EXPECT_ERRNO_IN(expr, a, b, c) do { \
	int __e = (expr); \
	EXPECT_TRUE(__e == (a) || __e == (b) || __e == (c)) \
		TH_LOG("%s: got %d (%s), want %s/%s/%s", #expr, __e, strerror(__e), \
		       #a, #b, #c); \
} while (0)

#endif /* AXAS_UTIL_H */
