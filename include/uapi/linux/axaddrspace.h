/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * axaddrspace: second-stage address spaces for userspace VMMs.
 *
 * Userspace ABI of /dev/axaddrspace and of the address-space fds it
 * creates. Conventions (those of iommufd):
 *
 *  - Every ioctl argument starts with a __u32 size that userspace sets to
 *    sizeof() the structure it was built with. The kernel accepts shorter
 *    layouts down to the first released one and longer ones as long as the
 *    bytes it does not know are zero (E2BIG otherwise).
 *  - Fields marked "in" are read, "out" written, "in/out" both. Reserved
 *    fields and flags not listed must be zero.
 *  - Errors: ENOTTY unknown ioctl, E2BIG unknown non-zero trailing bytes,
 *    EOPNOTSUPP an unsupported flag or value, EINVAL a bad value, ENOENT
 *    nothing mapped there, EEXIST an overlap, EOVERFLOW arithmetic
 *    overflow, ERANGE outside the address space, ENOMEM, EPERM privilege,
 *    EFAULT a bad pointer, EMSGSIZE a buffer too small (the needed count is
 *    written back), EINTR a long operation interrupted by a fatal signal
 *    (the progress is written back), ENODEV the space was shut down.
 *  - A call that fails changes nothing unless its description says what
 *    it reports as done.
 *  - Host physical addresses are shown only to openers of /dev/axaddrspace
 *    with CAP_SYS_ADMIN; for others they read as 0 and the output carries
 *    AXAS_OUT_HPA_HIDDEN.
 */
#ifndef _UAPI_LINUX_AXADDRSPACE_H
#define _UAPI_LINUX_AXADDRSPACE_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Second-stage page-table formats. */
#define AXAS_FORMAT_INTEL_EPT	1
#define AXAS_FORMAT_AMD_NPT	2
#define AXAS_FORMAT_ARM_S2	3
#define AXAS_FORMAT_RISCV_G	4

/* Access permissions of a mapping (a bit mask). */
#define AXAS_PROT_READ		1
#define AXAS_PROT_WRITE		2
#define AXAS_PROT_EXEC		4

/* Memory types of a mapping. Device memory is never executable. */
#define AXAS_MEM_WB		0
#define AXAS_MEM_NC		1
#define AXAS_MEM_DEVICE		2

/* Area backends. */
#define AXAS_BACKEND_LINEAR	1	/* GPA -> HPA at a fixed offset */
#define AXAS_BACKEND_ALLOC	2	/* zeroed frames from the module */
#define AXAS_BACKEND_MMIO	3	/* never backed: device accesses */

/* Results of a nested page fault. */
#define AXAS_FAULT_MAPPED	1	/* a frame was mapped now */
#define AXAS_FAULT_SPURIOUS	2	/* already mapped and allowed */
#define AXAS_FAULT_MMIO		3	/* a device access: emulate it */
#define AXAS_FAULT_PERMISSION	4	/* the area forbids this access */
#define AXAS_FAULT_NO_AREA	5	/* no area at this address */
#define AXAS_FAULT_OUT_OF_RANGE	6	/* outside the address space */
#define AXAS_FAULT_NOMEM	7	/* no frame could be allocated */
#define AXAS_FAULT_INVALID	8	/* an entry the format cannot decode */
#define AXAS_FAULT_NR		9	/* one more than the largest result */

/* Leaf sizes (struct axas_create.pgsizes, struct axas_format_info). */
#define AXAS_PGSIZE_4K		(1U << 12)
#define AXAS_PGSIZE_2M		(1U << 21)
#define AXAS_PGSIZE_1G		(1U << 30)

/* Output flags shared by several ioctls. */
#define AXAS_OUT_HPA_HIDDEN	(1U << 0)	/* HPAs read as 0: no CAP_SYS_ADMIN */

