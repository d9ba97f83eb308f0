// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: commands on an address space: map, unmap, protect, translate,
 * fault, read, write, stats. Arguments are passed to the kernel as given
 * (the kernel is the judge); a failure is explained afterwards by naming
 * the argument that explains the errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "axasctl.h"

#define PAGE_MASK_4K	0xfffULL
#define PROT_HELP	"PROT: letters r, w, x (\"rw-\") or read,write,exec"

static int get_u64(struct axctl *c, const char *what, const char *arg, u64 *v)
{
	int ret = parse_u64(arg, v);

	if (ret == -ERANGE)
		return axctl_arg_err(c, arg, "%s does not fit in 64 bits", what);
	if (ret)
		return axctl_arg_err(c, arg, "%s is not a number (decimal, 0x hex, K/M/G suffixes)",
				     what);
	return 0;
}

static int need_value(struct axctl *c, int i, int argc, char **argv)
{
	if (i + 1 >= argc)
		return axctl_arg_err(c, argv[i], "needs a value");
	return 0;
}

static u64 space_end(struct axctl *c)
{
	return c->root.base + c->root.length;
}

/*
 * Explains a kernel error of an operation on [gpa, gpa + len): which
 * argument is wrong. @extra: a sentence for EINVAL causes beyond the
 * range's alignment.
 */
static int range_explain(struct axctl *c, int err, const char *op, u64 gpa,
			 u64 len, const char *extra)
{
	switch (err) {
	case EINVAL:
		if (gpa & PAGE_MASK_4K)
			return axctl_err(c, err, "GPA 0x%llx is not 4 KiB aligned", gpa);
		if (!len && strcmp(op, "read") && strcmp(op, "write"))
			return axctl_err(c, err, "LENGTH is 0");
		if (len & PAGE_MASK_4K)
			return axctl_err(c, err, "LENGTH 0x%llx is not a multiple of 4 KiB", len);
		return axctl_err(c, err, "%s", extra ? extra : "an argument is not valid");
	case EOVERFLOW:
		return axctl_err(c, err, "GPA 0x%llx + LENGTH 0x%llx overflows", gpa, len);
	case ERANGE:
		return axctl_err(c, err, RANGE_FMT " is not inside the space " RANGE_FMT,
				 gpa, gpa + len, c->root.base, space_end(c));
	case EEXIST:
		return axctl_err(c, err, RANGE_FMT " overlaps an area already mapped",
				 gpa, gpa + len);
	case ENOENT:
		return axctl_err(c, err, RANGE_FMT " touches no area",
				 gpa, gpa + len);
	case ENOMEM:
		return axctl_err(c, err, "%s of " RANGE_FMT ": %s", op, gpa, gpa + len,
				 "out of memory or max-data-pages/max-table-pages reached");
	case ENODEV:
		return axctl_err(c, err, "the space was shut down");
	case EOPNOTSUPP:
		return axctl_err(c, err, "%s", extra ? extra : "a flag or value is not supported");
	default:
		return axctl_err(c, err, "%s of " RANGE_FMT " failed",
				 op, gpa, gpa + len);
	}
}

static void print_range_txt(struct axctl *c, const char *key, u64 gpa, u64 len)
{
	char sz[32];

	txt_kv(c, key, RANGE_FMT " %s", gpa, gpa + len,
	       fmt_size(sz, sizeof(sz), len));
}

/* ----------------------------------------------------------------- map */

enum { MK_HPA, MK_PROT, MK_MEM, MK_POPULATE, MK_FLAGS };

static const char *const map_words[] = {
	[MK_HPA] = "hpa", [MK_PROT] = "prot", [MK_MEM] = "mem",
	[MK_POPULATE] = "populate", [MK_FLAGS] = "flags", NULL,
};

