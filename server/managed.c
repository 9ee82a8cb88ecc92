/* managed.c - metadata.managedFields and server-side apply (see managed.h).
 *
 * A field set is handled flat: a JSON object whose keys are paths, each
 * path its FieldsV1 segments ("f:spec", "k:{\"name\":\"web\"}", "v:\"x\"",
 * ".") joined by MANAGED_SEP.  Union, difference and intersection are then
 * plain key operations; managedFields entries are converted to and from
 * the nested FieldsV1 tree at the edges.  Which lists are keyed comes from
 * smpatch's merge keys, so apply and strategic merge patch agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/buf.h"
#include "../lib/rfc3339.h"
#include "../lib/smpatch.h"
#include "managed.h"

#define MANAGED_SEP	"\x1f"
#define MANAGED_PATH	1024

enum managed_list {
	MANAGED_ATOMIC,
	MANAGED_KEYED,
	MANAGED_SET,
};

/* Metadata fields that belong to the server, never to a manager. */
static int
managed_skip(const char *dotted, const char *key)
{
	static const char *const meta[] = { "name", "namespace", "uid",
	    "resourceVersion", "generation", "creationTimestamp",
	    "deletionTimestamp", "deletionGracePeriodSeconds",
	    "managedFields", "selfLink", NULL };
	int i;

	if (dotted[0] == '\0')
		return strcmp(key, "apiVersion") == 0 ||
		    strcmp(key, "kind") == 0;
	if (strcmp(dotted, "metadata") == 0)
		for (i = 0; meta[i] != NULL; i++)
			if (strcmp(key, meta[i]) == 0)
				return 1;
	return 0;
}

/* Maps that are owned as a whole (x-kubernetes-map-type: atomic). */
static int
managed_atomic_map(const char *kind, const char *dotted)
{
	if (strcmp(dotted, "spec.selector") == 0)
		return strcmp(kind, "Deployment") == 0 ||
		    strcmp(kind, "ReplicaSet") == 0 ||
		    strcmp(kind, "StatefulSet") == 0 ||
		    strcmp(kind, "DaemonSet") == 0 ||
		    strcmp(kind, "Job") == 0;
	return 0;
}

static enum managed_list
managed_list_type(const char *kind, const char *dotted, const char **key)
{
	*key = NULL;
	if (strcmp(dotted, "metadata.finalizers") == 0)
		return MANAGED_SET;
	*key = smpatch_merge_key(kind, dotted);
	return *key != NULL ? MANAGED_KEYED : MANAGED_ATOMIC;
}

