// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: the command table, per-command help, dispatch, and the device
 * and space every command shares.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "axasctl.h"

const struct cmd axctl_cmds[] = {
	{ "info", cmd_info, 0,
	  "info",
	  "Print the page-table formats the module supports (levels, input\n"
	  "and output address sizes, page sizes, configuration flags, memory\n"
	  "types), the capabilities of this opener (mmap, host addresses,\n"
	  "linear maps) and the flags the kernel knows.\n" },
	{ "create", cmd_create, 0,
	  "create [format FMT] [levels N] [ias BITS] [oas BITS] [pgsizes LIST]\n"
	  "       [base GPA] [length SIZE] [max-data-pages N] [max-table-pages N]\n"
	  "       [ad] [svpbmt]",
	  "Create an address space and make it the current one (in a batch,\n"
	  "the previous one is closed, which destroys it). FMT: intel-ept|ept,\n"
	  "amd-npt|npt, arm-stage2|stage2, riscv-gstage|gstage (default: the\n"
	  "host's: ept on x86, stage2 on arm64, gstage on riscv). Without\n"
	  "levels and ias: 4 levels (EPT, NPT), a 40-bit IPA (Arm), Sv39x4\n"
	  "(RISC-V). pgsizes: 4K,2M,1G or all (default all). length defaults\n"
	  "to the whole input range from base. ad: EPT accessed/dirty flags;\n"
	  "svpbmt: the RISC-V hart has Svpbmt (NC and device memory).\n"
	  "Outside a batch the space is destroyed when axasctl exits: create\n"
	  "then only checks a configuration and shows its root registers.\n" },
	{ "map", cmd_map, CMD_SPACE,
	  "map linear GPA LENGTH hpa HPA [prot PROT] [mem MEM]\n"
	  "map alloc GPA LENGTH [populate] [prot PROT] [mem MEM]\n"
	  "map mmio GPA LENGTH [prot PROT] [mem MEM]",
	  "Map an area. linear: GPA to HPA at a fixed offset (needs\n"
	  "CAP_SYS_RAWIO; host memory that is not RAM); alloc: zeroed frames\n"
	  "from the module, all now with populate, else on first fault; mmio:\n"
	  "never backed, faults are device accesses. PROT: r, w, x letters\n"
	  "(\"rw\", \"r-x\") or read,write,exec; default rwx (rw for mmio). MEM:\n"
	  "wb, nc, device (default wb, device for mmio).\n" },
	{ "unmap", cmd_unmap, CMD_SPACE,
	  "unmap GPA LENGTH [GPA LENGTH]...",
	  "Unmap ranges (parts of areas may be unmapped; holes are fine but\n"
	  "a range must touch some area). Several ranges go in one call\n"
	  "(AXAS_IOC_UNMAP_VEC).\n" },
	{ "protect", cmd_protect, CMD_SPACE,
	  "protect GPA LENGTH [GPA LENGTH]... prot PROT [mem MEM]",
	  "Change the permissions (and memory type, default wb) of ranges.\n"
	  "Several ranges go in one call (AXAS_IOC_PROTECT_VEC).\n" },
	{ "translate", cmd_translate, CMD_SPACE,
	  "translate GPA [GPA]...",
	  "Translate guest-physical addresses: host address, page size,\n"
	  "permissions and memory type; an unmapped address is not an error.\n" },
	{ "fault", cmd_fault, CMD_SPACE,
	  "fault GPA [read|write|exec]",
	  "Handle a nested page fault at GPA as a vCPU runner would (default\n"
	  "a read) and print the result: mapped, spurious, mmio, permission,\n"
	  "no-area, out-of-range, nomem or invalid, with the area.\n" },
	{ "read", cmd_read, CMD_SPACE,
	  "read GPA LENGTH [file PATH]",
	  "Read guest memory: a hex dump (JSON: a hex string), or the raw\n"
	  "bytes into PATH. Lazy pages read as zeros.\n" },
	{ "write", cmd_write, CMD_SPACE,
	  "write GPA file PATH [length SIZE]\n"
	  "write GPA hex HEXBYTES\n"
	  "write GPA fill BYTE length SIZE",
	  "Write guest memory from a file (- for stdin; at most LENGTH\n"
	  "bytes), from hex bytes (\"de ad be ef\" or deadbeef) or a repeated\n"
	  "byte. Writing a lazy page populates it.\n" },
	{ "root", cmd_root, CMD_SPACE,
	  "root",
	  "Print the root register values a consumer loads (EPTP, nCR3,\n"
	  "VTTBR_EL2 and VTCR_EL2, hgatp), decoded, and the space's\n"
	  "configuration.\n" },
	{ "stats", cmd_stats, CMD_SPACE,
	  "stats",
	  "Print the space's counters: data and table pages (with limits),\n"
	  "leaves by size, areas, consumers, faults by result,\n"
	  "invalidations.\n" },
	{ "dump", cmd_dump, CMD_SPACE,
	  "dump [GPA [LENGTH]] [--check|check] [leaves|summary]",
	  "Print the present entries of the table as a tree: level, GPA range,\n"
	  "page size, decoded attributes, output address and raw value (all\n"
	  "of the space by default; leaves: only the leaves; summary: none,\n"
	  "only the count and the check). --check walks\n"
	  "the dump with axasctl's own decoder of the format (EPT, NPT, Arm\n"
	  "stage 2 with 4 KiB granule, RISC-V Sv39x4/48x4/57x4), checks the\n"
	  "root registers, compares every leaf with AXAS_IOC_TRANSLATE and,\n"
	  "for the whole space, the counts of leaves and tables with\n"
	  "AXAS_IOC_STATS; it reports every entry it cannot explain and fails\n"
	  "if there is one.\n" },
	{ "bench", cmd_bench, CMD_SPACE,
	  "bench [map|fault|translate|rw|all] [at GPA] [size SIZE] [rounds N]",
	  "Time operations on [GPA, GPA + SIZE) of the current space (default:\n"
	  "its base, 64M, 3 rounds), which must be free: map (populate an\n"
	  "alloc area and unmap it), fault (write faults on a lazy area),\n"
	  "translate (every page, in batches), rw (write then read it all).\n" },
	{ "batch", cmd_batch, 0,
	  "batch FILE|-",
	  "Run the commands of FILE (- for stdin) one per line on one open\n"
	  "address space: '#' starts a comment, a trailing backslash continues\n"
	  "a line. The first command that needs a space and finds none creates\n"
	  "the default one. Stops at the first failure (with its line number)\n"
	  "unless --force. With -j the output is one JSON array.\n" },
	{ "help", cmd_help, 0,
	  "help [COMMAND]",
	  "Print the usage, or the help of COMMAND.\n" },
	{ NULL, NULL, 0, NULL, NULL },
};

