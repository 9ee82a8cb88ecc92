/* volumes.c - a pod's volumes on the node: emptyDir (disk, or tmpfs for
 * medium Memory with its sizeLimit), hostPath (with its type checks),
 * configMap, secret, downwardAPI and projected (written as kubelet's
 * atomic writer does: a timestamped directory, a ..data symlink swapped
 * with rename(2), and one symlink per top-level name, so a container
 * never sees a half-written update), persistentVolumeClaim (the bound
 * volume's hostPath or local directory, made when missing: what the
 * local-path provisioner hands out), and the mounts of each container
 * (volumeMounts with readOnly and subPath). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"
#include "../lib/quantity.h"
#include "agent.h"
#include "pod.h"

/* Whether something is mounted on dir (its device differs from its
 * parent's). */
static int
volumes_is_mount(const char *dir)
{
	char parent[PATH_MAX];
	struct stat a, b;

	snprintf(parent, sizeof parent, "%s/..", dir);
	return stat(dir, &a) == 0 && stat(parent, &b) == 0 &&
	    a.st_dev != b.st_dev;
}

/* A relative path that stays inside its directory. */
static int
volumes_safe_rel(const char *p)
{
	const char *s = p;

	if (p == NULL || *p == '\0' || *p == '/')
		return 0;
	while (*s != '\0') {
		size_t n = strcspn(s, "/");

		if (n == 2 && strncmp(s, "..", 2) == 0)
			return 0;
		s += n;
		while (*s == '/')
			s++;
	}
	return 1;
}

/* One file of a payload: its path inside the volume, bytes and mode. */
struct payload {
	json_t	*files;		/* [{path, data, mode}] */
};

static void
payload_add(struct payload *pl, const char *path, const char *data,
    size_t len, int mode)
{
	json_array_append_new(pl->files, json_pack("{s:s, s:s%, s:i}", "path",
	    path, "data", data, len, "mode", mode));
}

/* Keys of a ConfigMap or Secret (data and binaryData), or its items. */
static int
payload_source(struct agent *a, const char *ns, const char *kind,
    const json_t *src, int def_mode, struct payload *pl, struct err *err)
{
	const char *name = json_string_value(json_object_get(src, "name"));
	int optional = json_is_true(json_object_get(src, "optional"));
	const json_t *items = json_object_get(src, "items");
	struct buf v = BUF_INIT(16 << 20);
	json_t *obj, *it, *val;
	const char *k;
	size_t i;
	int rc = -1;

	if ((obj = env_source(a, ns, kind, name ? name : "", err)) == NULL) {
		if (optional && err->reason == ERR_NOT_FOUND) {
			err_clear(err);
			return 0;
		}
		return -1;
	}
	if (json_array_size(items) > 0) {
		json_array_foreach(items, i, it) {
			const char *key = json_string_value(json_object_get(it,
			    "key"));
			const char *path = json_string_value(json_object_get(it,
			    "path"));
			json_t *m = json_object_get(it, "mode");

			if (key == NULL || env_source_value(obj, kind, key,
			    &v) < 0) {
				if (optional)
					continue;
				err_set(err, ERR_NOT_FOUND, "configmap references "
				    "non-existent config key: %s", key ? key :
				    "");
				goto out;
			}
			payload_add(pl, path ? path : key, v.data ? v.data :
			    "", v.len, json_is_integer(m) ?
			    (int)json_integer_value(m) : def_mode);
		}
	} else {
		json_object_foreach(json_object_get(obj, "data"), k, val)
			if (env_source_value(obj, kind, k, &v) == 0)
				payload_add(pl, k, v.data ? v.data : "", v.len,
				    def_mode);
		json_object_foreach(json_object_get(obj, "binaryData"), k, val)
			if (env_source_value(obj, "secret", k, &v) == 0)
				payload_add(pl, k, v.data ? v.data : "", v.len,
				    def_mode);
	}
	rc = 0;
out:
	json_decref(obj);
	buf_release(&v);
	return rc;
}