static int map_explain(struct axctl *c, int err, const struct axas_map *m)
{
	char p[4];

	if (err == EPERM && m->backend == AXAS_BACKEND_LINEAR)
		return axctl_err(c, err, "linear map of HPA 0x%llx: %s %s", (u64)m->hpa,
				 "needs CAP_SYS_RAWIO, no kernel lockdown, and host memory",
				 "in a resource that is neither RAM nor claimed by a driver");
	if (err == EINVAL && ((m->gpa | m->length) & PAGE_MASK_4K || !m->length))
		return range_explain(c, err, "map", m->gpa, m->length, NULL);
	if (err == EINVAL) {
		if (!m->prot)
			return axctl_err(c, err, "prot is empty: give at least one of r, w, x");
		if (m->mem == AXAS_MEM_DEVICE && (m->prot & AXAS_PROT_EXEC))
			return axctl_err(c, err, "prot %s with mem device: %s",
					 fmt_prot(p, m->prot),
					 "device memory is never executable");
		if ((m->flags & AXAS_MAP_POPULATE) && m->backend != AXAS_BACKEND_ALLOC)
			return axctl_err(c, err, "populate is only for alloc maps");
		if (m->backend != AXAS_BACKEND_LINEAR && m->hpa)
			return axctl_err(c, err, "hpa is only for linear maps");
		if (m->hpa & PAGE_MASK_4K)
			return axctl_err(c, err, "HPA 0x%llx is not 4 KiB aligned", (u64)m->hpa);
		return axctl_err(c, err, "prot %s, mem %s: the format cannot express it %s",
				 fmt_prot(p, m->prot), mem_name(m->mem),
				 "(EPT, RISC-V: W without R; NPT: no R)");
	}
	if (err == EOPNOTSUPP)
		return axctl_err(c, err, "backend %s, prot %s, mem %s (%u) or flags 0x%x: %s %s",
				 backend_name(m->backend), fmt_prot(p, m->prot),
				 mem_name(m->mem), m->mem, m->flags,
				 "unknown, or inexpressible here (W without R: EPT, RISC-V;",
				 "no R: NPT; nc or device: RISC-V without svpbmt)");
	if (err == ERANGE && m->backend == AXAS_BACKEND_LINEAR &&
	    m->gpa >= c->root.base && m->gpa + m->length <= space_end(c))
		return axctl_err(c, err, "HPA range " RANGE_FMT " is beyond the %u-bit output size",
				 (u64)m->hpa, (u64)(m->hpa + m->length),
				 c->root.oas_bits);
	return range_explain(c, err, "map", m->gpa, m->length, NULL);
}

int cmd_map(struct axctl *c, int argc, char **argv)
{
	static const char *const backends[] = { "linear", "alloc", "mmio", NULL };
	bool prot_set = false, mem_set = false, hpa_set = false;
	struct axas_map m;
	int i, k, ret;
	u64 v;

	if (argc < 4)
		return axctl_arg_err(c, NULL, "usage: map linear|alloc|mmio GPA LENGTH [options]");
	memset(&m, 0, sizeof(m));
	m.size = sizeof(m);
	k = match_word(argv[1], backends);
	if (k < 0)
		return axctl_arg_err(c, argv[1], "not a backend (linear, alloc, mmio)");
	m.backend = AXAS_BACKEND_LINEAR + k;
	if (get_u64(c, "GPA", argv[2], &v))
		return -1;
	m.gpa = v;
	if (get_u64(c, "LENGTH", argv[3], &v))
		return -1;
	m.length = v;
	m.prot = AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC;
	m.mem = AXAS_MEM_WB;
	if (m.backend == AXAS_BACKEND_MMIO) {
		m.prot = AXAS_PROT_READ | AXAS_PROT_WRITE;
		m.mem = AXAS_MEM_DEVICE;
	}
	for (i = 4; i < argc; i++) {
		k = match_word(argv[i], map_words);
		if (k < 0)
			return axctl_arg_err(c, argv[i], "%s map option (hpa, prot, mem, populate)",
					     k == -2 ? "ambiguous" : "unknown");
		if (k == MK_POPULATE) {
			m.flags |= AXAS_MAP_POPULATE;
			continue;
		}
		if (need_value(c, i, argc, argv))
			return -1;
		i++;
		switch (k) {
		case MK_HPA:
			if (get_u64(c, "HPA", argv[i], &v))
				return -1;
			m.hpa = v;
			hpa_set = true;
			break;
		case MK_PROT:
			if (parse_prot(argv[i], &m.prot))
				return axctl_arg_err(c, argv[i], PROT_HELP);
			prot_set = true;
			break;
		case MK_MEM:
			if (parse_mem(argv[i], &m.mem))
				return axctl_arg_err(c, argv[i], "MEM: wb, nc or device");
			mem_set = true;
			break;
		case MK_FLAGS:
			if (parse_u32(argv[i], &m.flags))
				return axctl_arg_err(c, argv[i], "flags: a number");
			break;
		}
	}
	/* Executable device memory is refused: do not default into it. */
	if (mem_set && !prot_set && m.mem == AXAS_MEM_DEVICE)
		m.prot &= ~AXAS_PROT_EXEC;
	if (m.backend == AXAS_BACKEND_LINEAR && !hpa_set)
		return axctl_arg_err(c, NULL, "a linear map needs hpa HPA");
	if (axctl_space(c))
		return -1;
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_MAP, &m);
	if (ret)
		return map_explain(c, -ret, &m);
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_str(w, "backend", backend_name(m.backend));
		jw_kv_uint(w, "gpa", m.gpa);
		jw_kv_uint(w, "length", m.length);
		if (m.backend == AXAS_BACKEND_LINEAR)
			jw_kv_uint(w, "hpa", m.hpa);
		jw_prot(w, "prot", m.prot);
		jw_kv_str(w, "mem", mem_name(m.mem));
		jw_kv_bool(w, "populate", m.flags & AXAS_MAP_POPULATE);
		jw_inval(w, &m.inval);
		jw_obj_close(w);
		jw_end(w);
	} else {
		char p[4];

		print_range_txt(c, "mapped", m.gpa, m.length);
		txt_kv(c, "area", "%s %s %s%s", backend_name(m.backend),
		       fmt_prot(p, m.prot), mem_name(m.mem),
		       m.flags & AXAS_MAP_POPULATE ? " populated" : "");
		if (m.backend == AXAS_BACKEND_LINEAR)
			txt_kv(c, "hpa", "0x%llx", (u64)m.hpa);
		txt_inval(c, &m.inval);
	}
	return 0;
}

