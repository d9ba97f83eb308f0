// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the page-table engine.
 *
 * The input is decoded into a configuration (a format and geometry, valid
 * or not, and a HAL that reaches tables through the direct map or through
 * its own phys_to_virt) and a sequence of operations: map, unmap (with and
 * without the per-leaf callback), protect, query, walk, and "fail the n-th
 * table allocation of the next operation". Addresses, sizes, attributes
 * and flags are chosen by the input, invalid ones included.
 *
 * Every operation is applied to the engine and to the reference model of
 * axaddrspace/tests/pt_model.h. The expected error of each call is worked
 * out here from the API's contract (pt.h, pt_core.c), independently of the
 * engine; a failed operation must change nothing; after each operation the
 * tables around it are compared with the model, the counters with the
 * model's totals and the table pages with the HAL's count. Any difference
 * aborts (and so does any AddressSanitizer/UBSan report).
 *
 * Build: make fuzz (clang -fsanitize=fuzzer,address,undefined).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/array_size.h>
#include "axaddrspace/tests/pt_gather_test.h"
#include "arena.h"

static void fz_report(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz: model mismatch: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

#define PTM_FAIL(m, ...)	((void)(m), fz_report(__VA_ARGS__))
#define ptm_zalloc(n)		calloc(1, n)
#define ptm_free(p)		free(p)
#include "axaddrspace/tests/pt_model.h"

#define SZ_4K	BIT_ULL(12)
#define SZ_2M	BIT_ULL(21)
#define SZ_1G	BIT_ULL(30)
#define MAX_OPS	256

/* ------------------------------------------------------- input decoding */

struct fz_in {
	const u8 *p;
	size_t n;
};

/* Little-endian, @bytes wide; zeros once the input is used up. */
static u64 fz_get(struct fz_in *in, unsigned int bytes)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < bytes && in->n; i++, in->p++, in->n--)
		v |= (u64)*in->p << (8 * i);
	return v;
}

/* ------------------------------------------------------------------ HALs */

static struct arena fz_arena;

/*
 * A HAL whose "physical" addresses are the arena's virtual addresses plus
 * 2^47: an engine path that uses the direct map instead of phys_to_virt()
 * dereferences a wild pointer (a crash or an ASan report).
 */
#define FZ_PA_OFFSET	BIT_ULL(47)

static void *fz_off_alloc(void *ctx, unsigned int order, phys_addr_t *pa)
{
	void *t = arena_mm_ops.alloc_table(ctx, order, pa);

	if (t)
		*pa += FZ_PA_OFFSET;
	return t;
}

static void fz_off_free(void *ctx, void *va, unsigned int order, bool deferred)
{
	arena_mm_ops.free_table(ctx, va, order, deferred);
}

static void *fz_off_p2v(void *ctx, phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa - FZ_PA_OFFSET);
}

static const struct axpt_mm_ops fz_off_ops = {
	.alloc_table = fz_off_alloc,
	.free_table = fz_off_free,
	.phys_to_virt = fz_off_p2v,
	.table_count = arena_table_count,
};

/* -------------------------------------------------------- configurations */

static const struct axpt_cfg fz_cfgs[] = {
	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 },
	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 },
	{ .format = AXAS_FORMAT_INTEL_EPT, .levels = 4, .flags = AXPT_CFG_EPT_AD,
	  .oas = 39 },
	{ .format = AXAS_FORMAT_AMD_NPT, .levels = 4 },
	{ .format = AXAS_FORMAT_AMD_NPT, .levels = 5, .oas = 40 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 32, .levels = 2 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 34, .levels = 3 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 39, .levels = 3 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3, .oas = 40 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 43, .levels = 4 },
	{ .format = AXAS_FORMAT_ARM_S2, .ias = 48, .levels = 4 },
	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 3 },
	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 4 },
	{ .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 5, .oas = 44 },
};

