// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl host unit tests: argument parsing, the JSON writer, text and
 * JSON output of every command against a small fake kernel (no device
 * needed), batch mode, and the entry decoders and software walker of
 * dump --check against entry values written from the manuals.
 *
 *   axasctl_test OUTDIR     JSON outputs go to OUTDIR/<test>.json, which
 *                           `make test` checks with python3 -m json.tool
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "axasctl.h"
#include "decode.h"

static unsigned int passed, failed;
static const char *outdir = ".";

static const char *S(const char *s)
{
	return s ? s : "-";
}

#define CHECK(cond, ...) check((cond), __LINE__, #cond, __VA_ARGS__)

static void __printf(4, 5)
check(bool ok, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, line, expr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ------------------------------------------------------- fake kernel */

#define FAKE_DEV_FD	10
#define FAKE_AS_FD	11
#define MAX_AREAS	32
#define MAX_LEAVES	32
#define FAKE_MEM	0x10000

struct fake_area {
	u64 gpa, len;
	u32 backend, prot, mem;
};

struct fake_leaf {
	u64 gpa, size, hpa;
	u32 prot, mem;
};

struct fake {
	unsigned int creates, opens, unmap_calls, unmap_vec_calls;
	unsigned int protect_vec_calls, dump_calls;
	int open_err;
	bool hide_hpa;
	u64 root_table;
	struct axas_create last_create;
	struct axas_map last_map;
	struct axas_unmap_entry last_vec_unmap[4];
	u32 last_vec_num;
	struct axas_root root;
	struct fake_area areas[MAX_AREAS];
	unsigned int nr_areas;
	/* dump: canned entries; translate answers from leaves when set. */
	const struct axas_dump_entry *dump;
	size_t dump_n;
	/* What AXAS_IOC_STATS counts, if not the dump. */
	const struct axas_dump_entry *stats_src;
	size_t stats_n;
	const struct fake_leaf *leaves;
	size_t nr_leaves;
	unsigned char mem[FAKE_MEM];
} fk;

static int fake_open(struct axctl *c, const char *path)
{
	(void)c;
	(void)path;
	fk.opens++;
	return fk.open_err ? fk.open_err : FAKE_DEV_FD;
}

static void fake_close(struct axctl *c, int fd)
{
	(void)c;
	(void)fd;
}

static const struct axas_format_info fake_formats[] = {
	{ AXAS_FORMAT_INTEL_EPT, (1 << 4) | (1 << 5), 48, 57, 52,
	  AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G, AXAS_CFG_EPT_AD, 7 },
	{ AXAS_FORMAT_AMD_NPT, (1 << 4) | (1 << 5), 48, 57, 52,
	  AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G, 0, 7 },
	{ AXAS_FORMAT_ARM_S2, (1 << 2) | (1 << 3) | (1 << 4), 32, 48, 48,
	  AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G, 0, 7 },
	{ AXAS_FORMAT_RISCV_G, (1 << 3) | (1 << 4) | (1 << 5), 41, 59, 56,
	  AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G, AXAS_CFG_SVPBMT, 7 },
};

static int fake_info(struct axas_info *i)
{
	if (i->size != sizeof(*i) || i->format_len != sizeof(fake_formats[0]))
		return -EINVAL;
	if (i->num_formats && i->num_formats < ARRAY_SIZE(fake_formats)) {
		i->num_formats = ARRAY_SIZE(fake_formats);
		return -EMSGSIZE;
	}
	if (i->num_formats)
		memcpy((void *)(uintptr_t)i->formats, fake_formats,
		       sizeof(fake_formats));
	i->num_formats = ARRAY_SIZE(fake_formats);
	i->caps = AXAS_CAP_MMAP | AXAS_CAP_HPA;
	i->map_flags = AXAS_MAP_FLAGS;
	i->dump_entry_len = sizeof(struct axas_dump_entry);
	return 0;
}

static int fake_create(struct axas_create *a)
{
	struct axas_root *r = &fk.root;

	fk.last_create = *a;
	if (a->format < 1 || a->format > 4)
		return -EOPNOTSUPP;
	if ((a->base | a->length) & 0xfff || !a->length)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->format = a->format;
	r->levels = a->levels;
	r->ias_bits = a->ias_bits;
	switch (a->format) {
	case AXAS_FORMAT_INTEL_EPT:
	case AXAS_FORMAT_AMD_NPT:
		if (!r->levels)
			r->levels = (r->ias_bits - 12) / 9;
		r->ias_bits = 12 + 9 * r->levels;
		r->oas_bits = 52;
		r->value = a->format == AXAS_FORMAT_AMD_NPT ? 0x1000 :
			   0x1000 | (u64)(r->levels - 1) << 3 | 6 |
			   (a->cfg_flags & AXAS_CFG_EPT_AD ? 0x40 : 0);
		break;
	case AXAS_FORMAT_ARM_S2:
		if (!r->levels)
			r->levels = r->ias_bits > 39 ? 4 : 3;
		if (r->ias_bits == 40)
			r->levels = 3;
		r->oas_bits = 40;
		r->value = 0x2000;
		r->vtcr = (64 - r->ias_bits) | (u64)(r->levels - 2) << 6 |
			  1 << 8 | 1 << 10 | 3 << 12 | 2 << 16 | 1ULL << 31;
		break;
	case AXAS_FORMAT_RISCV_G:
		if (!r->levels)
			r->levels = (r->ias_bits - 14) / 9;
		r->ias_bits = 14 + 9 * r->levels;
		r->oas_bits = 56;
		r->value = (u64)(r->levels + 5) << 60 | 4;
		break;
	}
	if (a->ias_bits < 64 && r->ias_bits < 64 &&
	    a->base + a->length > 1ULL << r->ias_bits)
		return -ERANGE;
	r->pgsizes = a->pgsizes ? a->pgsizes :
		     AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G;
	r->base = a->base;
	r->length = a->length;
	if (fk.root_table && a->format == AXAS_FORMAT_INTEL_EPT)
		r->value = (r->value & 0xfff) | fk.root_table;
	if (fk.hide_hpa) {
		r->out_flags = AXAS_OUT_HPA_HIDDEN;
		r->value = 0;
		r->vtcr = 0;
	}
	fk.creates++;
	a->fd = FAKE_AS_FD;
	return 0;
}

static bool in_space(u64 gpa, u64 len)
{
	return gpa >= fk.root.base && gpa + len >= gpa &&
	       gpa + len <= fk.root.base + fk.root.length;
}

static struct fake_area *find_area(u64 gpa)
{
	unsigned int i;

	for (i = 0; i < fk.nr_areas; i++)
		if (gpa >= fk.areas[i].gpa &&
		    gpa < fk.areas[i].gpa + fk.areas[i].len)
			return &fk.areas[i];
	return NULL;
}

static bool overlaps(u64 gpa, u64 len)
{
	unsigned int i;

	for (i = 0; i < fk.nr_areas; i++)
		if (gpa < fk.areas[i].gpa + fk.areas[i].len &&
		    fk.areas[i].gpa < gpa + len)
			return true;
	return false;
}

static int fake_map(struct axas_map *m)
{
	fk.last_map = *m;
	if (m->flags & ~AXAS_MAP_FLAGS || m->mem > 2 || m->prot > 7 ||
	    m->backend < 1 || m->backend > 3)
		return -EOPNOTSUPP;
	if ((m->gpa | m->length | m->hpa) & 0xfff || !m->length || !m->prot ||
	    (m->mem == AXAS_MEM_DEVICE && (m->prot & AXAS_PROT_EXEC)) ||
	    (m->backend != AXAS_BACKEND_LINEAR && m->hpa))
		return -EINVAL;
	if (m->gpa + m->length < m->gpa)
		return -EOVERFLOW;
	if (!in_space(m->gpa, m->length))
		return -ERANGE;
	if (overlaps(m->gpa, m->length))
		return -EEXIST;
	if (m->backend == AXAS_BACKEND_LINEAR)
		return -EPERM;
	fk.areas[fk.nr_areas++] = (struct fake_area){
		m->gpa, m->length, m->backend, m->prot, m->mem,
	};
	return 0;
}

static int fake_unmap_one(u64 gpa, u64 len)
{
	unsigned int i, j;

	if ((gpa | len) & 0xfff || !len)
		return -EINVAL;
	if (!in_space(gpa, len))
		return -ERANGE;
	if (!overlaps(gpa, len))
		return -ENOENT;
	for (i = j = 0; i < fk.nr_areas; i++)
		if (!(fk.areas[i].gpa >= gpa &&
		      fk.areas[i].gpa + fk.areas[i].len <= gpa + len))
			fk.areas[j++] = fk.areas[i];
	fk.nr_areas = j;
	return 0;
}

static int fake_translate(struct axas_translate *t)
{
	u64 *gpas = (u64 *)(uintptr_t)t->gpas;
	struct axas_translation *r = (void *)(uintptr_t)t->results;
	u32 i, valid = 0;
	size_t l;

	if (t->num > AXAS_TRANSLATE_MAX)
		return -EINVAL;
	for (i = 0; i < t->num; i++)
		if (!in_space(gpas[i], 1))
			return -ERANGE;
	for (i = 0; i < t->num; i++) {
		struct fake_area *a = find_area(gpas[i]);

		memset(&r[i], 0, sizeof(r[i]));
		if (fk.leaves) {
			for (l = 0; l < fk.nr_leaves; l++) {
				const struct fake_leaf *f = &fk.leaves[l];

				if (gpas[i] >= f->gpa && gpas[i] < f->gpa + f->size) {
					r[i].flags = AXAS_XLATE_VALID;
					r[i].hpa = f->hpa + gpas[i] - f->gpa;
					r[i].page_shift = __builtin_ctzll(f->size);
					r[i].prot = f->prot;
					r[i].mem = f->mem;
					valid++;
				}
			}
			continue;
		}
		if (!a || a->backend == AXAS_BACKEND_MMIO)
			continue;
		r[i].flags = AXAS_XLATE_VALID;
		r[i].hpa = fk.hide_hpa ? 0 : 0x80000000ULL + gpas[i];
		r[i].page_shift = 12;
		r[i].prot = a->prot;
		r[i].mem = a->mem;
		valid++;
	}
	t->num = valid;
	t->out_flags = fk.hide_hpa ? AXAS_OUT_HPA_HIDDEN : 0;
	return 0;
}

static int fake_fault(struct axas_fault *f)
{
	struct fake_area *a;

	if (f->access != 1 && f->access != 2 && f->access != 4)
		return -EINVAL;
	if (!in_space(f->gpa, 1)) {
		f->result = AXAS_FAULT_OUT_OF_RANGE;
		return 0;
	}
	a = find_area(f->gpa);
	if (!a) {
		f->result = AXAS_FAULT_NO_AREA;
		return 0;
	}
	f->area_start = a->gpa;
	f->area_length = a->len;
	f->area_backend = a->backend;
	f->area_prot = a->prot;
	f->area_mem = a->mem;
	if (a->backend == AXAS_BACKEND_MMIO) {
		f->result = AXAS_FAULT_MMIO;
	} else if (!(a->prot & f->access)) {
		f->result = AXAS_FAULT_PERMISSION;
	} else {
		f->result = AXAS_FAULT_MAPPED;
		f->hpa = 0x80000000ULL + (f->gpa & ~0xfffULL);
		f->level = 0;
	}
	return 0;
}

static int fake_rw(struct axas_rw *rw, bool write)
{
	unsigned char *buf = (void *)(uintptr_t)rw->buf;
	u64 i;

	rw->done = 0;
	if (rw->length > AXAS_RW_MAX)
		return -EINVAL;
	for (i = 0; i < rw->length; i++) {
		struct fake_area *a = find_area(rw->gpa + i);
		u64 g = rw->gpa + i;

		if (!a || a->backend == AXAS_BACKEND_MMIO || g >= FAKE_MEM)
			return -EFAULT;
		if (write)
			fk.mem[g] = buf[i];
		else
			buf[i] = fk.mem[g];
		rw->done++;
	}
	return 0;
}

static int fake_dump(struct axas_dump *d)
{
	struct axas_dump_entry *out = (void *)(uintptr_t)d->entries;
	size_t i;
	u32 n = 0;

	fk.dump_calls++;
	if (d->entry_len < sizeof(*out) || !d->num || d->gpa > d->end)
		return -EINVAL;
	if (!in_space(d->gpa, d->end - d->gpa))
		return -ERANGE;
	d->out_flags = fk.hide_hpa ? AXAS_OUT_HPA_HIDDEN : 0;
	for (i = 0; i < fk.dump_n; i++) {
		const struct axas_dump_entry *e = &fk.dump[i];

		if (e->gpa < d->gpa || (e->gpa == d->gpa && e->level > d->level))
			continue;
		if (e->gpa >= d->end)
			break;
		if (n == d->num) {
			d->gpa = e->gpa;
			d->level = e->level;
			d->num = n;
			return 0;
		}
		out[n++] = *e;
	}
	d->num = n;
	d->gpa = d->end;
	d->level = 0xffffffff;
	return 0;
}

static int fake_ioctl(struct axctl *c, int fd, unsigned long req, void *arg)
{
	(void)c;
	if (fd == FAKE_DEV_FD) {
		if (req == AXAS_IOC_GET_INFO)
			return fake_info(arg);
		if (req == AXAS_IOC_CREATE)
			return fake_create(arg);
		return -ENOTTY;
	}
	if (fd != FAKE_AS_FD)
		return -EBADF;
	switch (req) {
	case AXAS_IOC_MAP:
		return fake_map(arg);
	case AXAS_IOC_UNMAP: {
		struct axas_unmap *u = arg;
		int ret = fake_unmap_one(u->gpa, u->length);

		fk.unmap_calls++;
		u->done = ret ? 0 : u->length;
		if (!ret) {
			u->inval.start = u->gpa;
			u->inval.end = u->gpa + u->length;
		}
		return ret;
	}
	case AXAS_IOC_UNMAP_VEC:
	case AXAS_IOC_PROTECT_VEC: {
		struct axas_vec *v = arg;
		u32 i;

		if (req == AXAS_IOC_UNMAP_VEC) {
			struct axas_unmap_entry *e = (void *)(uintptr_t)v->entries;

			fk.unmap_vec_calls++;
			if (v->entry_len != sizeof(*e))
				return -EINVAL;
			fk.last_vec_num = v->entry_num;
			for (i = 0; i < v->entry_num && i < 4; i++)
				fk.last_vec_unmap[i] = e[i];
			for (i = 0; i < v->entry_num; i++)
				if (fake_unmap_one(e[i].gpa, e[i].length))
					return -ENOENT;
		} else {
			struct axas_protect_entry *e = (void *)(uintptr_t)v->entries;

			fk.protect_vec_calls++;
			if (v->entry_len != sizeof(*e))
				return -EINVAL;
			fk.last_vec_num = v->entry_num;
			for (i = 0; i < v->entry_num; i++)
				if (!overlaps(e[i].gpa, e[i].length))
					return -ENOENT;
		}
		return 0;
	}
	case AXAS_IOC_PROTECT: {
		struct axas_protect *p = arg;

		if (!p->prot)
			return -EINVAL;
		if (!in_space(p->gpa, p->length))
			return -ERANGE;
		if (!overlaps(p->gpa, p->length))
			return -ENOENT;
		p->done = p->length;
		p->inval.start = p->gpa;
		p->inval.end = p->gpa + p->length;
		p->inval.invalidations = 1;
		return 0;
	}
	case AXAS_IOC_TRANSLATE:
		return fake_translate(arg);
	case AXAS_IOC_FAULT:
		return fake_fault(arg);
	case AXAS_IOC_READ:
		return fake_rw(arg, false);
	case AXAS_IOC_WRITE:
		return fake_rw(arg, true);
	case AXAS_IOC_ROOT:
		memcpy((char *)arg + 8, (char *)&fk.root + 8, sizeof(fk.root) - 8);
		return 0;
	case AXAS_IOC_STATS: {
		struct axas_stats *s = arg;

		const struct axas_dump_entry *src = fk.stats_src ? fk.stats_src : fk.dump;
		size_t n = fk.stats_src ? fk.stats_n : fk.dump_n, i;

		s->data_pages = 3;
		s->table_pages = 4;
		s->leaves[0] = 3;
		if (src) {
			s->table_pages = 1;
			s->leaves[0] = 0;
			for (i = 0; i < n; i++) {
				if (!(src[i].flags & AXAS_DUMP_LEAF))
					s->table_pages++;
				else
					s->leaves[src[i].level]++;
			}
		}
		s->areas = fk.nr_areas;
		s->faults[AXAS_FAULT_MAPPED] = 2;
		s->faults[AXAS_FAULT_MMIO] = 1;
		s->max_data_pages = fk.last_create.max_data_pages;
		return 0;
	}
	case AXAS_IOC_DUMP:
		return fake_dump(arg);
	}
	return -ENOTTY;
}

static const struct axctl_sys fake_sys = {
	.open_dev = fake_open,
	.ioctl = fake_ioctl,
	.close = fake_close,
};

/* ------------------------------------------------------------ helpers */

static struct axctl ctx;
static char *out_buf, *err_buf;

static void ctx_new(bool json, bool pretty)
{
	if (ctx.sys)
		axctl_fini(&ctx);
	memset(&fk, 0, sizeof(fk));
	axctl_init(&ctx, stdout, stderr);
	ctx.sys = &fake_sys;
	ctx.json = json;
	ctx.pretty = pretty;
}

/* Saves the last JSON output as OUTDIR/@name.json. */
static void save_json(const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.json", outdir, name);
	f = fopen(path, "w");
	if (!f) {
		CHECK(false, "cannot write %s", path);
		return;
	}
	fputs(out_buf, f);
	fclose(f);
}

/* Runs one command line on the context; output in out_buf, err_buf. */
static int run(const char *line)
{
	size_t olen, elen;
	char buf[1024], *argv[64];
	FILE *o, *e;
	int argc, ret;

	free(out_buf);
	free(err_buf);
	o = open_memstream(&out_buf, &olen);
	e = open_memstream(&err_buf, &elen);
	ctx.out = o;
	ctx.err = e;
	jw_init(&ctx.jw, o, ctx.pretty);
	snprintf(buf, sizeof(buf), "%s", line);
	argc = split_words(buf, argv, 64);
	ret = argc > 0 ? run_cmd(&ctx, argc, argv) : -1;
	fclose(o);
	fclose(e);
	return ret;
}

static int run_batch_str(const char *script)
{
	size_t olen, elen;
	FILE *o, *e, *in;
	int ret;

	free(out_buf);
	free(err_buf);
	o = open_memstream(&out_buf, &olen);
	e = open_memstream(&err_buf, &elen);
	ctx.out = o;
	ctx.err = e;
	jw_init(&ctx.jw, o, ctx.pretty);
	in = fmemopen((void *)script, strlen(script), "r");
	ret = run_batch(&ctx, in, "test");
	fclose(in);
	fclose(o);
	fclose(e);
	return ret;
}

static bool has(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

/* -------------------------------------------------------------- tests */

static void test_parse_numbers(void)
{
	static const struct {
		const char *s;
		int ret;
		u64 v;
	} cases[] = {
		{ "0", 0, 0 }, { "4096", 0, 4096 }, { "4K", 0, 4096 },
		{ "4k", 0, 4096 }, { "4KiB", 0, 4096 }, { "4kb", 0, 4096 },
		{ "2M", 0, 2 << 20 }, { "1G", 0, 1 << 30 },
		{ "3T", 0, 3ULL << 40 }, { "1P", 0, 1ULL << 50 },
		{ "0x1000", 0, 0x1000 }, { "0X1f", 0, 0x1f },
		{ "0x10K", 0, 0x4000 }, { "0b101", 0, 5 },
		{ "1_000", 0, 1000 }, { "010", 0, 10 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "0xffffffffffffffff", 0, UINT64_MAX },
		{ "15E", 0, 15ULL << 60 },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "0x10000000000000000", -ERANGE, 0 }, { "16E", -ERANGE, 0 },
		{ "", -EINVAL, 0 }, { "x", -EINVAL, 0 }, { "0x", -EINVAL, 0 },
		{ "4Q", -EINVAL, 0 }, { "4KK", -EINVAL, 0 }, { "-1", -EINVAL, 0 },
		{ "1.5G", -EINVAL, 0 }, { "_1", -EINVAL, 0 },
	};
	size_t i;
	u32 v32;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 v = 0xdead;
		int ret = parse_u64(cases[i].s, &v);

		CHECK(ret == cases[i].ret, "parse_u64(\"%s\") = %d, want %d",
		      cases[i].s, ret, cases[i].ret);
		if (!ret && !cases[i].ret)
			CHECK(v == cases[i].v, "parse_u64(\"%s\") = 0x%llx",
			      cases[i].s, v);
	}
	CHECK(parse_u32("4G", &v32) == -ERANGE, "4G in 32 bits");
	CHECK(!parse_u32("0xffffffff", &v32) && v32 == 0xffffffff, "u32 max");
}