static int
payload_downward(struct agent *a, const json_t *pod, const json_t *dw,
    int def_mode, struct payload *pl, struct err *err)
{
	struct buf v = BUF_INIT(1 << 20);
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(dw, "items"), i, it) {
		const char *path = json_string_value(json_object_get(it,
		    "path"));
		const json_t *f = json_object_get(it, "fieldRef");
		const json_t *r = json_object_get(it, "resourceFieldRef");
		json_t *m = json_object_get(it, "mode");

		if (f != NULL) {
			if (env_field(pod, json_string_value(json_object_get(f,
			    "fieldPath")), &v) < 0)
				continue;
		} else if (r != NULL) {
			const char *cn = json_string_value(json_object_get(r,
			    "containerName"));
			json_t *c, *ctr = NULL;
			size_t j;

			json_array_foreach(json_object_get(json_object_get(pod,
			    "spec"), "containers"), j, c)
				if (cn == NULL || strcmp(cn, json_string_value(
				    json_object_get(c, "name"))) == 0) {
					ctr = c;
					break;
				}
			if (ctr == NULL || env_resource(a, ctr, r, &v) < 0)
				continue;
		} else
			continue;
		if (path != NULL)
			payload_add(pl, path, v.data ? v.data : "", v.len,
			    json_is_integer(m) ? (int)json_integer_value(m) :
			    def_mode);
	}
	buf_release(&v);
	(void)err;
	return 0;
}

/* Whether dir/..data already holds exactly pl. */
static int
payload_same(const char *dir, const struct payload *pl)
{
	struct buf cur = BUF_INIT(16 << 20);
	char path[PATH_MAX];
	struct stat st;
	struct err err;
	json_t *f;
	size_t i, n = 0;
	int same = 1;
	DIR *d;
	struct dirent *de;

	json_array_foreach(pl->files, i, f) {
		snprintf(path, sizeof path, "%s/..data/%s", dir,
		    json_string_value(json_object_get(f, "path")));
		if (file_read(path, &cur, &err) < 0 || stat(path, &st) < 0 ||
		    (int)(st.st_mode & 07777) != json_integer_value(
		    json_object_get(f, "mode")) ||
		    cur.len != json_string_length(json_object_get(f, "data")) ||
		    memcmp(buf_str(&cur), json_string_value(json_object_get(f,
		    "data")), cur.len) != 0) {
			same = 0;
			break;
		}
	}
	/* and nothing more at the top */
	snprintf(path, sizeof path, "%s/..data", dir);
	if (same && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			n++;
			json_array_foreach(pl->files, i, f) {
				const char *p = json_string_value(
				    json_object_get(f, "path"));
				size_t len = strcspn(p, "/");

				if (strlen(de->d_name) == len &&
				    strncmp(p, de->d_name, len) == 0) {
					n--;
					break;
				}
			}
		}
		closedir(d);
		if (n != 0)
			same = 0;
	} else if (same && json_array_size(pl->files) > 0) {
		same = 0;
	}
	buf_release(&cur);
	return same;
}

static int
volumes_rm_rf(const char *path)
{
	char *argv[] = { "rm", "-rf", "--one-file-system", (char *)path, NULL };
	struct proc p = { .argv = argv, .timeout_ms = 60000 };
	struct err err;

	return proc_run_ok(&p, &err);
}