/* The attribute rules of each format (pt.h and arch/...), for the oracle. */
static bool fz_attr_ok(const struct axpt *pt, u32 format, u32 attr)
{
	u32 prot = AXPT_ATTR_PROT(attr);

	/* RISC-V PBMT memory types only where the table says Svpbmt */
	if (format == AXAS_FORMAT_RISCV_G && AXPT_ATTR_MEM(attr) != AXAS_MEM_WB &&
	    !(pt->cfg_flags & AXPT_CFG_SVPBMT))
		return false;

	if ((attr & ~AXPT_ATTR_MASK) || AXPT_ATTR_MEM(attr) > AXAS_MEM_DEVICE)
		return false;
	/* device memory is never executable, in any format */
	if (AXPT_ATTR_MEM(attr) == AXAS_MEM_DEVICE && (prot & AXAS_PROT_EXEC))
		return false;
	switch (format) {
	case AXAS_FORMAT_INTEL_EPT:
	case AXAS_FORMAT_RISCV_G:
		return prot && !((prot & AXAS_PROT_WRITE) &&
				 !(prot & AXAS_PROT_READ));
	case AXAS_FORMAT_AMD_NPT:
		return prot & AXAS_PROT_READ;
	default:
		return prot;
	}
}

/* The range checks of pt_core.c's axpt_check_range(). */
static int fz_range_err(const struct axpt *pt, u64 gpa, u64 size)
{
	if ((gpa | size) & (SZ_4K - 1))
		return -EINVAL;
	if (gpa + size < gpa)
		return -EOVERFLOW;
	if (gpa + size > 1ULL << pt->ias || gpa >> pt->ias)
		return -ERANGE;
	return 0;
}

/* ------------------------------------------------------- operand choice */

struct fz {
	struct ptm m;
	struct fz_in in;
	u32 format;
};

/* A GPA: mostly in one of three zones of the space, sometimes anything. */
static u64 fz_gpa(struct fz *f)
{
	u64 space = 1ULL << f->m.pt.ias;
	u64 zone = min(8 * SZ_1G, space / 4);
	u64 sel = fz_get(&f->in, 1);
	u64 bases[] = { 0, space / 2, space - zone };
	u64 gran = (sel >> 2) % 3 == 0 ? SZ_4K : (sel >> 2) % 3 == 1 ? SZ_2M : SZ_1G;
	u64 off;

	if ((sel & 0x3f) == 0x3f)
		return fz_get(&f->in, 8);	/* anything, usually invalid */
	off = (fz_get(&f->in, 2) * gran) % zone;
	return bases[sel % 3] + off;
}

/* A size: pages, 2 MiB multiples, 1 GiB multiples, "to the end", or raw. */
static u64 fz_size(struct fz *f, u64 gpa, bool big_ok)
{
	u64 sel = fz_get(&f->in, 1);
	u64 space = 1ULL << f->m.pt.ias;

	switch (sel & 7) {
	case 0 ... 2:
		return (1 + fz_get(&f->in, 1)) * SZ_4K;
	case 3 ... 4:
		return (1 + (fz_get(&f->in, 1) & 7)) * SZ_2M +
		       (fz_get(&f->in, 1) & 3) * SZ_4K;
	case 5:
		return (1 + (fz_get(&f->in, 1) & 3)) * SZ_1G +
		       (fz_get(&f->in, 1) & 1) * SZ_2M;
	case 6:
		/* to the end of the space: cheap to unmap, not to map */
		if (big_ok && gpa < space)
			return space - gpa;
		return SZ_4K;
	default:
		return sel & 8 ? 0 : fz_get(&f->in, 8);
	}
}

/* An HPA: mostly congruent to @gpa modulo 1 GiB (big leaves), in range. */
static u64 fz_hpa(struct fz *f, u64 gpa, u64 size)
{
	u64 sel = fz_get(&f->in, 1);
	u64 lim = 1ULL << f->m.pt.oas;

	switch (sel & 3) {
	case 0:
	case 1:
		return (fz_get(&f->in, 2) % (lim >> 30)) << 30 | (gpa & (SZ_1G - 1));
	case 2:
		return (fz_get(&f->in, 4) << 12) % lim;
	default:
		return fz_get(&f->in, 8);
	}
}

static u32 fz_attr(struct fz *f)
{
	u64 sel = fz_get(&f->in, 1);

	if ((sel & 0xf) == 0xf)
		return (u32)fz_get(&f->in, 4);
	return AXPT_ATTR((u32)(sel >> 4) & 7, (u32)(sel & 3));
}

/* ------------------------------------------------------------ operations */

