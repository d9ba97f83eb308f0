// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: dump (the table as a tree) and dump --check (the software
 * walker of check.c, the root registers, and every leaf compared with
 * AXAS_IOC_TRANSLATE).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "axasctl.h"
#include "decode.h"

#define DUMP_BATCH	1024

struct dump {
	struct axas_dump_entry *ents;
	size_t n;
	size_t cap;
	u32 out_flags;
};

struct reports {
	struct check_report *r;
	size_t n;
	size_t cap;
	unsigned int problems;
	unsigned int warnings;
};

static void collect(void *arg, const struct check_report *r)
{
	struct reports *rs = arg;

	if (r->warning)
		rs->warnings++;
	else
		rs->problems++;
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 16;
		struct check_report *nr = realloc(rs->r, cap * sizeof(*nr));

		if (!nr)
			return;
		rs->r = nr;
		rs->cap = cap;
	}
	rs->r[rs->n++] = *r;
}

static void __printf(5, 6)
add_report(struct reports *rs, size_t index, u64 gpa, u32 level,
	   const char *fmt, ...)
{
	struct check_report r = { .index = index, .gpa = gpa, .level = level };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r.msg, sizeof(r.msg), fmt, ap);
	va_end(ap);
	collect(rs, &r);
}

static int fetch(struct axctl *c, u64 start, u64 end, struct dump *d)
{
	struct axas_dump a;
	unsigned int stuck = 0;
	int ret;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.entry_len = sizeof(struct axas_dump_entry);
	a.gpa = start;
	a.end = end;
	a.level = 0xffffffff;
	for (;;) {
		if (d->cap - d->n < DUMP_BATCH) {
			size_t cap = d->cap * 2 + DUMP_BATCH;
			struct axas_dump_entry *ne;

			ne = realloc(d->ents, cap * sizeof(*ne));
			if (!ne)
				return axctl_err(c, ENOMEM, "no memory for %zu entries", cap);
			d->ents = ne;
			d->cap = cap;
		}
		a.num = DUMP_BATCH;
		a.entries = (uintptr_t)(d->ents + d->n);
		ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_DUMP, &a);
		if (ret == -ERANGE)
			return axctl_err(c, ERANGE, RANGE_FMT " is not inside the space " RANGE_FMT,
					 start, end, c->root.base,
					 c->root.base + c->root.length);
		if (ret == -EINVAL && start > end)
			return axctl_err(c, EINVAL, "GPA 0x%llx is above the end 0x%llx",
					 start, end);
		if (ret)
			return axctl_err(c, -ret, "AXAS_IOC_DUMP at 0x%llx failed",
					 (u64)a.gpa);
		d->n += a.num;
		d->out_flags = a.out_flags;
		if (a.gpa >= end)
			break;
		if (!a.num && ++stuck > 2)
			return axctl_err(c, EIO, "AXAS_IOC_DUMP made no progress at 0x%llx",
					 (u64)a.gpa);
	}
	return 0;
}

static void fmt_of(struct axctl *c, bool hidden, struct space_fmt *f)
{
	struct root_info ri;

	memset(f, 0, sizeof(*f));
	f->format = c->root.format;
	f->levels = c->root.levels;
	f->ias_bits = c->root.ias_bits;
	f->oas_bits = c->root.oas_bits;
	f->pgsizes = c->root.pgsizes;
	f->cfg_flags = c->cfg_flags;
	f->cfg_known = true;
	f->hpa_hidden = hidden;
	if (!hidden) {
		decode_root(&c->root, &ri);
		f->root_addr = ri.table;
	}
}

/* Compares every leaf with what AXAS_IOC_TRANSLATE says. */
static int check_translate(struct axctl *c, const struct space_fmt *f,
			   const struct dump *d, u64 start,
			   struct reports *rs, u64 *checked)
{
	struct axas_translation *res;
	size_t *idx, i, n = 0, j;
	u64 *gpas;
	int ret = 0;