/* kubelet's atomic writer. */
static int
payload_write(const char *dir, const struct payload *pl, struct err *err)
{
	char ts[128], tsdir[PATH_MAX], path[PATH_MAX], old[PATH_MAX],
	    link[PATH_MAX], top[PATH_MAX];
	struct timespec now;
	struct tm tm;
	ssize_t n;
	json_t *f;
	size_t i;

	if (payload_same(dir, pl))
		return 0;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	snprintf(ts, sizeof ts, "..%04d_%02d_%02d_%02d_%02d_%02d.%09ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, now.tv_nsec);
	snprintf(tsdir, sizeof tsdir, "%s/%s", dir, ts);
	if (file_mkdirs(tsdir, 0755, err) < 0)
		return -1;
	json_array_foreach(pl->files, i, f) {
		const char *p = json_string_value(json_object_get(f, "path"));
		char *slash;

		if (!volumes_safe_rel(p))
			continue;
		snprintf(path, sizeof path, "%s/%s", tsdir, p);
		if ((slash = strrchr(path, '/')) != NULL) {
			*slash = '\0';
			if (file_mkdirs(path, 0755, err) < 0)
				return -1;
			*slash = '/';
		}
		if (file_write_replace(path, json_string_value(json_object_get(f,
		    "data")), json_string_length(json_object_get(f, "data")),
		    (mode_t)json_integer_value(json_object_get(f, "mode")),
		    err) < 0)
			return -1;
		chmod(path, (mode_t)json_integer_value(json_object_get(f,
		    "mode")));
	}
	/* swap ..data */
	snprintf(link, sizeof link, "%s/..data", dir);
	old[0] = '\0';
	if ((n = readlink(link, old, sizeof old - 1)) > 0)
		old[n] = '\0';
	else
		old[0] = '\0';
	snprintf(path, sizeof path, "%s/..data_tmp", dir);
	unlink(path);
	if (symlink(ts, path) < 0 || rename(path, link) < 0)
		return err_set(err, ERR_INTERNAL, "%s: %s", link,
		    strerror(errno));
	/* one symlink per top-level name */
	json_array_foreach(pl->files, i, f) {
		const char *p = json_string_value(json_object_get(f, "path"));
		size_t len = strcspn(p, "/");
		char target[PATH_MAX];

		if (!volumes_safe_rel(p))
			continue;
		snprintf(top, sizeof top, "%s/%.*s", dir, (int)len, p);
		snprintf(target, sizeof target, "..data/%.*s", (int)len, p);
		if (symlink(target, top) < 0 && errno != EEXIST)
			return err_set(err, ERR_INTERNAL, "%s: %s", top,
			    strerror(errno));
	}
	if (old[0] == '.' && old[1] == '.' && strcmp(old, ts) != 0) {
		snprintf(path, sizeof path, "%s/%s", dir, old);
		volumes_rm_rf(path);
	}
	return 0;
}

static int
volumes_mode(const json_t *o)
{
	json_t *m = json_object_get(o, "defaultMode");

	return json_is_integer(m) ? (int)json_integer_value(m) : 0644;
}

/* The files of a configMap, secret, downwardAPI or projected volume. */
static int
volumes_payload(struct agent *a, const json_t *pod, const json_t *vol,
    struct payload *pl, struct err *err)
{
	const char *ns = json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "namespace"));
	const json_t *src, *proj;
	json_t *s;
	size_t i;
	int mode;

	if ((src = json_object_get(vol, "configMap")) != NULL)
		return payload_source(a, ns, "configmap", src,
		    volumes_mode(src), pl, err);
	if ((src = json_object_get(vol, "secret")) != NULL) {
		json_t *ref = json_pack("{s:O, s:O, s:O}", "name",
		    json_object_get(src, "secretName"), "optional",
		    json_object_get(src, "optional") ? json_object_get(src,
		    "optional") : json_false(), "items",
		    json_object_get(src, "items") ? json_object_get(src,
		    "items") : json_null());
		int rc = payload_source(a, ns, "secret", ref,
		    volumes_mode(src), pl, err);

		json_decref(ref);
		return rc;
	}
	if ((src = json_object_get(vol, "downwardAPI")) != NULL)
		return payload_downward(a, pod, src, volumes_mode(src), pl,
		    err);
	proj = json_object_get(vol, "projected");
	mode = volumes_mode(proj);
	json_array_foreach(json_object_get(proj, "sources"), i, s) {
		if ((src = json_object_get(s, "configMap")) != NULL &&
		    payload_source(a, ns, "configmap", src, mode, pl, err) < 0)
			return -1;
		if ((src = json_object_get(s, "secret")) != NULL &&
		    payload_source(a, ns, "secret", src, mode, pl, err) < 0)
			return -1;
		if ((src = json_object_get(s, "downwardAPI")) != NULL &&
		    payload_downward(a, pod, src, mode, pl, err) < 0)
			return -1;
	}
	return 0;
}

static int
volumes_host_path(const json_t *hp, struct err *err)
{
	const char *path = json_string_value(json_object_get(hp, "path"));
	const char *type = json_string_value(json_object_get(hp, "type"));
	const char *what;
	struct stat st;
	int fd;

	if (path == NULL || path[0] != '/')
		return err_set(err, ERR_INVALID, "hostPath must be absolute");
	if (type == NULL || type[0] == '\0')
		return 0;
	if (strcmp(type, "DirectoryOrCreate") == 0)
		return file_mkdirs(path, 0755, err);
	if (strcmp(type, "FileOrCreate") == 0) {
		if ((fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644)) < 0)
			return err_set(err, ERR_INTERNAL, "%s: %s", path,
			    strerror(errno));
		close(fd);
		return 0;
	}
	/* kubelet's words */
	if (strcmp(type, "Directory") == 0)
		what = "directory";
	else if (strcmp(type, "File") == 0)
		what = "file";
	else if (strcmp(type, "Socket") == 0)
		what = "socket";
	else if (strcmp(type, "CharDevice") == 0)
		what = "character device";
	else if (strcmp(type, "BlockDevice") == 0)
		what = "block device";
	else
		return err_set(err, ERR_INVALID, "hostPath type %s is not "
		    "supported", type);
	if (stat(path, &st) < 0)
		return err_set(err, ERR_NOT_FOUND, "hostPath type check failed: "
		    "%s is not a %s", path, what);
	if ((what[0] == 'd' && !S_ISDIR(st.st_mode)) ||
	    (what[0] == 'f' && !S_ISREG(st.st_mode)) ||
	    (what[0] == 's' && !S_ISSOCK(st.st_mode)) ||
	    (what[0] == 'c' && !S_ISCHR(st.st_mode)) ||
	    (what[0] == 'b' && !S_ISBLK(st.st_mode)))
		return err_set(err, ERR_INVALID, "hostPath type check failed: "
		    "%s is not a %s", path, what);
	return 0;
}

