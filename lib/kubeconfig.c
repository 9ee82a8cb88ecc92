/* kubeconfig.c - reading, merging, resolving and writing kubeconfig files
 * as client-go's clientcmd does (see kubeconfig.h).
 *
 * Files are YAML (or JSON) through lib/yaml; the merged document keeps the
 * v1 layout (clusters/users/contexts as lists of {name, cluster|user|
 * context}).  Relative paths are made absolute against their file's
 * directory while loading, so the merged document is self-contained (and
 * kubeconfig_save writes them absolute).  Exec and auth-provider
 * credential plugins are not supported.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base64.h"
#include "buf.h"
#include "file.h"
#include "kubeconfig.h"
#include "yaml.h"

#define KUBECONFIG_MAX_FILE	((size_t)16 << 20)
#define KUBECONFIG_MAX_FILES	64

/* The named lists of a Config and the key of each entry's body. */
static const struct {
	const char	*list;
	const char	*body;
} kubeconfig_lists[] = {
	{ "clusters", "cluster" },
	{ "users", "user" },
	{ "contexts", "context" },
	{ "extensions", "extension" },
};

/* Reads a whole file into b; -1 with errno set on failure. */
static int
kubeconfig_slurp(const char *path, struct buf *b, struct err *err)
{
	if (file_read(path, b, err) == 0)
		return 0;
	if (err->reason != ERR_NOT_FOUND)
		err->reason = ERR_BAD_REQUEST;
	return -1;
}

/* Whether a YAML text holds nothing but blanks and comments. */
static int
kubeconfig_blank(const char *s)
{
	while (*s != '\0') {
		if (*s == '#') {
			while (*s != '\0' && *s != '\n')
				s++;
			continue;
		}
		if (!isspace((unsigned char)*s))
			return 0;
		s++;
	}
	return 1;
}

/* path made absolute against dir (a file's directory) when relative. */
static int
kubeconfig_abs(json_t *obj, const char *key, const char *dir)
{
	const char *p = json_string_value(json_object_get(obj, key));
	char full[8192];

	if (p == NULL || p[0] == '\0' || p[0] == '/')
		return 0;
	if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, p) >=
	    sizeof full)
		return -1;
	return json_object_set_new(obj, key, json_string(full));
}

static int
kubeconfig_resolve_paths(json_t *doc, const char *file)
{
	char dir[4096], cwd[4096];
	const char *slash;
	json_t *e, *body;
	size_t i;
	int dirlen, rc = 0;

	slash = strrchr(file, '/');
	dirlen = slash == NULL ? 0 : slash == file ? 1 : (int)(slash - file);
	if (file[0] != '/' && getcwd(cwd, sizeof cwd) != NULL)
		snprintf(dir, sizeof dir, "%s%s%.*s", cwd, dirlen ? "/" : "",
		    dirlen, file);
	else if (dirlen > 0)
		snprintf(dir, sizeof dir, "%.*s", dirlen, file);
	else
		snprintf(dir, sizeof dir, ".");
	json_array_foreach(json_object_get(doc, "clusters"), i, e) {
		body = json_object_get(e, "cluster");
		if (json_is_object(body))
			rc |= kubeconfig_abs(body, "certificate-authority",
			    dir);
	}
	json_array_foreach(json_object_get(doc, "users"), i, e) {
		body = json_object_get(e, "user");
		if (!json_is_object(body))
			continue;
		rc |= kubeconfig_abs(body, "client-certificate", dir);
		rc |= kubeconfig_abs(body, "client-key", dir);
		rc |= kubeconfig_abs(body, "tokenFile", dir);
	}
	return rc < 0 ? -1 : 0;
}

