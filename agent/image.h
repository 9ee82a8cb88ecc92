/* image.h - the agent's container images: references, the OCI
 * distribution client, the content-addressed store, layers unpacked for
 * overlayfs, rootfs mounts, import of OCI layouts and garbage collection.
 *
 * Files: imageref.c (references), image.c (the registry client),
 * imagelayer.c (unpacking one layer), imagestore.c (the store: records,
 * pulls, mounts, list, GC), imageimport.c (OCI layouts and their tars).
 *
 * The store, under one directory DIR:
 *   DIR/blobs/sha256/<hex>    manifests, configs, layers, verified, each
 *                             written to DIR/tmp then renamed into place
 *   DIR/layers/<hex>/         a layer (named by its blob's digest) unpacked
 *                             once, renamed into place when complete;
 *                             whiteouts as overlayfs wants them
 *   DIR/images/<hex>.json     one record per reference (hex: sha256 of the
 *                             reference), see struct image_info
 */
#ifndef KUBEC_AGENT_IMAGE_H
#define KUBEC_AGENT_IMAGE_H

#include <stddef.h>
#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/err.h"

/* ---- references (imageref.c) ---- */

/*
 * A reference parsed as Docker does: "busybox" is
 * docker.io/library/busybox:latest; a first component with a '.' or ':'
 * or "localhost" is a registry host ("127.0.0.1:5000/busybox:1.0");
 * "host/repo@sha256:<64 hex>" names a manifest by digest (a tag given as
 * well is kept in the name but the digest is what is pulled).
 */
struct image_ref {
	char	domain[256];	/* "docker.io", "127.0.0.1:5000" */
	char	repo[256];	/* "library/busybox" */
	char	tag[128];	/* "latest"; "" when only a digest was given */
	char	digest[80];	/* "sha256:..." or "" */
};

int	image_ref_parse(const char *s, struct image_ref *r, struct err *err);
/* The normalized name: "docker.io/library/busybox:latest", or
 * "host/repo@sha256:..." (or "host/repo:tag@sha256:..."). */
void	image_ref_name(const struct image_ref *r, char *out, size_t n);
/* The host to talk to: registry-1.docker.io for docker.io. */
const char *image_ref_host(const struct image_ref *r);
/* Whether the registry is spoken to in plain HTTP: localhost, 127.0.0.1
 * and [::1] (with any port), as containerd does. */
int	image_ref_plain_http(const struct image_ref *r);

/* ---- the registry client (image.c) ---- */

/* Credentials and TLS settings for one pull; every field may be NULL. */
struct image_auth {
	const char	*username;	/* basic auth, or for the token realm */
	const char	*password;
	const char	*ca_file;	/* CA bundle for HTTPS registries */
};

struct image_client;

struct image_client *image_client_new(const struct image_ref *r,
	    const struct image_auth *auth, struct err *err);
void	image_client_free(struct image_client *c);
/*
 * GET /v2/<repo>/manifests/<reference> accepting Docker schema2 manifests
 * and lists and OCI manifests and indexes.  body gets the bytes (its cap
 * bounds them), mediatype (>= 128 bytes) the media type (from the body's
 * mediaType or Content-Type), digest (>= 80 bytes) the sha256 of the body;
 * when reference is a digest the body must match it.
 */
int	image_client_manifest(struct image_client *c, const char *reference,
	    struct buf *body, char *mediatype, char *digest, struct err *err);
/* GET /v2/<repo>/blobs/<digest> into path (created; removed on failure),
 * checking the sha256 and, when size >= 0, the size. */
int	image_client_blob(struct image_client *c, const char *digest,
	    long long size, const char *path, struct err *err);

/* sha256 of a byte string: "sha256:<hex>" into out (>= 72 bytes). */
void	image_digest_bytes(const void *p, size_t n, char *out);
/* Whether s is "sha256:" and 64 lowercase hex digits. */
int	image_digest_valid(const char *s);

/* ---- one layer (imagelayer.c) ---- */

/*
 * Unpacks the tar (plain, gzip or zstd) at blob into dir (which exists),
 * keeping owners, modes, symlinks, hardlinks, xattrs and times.  OCI
 * whiteouts become overlayfs ones: ".wh.<name>" a character device 0/0
 * <name>, ".wh..wh..opq" the xattr trusted.overlay.opaque=y on its
 * directory.  An entry whose path or hardlink target has a ".." component
 * or goes through a symlink fails the whole layer (ERR_BAD_REQUEST).
 */
int	image_layer_unpack(const char *blob, const char *dir, struct err *err);
/* When set (the agent sets its own executable), image_layer_unpack() runs
 * `HELPER image unpack-layer BLOB DIR`, so that libarchive is loaded in
 * that child and never in the agent. */
