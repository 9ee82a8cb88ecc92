/* seccomp.h - seccomp profiles of containers as OCI linux.seccomp objects:
 * RuntimeDefault (a Docker-style allowlist), Localhost (a profile file
 * under the agent's seccomp profile root) and Unconfined (none).
 */
#ifndef KUBEC_AGENT_SECCOMP_H
#define KUBEC_AGENT_SECCOMP_H

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/err.h"

/*
 * The RuntimeDefault profile (a new reference): defaultAction
 * SCMP_ACT_ERRNO (EPERM), the x86_64 names of the syscalls Docker's
 * default profile allows to a container with Docker's default
 * capabilities; clone only without namespace flags, clone3 ENOSYS (so
 * that libc falls back to clone).  unshare, setns, mount, umount2,
 * pivot_root, keyctl, add_key, request_key, ptrace, kexec_load, bpf,
 * perf_event_open, init_module, reboot, swapon, ... are denied: the
 * syscalls Docker allows only with extra capabilities are not allowed
 * even when such capabilities are added (privileged containers run
 * Unconfined).  Names are listed for x86_64 only, so 32-bit (x86, x32)
 * programs lose their *32 variants.
 */
json_t	*seccomp_runtime_default(void);

/* The syscall names of RuntimeDefault's allowlist, NULL-terminated. */
const char *const *seccomp_default_names(void);

/*
 * Checks with libseccomp that every name in RuntimeDefault resolves on
 * x86_64; the message names the first that does not.
 */
int	 seccomp_check_names(struct err *err);

/*
 * The linux.seccomp object for a Kubernetes seccompProfile object
 * ({"type": "RuntimeDefault"|"Localhost"|"Unconfined",
 * "localhostProfile": "rel/path.json"}); profile NULL means
 * RuntimeDefault.  *out is NULL for Unconfined.  Localhost profiles are
 * read from root/<localhostProfile> (no ".." components, no absolute
 * path) and may be in the OCI form or in Docker's (archMap becomes
 * architectures; entries with includes/excludes are kept as plain
 * entries).  ERR_BAD_REQUEST on a bad type, path or file.
 */
int	 seccomp_profile(const json_t *profile, const char *root, json_t **out,
	    struct err *err);

/*
 * Compiles an OCI linux.seccomp object with libseccomp as crun compiles
 * it (its architectures, unknown syscall names skipped, conditions on the
 * same argument split into rules) and appends the BPF program, base64, to
 * b64: what crun installs as is from the annotation
 * run.oci.seccomp_bpf_data.
 */
int	 seccomp_compile(const json_t *sc, struct buf *b64, struct err *err);

/* RuntimeDefault compiled once (seccomp_compile); NULL when it could not
 * be, and crun compiles the profile itself. */
const char *seccomp_runtime_default_bpf(void);

#endif
