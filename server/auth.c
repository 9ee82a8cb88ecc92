/* auth.c - bearer token authentication and RBAC authorization (see auth.h).
 *
 * Tokens live in a hash map from token to user: the admin token (made on
 * first start and kept in DIR/pki/admin.token) and the lines of an
 * optional kube-apiserver --token-auth-file.  Authorization evaluates the
 * RBAC objects of the watch cache the way kube-apiserver's RBAC authorizer
 * does (plugin/pkg/auth/authorizer/rbac): any rule of any role bound to
 * the user that matches allows; nothing denies.  Only the bindings that
 * name the user are taken from the cache (filtered under its lock), their
 * roles are looked up by key, and the first allowing rule ends the walk.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/hmap.h"
#include "../lib/file.h"
#include "auth.h"
#include "cache.h"
#include "registry/registry.h"
#include "server.h"

#define AUTH_MAX_FILE		((size_t)16 << 20)
#define AUTH_MAX_FIELDS		4
#define AUTH_ADMIN_USER		"kubec-admin"
#define AUTH_GROUP_MASTERS	"system:masters"
#define AUTH_GROUP_AUTHED	"system:authenticated"
#define AUTH_GROUP_UNAUTHED	"system:unauthenticated"
#define AUTH_ANONYMOUS		"system:anonymous"
#define AUTH_RBAC_GROUP		"rbac.authorization.k8s.io"
#define AUTH_SA_PREFIX		"system:serviceaccount:"

static struct auth_index *auth_index_new(void);
static void	auth_index_free(struct auth_index *x);

struct auth_tok {
	char		*token;		/* the key */
	struct auth_user u;
};

static int
auth_read_file(const char *path, struct buf *b, struct err *err)
{
	return file_read(path, b, err);
}

static int
auth_add_group(struct auth_user *u, const char *g)
{
	int i;

	for (i = 0; i < u->ngroups; i++)
		if (strcmp(u->groups[i], g) == 0)
			return 0;
	if (u->ngroups >= AUTH_MAX_GROUPS || strlen(g) >= sizeof u->groups[0])
		return -1;
	snprintf(u->groups[u->ngroups++], sizeof u->groups[0], "%s", g);
	return 0;
}

/* Adds (or replaces: the last line wins, as in kube) a token. */
static int
auth_put(struct auth *a, const char *token, const struct auth_user *u,
    struct err *err)
{
	struct auth_tok *t, *old;
	int e;

	t = calloc(1, sizeof *t);
	if (t == NULL || (t->token = strdup(token)) == NULL) {
		free(t);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	t->u = *u;
	old = hmap_put(a->tokens, t->token, t, &e);
	if (e < 0) {
		free(t->token);
		free(t);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	if (old != NULL) {
		free(old->token);
		free(old);
	}
	return 0;
}

/*
 * One CSV record as Go's encoding/csv reads it (quoted fields with ""
 * escapes, which may span lines; a quote inside an unquoted field is an
 * error).  Blank lines and lines starting with '#' are skipped.  Returns
 * the number of fields (the first AUTH_MAX_FIELDS are kept in f), 0 at
 * the end, -1 on a syntax error.
 */
static int
auth_csv_record(const char **pp, const char *end, struct buf *f, int *line)
{
	const char *p = *pp;
	int n = 0, i;

	for (i = 0; i < AUTH_MAX_FIELDS; i++)
		buf_reset(&f[i]);
	/* skip blank and comment lines */
	for (;;) {
		if (p >= end)
			return 0;
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			(*line)++;
			continue;
		}
		if (*p == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		break;
	}
	for (;;) {
		struct buf *cur = n < AUTH_MAX_FIELDS ? &f[n] : NULL;

		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end)
					return -1;	/* unterminated */
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						if (cur && buf_addc(cur, '"') < 0)
							return -1;
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					(*line)++;
				if (cur && buf_addc(cur, *p) < 0)
					return -1;
				p++;
			}
			if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			if (p < end && *p != ',' && *p != '\n')
				return -1;	/* extraneous " in field */
		} else {
			while (p < end && *p != ',' && *p != '\n') {
				if (*p == '"')
					return -1;	/* bare " */
				if (*p == '\r' && p + 1 < end && p[1] == '\n') {
					p++;
					continue;
				}
				if (cur && buf_addc(cur, *p) < 0)
					return -1;
				p++;
			}
		}
		n++;
		if (p >= end)
			break;
		if (*p == '\n') {
			p++;
			(*line)++;
			break;
		}
		p++;	/* ',' */
	}
	*pp = p;
	return n;
}