static bool fz_single_leaf(const struct axpt *pt, u64 gpa, u64 hpa, u64 size,
			   u32 flags)
{
	unsigned int max = flags & AXPT_MAP_MAX_4K ? 0 :
			   flags & AXPT_MAP_MAX_2M ? 1 : 2;
	unsigned int l;

	for (l = 0; l <= max; l++)
		if (size == 1ULL << (12 + 9 * l))
			/* leaves exist only below the root's level count */
			return !((gpa | hpa) & (size - 1)) && l < pt->levels;
	return false;
}

/* What axpt_map() must return before looking at the tables, or 1. */
static int fz_map_err(struct fz *f, u64 gpa, u64 hpa, u64 size, u32 attr,
		      u32 flags)
{
	const struct axpt *pt = &f->m.pt;
	int ret;

	if (!size || (flags & ~AXPT_MAP_FLAGS) || (hpa & (SZ_4K - 1)))
		return -EINVAL;
	if (!fz_attr_ok(&f->m.pt, f->format, attr))
		return -EINVAL;
	ret = fz_range_err(pt, gpa, size);
	if (ret)
		return ret;
	if (hpa + size < hpa)
		return -EOVERFLOW;
	if (hpa + size > 1ULL << pt->oas)
		return -ERANGE;
	if ((flags & AXPT_MAP_SHARED) && !fz_single_leaf(pt, gpa, hpa, size, flags))
		return -EINVAL;
	return 1;
}

/* The largest leaf level a successful map of [gpa, +size) may use at @va. */
static void fz_check_levels(struct fz *f, u64 gpa, u64 size, u32 flags)
{
	unsigned int max = flags & AXPT_MAP_MAX_4K ? 0 :
			   flags & AXPT_MAP_MAX_2M ? 1 : 2;
	struct axpt_leaf q;

	if (!axpt_query(&f->m.pt, gpa, &q) && q.level > max)
		fz_report("map %#llx flags %#x: a level %u leaf", gpa, flags,
			  q.level);
	if (!axpt_query(&f->m.pt, gpa + size - 1, &q) && q.level > max)
		fz_report("map %#llx flags %#x: a level %u leaf at the end",
			  gpa, flags, q.level);
}

/*
 * A failed operation must leave the translations as they were (the model
 * was not changed); after an allocation failure the nth allocation must
 * really have been attempted.
 */
static void fz_after(struct fz *f, int ret, long fail_at, u64 gpa, u64 size)
{
	struct ptm *m = &f->m;

	if (ret == -ENOMEM && (!fail_at || m->hal.nallocs < fail_at))
		fz_report("-ENOMEM without an allocation failure");
	if (!ret && fail_at && m->hal.nallocs >= fail_at)
		fz_report("success although allocation %ld failed", fail_at);
	m->hal.fail_at = 0;
	if (!fz_range_err(&m->pt, gpa, size) && size)
		ptm_check_op(m, gpa, size);
	else
		ptm_check_counters(m);
}

/*
 * Is there a table where the single leaf [@gpa, @gpa + @size) of a shared
 * map would go? A failed shared map leaves the tables it linked, empty,
 * and a shared map never replaces a table: -EEXIST then, although the
 * model holds nothing there.
 */
static bool fz_table_in_slot(struct ptm *m, u64 gpa, u64 size)
{
	struct axpt_leaf q;

	return axpt_query(&m->pt, gpa, &q) == -ENOENT &&
	       (1ULL << axpt_level_shift(q.level)) < size;
}

static void fz_op_map(struct fz *f, long fail_at)
{
	struct ptm *m = &f->m;
	u64 gpa = fz_gpa(f);
	u64 size = fz_size(f, gpa, false);
	u64 hpa = fz_hpa(f, gpa, size);
	u32 attr = fz_attr(f);
	u32 flags = (u32)fz_get(&f->in, 1);
	int want, ret;

	flags = flags & 0x80 ? flags : flags & AXPT_MAP_FLAGS;
	want = fz_map_err(f, gpa, hpa, size, attr, flags);
	if (want == 1)
		want = ptm_overlaps(m, gpa, size) ? -EEXIST : 0;
	if (!want && m->n + 1 >= m->cap)
		return;
	/* A mapping of millions of 4 KiB pages is slow, not interesting. */
	if (!want && size > 64 * SZ_2M &&
	    (((gpa ^ hpa) & (SZ_2M - 1)) || (flags & AXPT_MAP_MAX_4K)))
		return;
	m->hal.fail_at = fail_at;
	ret = axpt_map(&m->pt, gpa, hpa, size, attr, flags);
	if (!want && ret == -EEXIST && (flags & AXPT_MAP_SHARED) &&
	    fz_table_in_slot(m, gpa, size))
		want = -EEXIST;
	/* Tables are taken while looking for a conflict: -ENOMEM may win. */
	if (ret != want && !((!want || want == -EEXIST) && ret == -ENOMEM))
		fz_report("map %#llx+%#llx -> %#llx attr %#x flags %#x: %d, want %d",
			  gpa, size, hpa, attr, flags, ret, want);
	if (!ret) {
		struct ptm_range r = {
			gpa, hpa, size, attr, !!(attr & AXAS_PROT_WRITE),
		};

		ptm_insert(m, ptm_find(m, gpa), &r);
		fz_check_levels(f, gpa, size, flags);
	}
	fz_after(f, ret, fail_at, gpa, size);
}