/* "k:{...}" for a keyed element: its merge key (and protocol for ports). */
static int
managed_elem_key(const json_t *el, const char *key, char *out, size_t len)
{
	json_t *k;
	char *s;

	if (!json_is_object(el) || json_object_get(el, key) == NULL)
		return -1;
	k = json_object();
	json_object_set(k, key, json_object_get(el, key));
	if ((strcmp(key, "containerPort") == 0 || strcmp(key, "port") == 0) &&
	    json_object_get(el, "protocol") != NULL)
		json_object_set(k, "protocol", json_object_get(el, "protocol"));
	s = json_dumps(k, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(k);
	if (s == NULL)
		return -1;
	snprintf(out, len, "k:%s", s);
	free(s);
	return 0;
}

static void
managed_set_elem(const json_t *el, char *out, size_t len)
{
	char *s = json_dumps(el, JSON_COMPACT | JSON_ENCODE_ANY);

	snprintf(out, len, "v:%s", s ? s : "null");
	free(s);
}

static void
managed_add(json_t *set, const char *path)
{
	json_object_set_new(set, path, json_true());
}

/* Writes a, then b, at dst + at, cut to dst's cap bytes (its NUL
 * included): snprintf's "%s%s" without the formatting, which paths are
 * built with once per field of every write. */
static void
managed_cat(char *dst, size_t cap, size_t at, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (at >= cap)
		return;
	if (la > cap - at - 1)
		la = cap - at - 1;
	memcpy(dst + at, a, la);
	at += la;
	if (lb > cap - at - 1)
		lb = cap - at - 1;
	memcpy(dst + at, b, lb);
	dst[at + lb] = '\0';
}

/* Appends "<sep>seg" (or "seg" at the root) to path; returns old length. */
static size_t
managed_push(char *path, const char *seg)
{
	size_t n = strlen(path);

	managed_cat(path, MANAGED_PATH, n, n ? MANAGED_SEP : "", seg);
	return n;
}

static void managed_collect(json_t *set, const json_t *v, const char *kind,
    char *path, char *dotted);

static void
managed_collect_list(json_t *set, const json_t *list, const char *kind,
    char *path, char *dotted)
{
	const char *key;
	char seg[512];
	size_t i, n;
	json_t *el;

	switch (managed_list_type(kind, dotted, &key)) {
	case MANAGED_ATOMIC:
		managed_add(set, path);
		return;
	case MANAGED_SET:
		json_array_foreach(list, i, el) {
			managed_set_elem(el, seg, sizeof seg);
			n = managed_push(path, seg);
			managed_add(set, path);
			path[n] = '\0';
		}
		if (json_array_size(list) == 0)
			managed_add(set, path);
		return;
	case MANAGED_KEYED:
		json_array_foreach(list, i, el) {
			if (managed_elem_key(el, key, seg, sizeof seg) < 0)
				continue;
			n = managed_push(path, seg);
			managed_push(path, ".");
			managed_add(set, path);
			path[strlen(path) - 2] = '\0';
			managed_collect(set, el, kind, path, dotted);
			path[n] = '\0';
		}
		if (json_array_size(list) == 0)
			managed_add(set, path);
		return;
	}
}

/* Adds the path of every field under v (an object) to set. */
static void
managed_collect(json_t *set, const json_t *v, const char *kind, char *path,
    char *dotted)
{
	const char *k;
	json_t *cv;
	char seg[512];
	size_t n, dn;

	json_object_foreach((json_t *)v, k, cv) {
		if (managed_skip(dotted, k))
			continue;
		managed_cat(seg, sizeof seg, 0, "f:", k);
		n = managed_push(path, seg);
		dn = strlen(dotted);
		managed_cat(dotted, MANAGED_PATH, dn, dn ? "." : "", k);
		if (json_is_object(cv) && json_object_size(cv) > 0 &&
		    !managed_atomic_map(kind, dotted))
			managed_collect(set, cv, kind, path, dotted);
		else if (json_is_array(cv))
			managed_collect_list(set, cv, kind, path, dotted);
		else if (!(strcmp(dotted, "metadata") == 0 &&
		    json_is_object(cv)))
			managed_add(set, path);
		path[n] = '\0';
		dotted[dn] = '\0';
	}
}

static json_t *
managed_flat(const json_t *obj, const char *kind)
{
	char path[MANAGED_PATH] = "", dotted[MANAGED_PATH] = "";
	json_t *set = json_object();

	if (json_is_object(obj))
		managed_collect(set, obj, kind, path, dotted);
	return set;
}

/* FieldsV1 tree -> flat set. */
static void
managed_unflatten_tree(json_t *set, const json_t *tree, char *path)
{
	const char *k;
	json_t *child;
	size_t n;

	json_object_foreach((json_t *)tree, k, child) {
		n = managed_push(path, k);
		if (json_object_size(child) == 0)
			managed_add(set, path);
		else
			managed_unflatten_tree(set, child, path);
		path[n] = '\0';
	}
}

static json_t *
managed_from_tree(const json_t *tree)
{
	char path[MANAGED_PATH] = "";
	json_t *set = json_object();

	if (json_is_object(tree))
		managed_unflatten_tree(set, tree, path);
	return set;
}

/* Flat set -> FieldsV1 tree. */
static json_t *
managed_to_tree(const json_t *set)
{
	json_t *tree = json_object(), *node, *next;
	const char *path;
	json_t *v;
	char seg[MANAGED_PATH], *p, *save = NULL;

	json_object_foreach((json_t *)set, path, v) {
		managed_cat(seg, sizeof seg, 0, path, "");
		node = tree;
		for (p = strtok_r(seg, MANAGED_SEP, &save); p != NULL;
		    p = strtok_r(NULL, MANAGED_SEP, &save)) {
			next = json_object_get(node, p);
			if (next == NULL) {
				next = json_object();
				json_object_set_new(node, p, next);
			}
			node = next;
		}
	}
	return tree;
}

json_t *
managed_fieldset(const json_t *obj, const char *kind)
{
	json_t *flat = managed_flat(obj, kind), *tree;

	tree = managed_to_tree(flat);
	json_decref(flat);
	return tree;
}

/*
 * The value at a flat path in obj (borrowed), or NULL.  For a keyed
 * element or a set member, *parent and *index say where it sits.
 */
static json_t *
managed_lookup(const json_t *obj, const char *path, json_t **parent,
    size_t *index)
{
	char buf[MANAGED_PATH], *seg, *save = NULL;
	json_t *cur = (json_t *)obj, *el, *want, *k;
	const char *key;
	size_t i;
	int found;

	snprintf(buf, sizeof buf, "%s", path);
	if (parent != NULL)
		*parent = NULL;
	for (seg = strtok_r(buf, MANAGED_SEP, &save); seg != NULL && cur;
	    seg = strtok_r(NULL, MANAGED_SEP, &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strncmp(seg, "f:", 2) == 0) {
			if (parent != NULL)
				*parent = NULL;
			cur = json_object_get(cur, seg + 2);
			continue;
		}
		if (!json_is_array(cur))
			return NULL;
		want = json_loads(seg + 2, JSON_DECODE_ANY, NULL);
		found = 0;
		json_array_foreach(cur, i, el) {
			if (seg[0] == 'v') {
				found = json_equal(el, want);
			} else if (json_is_object(want)) {
				found = 1;
				json_object_foreach(want, key, k)
					if (!json_equal(json_object_get(el,
					    key), k))
						found = 0;
			}
			if (found)
				break;
		}
		json_decref(want);
		if (!found)
			return NULL;
		if (parent != NULL) {
			*parent = cur;
			*index = i;
		}
		cur = json_array_get(cur, i);
	}
	return cur;
}

/* Removes the field at a flat path from obj, if it is there. */
static void
managed_remove_path(json_t *obj, const char *path)
{
	char buf[MANAGED_PATH], *last;
	json_t *parent, *container;
	size_t index;

	if (managed_lookup(obj, path, &parent, &index) == NULL)
		return;
	snprintf(buf, sizeof buf, "%s", path);
	last = strrchr(buf, MANAGED_SEP[0]);
	if (last != NULL && strcmp(last + 1, ".") == 0) {
		/* the element as a whole */
		*last = '\0';
		if (managed_lookup(obj, buf, &parent, &index) != NULL &&
		    parent != NULL)
			json_array_remove(parent, index);
		return;
	}
	if (parent != NULL) {
		json_array_remove(parent, index);
		return;
	}
	last = strrchr(buf, MANAGED_SEP[0]);
	if (last == NULL) {
		json_object_del(obj, buf + 2);
		return;
	}
	*last = '\0';
	container = managed_lookup(obj, buf, NULL, NULL);
	if (json_is_object(container) && strncmp(last + 1, "f:", 2) == 0)
		json_object_del(container, last + 3);
}

/* "kubectl-client-side-apply" paths as kube-apiserver prints them:
 * .spec.containers[name="web"].image */
static void
managed_path_string(const char *path, struct buf *out)
{
	char buf[MANAGED_PATH], *seg, *save = NULL;
	json_t *k, *v;
	const char *key;
	int first;

	snprintf(buf, sizeof buf, "%s", path);
	for (seg = strtok_r(buf, MANAGED_SEP, &save); seg != NULL;
	    seg = strtok_r(NULL, MANAGED_SEP, &save)) {
		if (strncmp(seg, "f:", 2) == 0) {
			buf_addf(out, ".%s", seg + 2);
		} else if (strncmp(seg, "v:", 2) == 0) {
			buf_addf(out, "[=%s]", seg + 2);
		} else if (strncmp(seg, "k:", 2) == 0) {
			k = json_loads(seg + 2, 0, NULL);
			buf_addc(out, '[');
			first = 1;
			json_object_foreach(k, key, v) {
				char *s = json_dumps(v, JSON_ENCODE_ANY);

				buf_addf(out, "%s%s=%s", first ? "" : ",", key,
				    s ? s : "");
				free(s);
				first = 0;
			}
			buf_addc(out, ']');
			json_decref(k);
		}
	}
}

/* Merges src into dst as apply does: keyed lists by key, sets as sets. */
static void
managed_merge(json_t *dst, const json_t *src, const char *kind, char *dotted)
{
	const char *k, *key;
	json_t *sv, *dv, *el, *del;
	size_t dn, i, j;
	char a[512], b[512];
	int found;

	json_object_foreach((json_t *)src, k, sv) {
		if (dotted[0] == '\0' && strcmp(k, "metadata") != 0 &&
		    managed_skip(dotted, k))
			continue;
		if (strcmp(dotted, "metadata") == 0 &&
		    (strcmp(k, "managedFields") == 0 ||
		    strcmp(k, "resourceVersion") == 0))
			continue;
		dv = json_object_get(dst, k);
		dn = strlen(dotted);
		snprintf(dotted + dn, MANAGED_PATH - dn, "%s%s", dn ? "." : "",
		    k);
		if (json_is_object(sv) && json_is_object(dv) &&
		    !managed_atomic_map(kind, dotted)) {
			managed_merge(dv, sv, kind, dotted);
		} else if (json_is_array(sv) && json_is_array(dv) &&
		    managed_list_type(kind, dotted, &key) != MANAGED_ATOMIC) {
			json_array_foreach(sv, i, el) {
				found = 0;
				json_array_foreach(dv, j, del) {
					if (key == NULL) {
						found = json_equal(el, del);
					} else if (managed_elem_key(el, key, a,
					    sizeof a) == 0 && managed_elem_key(
					    del, key, b, sizeof b) == 0) {
						found = strcmp(a, b) == 0;
					}
					if (found)
						break;
				}
				if (!found)
					json_array_append_new(dv,
					    json_deep_copy(el));
				else if (key != NULL && json_is_object(el))
					managed_merge(del, el, kind, dotted);
			}
		} else {
			json_object_set_new(dst, k, json_deep_copy(sv));
		}
		dotted[dn] = '\0';
	}
}

static json_t *
managed_entries(const json_t *obj)
{
	json_t *mf = json_object_get(json_object_get(obj, "metadata"),
	    "managedFields");

	return json_is_array(mf) ? json_deep_copy(mf) : json_array();
}

static int
managed_entry_is(const json_t *e, const char *manager, const char *op,
    const char *sub)
{
	const char *m = json_string_value(json_object_get(e, "manager"));
	const char *o = json_string_value(json_object_get(e, "operation"));
	const char *s = json_string_value(json_object_get(e, "subresource"));

	return m != NULL && strcmp(m, manager) == 0 && o != NULL &&
	    strcmp(o, op) == 0 && strcmp(s ? s : "", sub) == 0;
}

/* Sets (or adds) the entry of manager/op/sub to the flat set. */
static void
managed_set_entry(json_t *entries, const char *manager, const char *op,
    const char *sub, const char *api_version, const json_t *set)
{
	json_t *e = NULL, *old, *tree;
	const char *av;
	char now[64];
	size_t i;

	json_array_foreach(entries, i, e)
		if (managed_entry_is(e, manager, op, sub))
			break;
	if (i == json_array_size(entries))
		e = NULL;
	tree = managed_to_tree(set);
	if (e != NULL) {
		old = json_object_get(e, "fieldsV1");
		av = json_string_value(json_object_get(e, "apiVersion"));
		if (json_equal(old, tree) && av != NULL &&
		    strcmp(av, api_version) == 0) {
			json_decref(tree);
			return;
		}
		json_array_remove(entries, i);
	}
	rfc3339_format(time(NULL), now, sizeof now);
	e = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "manager", manager,
	    "operation", op, "apiVersion", api_version, "time", now,
	    "fieldsType", "FieldsV1", "fieldsV1", tree);
	if (sub[0] != '\0')
		json_object_set_new(e, "subresource", json_string(sub));
	json_array_append_new(entries, e);
}

