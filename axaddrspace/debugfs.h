/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axaddrspace: debugfs. The module's directory /sys/kernel/debug/axaddrspace
 * (fail_nth of test builds lives there too) and, below it, one directory
 * per address-space fd, <pid>-<fd>, with the files summary and dump
 * (Documentation/observability.rst). As everywhere in debugfs, a failure
 * to create something is not an error: the space works without it.
 */
#ifndef _AXADDRSPACE_DEBUGFS_H
#define _AXADDRSPACE_DEBUGFS_H

struct axas_space;
struct dentry;

void axas_debugfs_init(void);
void axas_debugfs_exit(void);
struct dentry *axas_debugfs_root(void);
void axas_debugfs_space_add(struct axas_space *s, int fd);
void axas_debugfs_space_remove(struct axas_space *s);

#endif /* _AXADDRSPACE_DEBUGFS_H */
