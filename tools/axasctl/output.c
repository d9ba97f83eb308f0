// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: output helpers (names, sizes, aligned text, hex dumps) and
 * error reporting in text and JSON.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "axasctl.h"

const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
		{ E2BIG, "E2BIG" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" },
		{ EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { EMFILE, "EMFILE" },
		{ ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
		{ EROFS, "EROFS" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ EOVERFLOW, "EOVERFLOW" },
		{ EMSGSIZE, "EMSGSIZE" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ ETIMEDOUT, "ETIMEDOUT" },
	};
	static char buf[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

static int verr(struct axctl *c, int err, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	c->failed = true;
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_key(w, "error");
		jw_obj_open(w);
		if (c->line)
			jw_kv_uint(w, "line", c->line);
		if (c->cmd)
			jw_kv_str(w, "command", c->cmd);
		jw_kv_str(w, "errno", err ? errno_name(err) : "usage");
		jw_kv_int(w, "code", err);
		jw_kv_str(w, "message", msg);
		jw_obj_close(w);
		jw_obj_close(w);
		jw_end(w);
		return -1;
	}
	fputs("axasctl: ", c->err);
	if (c->line)
		fprintf(c->err, "line %u: ", c->line);
	if (c->cmd)
		fprintf(c->err, "%s: ", c->cmd);
	if (err)
		fprintf(c->err, "%s: ", errno_name(err));
	fprintf(c->err, "%s\n", msg);
	return -1;
}

int axctl_err(struct axctl *c, int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = verr(c, err, fmt, ap);
	va_end(ap);
	return ret;
}

int axctl_arg_err(struct axctl *c, const char *arg, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (arg)
		return axctl_err(c, EINVAL, "\"%s\": %s", arg, msg);
	return axctl_err(c, EINVAL, "%s", msg);
}

void axctl_note(struct axctl *c, const char *fmt, ...)
{
	va_list ap;

	if (c->json)
		return;
	va_start(ap, fmt);
	fputs("axasctl: note: ", c->err);
	vfprintf(c->err, fmt, ap);
	fputc('\n', c->err);
	va_end(ap);
}

const char *fmt_size(char *buf, size_t len, u64 v)
{
	static const char suffix[] = "KMGTPE";
	int i;

	if (!v) {
		snprintf(buf, len, "0");
		return buf;
	}
	for (i = 5; i >= 0; i--) {
		u64 unit = 1ULL << (10 * (i + 1));

		if (v >= unit && !(v & (unit - 1))) {
			snprintf(buf, len, "%llu%c", v / unit, suffix[i]);
			return buf;
		}
	}
	if (v < 1024)
		snprintf(buf, len, "%llu", v);
	else
		snprintf(buf, len, "0x%llx", v);
	return buf;
}

const char *fmt_prot(char *buf, u32 prot)
{
	buf[0] = prot & AXAS_PROT_READ ? 'r' : '-';
	buf[1] = prot & AXAS_PROT_WRITE ? 'w' : '-';
	buf[2] = prot & AXAS_PROT_EXEC ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

const char *mem_name(u32 mem)
{
	switch (mem) {
	case AXAS_MEM_WB:
		return "wb";
	case AXAS_MEM_NC:
		return "nc";
	case AXAS_MEM_DEVICE:
		return "device";
	default:
		return "unknown";
	}
}

const char *format_name(u32 format)
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
	default:
		return "unknown";
	}
}

const char *backend_name(u32 backend)
{
	switch (backend) {
	case AXAS_BACKEND_LINEAR:
		return "linear";
	case AXAS_BACKEND_ALLOC:
		return "alloc";
	case AXAS_BACKEND_MMIO:
		return "mmio";
	default:
		return "none";
	}
}

const char *fault_result_name(u32 result)
{
	static const char *const names[AXAS_FAULT_NR] = {
		[AXAS_FAULT_MAPPED] = "mapped",
		[AXAS_FAULT_SPURIOUS] = "spurious",
		[AXAS_FAULT_MMIO] = "mmio",
		[AXAS_FAULT_PERMISSION] = "permission",
		[AXAS_FAULT_NO_AREA] = "no-area",
		[AXAS_FAULT_OUT_OF_RANGE] = "out-of-range",
		[AXAS_FAULT_NOMEM] = "nomem",
		[AXAS_FAULT_INVALID] = "invalid",
	};

	if (result < AXAS_FAULT_NR && names[result])
		return names[result];
	return "unknown";
}

const char *fmt_pgsizes(char *buf, size_t len, u32 pgsizes)
{
	static const u32 sizes[] = {
		AXAS_PGSIZE_4K, AXAS_PGSIZE_2M, AXAS_PGSIZE_1G,
	};
	static const char *const names[] = { "4K", "2M", "1G" };
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(sizes) && used < len; i++)
		if (pgsizes & sizes[i])
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", names[i]);
	if (!used)
		snprintf(buf, len, "-");
	return buf;
}

void txt_kv(struct axctl *c, const char *key, const char *fmt, ...)
{
	va_list ap;

	fprintf(c->out, "%-18s ", key);
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
}

void hexdump(FILE *f, u64 addr, const unsigned char *buf, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		fprintf(f, "%016llx ", addr + i);
		for (j = 0; j < 16; j++) {
			if (j == 8)
				fputc(' ', f);
			if (i + j < len)
				fprintf(f, " %02x", buf[i + j]);
			else
				fputs("   ", f);
		}
		fputs("  |", f);
		for (j = 0; j < 16 && i + j < len; j++) {
			unsigned char ch = buf[i + j];

			fputc(ch >= 0x20 && ch < 0x7f ? ch : '.', f);
		}
		fputs("|\n", f);
	}
}

void jw_inval(struct jw *w, const struct axas_inval_report *r)
{
	jw_key(w, "inval");
	jw_obj_open(w);
	jw_kv_uint(w, "start", r->start);
	jw_kv_uint(w, "end", r->end);
	jw_kv_bool(w, "tables", r->flags & AXAS_INVAL_TABLES);
	jw_kv_uint(w, "invalidations", r->invalidations);
	jw_obj_close(w);
}

void jw_prot(struct jw *w, const char *key, u32 prot)
{
	char buf[4];

	jw_kv_str(w, key, fmt_prot(buf, prot));
}

void jw_pgsizes(struct jw *w, const char *key, u32 pgsizes)
{
	static const u32 sizes[] = {
		AXAS_PGSIZE_4K, AXAS_PGSIZE_2M, AXAS_PGSIZE_1G,
	};
	size_t i;

	jw_key(w, key);
	jw_arr_open(w);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		if (pgsizes & sizes[i])
			jw_uint(w, sizes[i]);
	jw_arr_close(w);
}

void txt_inval(struct axctl *c, const struct axas_inval_report *r)
{
	if (r->start == r->end) {
		txt_kv(c, "invalidated", "nothing");
		return;
	}
	txt_kv(c, "invalidated", RANGE_FMT "%s, %u round%s",
	       r->start, r->end,
	       r->flags & AXAS_INVAL_TABLES ? " with tables" : "",
	       r->invalidations, r->invalidations == 1 ? "" : "s");
}
