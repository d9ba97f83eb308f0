/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axasctl: decoders of second-stage page-table entries and root registers,
 * written from the architecture manuals (Intel SDM vol. 3C "EPT", AMD APM
 * vol. 2 "Nested Paging" and long-mode paging, Arm ARM D8 "VMSAv8-64
 * translation table format" stage 2 with the 4 KiB granule, RISC-V
 * privileged spec "Hypervisor extension, two-stage address translation"),
 * independently of the module's encoders, and the software walker that
 * checks a dump with them.
 */
#ifndef AXASCTL_DECODE_H
#define AXASCTL_DECODE_H

#include "axasctl.h"

/* What the walker knows of a space. */
struct space_fmt {
	u32 format;
	u32 levels;
	u32 ias_bits;
	u32 oas_bits;
	u32 pgsizes;		/* AXAS_PGSIZE_*; 0: all */
	u32 cfg_flags;		/* AXAS_CFG_*, if known */
	bool cfg_known;		/* cfg_flags is what the space was made with */
	bool hpa_hidden;	/* output addresses read as 0 */
	u64 root_addr;		/* the root table, if !hpa_hidden */
};

enum ent_kind {
	ENT_NONE,		/* not present */
	ENT_TABLE,
	ENT_LEAF,
};

struct ent_info {
	enum ent_kind kind;
	u64 addr;		/* output address (table or frame) */
	u32 prot;		/* leaves: AXAS_PROT_* */
	u32 mem;		/* leaves: AXAS_MEM_* */
	bool accessed;
	bool dirty;
	char bits[96];		/* the decoded fields, for people */
	const char *invalid;	/* why the entry cannot be explained */
};

/* Page size of an entry at @level (0: 4 KiB). */
static inline u64 level_size(unsigned int level)
{
	return 1ULL << (12 + 9 * level);
}

/* Decodes @raw at @level of a table of @f. Returns false if invalid. */
bool decode_entry(const struct space_fmt *f, unsigned int level, u64 raw,
		  struct ent_info *e);

/* The root register(s), decoded. */
struct root_info {
	u64 table;		/* root table address */
	u32 levels;		/* from the register; 0 if it does not say */
	u32 ias_bits;		/* 0 if the register does not say */
	u32 oas_bits;		/* 0 if the register does not say */
	u32 root_pages;		/* table pages of the root */
	char fields[160];	/* for people */
	const char *invalid;	/* an inconsistency */
};

bool decode_root(const struct axas_root *r, struct root_info *ri);
/* Number of 4 KiB pages of the root table of @f. */
u32 root_pages(const struct space_fmt *f);

/* One problem the walker found. */
struct check_report {
	size_t index;		/* entry index, or (size_t)-1 for the space */
	u64 gpa;
	u32 level;
	bool warning;		/* explainable but unexpected */
	char msg[160];
};

typedef void (*check_report_fn)(void *arg, const struct check_report *r);

/*
 * Walks the dump @ents[0..@n) of [@start, @end) as the hardware would:
 * every entry is decoded at its level, must be where a walk from the root
 * reaches it (a parent table entry covering it, in its table page when
 * host addresses are shown), in walk order, of an allowed size, and agree
 * with the kernel's leaf flag. A dump that starts inside a table entry's
 * range does not hold that entry (AXAS_IOC_DUMP sends what starts in the
 * range): entries below it are taken as reached. Returns the number of
 * problems (warnings not counted); each is passed to @fn.
 */
unsigned int check_dump(const struct space_fmt *f,
			const struct axas_dump_entry *ents, size_t n,
			u64 start, u64 end, check_report_fn fn, void *arg);

#endif /* AXASCTL_DECODE_H */