/**
 * struct axas_inval_report - what a call had to invalidate (out).
 * @start: first guest-physical address whose translation changed.
 * @end: end, exclusive; @start == @end: nothing changed.
 * @flags: AXAS_INVAL_TABLES: a table page was unlinked, so paging-structure
 *	caches were invalidated too.
 * @invalidations: invalidation rounds sent to the space's consumers (each
 *	reaches every consumer) before anything was freed; 0 without
 *	consumers.
 *
 * The consumers have been told already; this is a report, not a request.
 */
struct axas_inval_report {
	__aligned_u64 start;
	__aligned_u64 end;
	__u32 flags;
	__u32 invalidations;
};

#define AXAS_INVAL_TABLES	(1U << 0)

/* ---------------------------------------------- ioctls of /dev/axaddrspace */

/* Configuration flags (struct axas_create.cfg_flags, axas_format_info). */
#define AXAS_CFG_EPT_AD		(1U << 0)	/* EPT: accessed/dirty flags */
#define AXAS_CFG_SVPBMT		(1U << 1)	/* RISC-V: the hart has Svpbmt */

/**
 * struct axas_format_info - what the module supports for one format (out)
 * @format: AXAS_FORMAT_*.
 * @levels: bit n set: tables with n levels are supported.
 * @min_ias_bits: smallest input (guest-physical) address size.
 * @max_ias_bits: largest input address size.
 * @max_oas_bits: largest output (host-physical) address size.
 * @pgsizes: AXAS_PGSIZE_* leaf sizes the format can use (with enough
 *	levels).
 * @cfg_flags: AXAS_CFG_* flags valid for this format.
 * @mem_types: bit n set: AXAS_MEM_n can be mapped (some need a cfg flag).
 */
struct axas_format_info {
	__u32 format;
	__u32 levels;
	__u32 min_ias_bits;
	__u32 max_ias_bits;
	__u32 max_oas_bits;
	__u32 pgsizes;
	__u32 cfg_flags;
	__u32 mem_types;
};

/* Capabilities (struct axas_info.caps). */
#define AXAS_CAP_MMAP		(1U << 0)	/* guest memory can be mmap()ed */
#define AXAS_CAP_HPA		(1U << 1)	/* this opener sees host addresses */
/* linear maps allowed: CAP_SYS_RAWIO and no kernel lockdown */
#define AXAS_CAP_LINEAR		(1U << 2)

/**
 * struct axas_info - argument of AXAS_IOC_GET_INFO
 * @size: in, sizeof(struct axas_info).
 * @flags: in, must be 0.
 * @num_formats: in, entries @formats can hold; out, supported formats.
 * @format_len: in, sizeof(struct axas_format_info) as userspace knows it;
 *	each entry is written with min(@format_len, the kernel's size).
 * @formats: in, user pointer to @num_formats entries of @format_len bytes.
 * @caps: out, AXAS_CAP_*.
 * @map_flags: out, the AXAS_MAP_* flags this kernel knows.
 * @create_flags: out, the AXAS_CREATE_* flags this kernel knows.
 * @dump_entry_len: out, sizeof(struct axas_dump_entry) of this kernel.
 * @__reserved: must be 0.
 *
 * With an in @num_formats of 0 only the counts are returned. If @formats
 * is too small nothing is written to it and the call fails with EMSGSIZE,
 * with @num_formats set to what is needed.
 */
struct axas_info {
	__u32 size;
	__u32 flags;
	__u32 num_formats;
	__u32 format_len;
	__aligned_u64 formats;
	__u32 caps;
	__u32 map_flags;
	__u32 create_flags;
	__u32 dump_entry_len;
	__aligned_u64 __reserved[2];
};

/* No create flags yet; room for e.g. dirty logging. */
#define AXAS_CREATE_FLAGS	0U

