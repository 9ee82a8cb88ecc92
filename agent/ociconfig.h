/* ociconfig.h - the OCI runtime config (config.json) of one container of a
 * pod, built with Kubernetes' semantics (kubelet plus containerd's CRI):
 *
 *   process.args	command overrides the image's Entrypoint, args its
 *			Cmd (args alone keep the Entrypoint); $(VAR) is
 *			expanded from the container's env, $$ gives $.
 *   process.env	the image's Env, then in->env (a later K replaces an
 *			earlier one in place); PATH and HOSTNAME added when
 *			absent.
 *   process.cwd	workingDir, else the image's WorkingDir, else "/".
 *   process.user	runAsUser / runAsGroup (container's securityContext
 *			wins over the pod's), else the image's User
 *			("uid[:gid]" or names looked up in the rootfs'
 *			/etc/passwd and /etc/group); additionalGids =
 *			supplementalGroups plus fsGroup (fsGroup does not
 *			chown volumes here).  runAsNonRoot fails (Forbidden)
 *			on uid 0 or an image user name that is not numeric
 *			when runAsUser is not set.
 *   capabilities	Docker's default set, drop (ALL clears it) then add
 *			(ALL gives every capability); privileged: all.
 *   noNewPrivileges	true when allowPrivilegeEscalation is false (as
 *			kubelet: it defaults to true), never when
 *			privileged.
 *   seccomp		seccompProfile (container wins over pod):
 *			RuntimeDefault when unset, Localhost, Unconfined;
 *			none when privileged.
 *   masked/readonly paths as containerd's defaults, none when privileged.
 *   root.readonly	readOnlyRootFilesystem.
 *   resources		limits.memory -> memory.limit; limits.cpu -> cpu
 *			quota (period 100000, min 1000); requests.cpu (else
 *			limits.cpu) -> shares = milli*1024/1000, min 2 (2
 *			when neither); pids.limit = pids_limit (4096 when 0).
 *			Device cgroup: containerd's default allowlist;
 *			privileged: every device allowed in the cgroup, but
 *			/dev stays the small default set (host devices are
 *			not copied in).
 *   namespaces	a new pid and mount namespace; net, ipc and uts joined
 *			from sandbox_dir/{net,ipc,uts} (new ones when
 *			sandbox_dir is NULL; no net namespace with
 *			host_network).  shareProcessNamespace is not
 *			supported.
 *   mounts		/proc, /dev (tmpfs), /dev/pts, /dev/shm, /dev/mqueue,
 *			/sys (ro unless privileged), /sys/fs/cgroup (ro),
 *			then in->mounts; a caller mount replaces a default one
 *			with the same destination (e.g. the pod's /dev/shm,
 *			/etc/hosts, /etc/hostname, /etc/resolv.conf).
 */
#ifndef KUBEC_AGENT_OCICONFIG_H
#define KUBEC_AGENT_OCICONFIG_H

#include <stdint.h>

#include <jansson.h>

#include "../lib/err.h"

struct oci_input {
	const json_t	*pod;		/* the Pod object as the API serves it */
	const json_t	*container;	/* an entry of spec.(init)containers */
	const json_t	*image_config;	/* {Env, Entrypoint, Cmd, WorkingDir,
					 * User} (image config's "config");
					 * may be NULL */
	const char	*rootfs;	/* absolute path of the root fs */
	const char	*sandbox_dir;	/* holds net, ipc, uts ns files; NULL:
					 * new namespaces */
	int		 host_network;	/* no network namespace */
	const json_t	*env;		/* ["K=V", ...], resolved by the caller;
					 * may be NULL */
	const json_t	*mounts;	/* [{destination, source, readonly,
					 * type ("bind" default, "tmpfs", ...),
					 * options: [..] (optional)}] */
	const char	*cgroups_path;	/* e.g. "<pod cgroup>/<container id>" */
	const char	*hostname;	/* set when sandbox_dir is NULL */
	const char	*seccomp_root;	/* root of Localhost profiles */
	int64_t		 pids_limit;	/* 0: 4096; < 0: unlimited */
};

/*
 * The config (a new reference), or NULL with err set: ERR_BAD_REQUEST for
 * a bad spec (bad quantity, no command, bad user, Localhost profile not
 * found), ERR_FORBIDDEN for runAsNonRoot violations.
 */
json_t	*ociconfig_build(const struct oci_input *in, struct err *err);

/*
 * Kubernetes' $(VAR) expansion of s with env ["K=V", ...]: $(K) becomes
 * V when K is defined and stays as written otherwise; $$ becomes $.  The
 * result is a new string (caller frees), NULL when out of memory.
 */
char	*ociconfig_expand(const char *s, const json_t *env);

#endif
