// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: argument parsing (numbers with suffixes, protections, names,
 * keyword prefixes, batch words). No I/O here: the unit tests call it.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "axasctl.h"

static int digit_val(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return 99;
}

int parse_u64(const char *s, u64 *v)
{
	unsigned int base = 10, shift = 0;
	const char *p = s;
	u64 n = 0;
	int d, digits = 0;

	if (!s || !*s)
		return -EINVAL;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B') &&
		   (p[2] == '0' || p[2] == '1')) {
		base = 2;
		p += 2;
	}
	for (; *p; p++) {
		if (*p == '_' && digits)
			continue;
		d = digit_val(*p);
		if (d >= (int)base)
			break;
		if (n > (UINT64_MAX - d) / base)
			return -ERANGE;
		n = n * base + d;
		digits++;
	}
	if (!digits)
		return -EINVAL;
	if (*p) {
		switch (toupper(*p)) {
		case 'K':
			shift = 10;
			break;
		case 'M':
			shift = 20;
			break;
		case 'G':
			shift = 30;
			break;
		case 'T':
			shift = 40;
			break;
		case 'P':
			shift = 50;
			break;
		case 'E':
			shift = 60;
			break;
		default:
			return -EINVAL;
		}
		p++;
		if (!strcasecmp(p, "iB") || !strcasecmp(p, "B"))
			p += strlen(p);
		if (*p)
			return -EINVAL;
		if (n > (UINT64_MAX >> shift))
			return -ERANGE;
		n <<= shift;
	}
	*v = n;
	return 0;
}

int parse_u32(const char *s, u32 *v)
{
	u64 n;
	int ret = parse_u64(s, &n);

	if (ret)
		return ret;
	if (n > UINT32_MAX)
		return -ERANGE;
	*v = n;
	return 0;
}

int parse_prot(const char *s, u32 *prot)
{
	static const char *const names[] = { "read", "write", "exec", NULL };
	char buf[64], *tok, *save;
	u32 p = 0;
	int i;

	if (!s || !*s)
		return -EINVAL;
	if (!strcmp(s, "none") || !strcmp(s, "---")) {
		*prot = 0;
		return 0;
	}
	if (strchr(s, ',') || strlen(s) > 3) {
		if (strlen(s) >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, s, strlen(s) + 1);
		for (tok = strtok_r(buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			i = match_word(tok, names);
			if (i < 0)
				return -EINVAL;
			p |= 1U << i;
		}
		*prot = p;
		return 0;
	}
	/* "rwx" with '-' placeholders, in any order. */
	for (; *s; s++) {
		u32 bit;

		switch (*s) {
		case 'r':
		case 'R':
			bit = AXAS_PROT_READ;
			break;
		case 'w':
		case 'W':
			bit = AXAS_PROT_WRITE;
			break;
		case 'x':
		case 'X':
			bit = AXAS_PROT_EXEC;
			break;
		case '-':
			continue;
		default:
			return -EINVAL;
		}
		if (p & bit)
			return -EINVAL;
		p |= bit;
	}
	*prot = p;
	return 0;
}

int parse_mem(const char *s, u32 *mem)
{
	static const char *const names[] = { "wb", "nc", "device", NULL };
	static const u32 vals[] = { AXAS_MEM_WB, AXAS_MEM_NC, AXAS_MEM_DEVICE };
	int i = match_word(s, names);

	if (i < 0)
		return parse_u32(s, mem) ? -EINVAL : 0;
	*mem = vals[i];
	return 0;
}

int parse_format(const char *s, u32 *format)
{
	static const char *const names[] = {
		"intel-ept", "ept", "amd-npt", "npt", "arm-stage2", "stage2",
		"riscv-gstage", "gstage", NULL,
	};
	static const u32 vals[] = {
		AXAS_FORMAT_INTEL_EPT, AXAS_FORMAT_INTEL_EPT,
		AXAS_FORMAT_AMD_NPT, AXAS_FORMAT_AMD_NPT,
		AXAS_FORMAT_ARM_S2, AXAS_FORMAT_ARM_S2,
		AXAS_FORMAT_RISCV_G, AXAS_FORMAT_RISCV_G,
	};
	int i = match_word(s, names);

	if (i == -2) {
		/* "a" is both amd-npt and arm-stage2, but "e", "n"... are not. */
		return -EINVAL;
	}
	if (i < 0)
		return parse_u32(s, format) ? -EINVAL : 0;
	*format = vals[i];
	return 0;
}

int parse_pgsizes(const char *s, u32 *pgsizes)
{
	char buf[64], *tok, *save;
	u32 p = 0;
	u64 v;

	if (!strcmp(s, "all")) {
		*pgsizes = 0;
		return 0;
	}
	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, strlen(s) + 1);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (parse_u64(tok, &v))
			return -EINVAL;
		if (v != AXAS_PGSIZE_4K && v != AXAS_PGSIZE_2M &&
		    v != AXAS_PGSIZE_1G)
			return -EINVAL;
		p |= (u32)v;
	}
	if (!p)
		return -EINVAL;
	*pgsizes = p;
	return 0;
}

long parse_hexbytes(const char *s, unsigned char *buf, size_t len)
{
	size_t n = 0;
	int hi = -1, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++) {
		if (*s == ' ' || *s == ':' || *s == '_' || *s == '-') {
			if (hi >= 0)
				return -EINVAL;
			continue;
		}
		d = digit_val(*s);
		if (d > 15)
			return -EINVAL;
		if (hi < 0) {
			hi = d;
			continue;
		}
		if (n >= len)
			return -E2BIG;
		buf[n++] = hi << 4 | d;
		hi = -1;
	}
	if (hi >= 0)
		return -EINVAL;
	return n;
}

int match_word(const char *word, const char *const *words)
{
	size_t len = strlen(word);
	int i, found = -1;

	if (!len)
		return -1;
	for (i = 0; words[i]; i++) {
		if (!strcmp(word, words[i]))
			return i;
		if (!strncmp(word, words[i], len)) {
			if (found >= 0)
				found = -2;
			else if (found == -1)
				found = i;
		}
	}
	return found;
}

int split_words(char *line, char **argv, int max)
{
	char *r = line, *w = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r || *r == '#')
			break;
		if (argc >= max)
			return -E2BIG;
		argv[argc++] = w;
		for (; *r; r++) {
			if (quote) {
				if (*r == quote) {
					quote = 0;
				} else if (*r == '\\' && quote == '"' &&
					   (r[1] == '"' || r[1] == '\\')) {
					*w++ = *++r;
				} else {
					*w++ = *r;
				}
				continue;
			}
			if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
				break;
			if (*r == '\'' || *r == '"')
				quote = *r;
			else if (*r == '\\' && r[1])
				*w++ = *++r;
			else
				*w++ = *r;
		}
		if (quote)
			return -EINVAL;
		if (*r)
			r++;
		*w++ = '\0';
	}
	return argc;
}