/* Removes the paths of drop from every entry except the one given (which
 * may be NULL); drops entries left empty. */
static void
managed_disown(json_t *entries, const json_t *drop, const json_t *except)
{
	json_t *e, *set;
	const char *p;
	json_t *v;
	size_t i;
	int changed;

	for (i = 0; i < json_array_size(entries); ) {
		e = json_array_get(entries, i);
		if (e == except) {
			i++;
			continue;
		}
		set = managed_from_tree(json_object_get(e, "fieldsV1"));
		changed = 0;
		json_object_foreach((json_t *)drop, p, v)
			if (json_object_get(set, p) != NULL) {
				json_object_del(set, p);
				changed = 1;
			}
		if (json_object_size(set) == 0) {
			json_array_remove(entries, i);
			json_decref(set);
			continue;
		}
		if (changed)
			json_object_set_new(e, "fieldsV1", managed_to_tree(set));
		json_decref(set);
		i++;
	}
}

static void
managed_store(json_t *obj, json_t *entries)
{
	json_t *m = json_object_get(obj, "metadata");

	if (!json_is_object(m)) {
		json_decref(entries);
		return;
	}
	if (json_array_size(entries) == 0) {
		json_object_del(m, "managedFields");
		json_decref(entries);
		return;
	}
	json_object_set_new(m, "managedFields", entries);
}