static void test_parse_words(void)
{
	static const char *const words[] = {
		"map", "mapx", "unmap", "read", "root", NULL,
	};
	u32 p, m, f;
	int i;

	CHECK(match_word("map", words) == 0, "exact match wins over a prefix");
	CHECK(match_word("mapx", words) == 1, "exact");
	CHECK(match_word("u", words) == 2, "unique prefix");
	CHECK(match_word("r", words) == -2, "ambiguous prefix");
	CHECK(match_word("ro", words) == 4, "longer prefix");
	CHECK(match_word("m", words) == -2, "map/mapx ambiguous");
	CHECK(match_word("x", words) == -1, "no match");
	CHECK(match_word("", words) == -1, "empty word");
	CHECK(match_word("rootx", words) == -1, "longer than a word");

	CHECK(!parse_prot("rwx", &p) && p == 7, "rwx");
	CHECK(!parse_prot("r-x", &p) && p == 5, "r-x");
	CHECK(!parse_prot("rw", &p) && p == 3, "rw");
	CHECK(!parse_prot("x", &p) && p == 4, "x");
	CHECK(!parse_prot("read,exec", &p) && p == 5, "read,exec");
	CHECK(!parse_prot("w,r", &p) && p == 3, "w,r by prefix");
	CHECK(!parse_prot("none", &p) && p == 0, "none");
	CHECK(!parse_prot("---", &p) && p == 0, "---");
	CHECK(parse_prot("rr", &p) == -EINVAL, "repeated letter");
	CHECK(parse_prot("rwz", &p) == -EINVAL, "bad letter");
	CHECK(parse_prot("", &p) == -EINVAL, "empty prot");
	CHECK(parse_prot("read,bogus", &p) == -EINVAL, "bad word");

	CHECK(!parse_mem("wb", &m) && m == AXAS_MEM_WB, "wb");
	CHECK(!parse_mem("n", &m) && m == AXAS_MEM_NC, "n prefix");
	CHECK(!parse_mem("dev", &m) && m == AXAS_MEM_DEVICE, "dev");
	CHECK(!parse_mem("7", &m) && m == 7, "raw mem number");
	CHECK(parse_mem("uc", &m) == -EINVAL, "uc");

	CHECK(!parse_format("ept", &f) && f == AXAS_FORMAT_INTEL_EPT, "ept");
	CHECK(!parse_format("e", &f) && f == AXAS_FORMAT_INTEL_EPT, "e");
	CHECK(!parse_format("npt", &f) && f == AXAS_FORMAT_AMD_NPT, "npt");
	CHECK(!parse_format("amd", &f) && f == AXAS_FORMAT_AMD_NPT, "amd");
	CHECK(!parse_format("arm", &f) && f == AXAS_FORMAT_ARM_S2, "arm");
	CHECK(!parse_format("stage2", &f) && f == AXAS_FORMAT_ARM_S2, "stage2");
	CHECK(!parse_format("riscv", &f) && f == AXAS_FORMAT_RISCV_G, "riscv");
	CHECK(!parse_format("gstage", &f) && f == AXAS_FORMAT_RISCV_G, "gstage");
	CHECK(!parse_format("9", &f) && f == 9, "raw format number");
	CHECK(parse_format("a", &f) == -EINVAL, "a is amd or arm");
	CHECK(parse_format("x86", &f) == -EINVAL, "x86");

	CHECK(!parse_pgsizes("4K,2M", &p) && p == (AXAS_PGSIZE_4K | AXAS_PGSIZE_2M), "4K,2M");
	CHECK(!parse_pgsizes("4096,1G", &p) && p == (AXAS_PGSIZE_4K | AXAS_PGSIZE_1G), "4096,1G");
	CHECK(!parse_pgsizes("all", &p) && p == 0, "all");
	CHECK(parse_pgsizes("8K", &p) == -EINVAL, "8K");
	CHECK(parse_pgsizes(",", &p) == -EINVAL, "empty list");

	{
		unsigned char b[8];

		CHECK(parse_hexbytes("deadbeef", b, 8) == 4 && b[0] == 0xde && b[3] == 0xef, "hex");
		CHECK(parse_hexbytes("0x01 02:03", b, 8) == 3 && b[2] == 3, "hex separators");
		CHECK(parse_hexbytes("abc", b, 8) == -EINVAL, "odd digits");
		CHECK(parse_hexbytes("a b", b, 8) == -EINVAL, "split byte");
		CHECK(parse_hexbytes("zz", b, 8) == -EINVAL, "not hex");
		CHECK(parse_hexbytes("000000000000000000", b, 8) == -E2BIG, "too long");
	}

	{
		char line[] = "  map alloc\t0x1000 4K  # comment here";
		char q[] = "write 0 hex \"de ad\" 'x y'z a\\ b \"q\\\"\"";
		char bad[] = "write 'abc";
		char com[] = "# only a comment";
		char many[] = "a b c d";
		char *argv[8];

		CHECK(split_words(line, argv, 8) == 4, "4 words and a comment");
		CHECK(!strcmp(argv[0], "map") && !strcmp(argv[3], "4K"), "words");
		i = split_words(q, argv, 8);
		CHECK(i == 7, "quoted words: %d", i);
		if (i == 7) {
			CHECK(!strcmp(argv[3], "de ad"), "double quotes: %s", argv[3]);
			CHECK(!strcmp(argv[4], "x yz"), "single quotes: %s", argv[4]);
			CHECK(!strcmp(argv[5], "a b"), "backslash: %s", argv[5]);
			CHECK(!strcmp(argv[6], "q\""), "escaped quote: %s", argv[6]);
		}
		CHECK(split_words(bad, argv, 8) == -EINVAL, "unterminated quote");
		CHECK(split_words(com, argv, 8) == 0, "comment only");
		CHECK(split_words(many, argv, 3) == -E2BIG, "too many words");
	}
}