/* ------------------------------------------------------ unmap, protect */

struct range {
	u64 gpa;
	u64 length;
};

/* GPA LENGTH pairs from argv[*i] on, up to a keyword or the end. */
static int get_ranges(struct axctl *c, int argc, char **argv, int *i,
		      struct range **out, u32 *n)
{
	struct range *r;
	u64 gpa, len;

	r = calloc(argc, sizeof(*r));
	if (!r)
		return axctl_err(c, ENOMEM, "no memory for the ranges");
	*n = 0;
	while (*i < argc && (argv[*i][0] >= '0' && argv[*i][0] <= '9')) {
		if (get_u64(c, "GPA", argv[*i], &gpa))
			goto fail;
		if (*i + 1 >= argc) {
			axctl_arg_err(c, argv[*i], "GPA without a LENGTH");
			goto fail;
		}
		if (get_u64(c, "LENGTH", argv[*i + 1], &len))
			goto fail;
		r[*n].gpa = gpa;
		r[*n].length = len;
		(*n)++;
		*i += 2;
	}
	if (!*n) {
		axctl_arg_err(c, *i < argc ? argv[*i] : NULL,
			      "expected GPA LENGTH");
		goto fail;
	}
	*out = r;
	return 0;
fail:
	free(r);
	return -1;
}

