// SPDX-License-Identifier: GPL-2.0
/*
 * axvmm: a tiny VMM on /dev/axaddrspace and the sample vCPU runner
 * /dev/axvcpu_svm (samples/axvcpu_svm). It creates an AMD NPT address
 * space, maps lazy guest RAM and an MMIO region, loads a flat 64-bit
 * guest binary at GPA 1 MiB through the space's mmap(), builds the
 * guest's identity page tables, and runs the vCPU until HLT:
 *
 *   port 0x3f8		serial: the guest's output, printed line by line
 *   GPA 0xc0000000	64 KiB MMIO "device": reads answer from a register
 *			file, writes are logged and stored
 *
 * See Documentation/sample-consumer.rst and axvmm --help.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/axaddrspace.h>
#include "axvcpu_svm.h"

#define GPA_PML4	0x1000ULL
#define GPA_PDPT	0x2000ULL
#define GPA_PD0		0x3000ULL	/* GiB 0: RAM */
#define GPA_PD3		0x4000ULL	/* GiB 3: the MMIO device */
#define GPA_STACK	0x80000ULL	/* initial RSP (the stack grows down) */
#define GPA_CODE	0x100000ULL
#define GPA_MMIO	0xc0000000ULL
#define MMIO_SIZE	0x10000ULL
#define SERIAL		0x3f8
#define SPACE_SIZE	(4ULL << 30)

#define BIT_ULL(n)	(1ULL << (n))
#define PTE_P		BIT_ULL(0)
#define PTE_RW		BIT_ULL(1)
#define PTE_A		BIT_ULL(5)
#define PTE_D		BIT_ULL(6)
#define PTE_PS		BIT_ULL(7)
#define PTE_TABLE	(PTE_P | PTE_RW | PTE_A)
#define PTE_2M		(PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PS)

#define MEM64_BASE	0x1000000ULL	/* mem64.S: the 64 MiB it touches */
#define MEM64_SIZE	(64ULL << 20)

static const char *const fault_names[AXAS_FAULT_NR] = {
	[AXAS_FAULT_MAPPED] = "mapped",
	[AXAS_FAULT_SPURIOUS] = "spurious",
	[AXAS_FAULT_MMIO] = "mmio",
	[AXAS_FAULT_PERMISSION] = "permission",
	[AXAS_FAULT_NO_AREA] = "no_area",
	[AXAS_FAULT_OUT_OF_RANGE] = "out_of_range",
	[AXAS_FAULT_NOMEM] = "nomem",
	[AXAS_FAULT_INVALID] = "invalid",
};

static const char *const exit_names[] = {
	[AXVCPU_EXIT_HLT] = "hlt",
	[AXVCPU_EXIT_IO] = "io",
	[AXVCPU_EXIT_MMIO] = "mmio",
	[AXVCPU_EXIT_FAULT] = "fault",
	[AXVCPU_EXIT_SHUTDOWN] = "shutdown",
	[AXVCPU_EXIT_ERROR] = "error",
};

static struct {
	unsigned int format;
	unsigned int levels;
	unsigned int pgsizes;
	uint64_t ram;
	uint64_t ro_gpa, ro_len;
	uint64_t unmap_gpa, unmap_len;
	long expect_pages;
	const char *expect_fault;
	bool mem64;
	bool close_space;
	unsigned int timeout;
} opt = {
	.format = AXAS_FORMAT_AMD_NPT,
	.levels = 4,
	.pgsizes = AXAS_PGSIZE_4K,
	.ram = 128ULL << 20,
	.expect_pages = -1,
	.timeout = 60,
};