#define COMPACT1 "{\"s\": \"a\\\"b\\\\c\\n\\u0001\", \"u\": 18446744073709551615, "
#define COMPACT2 "\"i\": -5, \"b\": true, \"h\": \"0xabc\", \"a\": [1, {}, [], null]}\n"

static void test_json_writer(void)
{
	struct jw w;
	char *buf;
	size_t len;
	FILE *f;

	f = open_memstream(&buf, &len);
	jw_init(&w, f, false);
	jw_obj_open(&w);
	jw_kv_str(&w, "s", "a\"b\\c\n\x01");
	jw_kv_uint(&w, "u", UINT64_MAX);
	jw_kv_int(&w, "i", -5);
	jw_kv_bool(&w, "b", true);
	jw_kv_hex(&w, "h", 0xabc);
	jw_key(&w, "a");
	jw_arr_open(&w);
	jw_uint(&w, 1);
	jw_obj_open(&w);
	jw_obj_close(&w);
	jw_arr_open(&w);
	jw_arr_close(&w);
	jw_null(&w);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_end(&w);
	fclose(f);
	CHECK(!strcmp(buf, COMPACT1 COMPACT2), "compact JSON: %s", buf);
	out_buf = buf;
	save_json("jw_compact");
	free(buf);
	out_buf = NULL;

	f = open_memstream(&buf, &len);
	jw_init(&w, f, true);
	jw_obj_open(&w);
	jw_kv_uint(&w, "a", 1);
	jw_key(&w, "b");
	jw_arr_open(&w);
	jw_uint(&w, 2);
	jw_str(&w, "x");
	jw_arr_close(&w);
	jw_key(&w, "c");
	jw_obj_open(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_end(&w);
	fclose(f);
	CHECK(!strcmp(buf, "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    \"x\"\n  ],\n  \"c\": {}\n}\n"),
	      "pretty JSON: %s", buf);
	out_buf = buf;
	save_json("jw_pretty");
	free(buf);
	out_buf = NULL;
}

static void test_output_helpers(void)
{
	char b[32];

	CHECK(!strcmp(fmt_size(b, sizeof(b), 4096), "4K"), "4K: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 2 << 20), "2M"), "2M: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 3ULL << 30), "3G"), "3G: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 1ULL << 39), "512G"), "512G: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 1ULL << 48), "256T"), "256T: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 0x1234), "0x1234"), "0x1234: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 100), "100"), "100: %s", b);
	CHECK(!strcmp(fmt_size(b, sizeof(b), 0), "0"), "0: %s", b);
	CHECK(!strcmp(fmt_prot(b, 5), "r-x"), "r-x");
	fmt_pgsizes(b, sizeof(b), AXAS_PGSIZE_4K | AXAS_PGSIZE_1G);
	CHECK(!strcmp(b, "4K,1G"), "4K,1G");
	CHECK(!strcmp(errno_name(EEXIST), "EEXIST"), "EEXIST");
	CHECK(!strcmp(errno_name(EOPNOTSUPP), "EOPNOTSUPP"), "EOPNOTSUPP");
	CHECK(!strcmp(errno_name(EMSGSIZE), "EMSGSIZE"), "EMSGSIZE");
	CHECK(!strcmp(errno_name(4000), "errno 4000"), "unknown errno");
	CHECK(!strcmp(fault_result_name(AXAS_FAULT_NO_AREA), "no-area"), "no-area");
	CHECK(!strcmp(fault_result_name(99), "unknown"), "unknown result");
}