	gpas = calloc(d->n + 1, sizeof(*gpas));
	idx = calloc(d->n + 1, sizeof(*idx));
	res = calloc(d->n + 1, sizeof(*res));
	if (!gpas || !idx || !res) {
		ret = axctl_err(c, ENOMEM, "no memory to translate %zu leaves", d->n);
		goto out;
	}
	for (i = 0; i < d->n; i++) {
		if (!(d->ents[i].flags & AXAS_DUMP_LEAF))
			continue;
		gpas[n] = d->ents[i].gpa < start ? start : d->ents[i].gpa;
		idx[n++] = i;
	}
	for (i = 0; i < n; i += AXAS_TRANSLATE_MAX) {
		struct axas_translate t = { .size = sizeof(t) };

		t.num = n - i < AXAS_TRANSLATE_MAX ? n - i : AXAS_TRANSLATE_MAX;
		t.gpas = (uintptr_t)(gpas + i);
		t.results = (uintptr_t)(res + i);
		ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_TRANSLATE, &t);
		if (ret) {
			ret = axctl_err(c, -ret, "AXAS_IOC_TRANSLATE of the leaves failed");
			goto out;
		}
	}
	for (j = 0; j < n; j++) {
		const struct axas_dump_entry *e = &d->ents[idx[j]];
		const struct axas_translation *t = &res[j];
		struct ent_info ei;
		char a[4], b[4];

		if (!decode_entry(f, e->level, e->raw, &ei) || ei.kind != ENT_LEAF)
			continue;	/* reported by the walker */
		(*checked)++;
		if (!(t->flags & AXAS_XLATE_VALID)) {
			add_report(rs, idx[j], e->gpa, e->level,
				   "AXAS_IOC_TRANSLATE says 0x%llx is not mapped",
				   gpas[j]);
			continue;
		}
		if (!f->hpa_hidden && t->hpa != ei.addr + (gpas[j] - e->gpa))
			add_report(rs, idx[j], e->gpa, e->level,
				   "translates to 0x%llx, the entry says 0x%llx",
				   (u64)t->hpa, ei.addr + (gpas[j] - e->gpa));
		if (xlate_size(t) != level_size(e->level))
			add_report(rs, idx[j], e->gpa, e->level,
				   "translation page size 0x%llx, the entry maps 0x%llx",
				   xlate_size(t), level_size(e->level));
		if (t->prot != ei.prot || t->mem != ei.mem)
			add_report(rs, idx[j], e->gpa, e->level,
				   "translation says %s %s, the entry %s %s",
				   fmt_prot(a, t->prot), mem_name(t->mem),
				   fmt_prot(b, ei.prot), mem_name(ei.mem));
	}
out:
	free(gpas);
	free(idx);
	free(res);
	return ret;
}

/*
 * A dump of the whole space must hold every leaf AXAS_IOC_STATS counts
 * and, when no table entry starts before the space, one table entry per
 * table page besides the root's (the table is assumed not to change
 * meanwhile: nothing else runs on it in axasctl).
 */
static int check_counts(struct axctl *c, const struct space_fmt *f,
			const struct dump *d, u64 start, u64 end,
			struct reports *rs)
{
	static const char *const names[] = { "4K", "2M", "1G" };
	u64 leaves[3] = { 0 }, tables = 0;
	struct axas_stats s = { .size = sizeof(s) };
	u64 root_span = level_size(f->levels - 1);
	size_t i;
	int ret;

	if (start != c->root.base || end != c->root.base + c->root.length)
		return 0;
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_STATS, &s);
	if (ret)
		return axctl_err(c, -ret, "AXAS_IOC_STATS failed");
	for (i = 0; i < d->n; i++) {
		const struct axas_dump_entry *e = &d->ents[i];

		if (!(e->flags & AXAS_DUMP_LEAF))
			tables++;
		else if (e->level < 3)
			leaves[e->level]++;
	}
	for (i = 0; i < 3; i++)
		if (leaves[i] != s.leaves[i])
			add_report(rs, (size_t)-1, start, i,
				   "the dump holds %llu %s leaves, AXAS_IOC_STATS counts %llu",
				   leaves[i], names[i], (u64)s.leaves[i]);
	if (!(start & (root_span - 1)) &&
	    tables + root_pages(f) != s.table_pages)
		add_report(rs, (size_t)-1, start, f->levels - 1,
			   "the dump holds %llu table entries and a root of %u page(s), %s %llu",
			   tables, root_pages(f), "AXAS_IOC_STATS counts table pages:",
			   (u64)s.table_pages);
	return 0;
}

