/* test-agent-image.c - the agent's images against Debian's docker-registry
 * on 127.0.0.1 (tests/e2e/lib-registry.sh): references, pulls by tag, by
 * digest and through an index, pull policies, digest checks, whiteouts,
 * path escapes, overlay rootfs mounts, import, list, GC (and kubelet's
 * policy of what it removes), concurrent pulls. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../../agent/agent.h"
#include "../../agent/image.h"
#include "../../lib/proc.h"
#include "test.h"

static char T[PATH_MAX];		/* the test's temporary directory */
static char REG[128];			/* 127.0.0.1:<port> */
static int registry_up;

/* Runs a script with lib-registry.sh sourced; its stdout into out. */
static int
sh(const char *script, struct buf *out)
{
	struct buf full = BUF_INIT(65536), eb = BUF_INIT(65536);
	struct err err;
	int st = -1;

	buf_addf(&full, "set -e; . tests/e2e/lib-registry.sh; %s", script);
	char *argv[] = { "bash", "-c", full.data, NULL };
	struct proc p = { .argv = argv, .out = out, .errout = &eb,
	    .timeout_ms = 120000 };

	err_clear(&err);
	if (proc_run(&p, &st, &err) < 0 || st != 0)
		printf("# script failed (%d): %s\n# %s%s\n", st, script,
		    err.msg, buf_str(&eb));
	buf_release(&full);
	buf_release(&eb);
	return st == 0 ? 0 : -1;
}

static void
ref(char *out, size_t n, const char *rest)
{
	snprintf(out, n, "%s/%s", REG, rest);
}