static void test_info_create(void)
{
	ctx_new(false, false);
	CHECK(!run("info"), "info");
	CHECK(has(out_buf, "intel-ept") && has(out_buf, "riscv-gstage") &&
	      has(out_buf, "4,5") && has(out_buf, "48..57"), "info text: %s", out_buf);
	CHECK(has(out_buf, "host addresses shown"), "caps");
	ctx_new(true, true);
	CHECK(!run("i"), "info by prefix");
	CHECK(has(out_buf, "\"name\": \"arm-stage2\"") &&
	      has(out_buf, "\"levels\": [\n"), "info JSON: %s", out_buf);
	save_json("info");

	ctx_new(false, false);
	fk.open_err = -ENOENT;
	CHECK(run("info"), "info without a device fails");
	CHECK(has(err_buf, "info: ENOENT: cannot open the device") &&
	      has(err_buf, "loaded?"), "ENOENT message: %s", err_buf);

	/* Defaults per format. */
	ctx_new(false, false);
	CHECK(!run("create format ept"), "create ept: %s", err_buf);
	CHECK(fk.last_create.levels == 4 && fk.last_create.ias_bits == 0 &&
	      fk.last_create.length == 1ULL << 48 && fk.last_create.base == 0,
	      "ept defaults: levels %u length 0x%llx", fk.last_create.levels,
	      (u64)fk.last_create.length);
	CHECK(has(out_buf, "EPTP") && has(out_buf, "walk length 4"),
	      "create shows the root: %s", out_buf);
	CHECK(has(err_buf, "note: the space lives as long as axasctl"),
	      "one-shot create note: %s", err_buf);
	CHECK(!run("create format stage2"), "create stage2");
	CHECK(fk.last_create.ias_bits == 40 && !fk.last_create.levels &&
	      fk.last_create.length == 1ULL << 40, "stage2 defaults");
	CHECK(has(out_buf, "VTCR_EL2") && has(out_buf, "T0SZ 24 (40-bit IPA)") &&
	      has(out_buf, "start level 1"), "VTCR decoded: %s", out_buf);
	CHECK(!has(out_buf, "INCONSISTENT"), "stage2 root consistent: %s", out_buf);
	CHECK(!run("create format riscv"), "create riscv");
	CHECK(fk.last_create.levels == 3 && fk.last_create.length == 1ULL << 41,
	      "riscv defaults");
	CHECK(has(out_buf, "Sv39x4"), "hgatp decoded: %s", out_buf);
	CHECK(!run("cr fo npt lev 5 pgs 4K,2M base 1G len 4G max-d 10 max-t 20"),
	      "create with every option by prefix: %s", err_buf);
	CHECK(fk.last_create.format == AXAS_FORMAT_AMD_NPT &&
	      fk.last_create.levels == 5 &&
	      fk.last_create.pgsizes == (AXAS_PGSIZE_4K | AXAS_PGSIZE_2M) &&
	      fk.last_create.base == 1ULL << 30 &&
	      fk.last_create.length == 4ULL << 30 &&
	      fk.last_create.max_data_pages == 10 &&
	      fk.last_create.max_table_pages == 20, "create fields");
	CHECK(!run("create format ept ad"), "ad");
	CHECK(fk.last_create.cfg_flags == AXAS_CFG_EPT_AD && has(out_buf, "A/D on"),
	      "ad flag");
	CHECK(!run("create format gstage svpbmt levels 4"), "svpbmt");
	CHECK(fk.last_create.cfg_flags == AXAS_CFG_SVPBMT &&
	      fk.last_create.length == 1ULL << 50, "svpbmt, Sv48x4 length");

	CHECK(run("create format bogus"), "bad format");
	CHECK(has(err_buf, "create: EINVAL: \"bogus\": not a format"), "%s", err_buf);
	CHECK(run("create levels"), "missing value");
	CHECK(has(err_buf, "\"levels\": needs a value"), "%s", err_buf);
	CHECK(run("create frobnicate 3"), "unknown option");
	CHECK(has(err_buf, "\"frobnicate\": unknown create option"), "%s", err_buf);
	CHECK(run("create levels 4x"), "bad number");
	CHECK(has(err_buf, "levels: not a number"), "%s", err_buf);
	CHECK(run("create format 9"), "kernel EOPNOTSUPP");
	CHECK(has(err_buf, "EOPNOTSUPP: format unknown (9)"), "%s", err_buf);
	CHECK(run("create format ept base 0x123"), "kernel EINVAL");
	CHECK(has(err_buf, "EINVAL: levels 4") && has(err_buf, "base 0x123"),
	      "%s", err_buf);
	CHECK(run("create format ept length 1P"), "kernel ERANGE");
	CHECK(has(err_buf, "ERANGE: base 0x0 + length 0x4000000000000 is beyond the input size"),
	      "%s", err_buf);

	ctx_new(true, false);
	CHECK(!run("create format ept"), "create JSON");
	CHECK(has(out_buf, "\"created\": true") && has(out_buf, "\"levels\": 4") &&
	      has(out_buf, "\"value\": \"0x101e\""), "create JSON: %s", out_buf);
	CHECK(!has(err_buf, "note"), "no note in JSON mode");
	save_json("create");
	CHECK(run("create format bogus"), "create error JSON");
	CHECK(has(out_buf, "\"errno\": \"EINVAL\"") &&
	      has(out_buf, "\"command\": \"create\""), "error JSON: %s", out_buf);
	CHECK(!err_buf[0], "nothing on stderr in JSON mode: %s", err_buf);
	save_json("create_error");
}