void
managed_update(json_t *obj, const json_t *old, const char *manager,
    const char *api_version, const char *kind, const char *subresource)
{
	json_t *entries, *oldset, *newset, *changed, *removed, *mine, *e;
	json_t *sent, *v;
	const char *p;
	size_t i;

	sent = json_object_get(json_object_get(obj, "metadata"),
	    "managedFields");
	entries = json_is_array(sent) ? json_deep_copy(sent) :
	    managed_entries(old);
	oldset = old ? managed_flat(old, kind) : json_object();
	newset = managed_flat(obj, kind);
	changed = json_object();
	removed = json_object();
	json_object_foreach(newset, p, v)
		if (json_object_get(oldset, p) == NULL || !json_equal(
		    managed_lookup(obj, p, NULL, NULL),
		    managed_lookup(old, p, NULL, NULL)))
			managed_add(changed, p);
	json_object_foreach(oldset, p, v)
		if (json_object_get(newset, p) == NULL)
			managed_add(removed, p);
	if (json_object_size(changed) > 0 || json_object_size(removed) > 0) {
		mine = json_object();
		json_array_foreach(entries, i, e)
			if (managed_entry_is(e, manager, "Update",
			    subresource)) {
				json_decref(mine);
				mine = managed_from_tree(json_object_get(e,
				    "fieldsV1"));
				break;
			}
		json_object_update(mine, changed);
		json_object_foreach(removed, p, v)
			json_object_del(mine, p);
		managed_disown(entries, changed, NULL);
		managed_disown(entries, removed, NULL);
		if (json_object_size(mine) > 0)
			managed_set_entry(entries, manager, "Update",
			    subresource, api_version, mine);
		json_decref(mine);
	}
	managed_store(obj, entries);
	json_decref(oldset);
	json_decref(newset);
	json_decref(changed);
	json_decref(removed);
}