/*
 * A claim's volume: the directory of the PersistentVolume it is bound to
 * (hostPath or local), made when missing, linked as the pod's volume
 * directory (a symlink: removing the pod's volumes never reaches into
 * it).
 */
static int
volumes_claim(struct agent *a, const json_t *pod, const json_t *pvcs,
    const char *dir, struct err *err)
{
	const char *ns = json_string_value(json_object_get(json_object_get(
	    pod, "metadata"), "namespace")) ?: "default";
	const char *claim = json_string_value(json_object_get(pvcs,
	    "claimName")), *vol, *path;
	char url[1024], have[PATH_MAX];
	json_t *pvc = NULL, *pv = NULL;
	ssize_t n;
	int rc = -1;

	if (claim == NULL)
		return err_set(err, ERR_INVALID, "persistentVolumeClaim without "
		    "claimName");
	snprintf(url, sizeof url, "/api/v1/namespaces/%s/"
	    "persistentvolumeclaims/%s", ns, claim);
	if (rest_do(a->api, "GET", url, NULL, NULL, &pvc, err) < 0)
		return -1;
	vol = json_string_value(json_object_get(json_object_get(pvc, "spec"),
	    "volumeName"));
	if (vol == NULL || json_string_value(json_object_get(json_object_get(
	    pvc, "status"), "phase")) == NULL || strcmp(json_string_value(
	    json_object_get(json_object_get(pvc, "status"), "phase")),
	    "Bound") != 0) {
		err_set(err, ERR_NOT_FOUND, "persistentvolumeclaim \"%s\" is "
		    "not bound", claim);
		goto out;
	}
	snprintf(url, sizeof url, "/api/v1/persistentvolumes/%s", vol);
	if (rest_do(a->api, "GET", url, NULL, NULL, &pv, err) < 0)
		goto out;
	path = json_string_value(json_object_get(json_object_get(
	    json_object_get(pv, "spec"), "hostPath"), "path"));
	if (path == NULL)
		path = json_string_value(json_object_get(json_object_get(
		    json_object_get(pv, "spec"), "local"), "path"));
	if (path == NULL || path[0] != '/') {
		err_set(err, ERR_INVALID, "volume %s is neither hostPath nor "
		    "local", vol);
		goto out;
	}
	if (file_mkdirs(path, 0777, err) < 0)
		goto out;
	chmod(path, 0777);	/* as local-path-provisioner leaves it */
	n = readlink(dir, have, sizeof have - 1);
	if (n > 0 && (size_t)n == strlen(path) && memcmp(have, path,
	    (size_t)n) == 0) {
		rc = 0;
		goto out;
	}
	rmdir(dir);
	unlink(dir);
	snprintf(have, sizeof have, "%s", dir);
	if (strrchr(have, '/') != NULL)
		*strrchr(have, '/') = '\0';
	if (file_mkdirs(have, 0755, err) < 0)
		goto out;
	if (symlink(path, dir) < 0) {
		err_set(err, ERR_INTERNAL, "%s: %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	json_decref(pvc);
	json_decref(pv);
	return rc;
}

/* The directory of volume name on the node. */
static void
volumes_dir(const char *pod_dir, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/volumes/%s", pod_dir, name);
}

int
volumes_setup(struct agent *a, const json_t *pod, const char *pod_dir,
    struct err *err)
{
	char dir[PATH_MAX], opts[128];
	struct payload pl;
	json_t *vol, *ed;
	size_t i;
	int rc;

	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "volumes"), i, vol) {
		const char *name = json_string_value(json_object_get(vol,
		    "name"));

		if (name == NULL || !volumes_safe_rel(name))
			continue;
		if (json_object_get(vol, "hostPath") != NULL) {
			if (volumes_host_path(json_object_get(vol, "hostPath"),
			    err) < 0) {
				err_wrap(err, "MountVolume.SetUp failed for "
				    "volume \"%s\" ", name);
				return -1;
			}
			continue;
		}
		volumes_dir(pod_dir, name, dir, sizeof dir);
		if (json_object_get(vol, "persistentVolumeClaim") != NULL) {
			if (volumes_claim(a, pod, json_object_get(vol,
			    "persistentVolumeClaim"), dir, err) < 0) {
				err_wrap(err, "MountVolume.SetUp failed for "
				    "volume \"%s\" ", name);
				return -1;
			}
			continue;
		}
		if (file_mkdirs(dir, 0777, err) < 0)
			return -1;
		if ((ed = json_object_get(vol, "emptyDir")) != NULL) {
			const char *medium = json_string_value(json_object_get(
			    ed, "medium"));
			const char *limit = json_string_value(json_object_get(
			    ed, "sizeLimit"));
			struct quantity q;

			chmod(dir, 0777);
			if (medium == NULL || strcmp(medium, "Memory") != 0)
				continue;
			if (volumes_is_mount(dir))
				continue;
			snprintf(opts, sizeof opts, "mode=1777");
			if (limit != NULL && quantity_parse(limit, &q, err) == 0)
				snprintf(opts, sizeof opts, "mode=1777,size=%lld",
				    (long long)quantity_value(&q));
			err_clear(err);
			if (mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV,
			    opts) < 0)
				return err_set(err, ERR_INTERNAL, "tmpfs for "
				    "volume %s: %s", name, strerror(errno));
			continue;
		}
		if (json_object_get(vol, "configMap") == NULL &&
		    json_object_get(vol, "secret") == NULL &&
		    json_object_get(vol, "downwardAPI") == NULL &&
		    json_object_get(vol, "projected") == NULL)
			continue;	/* not a kind this node serves */
		if (json_object_get(vol, "secret") != NULL &&
		    !volumes_is_mount(dir))
			/* secrets stay in memory, as kubelet keeps them */
			mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV |
			    MS_NOEXEC, "mode=0755");
		pl.files = json_array();
		rc = volumes_payload(a, pod, vol, &pl, err);
		if (rc == 0)
			rc = payload_write(dir, &pl, err);
		json_decref(pl.files);
		if (rc < 0) {
			err_wrap(err, "MountVolume.SetUp failed for volume "
			    "\"%s\" ", name);
			return -1;
		}
	}
	return 0;
}