static void ranges_json(struct jw *w, const struct range *r, u32 n)
{
	u32 j;

	jw_key(w, "ranges");
	jw_arr_open(w);
	for (j = 0; j < n; j++) {
		jw_obj_open(w);
		jw_kv_uint(w, "gpa", r[j].gpa);
		jw_kv_uint(w, "length", r[j].length);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* One or many ranges: AXAS_IOC_UNMAP/PROTECT or their _VEC forms. */
static int range_op(struct axctl *c, bool protect, const struct range *r,
		    u32 n, u32 prot, u32 mem)
{
	const char *op = protect ? "protect" : "unmap";
	struct axas_inval_report inval;
	u64 done = 0;
	u32 j, nr_done = n;
	int ret;

	if (n == 1 && !protect) {
		struct axas_unmap u = {
			.size = sizeof(u), .gpa = r[0].gpa, .length = r[0].length,
		};

		ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_UNMAP, &u);
		inval = u.inval;
		done = u.done;
	} else if (n == 1) {
		struct axas_protect p = {
			.size = sizeof(p), .prot = prot, .mem = mem,
			.gpa = r[0].gpa, .length = r[0].length,
		};

		ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_PROTECT, &p);
		inval = p.inval;
		done = p.done;
	} else {
		struct axas_vec vec = { .size = sizeof(vec), .entry_num = n };
		struct axas_protect_entry *pe = NULL;
		struct axas_unmap_entry *ue = NULL;

		if (protect) {
			pe = calloc(n, sizeof(*pe));
			vec.entry_len = sizeof(*pe);
			vec.entries = (uintptr_t)pe;
		} else {
			ue = calloc(n, sizeof(*ue));
			vec.entry_len = sizeof(*ue);
			vec.entries = (uintptr_t)ue;
		}
		if (!pe && !ue)
			return axctl_err(c, ENOMEM, "no memory for %u entries", n);
		for (j = 0; j < n; j++) {
			if (pe) {
				pe[j].prot = prot;
				pe[j].mem = mem;
				pe[j].gpa = r[j].gpa;
				pe[j].length = r[j].length;
			} else {
				ue[j].gpa = r[j].gpa;
				ue[j].length = r[j].length;
			}
		}
		ret = axctl_ioctl(c, c->as_fd, protect ? AXAS_IOC_PROTECT_VEC :
				  AXAS_IOC_UNMAP_VEC, &vec);
		free(pe);
		free(ue);
		inval = vec.inval;
		nr_done = vec.entry_num;
		done = vec.partial;
	}
	if (ret == -EINTR)
		return axctl_err(c, EINTR, "%s interrupted: %u range(s) done, then 0x%llx bytes",
				 op, n == 1 ? 0 : nr_done, done);
	if (ret && n > 1) {
		if (ret == -EINVAL && n > AXAS_VEC_MAX)
			return axctl_err(c, EINVAL, "%u ranges: at most %u in one call",
					 n, AXAS_VEC_MAX);
		/* Find the range that explains it. */
		for (j = 0; j < n; j++)
			if ((r[j].gpa | r[j].length) & PAGE_MASK_4K ||
			    !r[j].length || r[j].gpa < c->root.base ||
			    r[j].gpa + r[j].length > space_end(c))
				return range_explain(c, -ret, op, r[j].gpa,
						     r[j].length, NULL);
		return axctl_err(c, -ret, "%s of %u ranges failed (nothing changed)",
				 op, n);
	}
	if (ret) {
		char p[4];
		char extra[128];

		snprintf(extra, sizeof(extra), protect ?
			 "prot %s, mem %s: empty, executable device, or inexpressible" :
			 "an argument is not valid", fmt_prot(p, prot),
			 mem_name(mem));
		if (!protect)
			snprintf(extra, sizeof(extra), "an argument is not valid");
		if (protect && -ret == EOPNOTSUPP)
			snprintf(extra, sizeof(extra), "prot %s or mem %s (%u): not supported",
				 fmt_prot(p, prot), mem_name(mem), mem);
		return range_explain(c, -ret, op, r[0].gpa, r[0].length, extra);
	}
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		ranges_json(w, r, n);
		if (protect) {
			jw_prot(w, "prot", prot);
			jw_kv_str(w, "mem", mem_name(mem));
		}
		jw_inval(w, &inval);
		jw_obj_close(w);
		jw_end(w);
	} else {
		for (j = 0; j < n; j++)
			print_range_txt(c, protect ? "protected" : "unmapped",
					r[j].gpa, r[j].length);
		if (protect) {
			char p[4];

			txt_kv(c, "now", "%s %s", fmt_prot(p, prot), mem_name(mem));
		}
		txt_inval(c, &inval);
	}
	return 0;
}

int cmd_unmap(struct axctl *c, int argc, char **argv)
{
	struct range *r;
	int i = 1, ret;
	u32 n;

	if (get_ranges(c, argc, argv, &i, &r, &n))
		return -1;
	if (i < argc) {
		free(r);
		return axctl_arg_err(c, argv[i], "unexpected: unmap takes GPA LENGTH pairs");
	}
	ret = axctl_space(c) ? -1 : range_op(c, false, r, n, 0, 0);
	free(r);
	return ret;
}

int cmd_protect(struct axctl *c, int argc, char **argv)
{
	static const char *const words[] = { "prot", "mem", NULL };
	u32 n, prot = 0, mem = AXAS_MEM_WB;
	bool have_prot = false;
	struct range *r;
	int i = 1, k, ret;

	if (get_ranges(c, argc, argv, &i, &r, &n))
		return -1;
	for (; i < argc; i++) {
		k = match_word(argv[i], words);
		if (k < 0) {
			free(r);
			return axctl_arg_err(c, argv[i], "%s protect option (prot, mem)",
					     k == -2 ? "ambiguous" : "unknown");
		}
		if (need_value(c, i, argc, argv)) {
			free(r);
			return -1;
		}
		i++;
		if (k == 0 ? parse_prot(argv[i], &prot) : parse_mem(argv[i], &mem)) {
			free(r);
			return axctl_arg_err(c, argv[i], k == 0 ?
					     "PROT: letters r, w, x (\"rw-\") or read,write,exec" :
					     "MEM: wb, nc or device");
		}
		if (!k)
			have_prot = true;
	}
	if (!have_prot) {
		free(r);
		return axctl_arg_err(c, NULL, "protect needs prot PROT");
	}
	ret = axctl_space(c) ? -1 : range_op(c, true, r, n, prot, mem);
	free(r);
	return ret;
}

/* ----------------------------------------------------------- translate */