/* Whether a path names a list element as a whole (no value to differ). */
static int
managed_is_elem(const char *path)
{
	size_t n = strlen(path);

	return n >= 2 && strcmp(path + n - 2, MANAGED_SEP ".") == 0;
}

static int
managed_conflicts(const json_t *live, const json_t *config,
    const json_t *applied, json_t *entries, const char *manager, int force,
    struct err *err)
{
	struct buf msg = BUF_INIT(16384), list = BUF_INIT(16384);
	struct buf first = BUF_INIT(4096);
	json_t *e, *set, *drop, *v;
	const char *p, *m;
	size_t i;
	int n = 0, nm;

	drop = json_object();
	json_array_foreach(entries, i, e) {
		m = json_string_value(json_object_get(e, "manager"));
		if (m == NULL || strcmp(m, manager) == 0)
			continue;
		set = managed_from_tree(json_object_get(e, "fieldsV1"));
		nm = 0;
		json_object_foreach((json_t *)applied, p, v) {
			if (json_object_get(set, p) == NULL ||
			    managed_is_elem(p) ||
			    json_equal(managed_lookup(live, p, NULL, NULL),
			    managed_lookup(config, p, NULL, NULL)))
				continue;
			managed_add(drop, p);
			if (nm++ == 0)
				buf_addf(&list, "%sconflicts with \"%s\"%s%s:",
				    list.len ? "\n" : "", m,
				    json_object_get(e, "apiVersion") ?
				    " using " : "", json_string_value(
				    json_object_get(e, "apiVersion")) ?: "");
			buf_adds(&list, "\n- ");
			managed_path_string(p, &list);
			if (n++ == 0) {
				buf_addf(&first, "conflict with \"%s\"%s%s: ",
				    m, json_object_get(e, "apiVersion") ?
				    " using " : "", json_string_value(
				    json_object_get(e, "apiVersion")) ?: "");
				managed_path_string(p, &first);
			}
		}
		json_decref(set);
	}
	if (n > 0 && !force) {
		if (n == 1)	/* conflict with "m" using v1: .data.x */
			buf_addf(&msg, "Apply failed with 1 conflict: %s",
			    buf_str(&first));
		else
			buf_addf(&msg, "Apply failed with %d conflicts: %s", n,
			    buf_str(&list));
		err_set(err, ERR_CONFLICT, "%s", buf_str(&msg));
		buf_release(&msg);
		buf_release(&list);
		buf_release(&first);
		json_decref(drop);
		return -1;
	}
	if (n > 0)
		managed_disown(entries, drop, NULL);
	buf_release(&msg);
	buf_release(&list);
	buf_release(&first);
	json_decref(drop);
	return 0;
}

