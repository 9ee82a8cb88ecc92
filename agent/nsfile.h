/* nsfile.h - persistent namespaces of a pod sandbox: DIR/net, DIR/ipc and
 * DIR/uts are nsfs bind mounts (as `ip netns add` makes them) that keep
 * the namespaces alive with no process in them; containers join them by
 * path (OCI linux.namespaces[].path).
 *
 * The namespaces are made by the calling thread itself (unshare, then
 * setns back), so no helper process is needed and the functions may be
 * called from any thread.  The bind mounts live in the caller's mount
 * namespace (for the agent: its private one, see cgroups_enter_ns()).
 */
#ifndef KUBEC_AGENT_NSFILE_H
#define KUBEC_AGENT_NSFILE_H

#include "../lib/err.h"

/*
 * Creates dir (0700) and the namespace files dir/net, dir/ipc, dir/uts.
 * The UTS namespace's hostname is set to hostname; the network namespace
 * has only lo, down (CNI configures it).  On failure, whatever was made
 * is undone.
 */
int	nsfile_sandbox_create(const char *dir, const char *hostname,
	    struct err *err);
/* Unmounts and unlinks the three files, then removes dir; missing files
 * are not an error. */
int	nsfile_sandbox_destroy(const char *dir, struct err *err);
/* 1 when path is a live nsfs mount (a namespace file), else 0. */
int	nsfile_is_ns(const char *path);

#endif