/**
 * struct axas_create - argument of AXAS_IOC_CREATE
 * @size: in, sizeof(struct axas_create).
 * @flags: in, must be 0.
 * @format: in, AXAS_FORMAT_*.
 * @cfg_flags: in, AXAS_CFG_* valid for @format.
 * @levels: in, number of levels, or 0 to derive it from @ias_bits.
 * @ias_bits: in, input address bits, or 0 to derive them from @levels.
 * @oas_bits: in, output address bits, or 0 for the format's maximum.
 * @pgsizes: in, AXAS_PGSIZE_* leaf sizes the space may use; 4 KiB is
 *	required; 0 means every size the format and levels allow.
 * @base: in, first guest-physical address managed, 4 KiB aligned.
 * @length: in, bytes managed, 4 KiB aligned, non-zero.
 * @max_data_pages: in, most 4 KiB data pages the space may allocate for
 *	alloc areas, 0 for no limit of its own (memcg still applies).
 * @max_table_pages: in, most page-table pages, the root included, 0 for
 *	no limit of its own.
 * @fd: out, the new address-space fd (O_CLOEXEC).
 * @__reserved: must be 0.
 */
struct axas_create {
	__u32 size;
	__u32 flags;
	__u32 format;
	__u32 cfg_flags;
	__u32 levels;
	__u32 ias_bits;
	__u32 oas_bits;
	__u32 pgsizes;
	__aligned_u64 base;
	__aligned_u64 length;
	__aligned_u64 max_data_pages;
	__aligned_u64 max_table_pages;
	__s32 fd;
	__u32 __reserved;
};

/* -------------------------------------------- ioctls of an address-space fd */

/* struct axas_map.flags */
#define AXAS_MAP_POPULATE	(1U << 0)	/* alloc: allocate every frame now */
#define AXAS_MAP_FLAGS		AXAS_MAP_POPULATE

/**
 * struct axas_map - argument of AXAS_IOC_MAP.
 * @size: in, sizeof(struct axas_map).
 * @flags: in, AXAS_MAP_*.
 * @backend: in, AXAS_BACKEND_*.
 * @prot: in, AXAS_PROT_*, at least one.
 * @mem: in, AXAS_MEM_*.
 * @__reserved: must be 0.
 * @gpa: in, first guest-physical address, 4 KiB aligned.
 * @length: in, bytes, 4 KiB aligned, non-zero.
 * @hpa: in, linear: the host-physical address of @gpa; otherwise 0.
 * @inval: out, what had to be invalidated (a new area can only replace
 *	empty tables).
 *
 * Linear maps need CAP_SYS_RAWIO (of the opener), are refused under kernel
 * lockdown and accept only host ranges inside a registered memory resource
 * that are neither RAM nor claimed exclusively by a driver.
 */
struct axas_map {
	__u32 size;
	__u32 flags;
	__u32 backend;
	__u32 prot;
	__u32 mem;
	__u32 __reserved;
	__aligned_u64 gpa;
	__aligned_u64 length;
	__aligned_u64 hpa;
	struct axas_inval_report inval;
};

/**
 * struct axas_unmap - argument of AXAS_IOC_UNMAP.
 * @size: in, sizeof(struct axas_unmap).
 * @flags: in, must be 0.
 * @gpa: in, first address, 4 KiB aligned.
 * @length: in, bytes, 4 KiB aligned; every page of the range must be in
 *	some area (ENOENT otherwise). Parts of areas may be unmapped.
 * @done: out, bytes unmapped from @gpa on: @length on success, the
 *	progress with EINTR, 0 on any other error.
 * @inval: out, what had to be invalidated (also with EINTR).
 */
struct axas_unmap {
	__u32 size;
	__u32 flags;
	__aligned_u64 gpa;
	__aligned_u64 length;
	__aligned_u64 done;
	struct axas_inval_report inval;
};

/**
 * struct axas_protect - argument of AXAS_IOC_PROTECT.
 * @size: in, sizeof(struct axas_protect).
 * @flags: in, must be 0.
 * @prot: in, the new AXAS_PROT_*, at least one.
 * @mem: in, the new AXAS_MEM_*.
 * @gpa: in, first address, 4 KiB aligned.
 * @length: in, bytes, 4 KiB aligned; every page must be in an area.
 * @done: out, as for AXAS_IOC_UNMAP.
 * @inval: out, what had to be invalidated.
 */