void axctl_init(struct axctl *c, FILE *out, FILE *err)
{
	memset(c, 0, sizeof(*c));
	c->out = out;
	c->err = err;
	c->device = AXASCTL_DEFAULT_DEVICE;
	c->sys = &axctl_real_sys;
	c->dev_fd = -1;
	c->as_fd = -1;
}

void axctl_fini(struct axctl *c)
{
	if (c->as_fd >= 0)
		c->sys->close(c, c->as_fd);
	if (c->dev_fd >= 0)
		c->sys->close(c, c->dev_fd);
	c->as_fd = -1;
	c->dev_fd = -1;
}

void print_usage(FILE *f)
{
	const struct cmd *cmd;

	fprintf(f,
		"usage: axasctl [OPTIONS] COMMAND [ARGS]\n"
		"       axasctl [OPTIONS] batch FILE|-\n"
		"\n"
		"options:\n"
		"  -j, --json           JSON output\n"
		"  -p, --pretty         indented JSON output (implies -j)\n"
		"  -d, --device PATH    device node (default " AXASCTL_DEFAULT_DEVICE ")\n"
		"  -c, --create OPTS    create options of the default space\n"
		"  -f, --force          batch: go on after a failing command\n"
		"  -e, --echo           batch: show comments and each command\n"
		"  -h, --help           this help; COMMAND --help for a command\n"
		"  -V, --version        print the version\n"
		"\n"
		"commands (unambiguous prefixes accepted):\n");
	for (cmd = axctl_cmds; cmd->name; cmd++) {
		const char *s = cmd->synopsis, *nl;

		while (s && *s) {
			nl = strchr(s, '\n');
			fprintf(f, "  %.*s\n", nl ? (int)(nl - s) : (int)strlen(s), s);
			s = nl ? nl + 1 : NULL;
		}
	}
	fprintf(f,
		"\n"
		"Numbers: decimal or 0x hex, with K, M, G, T suffixes (powers of\n"
		"1024). Outside a batch, a command that needs an address space\n"
		"runs on a new one made with the --create options (default: see\n"
		"create --help), which is destroyed when axasctl exits.\n");
}