/* One file, parsed and checked; a blank file is an empty Config. */
static int
kubeconfig_read(const char *path, json_t **out, struct err *err)
{
	struct buf b = BUF_INIT(KUBECONFIG_MAX_FILE);
	json_t *doc = NULL, *v;
	size_t i;
	int ret = -1;

	*out = NULL;
	if (kubeconfig_slurp(path, &b, err) < 0)
		goto out;
	if (kubeconfig_blank(buf_str(&b))) {
		doc = json_object();
	} else {
		if (yaml_parse_one(buf_str(&b), b.len, &doc, err) < 0) {
			err_wrap(err, "error loading config file \"%s\"",
			    path);
			goto out;
		}
		if (json_is_null(doc)) {
			json_decref(doc);
			doc = json_object();
		}
	}
	if (!json_is_object(doc)) {
		err_set(err, ERR_BAD_REQUEST, "error loading config file "
		    "\"%s\": not a Config object", path);
		goto out;
	}
	for (i = 0; i < sizeof kubeconfig_lists / sizeof kubeconfig_lists[0];
	    i++) {
		v = json_object_get(doc, kubeconfig_lists[i].list);
		if (v != NULL && !json_is_array(v) && !json_is_null(v)) {
			err_set(err, ERR_BAD_REQUEST, "error loading config "
			    "file \"%s\": %s: not a list", path,
			    kubeconfig_lists[i].list);
			goto out;
		}
	}
	v = json_object_get(doc, "current-context");
	if (v != NULL && !json_is_string(v) && !json_is_null(v)) {
		err_set(err, ERR_BAD_REQUEST, "error loading config file "
		    "\"%s\": current-context: not a string", path);
		goto out;
	}
	if (kubeconfig_resolve_paths(doc, path) < 0) {
		err_set(err, ERR_BAD_REQUEST, "error loading config file "
		    "\"%s\": path too long", path);
		goto out;
	}
	*out = doc;
	doc = NULL;
	ret = 0;
out:
	json_decref(doc);
	buf_release(&b);
	return ret;
}

static json_t *
kubeconfig_find(const json_t *list, const char *name)
{
	json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		const char *n = json_string_value(json_object_get(e, "name"));

		if (n != NULL && strcmp(n, name) == 0)
			return e;
	}
	return NULL;
}

/* Merges src into dst: the first file to set a name (or a value) wins. */
static void
kubeconfig_merge(json_t *dst, const json_t *src)
{
	const json_t *e, *v;
	const char *name, *cur;
	json_t *dl;
	size_t i, j;

	for (i = 0; i < sizeof kubeconfig_lists / sizeof kubeconfig_lists[0];
	    i++) {
		dl = json_object_get(dst, kubeconfig_lists[i].list);
		if (!json_is_array(dl) && json_array_size(json_object_get(src,
		    kubeconfig_lists[i].list)) > 0) {
			dl = json_array();
			json_object_set_new(dst, kubeconfig_lists[i].list, dl);
		}
		json_array_foreach(json_object_get(src,
		    kubeconfig_lists[i].list), j, e) {
			name = json_string_value(json_object_get(e, "name"));
			if (name == NULL || kubeconfig_find(dl, name) != NULL)
				continue;
			json_array_append_new(dl, json_deep_copy(e));
		}
	}
	cur = json_string_value(json_object_get(dst, "current-context"));
	v = json_object_get(src, "current-context");
	if ((cur == NULL || cur[0] == '\0') && json_is_string(v) &&
	    json_string_length(v) > 0)
		json_object_set_new(dst, "current-context", json_deep_copy(v));
	v = json_object_get(src, "preferences");
	if (json_object_get(dst, "preferences") == NULL && json_is_object(v))
		json_object_set_new(dst, "preferences", json_deep_copy(v));
}

static json_t *
kubeconfig_empty(void)
{
	return json_pack("{s:s, s:s, s:[], s:[], s:[], s:s}", "apiVersion",
	    "v1", "kind", "Config", "clusters", "users", "contexts",
	    "current-context", "");
}

int
kubeconfig_load(struct kubeconfig *kc, const char *explicit_path,
    struct err *err)
{
	char *list = NULL, *p, *next, *files[KUBECONFIG_MAX_FILES];
	const char *env, *home;
	json_t *doc = NULL;
	struct stat st;
	int n = 0, i, j, dup, ret = -1;