static void fz_op_unmap(struct fz *f, long fail_at, bool callback)
{
	struct ptm *m = &f->m;
	struct ptm_removed rm = { .m = m };
	u64 gpa = fz_gpa(f);
	u64 size = fz_size(f, gpa, true);
	struct axpt_gather fl;
	int want, ret;

	want = fz_range_err(&m->pt, gpa, size);
	if (m->n + 2 >= m->cap)
		return;
	m->hal.fail_at = fail_at;
	ret = callback ? axpt_unmap_leaves(&m->pt, gpa, size, ptg(&fl, &m->pt),
					   ptm_removed_leaf, &rm, NULL) :
			 axpt_unmap(&m->pt, gpa, size, ptg(&fl, &m->pt));
	if (ret != want && !(want == 0 && ret == -ENOMEM))
		fz_report("unmap %#llx+%#llx: %d, want %d", gpa, size, ret, want);
	if (!ret && size) {
		ptm_check_flush(m, &fl, gpa, size, 0);
		if (callback && rm.bytes != ptm_model_bytes(m, gpa, gpa + size))
			fz_report("unmap %#llx+%#llx: callbacks for %#llx bytes, model %#llx",
				  gpa, size, rm.bytes,
				  ptm_model_bytes(m, gpa, gpa + size));
		ptm_model_unmap(m, gpa, size);
	} else if (rm.bytes) {
		fz_report("unmap %#llx+%#llx failed (%d) after callbacks", gpa,
			  size, ret);
	}
	if (ret || !size) {
		if (fl.start != fl.end)
			fz_report("unmap %#llx+%#llx: %d with a flush", gpa, size,
				  ret);
	}
	fz_after(f, ret, fail_at, gpa, size);
}

static void fz_op_protect(struct fz *f, long fail_at)
{
	struct ptm *m = &f->m;
	u64 gpa = fz_gpa(f);
	u64 size = fz_size(f, gpa, true);
	u32 attr = fz_attr(f);
	struct axpt_gather fl;
	int want, ret;

	want = fz_attr_ok(&f->m.pt, f->format, attr) ? fz_range_err(&m->pt, gpa, size) :
					     -EINVAL;
	if (m->n + 2 >= m->cap)
		return;
	m->hal.fail_at = fail_at;
	ret = axpt_protect(&m->pt, gpa, size, attr, ptg(&fl, &m->pt));
	if (ret != want && !(want == 0 && ret == -ENOMEM))
		fz_report("protect %#llx+%#llx attr %#x: %d, want %d", gpa, size,
			  attr, ret, want);
	if (!ret && size) {
		ptm_check_flush(m, &fl, gpa, size, attr);
		ptm_model_protect(m, gpa, size, attr);
	}
	fz_after(f, ret, fail_at, gpa, size);
}

static void fz_op_query(struct fz *f)
{
	struct ptm *m = &f->m;
	u64 gpa = fz_gpa(f) + fz_get(&f->in, 2);
	struct axpt_leaf q;

	if (gpa >> m->pt.ias) {
		if (axpt_query(&m->pt, gpa, &q) != -ERANGE)
			fz_report("query %#llx beyond the input range", gpa);
		return;
	}
	ptm_probe(m, gpa);
}

static int fz_count(void *arg, unsigned int level, u64 gpa, u64 pte, bool leaf)
{
	(*(unsigned long *)arg)++;
	return 0;
}