json_t *
volumes_mounts(const json_t *pod, const json_t *ctr, const char *pod_dir,
    struct err *err)
{
	json_t *out = json_array(), *vm, *vol;
	char src[PATH_MAX], full[PATH_MAX];
	size_t i, j;

	json_array_foreach(json_object_get(ctr, "volumeMounts"), i, vm) {
		const char *name = json_string_value(json_object_get(vm,
		    "name"));
		const char *dest = json_string_value(json_object_get(vm,
		    "mountPath"));
		const char *sub = json_string_value(json_object_get(vm,
		    "subPath"));
		const json_t *found = NULL;

		json_array_foreach(json_object_get(json_object_get(pod, "spec"),
		    "volumes"), j, vol)
			if (name != NULL && strcmp(name, json_string_value(
			    json_object_get(vol, "name"))) == 0)
				found = vol;
		if (found == NULL || dest == NULL) {
			err_set(err, ERR_INVALID, "volumeMount %s: no such "
			    "volume", name ? name : "");
			goto fail;
		}
		if (json_object_get(found, "hostPath") != NULL)
			snprintf(src, sizeof src, "%s", json_string_value(
			    json_object_get(json_object_get(found, "hostPath"),
			    "path")));
		else
			volumes_dir(pod_dir, name, src, sizeof src);
		if (sub != NULL && sub[0] != '\0') {
			if (!volumes_safe_rel(sub)) {
				err_set(err, ERR_INVALID, "subPath %s must be a "
				    "relative path inside the volume", sub);
				goto fail;
			}
			snprintf(full, sizeof full, "%s/%s", src, sub);
			if (access(full, F_OK) < 0 &&
			    file_mkdirs(full, 0755, err) < 0)
				goto fail;
			snprintf(src, sizeof src, "%s", full);
		}
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}",
		    "destination", dest, "source", src, "readonly",
		    json_is_true(json_object_get(vm, "readOnly"))));
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

int
volumes_teardown(const json_t *pod, const char *pod_dir, struct err *err)
{
	char dir[PATH_MAX];
	json_t *vol;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "volumes"), i, vol) {
		const char *name = json_string_value(json_object_get(vol,
		    "name"));

		if (name == NULL || !volumes_safe_rel(name))
			continue;
		volumes_dir(pod_dir, name, dir, sizeof dir);
		while (volumes_is_mount(dir) && umount2(dir, MNT_DETACH) == 0)
			;
	}
	snprintf(dir, sizeof dir, "%s/volumes", pod_dir);
	if (volumes_rm_rf(dir) < 0)
		return err_set(err, ERR_INTERNAL, "cannot remove %s", dir);
	return 0;
}