extern const char *image_unpack_helper;
/* kubec-agent image unpack-layer BLOB DIR: the exit status. */
int	image_layer_unpack_main(const char *blob, const char *dir);
/* rm -rf path (not following symlinks, not crossing mounts). */
int	image_layer_remove(const char *path, struct err *err);

/* ---- the store (imagestore.c) ---- */

struct imagestore;

/* What the store knows of one image (a record; see image_ensure). */
struct image_info {
	char	ref[768];	/* "127.0.0.1:5000/busybox:1.0" (normalized) */
	char	id[80];		/* "sha256:<config digest>" */
	char	digest_ref[600];/* "127.0.0.1:5000/busybox@sha256:<manifest>" */
	char	**layers;	/* directories, bottom layer first */
	size_t	nlayers;
	long long size;		/* config + compressed layers, in bytes */
	json_t	*config;	/* the image config's "config" object (Env,
				 * Entrypoint, Cmd, WorkingDir, User); {} when
				 * absent; owned */
};

void	image_info_release(struct image_info *info);

/* Opens (creating) the store at dir; thread-safe from then on. */
struct imagestore *imagestore_open(const char *dir, struct err *err);
void	imagestore_close(struct imagestore *s);

/*
 * Makes the image ref present according to pull_policy ("Always",
 * "IfNotPresent", "Never"; NULL or "" is IfNotPresent) and fills out
 * (release it with image_info_release).  Concurrent calls for the same
 * reference pull once: the others wait and use the result.
 * Never and absent: ERR_NOT_FOUND, "Container image \"x\" is not present
 * with pull policy of Never".  A failed pull: the message is what kubelet
 * puts after `Failed to pull image "x": `, naming the registry's answer.
 */
int	image_ensure(struct imagestore *s, const char *ref,
	    const char *pull_policy, const struct image_auth *auth,
	    struct image_info *out, struct err *err);
/* The record of ref (as given or normalized), ERR_NOT_FOUND if absent. */
int	image_lookup(struct imagestore *s, const char *ref,
	    struct image_info *out, struct err *err);

/*
 * Creates dir/upper, dir/work and dir/rootfs and mounts overlayfs at
 * dir/rootfs with the image's layers as lowerdir (top first) and
 * dir/upper as the writable layer.
 */
int	image_rootfs_mount(struct imagestore *s, const struct image_info *img,
	    const char *dir, struct err *err);
/* Unmounts dir/rootfs (if mounted) and removes dir. */
int	image_rootfs_umount(const char *dir, struct err *err);

/* One stored image, as the Node's status.images lists it. */
struct image_entry {
	char	id[80];
	char	**names;	/* refs and digest refs of this id */
	size_t	nnames;
	long long size;
};

/* All stored images, one entry per id; free with image_list_free. */
int	image_list(struct imagestore *s, struct image_entry **out, size_t *n,
	    struct err *err);
void	image_list_free(struct image_entry *l, size_t n);

/*
 * Removes the records of images whose id is not in in_use_ids, then every
 * blob and layer directory no remaining record needs, and stale temporary
 * files.  Waits for pulls in progress (and holds them off).
 */
int	image_gc(struct imagestore *s, const char *const *in_use_ids,
	    size_t n, struct err *err);

/* ---- import (imageimport.c) ---- */

/*
 * Imports an OCI image layout (a directory with oci-layout and index.json,
 * or a tar of one) for machines that cannot reach a registry: every image
 * of index.json that has an io.containerd.image.name or
 * org.opencontainers.image.ref.name annotation is registered under it (a bare tag such as "1.0" is not a reference and
 * is refused); blobs are verified.  Returns the number of images imported.
 */
int	image_import(struct imagestore *s, const char *path, struct err *err);

/* Internal to the image*.c files.  The path of a blob (out >= PATH_MAX);
 * a copy of the file src stored as the blob digest (its sha256 checked);
 * the platform (linux/amd64) entry of an index or manifest list; a record
 * for ref made from a manifest whose blobs are all stored (unpacking the
 * layers not unpacked yet). */
void	imagestore_blob_path(const struct imagestore *s, const char *digest,
	    char *out);
int	imagestore_put_blob(struct imagestore *s, const char *src,
	    const char *digest, struct err *err);
int	imagestore_index_select(const json_t *index, char *digest,
	    struct err *err);
int	imagestore_record(struct imagestore *s, const char *ref,
	    const char *manifest_digest, const char *index_digest,
	    struct image_info *out, struct err *err);
/* Held shared by pulls and imports, exclusively by image_gc. */
void	imagestore_busy(struct imagestore *s, int busy);
const char *imagestore_dir(const struct imagestore *s);

#endif
