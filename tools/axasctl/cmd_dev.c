// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: commands about the device and the space's configuration: info,
 * create, root.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "axasctl.h"
#include "decode.h"

/* ---------------------------------------------------------------- info */

static void levels_str(char *buf, size_t len, u32 levels)
{
	size_t used = 0;
	unsigned int n;

	buf[0] = '\0';
	for (n = 0; n < 32 && used < len; n++)
		if (levels & (1U << n))
			used += snprintf(buf + used, len - used, "%s%u",
					 used ? "," : "", n);
}

static void cfg_str(char *buf, size_t len, u32 cfg)
{
	snprintf(buf, len, "%s%s%s", cfg & AXAS_CFG_EPT_AD ? "ad" : "",
		 (cfg & AXAS_CFG_EPT_AD) && (cfg & AXAS_CFG_SVPBMT) ? "," : "",
		 cfg & AXAS_CFG_SVPBMT ? "svpbmt" : "");
	if (!buf[0])
		snprintf(buf, len, "-");
}

static void mem_str(char *buf, size_t len, u32 mems)
{
	size_t used = 0;
	u32 m;

	buf[0] = '\0';
	for (m = 0; m < 3 && used < len; m++)
		if (mems & (1U << m))
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", mem_name(m));
	if (!used)
		snprintf(buf, len, "-");
}