static int as_fd;
static uint8_t *mem;
static uint8_t mmio_regs[MMIO_SIZE];
static char line[256];
static size_t line_len;
static char last_line[256];
static unsigned long exits[AXVCPU_EXIT_ERROR + 1];
/* The main thread's: 0 idle, 1 armed, 2 the thread runs, 3 joined. */
static int unmap_state;
static pthread_t unmap_thread;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void usage(void)
{
	fputs("axvmm [options] guest.bin\n"
	      "  --levels 4|5         NPT levels (must match the host's paging)\n"
	      "  --format npt|ept     the space's format (the vCPU takes npt)\n"
	      "  --pgsize 4k|2m       largest leaf the space may use (default 4k)\n"
	      "  --ram MIB            lazy guest RAM at GPA 0 (default 128)\n"
	      "  --ro GPA,LEN         map that range read-only; on the guest's\n"
	      "                       write, make it writable and resume\n"
	      "  --unmap GPA,LEN      after the guest's first output line, unmap\n"
	      "                       the range from another thread\n"
	      "  --close-space        after the guest's first output line, close\n"
	      "                       the space (munmap and close) from another\n"
	      "                       thread: the run must end with ENODEV\n"
	      "  --expect-fault NAME  end at a fault exit with that result\n"
	      "                       (no_area, permission, ...): success\n"
	      "  --expect-pages N     fail unless N data pages are populated\n"
	      "  --mem64              check mem64.S's sum against guest memory\n"
	      "  --timeout S          give up after S seconds (default 60)\n",
	      stderr);
	exit(2);
}

static uint64_t parse_num(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || (*end && *end != ','))
		usage();
	return v;
}

static void parse_range(const char *s, uint64_t *gpa, uint64_t *len)
{
	const char *comma = strchr(s, ',');

	if (!comma)
		usage();
	*gpa = parse_num(s);
	*len = parse_num(comma + 1);
}