/* Loads a kube-apiserver --token-auth-file. */
static int
auth_load_token_file(struct auth *a, const char *path, struct err *err)
{
	struct buf data = BUF_INIT(AUTH_MAX_FILE);
	struct buf f[AUTH_MAX_FIELDS];
	struct auth_user u;
	const char *p, *end, *g, *comma;
	char group[256];
	int i, n, line = 1, start, ret = -1;

	for (i = 0; i < AUTH_MAX_FIELDS; i++)
		buf_init(&f[i], 64 << 10);
	if (auth_read_file(path, &data, err) < 0)
		goto out;
	p = buf_str(&data);
	end = p + data.len;
	for (;;) {
		start = line;
		n = auth_csv_record(&p, end, f, &line);
		if (n == 0)
			break;
		if (n < 0) {
			err_set(err, ERR_BAD_REQUEST, "token file %s: line %d: "
			    "bad CSV", path, start);
			goto out;
		}
		if (n < 3) {
			err_set(err, ERR_BAD_REQUEST, "token file '%s' must "
			    "have at least 3 columns (token, user name, user "
			    "uid), found %d", path, n);
			goto out;
		}
		if (f[0].len == 0)
			continue;	/* kube warns and skips */
		memset(&u, 0, sizeof u);
		if (f[1].len >= sizeof u.name || f[2].len >= sizeof u.uid) {
			err_set(err, ERR_BAD_REQUEST, "token file %s: line %d: "
			    "user name or uid too long", path, start);
			goto out;
		}
		snprintf(u.name, sizeof u.name, "%s", buf_str(&f[1]));
		snprintf(u.uid, sizeof u.uid, "%s", buf_str(&f[2]));
		for (g = buf_str(&f[3]); n >= 4 && *g != '\0'; g = comma + 1) {
			comma = strchr(g, ',');
			if (comma == NULL)
				comma = g + strlen(g);
			snprintf(group, sizeof group, "%.*s", (int)(comma - g),
			    g);
			if (group[0] != '\0' && auth_add_group(&u, group) < 0) {
				err_set(err, ERR_BAD_REQUEST, "token file %s: "
				    "line %d: too many groups (at most %d)",
				    path, start, AUTH_MAX_GROUPS - 1);
				goto out;
			}
			if (*comma == '\0')
				break;
		}
		if (auth_add_group(&u, AUTH_GROUP_AUTHED) < 0) {
			err_set(err, ERR_BAD_REQUEST, "token file %s: line %d: "
			    "too many groups (at most %d)", path, start,
			    AUTH_MAX_GROUPS - 1);
			goto out;
		}
		if (auth_put(a, buf_str(&f[0]), &u, err) < 0)
			goto out;
	}
	ret = 0;
out:
	for (i = 0; i < AUTH_MAX_FIELDS; i++)
		buf_release(&f[i]);
	if (data.data != NULL)
		explicit_bzero(data.data, data.len);
	buf_release(&data);
	return ret;
}

static int
auth_write_token(const char *path, const char *tok, struct err *err)
{
	struct buf b = BUF_INIT(4096);
	int rc;

	if (buf_addf(&b, "%s\n", tok) < 0)
		return err_set(err, ERR_INTERNAL, "token too long");
	rc = file_write_atomic(path, b.data, b.len, 0600, err);
	buf_release(&b);
	return rc;
}

