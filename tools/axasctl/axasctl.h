/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axasctl: command-line client of /dev/axaddrspace. Shared declarations.
 *
 * Files: main.c (global options, one-shot mode), batch.c (batch files),
 * cmd.c (the command table, help, dispatch), cmd_dev.c (info, create),
 * cmd_space.c (map ... stats), cmd_dump.c (dump, --check), bench.c,
 * parse.c (arguments), json.c and output.c (output, errors), decode.c
 * (entry and root-register decoders), check.c (the software walker),
 * sys.c (the device: open, ioctl), test.c (host unit tests).
 */
#ifndef AXASCTL_H
#define AXASCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/axaddrspace.h>

/* The project's version; the Makefile passes it (dkms.conf). */
#ifndef AXASCTL_VERSION
#define AXASCTL_VERSION		"unknown"
#endif
#define AXASCTL_DEFAULT_DEVICE	"/dev/axaddrspace"

typedef __u64 u64;
typedef __u32 u32;

#define RANGE_FMT	"[0x%llx, 0x%llx)"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The size of the entry behind a translation (0: not mapped). */
static inline u64 xlate_size(const struct axas_translation *t)
{
	return t->page_shift ? 1ULL << t->page_shift : 0;
}

/* The kernel's __printf() for userspace. */
#define AXASCTL_ATTR	__attribute__
#ifndef __printf
#define __printf(a, b)	AXASCTL_ATTR((format(printf, a, b)))
#endif

/* ------------------------------------------------------------- json.c */

#define JW_MAX_DEPTH	32

struct jw {
	FILE *f;
	bool pretty;
	int depth;
	bool first[JW_MAX_DEPTH];
	bool after_key;
};

void jw_init(struct jw *w, FILE *f, bool pretty);
void jw_obj_open(struct jw *w);
void jw_obj_close(struct jw *w);
void jw_arr_open(struct jw *w);
void jw_arr_close(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_uint(struct jw *w, u64 v);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t len);
void jw_hex(struct jw *w, u64 v);
void jw_kv_uint(struct jw *w, const char *key, u64 v);
void jw_kv_int(struct jw *w, const char *key, long long v);
void jw_kv_bool(struct jw *w, const char *key, bool v);
void jw_kv_str(struct jw *w, const char *key, const char *s);
void jw_kv_hex(struct jw *w, const char *key, u64 v);
/* After the last value of the top level: a newline. */
void jw_end(struct jw *w);

/* ------------------------------------------------------------ context */

struct axctl;

/* The device, replaceable by the unit tests' fake kernel. */
struct axctl_sys {
	/* Returns an fd or -errno. */
	int (*open_dev)(struct axctl *c, const char *path);
	/* Returns 0 or -errno. */
	int (*ioctl)(struct axctl *c, int fd, unsigned long req, void *arg);
	void (*close)(struct axctl *c, int fd);
};

extern const struct axctl_sys axctl_real_sys;

struct axctl {
	/* Options. */
	bool json;
	bool pretty;
	bool force;
	bool echo;			/* batch: show comments and commands */
	const char *device;
	const char *create_opts;	/* --create: options of the default space */
	FILE *out;
	FILE *err;
	const struct axctl_sys *sys;
	void *sys_priv;

	/* State. */
	int dev_fd;			/* -1 until opened */
	int as_fd;			/* -1: no space yet */
	bool batch;
	unsigned int line;		/* batch: line of the command, else 0 */
	const char *cmd;		/* the running command, for messages */
	bool have_root;
	struct axas_root root;		/* of the current space */
	u32 cfg_flags;			/* given at creation */
	unsigned int spaces;		/* created so far */
	bool failed;			/* the running command reported an error */
	struct jw jw;
};

void axctl_init(struct axctl *c, FILE *out, FILE *err);
void axctl_fini(struct axctl *c);

/* ----------------------------------------------------------- output.c */

const char *errno_name(int err);
/*
 * Reports an error of the running command: "axasctl: [line N: ]CMD: ENAME:
 * message" on stderr, or an {"error": ...} object in JSON mode. @err is a
 * positive errno (0: a usage error without one). Returns -1.
 */
int axctl_err(struct axctl *c, int err, const char *fmt, ...)
	__printf(3, 4);
/* A parse error of argument @arg: EINVAL and a sentence. Returns -1. */
int axctl_arg_err(struct axctl *c, const char *arg, const char *fmt, ...)
	__printf(3, 4);
void axctl_note(struct axctl *c, const char *fmt, ...)
	__printf(2, 3);

