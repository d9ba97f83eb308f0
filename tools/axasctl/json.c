// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: a small JSON writer. Compact output puts everything on one line;
 * pretty output indents by two spaces, one member per line.
 */
#include <inttypes.h>
#include <string.h>

#include "axasctl.h"

void jw_init(struct jw *w, FILE *f, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
	w->first[0] = true;
}

static void jw_indent(struct jw *w)
{
	int i;

	fputc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Separator before a value (or a key) at the current depth. */
static void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->depth)
		return;
	if (!w->first[w->depth])
		fputc(',', w->f);
	if (w->pretty)
		jw_indent(w);
	else if (!w->first[w->depth])
		fputc(' ', w->f);
	w->first[w->depth] = false;
}

static void jw_open(struct jw *w, char ch)
{
	jw_sep(w);
	fputc(ch, w->f);
	if (w->depth < JW_MAX_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = true;
}

static void jw_close(struct jw *w, char ch)
{
	bool empty = w->first[w->depth];

	if (w->depth)
		w->depth--;
	if (w->pretty && !empty)
		jw_indent(w);
	fputc(ch, w->f);
}

void jw_obj_open(struct jw *w)
{
	jw_open(w, '{');
}

void jw_obj_close(struct jw *w)
{
	jw_close(w, '}');
}

void jw_arr_open(struct jw *w)
{
	jw_open(w, '[');
}

void jw_arr_close(struct jw *w)
{
	jw_close(w, ']');
}

static void put_str(struct jw *w, const char *s, size_t len)
{
	size_t i;

	fputc('"', w->f);
	for (i = 0; i < len; i++) {
		unsigned char ch = s[i];

		switch (ch) {
		case '"':
			fputs("\\\"", w->f);
			break;
		case '\\':
			fputs("\\\\", w->f);
			break;
		case '\n':
			fputs("\\n", w->f);
			break;
		case '\t':
			fputs("\\t", w->f);
			break;
		case '\r':
			fputs("\\r", w->f);
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				fprintf(w->f, "\\u%04x", ch);
			else
				fputc(ch, w->f);
		}
	}
	fputc('"', w->f);
}

void jw_strn(struct jw *w, const char *s, size_t len)
{
	jw_sep(w);
	put_str(w, s, len);
}

void jw_key(struct jw *w, const char *key)
{
	jw_sep(w);
	put_str(w, key, strlen(key));
	fputs(": ", w->f);
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

void jw_uint(struct jw *w, u64 v)
{
	jw_sep(w);
	fprintf(w->f, "%llu", v);
}

void jw_int(struct jw *w, long long v)
{
	jw_sep(w);
	fprintf(w->f, "%lld", v);
}

void jw_bool(struct jw *w, bool v)
{
	jw_sep(w);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct jw *w)
{
	jw_sep(w);
	fputs("null", w->f);
}

void jw_hex(struct jw *w, u64 v)
{
	jw_sep(w);
	fprintf(w->f, "\"0x%llx\"", v);
}

void jw_kv_uint(struct jw *w, const char *key, u64 v)
{
	jw_key(w, key);
	jw_uint(w, v);
}

void jw_kv_int(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kv_bool(struct jw *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_kv_str(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kv_hex(struct jw *w, const char *key, u64 v)
{
	jw_key(w, key);
	jw_hex(w, v);
}

void jw_end(struct jw *w)
{
	if (!w->depth)
		fputc('\n', w->f);
}
