// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: command-line client of /dev/axaddrspace.
 *
 *   axasctl [--json] [--device PATH] info
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/axaddrspace.h>

#define DEFAULT_DEVICE	"/dev/axaddrspace"

static const char *format_name(unsigned int format)
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

/* Writes the set bits of @levels as "a,b,c" into @buf. */
static const char *levels_str(unsigned int levels, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int n;

	buf[0] = '\0';
	for (n = 0; n < 32 && used < len; n++) {
		if (levels & (1u << n))
			used += snprintf(buf + used, len - used, "%s%u",
					 used ? "," : "", n);
	}
	return buf;
}

static void print_text(const struct axas_info *info,
		       const struct axas_format_info *f)
{
	char levels[64];
	unsigned int i;

	printf("axaddrspace: %u formats, caps %#x\n",
	       info->num_formats, info->caps);
	printf("  %-14s %-4s %-8s %s\n", "format", "id", "levels", "guest-physical address bits");
	for (i = 0; i < info->num_formats; i++) {
		printf("  %-14s %-4u %-8s %u..%u\n", format_name(f[i].format),
		       f[i].format, levels_str(f[i].levels, levels, sizeof(levels)),
		       f[i].min_ias_bits, f[i].max_ias_bits);
	}
}

static void print_json(const struct axas_info *info,
		       const struct axas_format_info *f)
{
	char levels[64];
	unsigned int i;

	printf("{\"caps\": %u, \"formats\": [", info->caps);
	for (i = 0; i < info->num_formats; i++) {
		printf("%s{\"id\": %u, \"name\": \"%s\", \"levels\": [%s], ",
		       i ? ", " : "", f[i].format, format_name(f[i].format),
		       levels_str(f[i].levels, levels, sizeof(levels)));
		printf("\"min_ias_bits\": %u, \"max_ias_bits\": %u}",
		       f[i].min_ias_bits, f[i].max_ias_bits);
	}
	printf("]}\n");
}

static int cmd_info(int fd, int json)
{
	struct axas_format_info *formats = NULL;
	struct axas_info info;

	/* Ask for the count first, then for the array. */
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(fd, AXAS_IOC_GET_INFO, &info)) {
		perror("AXAS_IOC_GET_INFO");
		return 1;
	}
	if (info.num_formats) {
		formats = calloc(info.num_formats, sizeof(*formats));
		if (!formats) {
			perror("calloc");
			return 1;
		}
		info.formats = (uintptr_t)formats;
		info.format_len = sizeof(*formats);
		if (ioctl(fd, AXAS_IOC_GET_INFO, &info)) {
			perror("AXAS_IOC_GET_INFO");
			free(formats);
			return 1;
		}
	}
	if (json)
		print_json(&info, formats);
	else
		print_text(&info, formats);
	free(formats);
	return 0;
}

static void print_help(FILE *out)
{
	fprintf(out,
		"usage: axasctl [--json] [--device PATH] info\n"
		"\n"
		"  info      print the ABI version and the supported page-table formats\n"
		"  --json    machine-readable output\n"
		"  --device  device node (default " DEFAULT_DEVICE ")\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *device = DEFAULT_DEVICE;
	int json = 0, fd, ret, c;

	while ((c = getopt_long(argc, argv, "jd:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'd':
			device = optarg;
			break;
		case 'h':
			print_help(stdout);
			return 0;
		default:
			print_help(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || strcmp(argv[optind], "info")) {
		print_help(stderr);
		return 2;
	}

	fd = open(device, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "axasctl: %s: %s\n", device, strerror(errno));
		return 1;
	}
	ret = cmd_info(fd, json);
	close(fd);
	return ret;
}