json_t *
managed_apply(const json_t *live, const json_t *config, const char *manager,
    int force, const char *api_version, const char *kind, struct err *err)
{
	json_t *applied, *entries, *prev = NULL, *others, *e, *set, *out, *v;
	char dotted[MANAGED_PATH] = "";
	const char *p;
	size_t i;

	applied = managed_flat(config, kind);
	entries = managed_entries(live);
	if (live != NULL && managed_conflicts(live, config, applied, entries,
	    manager, force, err) < 0) {
		json_decref(applied);
		json_decref(entries);
		return NULL;
	}
	others = json_object();
	json_array_foreach(entries, i, e) {
		set = managed_from_tree(json_object_get(e, "fieldsV1"));
		if (managed_entry_is(e, manager, "Apply", ""))
			prev = json_incref(set);
		else
			json_object_update(others, set);
		json_decref(set);
	}
	if (live != NULL) {
		out = json_deep_copy(live);
		managed_merge(out, config, kind, dotted);
	} else {
		out = json_deep_copy(config);
	}
	/* what this manager applied before and no one else owns now */
	if (prev != NULL)
		json_object_foreach(prev, p, v)
			if (json_object_get(applied, p) == NULL &&
			    json_object_get(others, p) == NULL)
				managed_remove_path(out, p);
	managed_set_entry(entries, manager, "Apply", "", api_version, applied);
	managed_store(out, entries);
	json_decref(prev);
	json_decref(others);
	json_decref(applied);
	return out;
}

void
managed_default_manager(const char *user_agent, char *out, size_t len)
{
	size_t n;

	if (user_agent == NULL || user_agent[0] == '\0') {
		snprintf(out, len, "unknown");
		return;
	}
	n = strcspn(user_agent, "/ ");
	if (n > 128)
		n = 128;
	snprintf(out, len, "%.*s", (int)n, user_agent);
}