static void test_map_family(void)
{
	ctx_new(false, false);
	ctx.create_opts = "format ept levels 4 length 1G";
	CHECK(!run("map alloc 0x200000 2M"), "map alloc: %s", err_buf);
	CHECK(fk.creates == 1 && fk.last_create.length == 1ULL << 30,
	      "one-shot map created the default space from --create");
	CHECK(fk.last_map.backend == AXAS_BACKEND_ALLOC &&
	      fk.last_map.gpa == 0x200000 && fk.last_map.length == 2 << 20 &&
	      fk.last_map.prot == 7 && fk.last_map.mem == AXAS_MEM_WB &&
	      !fk.last_map.flags && fk.last_map.size == sizeof(struct axas_map),
	      "map alloc fields");
	CHECK(has(out_buf, "mapped") && has(out_buf, "[0x200000, 0x400000) 2M") &&
	      has(out_buf, "alloc rwx wb"), "map text: %s", out_buf);
	CHECK(!run("m a 0 4K pop prot rw mem nc"), "map by prefixes: %s", err_buf);
	CHECK(fk.creates == 1, "the space is reused");
	CHECK(fk.last_map.flags == AXAS_MAP_POPULATE && fk.last_map.prot == 3 &&
	      fk.last_map.mem == AXAS_MEM_NC, "populate prot mem");
	CHECK(!run("map mmio 0x1000000 64K"), "map mmio");
	CHECK(fk.last_map.backend == AXAS_BACKEND_MMIO && fk.last_map.prot == 3 &&
	      fk.last_map.mem == AXAS_MEM_DEVICE, "mmio defaults rw device");
	CHECK(!run("map alloc 0x2000000 4K mem device"), "device alloc");
	CHECK(fk.last_map.prot == 3, "device memory drops the default X");
	CHECK(run("map linear 0x3000000 4K"), "linear without hpa");
	CHECK(has(err_buf, "a linear map needs hpa HPA"), "%s", err_buf);
	CHECK(run("map linear 0x3000000 4K hpa 0xfe000000"), "linear EPERM");
	CHECK(has(err_buf, "map: EPERM: linear map of HPA 0xfe000000: needs CAP_SYS_RAWIO"),
	      "%s", err_buf);
	CHECK(fk.last_map.hpa == 0xfe000000, "hpa passed");

	/* Kernel errors explained. */
	CHECK(run("map alloc 0x200000 4K"), "overlap");
	CHECK(has(err_buf, "map: EEXIST: [0x200000, 0x201000) overlaps an area already mapped"),
	      "%s", err_buf);
	CHECK(run("map alloc 0x1234 4K"), "misaligned");
	CHECK(has(err_buf, "EINVAL: GPA 0x1234 is not 4 KiB aligned"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 0x800"), "short length");
	CHECK(has(err_buf, "EINVAL: LENGTH 0x800 is not a multiple of 4 KiB"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 0"), "zero length");
	CHECK(has(err_buf, "EINVAL: LENGTH is 0"), "%s", err_buf);
	CHECK(run("map alloc 2G 4K"), "outside");
	CHECK(has(err_buf, "ERANGE: [0x80000000, 0x80001000) is not inside the space") &&
	      has(err_buf, "space [0x0, 0x40000000)"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 4K prot none"), "no prot");
	CHECK(has(err_buf, "EINVAL: prot is empty"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 4K prot rwx mem device"), "exec device");
	CHECK(has(err_buf, "device memory is never executable"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 4K mem 5"), "bad mem");
	CHECK(has(err_buf, "EOPNOTSUPP:") && has(err_buf, "unknown (5)"), "%s", err_buf);
	CHECK(run("map alloc 0x5000000 4K flags 0x80"), "bad flags");
	CHECK(has(err_buf, "EOPNOTSUPP:") && has(err_buf, "flags 0x80"), "%s", err_buf);
	CHECK(run("map bogus 0 4K"), "bad backend");
	CHECK(has(err_buf, "\"bogus\": not a backend"), "%s", err_buf);
	CHECK(run("map alloc zz 4K"), "bad GPA");
	CHECK(has(err_buf, "map: EINVAL: \"zz\": GPA is not a number"), "%s", err_buf);
	CHECK(run("map alloc 0 4K prot rwq"), "bad prot");
	CHECK(has(err_buf, "\"rwq\": PROT"), "%s", err_buf);
	CHECK(run("map alloc 0 4K p rw"), "ambiguous option p (prot, populate)");
	CHECK(has(err_buf, "\"p\": ambiguous map option"), "%s", err_buf);
	CHECK(run("map alloc 0"), "too few");
	CHECK(has(err_buf, "usage: map"), "%s", err_buf);

	/* unmap and protect: one range, or the vector ioctls. */
	CHECK(!run("unmap 0x200000 2M"), "unmap: %s", err_buf);
	CHECK(fk.unmap_calls == 1 && has(out_buf, "unmapped") &&
	      has(out_buf, "invalidated        [0x200000, 0x400000)"), "unmap text: %s", out_buf);
	CHECK(run("unmap 0x200000 2M"), "unmap of nothing");
	CHECK(has(err_buf, "unmap: ENOENT: [0x200000, 0x400000) touches no area"), "%s", err_buf);
	CHECK(!run("map alloc 0x10000000 4K"), "map");
	CHECK(!run("map alloc 0x10002000 4K"), "map");
	CHECK(!run("unmap 0x10000000 4K 0x10002000 0x1000"), "unmap vec: %s", err_buf);
	CHECK(fk.unmap_vec_calls == 1 && fk.last_vec_num == 2 &&
	      fk.last_vec_unmap[1].gpa == 0x10002000 &&
	      fk.last_vec_unmap[1].length == 4096, "vector entries");
	CHECK(run("unmap 0x10000000"), "odd range list");
	CHECK(has(err_buf, "GPA without a LENGTH"), "%s", err_buf);
	CHECK(run("unmap"), "no range");
	CHECK(has(err_buf, "expected GPA LENGTH"), "%s", err_buf);
	CHECK(!run("protect 0 4K prot r"), "protect: %s", err_buf);
	CHECK(has(out_buf, "now                r-- wb") && has(out_buf, "1 round"),
	      "protect text: %s", out_buf);
	CHECK(!run("protect 0 4K 0x1000000 4K prot rw mem device"), "protect vec");
	CHECK(fk.protect_vec_calls == 1 && fk.last_vec_num == 2, "protect vec call");
	CHECK(run("protect 0 4K"), "protect without prot");
	CHECK(has(err_buf, "protect needs prot PROT"), "%s", err_buf);
	CHECK(run("protect 0 4K prot none"), "protect EINVAL");
	CHECK(has(err_buf, "protect: EINVAL:"), "%s", err_buf);

	ctx_new(true, true);
	CHECK(!run("map alloc 0x200000 2M populate prot r-x"), "map JSON");
	CHECK(has(out_buf, "\"backend\": \"alloc\"") &&
	      has(out_buf, "\"prot\": \"r-x\"") && has(out_buf, "\"populate\": true") &&
	      has(out_buf, "\"inval\": {"), "map JSON: %s", out_buf);
	save_json("map");
	CHECK(!run("unmap 0x200000 4K"), "unmap JSON");
	CHECK(has(out_buf, "\"ranges\": [") && has(out_buf, "\"end\": 2101248"),
	      "unmap JSON: %s", out_buf);
	save_json("unmap");
	CHECK(!run("protect 0x201000 4K prot r"), "protect JSON");
	save_json("protect");
}

static void test_translate_fault_rw(void)
{
	ctx_new(false, false);
	ctx.create_opts = "length 1G";
	CHECK(!run("map alloc 0 64K prot rw"), "map");
	CHECK(!run("map mmio 0x100000 4K"), "map mmio");
	CHECK(!run("translate 0x1000 0x20000 0x100000"), "translate: %s", err_buf);
	CHECK(has(out_buf, "0x0000000000001000  0x0000000080001000    4K  rw-  wb"),
	      "mapped line: %s", out_buf);
	CHECK(has(out_buf, "0x0000000000020000  not mapped"), "hole: %s", out_buf);
	CHECK(run("translate 0x1000 2G"), "outside");
	CHECK(has(err_buf, "translate: ERANGE: GPA 0x80000000 is outside the space") &&
	      has(err_buf, "space [0x0, 0x40000000)"), "%s", err_buf);
	CHECK(run("translate"), "no GPA");

	CHECK(!run("fault 0x3000 write"), "fault");
	CHECK(has(out_buf, "result             mapped") &&
	      has(out_buf, "hpa                0x80003000") &&
	      has(out_buf, "area               [0x0, 0x10000) alloc rw- wb"),
	      "fault text: %s", out_buf);
	CHECK(!run("fault 0x3000 x"), "exec fault");
	CHECK(has(out_buf, "permission"), "permission: %s", out_buf);
	CHECK(!run("fault 0x100000"), "mmio fault");
	CHECK(has(out_buf, "mmio"), "mmio: %s", out_buf);
	CHECK(!run("fault 0x200000"), "no area");
	CHECK(has(out_buf, "no-area") && !has(out_buf, "area   "), "no-area: %s", out_buf);
	CHECK(run("fault 0x3000 3"), "two access bits");
	CHECK(has(err_buf, "EINVAL: access 0x3: exactly one of read, write, exec"), "%s", err_buf);
	CHECK(run("fault 0x3000 sideways"), "bad access");

	CHECK(!run("write 0x10 hex \"48 65 6c 6c 6f\""), "write hex: %s", err_buf);
	CHECK(has(out_buf, "wrote              0x5 bytes at 0x10"), "%s", out_buf);
	CHECK(!run("read 0x10 5"), "read");
	CHECK(has(out_buf, "0000000000000010  48 65 6c 6c 6f") && has(out_buf, "|Hello|"),
	      "hexdump: %s", out_buf);
	CHECK(!run("write 0x20 fill 0xab length 3"), "fill");
	CHECK(fk.mem[0x20] == 0xab && fk.mem[0x22] == 0xab && fk.mem[0x23] == 0, "filled");
	CHECK(run("write 0xfffe hex 01020304"), "write across the end of the area");
	CHECK(has(err_buf, "write: EFAULT: write of [0xfffe, 0x10002) stopped at 0x10000") &&
	      has(err_buf, "after 2 bytes: MMIO"), "%s", err_buf);
	CHECK(run("write 0 fill 1"), "fill without length");
	CHECK(run("write 0 hex 01 file x"), "two sources");
	CHECK(has(err_buf, "give one of"), "%s", err_buf);
	CHECK(run("read 0 2G"), "read too long");
	CHECK(has(err_buf, "LENGTH above the 1G"), "%s", err_buf);
	{
		char path[512], line[600];
		FILE *f;

		snprintf(path, sizeof(path), "%s/rw.bin", outdir);
		f = fopen(path, "w");
		fputs("from a file", f);
		fclose(f);
		snprintf(line, sizeof(line), "write 0x100 file %s", path);
		CHECK(!run(line), "write file: %s", err_buf);
		CHECK(!memcmp(fk.mem + 0x100, "from a file", 11), "file content written");
		snprintf(line, sizeof(line), "write 0x200 file %s length 4", path);
		CHECK(!run(line), "write file with length");
		CHECK(!memcmp(fk.mem + 0x200, "from", 4) && !fk.mem[0x204], "length cap");
		snprintf(line, sizeof(line), "read 0x100 11 file %s", path);
		CHECK(!run(line), "read into a file");
		f = fopen(path, "r");
		CHECK(f && fread(line, 1, 11, f) == 11 && !memcmp(line, "from a file", 11),
		      "file read back");
		if (f)
			fclose(f);
		CHECK(run("write 0 file /nonexistent/x"), "missing file");
		CHECK(has(err_buf, "write: ENOENT: cannot open /nonexistent/x"), "%s", err_buf);
	}

	ctx_new(true, false);
	CHECK(!run("map alloc 0 64K"), "map");
	CHECK(!run("map mmio 0x100000 4K"), "mmio");
	CHECK(!run("translate 0x1000 0x20000"), "translate JSON");
	CHECK(has(out_buf, "\"valid\": 1") && has(out_buf, "\"mapped\": false") &&
	      has(out_buf, "\"page_size\": 4096"), "translate JSON: %s", out_buf);
	save_json("translate");
	CHECK(!run("fault 0x100000 w"), "fault JSON");
	CHECK(has(out_buf, "\"result\": \"mmio\"") && has(out_buf, "\"backend\": \"mmio\""),
	      "fault JSON: %s", out_buf);
	save_json("fault");
	CHECK(!run("write 0 hex 00ff7f22"), "write JSON");
	save_json("write");
	CHECK(!run("read 0 4"), "read JSON");
	CHECK(has(out_buf, "\"data\": \"00ff7f22\""), "read JSON: %s", out_buf);
	save_json("read");
	CHECK(!run("stats"), "stats JSON");
	CHECK(has(out_buf, "\"faults\": {\"mapped\": 2, \"spurious\": 0, \"mmio\": 1"),
	      "stats JSON: %s", out_buf);
	save_json("stats");
	CHECK(!run("root"), "root JSON");
	save_json("root");
	ctx.json = false;
	CHECK(!run("stats"), "stats text");
	CHECK(has(out_buf, "faults             mapped 2, spurious 0, mmio 1") &&
	      has(out_buf, "leaves             4K 3, 2M 0, 1G 0"), "stats text: %s", out_buf);
}

/*
 * An EPT table with 4 levels: the root (0x101000), a PDPT (0x102000), a
 * PD (0x103000) with a 2 MiB leaf and a PT (0x104000) with two 4 KiB
 * leaves. Values written from the SDM: R|W|X = 7, MT WB = 6 << 3,
 * IPAT = 1 << 6, PS = 1 << 7.
 */
static const struct axas_dump_entry ept_dump[] = {
	{ 0x0, 0x102007, 0x101000, 3, 0 },
	{ 0x0, 0x103007, 0x102000, 2, 0 },
	{ 0x0, 0x104007, 0x103000, 1, 0 },
	{ 0x1000, 0x5000 | 3 | 0x30 | 0x40, 0x104000, 0, AXAS_DUMP_LEAF },
	{ 0x2000, 0x6000 | 1 | 0x08 | 0x40, 0x104000, 0, AXAS_DUMP_LEAF },
	{ 0x200000, 0x40000000 | 7 | 0x30 | 0x40 | 0x80, 0x103000, 1, AXAS_DUMP_LEAF },
};

static const struct fake_leaf ept_leaves[] = {
	{ 0x1000, 4096, 0x5000, 3, AXAS_MEM_WB },
	{ 0x2000, 4096, 0x6000, 1, AXAS_MEM_NC },
	{ 0x200000, 2 << 20, 0x40000000, 7, AXAS_MEM_WB },
};

static void test_dump(void)
{
	struct axas_dump_entry bad[ARRAY_SIZE(ept_dump)];
	struct fake_leaf badleaf[ARRAY_SIZE(ept_leaves)];

	ctx_new(false, false);
	ctx.create_opts = "format ept levels 4 length 1G";
	fk.root_table = 0x101000;
	CHECK(!run("root"), "space");
	CHECK(has(out_buf, "EPTP               0x000000000010101e"), "%s", out_buf);
	fk.dump = ept_dump;
	fk.dump_n = ARRAY_SIZE(ept_dump);
	fk.leaves = ept_leaves;
	fk.nr_leaves = ARRAY_SIZE(ept_leaves);
	CHECK(!run("dump --check"), "dump --check: %s%s", out_buf, err_buf);
	CHECK(has(out_buf, "intel-ept, 4 levels, [0x0, 0x40000000): 6 entries"),
	      "header: %s", out_buf);
	CHECK(has(out_buf, "\nL3       0x000000000000-0x007fffffffff 512G table      -> ") &&
	      has(out_buf, "table      -> 0x000000102000 raw 0x0000000000102007  R W X\n"),
	      "root line: %s", out_buf);
	CHECK(has(out_buf, "\n      L0 0x000000001000-0x000000001fff   4K rw- wb     -> ") &&
	      has(out_buf, "wb     -> 0x000000005000 raw 0x0000000000005073  R W - MT=WB IPAT\n"),
	      "leaf line indented: %s", out_buf);
	CHECK(has(out_buf, "R W - MT=WB IPAT"), "decoded bits: %s", out_buf);
	CHECK(has(out_buf, "r-- nc"), "NC leaf: %s", out_buf);
	CHECK(has(out_buf, "check: 6 entries walked, 3 leaves translated: 0 problems, 0 warnings"),
	      "check line: %s", out_buf);
	CHECK(fk.dump_calls == 1, "one dump call");
	CHECK(!run("dump --check summary"), "dump summary");
	CHECK(!has(out_buf, "table") && has(out_buf, ": 6 entries\ncheck: 6 entries walked"),
	      "summary: %s", out_buf);
	CHECK(!run("dump leaves"), "dump leaves");
	CHECK(!has(out_buf, "table") && has(out_buf, "2M rwx wb"), "leaves only: %s", out_buf);
	CHECK(!run("dump 0x200000 2M --check"), "dump a range: %s", out_buf);
	CHECK(has(out_buf, "[0x200000, 0x400000): 1 entries") &&
	      has(out_buf, "0 problems"), "range: %s", out_buf);
	CHECK(!run("dump 0x1000 0x1000 --check"), "dump a 4K range: %s", out_buf);
	CHECK(has(out_buf, ": 1 entries") && has(out_buf, "0 problems"), "%s", out_buf);

	/* A corrupted entry: the check explains why and fails. */
	memcpy(bad, ept_dump, sizeof(bad));
	bad[4].raw = 0x6000 | 2 | 0x30 | 0x40;	/* W without R */
	fk.dump = bad;
	CHECK(run("dump --check"), "a bad entry fails the check");
	CHECK(has(out_buf, "PROBLEM: entry 4, L0 0x2000: cannot explain 0x0000000000006072: ") &&
	      has(out_buf, "6072: W without R"), "problem line: %s", out_buf);
	CHECK(has(err_buf, "dump: the check found"), "stderr: %s", err_buf);
	CHECK(has(out_buf, "INVALID: W without R"), "tree marks it: %s", out_buf);

	/* A leaf missing from the dump: only the counters tell. */
	fk.stats_src = ept_dump;
	fk.stats_n = ARRAY_SIZE(ept_dump);
	fk.dump = ept_dump;
	fk.dump_n = ARRAY_SIZE(ept_dump) - 1;
	CHECK(run("dump --check"), "a leaf missing from the dump");
	CHECK(has(out_buf, "PROBLEM: the dump holds 0 2M leaves, AXAS_IOC_STATS counts 1"),
	      "%s", out_buf);
	CHECK(!run("dump 0 2M --check"), "no count check on a part: %s", out_buf);
	fk.dump_n = ARRAY_SIZE(ept_dump);
	fk.stats_src = NULL;

	/* The translation disagrees with the entry. */
	fk.dump = ept_dump;
	memcpy(badleaf, ept_leaves, sizeof(badleaf));
	badleaf[0].hpa = 0x7000;
	fk.leaves = badleaf;
	CHECK(run("dump check"), "translate mismatch");
	CHECK(has(out_buf, "translates to 0x7000, the entry says 0x5000"), "%s", out_buf);
	fk.leaves = ept_leaves;

	/* The kernel's leaf flag disagrees; a table page is wrong. */
	memcpy(bad, ept_dump, sizeof(bad));
	bad[5].flags = 0;
	bad[3].table = 0x105000;
	fk.dump = bad;
	CHECK(run("dump --check"), "structural problems");
	CHECK(has(out_buf, "the kernel says table entry, the format says leaf"), "%s", out_buf);
	CHECK(has(out_buf, "in table page 0x105000, but its table entry points to 0x104000"),
	      "%s", out_buf);

	/* JSON, small kernel buffers: the cursor loop. */
	ctx.json = true;
	ctx.pretty = true;
	fk.dump = ept_dump;
	CHECK(!run("dump --check"), "dump JSON");
	CHECK(has(out_buf, "\"ok\": true") && has(out_buf, "\"count\": 6") &&
	      has(out_buf, "\"raw\": \"0x5073\""), "dump JSON: %s", out_buf);
	save_json("dump_check");
	fk.dump = bad;
	CHECK(run("dump --check"), "dump JSON with problems");
	CHECK(has(out_buf, "\"ok\": false") && has(out_buf, "\"problems\": 2"),
	      "problems JSON: %s", out_buf);
	CHECK(!has(out_buf, "\"error\""), "one JSON value only");
	save_json("dump_check_bad");

	/* HPAs hidden: no address checks, "hidden" in the tree. */
	ctx_new(false, false);
	fk.hide_hpa = true;
	CHECK(!run("create format ept length 1G"), "hidden space");
	CHECK(has(out_buf, "root               hidden"), "%s", out_buf);
	{
		static struct axas_dump_entry hid[ARRAY_SIZE(ept_dump)];
		size_t i;

		memcpy(hid, ept_dump, sizeof(hid));
		for (i = 0; i < ARRAY_SIZE(hid); i++) {
			hid[i].raw &= ~0x000ffffffffff000ULL;
			hid[i].table = 0;
		}
		fk.dump = hid;
		fk.dump_n = ARRAY_SIZE(hid);
		fk.leaves = ept_leaves;
		fk.nr_leaves = ARRAY_SIZE(ept_leaves);
		CHECK(!run("dump --check"), "hidden check: %s", out_buf);
		CHECK(has(out_buf, "host addresses hidden") && has(out_buf, "-> hidden"),
		      "%s", out_buf);
	}
}

struct golden {
	u32 format;
	u32 level;
	u64 raw;
	int kind;		/* ENT_* */
	u32 prot;
	u32 mem;
	u64 addr;
	const char *invalid;	/* substring of the reason, or NULL */
};

#define G_OK(f, l, raw, k, p, m, a)	{ f, l, raw, k, p, m, a, NULL }
#define G_BAD(f, l, raw, why)		{ f, l, raw, -1, 0, 0, 0, why }
#define EPT	AXAS_FORMAT_INTEL_EPT
#define NPT	AXAS_FORMAT_AMD_NPT
#define S2	AXAS_FORMAT_ARM_S2
#define GST	AXAS_FORMAT_RISCV_G
#define WB	AXAS_MEM_WB
#define NC	AXAS_MEM_NC
#define DEV	AXAS_MEM_DEVICE

/* Entry values from the manuals (see decode.c for the bit layouts). */
static const struct golden goldens[] = {
	/* EPT: R W X = bits 2:0, MT 5:3, IPAT 6, PS 7, A 8, D 9. */
	G_OK(EPT, 0, 0x12345077, ENT_LEAF, 7, WB, 0x12345000),
	G_OK(EPT, 0, 0x12345377, ENT_LEAF, 7, WB, 0x12345000),
	G_OK(EPT, 0, 0x12345074, ENT_LEAF, 4, WB, 0x12345000),
	G_OK(EPT, 1, 0x400000c9, ENT_LEAF, 1, NC, 0x40000000),
	G_OK(EPT, 2, 0x800000c3, ENT_LEAF, 3, DEV, 0x80000000),
	G_OK(EPT, 3, 0x2007, ENT_TABLE, 0, 0, 0x2000),
	G_OK(EPT, 1, 0xfff0000000002107ULL, ENT_TABLE, 0, 0, 0x2000),
	G_BAD(EPT, 0, 0x12345072, "W without R"),
	G_BAD(EPT, 0, 0x12345057, "reserved memory type"),
	G_BAD(EPT, 0, 0x1234507f, "reserved memory type"),
	G_BAD(EPT, 0, 0x12345067, "WT or WP"),
	G_BAD(EPT, 0, 0x12345037, "IPAT clear"),
	G_BAD(EPT, 0, 0x12345047, "executable device memory"),
	G_BAD(EPT, 3, 0x2087, "PS set in a PML4E"),
	G_BAD(EPT, 1, 0x400010c9, "bits 20:12"),
	G_BAD(EPT, 2, 0x800100c3, "bits 29:12"),
	G_BAD(EPT, 2, 0x200f, "reserved bits 7:3"),
	G_BAD(EPT, 2, 0x2003, "R, W or X clear"),
	G_BAD(EPT, 0, 0x0, "not present"),
	G_BAD(EPT, 0, 0x0008000000000077ULL, "output size"),
	G_OK(EPT, 0, 0xfff0000000005077ULL, ENT_LEAF, 7, WB, 0x5000),
	/* NPT: P 0, R/W 1, U/S 2, PWT 3, PCD 4, A 5, D 6, PS/PAT 7, NX 63. */
	G_OK(NPT, 0, 0x5007, ENT_LEAF, 7, WB, 0x5000),
	G_OK(NPT, 0, 0x5067, ENT_LEAF, 7, WB, 0x5000),
	G_OK(NPT, 0, 0x800000000000500dULL, ENT_LEAF, 1, NC, 0x5000),
	G_OK(NPT, 1, 0x800000000020009fULL, ENT_LEAF, 3, DEV, 0x200000),
	G_OK(NPT, 2, 0x40000087, ENT_LEAF, 7, WB, 0x40000000),
	G_OK(NPT, 3, 0x3007, ENT_TABLE, 0, 0, 0x3000),
	G_OK(NPT, 0, 0x5107, ENT_LEAF, 7, WB, 0x5000),
	G_BAD(NPT, 0, 0x5003, "U/S clear"),
	G_BAD(NPT, 0, 0x5087, "PAT bit 7"),
	G_BAD(NPT, 1, 0x201087, "PAT bit 12"),
	G_BAD(NPT, 1, 0x202087, "MBZ bits 20:13"),
	G_BAD(NPT, 2, 0x40002087, "MBZ bits 29:13"),
	G_BAD(NPT, 0, 0x5017, "PCD without PWT"),
	G_BAD(NPT, 0, 0x501f, "executable device memory"),
	G_BAD(NPT, 3, 0x3087, "PS set in a PML4E"),
	G_BAD(NPT, 3, 0x3107, "MBZ bit 8"),
	G_BAD(NPT, 2, 0x8000000000003007ULL, "NX set in a table"),
	G_BAD(NPT, 1, 0x3005, "R/W clear"),
	G_BAD(NPT, 1, 0x3003, "U/S clear in a table"),
	G_BAD(NPT, 0, 0x5006, "not present"),
	/*
	 * Arm stage 2, 4K granule: 1:0 type, 5:2 MemAttr, 7:6 S2AP, 9:8 SH,
	 * 10 AF, 51 DBM, 52 Contiguous, 53 XN[0], 54 XN.
	 */
	G_OK(S2, 0, 0x57ff, ENT_LEAF, 7, WB, 0x5000),
	G_OK(S2, 1, 0x0040000000200755ULL, ENT_LEAF, 1, NC, 0x200000),
	G_OK(S2, 2, 0x00400000400007c5ULL, ENT_LEAF, 3, DEV, 0x40000000),
	G_OK(S2, 0, 0x00400000000057bfULL, ENT_LEAF, 2, WB, 0x5000),
	G_OK(S2, 0, 0x573f, ENT_LEAF, 4, WB, 0x5000),
	G_OK(S2, 2, 0x3003, ENT_TABLE, 0, 0, 0x3000),
	G_OK(S2, 3, 0x0780000000003003ULL, ENT_TABLE, 0, 0, 0x3000),
	G_BAD(S2, 0, 0x57fd, "0b01 at Arm level 3"),
	G_BAD(S2, 3, 0x80000007fd, "block at Arm level 0"),
	G_BAD(S2, 0, 0x57d3, "MemAttr"),
	G_BAD(S2, 0, 0x56ff, "SH not inner shareable"),
	G_BAD(S2, 0, 0x53ff, "AF clear"),
	G_BAD(S2, 0, 0x004000000000573fULL, "no access at all"),
	G_BAD(S2, 0, 0x00100000000057ffULL, "contiguous"),
	G_BAD(S2, 0, 0x00080000000057ffULL, "DBM"),
	G_BAD(S2, 0, 0x00200000000057ffULL, "XN[0]"),
	G_BAD(S2, 0, 0x00010000000057ffULL, "RES0 bits 49:48"),
	G_BAD(S2, 1, 0x00400000002017fdULL, "below the block size"),
	G_BAD(S2, 1, 0x1000000000003003ULL, "RES0 bits 63:59"),
	G_BAD(S2, 1, 0x0001000000003003ULL, "RES0 bits 63:59 or 50:48"),
	G_BAD(S2, 0, 0x57c7, "executable device memory"),
	G_BAD(S2, 0, 0x57fe, "not valid"),
	/*
	 * RISC-V: V 0, R 1, W 2, X 3, U 4, G 5, A 6, D 7, PPN 53:10,
	 * PBMT 62:61, N 63.
	 */
	G_OK(GST, 0, 0x14d7, ENT_LEAF, 3, WB, 0x5000),
	G_OK(GST, 0, 0x14f7, ENT_LEAF, 3, WB, 0x5000),
	G_OK(GST, 0, 0x1453, ENT_LEAF, 1, WB, 0x5000),
	G_OK(GST, 1, 0x200000000008005bULL, ENT_LEAF, 5, NC, 0x200000),
	G_OK(GST, 2, 0x40000000100000d7ULL, ENT_LEAF, 3, DEV, 0x40000000),
	G_OK(GST, 2, 0xc01, ENT_TABLE, 0, 0, 0x3000),
	G_OK(GST, 1, 0x301, ENT_TABLE, 0, 0, 0x0),
	G_BAD(GST, 0, 0x14d5, "W without R"),
	G_BAD(GST, 0, 0x14c7, "U clear"),
	G_BAD(GST, 0, 0x1497, "A clear"),
	G_BAD(GST, 0, 0x1457, "D clear on a writable leaf"),
	G_BAD(GST, 1, 0x8045b, "misaligned superpage"),
	G_BAD(GST, 0, 0x00400000000014d7ULL, "bits 60:54"),
	G_BAD(GST, 0, 0x60000000000014d7ULL, "PBMT 3"),
	G_BAD(GST, 0, 0x80000000000014d7ULL, "N set"),
	G_BAD(GST, 0, 0x40000000000014dfULL, "executable device memory"),
	G_BAD(GST, 0, 0xc01, "next level at level 0"),
	G_BAD(GST, 1, 0xc41, "non-leaf PTE"),
	G_BAD(GST, 1, 0x2000000000000c01ULL, "non-leaf PTE"),
	G_BAD(GST, 3, 0x14d7, "above 1 GiB"),
	G_BAD(GST, 0, 0x14d6, "not valid"),
};

static void test_decoders(void)
{
	struct space_fmt f = { .levels = 4, .ias_bits = 48, .oas_bits = 52 };
	struct ent_info e;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(goldens); i++) {
		const struct golden *g = &goldens[i];
		bool ok;

		f.format = g->format;
		f.oas_bits = g->format == S2 ? 48 : g->format == GST ? 56 :
			     g->format == EPT ? 48 : 52;
		ok = decode_entry(&f, g->level, g->raw, &e);
		if (g->invalid) {
			CHECK(!ok && e.invalid && strstr(e.invalid, g->invalid),
			      "%s L%u 0x%llx: want \"%s\", got \"%s\"",
			      format_name(g->format), g->level, g->raw, g->invalid,
			      e.invalid ? e.invalid : "valid");
			continue;
		}
		CHECK(ok, "%s L%u 0x%llx valid: %s", format_name(g->format),
		      g->level, g->raw, S(e.invalid));
		CHECK((int)e.kind == g->kind && e.addr == g->addr,
		      "%s L%u 0x%llx: kind %d addr 0x%llx", format_name(g->format),
		      g->level, g->raw, e.kind, e.addr);
		if (g->kind == ENT_LEAF)
			CHECK(e.prot == g->prot && e.mem == g->mem,
			      "%s L%u 0x%llx: prot %u mem %u", format_name(g->format),
			      g->level, g->raw, e.prot, e.mem);
	}
	/* PBMT needs Svpbmt when the configuration is known. */
	f.format = GST;
	f.cfg_known = true;
	f.cfg_flags = 0;
	CHECK(!decode_entry(&f, 1, 0x200000000008005bULL, &e) &&
	      strstr(e.invalid, "without Svpbmt"), "PBMT without Svpbmt");
	f.cfg_flags = AXAS_CFG_SVPBMT;
	CHECK(decode_entry(&f, 1, 0x200000000008005bULL, &e), "PBMT with Svpbmt");
	/* Output size of the space. */
	f.format = S2;
	f.oas_bits = 40;
	CHECK(!decode_entry(&f, 0, 0x100000057ffULL, &e) &&
	      strstr(e.invalid, "output size"), "S2 output above 40 bits");
	f.hpa_hidden = true;
	CHECK(decode_entry(&f, 0, 0x57ff, &e), "hidden: no output check");
}

static void test_roots(void)
{
	struct axas_root r;
	struct root_info ri = { 0 };
	struct space_fmt f = { 0 };

	memset(&r, 0, sizeof(r));
	r.format = EPT;
	r.levels = 4;
	r.ias_bits = 48;
	r.value = 0x101000 | 3 << 3 | 6 | 0x40;
	CHECK(decode_root(&r, &ri) && ri.table == 0x101000 && ri.levels == 4,
	      "EPTP: %s", S(ri.invalid));
	CHECK(strstr(ri.fields, "A/D on") && strstr(ri.fields, "memory type WB"),
	      "EPTP fields: %s", ri.fields);
	r.levels = 5;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "number of levels"),
	      "EPTP walk length vs levels");
	r.value = 0x101000 | 3 << 3 | 2;
	r.levels = 4;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "memory type"), "EPTP MT");

	r.format = NPT;
	r.value = 0x101000;
	CHECK(decode_root(&r, &ri) && ri.table == 0x101000, "nCR3");
	r.value = 0x101001;
	CHECK(!decode_root(&r, &ri), "nCR3 reserved bits");

	r.format = S2;
	r.levels = 3;
	r.ias_bits = 40;
	r.oas_bits = 40;
	r.value = 0x2000;
	r.vtcr = 24 | 1 << 6 | 1 << 8 | 1 << 10 | 3 << 12 | 2 << 16 | 1ULL << 31;
	CHECK(decode_root(&r, &ri) && ri.root_pages == 2 && ri.oas_bits == 40,
	      "VTTBR/VTCR: %s", S(ri.invalid));
	r.value = 0x1000;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "not aligned"),
	      "concatenated root alignment");
	r.value = 0x2000;
	r.vtcr |= 1 << 14;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "TG0"), "TG0");
	f.format = S2;
	f.levels = 3;
	f.ias_bits = 40;
	CHECK(root_pages(&f) == 2, "40-bit IPA from level 1: 2 pages");
	f.ias_bits = 39;
	CHECK(root_pages(&f) == 1, "39-bit: 1 page");
	f.levels = 2;
	f.ias_bits = 34;
	CHECK(root_pages(&f) == 16, "34-bit from level 2: 16 pages");

	r.format = GST;
	r.levels = 4;
	r.ias_bits = 50;
	r.value = 9ULL << 60 | 0x104;
	CHECK(decode_root(&r, &ri) && ri.table == 0x104000 && ri.root_pages == 4,
	      "hgatp Sv48x4: %s", S(ri.invalid));
	r.value = 9ULL << 60 | 0x105;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "16 KiB aligned"),
	      "hgatp alignment");
	r.value = 0x104;
	CHECK(!decode_root(&r, &ri) && strstr(ri.invalid, "MODE"), "hgatp Bare");
}