int cmd_translate(struct axctl *c, int argc, char **argv)
{
	struct axas_translation *res;
	struct axas_translate t;
	u64 *gpas;
	int i, ret;
	u32 n = argc - 1;

	if (argc < 2)
		return axctl_arg_err(c, NULL, "translate needs at least one GPA");
	gpas = calloc(n, sizeof(*gpas));
	res = calloc(n, sizeof(*res));
	if (!gpas || !res) {
		free(gpas);
		free(res);
		return axctl_err(c, ENOMEM, "no memory for %u addresses", n);
	}
	for (i = 1; i < argc; i++) {
		if (get_u64(c, "GPA", argv[i], &gpas[i - 1])) {
			ret = -1;
			goto out;
		}
	}
	ret = axctl_space(c);
	if (ret)
		goto out;
	memset(&t, 0, sizeof(t));
	t.size = sizeof(t);
	t.num = n;
	t.gpas = (uintptr_t)gpas;
	t.results = (uintptr_t)res;
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_TRANSLATE, &t);
	if (ret) {
		if (ret == -ERANGE) {
			for (i = 0; i < (int)n; i++)
				if (gpas[i] < c->root.base || gpas[i] >= space_end(c))
					break;
			ret = axctl_err(c, ERANGE, "GPA 0x%llx is outside the space " RANGE_FMT,
					i < (int)n ? gpas[i] : 0, c->root.base,
					space_end(c));
		} else {
			ret = axctl_err(c, -ret, "AXAS_IOC_TRANSLATE of %u address(es) failed",
					n);
		}
		goto out;
	}
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_uint(w, "valid", t.num);
		jw_kv_bool(w, "hpa_hidden", t.out_flags & AXAS_OUT_HPA_HIDDEN);
		jw_key(w, "translations");
		jw_arr_open(w);
		for (i = 0; i < (int)n; i++) {
			jw_obj_open(w);
			jw_kv_uint(w, "gpa", gpas[i]);
			jw_kv_bool(w, "mapped", res[i].flags & AXAS_XLATE_VALID);
			if (res[i].flags & AXAS_XLATE_VALID) {
				jw_kv_uint(w, "hpa", res[i].hpa);
				jw_kv_uint(w, "page_size", xlate_size(&res[i]));
				jw_prot(w, "prot", res[i].prot);
				jw_kv_str(w, "mem", mem_name(res[i].mem));
			}
			jw_obj_close(w);
		}
		jw_arr_close(w);
		jw_obj_close(w);
		jw_end(w);
	} else {
		fprintf(c->out, "%-18s  %-18s  %4s  %-4s %s\n", "gpa", "hpa",
			"size", "prot", "mem");
		for (i = 0; i < (int)n; i++) {
			char sz[32], p[4];

			if (!(res[i].flags & AXAS_XLATE_VALID)) {
				fprintf(c->out, "0x%016llx  not mapped\n",
					gpas[i]);
				continue;
			}
			if (t.out_flags & AXAS_OUT_HPA_HIDDEN)
				fprintf(c->out, "0x%016llx  %-18s", gpas[i],
					"hidden");
			else
				fprintf(c->out, "0x%016llx  0x%016llx",
					gpas[i], (u64)res[i].hpa);
			fprintf(c->out, "  %4s  %-4s %s\n",
				fmt_size(sz, sizeof(sz), xlate_size(&res[i])),
				fmt_prot(p, res[i].prot), mem_name(res[i].mem));
		}
	}
out:
	free(gpas);
	free(res);
	return ret;
}

/* --------------------------------------------------------------- fault */