struct axas_protect {
	__u32 size;
	__u32 flags;
	__u32 prot;
	__u32 mem;
	__aligned_u64 gpa;
	__aligned_u64 length;
	__aligned_u64 done;
	struct axas_inval_report inval;
};

/**
 * struct axas_map_entry - one area of AXAS_IOC_MAP_VEC; the fields mean
 *	what they mean in struct axas_map.
 * @gpa: first guest-physical address, 4 KiB aligned.
 * @length: bytes, 4 KiB aligned, non-zero.
 * @hpa: linear: the host-physical address of @gpa; otherwise 0.
 * @flags: AXAS_MAP_*.
 * @backend: AXAS_BACKEND_*.
 * @prot: AXAS_PROT_*, at least one.
 * @mem: AXAS_MEM_*.
 */
struct axas_map_entry {
	__aligned_u64 gpa;
	__aligned_u64 length;
	__aligned_u64 hpa;
	__u32 flags;
	__u32 backend;
	__u32 prot;
	__u32 mem;
};

/**
 * struct axas_unmap_entry - one range of AXAS_IOC_UNMAP_VEC.
 * @gpa: first address, 4 KiB aligned.
 * @length: bytes, 4 KiB aligned; every page must be in some area.
 */
struct axas_unmap_entry {
	__aligned_u64 gpa;
	__aligned_u64 length;
};

/**
 * struct axas_protect_entry - one range of AXAS_IOC_PROTECT_VEC.
 * @gpa: first address, 4 KiB aligned.
 * @length: bytes, 4 KiB aligned; every page must be in some area.
 * @flags: must be 0.
 * @prot: the new AXAS_PROT_*, at least one.
 * @mem: the new AXAS_MEM_*.
 * @__reserved: must be 0.
 */
struct axas_protect_entry {
	__aligned_u64 gpa;
	__aligned_u64 length;
	__u32 flags;
	__u32 prot;
	__u32 mem;
	__u32 __reserved;
};

/**
 * struct axas_vec - argument of AXAS_IOC_MAP_VEC, AXAS_IOC_UNMAP_VEC and
 *	AXAS_IOC_PROTECT_VEC: many ranges under one lock and one
 *	invalidation gather.
 * @size: in, sizeof(struct axas_vec).
 * @flags: in, must be 0.
 * @entry_len: in, the size of one entry as userspace knows it (struct
 *	axas_map_entry, axas_unmap_entry or axas_protect_entry; bytes past
 *	the kernel's size must be zero).
 * @entry_num: in, number of entries (at most AXAS_VEC_MAX); out, entries
 *	done completely.
 * @entries: in, user pointer to @entry_num entries of @entry_len bytes.
 * @partial: out, bytes done of entry @entry_num when it stopped inside it.
 * @inval: out, what had to be invalidated, over all entries.
 *
 * Every entry is read and checked (against the space as it is at the
 * call) before anything changes; a bad one fails the call with nothing
 * done and @entry_num 0. A map vector is all or nothing. Unmap and protect
 * vectors stop at an allocation failure (ENOMEM) or a fatal signal
 * (EINTR, at an entry boundary or inside a long entry at a 2 MiB
 * boundary); what was done before stays done and is reported.
 */
struct axas_vec {
	__u32 size;
	__u32 flags;
	__u32 entry_len;
	__u32 entry_num;
	__aligned_u64 entries;
	__aligned_u64 partial;
	struct axas_inval_report inval;
};

#define AXAS_VEC_MAX		4096

/* struct axas_translation.flags */
#define AXAS_XLATE_VALID	(1U << 0)	/* the address is mapped */