struct collected {
	unsigned int n, warnings;
	char msgs[8][160];
};

static void collect_cb(void *arg, const struct check_report *r)
{
	struct collected *c = arg;

	if (r->warning)
		c->warnings++;
	if (c->n < 8)
		snprintf(c->msgs[c->n], 160, "%s", r->msg);
	c->n++;
}

static bool collected_has(const struct collected *c, const char *s)
{
	unsigned int i;

	for (i = 0; i < c->n && i < 8; i++)
		if (strstr(c->msgs[i], s))
			return true;
	return false;
}

static void test_walker(void)
{
	struct space_fmt f = {
		.format = EPT, .levels = 4, .ias_bits = 48, .oas_bits = 52,
		.root_addr = 0x101000,
	};
	struct axas_dump_entry d[8];
	struct collected col;
	unsigned int p;

	memset(&col, 0, sizeof(col));
	p = check_dump(&f, ept_dump, ARRAY_SIZE(ept_dump), 0, 1ULL << 30,
		       collect_cb, &col);
	CHECK(p == 0 && col.n == 0, "good EPT dump: %u %s", p, col.msgs[0]);

	/* A child without its parent. */
	memset(&col, 0, sizeof(col));
	p = check_dump(&f, ept_dump + 1, 3, 0, 1ULL << 30, collect_cb, &col);
	CHECK(p >= 1 && collected_has(&col, "unreachable from the root"),
	      "missing parent: %s", col.msgs[0]);

	/* Out of order. */
	memcpy(d, ept_dump, sizeof(ept_dump));
	d[3] = ept_dump[4];
	d[4] = ept_dump[3];
	memset(&col, 0, sizeof(col));
	p = check_dump(&f, d, ARRAY_SIZE(ept_dump), 0, 1ULL << 30, collect_cb, &col);
	CHECK(p == 1 && collected_has(&col, "out of walk order"), "order: %s",
	      col.msgs[0]);

	/* Root page, alignment, leaf size policy, a child of a leaf. */
	memcpy(d, ept_dump, sizeof(ept_dump));
	d[0].table = 0x999000;
	d[4].gpa = 0x2800;
	memset(&col, 0, sizeof(col));
	f.pgsizes = AXAS_PGSIZE_4K | AXAS_PGSIZE_1G;
	p = check_dump(&f, d, ARRAY_SIZE(ept_dump), 0, 1ULL << 30, collect_cb, &col);
	CHECK(p == 3 && collected_has(&col, "the root register points to 0x101000") &&
	      collected_has(&col, "not aligned") &&
	      collected_has(&col, "size the space does not allow"),
	      "root/alignment/size: %u: %s | %s | %s", p, col.msgs[0], col.msgs[1],
	      col.msgs[2]);
	f.pgsizes = 0;
	d[0].table = 0x101000;
	d[4].gpa = 0x2000;
	d[6] = (struct axas_dump_entry){ 0x200000, 0x5077, 0x40000000, 0,
					 AXAS_DUMP_LEAF };
	memset(&col, 0, sizeof(col));
	p = check_dump(&f, d, 7, 0, 1ULL << 30, collect_cb, &col);
	CHECK(p == 1 && collected_has(&col, "unreachable"), "below a leaf: %s",
	      col.msgs[0]);

	/* An empty table is a warning, not a problem. */
	memset(&col, 0, sizeof(col));
	p = check_dump(&f, ept_dump, 3, 0, 1ULL << 30, collect_cb, &col);
	CHECK(p == 0 && col.warnings == 1 && collected_has(&col, "no present entry below"),
	      "empty table: %u %u", p, col.warnings);

	/* Level above the root, unknown flags, outside the range. */
	memcpy(d, ept_dump, sizeof(ept_dump));
	d[1].level = 4;
	d[2].flags = 0x10;
	memset(&col, 0, sizeof(col));
	p = check_dump(&f, d, 3, 0x1000000, 1ULL << 30, collect_cb, &col);
	CHECK(collected_has(&col, "above the root level") &&
	      collected_has(&col, "unknown dump flags") &&
	      collected_has(&col, "outside the dumped range"), "misc: %u: %s", p,
	      col.msgs[0]);

	/* RISC-V Sv39x4: a 16 KiB root; entry 600 is in its second page. */
	{
		struct space_fmt g = {
			.format = GST, .levels = 3, .ias_bits = 41, .oas_bits = 56,
			.root_addr = 0x200000,
		};
		struct axas_dump_entry r[] = {
			{ 600ULL << 30, (0x300ULL << 10) | 1, 0x201000, 2, 0 },
			{ 600ULL << 30, (0x301ULL << 10) | 1, 0x300000, 1, 0 },
			{ 600ULL << 30, (0x5ULL << 10) | 0xd7, 0x301000, 0,
			  AXAS_DUMP_LEAF },
		};

		memset(&col, 0, sizeof(col));
		p = check_dump(&g, r, 3, 0, 1ULL << 41, collect_cb, &col);
		CHECK(p == 0, "Sv39x4 root page 1: %s", col.msgs[0]);
		r[0].table = 0x209000;
		memset(&col, 0, sizeof(col));
		p = check_dump(&g, r, 3, 0, 1ULL << 41, collect_cb, &col);
		CHECK(p == 1 && collected_has(&col, "root register points to 0x201000"),
		      "Sv39x4 wrong root page: %s", col.msgs[0]);
	}
}