	memset(kc, 0, sizeof *kc);
	kc->doc = kubeconfig_empty();
	if (kc->doc == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (explicit_path != NULL && explicit_path[0] != '\0') {
		snprintf(kc->path, sizeof kc->path, "%s", explicit_path);
		if (kubeconfig_read(explicit_path, &doc, err) < 0)
			goto out;
		kubeconfig_merge(kc->doc, doc);
		json_decref(doc);
		ret = 0;
		goto out;
	}
	env = getenv("KUBECONFIG");
	if (env != NULL && env[0] != '\0') {
		if ((list = strdup(env)) == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
		for (p = list; p != NULL && n < KUBECONFIG_MAX_FILES; p = next) {
			next = strchr(p, ':');
			if (next != NULL)
				*next++ = '\0';
			if (p[0] == '\0')
				continue;
			for (dup = 0, j = 0; j < n; j++)
				dup |= strcmp(files[j], p) == 0;
			if (!dup)
				files[n++] = p;
		}
	}
	if (n > 0) {
		/* writes go to the first file that exists, else the last */
		snprintf(kc->path, sizeof kc->path, "%s", files[n - 1]);
		for (i = 0; i < n; i++) {
			if (stat(files[i], &st) == 0) {
				snprintf(kc->path, sizeof kc->path, "%s",
				    files[i]);
				break;
			}
		}
		for (i = 0; i < n; i++) {
			if (kubeconfig_read(files[i], &doc, err) < 0) {
				if (err->reason == ERR_NOT_FOUND) {
					err_clear(err);
					continue;	/* skipped, as kubectl */
				}
				goto out;
			}
			kubeconfig_merge(kc->doc, doc);
			json_decref(doc);
		}
		ret = 0;
		goto out;
	}
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		home = "/";
	snprintf(kc->path, sizeof kc->path, "%s%s.kube/config", home,
	    home[strlen(home) - 1] == '/' ? "" : "/");
	if (kubeconfig_read(kc->path, &doc, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto out;
		err_clear(err);
	} else {
		kubeconfig_merge(kc->doc, doc);
		json_decref(doc);
	}
	ret = 0;
out:
	free(list);
	if (ret < 0) {
		json_decref(kc->doc);
		kc->doc = NULL;
	}
	return ret;
}

static const char *
kubeconfig_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/*
 * Loads "<key>-data" (base64) or else the file "<key>" of body into *out
 * (NULL when neither is set).
 */
static int
kubeconfig_data(const json_t *body, const char *key, const char *what,
    char **out, struct err *err)
{
	struct buf b = BUF_INIT(KUBECONFIG_MAX_FILE);
	char dkey[64];
	const char *data, *file;

	*out = NULL;
	snprintf(dkey, sizeof dkey, "%s-data", key);
	data = kubeconfig_str(body, dkey);
	file = kubeconfig_str(body, key);
	if (data[0] != '\0') {
		if (base64_decode(data, strlen(data), &b) < 0) {
			buf_release(&b);
			return err_set(err, ERR_BAD_REQUEST, "%s: %s: illegal "
			    "base64 data", what, dkey);
		}
	} else if (file[0] != '\0') {
		if (kubeconfig_slurp(file, &b, err) < 0) {
			buf_release(&b);
			err_wrap(err, "unable to read %s %s for %s", key,
			    file, what);
			err->reason = ERR_BAD_REQUEST;
			return -1;
		}
	} else {
		return 0;
	}
	*out = buf_detach(&b, NULL);
	return 0;
}

int
kubeconfig_resolve(const struct kubeconfig *kc, const char *context,
    struct kube_target *t, struct err *err)
{
	const json_t *ctx, *cl, *us = NULL, *e;
	const char *name, *ns, *tokfile;
	struct buf b = BUF_INIT(1 << 20);
	size_t n;
	char *s;

	memset(t, 0, sizeof *t);
	if (kc->doc == NULL)
		return err_set(err, ERR_BAD_REQUEST, "no configuration has "
		    "been loaded");
	name = context != NULL && context[0] != '\0' ? context :
	    kubeconfig_str(kc->doc, "current-context");
	if (name[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "invalid configuration: "
		    "no configuration has been provided, try setting "
		    "KUBERNETES_MASTER environment variable");
	e = kubeconfig_find(json_object_get(kc->doc, "contexts"), name);
	if (e == NULL)
		return err_set(err, ERR_BAD_REQUEST, "context was not found "
		    "for specified context: %s", name);
	ctx = json_object_get(e, "context");
	snprintf(t->context, sizeof t->context, "%s", name);
	snprintf(t->cluster, sizeof t->cluster, "%s",
	    kubeconfig_str(ctx, "cluster"));
	snprintf(t->user, sizeof t->user, "%s", kubeconfig_str(ctx, "user"));
	ns = kubeconfig_str(ctx, "namespace");
	snprintf(t->ns, sizeof t->ns, "%s", ns[0] != '\0' ? ns : "default");

	if (t->cluster[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "invalid configuration: "
		    "cluster was not specified for context \"%s\"", name);
	e = kubeconfig_find(json_object_get(kc->doc, "clusters"), t->cluster);
	if (e == NULL)
		return err_set(err, ERR_BAD_REQUEST, "invalid configuration: "
		    "cluster \"%s\" was not found for context \"%s\"",
		    t->cluster, name);
	cl = json_object_get(e, "cluster");
	if (kubeconfig_str(cl, "server")[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "invalid configuration: "
		    "no server found for cluster \"%s\"", t->cluster);
	snprintf(t->server, sizeof t->server, "%s",
	    kubeconfig_str(cl, "server"));
	t->insecure = json_is_true(json_object_get(cl,
	    "insecure-skip-tls-verify"));
	if (t->user[0] != '\0') {
		e = kubeconfig_find(json_object_get(kc->doc, "users"),
		    t->user);
		if (e == NULL)
			return err_set(err, ERR_BAD_REQUEST, "invalid "
			    "configuration: user \"%s\" was not found for "
			    "context \"%s\"", t->user, name);
		us = json_object_get(e, "user");
	}
	if (kubeconfig_data(cl, "certificate-authority", t->cluster,
	    &t->ca_pem, err) < 0)
		goto fail;
	if (us == NULL)
		return 0;
	if (kubeconfig_data(us, "client-certificate", t->user, &t->cert_pem,
	    err) < 0 || kubeconfig_data(us, "client-key", t->user,
	    &t->key_pem, err) < 0)
		goto fail;
	if ((t->cert_pem == NULL) != (t->key_pem == NULL)) {
		err_set(err, ERR_BAD_REQUEST, "invalid configuration: %s for "
		    "%s to use the clientCert authentication method",
		    t->cert_pem ? "client-key-data or client-key must be "
		    "specified" : "client-cert-data or client-cert must be "
		    "specified", t->user);
		goto fail;
	}
	tokfile = kubeconfig_str(us, "tokenFile");
	if (kubeconfig_str(us, "token")[0] != '\0') {
		t->token = strdup(kubeconfig_str(us, "token"));
	} else if (tokfile[0] != '\0') {
		if (kubeconfig_slurp(tokfile, &b, err) < 0) {
			err->reason = ERR_BAD_REQUEST;
			goto fail;
		}
		s = buf_detach(&b, &n);
		while (n > 0 && isspace((unsigned char)s[n - 1]))
			s[--n] = '\0';
		n = strspn(s, " \t\r\n");
		memmove(s, s + n, strlen(s + n) + 1);
		t->token = s;
	} else {
		return 0;
	}
	if (t->token == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	return 0;
fail:
	buf_release(&b);
	kube_target_release(t);
	return -1;
}

/* Writes data to path atomically, mode 0600, making its directory. */
static int
kubeconfig_write_file(const char *path, const char *data, size_t len,
    struct err *err)
{
	char dir[4096];
	const char *slash;

	slash = strrchr(path, '/');
	if (slash != NULL && slash != path) {
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return err_set(err, ERR_INTERNAL, "mkdir %s: %s", dir,
			    strerror(errno));
	}
	return file_write_atomic(path, data, len, 0600, err);
}

static int
kubeconfig_write_doc(const char *path, const json_t *doc, struct err *err)
{
	struct buf b = BUF_INIT(KUBECONFIG_MAX_FILE);
	int ret;

	if (yaml_emit(doc, &b) < 0) {
		buf_release(&b);
		return err_set(err, ERR_INTERNAL, "%s: cannot encode the "
		    "config", path);
	}
	ret = kubeconfig_write_file(path, buf_str(&b), b.len, err);
	buf_release(&b);
	return ret;
}

int
kubeconfig_save(const struct kubeconfig *kc, struct err *err)
{
	if (kc->doc == NULL || kc->path[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "no kubeconfig to save");
	return kubeconfig_write_doc(kc->path, kc->doc, err);
}

void
kubeconfig_release(struct kubeconfig *kc)
{
	json_decref(kc->doc);
	kc->doc = NULL;
}

void
kube_target_release(struct kube_target *t)
{
	free(t->ca_pem);
	free(t->cert_pem);
	if (t->key_pem != NULL)
		explicit_bzero(t->key_pem, strlen(t->key_pem));
	free(t->key_pem);
	if (t->token != NULL)
		explicit_bzero(t->token, strlen(t->token));
	free(t->token);
	t->ca_pem = t->cert_pem = t->key_pem = t->token = NULL;
}

/* One cluster, user and context; token or cert_pem and key_pem. */
static int
kubeconfig_write_one(const char *path, const char *server,
    const char *ca_pem, const char *token, const char *cert_pem,
    const char *key_pem, const char *cluster_name, const char *user_name,
    const char *context_name)
{
	struct buf ca = BUF_INIT(KUBECONFIG_MAX_FILE);
	struct buf b64 = BUF_INIT(KUBECONFIG_MAX_FILE);
	json_t *doc, *cluster, *user;
	struct err err;
	int ret = -1;

	err_clear(&err);
	cluster = json_pack("{s:s}", "server", server);
	user = json_object();
	if (cluster == NULL || user == NULL)
		goto fail;
	if (ca_pem != NULL) {
		if (base64_encode(ca_pem, strlen(ca_pem), 0, &ca) < 0)
			goto fail;
		json_object_set_new(cluster, "certificate-authority-data",
		    json_string(buf_str(&ca)));
	}
	if (token != NULL)
		json_object_set_new(user, "token", json_string(token));
	if (cert_pem != NULL && key_pem != NULL) {
		if (base64_encode(cert_pem, strlen(cert_pem), 0, &b64) < 0)
			goto fail;
		json_object_set_new(user, "client-certificate-data",
		    json_string(buf_str(&b64)));
		buf_reset(&b64);
		if (base64_encode(key_pem, strlen(key_pem), 0, &b64) < 0)
			goto fail;
		json_object_set_new(user, "client-key-data",
		    json_string(buf_str(&b64)));
	}
	doc = json_pack("{s:s, s:s, s:[{s:s, s:o}], s:[{s:s, s:o}],"
	    " s:[{s:s, s:{s:s, s:s}}], s:s, s:{}}",
	    "apiVersion", "v1", "kind", "Config",
	    "clusters", "name", cluster_name, "cluster", cluster,
	    "users", "name", user_name, "user", user,
	    "contexts", "name", context_name, "context", "cluster",
	    cluster_name, "user", user_name,
	    "current-context", context_name, "preferences");
	cluster = user = NULL;	/* stolen by "o", even on failure */
	if (doc == NULL)
		goto fail;
	ret = kubeconfig_write_doc(path, doc, &err);
	json_decref(doc);
fail:
	json_decref(cluster);
	json_decref(user);
	buf_release(&ca);
	if (b64.data != NULL)
		explicit_bzero(b64.data, b64.len);
	buf_release(&b64);
	return ret;
}

int
kubeconfig_write_admin(const char *path, const char *server,
    const char *ca_pem, const char *token, const char *name)
{
	return kubeconfig_write_one(path, server, ca_pem, token, NULL, NULL,
	    name, name, name);
}

int
kubeconfig_write_cert(const char *path, const char *server,
    const char *ca_pem, const char *cert_pem, const char *key_pem,
    const char *cluster, const char *user)
{
	char context[600];

	snprintf(context, sizeof context, "%s@%s", user, cluster);
	return kubeconfig_write_one(path, server, ca_pem, NULL, cert_pem,
	    key_pem, cluster, user, context);
}