static void info_json(struct axctl *c, const struct axas_info *info,
		      const struct axas_format_info *f)
{
	struct jw *w = &c->jw;
	unsigned int i, n;

	jw_obj_open(w);
	jw_key(w, "caps");
	jw_obj_open(w);
	jw_kv_bool(w, "mmap", info->caps & AXAS_CAP_MMAP);
	jw_kv_bool(w, "hpa_shown", info->caps & AXAS_CAP_HPA);
	jw_kv_bool(w, "linear", info->caps & AXAS_CAP_LINEAR);
	jw_obj_close(w);
	jw_kv_uint(w, "map_flags", info->map_flags);
	jw_kv_uint(w, "create_flags", info->create_flags);
	jw_kv_uint(w, "dump_entry_len", info->dump_entry_len);
	jw_key(w, "formats");
	jw_arr_open(w);
	for (i = 0; i < info->num_formats; i++) {
		jw_obj_open(w);
		jw_kv_uint(w, "id", f[i].format);
		jw_kv_str(w, "name", format_name(f[i].format));
		jw_key(w, "levels");
		jw_arr_open(w);
		for (n = 0; n < 32; n++)
			if (f[i].levels & (1U << n))
				jw_uint(w, n);
		jw_arr_close(w);
		jw_kv_uint(w, "min_ias_bits", f[i].min_ias_bits);
		jw_kv_uint(w, "max_ias_bits", f[i].max_ias_bits);
		jw_kv_uint(w, "max_oas_bits", f[i].max_oas_bits);
		jw_pgsizes(w, "pgsizes", f[i].pgsizes);
		jw_key(w, "cfg_flags");
		jw_arr_open(w);
		if (f[i].cfg_flags & AXAS_CFG_EPT_AD)
			jw_str(w, "ad");
		if (f[i].cfg_flags & AXAS_CFG_SVPBMT)
			jw_str(w, "svpbmt");
		jw_arr_close(w);
		jw_key(w, "mem_types");
		jw_arr_open(w);
		for (n = 0; n < 3; n++)
			if (f[i].mem_types & (1U << n))
				jw_str(w, mem_name(n));
		jw_arr_close(w);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
	jw_end(w);
}

static void info_text(struct axctl *c, const struct axas_info *info,
		      const struct axas_format_info *f)
{
	char lv[32], pg[32], cfg[32], mem[32];
	unsigned int i;

	txt_kv(c, "capabilities", "mmap %s, host addresses %s, linear maps %s",
	       info->caps & AXAS_CAP_MMAP ? "yes" : "no",
	       info->caps & AXAS_CAP_HPA ? "shown" : "hidden",
	       info->caps & AXAS_CAP_LINEAR ? "allowed" : "not allowed");
	txt_kv(c, "map flags", "0x%x", info->map_flags);
	txt_kv(c, "create flags", "0x%x", info->create_flags);
	txt_kv(c, "dump entry size", "%u", info->dump_entry_len);
	fprintf(c->out, "\n%-14s %2s  %-7s %-7s %-4s %-10s %-10s %s\n", "format",
		"id", "levels", "ias", "oas", "page sizes", "cfg", "memory types");
	for (i = 0; i < info->num_formats; i++) {
		char ias[16];

		levels_str(lv, sizeof(lv), f[i].levels);
		fmt_pgsizes(pg, sizeof(pg), f[i].pgsizes);
		cfg_str(cfg, sizeof(cfg), f[i].cfg_flags);
		mem_str(mem, sizeof(mem), f[i].mem_types);
		snprintf(ias, sizeof(ias), "%u..%u", f[i].min_ias_bits,
			 f[i].max_ias_bits);
		fprintf(c->out, "%-14s %2u  %-7s %-7s %-4u %-10s %-10s %s\n",
			format_name(f[i].format), f[i].format, lv, ias,
			f[i].max_oas_bits, pg, cfg, mem);
	}
}

int cmd_info(struct axctl *c, int argc, char **argv)
{
	struct axas_format_info *formats = NULL;
	struct axas_info info;
	int ret;

	if (argc > 1)
		return axctl_arg_err(c, argv[1], "info takes no arguments");
	if (axctl_dev(c))
		return -1;
	/* The count first, then the array. */
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.format_len = sizeof(*formats);
	ret = axctl_ioctl(c, c->dev_fd, AXAS_IOC_GET_INFO, &info);
	if (!ret && info.num_formats) {
		formats = calloc(info.num_formats, sizeof(*formats));
		if (!formats)
			return axctl_err(c, ENOMEM, "no memory for %u formats",
					 info.num_formats);
		info.formats = (uintptr_t)formats;
		ret = axctl_ioctl(c, c->dev_fd, AXAS_IOC_GET_INFO, &info);
	}
	if (ret) {
		free(formats);
		return axctl_err(c, -ret, "AXAS_IOC_GET_INFO failed%s",
				 ret == -ENOTTY ? " (a module with another ABI?)" : "");
	}
	if (c->json)
		info_json(c, &info, formats);
	else
		info_text(c, &info, formats);
	free(formats);
	return 0;
}

/* ---------------------------------------------------------------- root */

static void root_json(struct axctl *c, const struct axas_root *r, bool create)
{
	struct root_info ri;
	struct jw *w = &c->jw;
	bool hidden = r->out_flags & AXAS_OUT_HPA_HIDDEN;

	jw_obj_open(w);
	if (create)
		jw_kv_bool(w, "created", true);
	jw_kv_str(w, "format", format_name(r->format));
	jw_kv_uint(w, "levels", r->levels);
	jw_kv_uint(w, "ias_bits", r->ias_bits);
	jw_kv_uint(w, "oas_bits", r->oas_bits);
	jw_pgsizes(w, "pgsizes", r->pgsizes);
	jw_kv_uint(w, "base", r->base);
	jw_kv_uint(w, "length", r->length);
	jw_kv_bool(w, "hpa_hidden", hidden);
	jw_kv_hex(w, "value", r->value);
	if (r->format == AXAS_FORMAT_ARM_S2)
		jw_kv_hex(w, "vtcr", r->vtcr);
	if (!hidden) {
		decode_root(r, &ri);
		jw_kv_uint(w, "table", ri.table);
		jw_kv_str(w, "decoded", ri.fields);
		if (ri.invalid)
			jw_kv_str(w, "inconsistent", ri.invalid);
	}
	jw_obj_close(w);
	jw_end(w);
}

static void root_text(struct axctl *c, const struct axas_root *r)
{
	static const char *const reg[] = {
		[AXAS_FORMAT_INTEL_EPT] = "EPTP",
		[AXAS_FORMAT_AMD_NPT] = "nCR3",
		[AXAS_FORMAT_ARM_S2] = "VTTBR_EL2",
		[AXAS_FORMAT_RISCV_G] = "hgatp",
	};
	bool hidden = r->out_flags & AXAS_OUT_HPA_HIDDEN;
	char pg[32], sz[32];
	struct root_info ri;

	txt_kv(c, "format", "%s, %u levels, %u-bit GPA, %u-bit HPA",
	       format_name(r->format), r->levels, r->ias_bits, r->oas_bits);
	txt_kv(c, "page sizes", "%s", fmt_pgsizes(pg, sizeof(pg), r->pgsizes));
	txt_kv(c, "range", RANGE_FMT " %s", r->base,
	       r->base + r->length, fmt_size(sz, sizeof(sz), r->length));
	if (hidden) {
		txt_kv(c, "root", "hidden (no CAP_SYS_ADMIN)");
		return;
	}
	txt_kv(c, r->format < ARRAY_SIZE(reg) && reg[r->format] ?
	       reg[r->format] : "root", "0x%016llx", r->value);
	if (r->format == AXAS_FORMAT_ARM_S2)
		txt_kv(c, "VTCR_EL2", "0x%016llx", r->vtcr);
	decode_root(r, &ri);
	txt_kv(c, "decoded", "%s", ri.fields);
	if (ri.invalid)
		txt_kv(c, "INCONSISTENT", "%s", ri.invalid);
}

static int get_root(struct axctl *c)
{
	int ret;

	memset(&c->root, 0, sizeof(c->root));
	c->root.size = sizeof(c->root);
	ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_ROOT, &c->root);
	if (ret)
		return axctl_err(c, -ret, "AXAS_IOC_ROOT failed");
	c->have_root = true;
	return 0;
}

