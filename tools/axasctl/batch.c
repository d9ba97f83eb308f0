// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: batch mode, many commands on one open address space (an address
 * space lives as long as its fd). One command per line, '#' comments, a
 * trailing backslash continues a line; errors carry the line number of the
 * command's first line. With -j the outputs form one JSON array.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "axasctl.h"

#define BATCH_MAX_WORDS	256

/* Strips the line end; returns true if a backslash continues the line. */
static bool chomp(char *s)
{
	size_t len = strlen(s);

	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if (len && s[len - 1] == '\\') {
		s[--len] = '\0';
		return true;
	}
	return false;
}

/* --echo: the command as a prompt line, before its output. */
static void echo_cmd(struct axctl *c, int argc, char **argv)
{
	int i;

	fputs("$", c->out);
	for (i = 0; i < argc; i++)
		fprintf(c->out, " %s", argv[i]);
	fputs("\n", c->out);
}

int run_batch(struct axctl *c, FILE *f, const char *name)
{
	char *phys = NULL, *cmd = NULL, *argv[BATCH_MAX_WORDS];
	size_t physcap = 0, len = 0, cap = 0;
	unsigned int lineno = 0, first = 0, failures = 0;
	bool more = false;
	int argc, rc = 0;
	ssize_t n;

	c->batch = true;
	if (c->json)
		jw_arr_open(&c->jw);
	for (;;) {
		n = getline(&phys, &physcap, f);
		if (n < 0 && !more)
			break;
		if (n < 0)
			phys[0] = '\0';
		else
			lineno++;
		if (!more) {
			first = lineno;
			len = 0;
			/* --echo: a demo's comments and blank lines, as written */
			if (c->echo && !c->json && n >= 0 &&
			    (phys[strspn(phys, " \t")] == '#' ||
			     !phys[strspn(phys, " \t\n")]))
				fputs(phys, c->out);
		}
		more = n >= 0 && chomp(phys);
		if (len + strlen(phys) + 2 > cap) {
			char *nc;

			cap = (len + strlen(phys) + 2) * 2;
			nc = realloc(cmd, cap);
			if (!nc) {
				axctl_err(c, ENOMEM, "%s: line %u too long", name, lineno);
				rc = 1;
				break;
			}
			cmd = nc;
		}
		if (len)
			cmd[len++] = ' ';
		memcpy(cmd + len, phys, strlen(phys) + 1);
		len += strlen(phys);
		if (more)
			continue;
		c->line = first;
		c->cmd = NULL;
		argc = split_words(cmd, argv, BATCH_MAX_WORDS);
		if (argc < 0) {
			axctl_err(c, argc == -E2BIG ? E2BIG : EINVAL,
				  argc == -E2BIG ? "more than %d words" :
				  "unterminated quote%.0d", BATCH_MAX_WORDS);
		} else if (!argc) {
			if (n < 0)
				break;
			continue;
		} else {
			if (c->echo && !c->json)
				echo_cmd(c, argc, argv);
			if (run_cmd(c, argc, argv) == 0) {
				if (n < 0)
					break;
				continue;
			}
		}
		failures++;
		rc = 1;
		if (!c->force || n < 0)
			break;
	}
	c->line = 0;
	c->cmd = NULL;
	if (c->json) {
		jw_arr_close(&c->jw);
		jw_end(&c->jw);
	}
	if (ferror(f)) {
		fprintf(c->err, "axasctl: %s: read error\n", name);
		rc = 1;
	}
	if (failures && c->force && !c->json)
		fprintf(c->err, "axasctl: %s: %u command%s failed\n", name, failures,
			failures == 1 ? "" : "s");
	free(phys);
	free(cmd);
	c->batch = false;
	return rc;
}

int cmd_batch(struct axctl *c, int argc, char **argv)
{
	FILE *f;
	int rc;

	if (c->batch)
		return axctl_arg_err(c, NULL, "batch files do not nest");
	if (argc != 2)
		return axctl_arg_err(c, NULL, "usage: batch FILE|-");
	if (!strcmp(argv[1], "-")) {
		f = stdin;
	} else {
		f = fopen(argv[1], "r");
		if (!f)
			return axctl_err(c, errno, "cannot open the batch file %s", argv[1]);
	}
	/* The batch reports its own errors. */
	rc = run_batch(c, f, argv[1]);
	if (f != stdin)
		fclose(f);
	c->failed = true;
	return rc ? -1 : 0;
}
