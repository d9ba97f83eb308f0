// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: the software walker of dump --check. It replays the dump as a
 * hardware walk would see the table: from the root, through table entries,
 * to leaves, with each entry decoded by decode.c at its level.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "decode.h"

#define MAX_LEVELS	8

struct open_table {
	bool valid;
	bool has_child;
	size_t index;
	u64 gpa;
	u64 end;
	u64 addr;
};

struct walker {
	const struct space_fmt *f;
	check_report_fn fn;
	void *arg;
	unsigned int problems;
	struct open_table open[MAX_LEVELS];
};

static void __printf(6, 7) report(struct walker *w, size_t index, u64 gpa,
				  u32 level, bool warning, const char *fmt, ...)
{
	struct check_report r = {
		.index = index, .gpa = gpa, .level = level, .warning = warning,
	};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r.msg, sizeof(r.msg), fmt, ap);
	va_end(ap);
	if (!warning)
		w->problems++;
	if (w->fn)
		w->fn(w->arg, &r);
}

/* Closes the open table at @level: a table with nothing below is odd. */
static void close_table(struct walker *w, unsigned int level)
{
	struct open_table *t = &w->open[level];

	if (t->valid && !t->has_child)
		report(w, t->index, t->gpa, level, true,
		       "a table entry with no present entry below it (empty tables are unlinked)");
	t->valid = false;
}

static const char *kind_name(enum ent_kind k)
{
	return k == ENT_LEAF ? "leaf" : k == ENT_TABLE ? "table entry" :
	       "non-present entry";
}

unsigned int check_dump(const struct space_fmt *f,
			const struct axas_dump_entry *ents, size_t n,
			u64 start, u64 end, check_report_fn fn, void *arg)
{
	struct walker w = { .f = f, .fn = fn, .arg = arg };
	u64 next[MAX_LEVELS] = { 0 };
	u32 root, l;
	size_t i;

	if (!f->levels || f->levels > MAX_LEVELS) {
		report(&w, (size_t)-1, 0, 0, false, "a space with %u levels",
		       f->levels);
		return w.problems;
	}
	root = f->levels - 1;
	for (i = 0; i < n; i++) {
		const struct axas_dump_entry *e = &ents[i];
		bool kleaf = e->flags & AXAS_DUMP_LEAF, fleaf;
		struct ent_info ei;
		u64 span;

		if (e->level > root) {
			report(&w, i, e->gpa, e->level, false,
			       "level %u is above the root level %u", e->level,
			       root);
			continue;
		}
		span = level_size(e->level);
		if (e->gpa & (span - 1))
			report(&w, i, e->gpa, e->level, false,
			       "GPA not aligned to the entry's size");
		if (f->ias_bits < 64 && e->gpa >> f->ias_bits)
			report(&w, i, e->gpa, e->level, false,
			       "GPA beyond the %u-bit input size", f->ias_bits);
		if (e->gpa + span <= start || e->gpa >= end)
			report(&w, i, e->gpa, e->level, false,
			       "outside the dumped range");
		if (e->gpa < next[e->level])
			report(&w, i, e->gpa, e->level, false,
			       "out of walk order (at or before the previous entry of its level)");
		next[e->level] = e->gpa + span;
		if (e->flags & ~AXAS_DUMP_LEAF)
			report(&w, i, e->gpa, e->level, false,
			       "unknown dump flags 0x%x", e->flags);

		/* Where the walk finds it. */
		if (e->level < root) {
			struct open_table *p = &w.open[e->level + 1];

			u64 pstart = e->gpa & ~(level_size(e->level + 1) - 1);

			if ((!p->valid || e->gpa < p->gpa || e->gpa >= p->end) &&
			    pstart < start) {
				/* Its table entry is before the dumped range. */
			} else if (!p->valid || e->gpa < p->gpa || e->gpa >= p->end) {
				report(&w, i, e->gpa, e->level, false,
				       "no table entry at level %u leads to it (unreachable from the root)",
				       e->level + 1);
			} else {
				p->has_child = true;
				if (!f->hpa_hidden && e->table != p->addr)
					report(&w, i, e->gpa, e->level, false,
					       "in table page 0x%llx, but its table entry points to 0x%llx",
					       (u64)e->table, p->addr);
			}
		} else if (!f->hpa_hidden && f->root_addr) {
			/*
			 * A root of several pages (Arm concatenated tables,
			 * the RISC-V x4 roots): the page holding the entry,
			 * or the root's start (what the module reports).
			 */
			u64 idx = e->gpa >> (12 + 9 * root);
			u64 page = f->root_addr + (idx >> 9) * 4096;

			if ((idx >> 9) >= root_pages(f))
				report(&w, i, e->gpa, e->level, false,
				       "root index %llu beyond the %u root page(s)",
				       idx, root_pages(f));
			else if (e->table != page && e->table != f->root_addr)
				report(&w, i, e->gpa, e->level, false,
				       "in table page 0x%llx, but the root register points to 0x%llx for it",
				       (u64)e->table, page);
		}
		for (l = 0; l <= e->level; l++)
			close_table(&w, l);

		/* What it is. */
		if (!decode_entry(f, e->level, e->raw, &ei))
			report(&w, i, e->gpa, e->level, false,
			       "cannot explain 0x%016llx: %s",
			       (u64)e->raw, ei.invalid);
		fleaf = ei.kind == ENT_LEAF;
		if (ei.kind != ENT_NONE && fleaf != kleaf)
			report(&w, i, e->gpa, e->level, false,
			       "the kernel says %s, the format says %s",
			       kleaf ? "leaf" : "table entry", kind_name(ei.kind));
		if (ei.kind == ENT_LEAF && f->pgsizes &&
		    ((e->level == 1 && !(f->pgsizes & AXAS_PGSIZE_2M)) ||
		     (e->level == 2 && !(f->pgsizes & AXAS_PGSIZE_1G))))
			report(&w, i, e->gpa, e->level, false,
			       "a leaf of a size the space does not allow");
		if (ei.kind == ENT_TABLE && !ei.invalid) {
			struct open_table *t = &w.open[e->level];

			t->valid = true;
			t->has_child = false;
			t->index = i;
			t->gpa = e->gpa;
			t->end = e->gpa + span;
			t->addr = ei.addr;
		}
	}
	for (l = 0; l <= root; l++)
		close_table(&w, l);
	return w.problems;
}