int cmd_root(struct axctl *c, int argc, char **argv)
{
	if (argc > 1)
		return axctl_arg_err(c, argv[1], "root takes no arguments");
	if (axctl_space(c) || get_root(c))
		return -1;
	if (c->json)
		root_json(c, &c->root, false);
	else
		root_text(c, &c->root);
	return 0;
}

/* -------------------------------------------------------------- create */

static u32 host_format(void)
{
#if defined(__aarch64__)
	return AXAS_FORMAT_ARM_S2;
#elif defined(__riscv)
	return AXAS_FORMAT_RISCV_G;
#else
	return AXAS_FORMAT_INTEL_EPT;
#endif
}

enum {
	CR_FORMAT, CR_LEVELS, CR_IAS, CR_OAS, CR_PGSIZES, CR_BASE, CR_LENGTH,
	CR_SIZE, CR_MAXDATA, CR_MAXTABLE, CR_AD, CR_SVPBMT, CR_CFG, CR_FLAGS,
};

static const char *const create_words[] = {
	[CR_FORMAT] = "format", [CR_LEVELS] = "levels", [CR_IAS] = "ias",
	[CR_OAS] = "oas", [CR_PGSIZES] = "pgsizes", [CR_BASE] = "base",
	[CR_LENGTH] = "length", [CR_SIZE] = "size",
	[CR_MAXDATA] = "max-data-pages", [CR_MAXTABLE] = "max-table-pages",
	[CR_AD] = "ad", [CR_SVPBMT] = "svpbmt", [CR_CFG] = "cfg",
	[CR_FLAGS] = "flags", NULL,
};

static int create_explain(struct axctl *c, int err, const struct axas_create *a)
{
	const char *fmt = format_name(a->format);
	char cfg[80];

	switch (err) {
	case EOPNOTSUPP:
		return axctl_err(c, err, "format %s (%u), cfg flags 0x%x or flags 0x%x: %s",
				 fmt, a->format, a->cfg_flags, a->flags,
				 "not supported by this module (see axasctl info)");
	case EINVAL:
		snprintf(cfg, sizeof(cfg), "levels %u, ias %u, oas %u, pgsizes 0x%x",
			 a->levels, a->ias_bits, a->oas_bits, a->pgsizes);
		return axctl_err(c, err, "%s, base 0x%llx or length 0x%llx: %s %s",
				 cfg, (u64)a->base, (u64)a->length, fmt,
				 "cannot be (see axasctl info)");
	case ERANGE:
		return axctl_err(c, err, "base 0x%llx + length 0x%llx is beyond the input size",
				 (u64)a->base, (u64)a->length);
	case EOVERFLOW:
		return axctl_err(c, err, "base 0x%llx + length 0x%llx overflows",
				 (u64)a->base, (u64)a->length);
	case ENOMEM:
		return axctl_err(c, err, "no memory for the root table (max-table-pages %llu?)",
				 (u64)a->max_table_pages);
	default:
		return axctl_err(c, err, "AXAS_IOC_CREATE of a %s space failed",
				 fmt);
	}
}