static void test_batch(void)
{
	ctx_new(false, false);
	CHECK(!run_batch_str("# a comment\n"
			     "create format ept \\\n"
			     "   length 1G   # a comment after a command\n"
			     "\n"
			     "map alloc 0 8K\n"
			     "write 0 hex 'aa bb'\n"
			     "read 0 2\n"),
	      "batch: %s", err_buf);
	CHECK(fk.creates == 1 && fk.last_create.length == 1ULL << 30,
	      "continued create line");
	CHECK(has(out_buf, "|..|") && has(out_buf, "aa bb"), "batch output: %s", out_buf);
	CHECK(!has(err_buf, "note"), "no one-shot note in a batch");

	ctx_new(false, false);
	CHECK(run_batch_str("map alloc 0 4K\n"
			    "\n"
			    "map alloc 0 4K\n"
			    "map alloc 0x1000 4K\n"),
	      "a failing line stops the batch");
	CHECK(has(err_buf, "axasctl: line 3: map: EEXIST: [0x0, 0x1000) overlaps"),
	      "line number: %s", err_buf);
	CHECK(fk.nr_areas == 1, "line 4 did not run");

	ctx_new(false, false);
	ctx.force = true;
	CHECK(run_batch_str("map alloc 0 4K\n"
			    "bogus\n"
			    "map alloc 0x1000 \\\n"
			    "   4K prot zz\n"
			    "map alloc 0x1000 4K\n"),
	      "--force goes on but fails");
	CHECK(has(err_buf, "line 2: EINVAL: \"bogus\": unknown command"), "%s", err_buf);
	CHECK(has(err_buf, "line 3: map: EINVAL: \"zz\": PROT"), "continued line number: %s",
	      err_buf);
	CHECK(has(err_buf, "2 commands failed") && fk.nr_areas == 2, "%s", err_buf);

	ctx_new(false, false);
	CHECK(run_batch_str("write 0 hex 'unterminated\n"), "bad quoting");
	CHECK(has(err_buf, "line 1: EINVAL: unterminated quote"), "%s", err_buf);
	ctx_new(false, false);
	CHECK(run_batch_str("batch x\n"), "no nesting");
	CHECK(has(err_buf, "batch files do not nest"), "%s", err_buf);

	/* JSON: one array, errors inside it. */
	ctx_new(true, false);
	ctx.force = true;
	CHECK(run_batch_str("create format ept length 1G\n"
			    "map alloc 0 4K\n"
			    "map alloc 0 4K\n"
			    "translate 0 0x1000\n"
			    "stats\n"),
	      "JSON batch with an error");
	CHECK(out_buf[0] == '[' && has(out_buf, "\"line\": 3") &&
	      has(out_buf, "\"errno\": \"EEXIST\"") && has(out_buf, "\"translations\""),
	      "JSON batch: %s", out_buf);
	CHECK(!err_buf[0], "stderr empty in JSON: %s", err_buf);
	save_json("batch");
	/* Every command's JSON followed by another element. */
	ctx_new(true, false);
	CHECK(!run_batch_str("info\ncreate format ept length 1G\nroot\n"
			     "map alloc 0 64K\nmap mmio 0x100000 4K\n"
			     "translate 0 0x100000\nfault 0 write\nfault 0x100000\n"
			     "write 0 hex 0102\nread 0 2\nprotect 0 4K prot r\n"
			     "unmap 0x1000 4K 0x3000 4K\nunmap 0 4K\nstats\ndump\n"
			     "bench translate at 2M size 16K rounds 1\nhelp map\n"),
	      "every command in a JSON batch: %s", err_buf);
	CHECK(has(out_buf, "\"data\": \"0102\"}, {\"ranges\""), "read then protect: %s",
	      out_buf);
	CHECK(has(out_buf, "{\"help\": \"usage: axasctl map linear"), "help as JSON: %s",
	      out_buf);
	save_json("batch_all");
	ctx_new(true, true);
	CHECK(!run_batch_str("create format stage2 length 1G\nroot\n"
			     "map mmio 0 4K\nfault 0 write\n"), "pretty batch");
	save_json("batch_pretty");
	ctx_new(true, false);
	CHECK(!run_batch_str("# nothing\n\n"), "empty batch");
	CHECK(!strcmp(out_buf, "[]\n"), "empty array: %s", out_buf);
	save_json("batch_empty");
}