static int exists(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
exists(const char *fmt, ...)
{
	char path[PATH_MAX];
	struct stat st;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return lstat(path, &st) == 0;
}

static int
count_dir(const char *sub)
{
	char path[PATH_MAX];
	struct buf out = BUF_INIT(4096);
	int n;

	snprintf(path, sizeof(path), "ls -A '%s' | wc -l", sub);
	if (sh(path, &out) < 0)
		return -1;
	n = atoi(buf_str(&out));
	buf_release(&out);
	return n;
}

static void
test_ref_parse(void)
{
	static const struct { const char *in, *want; } ok[] = {
		{ "busybox", "docker.io/library/busybox:latest" },
		{ "busybox:1.36", "docker.io/library/busybox:1.36" },
		{ "user/app", "docker.io/user/app:latest" },
		{ "index.docker.io/library/busybox",
		  "docker.io/library/busybox:latest" },
		{ "127.0.0.1:5000/busybox:1.0", "127.0.0.1:5000/busybox:1.0" },
		{ "localhost/a/b", "localhost/a/b:latest" },
		{ "quay.io/x/y@sha256:"
		  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		  "quay.io/x/y@sha256:"
		  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
	};
	static const char *const bad[] = { "", "Busybox", "a//b", "x:",
	    "x@sha256:12", "-x", "x:-t" };
	struct image_ref r;
	struct err err;
	char name[768];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		err_clear(&err);
		CHECK_INT(image_ref_parse(ok[i].in, &r, &err), 0);
		image_ref_name(&r, name, sizeof(name));
		CHECK_STR(name, ok[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(image_ref_parse(bad[i], &r, &err) < 0);
	image_ref_parse("busybox", &r, &err);
	CHECK_STR(image_ref_host(&r), "registry-1.docker.io");
	CHECK(!image_ref_plain_http(&r));
	image_ref_parse("127.0.0.1:5000/x", &r, &err);
	CHECK(image_ref_plain_http(&r));
	image_ref_parse("localhost/x", &r, &err);
	CHECK(image_ref_plain_http(&r));
	image_ref_parse("localhost.example.com/x", &r, &err);
	CHECK(!image_ref_plain_http(&r));
}

static void
test_registry_setup(void)
{
	struct buf out = BUF_INIT(4096);

	CHECK_INT(sh("registry_start; registry_push_busybox 1.0; "
	    "registry_push_layered 1.0; echo $REGISTRY_ADDR", &out), 0);
	snprintf(REG, sizeof(REG), "%s", buf_str(&out));
	REG[strcspn(REG, "\n")] = '\0';
	registry_up = strncmp(REG, "127.0.0.1:", 10) == 0;
	CHECK(registry_up);
	if (!registry_up)
		printf("# the registry did not start: every pull below fails\n");
	buf_release(&out);
}

static struct imagestore *
store(const char *name)
{
	char dir[PATH_MAX];
	struct err err;
	struct imagestore *s;

	snprintf(dir, sizeof(dir), "%s/%s", T, name);
	err_clear(&err);
	s = imagestore_open(dir, &err);
	if (s == NULL)
		printf("# imagestore_open: %s\n", err.msg);
	return s;
}

static struct imagestore *S;		/* the main store */
static char busybox_id[80], busybox_manifest[80];

static void
test_pull_tag(void)
{
	struct image_info img;
	struct err err;
	char r[256];
	json_t *cmd;

	S = store("store");
	CHECK(S != NULL);
	ref(r, sizeof(r), "busybox:1.0");
	err_clear(&err);
	CHECK_INT(image_ensure(S, r, "IfNotPresent", NULL, &img, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_STR(img.ref, r);
	CHECK(image_digest_valid(img.id));
	CHECK_INT(img.nlayers, 1);
	CHECK(img.nlayers == 1 && exists("%s/bin/busybox%s", img.layers[0], ""));
	CHECK(img.nlayers == 1 && exists("%s/bin/sh%s", img.layers[0], ""));
	cmd = json_object_get(img.config, "Cmd");
	CHECK_STR(json_string_value(json_array_get(cmd, 0)), "sh");
	CHECK(strstr(img.digest_ref, "/busybox@sha256:") != NULL);
	CHECK(img.size > 100000);
	snprintf(busybox_id, sizeof(busybox_id), "%s", img.id);
	snprintf(busybox_manifest, sizeof(busybox_manifest), "%s",
	    strchr(img.digest_ref, '@') ? strchr(img.digest_ref, '@') + 1 : "");
	image_info_release(&img);
}

static void
test_pull_digest(void)
{
	struct image_info img;
	struct err err;
	char r[256], name[256];
	struct imagestore *s2 = store("store-digest");

	snprintf(name, sizeof(name), "busybox@%s", busybox_manifest);
	ref(r, sizeof(r), name);
	err_clear(&err);
	CHECK_INT(image_ensure(s2, r, "Always", NULL, &img, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_STR(img.id, busybox_id);
	CHECK_STR(img.ref, r);
	image_info_release(&img);
	/* a digest that is not there */
	snprintf(name, sizeof(name), "busybox@sha256:%064d", 1);
	ref(r, sizeof(r), name);
	err_clear(&err);
	CHECK(image_ensure(s2, r, "IfNotPresent", NULL, &img, &err) < 0);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	imagestore_close(s2);
}

static void
test_pull_policies(void)
{
	struct image_info img;
	struct err err;
	char r[256], want[512];

	ref(r, sizeof(r), "busybox:nope");
	err_clear(&err);
	CHECK(image_ensure(S, r, "Never", NULL, &img, &err) < 0);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	snprintf(want, sizeof(want), "Container image \"%s\" is not present "
	    "with pull policy of Never", r);
	CHECK_STR(err.msg, want);
	err_clear(&err);
	CHECK(image_ensure(S, r, "IfNotPresent", NULL, &img, &err) < 0);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "failed to pull and unpack image") != NULL);
	CHECK(strstr(err.msg, "manifest unknown") != NULL);
	printf("# %s\n", err.msg);
	err_clear(&err);
	CHECK(image_ensure(S, r, "Sometimes", NULL, &img, &err) < 0);

	ref(r, sizeof(r), "busybox:1.0");
	err_clear(&err);
	CHECK_INT(image_ensure(S, r, "Never", NULL, &img, &err), 0);
	CHECK_STR(img.id, busybox_id);
	image_info_release(&img);
	CHECK_INT(image_ensure(S, r, "Always", NULL, &img, &err), 0);
	CHECK_STR(img.id, busybox_id);
	image_info_release(&img);
	CHECK_INT(image_lookup(S, r, &img, &err), 0);
	image_info_release(&img);
	/* nothing is pulled for Never: a registry that is not there */
	err_clear(&err);
	CHECK(image_ensure(S, "127.0.0.1:1/none:1", "IfNotPresent", NULL, &img,
	    &err) < 0);
	CHECK_INT(err.reason, ERR_SERVICE_UNAVAILABLE);
}

static void
test_whiteouts(void)
{
	struct image_info img;
	struct err err;
	char r[256], c[PATH_MAX];
	struct stat st;

	ref(r, sizeof(r), "layered:1.0");
	err_clear(&err);
	CHECK_INT(image_ensure(S, r, NULL, NULL, &img, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_INT(img.nlayers, 3);
	if (img.nlayers != 3) {
		image_info_release(&img);
		return;
	}
	snprintf(c, sizeof(c), "%s/etc/gone", img.layers[2]);
	CHECK(lstat(c, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0);
	snprintf(c, sizeof(c), "%s/gonedir", img.layers[2]);
	CHECK(lstat(c, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0);
	CHECK(exists("%s/etc/kept%s", img.layers[1], ""));
	CHECK(exists("%s/gonedir/f%s", img.layers[1], ""));

	snprintf(c, sizeof(c), "%s/c-layered", T);
	CHECK_INT(image_rootfs_mount(S, &img, c, &err), 0);
	CHECK(exists("%s/rootfs/etc/kept%s", c, ""));
	CHECK(!exists("%s/rootfs/etc/gone%s", c, ""));
	CHECK(!exists("%s/rootfs/gonedir%s", c, ""));
	CHECK(exists("%s/rootfs/bin/busybox%s", c, ""));
	CHECK_INT(image_rootfs_umount(c, &err), 0);
	CHECK(!exists("%s%s", c, ""));
	image_info_release(&img);
}

struct tar_ent {
	const char *name;
	char type;		/* f file, d dir, l symlink, h hardlink */
	const char *data;	/* content or link target */
};

static int
tar_make(const char *path, const struct tar_ent *e, size_t n)
{
	struct archive *a = archive_write_new();
	struct archive_entry *ae;
	size_t i;

	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		return -1;
	for (i = 0; i < n; i++) {
		ae = archive_entry_new();
		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_uid(ae, 1234);
		archive_entry_set_gid(ae, 99);
		switch (e[i].type) {
		case 'd':
			archive_entry_set_filetype(ae, AE_IFDIR);
			archive_entry_set_perm(ae, 0750);
			break;
		case 'l':
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, e[i].data);
			archive_entry_set_perm(ae, 0777);
			break;
		case 'h':
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_hardlink(ae, e[i].data);
			break;
		default:
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_perm(ae, 04755);
			archive_entry_set_size(ae, (la_int64_t)strlen(e[i].data));
		}
		archive_write_header(a, ae);
		if (e[i].type == 'f')
			archive_write_data(a, e[i].data, strlen(e[i].data));
		archive_entry_free(ae);
	}
	archive_write_close(a);
	archive_write_free(a);
	return 0;
}

/* Unpacks the entries into a fresh dir T/<name>; the unpack's result. */
static int
unpack(const char *name, const struct tar_ent *e, size_t n, char *dir,
    struct err *err)
{
	char tar[PATH_MAX];

	snprintf(tar, sizeof(tar), "%s/%s.tar.gz", T, name);
	snprintf(dir, PATH_MAX, "%s/%s", T, name);
	mkdir(dir, 0755);
	if (tar_make(tar, e, n) < 0)
		return err_set(err, ERR_INTERNAL, "tar_make");
	err_clear(err);
	return image_layer_unpack(tar, dir, err);
}

static void
test_layer_unpack(void)
{
	static const struct tar_ent good[] = {
		{ "./", 'd', NULL }, { "d/", 'd', NULL },
		{ "d/.wh..wh..opq", 'f', "" }, { "d/new", 'f', "new" },
		{ "e/.wh.old", 'f', "" }, { "/abs", 'f', "abs" },
		{ "lnk", 'l', "/etc/passwd" }, { "hard", 'h', "d/new" },
		{ "./x/./y", 'f', "y" },
	};
	static const struct tar_ent dotdot[] = {
		{ "ok", 'f', "ok" }, { "a/../../evil", 'f', "evil" },
	};
	struct tar_ent viasym[] = {
		{ "out", 'l', NULL }, { "out/evil", 'f', "evil" },
	};
	static const struct tar_ent hardout[] = {
		{ "h", 'h', "../../../etc/passwd" },
	};
	char dir[PATH_MAX], path[PATH_MAX], outside[PATH_MAX], v[8];
	struct err err;
	struct stat st, st2;
	ssize_t n;

	CHECK_INT(unpack("l-good", good, sizeof(good) / sizeof(good[0]), dir,
	    &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	snprintf(path, sizeof(path), "%s/d", dir);
	n = lgetxattr(path, "trusted.overlay.opaque", v, sizeof(v));
	CHECK(n == 1 && v[0] == 'y');
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0750 &&
	    st.st_uid == 1234 && st.st_gid == 99);
	CHECK(!exists("%s/d/.wh..wh..opq%s", dir, ""));
	snprintf(path, sizeof(path), "%s/e/old", dir);
	CHECK(lstat(path, &st) == 0 && S_ISCHR(st.st_mode) &&
	    major(st.st_rdev) == 0 && minor(st.st_rdev) == 0);
	CHECK(!exists("%s/e/.wh.old%s", dir, ""));
	snprintf(path, sizeof(path), "%s/d/new", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 04755);
	snprintf(path, sizeof(path), "%s/hard", dir);
	CHECK(stat(path, &st2) == 0 && st2.st_ino == st.st_ino);
	CHECK(exists("%s/abs%s", dir, ""));
	CHECK(exists("%s/x/y%s", dir, ""));
	snprintf(path, sizeof(path), "%s/lnk", dir);
	n = readlink(path, outside, sizeof(outside) - 1);
	CHECK(n == 11 && strncmp(outside, "/etc/passwd", 11) == 0);

	CHECK(unpack("l-dotdot", dotdot, 2, dir, &err) < 0);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	printf("# %s\n", err.msg);
	CHECK(!exists("%s/evil%s", T, ""));

	snprintf(outside, sizeof(outside), "%s/outside", T);
	mkdir(outside, 0755);
	viasym[0].data = outside;
	CHECK(unpack("l-viasym", viasym, 2, dir, &err) < 0);
	printf("# %s\n", err.msg);
	CHECK(!exists("%s/outside/evil%s", T, ""));

	CHECK(unpack("l-hardout", hardout, 1, dir, &err) < 0);
	printf("# %s\n", err.msg);
}

static void
test_rootfs(void)
{
	struct image_info img;
	struct err err;
	char r[256], c[PATH_MAX], root[PATH_MAX];
	struct buf out = BUF_INIT(4096);

	ref(r, sizeof(r), "busybox:1.0");
	err_clear(&err);
	CHECK_INT(image_lookup(S, r, &img, &err), 0);
	if (img.nlayers == 0)
		return;
	snprintf(c, sizeof(c), "%s/c-busybox", T);
	snprintf(root, sizeof(root), "%s/rootfs", c);
	CHECK_INT(image_rootfs_mount(S, &img, c, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	/* mounting again (an agent restart) is fine */
	CHECK_INT(image_rootfs_mount(S, &img, c, &err), 0);
	{
		char *argv[] = { "chroot", root, "/bin/busybox", "echo", "ok",
		    NULL };
		struct proc p = { .argv = argv, .out = &out,
		    .timeout_ms = 10000 };

		CHECK_INT(proc_run_ok(&p, &err), 0);
		CHECK_STR(buf_str(&out), "ok\n");
	}
	{
		char *argv[] = { "chroot", root, "/bin/sh", "-c",
		    "echo hi >/newfile && rm /bin/cat && id -u", NULL };
		struct proc p = { .argv = argv, .out = &out,
		    .timeout_ms = 10000 };

		buf_reset(&out);
		CHECK_INT(proc_run_ok(&p, &err), 0);
		CHECK_STR(buf_str(&out), "0\n");
	}
	CHECK(exists("%s/upper/newfile%s", c, ""));
	CHECK(!exists("%s/newfile%s", img.layers[0], ""));
	CHECK(exists("%s/bin/cat%s", img.layers[0], ""));
	CHECK(!exists("%s/rootfs/bin/cat%s", c, ""));
	CHECK_INT(image_rootfs_umount(c, &err), 0);
	CHECK(!exists("%s%s", c, ""));
	CHECK_INT(image_rootfs_umount(c, &err), 0);
	image_info_release(&img);
	buf_release(&out);
}

static void
test_index(void)
{
	struct image_info img;
	struct err err;
	char r[256], script[2048];

	/* an OCI index: arm64 -> the layered image, amd64 -> busybox */
	snprintf(script, sizeof(script),
	    "registry_load; registry_push_oci \"$REGISTRY_CACHE/layered-oci\" "
	    "busybox layered\n"
	    "A=application/vnd.oci.image.manifest.v1+json\n"
	    "desc() { curl -fsS -o $REGISTRY_DIR/m -H \"Accept: $A\" "
	    "http://$REGISTRY_ADDR/v2/busybox/manifests/$1; "
	    "d=sha256:$(sha256sum <$REGISTRY_DIR/m | cut -d' ' -f1); "
	    "printf '{\"mediaType\":\"%%s\",\"digest\":\"%%s\",\"size\":%%s,"
	    "\"platform\":{\"architecture\":\"%%s\",\"os\":\"linux\"}}' "
	    "$A $d $(stat -c %%s $REGISTRY_DIR/m) $2; }\n"
	    "idx=\"{\\\"schemaVersion\\\":2,\\\"mediaType\\\":"
	    "\\\"application/vnd.oci.image.index.v1+json\\\",\\\"manifests\\\":"
	    "[$(desc layered arm64),$(desc 1.0 amd64)]}\"\n"
	    "curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image."
	    "index.v1+json' --data-binary \"$idx\" "
	    "http://$REGISTRY_ADDR/v2/busybox/manifests/multi >&2\n");
	CHECK_INT(sh(script, NULL), 0);
	ref(r, sizeof(r), "busybox:multi");
	err_clear(&err);
	CHECK_INT(image_ensure(S, r, "Always", NULL, &img, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_STR(img.id, busybox_id);
	CHECK(strstr(img.digest_ref, busybox_manifest) != NULL);
	image_info_release(&img);
}

static void
test_list(void)
{
	struct image_entry *l;
	size_t n, i, k;
	struct err err;
	int found = 0, named = 0;
	char r[256];

	ref(r, sizeof(r), "busybox:multi");
	CHECK_INT(image_list(S, &l, &n, &err), 0);
	CHECK_INT(n, 2);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].id, busybox_id) == 0) {
			found = 1;
			CHECK(l[i].size > 100000);
			for (k = 0; k < l[i].nnames; k++)
				named += strcmp(l[i].names[k], r) == 0;
			CHECK_INT(l[i].nnames, 3);	/* 1.0, multi, @digest */
		}
	CHECK(found);
	CHECK_INT(named, 1);
	image_list_free(l, n);
}

struct puller {
	struct imagestore *s;
	const char *ref;
	int ret;
	char id[80];
};

static void *
pull_thread(void *arg)
{
	struct puller *p = arg;
	struct image_info img;
	struct err err;

	err_clear(&err);
	p->ret = image_ensure(p->s, p->ref, "Always", NULL, &img, &err);
	if (p->ret == 0) {
		snprintf(p->id, sizeof(p->id), "%s", img.id);
		image_info_release(&img);
	} else
		printf("# thread: %s\n", err.msg);
	return NULL;
}

static void
test_concurrent(void)
{
	struct imagestore *s = store("store-conc");
	struct puller p[8];
	pthread_t th[8];
	char r1[256], r2[256];
	char path[PATH_MAX];
	int i;

	ref(r1, sizeof(r1), "busybox:1.0");
	ref(r2, sizeof(r2), "layered:1.0");
	for (i = 0; i < 8; i++) {
		p[i].s = s;
		p[i].ref = i % 2 ? r1 : r2;
		pthread_create(&th[i], NULL, pull_thread, &p[i]);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(p[i].ret, 0);
		CHECK_STR(p[i].id, p[i % 2].id);
	}
	CHECK_STR(p[1].id, busybox_id);
	snprintf(path, sizeof(path), "%s/store-conc/tmp", T);
	CHECK_INT(count_dir(path), 0);
	snprintf(path, sizeof(path), "%s/store-conc/layers", T);
	CHECK_INT(count_dir(path), 3);	/* no leftover .tmp- directories */
	imagestore_close(s);
}

static void
test_import(void)
{
	struct imagestore *s = store("store-import"), *s2;
	struct image_info img;
	struct err err;
	char script[1024], path[PATH_MAX];

	snprintf(script, sizeof(script),
	    "registry_load; skopeo --insecure-policy copy -q "
	    "oci:$REGISTRY_CACHE/busybox-oci:latest "
	    "oci:%s/layout:example.com/imported:2.0; "
	    "tar -C %s/layout -cf %s/layout.tar .", T, T, T);
	CHECK_INT(sh(script, NULL), 0);
	snprintf(path, sizeof(path), "%s/layout", T);
	err_clear(&err);
	CHECK_INT(image_import(s, path, &err), 1);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	err_clear(&err);
	CHECK_INT(image_ensure(s, "example.com/imported:2.0", "Never", NULL,
	    &img, &err), 0);
	CHECK_STR(img.id, busybox_id);
	image_info_release(&img);
	imagestore_close(s);

	s2 = store("store-import-tar");
	snprintf(path, sizeof(path), "%s/layout.tar", T);
	err_clear(&err);
	CHECK_INT(image_import(s2, path, &err), 1);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_INT(image_lookup(s2, "example.com/imported:2.0", &img, &err), 0);
	CHECK_INT(img.nlayers, 1);
	image_info_release(&img);
	/* umoci's layout names its image "latest": a tag, refused */
	snprintf(script, sizeof(script), "%s/cache/busybox-oci", T);
	CHECK(image_import(s2, script, &err) < 0);
	printf("# %s\n", err.msg);
	CHECK(image_import(s2, "/nonexistent", &err) < 0);
	imagestore_close(s2);
}

static void
test_gc(void)
{
	const char *keep[] = { busybox_id };
	struct image_info img;
	struct err err;
	char r[256], path[PATH_MAX];

	/* busybox: manifest, config, layer, index (multi) */
	CHECK_INT(image_gc(S, keep, 1, &err), 0);
	ref(r, sizeof(r), "busybox:1.0");
	CHECK_INT(image_lookup(S, r, &img, &err), 0);
	image_info_release(&img);
	ref(r, sizeof(r), "layered:1.0");
	CHECK(image_lookup(S, r, &img, &err) < 0);
	snprintf(path, sizeof(path), "%s/store/blobs/sha256", T);
	CHECK_INT(count_dir(path), 4);
	snprintf(path, sizeof(path), "%s/store/layers", T);
	CHECK_INT(count_dir(path), 1);
	CHECK_INT(image_gc(S, NULL, 0, &err), 0);
	snprintf(path, sizeof(path), "%s/store/blobs/sha256", T);
	CHECK_INT(count_dir(path), 0);
	snprintf(path, sizeof(path), "%s/store/layers", T);
	CHECK_INT(count_dir(path), 0);
	snprintf(path, sizeof(path), "%s/store/images", T);
	CHECK_INT(count_dir(path), 0);
}

/* kubelet's image GC policy, without a store: which unused images go. */
static void
test_gc_policy(void)
{
	struct imagegc_image img[4];
	struct imagegc_policy p = { 85, 80, 120, 0 };
	time_t now = 100000;

	memset(img, 0, sizeof(img));
	img[0] = (struct imagegc_image){ "A", 100, 1, now - 1000, now, 0 };
	img[1] = (struct imagegc_image){ "B", 100, 0, now - 1000, now - 100,
	    0 };
	/* never used, first seen 50 s ago: younger than the minimum age */
	img[2] = (struct imagegc_image){ "C", 100, 0, now - 50, 0, 0 };
	img[3] = (struct imagegc_image){ "D", 100, 0, now - 1000, now - 500,
	    0 };
	/* 70% used: below the high threshold, nothing goes */
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 300, now), 0);
	/* 90% used: 100 bytes to free to be at 80%; D, used longest ago */
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 100, now), 1);
	CHECK(img[3].remove && !img[1].remove && !img[0].remove &&
	    !img[2].remove);
	/* 95%: 150 bytes, D then B; never A (in use) nor C (too young) */
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 50, now), 2);
	CHECK(img[3].remove && img[1].remove && !img[0].remove &&
	    !img[2].remove);
	/* the minimum age passed: C (never used) goes first */
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 100, now + 100), 1);
	CHECK(img[2].remove && !img[3].remove);
	/* 100: no threshold GC; a maximum age removes what was unused for
	 * longer, whatever the disk */
	p.high = 100;
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 0, now), 0);
	p.max_age = 300;
	CHECK_INT(imagegc_select(img, 4, &p, 1000, 900, now), 1);
	CHECK(img[3].remove && !img[1].remove && !img[2].remove);
}

static void
test_auth(void)
{
	struct imagestore *s = store("store-auth");
	struct image_auth good = { .username = "kubec", .password = "s3cret" };
	struct image_auth bad = { .username = "kubec", .password = "nope" };
	struct image_info img;
	struct buf out = BUF_INIT(256);
	struct err err;
	char r[256];

	CHECK_INT(sh("registry_auth_proxy kubec s3cret; "
	    "echo $REGISTRY_AUTH_ADDR", &out), 0);
	snprintf(r, sizeof(r), "%s", buf_str(&out));
	r[strcspn(r, "\n")] = '\0';
	strncat(r, "/busybox:1.0", sizeof(r) - strlen(r) - 1);
	err_clear(&err);
	CHECK(image_ensure(s, r, "IfNotPresent", NULL, &img, &err) < 0);
	CHECK_INT(err.reason, ERR_UNAUTHORIZED);
	printf("# %s\n", err.msg);
	err_clear(&err);
	CHECK(image_ensure(s, r, "IfNotPresent", &bad, &img, &err) < 0);
	CHECK_INT(err.reason, ERR_UNAUTHORIZED);
	err_clear(&err);
	CHECK_INT(image_ensure(s, r, "IfNotPresent", &good, &img, &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_STR(img.id, busybox_id);
	image_info_release(&img);
	imagestore_close(s);
	buf_release(&out);
}

/* Last: it spoils the busybox layer in the registry's storage. */
static void
test_digest_mismatch(void)
{
	struct imagestore *s = store("store-tamper");
	struct image_info img;
	struct err err;
	char r[256], path[PATH_MAX];

	CHECK_INT(sh("registry_load; f=$(find $REGISTRY_DIR/storage -path "
	    "'*/blobs/*' -name data -size +100k | head -1); test -n \"$f\"; "
	    "printf X | dd of=$f bs=1 seek=5000 conv=notrunc status=none",
	    NULL), 0);
	ref(r, sizeof(r), "busybox:1.0");
	err_clear(&err);
	CHECK(image_ensure(s, r, "IfNotPresent", NULL, &img, &err) < 0);
	CHECK(strstr(err.msg, "digest mismatch") != NULL);
	printf("# %s\n", err.msg);
	snprintf(path, sizeof(path), "%s/store-tamper/tmp", T);
	CHECK_INT(count_dir(path), 0);
	snprintf(path, sizeof(path), "%s/store-tamper/layers", T);
	CHECK_INT(count_dir(path), 0);
	imagestore_close(s);
}

int
main(void)
{
	char path[PATH_MAX + 64];
	const char *const tools[] = { "docker-registry", "umoci", "skopeo",
	    "busybox", "curl", "chroot" };
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		snprintf(path, sizeof(path), "command -v %s >/dev/null",
		    tools[i]);
		if (system(path) != 0) {
			printf("not ok 1 tools # %s is missing: apt-get install "
			    "docker-registry umoci skopeo busybox-static curl\n",
			    tools[i]);
			return 1;
		}
	}
	snprintf(T, sizeof(T), "/tmp/kubec-image-test.XXXXXX");
	if (mkdtemp(T) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/registry", T);
	setenv("REGISTRY_DIR", path, 1);
	snprintf(path, sizeof(path), "%s/cache", T);
	setenv("REGISTRY_CACHE", path, 1);

	RUN(test_ref_parse);
	RUN(test_layer_unpack);
	RUN(test_registry_setup);
	RUN(test_pull_tag);
	RUN(test_pull_digest);
	RUN(test_pull_policies);
	RUN(test_whiteouts);
	RUN(test_rootfs);
	RUN(test_index);
	RUN(test_list);
	RUN(test_concurrent);
	RUN(test_import);
	RUN(test_gc);
	RUN(test_gc_policy);
	RUN(test_auth);
	RUN(test_digest_mismatch);

	imagestore_close(S);
	sh("registry_stop", NULL);
	if (!getenv("KEEP")) {
		snprintf(path, sizeof(path), "rm -rf '%s'", T);
		if (system(path) != 0)
			printf("# could not remove %s\n", T);
	}
	printf("1..%d\n", t_count);
	return TEST_EXIT();
}