static void fz_op_walk(struct fz *f)
{
	struct ptm *m = &f->m;
	u64 gpa = fz_gpa(f);
	u64 size = fz_size(f, gpa, true);
	unsigned long n = 0;
	int want = fz_range_err(&m->pt, gpa, size), ret;

	ret = axpt_walk(&m->pt, gpa, size, fz_count, &n);
	if (ret != want)
		fz_report("walk %#llx+%#llx: %d, want %d", gpa, size, ret, want);
	if (!want && size)
		ptm_check_window(m, gpa, gpa + size);
}

/* libFuzzer's entry point, by its (mixed-case) symbol name. */
int fz_one_input(const u8 *data, size_t len) __asm__("LLVMFuzzerTestOneInput");

int fz_one_input(const u8 *data, size_t len)
{
	struct fz f = { .in = { data, len } };
	struct axpt_cfg cfg;
	u64 sel = fz_get(&f.in, 1);
	const struct axpt_mm_ops *hal = sel & 0x80 ? &fz_off_ops : &arena_mm_ops;
	unsigned int ops;
	long fail_next = 0;

	if (!fz_arena.base && arena_init(&fz_arena, 1ULL << 36, 0))
		abort();
	if ((sel & 0x7f) < 4 * ARRAY_SIZE(fz_cfgs)) {
		cfg = fz_cfgs[(sel & 0x7f) % ARRAY_SIZE(fz_cfgs)];
	} else {
		/* anything: most of these are refused, which is checked too */
		cfg = (struct axpt_cfg){
			.format = (u32)fz_get(&f.in, 1) % 6,
			.flags = (u32)fz_get(&f.in, 1) % 3,
			.levels = (u8)fz_get(&f.in, 1) % 7,
			.ias = (u8)fz_get(&f.in, 1) % 64,
			.oas = (u8)fz_get(&f.in, 1) % 64,
		};
	}
	f.format = cfg.format;
	if (fz_get(&f.in, 1) == 0xff) {
		/* The root's allocation fails: -ENOMEM (or -EINVAL), no leak. */
		struct ptm_hal h = { .base = hal, .base_ctx = &fz_arena,
				     .fail_at = 1 };
		int ret = axpt_init(&f.m.pt, &cfg, ptm_hal_ops(&h), &h);

		if (ret != -ENOMEM && ret != -EINVAL)
			fz_report("init with a failing allocation: %d", ret);
		if (h.live || fz_arena.live)
			fz_report("failed init leaked pages");
		return 0;
	}
	if (ptm_init(&f.m, &cfg, hal, &fz_arena, 4096, 1, NULL)) {
		if (fz_arena.live)
			fz_report("failed init leaked %ld pages", fz_arena.live);
		return 0;
	}

	for (ops = 0; ops < MAX_OPS && f.in.n; ops++) {
		u64 op = fz_get(&f.in, 1);
		long fail_at = fail_next;

		fail_next = 0;
		if (fail_at)
			fail_at += f.m.hal.nallocs;
		switch (op % 16) {
		case 0 ... 4:
			fz_op_map(&f, fail_at);
			break;
		case 5 ... 7:
			fz_op_unmap(&f, fail_at, op & 0x10);
			break;
		case 8 ... 9:
			fz_op_protect(&f, fail_at);
			break;
		case 10 ... 11:
			fz_op_query(&f);
			break;
		case 12:
			fz_op_walk(&f);
			break;
		default:
			/* the next operation's n-th table allocation fails */
			fail_next = 1 + (long)(op >> 4);
			break;
		}
	}

	/* Everything agrees, then unmapping all leaves only the root. */
	ptm_check_window(&f.m, 0, 1ULL << f.m.pt.ias);
	{
		struct axpt_gather fl;

		if (axpt_unmap(&f.m.pt, 0, 1ULL << f.m.pt.ias, ptg(&fl, &f.m.pt)))
			fz_report("unmap of everything failed");
		ptm_model_unmap(&f.m, 0, 1ULL << f.m.pt.ias);
	}
	ptm_check_counters(&f.m);
	if (atomic_long_read(&f.m.pt.nr_tables) != 1L << f.m.pt.root_order)
		fz_report("%ld table pages left after unmapping all",
			  atomic_long_read(&f.m.pt.nr_tables));
	ptm_fini(&f.m);
	if (fz_arena.live)
		fz_report("%ld arena pages live after destroy", fz_arena.live);
	return 0;
}