/**
 * struct axas_translation - one translated address (out), 16 bytes: a
 *	batch's results are an array parallel to its addresses.
 * @hpa: the host-physical address the guest-physical one translates to
 *	(0 without AXAS_XLATE_VALID or with AXAS_OUT_HPA_HIDDEN).
 * @page_shift: log2 of the size of the entry that maps it (12, 21 or 30;
 *	0 without AXAS_XLATE_VALID).
 * @flags: AXAS_XLATE_*.
 * @prot: the entry's AXAS_PROT_*.
 * @mem: its AXAS_MEM_*.
 * @__reserved: 0.
 */
struct axas_translation {
	__aligned_u64 hpa;
	__u8 page_shift;
	__u8 flags;
	__u8 prot;
	__u8 mem;
	__u32 __reserved;
};

/**
 * struct axas_translate - argument of AXAS_IOC_TRANSLATE
 * @size: in, sizeof(struct axas_translate).
 * @flags: in, must be 0.
 * @num: in, number of addresses (at most AXAS_TRANSLATE_MAX); out, number
 *	of valid translations.
 * @out_flags: out, AXAS_OUT_*.
 * @gpas: in, user pointer to @num __u64 guest-physical addresses.
 * @results: in, user pointer to @num struct axas_translation.
 *
 * Lockless: translations reflect the table at some moment during the call.
 * An address that is not mapped is not an error (its result has no
 * AXAS_XLATE_VALID); one outside the space fails the call with ERANGE.
 */
struct axas_translate {
	__u32 size;
	__u32 flags;
	__u32 num;
	__u32 out_flags;
	__aligned_u64 gpas;
	__aligned_u64 results;
};

#define AXAS_TRANSLATE_MAX	65536

/**
 * struct axas_fault - argument of AXAS_IOC_FAULT: handle a nested page
 *	fault as a vCPU runner would.
 * @size: in, sizeof(struct axas_fault).
 * @flags: in, must be 0.
 * @access: in, AXAS_PROT_* of the access, exactly one bit.
 * @result: out, AXAS_FAULT_*; the only error channel for the fault itself
 *	(the call fails only for bad arguments).
 * @gpa: in, the faulting guest-physical address.
 * @hpa: out, MAPPED, SPURIOUS: the host address of @gpa.
 * @level: out, MAPPED, SPURIOUS: 0 (4 KiB), 1 (2 MiB) or 2 (1 GiB).
 * @out_flags: out, AXAS_OUT_* and AXAS_FAULT_F_*.
 * @area_start: out, the area of @gpa (MMIO, PERMISSION, MAPPED, SPURIOUS).
 * @area_length: out, its length.
 * @area_backend: out, its AXAS_BACKEND_*.
 * @area_prot: out, its AXAS_PROT_*.
 * @area_mem: out, its AXAS_MEM_*.
 * @__reserved: must be 0.
 */
struct axas_fault {
	__u32 size;
	__u32 flags;
	__u32 access;
	__u32 result;
	__aligned_u64 gpa;
	__aligned_u64 hpa;
	__u32 level;
	__u32 out_flags;
	__aligned_u64 area_start;
	__aligned_u64 area_length;
	__u32 area_backend;
	__u32 area_prot;
	__u32 area_mem;
	__u32 __reserved;
};

/*
 * struct axas_fault.out_flags: a SPURIOUS fault on hardware that may cache
 * a translation that faulted: invalidate this GPA on the faulting CPU.
 */
#define AXAS_FAULT_F_FLUSH_LOCAL	(1U << 16)

/**
 * struct axas_rw - argument of AXAS_IOC_READ and AXAS_IOC_WRITE
 * @size: in, sizeof(struct axas_rw).
 * @flags: in, must be 0.
 * @gpa: in, first guest-physical byte (any alignment).
 * @length: in, bytes, at most AXAS_RW_MAX.
 * @buf: in, user pointer to @length bytes.
 * @done: out, bytes copied, also on error.
 *
 * Reading an unpopulated lazy page gives zeros; writing populates it.
 * MMIO, holes and the outside of the space stop the copy with EFAULT.
 */