int cmd_fault(struct axctl *c, int argc, char **argv)
{
	static const char *const acc[] = { "read", "write", "exec", NULL };
	struct axas_fault f;
	bool area;
	int k, ret;
	u64 v;

	if (argc < 2 || argc > 3)
		return axctl_arg_err(c, NULL, "usage: fault GPA [read|write|exec]");
	memset(&f, 0, sizeof(f));
	f.size = sizeof(f);
	if (get_u64(c, "GPA", argv[1], &v))
		return -1;
	f.gpa = v;
	f.access = AXAS_PROT_READ;
	if (argc == 3) {
		k = match_word(argv[2], acc);
		if (k >= 0)
			f.access = 1U << k;
		else if (!strcmp(argv[2], "r") || !strcmp(argv[2], "w") ||
			 !strcmp(argv[2], "x"))
			parse_prot(argv[2], &f.access);
		else if (parse_u32(argv[2], &f.access))
			return axctl_arg_err(c, argv[2], "the access is read, write or exec");
	}
	if (axctl_space(c))
		return -1;
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_FAULT, &f);
	if (ret == -EINVAL && f.access != AXAS_PROT_READ &&
	    f.access != AXAS_PROT_WRITE && f.access != AXAS_PROT_EXEC)
		return axctl_err(c, EINVAL, "access 0x%x: exactly one of read, write, exec",
				 f.access);
	if (ret)
		return axctl_err(c, -ret, "AXAS_IOC_FAULT at 0x%llx failed",
				 (u64)f.gpa);
	area = f.result == AXAS_FAULT_MAPPED || f.result == AXAS_FAULT_SPURIOUS ||
	       f.result == AXAS_FAULT_MMIO || f.result == AXAS_FAULT_PERMISSION;
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_uint(w, "gpa", f.gpa);
		jw_prot(w, "access", f.access);
		jw_kv_str(w, "result", fault_result_name(f.result));
		if (f.result == AXAS_FAULT_MAPPED ||
		    f.result == AXAS_FAULT_SPURIOUS) {
			jw_kv_uint(w, "hpa", f.hpa);
			jw_kv_uint(w, "level", f.level);
			jw_kv_bool(w, "flush_local",
				   f.out_flags & AXAS_FAULT_F_FLUSH_LOCAL);
			jw_kv_bool(w, "hpa_hidden",
				   f.out_flags & AXAS_OUT_HPA_HIDDEN);
		}
		if (area) {
			jw_key(w, "area");
			jw_obj_open(w);
			jw_kv_uint(w, "start", f.area_start);
			jw_kv_uint(w, "length", f.area_length);
			jw_kv_str(w, "backend", backend_name(f.area_backend));
			jw_prot(w, "prot", f.area_prot);
			jw_kv_str(w, "mem", mem_name(f.area_mem));
			jw_obj_close(w);
		}
		jw_obj_close(w);
		jw_end(w);
	} else {
		char p[4], sz[32];

		txt_kv(c, "fault", "0x%llx %s", (u64)f.gpa,
		       fmt_prot(p, f.access));
		txt_kv(c, "result", "%s", fault_result_name(f.result));
		if (f.result == AXAS_FAULT_MAPPED ||
		    f.result == AXAS_FAULT_SPURIOUS) {
			if (f.out_flags & AXAS_OUT_HPA_HIDDEN)
				txt_kv(c, "hpa", "hidden");
			else
				txt_kv(c, "hpa", "0x%llx", (u64)f.hpa);
			txt_kv(c, "page size", "%s",
			       fmt_size(sz, sizeof(sz), 1ULL << (12 + 9 * f.level)));
			if (f.out_flags & AXAS_FAULT_F_FLUSH_LOCAL)
				txt_kv(c, "flush", "invalidate this GPA on the faulting CPU");
		}
		if (area)
			txt_kv(c, "area", RANGE_FMT " %s %s %s",
			       (u64)f.area_start, (u64)(f.area_start + f.area_length),
			       backend_name(f.area_backend),
			       fmt_prot(p, f.area_prot), mem_name(f.area_mem));
	}
	return 0;
}

/* ----------------------------------------------------------- read/write */

static int rw_explain(struct axctl *c, int err, bool write, u64 gpa, u64 len,
		      u64 done)
{
	const char *op = write ? "write" : "read";

	if (err == EFAULT)
		return axctl_err(c, err, "%s of " RANGE_FMT " stopped at 0x%llx after %llu %s",
				 op, gpa, gpa + len, gpa + done, done,
				 "bytes: MMIO, a hole or outside the space");
	if (err == EINVAL && len > AXAS_RW_MAX)
		return axctl_err(c, err, "LENGTH 0x%llx is above the maximum of 1G per call",
				 len);
	if (err == ENOMEM)
		return axctl_err(c, err, "write at 0x%llx: no frame (max-data-pages?) after %llu B",
				 gpa + done, done);
	return range_explain(c, err, op, gpa, len, NULL);
}

static int do_rw(struct axctl *c, bool write, u64 gpa, void *buf, u64 len)
{
	struct axas_rw rw = {
		.size = sizeof(rw), .gpa = gpa, .length = len,
		.buf = (uintptr_t)buf,
	};
	int ret;

	ret = axctl_ioctl(c, c->as_fd, write ? AXAS_IOC_WRITE : AXAS_IOC_READ,
			  &rw);
	if (ret)
		return rw_explain(c, -ret, write, gpa, len, rw.done);
	return 0;
}

static void jw_hexdata(struct jw *w, const unsigned char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc(2 * len + 1);
	size_t i;

	if (!s) {
		jw_null(w);
		return;
	}
	for (i = 0; i < len; i++) {
		s[2 * i] = digits[buf[i] >> 4];
		s[2 * i + 1] = digits[buf[i] & 15];
	}
	jw_strn(w, s, 2 * len);
	free(s);
}