static void entry_json(struct jw *w, const struct space_fmt *f,
		       const struct axas_dump_entry *e)
{
	struct ent_info ei;
	bool ok = decode_entry(f, e->level, e->raw, &ei);

	jw_obj_open(w);
	jw_kv_uint(w, "level", e->level);
	jw_kv_uint(w, "gpa", e->gpa);
	jw_kv_uint(w, "size", level_size(e->level));
	jw_kv_bool(w, "leaf", e->flags & AXAS_DUMP_LEAF);
	jw_kv_hex(w, "raw", e->raw);
	jw_kv_uint(w, "table", e->table);
	jw_kv_uint(w, "addr", ei.addr);
	if (ei.kind == ENT_LEAF) {
		jw_prot(w, "prot", ei.prot);
		jw_kv_str(w, "mem", mem_name(ei.mem));
	}
	jw_kv_str(w, "bits", ei.bits);
	if (!ok)
		jw_kv_str(w, "invalid", ei.invalid);
	jw_obj_close(w);
}

static void entry_text(struct axctl *c, const struct space_fmt *f,
		       const struct axas_dump_entry *e)
{
	unsigned int depth = f->levels - 1 - (e->level < f->levels ? e->level : 0);
	char left[32], sz[16], what[16], p[4], out[24];
	struct ent_info ei;
	bool ok = decode_entry(f, e->level, e->raw, &ei);

	snprintf(left, sizeof(left), "%*sL%u", 2 * depth, "", e->level);
	if (ei.kind == ENT_LEAF)
		snprintf(what, sizeof(what), "%s %s", fmt_prot(p, ei.prot),
			 mem_name(ei.mem));
	else
		snprintf(what, sizeof(what), "table");
	if (f->hpa_hidden)
		snprintf(out, sizeof(out), "hidden");
	else
		snprintf(out, sizeof(out), "0x%012llx", ei.addr);
	fprintf(c->out, "%-*s 0x%012llx-0x%012llx %4s %-10s -> %-14s raw 0x%016llx  %s%s%s\n",
		2 * (int)(f->levels - 1) + 2, left, (u64)e->gpa,
		(u64)(e->gpa + level_size(e->level) - 1),
		fmt_size(sz, sizeof(sz), level_size(e->level)), what, out,
		(u64)e->raw, ei.bits, ok ? "" : "  INVALID: ",
		ok ? "" : ei.invalid);
}