/* Human size: "4K", "2M", "1G", "0x1234" if not a multiple. */
const char *fmt_size(char *buf, size_t len, u64 v);
const char *fmt_prot(char *buf, u32 prot);	/* "rwx", "r--"; buf[4] */
const char *mem_name(u32 mem);
const char *format_name(u32 format);
const char *backend_name(u32 backend);
const char *fault_result_name(u32 result);
/* "4K,2M,1G" */
const char *fmt_pgsizes(char *buf, size_t len, u32 pgsizes);
/* Text: "  key            value" lines. */
void txt_kv(struct axctl *c, const char *key, const char *fmt, ...)
	__printf(3, 4);
void hexdump(FILE *f, u64 addr, const unsigned char *buf, size_t len);
/* JSON helpers shared by several commands. */
void jw_inval(struct jw *w, const struct axas_inval_report *r);
void jw_prot(struct jw *w, const char *key, u32 prot);
void jw_pgsizes(struct jw *w, const char *key, u32 pgsizes);
void txt_inval(struct axctl *c, const struct axas_inval_report *r);

/* ------------------------------------------------------------ parse.c */

/*
 * Numbers: decimal, 0x hex, 0b binary, 0 octal is *not* special (decimal);
 * an optional K, M, G, T, P suffix (powers of 1024, case-insensitive, an
 * optional "iB"/"B"). Returns 0, -EINVAL (not a number), -ERANGE (does not
 * fit in 64 bits).
 */
int parse_u64(const char *s, u64 *v);
int parse_u32(const char *s, u32 *v);
/* "rwx", "rw", "r-x", "read,write", "none" -> AXAS_PROT_*. */
int parse_prot(const char *s, u32 *prot);
int parse_mem(const char *s, u32 *mem);
int parse_format(const char *s, u32 *format);
/* "4K,2M" or "all" -> AXAS_PGSIZE_*. */
int parse_pgsizes(const char *s, u32 *pgsizes);
/* A hex string ("00ff a0", "0x..") -> bytes; returns the count or -EINVAL. */
long parse_hexbytes(const char *s, unsigned char *buf, size_t len);

/*
 * Keyword matching with unambiguous prefixes: returns the index of @word in
 * the NULL-terminated @words, -1 if none matches, -2 if ambiguous. An exact
 * match always wins.
 */
int match_word(const char *word, const char *const *words);

/*
 * Splits one logical line into words: blanks separate, '...' and "..."
 * quote, a backslash escapes the next character, '#' at the start of a
 * word starts a comment. Returns the count (at most @max), -E2BIG if too
 * many, -EINVAL for an unterminated quote. Words point into @line, which
 * is modified.
 */
int split_words(char *line, char **argv, int max);

/* ------------------------------------------------------------- cmd.c */

#define CMD_SPACE	0x1	/* works on an address space */

struct cmd {
	const char *name;
	int (*fn)(struct axctl *c, int argc, char **argv);
	unsigned int flags;
	const char *synopsis;
	const char *help;
};

extern const struct cmd axctl_cmds[];
const struct cmd *find_cmd(struct axctl *c, const char *name);
/* Runs argv[0] with its arguments; returns 0 or -1 (reported). */
int run_cmd(struct axctl *c, int argc, char **argv);
void print_usage(FILE *f);
void print_cmd_help(FILE *f, const struct cmd *cmd);
/* True if argv holds -h or --help: print the command's help. */
bool want_help(int argc, char **argv);

/* Open the device if needed. */
int axctl_dev(struct axctl *c);
/* The current space, created with the default options if there is none. */
int axctl_space(struct axctl *c);
int axctl_ioctl(struct axctl *c, int fd, unsigned long req, void *arg);

/* --------------------------------------------------- command functions */

int cmd_info(struct axctl *c, int argc, char **argv);
int cmd_create(struct axctl *c, int argc, char **argv);
int create_space(struct axctl *c, int argc, char **argv, bool report);
int cmd_map(struct axctl *c, int argc, char **argv);
int cmd_unmap(struct axctl *c, int argc, char **argv);
int cmd_protect(struct axctl *c, int argc, char **argv);
int cmd_translate(struct axctl *c, int argc, char **argv);
int cmd_fault(struct axctl *c, int argc, char **argv);
int cmd_read(struct axctl *c, int argc, char **argv);
int cmd_write(struct axctl *c, int argc, char **argv);
int cmd_root(struct axctl *c, int argc, char **argv);
int cmd_stats(struct axctl *c, int argc, char **argv);
int cmd_dump(struct axctl *c, int argc, char **argv);
int cmd_bench(struct axctl *c, int argc, char **argv);
int cmd_batch(struct axctl *c, int argc, char **argv);
int cmd_help(struct axctl *c, int argc, char **argv);

/* Runs a batch from @f (@name for messages); returns 0 or 1. */
int run_batch(struct axctl *c, FILE *f, const char *name);

#endif /* AXASCTL_H */