int cmd_read(struct axctl *c, int argc, char **argv)
{
	const char *file = NULL;
	unsigned char *buf;
	u64 gpa, len;
	int ret;

	if (argc != 3 && argc != 5)
		return axctl_arg_err(c, NULL, "usage: read GPA LENGTH [file PATH]");
	if (get_u64(c, "GPA", argv[1], &gpa) ||
	    get_u64(c, "LENGTH", argv[2], &len))
		return -1;
	if (argc == 5) {
		static const char *const words[] = { "file", NULL };

		if (match_word(argv[3], words) != 0)
			return axctl_arg_err(c, argv[3], "expected file PATH");
		file = argv[4];
	}
	if (len > AXAS_RW_MAX)
		return axctl_arg_err(c, argv[2], "LENGTH above the 1G the kernel copies per call");
	buf = malloc(len ? len : 1);
	if (!buf)
		return axctl_err(c, ENOMEM, "no memory for 0x%llx bytes", len);
	ret = axctl_space(c) ? -1 : do_rw(c, false, gpa, buf, len);
	if (!ret && file) {
		FILE *f = strcmp(file, "-") ? fopen(file, "wb") : stdout;

		if (!f || fwrite(buf, 1, len, f) != len ||
		    (f != stdout && fclose(f)))
			ret = axctl_err(c, errno ? errno : EIO, "cannot write %s", file);
	}
	if (!ret) {
		if (c->json) {
			struct jw *w = &c->jw;

			jw_obj_open(w);
			jw_kv_uint(w, "gpa", gpa);
			jw_kv_uint(w, "length", len);
			if (file) {
				jw_kv_str(w, "file", file);
			} else {
				jw_key(w, "data");
				jw_hexdata(w, buf, len);
			}
			jw_obj_close(w);
			jw_end(w);
		} else if (!file) {
			hexdump(c->out, gpa, buf, len);
		} else if (strcmp(file, "-")) {
			txt_kv(c, "read", "0x%llx bytes from 0x%llx into %s",
			       len, gpa, file);
		}
	}
	free(buf);
	return ret;
}

/* Reads a whole file (at most @max bytes). */
static int slurp(struct axctl *c, const char *path, u64 max,
		 unsigned char **out, u64 *len)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	u64 cap = 65536, n = 0;
	unsigned char *buf;
	ssize_t r;

	if (fd < 0)
		return axctl_err(c, errno, "cannot open %s", path);
	buf = malloc(cap);
	while (buf && n < max) {
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, (cap - n) < (max - n) ? cap - n : max - n);
		if (r < 0) {
			int e = errno;

			free(buf);
			if (fd)
				close(fd);
			return axctl_err(c, e, "cannot read %s", path);
		}
		if (!r)
			break;
		n += r;
	}
	if (fd)
		close(fd);
	if (!buf)
		return axctl_err(c, ENOMEM, "no memory for %s", path);
	*out = buf;
	*len = n;
	return 0;
}