struct axas_rw {
	__u32 size;
	__u32 flags;
	__aligned_u64 gpa;
	__aligned_u64 length;
	__aligned_u64 buf;
	__aligned_u64 done;
};

#define AXAS_RW_MAX		(1ULL << 30)

/**
 * struct axas_root - argument of AXAS_IOC_ROOT: the root register values
 *	a consumer loads into the hardware.
 * @size: in, sizeof(struct axas_root).
 * @flags: in, must be 0.
 * @format: out, AXAS_FORMAT_*.
 * @out_flags: out, AXAS_OUT_*.
 * @value: out, EPTP, nCR3, VTTBR_EL2 (VMID 0) or hgatp (VMID 0).
 * @vtcr: out, Arm only: VTCR_EL2 fields that go with @value (no address:
 *	shown to every opener).
 * @levels: out, number of levels.
 * @ias_bits: out, input address bits.
 * @oas_bits: out, output address bits.
 * @pgsizes: out, the AXAS_PGSIZE_* the space uses.
 * @base: out, first guest-physical address managed.
 * @length: out, bytes managed.
 */
struct axas_root {
	__u32 size;
	__u32 flags;
	__u32 format;
	__u32 out_flags;
	__aligned_u64 value;
	__aligned_u64 vtcr;
	__u32 levels;
	__u32 ias_bits;
	__u32 oas_bits;
	__u32 pgsizes;
	__aligned_u64 base;
	__aligned_u64 length;
};

/**
 * struct axas_stats - argument of AXAS_IOC_STATS: everything counted.
 * @size: in, sizeof(struct axas_stats).
 * @flags: in, must be 0.
 * @data_pages: out, 4 KiB data pages held by alloc areas.
 * @table_pages: out, page-table pages, the root included.
 * @leaves: out, leaf entries by level: 4 KiB, 2 MiB, 1 GiB.
 * @areas: out, areas.
 * @consumers: out, attached in-kernel consumers.
 * @faults: out, faults handled, indexed by AXAS_FAULT_* (index 0 unused).
 * @invalidations: out, invalidation rounds sent to consumers.
 * @invalidations_all: out, of which for everything.
 * @max_data_pages: out, the limit set at creation (0: none).
 * @max_table_pages: out, the same for table pages.
 */
struct axas_stats {
	__u32 size;
	__u32 flags;
	__aligned_u64 data_pages;
	__aligned_u64 table_pages;
	__aligned_u64 leaves[3];
	__aligned_u64 areas;
	__aligned_u64 consumers;
	__aligned_u64 faults[16];
	__aligned_u64 invalidations;
	__aligned_u64 invalidations_all;
	__aligned_u64 max_data_pages;
	__aligned_u64 max_table_pages;
};

/* struct axas_dump_entry.flags */
#define AXAS_DUMP_LEAF		(1U << 0)	/* a leaf, not a table pointer */

/**
 * struct axas_dump_entry - one present entry of the table (out).
 * @gpa: the first guest-physical address the entry covers.
 * @raw: the raw entry; with AXAS_OUT_HPA_HIDDEN its output-address bits
 *	read as 0.
 * @table: the host-physical address of the table page holding the entry
 *	(0 with AXAS_OUT_HPA_HIDDEN).
 * @level: 0 maps 4 KiB, 1 2 MiB, 2 1 GiB; the root is levels - 1.
 * @flags: AXAS_DUMP_*.
 */
struct axas_dump_entry {
	__aligned_u64 gpa;
	__aligned_u64 raw;
	__aligned_u64 table;
	__u32 level;
	__u32 flags;
};