static u32 default_ias(const struct axas_create *a)
{
	if (a->ias_bits)
		return a->ias_bits;
	switch (a->format) {
	case AXAS_FORMAT_RISCV_G:
		return 14 + 9 * a->levels;
	default:
		return 12 + 9 * a->levels;
	}
}

int create_space(struct axctl *c, int argc, char **argv, bool report)
{
	struct axas_create a;
	bool have_len = false;
	int i, k, ret;
	u64 v;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.format = host_format();
	for (i = 1; i < argc; i++) {
		const char *kw = argv[i];

		k = match_word(kw, create_words);
		if (k < 0)
			return axctl_arg_err(c, kw, "%s create option (create --help)",
					     k == -2 ? "ambiguous" : "unknown");
		if (k == CR_AD) {
			a.cfg_flags |= AXAS_CFG_EPT_AD;
			continue;
		}
		if (k == CR_SVPBMT) {
			a.cfg_flags |= AXAS_CFG_SVPBMT;
			continue;
		}
		if (++i >= argc)
			return axctl_arg_err(c, kw, "needs a value");
		switch (k) {
		case CR_FORMAT:
			if (parse_format(argv[i], &a.format))
				return axctl_arg_err(c, argv[i], "not a format (%s)",
						     "intel-ept, amd-npt, arm-stage2, riscv-gstage");
			continue;
		case CR_PGSIZES:
			if (parse_pgsizes(argv[i], &a.pgsizes))
				return axctl_arg_err(c, argv[i],
						     "pgsizes: a list of 4K, 2M, 1G, or all");
			continue;
		}
		if (parse_u64(argv[i], &v))
			return axctl_arg_err(c, argv[i], "%s: not a number",
					     create_words[k]);
		if (k != CR_BASE && k != CR_LENGTH && k != CR_SIZE &&
		    k != CR_MAXDATA && k != CR_MAXTABLE && v > UINT32_MAX)
			return axctl_arg_err(c, argv[i], "%s: too large",
					     create_words[k]);
		switch (k) {
		case CR_LEVELS:
			a.levels = v;
			break;
		case CR_IAS:
			a.ias_bits = v;
			break;
		case CR_OAS:
			a.oas_bits = v;
			break;
		case CR_BASE:
			a.base = v;
			break;
		case CR_LENGTH:
		case CR_SIZE:
			a.length = v;
			have_len = true;
			break;
		case CR_MAXDATA:
			a.max_data_pages = v;
			break;
		case CR_MAXTABLE:
			a.max_table_pages = v;
			break;
		case CR_CFG:
			a.cfg_flags = v;
			break;
		case CR_FLAGS:
			a.flags = v;
			break;
		}
	}
	if (!a.levels && !a.ias_bits) {
		if (a.format == AXAS_FORMAT_ARM_S2)
			a.ias_bits = 40;
		else
			a.levels = a.format == AXAS_FORMAT_RISCV_G ? 3 : 4;
	}
	if (!have_len) {
		u32 ias = default_ias(&a);

		a.length = ias < 64 ? (1ULL << ias) - a.base : -a.base;
		if (ias < 64 && a.base >= 1ULL << ias)
			a.length = 4096;
	}
	if (axctl_dev(c))
		return -1;
	a.fd = -1;
	ret = axctl_ioctl(c, c->dev_fd, AXAS_IOC_CREATE, &a);
	if (ret)
		return create_explain(c, -ret, &a);
	if (c->as_fd >= 0)
		c->sys->close(c, c->as_fd);
	c->as_fd = a.fd;
	c->cfg_flags = a.cfg_flags;
	c->spaces++;
	if (get_root(c))
		return -1;
	if (!report)
		return 0;
	if (c->json) {
		root_json(c, &c->root, true);
	} else {
		root_text(c, &c->root);
		if (!c->batch)
			axctl_note(c, "the space lives as long as axasctl: %s",
				   "use `axasctl batch` to work on it");
	}
	return 0;
}

int cmd_create(struct axctl *c, int argc, char **argv)
{
	return create_space(c, argc, argv, true);
}