/* Reads DIR/pki/admin.token, or makes it. */
static int
auth_admin(struct auth *a, const char *data_dir, struct err *err)
{
	struct buf b = BUF_INIT(4096);
	unsigned char rnd[32];
	char dir[4096], path[4200];
	const char *s;
	size_t i, len;
	int rc;

	snprintf(dir, sizeof dir, "%s/pki", data_dir);
	snprintf(path, sizeof path, "%s/admin.token", dir);
	if (auth_read_file(path, &b, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto fail;
		err_clear(err);
	}
	s = buf_str(&b);
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	len = strcspn(s, " \t\r\n");
	if (len >= sizeof a->admin_token) {
		err_set(err, ERR_INTERNAL, "%s: token too long", path);
		goto fail;
	}
	if (len > 0) {
		snprintf(a->admin_token, sizeof a->admin_token, "%.*s",
		    (int)len, s);
	} else {
		if ((rc = gnutls_rnd(GNUTLS_RND_KEY, rnd, sizeof rnd)) < 0) {
			err_set(err, ERR_INTERNAL, "random token: %s",
			    gnutls_strerror(rc));
			goto fail;
		}
		for (i = 0; i < sizeof rnd; i++)
			snprintf(a->admin_token + 2 * i, 3, "%02x", rnd[i]);
		explicit_bzero(rnd, sizeof rnd);
		if ((mkdir(data_dir, 0700) < 0 && errno != EEXIST) ||
		    (mkdir(dir, 0700) < 0 && errno != EEXIST)) {
			err_set(err, ERR_INTERNAL, "cannot create %s: %s", dir,
			    strerror(errno));
			goto fail;
		}
		if (auth_write_token(path, a->admin_token, err) < 0)
			goto fail;
	}
	buf_release(&b);
	return 0;
fail:
	buf_release(&b);
	return -1;
}

/* Reads the token in path (first word), or makes a random one there. */
static int
auth_secret(const char *path, char *out, size_t n, struct err *err)
{
	struct buf b = BUF_INIT(4096);
	unsigned char rnd[16];
	const char *s;
	size_t i, len;
	int rc = 0;

	if (auth_read_file(path, &b, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto fail;
		err_clear(err);
	}
	s = buf_str(&b);
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	len = strcspn(s, " \t\r\n");
	if (len > 0 && len < n) {
		snprintf(out, n, "%.*s", (int)len, s);
		goto out;
	}
	if (gnutls_rnd(GNUTLS_RND_KEY, rnd, sizeof rnd) < 0 ||
	    n < 2 * sizeof rnd + 1) {
		err_set(err, ERR_INTERNAL, "cannot make a secret");
		goto fail;
	}
	for (i = 0; i < sizeof rnd; i++)
		snprintf(out + 2 * i, 3, "%02x", rnd[i]);
	explicit_bzero(rnd, sizeof rnd);
	if (auth_write_token(path, out, err) < 0)
		goto fail;
out:
	buf_release(&b);
	return rc;
fail:
	rc = -1;
	goto out;
}

int
auth_node_token(struct auth *a, const char *data_dir, const char *ca_pem,
    struct err *err)
{
	unsigned char md[32];
	char secret[128], hex[65], path[4200];
	struct auth_user u;
	size_t i;

	snprintf(path, sizeof path, "%s/pki/node.secret", data_dir);
	if (auth_secret(path, secret, sizeof secret, err) < 0)
		return -1;
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, ca_pem, strlen(ca_pem),
	    md) < 0)
		return err_set(err, ERR_INTERNAL, "cannot hash the CA");
	for (i = 0; i < sizeof md; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	snprintf(a->node_token, sizeof a->node_token, "K10%s::node:%s", hex,
	    secret);
	explicit_bzero(secret, sizeof secret);
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "kubec:node");
	snprintf(u.uid, sizeof u.uid, "kubec:node");
	auth_add_group(&u, "system:nodes");
	auth_add_group(&u, AUTH_GROUP_AUTHED);
	if (auth_put(a, a->node_token, &u, err) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/node-token", data_dir);
	return auth_write_token(path, a->node_token, err);
}

int
auth_init(struct auth *a, const char *data_dir, const char *token_file,
    struct err *err)
{
	struct auth_user u;

	memset(a, 0, sizeof *a);
	a->tokens = calloc(1, sizeof *a->tokens);
	a->index = auth_index_new();
	if (a->tokens == NULL || a->index == NULL) {
		free(a->tokens);
		auth_index_free(a->index);
		a->tokens = NULL;
		a->index = NULL;
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	if (token_file != NULL && token_file[0] != '\0' &&
	    auth_load_token_file(a, token_file, err) < 0)
		goto fail;
	if (auth_admin(a, data_dir, err) < 0)
		goto fail;
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", AUTH_ADMIN_USER);
	snprintf(u.uid, sizeof u.uid, "%s", AUTH_ADMIN_USER);
	auth_add_group(&u, AUTH_GROUP_MASTERS);
	auth_add_group(&u, AUTH_GROUP_AUTHED);
	if (auth_put(a, a->admin_token, &u, err) < 0)
		goto fail;
	return 0;
fail:
	auth_release(a);
	return -1;
}

void
auth_release(struct auth *a)
{
	struct hmap_entry *e;
	struct auth_tok *t;
	size_t it;

	if (a->tokens != NULL) {
		for (e = hmap_first(a->tokens, &it); e != NULL;
		    e = hmap_next(a->tokens, &it, e)) {
			t = e->value;
			explicit_bzero(t->token, strlen(t->token));
			free(t->token);
			free(t);
		}
		hmap_release(a->tokens);
		free(a->tokens);
		a->tokens = NULL;
	}
	explicit_bzero(a->admin_token, sizeof a->admin_token);
	explicit_bzero(a->node_token, sizeof a->node_token);
	auth_index_free(a->index);
	a->index = NULL;
}

int
auth_token(const struct auth *a, const char *header, struct auth_user *u)
{
	const char *p, *tok, *end;
	char buf[1024];
	struct auth_tok *t;
	size_t n;

	if (header == NULL || a->tokens == NULL)
		return -1;
	/* as kube's bearertoken: TrimSpace, SplitN(" ", 3) */
	p = header;
	while (*p != '\0' && isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "bearer ", 7) != 0)
		return -1;
	tok = p + 7;
	end = strchr(tok, ' ');
	n = end != NULL ? (size_t)(end - tok) : strlen(tok);
	while (end == NULL && n > 0 && isspace((unsigned char)tok[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, tok, n);
	buf[n] = '\0';
	t = hmap_get(a->tokens, buf);
	explicit_bzero(buf, n);
	if (t == NULL)
		return -1;
	*u = t->u;
	return 0;
}

const char *
auth_admin_token(const struct auth *a)
{
	return a->admin_token;
}

/* ---- RBAC ---- */

static int
auth_str_in(const json_t *arr, const char *s)
{
	const json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

/* VerbMatches / APIGroupMatches: "*" or an exact element. */
static int
auth_list_matches(const json_t *arr, const char *s)
{
	return auth_str_in(arr, "*") || auth_str_in(arr, s);
}

int
auth_rule_allows(const json_t *rule, const char *verb, const char *group,
    const char *resource, const char *name)
{
	const json_t *res, *names, *v;
	const char *sub, *r;
	size_t i, sublen;

	if (!json_is_object(rule))
		return 0;
	if (!auth_list_matches(json_object_get(rule, "verbs"), verb))
		return 0;
	if (!auth_list_matches(json_object_get(rule, "apiGroups"),
	    group ? group : ""))
		return 0;
	/* ResourceMatches: "*", the exact "res/sub", or "*" + "/sub" */
	sub = strchr(resource, '/');
	sub = sub != NULL ? sub + 1 : NULL;
	sublen = sub != NULL ? strlen(sub) : 0;
	res = json_object_get(rule, "resources");
	json_array_foreach(res, i, v) {
		if (!json_is_string(v))
			continue;
		r = json_string_value(v);
		if (strcmp(r, "*") == 0 || strcmp(r, resource) == 0)
			break;
		if (sub != NULL && strlen(r) == sublen + 2 &&
		    strncmp(r, "*/", 2) == 0 && strcmp(r + 2, sub) == 0)
			break;
	}
	if (i >= json_array_size(res))
		return 0;
	/* ResourceNameMatches */
	names = json_object_get(rule, "resourceNames");
	if (json_array_size(names) == 0)
		return 1;
	return name != NULL && name[0] != '\0' && auth_str_in(names, name);
}

int
auth_rule_allows_path(const json_t *rule, const char *verb, const char *path)
{
	const json_t *urls, *v;
	const char *s;
	size_t i, n;

	if (!json_is_object(rule) ||
	    !auth_list_matches(json_object_get(rule, "verbs"), verb))
		return 0;
	urls = json_object_get(rule, "nonResourceURLs");
	json_array_foreach(urls, i, v) {
		if (!json_is_string(v))
			continue;
		s = json_string_value(v);
		n = strlen(s);
		if (strcmp(s, "*") == 0 || strcmp(s, path) == 0)
			return 1;
		if (n > 0 && s[n - 1] == '*' && strncmp(s, path, n - 1) == 0)
			return 1;
	}
	return 0;
}

static int
auth_has_group(const struct auth_user *u, const char *g)
{
	int i;

	for (i = 0; i < u->ngroups && i < AUTH_MAX_GROUPS; i++)
		if (strcmp(u->groups[i], g) == 0)
			return 1;
	return 0;
}

void
auth_anonymous(struct auth_user *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", AUTH_ANONYMOUS);
	snprintf(u->groups[0], sizeof u->groups[0], "%s", AUTH_GROUP_UNAUTHED);
	u->ngroups = 1;
}

static int
auth_in_group(const struct auth_user *u, const char *g)
{
	/* everyone but the anonymous user is authenticated */
	if (strcmp(g, AUTH_GROUP_AUTHED) == 0)
		return !auth_has_group(u, AUTH_GROUP_UNAUTHED);
	return auth_has_group(u, g);
}

static const char *
auth_jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* appliesToUser: binding_ns is "" for ClusterRoleBindings. */
static int
auth_subject_applies(const json_t *subj, const struct auth_user *u,
    const char *binding_ns)
{
	const char *kind = auth_jstr(subj, "kind");
	const char *name = auth_jstr(subj, "name");
	const char *ns = auth_jstr(subj, "namespace"), *p;
	size_t nslen;

	if (strcmp(kind, "User") == 0)
		return strcmp(u->name, name) == 0;
	if (strcmp(kind, "Group") == 0)
		return auth_in_group(u, name);
	if (strcmp(kind, "ServiceAccount") == 0) {
		if (ns[0] == '\0')
			ns = binding_ns;
		if (ns[0] == '\0')
			return 0;
		if (strncmp(u->name, AUTH_SA_PREFIX,
		    strlen(AUTH_SA_PREFIX)) != 0)
			return 0;
		p = u->name + strlen(AUTH_SA_PREFIX);
		nslen = strlen(ns);
		return strncmp(p, ns, nslen) == 0 && p[nslen] == ':' &&
		    strcmp(p + nslen + 1, name) == 0;
	}
	return 0;
}

static int
auth_binding_applies(const json_t *b, const struct auth_user *u,
    const char *binding_ns)
{
	const json_t *subj;
	size_t i;

	json_array_foreach(json_object_get(b, "subjects"), i, subj)
		if (auth_subject_applies(subj, u, binding_ns))
			return 1;
	return 0;
}

struct auth_req {
	const char	*verb, *group, *resource, *name, *path;
};

static int
auth_role_allows(const json_t *role, const struct auth_req *q)
{
	const json_t *rule;
	size_t i;

	json_array_foreach(json_object_get(role, "rules"), i, rule) {
		if (q->path != NULL ? auth_rule_allows_path(rule, q->verb,
		    q->path) : auth_rule_allows(rule, q->verb, q->group,
		    q->resource, q->name))
			return 1;
	}
	return 0;
}

/*
 * One evaluation, as the RBAC authorizer's visitor walks it: the
 * ClusterRoleBindings that apply to the user, then (for a namespaced
 * resource request) the RoleBindings of the namespace, each role looked
 * up by name; the first rule that allows ends it.  Roles that cannot be
 * found are remembered for the reason of a denial.
 */
struct auth_eval {
	const struct auth_user	*u;
	const struct auth_req	*q;
	/* the role kind ("ClusterRole", "Role") named in ns; NULL when it
	 * is not there.  *ref is handed to unref once the role was used. */
	const json_t		*(*role)(void *arg, const char *kind,
				    const char *ns, const char *name,
				    void **ref);
	void			 (*unref)(void *ref);
	void			*arg;
	struct buf		*why;	/* NULL: not wanted */
	int			 nerrs;
};

/* Records one error: what "\"" arg "\"" tail. */
static void
auth_eval_error(struct auth_eval *e, const char *what, const char *arg,
    const char *tail)
{
	if (e->why == NULL)
		return;
	buf_addf(e->why, "%s%s \"%s\"%s", e->nerrs == 0 ? "" : ", ", what,
	    arg, tail);
	e->nerrs++;
}

/* A binding that applies (bns "" for a ClusterRoleBinding): 1 = allowed. */
static int
auth_eval_binding(struct auth_eval *e, const json_t *b, const char *bns)
{
	const json_t *ref = json_object_get(b, "roleRef"), *role;
	const char *kind = auth_jstr(ref, "kind"), *name = auth_jstr(ref, "name");
	void *h = NULL;
	int ok;

	if (strcmp(kind, "ClusterRole") != 0 && strcmp(kind, "Role") != 0) {
		auth_eval_error(e, "unsupported role reference kind:", kind,
		    "");
		return 0;
	}
	role = e->role(e->arg, kind, strcmp(kind, "Role") == 0 ? bns : "",
	    name, &h);
	if (role == NULL) {
		auth_eval_error(e, strcmp(kind, "Role") == 0 ?
		    "role.rbac.authorization.k8s.io" :
		    "clusterrole.rbac.authorization.k8s.io", name,
		    " not found");
		return 0;
	}
	ok = auth_role_allows(role, e->q);
	if (e->unref != NULL)
		e->unref(h);
	return ok;
}

/* "RBAC: <error>" or "RBAC: [<e1>, <e2>]" around the collected errors. */
static void
auth_eval_reason(struct auth_eval *e, size_t start)
{
	struct buf b = BUF_INIT(64 * 1024);

	if (e->why == NULL || e->nerrs == 0)
		return;
	buf_add(&b, e->why->data + start, e->why->len - start);
	buf_truncate(e->why, start);
	buf_addf(e->why, e->nerrs > 1 ? "RBAC: [%s]" : "RBAC: %s",
	    buf_str(&b));
	buf_release(&b);
}

/* ---- over arrays of objects (struct auth_rbac) ---- */

static const json_t *
auth_find_role(const json_t *const *v, size_t n, const char *name,
    const char *ns)
{
	const json_t *m;
	size_t i;

	for (i = 0; i < n; i++) {
		m = json_object_get(v[i], "metadata");
		if (strcmp(auth_jstr(m, "name"), name) == 0 &&
		    (ns == NULL || strcmp(auth_jstr(m, "namespace"), ns) == 0))
			return v[i];
	}
	return NULL;
}

static const json_t *
auth_rbac_role(void *arg, const char *kind, const char *ns, const char *name,
    void **ref)
{
	const struct auth_rbac *r = arg;

	*ref = NULL;
	if (strcmp(kind, "Role") == 0)
		return auth_find_role(r->roles, r->nroles, name, ns);
	return auth_find_role(r->crs, r->ncrs, name, NULL);
}

int
auth_rbac_decide(const struct auth_rbac *r, const struct auth_user *u,
    const char *verb, const char *group, const char *resource,
    const char *ns, const char *name, const char *path, struct buf *why)
{
	struct auth_req q = { verb ? verb : "", group ? group : "",
	    resource ? resource : "", name ? name : "", path };
	struct auth_eval e = { u, &q, auth_rbac_role, NULL, (void *)r, why,
	    0 };
	size_t i, start = why != NULL ? why->len : 0;
	const char *bns;

	if (auth_has_group(u, AUTH_GROUP_MASTERS))
		return 1;
	if (r == NULL)
		return 0;
	for (i = 0; i < r->ncrbs; i++)
		if (auth_binding_applies(r->crbs[i], u, "") &&
		    auth_eval_binding(&e, r->crbs[i], ""))
			return 1;
	for (i = 0; path == NULL && ns != NULL && ns[0] != '\0' &&
	    i < r->nrbs; i++) {
		bns = auth_jstr(json_object_get(r->rbs[i], "metadata"),
		    "namespace");
		if (strcmp(bns, ns) == 0 &&
		    auth_binding_applies(r->rbs[i], u, bns) &&
		    auth_eval_binding(&e, r->rbs[i], bns))
			return 1;
	}
	auth_eval_reason(&e, start);
	return 0;
}

int
auth_rbac_allows(const struct auth_rbac *r, const struct auth_user *u,
    const char *verb, const char *group, const char *resource,
    const char *ns, const char *name)
{
	return auth_rbac_decide(r, u, verb, group, resource, ns, name, NULL,
	    NULL);
}

/* ---- over the watch cache ---- */

struct auth_match {
	const struct auth_user	*u;
	const char		*ns;	/* "" for ClusterRoleBindings */
};

/* cache_list's filter, run with the cache locked: only the bindings that
 * name the user are referenced and sorted. */
static int
auth_binding_filter(void *arg, const struct cobj *o)
{
	const struct auth_match *m = arg;

	return auth_binding_applies(o->obj, m->u, m->ns);
}

static const json_t *
auth_cache_role(void *arg, const char *kind, const char *ns,
    const char *name, void **ref)
{
	const struct auth *a = arg;
	const struct registry_kind *k;
	struct cobj *o;
	char key[1024];

	*ref = NULL;
	k = registry_find(AUTH_RBAC_GROUP, strcmp(kind, "Role") == 0 ?
	    "roles" : "clusterroles");
	if (k == NULL)
		return NULL;
	object_key(k, ns, name, key, sizeof key);
	if ((o = cache_get(a->cache, key)) == NULL)
		return NULL;
	*ref = o;
	return o->obj;
}

static void
auth_cache_unref(void *ref)
{
	cobj_unref(ref);
}

/* The bindings of resource ("clusterrolebindings" or "rolebindings" of
 * ns) that apply to e->u, scanned: 1 as soon as one allows. */
static int
auth_scan_bindings(const struct auth *a, struct auth_eval *e,
    const char *resource, const char *ns)
{
	const struct registry_kind *k = registry_find(AUTH_RBAC_GROUP,
	    resource);
	struct auth_match m = { e->u, ns };
	struct cache_page page;
	struct err err;
	size_t i;
	int ok = 0;

	err_clear(&err);
	if (k == NULL || cache_list(a->cache, k, ns, NULL, 0,
	    auth_binding_filter, &m, &page, &err) < 0)
		return 0;
	for (i = 0; i < page.n && !ok; i++)
		ok = auth_eval_binding(e, page.items[i]->obj, ns);
	cache_page_release(&page);
	return ok;
}

/*
 * The index of the bindings by subject: for ClusterRoleBindings and for
 * RoleBindings, a map from "[<namespace>" AUTH_IX_SEP "]<subject>" (the
 * subject as "U" name, "G" name or "S" namespace AUTH_IX_SEP name) to the
 * bindings that name it.  It is made again when the cache's generation of
 * the kind moves, so a request looks up its user's few keys instead of
 * reading every binding.
 */
#define AUTH_IX_SEP	"\x1f"

struct auth_ixent {
	char		 *key;
	struct cobj	**v;
	size_t		  n, cap;
};

struct auth_ix {
	int		 built;
	uint64_t	 gen;
	struct hmap	 map;		/* key -> struct auth_ixent */
	struct cache_page page;		/* the bindings, referenced */
};

struct auth_index {
	pthread_mutex_t	 mu;
	struct auth_ix	 ix[2];		/* ClusterRoleBindings, RoleBindings */
};

static void
auth_ix_clear(struct auth_ix *ix)
{
	struct hmap_entry *e;
	struct auth_ixent *ent;
	size_t it;

	for (e = hmap_first(&ix->map, &it); e != NULL;
	    e = hmap_next(&ix->map, &it, e)) {
		ent = e->value;
		free(ent->key);
		free(ent->v);
		free(ent);
	}
	hmap_release(&ix->map);
	cache_page_release(&ix->page);
	ix->built = 0;
}

static int
auth_ix_add(struct auth_ix *ix, const char *key, struct cobj *o)
{
	struct auth_ixent *ent = hmap_get(&ix->map, key);
	struct cobj **v;
	int e = 0;

	if (ent == NULL) {
		if ((ent = calloc(1, sizeof *ent)) == NULL ||
		    (ent->key = strdup(key)) == NULL) {
			free(ent);
			return -1;
		}
		hmap_put(&ix->map, ent->key, ent, &e);
		if (e < 0) {
			free(ent->key);
			free(ent);
			return -1;
		}
	}
	if (ent->n > 0 && ent->v[ent->n - 1] == o)
		return 0;	/* the same subject twice in one binding */
	if (ent->n == ent->cap) {
		v = realloc(ent->v, (ent->cap ? 2 * ent->cap : 4) * sizeof *v);
		if (v == NULL)
			return -1;
		ent->v = v;
		ent->cap = ent->cap ? 2 * ent->cap : 4;
	}
	ent->v[ent->n++] = o;
	return 0;
}

/* The key of one subject of a binding in namespace bns ("" for a
 * ClusterRoleBinding); -1 for a subject that never applies. */
static int
auth_ix_subject_key(const json_t *subj, const char *bns, char *out,
    size_t len)
{
	const char *kind = auth_jstr(subj, "kind");
	const char *name = auth_jstr(subj, "name");
	const char *ns = auth_jstr(subj, "namespace");
	int n;

	if (strcmp(kind, "User") == 0)
		n = snprintf(out, len, "%s%sU%s", bns, bns[0] ? AUTH_IX_SEP :
		    "", name);
	else if (strcmp(kind, "Group") == 0)
		n = snprintf(out, len, "%s%sG%s", bns, bns[0] ? AUTH_IX_SEP :
		    "", name);
	else if (strcmp(kind, "ServiceAccount") == 0 &&
	    (ns[0] != '\0' || bns[0] != '\0'))
		n = snprintf(out, len, "%s%sS%s" AUTH_IX_SEP "%s", bns,
		    bns[0] ? AUTH_IX_SEP : "", ns[0] ? ns : bns, name);
	else
		return -1;
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Makes ix again from the cache: every binding of kind k. */
static int
auth_ix_build(const struct auth *a, struct auth_ix *ix,
    const struct registry_kind *k, uint64_t gen)
{
	const json_t *subj;
	struct cobj *o;
	struct err err;
	char key[1024];
	size_t i, j;

	auth_ix_clear(ix);
	err_clear(&err);
	if (cache_list(a->cache, k, "", NULL, 0, NULL, NULL, &ix->page,
	    &err) < 0)
		return -1;
	for (i = 0; i < ix->page.n; i++) {
		o = ix->page.items[i];
		json_array_foreach(json_object_get(o->obj, "subjects"), j,
		    subj) {
			if (auth_ix_subject_key(subj, o->ns, key,
			    sizeof key) == 0 && auth_ix_add(ix, key, o) < 0) {
				auth_ix_clear(ix);
				return -1;
			}
		}
	}
	ix->gen = gen;
	ix->built = 1;
	return 0;
}

static int
auth_cobj_cmp(const void *x, const void *y)
{
	const struct cobj *a = *(struct cobj *const *)x;
	const struct cobj *b = *(struct cobj *const *)y;

	return strcmp(a->key, b->key);
}

/* Appends (referenced) the bindings of ix under key to *v. */
static void
auth_ix_get(struct auth_ix *ix, const char *key, struct cobj ***v,
    size_t *n, size_t *cap)
{
	struct auth_ixent *ent = hmap_get(&ix->map, key);
	struct cobj **nv;
	size_t i;

	for (i = 0; ent != NULL && i < ent->n; i++) {
		if (*n == *cap) {
			nv = realloc(*v, (*cap ? 2 * *cap : 8) * sizeof *nv);
			if (nv == NULL)
				return;
			*v = nv;
			*cap = *cap ? 2 * *cap : 8;
		}
		cobj_ref(ent->v[i]);
		(*v)[(*n)++] = ent->v[i];
	}
}

/* The bindings of ix that name u (in ns for RoleBindings), referenced,
 * sorted by key and each once; -1 when the index cannot be had. */
static int
auth_ix_lookup(const struct auth *a, int which, const char *ns,
    const struct auth_user *u, struct cobj ***out, size_t *nout)
{
	static const char *const res[2] = { "clusterrolebindings",
	    "rolebindings" };
	const struct registry_kind *k = registry_find(AUTH_RBAC_GROUP,
	    res[which]);
	struct auth_ix *ix = &a->index->ix[which];
	const char *pre = which ? ns : "", *sa, *colon;
	struct cobj **v = NULL;
	size_t n = 0, cap = 0, i, j;
	char key[1024];
	uint64_t gen;
	int g;

	if (k == NULL)
		return -1;
	gen = cache_kind_gen(a->cache, k);
	pthread_mutex_lock(&a->index->mu);
	if ((!ix->built || ix->gen != gen) && auth_ix_build(a, ix, k,
	    gen) < 0) {
		pthread_mutex_unlock(&a->index->mu);
		return -1;
	}
#define AUTH_IX_KEY(fmt, ...) do {					\
	snprintf(key, sizeof key, "%s%s" fmt, pre, pre[0] ?		\
	    AUTH_IX_SEP : "", __VA_ARGS__);				\
	auth_ix_get(ix, key, &v, &n, &cap);				\
} while (0)
	AUTH_IX_KEY("U%s", u->name);
	for (g = 0; g < u->ngroups && g < AUTH_MAX_GROUPS; g++)
		if (strcmp(u->groups[g], AUTH_GROUP_AUTHED) != 0)
			AUTH_IX_KEY("G%s", u->groups[g]);
	if (auth_in_group(u, AUTH_GROUP_AUTHED))
		AUTH_IX_KEY("G%s", AUTH_GROUP_AUTHED);
	if (strncmp(u->name, AUTH_SA_PREFIX, strlen(AUTH_SA_PREFIX)) == 0) {
		sa = u->name + strlen(AUTH_SA_PREFIX);
		if ((colon = strchr(sa, ':')) != NULL)
			AUTH_IX_KEY("S%.*s" AUTH_IX_SEP "%s",
			    (int)(colon - sa), sa, colon + 1);
	}
#undef AUTH_IX_KEY
	pthread_mutex_unlock(&a->index->mu);
	if (n > 1)
		qsort(v, n, sizeof *v, auth_cobj_cmp);
	for (i = j = 0; i < n; i++) {
		if (j > 0 && v[j - 1] == v[i]) {
			cobj_unref(v[i]);
			continue;
		}
		v[j++] = v[i];
	}
	*out = v;
	*nout = j;
	return 0;
}

/* auth_scan_bindings through the index. */
static int
auth_cache_bindings(const struct auth *a, struct auth_eval *e,
    const char *resource, const char *ns)
{
	struct cobj **v;
	size_t n, i;
	int ok = 0;

	if (a->index == NULL || auth_ix_lookup(a, ns[0] != '\0', ns, e->u,
	    &v, &n) < 0)
		return auth_scan_bindings(a, e, resource, ns);
	for (i = 0; i < n; i++) {
		/* the index is exact; the check costs little */
		if (!ok && auth_binding_applies(v[i]->obj, e->u, ns))
			ok = auth_eval_binding(e, v[i]->obj, ns);
		cobj_unref(v[i]);
	}
	free(v);
	return ok;
}

static struct auth_index *
auth_index_new(void)
{
	struct auth_index *x = calloc(1, sizeof *x);

	if (x != NULL)
		pthread_mutex_init(&x->mu, NULL);
	return x;
}

static void
auth_index_free(struct auth_index *x)
{
	if (x == NULL)
		return;
	auth_ix_clear(&x->ix[0]);
	auth_ix_clear(&x->ix[1]);
	pthread_mutex_destroy(&x->mu);
	free(x);
}

int
auth_decide(const struct auth *a, const struct auth_user *u,
    const char *verb, const char *group, const char *resource,
    const char *ns, const char *name, const char *path, struct buf *why)
{
	struct auth_req q = { verb ? verb : "", group ? group : "",
	    resource ? resource : "", name ? name : "", path };
	struct auth_eval e = { u, &q, auth_cache_role, auth_cache_unref,
	    (void *)a, why, 0 };
	size_t start = why != NULL ? why->len : 0;

	/* kube-apiserver's privileged-group authorizer comes first */
	if (auth_has_group(u, AUTH_GROUP_MASTERS))
		return 1;
	if (a == NULL || a->cache == NULL)	/* not up yet: admins only */
		return 0;
	if (auth_cache_bindings(a, &e, "clusterrolebindings", ""))
		return 1;
	if (path == NULL && ns != NULL && ns[0] != '\0' &&
	    auth_cache_bindings(a, &e, "rolebindings", ns))
		return 1;
	auth_eval_reason(&e, start);
	return 0;
}

int
auth_allowed(const struct auth *a, const struct auth_user *u,
    const char *verb, const char *group, const char *resource,
    const char *ns, const char *name)
{
	return auth_decide(a, u, verb, group, resource, ns, name, NULL, NULL);
}

int
auth_path_allowed(const struct auth *a, const struct auth_user *u,
    const char *verb, const char *path)
{
	return auth_decide(a, u, verb, "", "", "", "", path ? path : "",
	    NULL);
}