/**
 * struct axas_dump - argument of AXAS_IOC_DUMP: the present entries that
 *	cover part of [@gpa, @end), in walk order (a table entry before what
 *	it points to, so the first call starts with the root entry covering
 *	@gpa), a bufferful per call.
 * @size: in, sizeof(struct axas_dump).
 * @flags: in, must be 0.
 * @entry_len: in, sizeof(struct axas_dump_entry) as userspace knows it.
 * @num: in, entries @entries can hold (at least 1); out, entries written.
 * @gpa: in/out, the cursor: set it to the start of the range and @level to
 *	0xffffffff for the first call; leave both as the previous call left
 *	them for the next one. Out: @end when the dump is complete.
 * @end: in, end of the range, exclusive.
 * @level: in/out, the cursor's level: 0xffffffff for a first call;
 *	otherwise entries before @gpa, and those at @gpa above this level,
 *	were returned already.
 * @out_flags: out, AXAS_OUT_*.
 * @entries: in, user pointer to @num entries of @entry_len bytes.
 *
 * The table may change between calls; each call reports what it sees. No
 * lock is held between calls.
 */
struct axas_dump {
	__u32 size;
	__u32 flags;
	__u32 entry_len;
	__u32 num;
	__aligned_u64 gpa;
	__aligned_u64 end;
	__u32 level;
	__u32 out_flags;
	__aligned_u64 entries;
};

#define AXAS_IOC_MAGIC		0xE1

enum {
	AXAS_CMD_GET_INFO = 0x00,
	AXAS_CMD_CREATE,
	AXAS_CMD_MAP = 0x10,
	AXAS_CMD_UNMAP,
	AXAS_CMD_PROTECT,
	AXAS_CMD_MAP_VEC,
	AXAS_CMD_UNMAP_VEC,
	AXAS_CMD_PROTECT_VEC,
	AXAS_CMD_TRANSLATE,
	AXAS_CMD_FAULT,
	AXAS_CMD_READ,
	AXAS_CMD_WRITE,
	AXAS_CMD_ROOT,
	AXAS_CMD_STATS,
	AXAS_CMD_DUMP,
};

/* On /dev/axaddrspace. */
#define AXAS_IOC_GET_INFO	_IO(AXAS_IOC_MAGIC, AXAS_CMD_GET_INFO)
#define AXAS_IOC_CREATE		_IO(AXAS_IOC_MAGIC, AXAS_CMD_CREATE)
/* On an address-space fd. */
#define AXAS_IOC_MAP		_IO(AXAS_IOC_MAGIC, AXAS_CMD_MAP)
#define AXAS_IOC_UNMAP		_IO(AXAS_IOC_MAGIC, AXAS_CMD_UNMAP)
#define AXAS_IOC_PROTECT	_IO(AXAS_IOC_MAGIC, AXAS_CMD_PROTECT)
#define AXAS_IOC_MAP_VEC	_IO(AXAS_IOC_MAGIC, AXAS_CMD_MAP_VEC)
#define AXAS_IOC_UNMAP_VEC	_IO(AXAS_IOC_MAGIC, AXAS_CMD_UNMAP_VEC)
#define AXAS_IOC_PROTECT_VEC	_IO(AXAS_IOC_MAGIC, AXAS_CMD_PROTECT_VEC)
#define AXAS_IOC_TRANSLATE	_IO(AXAS_IOC_MAGIC, AXAS_CMD_TRANSLATE)
#define AXAS_IOC_FAULT		_IO(AXAS_IOC_MAGIC, AXAS_CMD_FAULT)
#define AXAS_IOC_READ		_IO(AXAS_IOC_MAGIC, AXAS_CMD_READ)
#define AXAS_IOC_WRITE		_IO(AXAS_IOC_MAGIC, AXAS_CMD_WRITE)
#define AXAS_IOC_ROOT		_IO(AXAS_IOC_MAGIC, AXAS_CMD_ROOT)
#define AXAS_IOC_STATS		_IO(AXAS_IOC_MAGIC, AXAS_CMD_STATS)
#define AXAS_IOC_DUMP		_IO(AXAS_IOC_MAGIC, AXAS_CMD_DUMP)

#endif /* _UAPI_LINUX_AXADDRSPACE_H */