static void parse_args(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "levels", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'F' },
		{ "pgsize", required_argument, NULL, 'p' },
		{ "ram", required_argument, NULL, 'r' },
		{ "ro", required_argument, NULL, 'o' },
		{ "unmap", required_argument, NULL, 'u' },
		{ "close-space", no_argument, NULL, 'c' },
		{ "expect-fault", required_argument, NULL, 'f' },
		{ "expect-pages", required_argument, NULL, 'n' },
		{ "mem64", no_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'l':
			opt.levels = parse_num(optarg);
			break;
		case 'F':
			if (!strcmp(optarg, "npt"))
				opt.format = AXAS_FORMAT_AMD_NPT;
			else if (!strcmp(optarg, "ept"))
				opt.format = AXAS_FORMAT_INTEL_EPT;
			else
				usage();
			break;
		case 'p':
			if (!strcmp(optarg, "4k"))
				opt.pgsizes = AXAS_PGSIZE_4K;
			else if (!strcmp(optarg, "2m"))
				opt.pgsizes = AXAS_PGSIZE_4K | AXAS_PGSIZE_2M;
			else
				usage();
			break;
		case 'r':
			opt.ram = parse_num(optarg) << 20;
			break;
		case 'o':
			parse_range(optarg, &opt.ro_gpa, &opt.ro_len);
			break;
		case 'u':
			parse_range(optarg, &opt.unmap_gpa, &opt.unmap_len);
			break;
		case 'c':
			opt.close_space = true;
			break;
		case 'f':
			opt.expect_fault = optarg;
			break;
		case 'n':
			opt.expect_pages = parse_num(optarg);
			break;
		case 'm':
			opt.mem64 = true;
			break;
		case 't':
			opt.timeout = parse_num(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
}

static void space_setup(void)
{
	int dev = open("/dev/axaddrspace", O_RDWR | O_CLOEXEC);
	struct axas_create c = {
		.size = sizeof(c),
		.format = opt.format,
		.levels = opt.levels,
		.pgsizes = opt.pgsizes,
		.base = 0,
		.length = SPACE_SIZE,
	};
	struct axas_map ram = {
		.size = sizeof(ram),
		.backend = AXAS_BACKEND_ALLOC,
		.prot = AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC,
		.mem = AXAS_MEM_WB,
		.gpa = 0,
		.length = opt.ram,
	};
	struct axas_map mmio = {
		.size = sizeof(mmio),
		.backend = AXAS_BACKEND_MMIO,
		.prot = AXAS_PROT_READ | AXAS_PROT_WRITE,
		.mem = AXAS_MEM_DEVICE,
		.gpa = GPA_MMIO,
		.length = MMIO_SIZE,
	};

	if (dev < 0)
		die("/dev/axaddrspace");
	if (ioctl(dev, AXAS_IOC_CREATE, &c))
		die("AXAS_IOC_CREATE");
	close(dev);
	as_fd = c.fd;
	if (ioctl(as_fd, AXAS_IOC_MAP, &ram))
		die("AXAS_IOC_MAP ram");
	if (ioctl(as_fd, AXAS_IOC_MAP, &mmio))
		die("AXAS_IOC_MAP mmio");
	if (opt.ro_len) {
		struct axas_protect p = {
			.size = sizeof(p),
			.prot = AXAS_PROT_READ | AXAS_PROT_EXEC,
			.mem = AXAS_MEM_WB,
			.gpa = opt.ro_gpa,
			.length = opt.ro_len,
		};

		if (ioctl(as_fd, AXAS_IOC_PROTECT, &p))
			die("AXAS_IOC_PROTECT ro");
	}
	mem = mmap(NULL, opt.ram, PROT_READ | PROT_WRITE, MAP_SHARED, as_fd, 0);
	if (mem == MAP_FAILED)
		die("mmap guest RAM");
}

/* Identity map of GiB 0 (RAM) and GiB 3 (the device), 2 MiB pages. */
static void guest_setup(const char *path)
{
	uint64_t *pml4 = (uint64_t *)(mem + GPA_PML4);
	uint64_t *pdpt = (uint64_t *)(mem + GPA_PDPT);
	uint64_t *pd0 = (uint64_t *)(mem + GPA_PD0);
	uint64_t *pd3 = (uint64_t *)(mem + GPA_PD3);
	FILE *f = fopen(path, "rb");
	size_t n;
	int i;

	if (!f)
		die(path);
	n = fread(mem + GPA_CODE, 1, opt.ram - GPA_CODE, f);
	if (!n || ferror(f))
		die("reading the guest");
	fclose(f);
	pml4[0] = GPA_PDPT | PTE_TABLE;
	pdpt[0] = GPA_PD0 | PTE_TABLE;
	pdpt[3] = GPA_PD3 | PTE_TABLE;
	for (i = 0; i < 512; i++) {
		pd0[i] = ((uint64_t)i << 21) | PTE_2M;
		pd3[i] = ((3ULL << 30) + ((uint64_t)i << 21)) | PTE_2M;
	}
	for (i = 0; i < (int)sizeof(mmio_regs); i++)
		mmio_regs[i] = (uint8_t)(i * 7 + 1);
	printf("guest: %zu bytes at 0x%llx\n", n, GPA_CODE);
}

static void serial_out(uint8_t c)
{
	if (c == '\n') {
		line[line_len] = 0;
		printf("guest: %s\n", line);
		fflush(stdout);
		memcpy(last_line, line, line_len + 1);
		line_len = 0;
		if (unmap_state == 0 && (opt.unmap_len || opt.close_space))
			unmap_state = 1;
		return;
	}
	if (line_len < sizeof(line) - 1)
		line[line_len++] = c;
}

static void *unmap_main(void *arg)
{
	struct axas_unmap u = {
		.size = sizeof(u),
		.gpa = opt.unmap_gpa,
		.length = opt.unmap_len,
	};

	(void)arg;
	usleep(200000);	/* let the guest run on the mapped range */
	if (opt.close_space) {
		/* The mapping holds the file too: the owner goes with both. */
		if (munmap(mem, opt.ram) || close(as_fd))
			die("closing the space");
		printf("vmm: closed the space from another thread while the guest runs\n");
		return NULL;
	}
	if (ioctl(as_fd, AXAS_IOC_UNMAP, &u))
		die("AXAS_IOC_UNMAP");
	printf("vmm: unmapped 0x%llx+0x%llx %s (%u invalidations)\n",
	       (unsigned long long)u.gpa, (unsigned long long)u.length,
	       "from another thread while the guest runs",
	       u.inval.invalidations);
	fflush(stdout);
	return NULL;
}

static int handle_io(struct axvcpu_svm_run *r)
{
	if (r->write && r->port == SERIAL) {
		serial_out(r->data);
		return 0;
	}
	if (!r->write && r->port == SERIAL + 5) {	/* line status */
		r->data = 0x60;				/* transmitter empty */
		return 0;
	}
	printf("vmm: io %s port 0x%x width %u data 0x%llx: no device\n",
	       r->write ? "out" : "in", r->port, r->width,
	       (unsigned long long)r->data);
	r->data = ~0ULL;
	return 0;
}

static int handle_mmio(struct axvcpu_svm_run *r)
{
	uint64_t off = r->gpa - GPA_MMIO, v = 0;

	if (r->gpa < GPA_MMIO || off + r->width > MMIO_SIZE) {
		printf("vmm: mmio outside the device at 0x%llx\n",
		       (unsigned long long)r->gpa);
		return -1;
	}
	if (r->write) {
		memcpy(&mmio_regs[off], &r->data, r->width);
		printf("mmio: write 0x%llx width %u data 0x%llx\n",
		       (unsigned long long)r->gpa, r->width,
		       (unsigned long long)r->data);
	} else {
		memcpy(&v, &mmio_regs[off], r->width);
		r->data = v;
		printf("mmio: read 0x%llx width %u -> 0x%llx\n",
		       (unsigned long long)r->gpa, r->width,
		       (unsigned long long)v);
	}
	return 0;
}

static const char *fault_name(unsigned int f)
{
	return f < AXAS_FAULT_NR && fault_names[f] ? fault_names[f] : "?";
}

/* 1: resume, 0: the expected end, -1: failure. */
static int handle_fault(struct axvcpu_svm_run *r)
{
	const char *name = fault_name(r->fault);

	printf("vmm: fault %s gpa 0x%llx access %s rip 0x%llx\n", name,
	       (unsigned long long)r->gpa,
	       r->access == AXAS_PROT_WRITE ? "write" :
	       r->access == AXAS_PROT_EXEC ? "exec" : "read",
	       (unsigned long long)r->regs.rip);
	if (r->fault == AXAS_FAULT_PERMISSION && opt.ro_len &&
	    r->gpa - opt.ro_gpa < opt.ro_len) {
		struct axas_protect p = {
			.size = sizeof(p),
			.prot = AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC,
			.mem = AXAS_MEM_WB,
			.gpa = opt.ro_gpa,
			.length = opt.ro_len,
		};

		if (ioctl(as_fd, AXAS_IOC_PROTECT, &p))
			die("AXAS_IOC_PROTECT rw");
		printf("vmm: made 0x%llx+0x%llx writable, resuming\n",
		       (unsigned long long)opt.ro_gpa,
		       (unsigned long long)opt.ro_len);
		opt.ro_len = 0;
		return 1;
	}
	if (opt.expect_fault && !strcmp(opt.expect_fault, name))
		return 0;
	return -1;
}

static uint64_t rol64(uint64_t v, unsigned int n)
{
	return v << n | v >> (64 - n);
}

/* mem64.S's pattern and sum, recomputed over the VMM's view of RAM. */
static int mem64_check(void)
{
	const uint64_t *q = (const uint64_t *)(mem + MEM64_BASE);
	uint64_t sum = 0, i, bad = 0;
	char want[32];

	for (i = 0; i < MEM64_SIZE / 8; i++) {
		uint64_t gpa = MEM64_BASE + i * 8;
		uint64_t pat = gpa * 0x9e3779b97f4a7c15ULL ^ gpa >> 7;

		if (q[i] != pat && bad++ < 4)
			printf("vmm: mem64: 0x%llx holds 0x%llx, not 0x%llx\n",
			       (unsigned long long)gpa,
			       (unsigned long long)q[i],
			       (unsigned long long)pat);
		sum = rol64(sum, 5) + q[i];
	}
	snprintf(want, sizeof(want), "sum %016llx", (unsigned long long)sum);
	printf("vmm: mem64: guest said \"%s\", guest memory gives \"%s\"%s\n",
	       last_line, want, bad ? ", pattern wrong" : "");
	return !bad && !strcmp(last_line, want) ? 0 : -1;
}

static void on_alarm(int sig)
{
	(void)sig;
	fprintf(stderr, "axvmm: timeout\n");
	_exit(3);
}

static int print_summary(const struct axvcpu_svm_bind *b)
{
	struct axas_stats st = { .size = sizeof(st) };
	unsigned int i;
	int ret = 0;

	if (ioctl(as_fd, AXAS_IOC_STATS, &st))
		die("AXAS_IOC_STATS");
	printf("summary: ncr3 0x%llx, %u-level NPT, leaves up to %s\n",
	       (unsigned long long)b->ncr3, b->levels,
	       opt.pgsizes & AXAS_PGSIZE_2M ? "2 MiB" : "4 KiB");
	printf("summary: exits");
	for (i = 1; i <= AXVCPU_EXIT_ERROR; i++)
		printf(" %s=%lu", exit_names[i], exits[i]);
	printf("\nsummary: faults");
	for (i = 1; i < AXAS_FAULT_NR; i++)
		printf(" %s=%llu", fault_names[i],
		       (unsigned long long)st.faults[i]);
	printf("\nsummary: pages populated %llu, table pages %llu, ",
	       (unsigned long long)st.data_pages,
	       (unsigned long long)st.table_pages);
	printf("leaves 4k=%llu 2m=%llu, invalidations %llu\n",
	       (unsigned long long)st.leaves[0],
	       (unsigned long long)st.leaves[1],
	       (unsigned long long)st.invalidations);
	if (opt.expect_pages >= 0 && st.data_pages != (uint64_t)opt.expect_pages) {
		printf("vmm: FAIL: %llu pages populated, expected %ld\n",
		       (unsigned long long)st.data_pages, opt.expect_pages);
		ret = -1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	struct axvcpu_svm_bind b = { .size = sizeof(b) };
	struct axvcpu_svm_run r = { .size = sizeof(r) };
	int vcpu, ret = -1, done = 0;

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
	alarm(opt.timeout);
	space_setup();
	guest_setup(argv[optind]);

	vcpu = open("/dev/axvcpu_svm", O_RDWR | O_CLOEXEC);
	if (vcpu < 0)
		die("/dev/axvcpu_svm");
	b.as_fd = as_fd;
	b.levels = opt.levels;
	if (ioctl(vcpu, AXVCPU_SVM_IOC_BIND, &b))
		die("AXVCPU_SVM_IOC_BIND");

	r.flags = AXVCPU_RUN_SET_REGS;
	r.regs.rip = GPA_CODE;
	r.regs.gpr[4] = GPA_STACK;
	r.regs.rflags = 2;
	r.regs.cr3 = GPA_PML4;
	while (!done) {
		if (ioctl(vcpu, AXVCPU_SVM_IOC_RUN, &r)) {
			if (errno == EINTR)
				continue;
			if (errno == ENODEV && opt.close_space &&
			    unmap_state == 2) {
				pthread_join(unmap_thread, NULL);
				printf("vmm: the run ended: the space is gone (ENODEV)\n");
				close(vcpu);
				printf("vmm: OK\n");
				return 0;
			}
			die("AXVCPU_SVM_IOC_RUN");
		}
		r.flags = 0;
		if (r.reason <= AXVCPU_EXIT_ERROR)
			exits[r.reason]++;
		switch (r.reason) {
		case AXVCPU_EXIT_HLT:
			printf("vmm: hlt at rip 0x%llx\n",
			       (unsigned long long)r.regs.rip);
			ret = opt.expect_fault ? -1 : 0;
			done = 1;
			break;
		case AXVCPU_EXIT_IO:
			if (handle_io(&r))
				done = 1;
			break;
		case AXVCPU_EXIT_MMIO:
			if (handle_mmio(&r))
				done = 1;
			break;
		case AXVCPU_EXIT_FAULT:
			/* The unmap's own report first: the order is fixed. */
			if (unmap_state == 2) {
				pthread_join(unmap_thread, NULL);
				unmap_state = 3;
			}
			ret = handle_fault(&r);
			if (ret <= 0)
				done = 1;
			break;
		case AXVCPU_EXIT_SHUTDOWN:
			printf("vmm: shutdown (triple fault) at rip 0x%llx\n",
			       (unsigned long long)r.regs.rip);
			done = 1;
			break;
		default:
			printf("vmm: error exit: code 0x%llx info1 0x%llx ",
			       (unsigned long long)r.code,
			       (unsigned long long)r.info1);
			printf("info2 0x%llx rip 0x%llx\n",
			       (unsigned long long)r.info2,
			       (unsigned long long)r.regs.rip);
			done = 1;
			break;
		}
		if (unmap_state == 1) {
			unmap_state = 2;
			if (pthread_create(&unmap_thread, NULL, unmap_main, NULL))
				die("pthread_create");
		}
	}
	if (unmap_state == 2)
		pthread_join(unmap_thread, NULL);
	if (!ret && opt.mem64)
		ret = mem64_check();
	if (print_summary(&b))
		ret = -1;
	printf("vmm: %s\n", ret ? "FAIL" : "OK");
	return ret ? 1 : 0;
}