int cmd_write(struct axctl *c, int argc, char **argv)
{
	static const char *const words[] = { "file", "hex", "fill", "length", NULL };
	unsigned char *buf = NULL;
	const char *file = NULL, *hex = NULL, *fill = NULL;
	u64 gpa, len = AXAS_RW_MAX, fillv = 0;
	bool have_len = false;
	int i, k, ret;

	if (argc < 4)
		return axctl_arg_err(c, NULL, "usage: %s",
				     "write GPA file PATH|hex BYTES|fill BYTE length SIZE");
	if (get_u64(c, "GPA", argv[1], &gpa))
		return -1;
	for (i = 2; i < argc; i += 2) {
		k = match_word(argv[i], words);
		if (k < 0)
			return axctl_arg_err(c, argv[i], "%s write option (%s)",
					     k == -2 ? "ambiguous" : "unknown",
					     "file, hex, fill, length");
		if (need_value(c, i, argc, argv))
			return -1;
		switch (k) {
		case 0:
			file = argv[i + 1];
			break;
		case 1:
			hex = argv[i + 1];
			break;
		case 2:
			fill = argv[i + 1];
			if (get_u64(c, "BYTE", fill, &fillv))
				return -1;
			if (fillv > 255)
				return axctl_arg_err(c, fill, "BYTE is above 0xff");
			break;
		case 3:
			if (get_u64(c, "LENGTH", argv[i + 1], &len))
				return -1;
			have_len = true;
			break;
		}
	}
	if (!!file + !!hex + !!fill != 1)
		return axctl_arg_err(c, NULL, "give one of file PATH, hex BYTES, fill BYTE");
	if (fill && !have_len)
		return axctl_arg_err(c, fill, "fill needs length SIZE");
	if (len > AXAS_RW_MAX)
		return axctl_arg_err(c, NULL, "LENGTH above the 1G the kernel copies per call");
	if (file) {
		if (slurp(c, file, len, &buf, &len))
			return -1;
	} else if (hex) {
		long n;

		buf = malloc(strlen(hex) / 2 + 1);
		if (!buf)
			return axctl_err(c, ENOMEM, "no memory");
		n = parse_hexbytes(hex, buf, strlen(hex) / 2 + 1);
		if (n < 0) {
			free(buf);
			return axctl_arg_err(c, hex, "not hex bytes (\"de ad be ef\" or deadbeef)");
		}
		if (have_len && len < (u64)n)
			n = len;
		len = n;
	} else {
		buf = malloc(len ? len : 1);
		if (!buf)
			return axctl_err(c, ENOMEM, "no memory for 0x%llx bytes", len);
		memset(buf, (int)fillv, len);
	}
	ret = axctl_space(c) ? -1 : do_rw(c, true, gpa, buf, len);
	free(buf);
	if (ret)
		return ret;
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_uint(w, "gpa", gpa);
		jw_kv_uint(w, "length", len);
		jw_obj_close(w);
		jw_end(w);
	} else {
		txt_kv(c, "wrote", "0x%llx bytes at 0x%llx", len, gpa);
	}
	return 0;
}

/* --------------------------------------------------------------- stats */

int cmd_stats(struct axctl *c, int argc, char **argv)
{
	static const char *const leaf_names[] = { "4K", "2M", "1G" };
	struct axas_stats s;
	unsigned int i;
	int ret;

	if (argc > 1)
		return axctl_arg_err(c, argv[1], "stats takes no arguments");
	if (axctl_space(c))
		return -1;
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_STATS, &s);
	if (ret)
		return axctl_err(c, -ret, "AXAS_IOC_STATS failed");
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_uint(w, "data_pages", s.data_pages);
		jw_kv_uint(w, "table_pages", s.table_pages);
		jw_key(w, "leaves");
		jw_obj_open(w);
		for (i = 0; i < 3; i++)
			jw_kv_uint(w, leaf_names[i], s.leaves[i]);
		jw_obj_close(w);
		jw_kv_uint(w, "areas", s.areas);
		jw_kv_uint(w, "consumers", s.consumers);
		jw_key(w, "faults");
		jw_obj_open(w);
		for (i = 1; i < AXAS_FAULT_NR; i++)
			jw_kv_uint(w, fault_result_name(i), s.faults[i]);
		jw_obj_close(w);
		jw_kv_uint(w, "invalidations", s.invalidations);
		jw_kv_uint(w, "invalidations_all", s.invalidations_all);
		jw_kv_uint(w, "max_data_pages", s.max_data_pages);
		jw_kv_uint(w, "max_table_pages", s.max_table_pages);
		jw_obj_close(w);
		jw_end(w);
	} else {
		char a[32], lim[48];

		snprintf(lim, sizeof(lim), s.max_data_pages ? "of %llu" : "(no limit)",
			 (u64)s.max_data_pages);
		txt_kv(c, "data pages", "%-10llu %-8s %s", (u64)s.data_pages,
		       fmt_size(a, sizeof(a), s.data_pages * 4096), lim);
		snprintf(lim, sizeof(lim), s.max_table_pages ? "of %llu" : "(no limit)",
			 (u64)s.max_table_pages);
		txt_kv(c, "table pages", "%-10llu %-8s %s", (u64)s.table_pages,
		       fmt_size(a, sizeof(a), s.table_pages * 4096), lim);
		txt_kv(c, "leaves", "4K %llu, 2M %llu, 1G %llu",
		       (u64)s.leaves[0], (u64)s.leaves[1], (u64)s.leaves[2]);
		txt_kv(c, "areas", "%llu", (u64)s.areas);
		txt_kv(c, "consumers", "%llu", (u64)s.consumers);
		fprintf(c->out, "%-18s", "faults");
		for (i = 1; i < AXAS_FAULT_NR; i++)
			fprintf(c->out, "%s%s %llu", i == 1 ? " " : ", ",
				fault_result_name(i), (u64)s.faults[i]);
		fputc('\n', c->out);
		txt_kv(c, "invalidations", "%llu (%llu of everything)",
		       (u64)s.invalidations, (u64)s.invalidations_all);
	}
	return 0;
}