void print_cmd_help(FILE *f, const struct cmd *cmd)
{
	const char *s = cmd->synopsis, *nl;
	bool first = true;

	while (s && *s) {
		nl = strchr(s, '\n');
		fprintf(f, "%s axasctl %.*s\n", first ? "usage:" : "      ",
			nl ? (int)(nl - s) : (int)strlen(s), s);
		s = nl ? nl + 1 : NULL;
		first = false;
	}
	fprintf(f, "\n%s", cmd->help);
}

bool want_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

const struct cmd *find_cmd(struct axctl *c, const char *name)
{
	const char *names[ARRAY_SIZE(axctl_cmds)];
	char list[256];
	size_t i, used = 0;
	int n;

	for (i = 0; axctl_cmds[i].name; i++)
		names[i] = axctl_cmds[i].name;
	names[i] = NULL;
	n = match_word(name, names);
	if (n >= 0)
		return &axctl_cmds[n];
	if (n == -2) {
		list[0] = '\0';
		for (i = 0; names[i]; i++)
			if (!strncmp(name, names[i], strlen(name)))
				used += snprintf(list + used, sizeof(list) - used,
						 "%s%s", used ? ", " : "",
						 names[i]);
		axctl_arg_err(c, name, "ambiguous command: %s", list);
	} else {
		axctl_arg_err(c, name, "unknown command (axasctl help lists them)");
	}
	return NULL;
}

static void help_out(struct axctl *c, const struct cmd *cmd);

int run_cmd(struct axctl *c, int argc, char **argv)
{
	const struct cmd *cmd;
	int ret;

	c->cmd = NULL;
	c->failed = false;
	cmd = find_cmd(c, argv[0]);
	if (!cmd)
		return -1;
	c->cmd = cmd->name;
	if (want_help(argc, argv)) {
		help_out(c, cmd);
		return 0;
	}
	ret = cmd->fn(c, argc, argv);
	if (ret && !c->failed)
		axctl_err(c, 0, "failed");
	return ret ? -1 : 0;
}

/* Help is text; with -j, a {"help": TEXT} object like any output. */
static void help_out(struct axctl *c, const struct cmd *cmd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!c->json) {
		if (cmd)
			print_cmd_help(c->out, cmd);
		else
			print_usage(c->out);
		return;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return;
	if (cmd)
		print_cmd_help(f, cmd);
	else
		print_usage(f);
	fclose(f);
	jw_obj_open(&c->jw);
	jw_kv_str(&c->jw, "help", text);
	jw_obj_close(&c->jw);
	jw_end(&c->jw);
	free(text);
}

int cmd_help(struct axctl *c, int argc, char **argv)
{
	const struct cmd *cmd = NULL;

	if (argc > 2)
		return axctl_arg_err(c, argv[2], "help takes one command");
	if (argc == 2) {
		cmd = find_cmd(c, argv[1]);
		if (!cmd)
			return -1;
	}
	help_out(c, cmd);
	return 0;
}

int axctl_ioctl(struct axctl *c, int fd, unsigned long req, void *arg)
{
	return c->sys->ioctl(c, fd, req, arg);
}

int axctl_dev(struct axctl *c)
{
	int fd;

	if (c->dev_fd >= 0)
		return 0;
	fd = c->sys->open_dev(c, c->device);
	if (fd < 0)
		return axctl_err(c, -fd, "cannot open the device %s%s", c->device,
				 fd == -ENOENT ? " (is axaddrspace.ko loaded?)" : "");
	c->dev_fd = fd;
	return 0;
}

int axctl_space(struct axctl *c)
{
	char buf[512], *argv[64];
	int argc = 1;

	if (c->as_fd >= 0)
		return 0;
	argv[0] = "create";
	if (c->create_opts) {
		int n;

		snprintf(buf, sizeof(buf), "%s", c->create_opts);
		n = split_words(buf, argv + 1, ARRAY_SIZE(argv) - 1);
		if (n < 0)
			return axctl_arg_err(c, c->create_opts,
					     "--create: cannot split the options");
		argc += n;
	}
	return create_space(c, argc, argv, false);
}