int cmd_dump(struct axctl *c, int argc, char **argv)
{
	static const char *const words[] = {
		"check", "--check", "leaves", "summary", NULL,
	};
	bool check = false, leaves = false, summary = false, hidden;
	u64 start = 0, len = 0, checked = 0;
	struct reports rs = { 0 };
	struct dump d = { 0 };
	int i, k, npos = 0, ret = -1;
	struct space_fmt f;
	size_t e;

	for (i = 1; i < argc; i++) {
		k = match_word(argv[i], words);
		if (k == 0 || k == 1) {
			check = true;
		} else if (k == 2) {
			leaves = true;
		} else if (k == 3) {
			summary = true;
		} else if (npos < 2 && argv[i][0] >= '0' && argv[i][0] <= '9') {
			int r = parse_u64(argv[i], npos ? &len : &start);

			if (r)
				return axctl_arg_err(c, argv[i], "%s is not a number",
						     npos ? "LENGTH" : "GPA");
			npos++;
		} else {
			return axctl_arg_err(c, argv[i], "unexpected (%s)",
					     "dump [GPA [LENGTH]] [--check] [leaves|summary]");
		}
	}
	if (axctl_space(c))
		return -1;
	if (!npos)
		start = c->root.base;
	if (npos < 2)
		len = start < c->root.base + c->root.length ?
		      c->root.base + c->root.length - start : 0;
	if (start + len < start)
		return axctl_err(c, EOVERFLOW, "GPA 0x%llx + LENGTH 0x%llx overflows",
				 start, len);
	if (fetch(c, start, start + len, &d))
		goto out;
	hidden = d.out_flags & AXAS_OUT_HPA_HIDDEN;
	fmt_of(c, hidden, &f);
	if (check) {
		struct root_info ri;

		if (!hidden && !decode_root(&c->root, &ri))
			add_report(&rs, (size_t)-1, 0, c->root.levels - 1,
				   "root registers: %s", ri.invalid);
		check_dump(&f, d.ents, d.n, start, start + len, collect, &rs);
		if (check_translate(c, &f, &d, start, &rs, &checked) ||
		    check_counts(c, &f, &d, start, start + len, &rs))
			goto out;
	}
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_str(w, "format", format_name(f.format));
		jw_kv_uint(w, "levels", f.levels);
		jw_kv_uint(w, "start", start);
		jw_kv_uint(w, "end", start + len);
		jw_kv_bool(w, "hpa_hidden", hidden);
		jw_kv_uint(w, "count", d.n);
		if (!summary) {
			jw_key(w, "entries");
			jw_arr_open(w);
			for (e = 0; e < d.n; e++)
				if (!leaves || (d.ents[e].flags & AXAS_DUMP_LEAF))
					entry_json(w, &f, &d.ents[e]);
			jw_arr_close(w);
		}
		if (check) {
			jw_key(w, "check");
			jw_obj_open(w);
			jw_kv_bool(w, "ok", !rs.problems);
			jw_kv_uint(w, "problems", rs.problems);
			jw_kv_uint(w, "warnings", rs.warnings);
			jw_kv_uint(w, "leaves_translated", checked);
			jw_key(w, "reports");
			jw_arr_open(w);
			for (e = 0; e < rs.n; e++) {
				jw_obj_open(w);
				if (rs.r[e].index != (size_t)-1)
					jw_kv_uint(w, "index", rs.r[e].index);
				jw_kv_uint(w, "gpa", rs.r[e].gpa);
				jw_kv_uint(w, "level", rs.r[e].level);
				jw_kv_bool(w, "warning", rs.r[e].warning);
				jw_kv_str(w, "message", rs.r[e].msg);
				jw_obj_close(w);
			}
			jw_arr_close(w);
			jw_obj_close(w);
		}
		jw_obj_close(w);
		jw_end(w);
	} else {
		fprintf(c->out, "%s, %u levels, " RANGE_FMT ": %zu entries%s\n",
			format_name(f.format), f.levels, start, start + len, d.n,
			hidden ? " (host addresses hidden)" : "");
		for (e = 0; e < d.n && !summary; e++)
			if (!leaves || (d.ents[e].flags & AXAS_DUMP_LEAF))
				entry_text(c, &f, &d.ents[e]);
		if (check) {
			fprintf(c->out, "check: %zu entries walked, %llu %s: %u %s%s, %u %s%s\n",
				d.n, checked, "leaves translated", rs.problems, "problem",
				rs.problems == 1 ? "" : "s", rs.warnings, "warning",
				rs.warnings == 1 ? "" : "s");
			for (e = 0; e < rs.n; e++) {
				if (rs.r[e].index == (size_t)-1)
					fprintf(c->out, "  %s: %s\n",
						rs.r[e].warning ? "warning" : "PROBLEM",
						rs.r[e].msg);
				else
					fprintf(c->out, "  %s: entry %zu, L%u 0x%llx: %s\n",
						rs.r[e].warning ? "warning" : "PROBLEM",
						rs.r[e].index, rs.r[e].level,
						rs.r[e].gpa, rs.r[e].msg);
			}
		}
	}
	ret = 0;
	if (rs.problems) {
		/* The report is the output; fail without a second one. */
		c->failed = true;
		if (!c->json) {
			fputs("axasctl: ", c->err);
			if (c->line)
				fprintf(c->err, "line %u: ", c->line);
			fprintf(c->err, "dump: the check found %u problem%s\n",
				rs.problems, rs.problems == 1 ? "" : "s");
		}
		ret = -1;
	}
out:
	free(d.ents);
	free(rs.r);
	return ret;
}