static void test_help_and_bench(void)
{
	ctx_new(false, false);
	CHECK(!run("map --help"), "map --help");
	CHECK(has(out_buf, "usage: axasctl map linear GPA LENGTH hpa HPA") &&
	      has(out_buf, "map mmio"), "map help: %s", out_buf);
	CHECK(fk.opens == 0, "help opens nothing");
	CHECK(!run("help dump"), "help dump");
	CHECK(has(out_buf, "usage: axasctl dump") && has(out_buf, "--check"), "%s", out_buf);
	CHECK(!run("help"), "help");
	CHECK(has(out_buf, "commands (unambiguous prefixes accepted)"), "%s", out_buf);
	CHECK(run("help zzz"), "help of nothing");
	CHECK(run("b"), "b is bench or batch");
	CHECK(has(err_buf, "ambiguous command: bench, batch"), "%s", err_buf);

	ctx_new(true, false);
	ctx.create_opts = "length 1G";
	CHECK(!run("bench size 64K rounds 2"), "bench: %s", out_buf);
	CHECK(has(out_buf, "\"name\": \"map-populate\"") &&
	      has(out_buf, "\"name\": \"fault-write\"") &&
	      has(out_buf, "\"name\": \"translate\"") && has(out_buf, "\"name\": \"read\""),
	      "bench results: %s", out_buf);
	CHECK(fk.nr_areas == 0, "bench cleans up");
	save_json("bench");
	CHECK(!run("map alloc 0 4K"), "occupy");
	CHECK(run("bench map size 64K"), "bench on a used range");
	CHECK(has(out_buf, "must be free"), "%s", out_buf);
	CHECK(run("bench size 5K"), "bench size");
	ctx_new(true, false);
	ctx.create_opts = "length 64K";
	CHECK(!run("bench map rounds 1"), "bench in a small space: %s", out_buf);
	CHECK(has(out_buf, "\"size\": 65536"), "size clamped: %s", out_buf);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		outdir = argv[1];
	test_parse_numbers();
	test_parse_words();
	test_json_writer();
	test_output_helpers();
	test_info_create();
	test_map_family();
	test_translate_fault_rw();
	test_dump();
	test_decoders();
	test_roots();
	test_walker();
	test_batch();
	test_help_and_bench();
	axctl_fini(&ctx);
	free(out_buf);
	free(err_buf);
	printf("axasctl unit tests: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
