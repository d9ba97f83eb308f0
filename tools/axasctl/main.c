// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: command-line client of /dev/axaddrspace.
 *
 *   axasctl [-j|-p] [-d PATH] [-c OPTS] [-f] COMMAND [ARGS]
 *   axasctl [-j|-p] [-f] batch FILE|-
 *
 * Exit status: 0 success, 1 a command failed, 2 bad global options.
 */
#include <getopt.h>
#include <string.h>

#include "axasctl.h"

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "device", required_argument, NULL, 'd' },
		{ "create", required_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'f' },
		{ "echo", no_argument, NULL, 'e' },
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char *batch_argv[3] = { "batch", NULL, NULL };
	const char *batch = NULL;
	struct axctl c;
	int ch, ret;

	axctl_init(&c, stdout, stderr);
	while ((ch = getopt_long(argc, argv, "+jpd:c:feb:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			c.json = true;
			break;
		case 'p':
			c.json = true;
			c.pretty = true;
			break;
		case 'd':
			c.device = optarg;
			break;
		case 'c':
			c.create_opts = optarg;
			break;
		case 'e':
			c.echo = true;
			break;
		case 'f':
			c.force = true;
			break;
		case 'b':
			batch = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		case 'V':
			printf("axasctl %s (uapi of include/uapi/linux/axaddrspace.h)\n",
			       AXASCTL_VERSION);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	jw_init(&c.jw, stdout, c.pretty);
	if (batch) {
		if (optind != argc) {
			fprintf(stderr, "axasctl: --batch takes no command\n");
			return 2;
		}
		batch_argv[1] = (char *)batch;
		argv = batch_argv;
		argc = 2;
		optind = 0;
	}
	if (optind >= argc) {
		print_usage(stderr);
		return 2;
	}
	ret = run_cmd(&c, argc - optind, argv + optind);
	axctl_fini(&c);
	fflush(stdout);
	return ret ? 1 : 0;
}
