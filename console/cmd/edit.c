/* edit.c - kubec edit: objects (TYPE NAME..., TYPE/NAME..., TYPE, -f) in
 * the user's editor as kubectl edit has them, and what was changed sent
 * back.
 *
 * The objects, read from the server, go into one file (a List when there
 * are several) as YAML under kubectl's header, or as JSON with -o json;
 * console/editor.c runs the editor.  Saved unchanged (comments aside) or
 * empty: cancelled.  Otherwise each edited object is matched to its
 * original by uid and the difference sent as a strategic merge patch (a
 * JSON merge patch for kinds without patch merge keys, as custom
 * resources), with field manager kubectl-edit: "TYPE/NAME edited", or
 * "skipped" when that object did not change.  A file that does not parse,
 * or objects the server finds invalid, reopen the editor with the reasons
 * on top; saved again unchanged, the file is kept ("A copy of your changes
 * has been stored to ...") and the edit fails.  kubectl's editoptions.go,
 * step by step.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/file.h"
#include "../../lib/mergepatch.h"
#include "../../lib/smpatch.h"
#include "../../lib/yaml.h"
#include "../console.h"

#define LAST_APPLIED	"kubectl.kubernetes.io/last-applied-configuration"
#define EDIT_HEADER	"# Please edit the object below. Lines beginning " \
	"with a '#' will be ignored,\n# and an empty file will abort the " \
	"edit. If an error occurs while saving this file will be\n# " \
	"reopened with the relevant failures.\n#\n"
#define EDIT_MAX_REASONS	64

static const struct opt_def edit_opts[] = {
	{ "filename", 'f', 1, "The files of the objects to edit" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "output", 'o', 1, "yaml (the default) or json: the format to edit "
	    "in, and of the objects printed" },
	{ "output-patch", 0, 0, "Print the patch of each object edited" },
	{ "save-config", 0, 0, "Keep the object as edited in its "
	    "last-applied-configuration annotation" },
	{ "field-manager", 0, 1, "The name of the manager of the fields "
	    "(default kubectl-edit)" },
	{ "validate", 0, 1, "strict (the default), warn or ignore" },
	{ "show-managed-fields", 0, 0, "Accepted; managedFields are never "
	    "edited" },
	{ "windows-line-endings", 0, 0, "Accepted; lines end in \\n" },
	{ NULL, 0, 0, NULL }
};

/* One object being edited. */
struct edit_obj {
	const struct api_res	*res;
	char			 ns[254];
	char			 name[254];
	json_t			*orig;	/* as the server has it, no managedFields */
	json_t			*mf;	/* its managedFields */
};

/* Why the file is opened again: a head and its causes. */
struct edit_reason {
	char	*head;
	json_t	*other;		/* strings */
};

struct edit_run {
	struct cli		*c;
	struct edit_obj		*obj;
	size_t			 n;
	int			 json;		/* -o json: no header */
	int			 validate;	/* not --validate=ignore */
	struct edit_reason	 reason[EDIT_MAX_REASONS];
	size_t			 nreason;
	int			 nedit, retryable, notfound;
	const char		*manager, *validation;
};

static void
edit_reasons_clear(struct edit_run *e)
{
	for (size_t i = 0; i < e->nreason; i++) {
		free(e->reason[i].head);
		json_decref(e->reason[i].other);
	}
	e->nreason = 0;
}

static struct edit_reason *
edit_reason_add(struct edit_run *e, const char *head)
{
	struct edit_reason *r;

	if (e->nreason == EDIT_MAX_REASONS)
		return NULL;
	r = &e->reason[e->nreason++];
	r->head = strdup(head);
	r->other = json_array();
	return r;
}

/* s with "# " after each line break not already followed by '#'
 * (kubectl's hashOnLineBreak). */
static void
edit_hashed(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' && s[1] != '\0' && s[1] != '#')
			buf_adds(b, "\n# ");
		else
			buf_addc(b, *s);
}

static void
edit_header(struct edit_run *e, struct buf *b)
{
	buf_adds(b, EDIT_HEADER);
	for (size_t i = 0; i < e->nreason; i++) {
		struct edit_reason *r = &e->reason[i];
		size_t k;
		json_t *o;

		buf_adds(b, "# ");
		edit_hashed(b, r->head);
		buf_adds(b, json_array_size(r->other) > 0 ? ":\n" : "\n");
		json_array_foreach(r->other, k, o) {
			buf_adds(b, "# * ");
			edit_hashed(b, json_string_value(o));
			buf_addc(b, '\n');
		}
		buf_adds(b, "#\n");
	}
}

/* v as kubectl -o json or -o yaml prints it, appended to b. */
static void
edit_print(const json_t *v, int json, struct buf *b)
{
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);

	if (f == NULL)
		return;
	if (json)
		print_json(f, v);
	else
		print_yaml(f, v);
	fclose(f);
	buf_add(b, p, n);
	free(p);
}

/* kubectl's StripComments: the text's first document as JSON (keys
 * sorted), else the text without its comment lines. */
static char *
edit_canon(const char *text)
{
	json_t *docs = NULL;
	struct err err;
	char *s;

	err_clear(&err);
	if (yaml_parse_all(text, strlen(text), &docs, &err) == 0) {
		json_t *d = json_array_get(docs, 0);

		s = d ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS |
		    JSON_ENCODE_ANY) : strdup("null");
		json_decref(docs);
		return s;
	}
	return editor_strip(text);
}

static int
edit_same(const char *a, const char *b)
{
	char *x = edit_canon(a), *y = edit_canon(b);
	int same = x != NULL && y != NULL && strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* Whether some line has more than blanks and is not a comment. */
static int
edit_has_lines(const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\v' ||
		    *p == '\f')
			p++;
		if (*p != '\n' && *p != '\0' && *p != '#')
			return 1;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	return 0;
}

/* "deployments.apps": the resource as kubectl's edit errors name it. */
static void
edit_resource(const struct api_res *r, struct buf *b)
{
	buf_adds(b, r->name);
	if (r->group[0] != '\0')
		buf_addf(b, ".%s", r->group);
}

/* "A copy of your changes has been stored to ..." when file is still
 * there, then the error; the exit status. */
static int
edit_preserved(struct edit_run *e, const char *file, const char *msg)
{
	if (file != NULL && file[0] != '\0' && access(file, F_OK) == 0)
		cli_eprintf(e->c, "A copy of your changes has been stored to "
		    "\"%s\"\n", file);
	return cli_fail(e->c, "%s", msg);
}

/* The server refused the patch of o: kubectl's addError. */
static void
edit_refused(struct edit_run *e, struct edit_obj *o, const struct err *err,
    const struct buf *body)
{
	struct buf rs = BUF_INIT(512), head = BUF_INIT(1024);

	edit_resource(o->res, &rs);
	if (err->reason == ERR_INVALID) {
		json_t *st = json_loadb(body->data ? body->data : "",
		    body->len, 0, NULL), *cause;
		struct edit_reason *r;
		size_t i;

		e->nedit++;
		buf_addf(&head, "%s \"%s\" was not valid", buf_str(&rs),
		    o->name);
		if ((r = edit_reason_add(e, buf_str(&head))) != NULL)
			json_array_foreach(json_object_get(json_object_get(st,
			    "details"), "causes"), i, cause) {
				struct buf l = BUF_INIT(8192);

				buf_addf(&l, "%s: %s", json_string_value(
				    json_object_get(cause, "field")) ?: "",
				    json_string_value(json_object_get(cause,
				    "message")) ?: "");
				json_array_append_new(r->other,
				    json_string(buf_str(&l)));
				buf_release(&l);
			}
		json_decref(st);
		cli_eprintf(e->c, "error: %s \"%s\" is invalid\n", buf_str(&rs),
		    o->name);
	} else if (err->reason == ERR_NOT_FOUND) {
		e->notfound++;
		cli_eprintf(e->c, "error: %s \"%s\" could not be found on the "
		    "server\n", buf_str(&rs), o->name);
	} else {
		e->retryable++;
		cli_eprintf(e->c, "error: %s \"%s\" could not be patched: %s\n",
		    buf_str(&rs), o->name, err->msg);
	}
	buf_release(&rs);
	buf_release(&head);
}

/* The edited object with --save-config: its own JSON (managedFields as
 * the server has them) in the last-applied annotation. */
static void
edit_save_config(json_t *obj, const json_t *mf)
{
	json_t *copy = json_deep_copy(obj), *meta, *ann;
	char *text;

	if (!json_is_object(json_object_get(copy, "metadata")))
		json_object_set_new(copy, "metadata", json_object());
	meta = json_object_get(copy, "metadata");
	if (mf != NULL)
		json_object_set(meta, "managedFields", (json_t *)mf);
	if (!json_is_object(json_object_get(meta, "annotations")))
		json_object_set_new(meta, "annotations", json_object());
	json_object_del(json_object_get(meta, "annotations"), LAST_APPLIED);
	text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(copy);
	if (text == NULL)
		return;
	if (!json_is_object(json_object_get(obj, "metadata")))
		json_object_set_new(obj, "metadata", json_object());
	meta = json_object_get(obj, "metadata");
	if (!json_is_object(json_object_get(meta, "annotations")))
		json_object_set_new(meta, "annotations", json_object());
	ann = json_object_get(meta, "annotations");
	{
		struct buf b = BUF_INIT((size_t)64 << 20);

		buf_addf(&b, "%s\n", text);
		json_object_set_new(ann, LAST_APPLIED, json_string(buf_str(
		    &b)));
		buf_release(&b);
	}
	free(text);
}

static const char *
edit_uid(const json_t *obj)
{
	return json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "uid"));
}

/*
 * One edited object: its patch sent (or "skipped"); 0, or -1 with msg set
 * to the error that ends the edit (kubectl's visitor errors).
 */
static int
edit_patch_one(struct edit_run *e, json_t *ed, char *msg, size_t size)
{
	struct cli *c = e->c;
	struct edit_obj *o = NULL;
	const char *uid = edit_uid(ed) ?: "", *kind;
	struct buf path = BUF_INIT(8192), out = BUF_INIT(REST_MAX_BODY);
	json_t *patch = NULL, *done = NULL;
	struct err err;
	char *text = NULL;
	int known, rc = 0;

	err_clear(&err);
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(edit_uid(e->obj[i].orig) ?: "", uid) == 0) {
			o = &e->obj[i];
			break;
		}
	if (o == NULL) {
		char *s = json_dumps(ed, JSON_COMPACT | JSON_SORT_KEYS);

		snprintf(msg, size, "no original object found for %s",
		    s ? s : "");
		free(s);
		return -1;
	}
	json_object_del(json_object_get(ed, "metadata"), "managedFields");
	if (opt_bool(&c->o, "save-config"))
		edit_save_config(ed, o->mf);
	if (json_equal(o->orig, ed)) {
		cli_report(c, o->res, ed, "skipped");
		return 0;
	}
	kind = json_string_value(json_object_get(o->orig, "kind")) ?: "";
	known = smpatch_known_kind(kind);
	patch = known ? smpatch_diff(o->orig, ed, kind) :
	    mergepatch_diff(o->orig, ed);
	if (patch == NULL) {
		snprintf(msg, size, "cannot make the patch of %s/%s",
		    o->res->name, o->name);
		return -1;
	}
	if (json_object_get(patch, "apiVersion") != NULL ||
	    json_object_get(patch, "kind") != NULL ||
	    json_object_get(patch, "managedFields") != NULL ||
	    json_object_get(json_object_get(patch, "metadata"),
	    "name") != NULL) {
		snprintf(msg, size, "At least one of apiVersion, kind and name "
		    "was changed");
		rc = -1;
		goto out;
	}
	text = json_dumps(patch, JSON_COMPACT | JSON_SORT_KEYS);
	if (opt_bool(&c->o, "output-patch"))
		fprintf(c->out, "Patch: %s\n", text ? text : "{}");
	res_path(o->res, o->ns, o->name, &path);
	cli_query_arg(&path, "fieldManager", e->manager);
	cli_query_arg(&path, "fieldValidation", e->validation);
	if (rest_raw(c->rest, "PATCH", buf_str(&path), known ?
	    "application/strategic-merge-patch+json" :
	    "application/merge-patch+json", text ? text : "{}",
	    text ? strlen(text) : 2, &out, &err) < 0) {
		edit_refused(e, o, &err, &out);
		goto out;
	}
	done = json_loadb(out.data ? out.data : "", out.len, 0, NULL);
	if (done == NULL)
		goto out;
	/* kubectl's info.Refresh: the next pass compares with this */
	json_decref(o->mf);
	o->mf = json_incref(json_object_get(json_object_get(done, "metadata"),
	    "managedFields"));
	json_decref(o->orig);
	o->orig = json_deep_copy(done);
	json_object_del(json_object_get(o->orig, "metadata"),
	    "managedFields");
	cli_report(c, o->res, done, "edited");
out:
	free(text);
	json_decref(patch);
	json_decref(done);
	buf_release(&path);
	buf_release(&out);
	return rc;
}

/* The objects of the edited text, lists flattened (kubectl's Flatten);
 * NULL with msg set when it is not objects. */
static json_t *
edit_objects(struct edit_run *e, const char *text, char *msg, size_t size)
{
	json_t *docs = NULL, *objs = json_array(), *d, *it;
	struct err err;
	size_t i, k;

	err_clear(&err);
	if (yaml_parse_all(text, strlen(text), &docs, &err) < 0) {
		snprintf(msg, size, "%s", err.msg);
		json_decref(objs);
		return NULL;
	}
	json_array_foreach(docs, i, d) {
		const char *kind = json_string_value(json_object_get(d,
		    "kind"));
		size_t kl = kind ? strlen(kind) : 0;

		if (kind == NULL || kind[0] == '\0') {
			char *s = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS |
			    JSON_ENCODE_ANY);

			snprintf(msg, size, "error unmarshaling JSON: while "
			    "decoding JSON: Object 'Kind' is missing in '%s'",
			    s ? s : "");
			free(s);
			json_decref(docs);
			json_decref(objs);
			return NULL;
		}
		if (kl >= 4 && strcmp(kind + kl - 4, "List") == 0 &&
		    json_is_array(json_object_get(d, "items")))
			json_array_foreach(json_object_get(d, "items"), k, it)
				json_array_append(objs, it);
		else
			json_array_append(objs, d);
	}
	json_decref(docs);
	(void)e;
	return objs;
}

/* kubectl's client-side validation of the saved text (its
 * paramVerifyingSchema when the server validates fields): the text's
 * first document must be an object with apiVersion and kind; 1 with msg
 * set when not. */
static int
edit_invalid(const char *edited, char *msg, size_t size)
{
	char *s = editor_strip(edited);
	json_t *docs = NULL, *d, *av, *k;
	struct err err;
	int bad = 1;

	err_clear(&err);
	if (yaml_parse_all(s, strlen(s), &docs, &err) < 0) {
		snprintf(msg, size, "%s", err.msg);
		goto out;
	}
	d = json_array_get(docs, 0);
	if (!json_is_object(d)) {
		snprintf(msg, size, "invalid object to validate");
		goto out;
	}
	av = json_object_get(d, "apiVersion");
	k = json_object_get(d, "kind");
	{
		const char *e1 = av == NULL || json_is_null(av) ?
		    "apiVersion not set" : !json_is_string(av) ?
		    "apiVersion isn't string type" : NULL;
		const char *e2 = k == NULL || json_is_null(k) ? "kind not set" :
		    !json_is_string(k) ? "kind isn't string type" : NULL;

		if (e1 != NULL && e2 != NULL)
			snprintf(msg, size, "[%s, %s]", e1, e2);
		else if (e1 != NULL || e2 != NULL)
			snprintf(msg, size, "%s", e1 ? e1 : e2);
		else
			bad = 0;
	}
out:
	json_decref(docs);
	free(s);
	return bad;
}

/* The edit loop over the objects read; the exit status. */
static int
edit_loop(struct edit_run *e)
{
	struct cli *c = e->c;
	char *original = NULL, *edited = NULL, *prev = NULL;
	char file[4096] = "", results_file[4096] = "", msg[8192];
	int contains_error = 0, rc = 0;
	struct buf b = BUF_INIT((size_t)64 << 20);
	struct err err;

	for (;;) {
		json_t *objs = NULL, *o;
		size_t i;

		err_clear(&err);
		buf_reset(&b);
		if (!e->json)
			edit_header(e, &b);
		if (!contains_error) {
			if (e->n == 1) {
				edit_print(e->obj[0].orig, e->json, &b);
			} else {
				json_t *items = json_array(), *l;

				for (i = 0; i < e->n; i++)
					json_array_append(items, e->obj[i].orig);
				l = json_pack("{s:s, s:o, s:s, s:{}}",
				    "apiVersion", "v1", "items", items, "kind",
				    "List", "metadata");
				edit_print(l, e->json, &b);
				json_decref(l);
			}
			free(original);
			original = strdup(buf_str(&b));
		} else {
			char *s = editor_strip(edited ? edited : "");

			buf_adds(&b, s);
			free(s);
		}
		free(prev);
		prev = edited;
		edited = NULL;
		if (editor_tempfile("kubec-edit-", e->json ? ".json" : ".yaml",
		    buf_str(&b), b.len, file, sizeof file, &err) < 0) {
			rc = edit_preserved(e, results_file, err.msg);
			break;
		}
		if (editor_run(file, &err) < 0) {
			rc = edit_preserved(e, results_file, err.msg);
			break;
		}
		{
			struct buf t = BUF_INIT((size_t)64 << 20);

			if (file_read(file, &t, &err) < 0) {
				buf_release(&t);
				rc = edit_preserved(e, results_file, err.msg);
				break;
			}
			buf_adds(&t, "");
			edited = buf_detach(&t, NULL);
		}
		if (contains_error && edit_same(prev ? prev : "", edited)) {
			rc = edit_preserved(e, file, "Edit cancelled, no valid "
			    "changes were saved.");
			break;
		}
		if (results_file[0] != '\0')
			unlink(results_file);
		results_file[0] = '\0';
		/* kubectl's validation: a file that does not parse, or not
		 * an object with apiVersion and kind */
		if (e->validate && edit_invalid(edited, msg, sizeof msg)) {
			struct buf rs = BUF_INIT(512), head = BUF_INIT(1024),
			    l = BUF_INIT(sizeof msg + 128);
			struct edit_reason *r;

			snprintf(results_file, sizeof results_file, "%s", file);
			edit_reasons_clear(e);
			e->nedit = e->retryable = e->notfound = 0;
			contains_error = 1;
			edit_resource(e->obj[0].res, &rs);
			buf_addf(&head, "%s \"%s\" was not valid", buf_str(&rs),
			    e->obj[0].name);
			buf_addf(&l, "<nil>: Invalid value: \"The edited file "
			    "failed validation\": %s", msg);
			if ((r = edit_reason_add(e, buf_str(&head))) != NULL)
				json_array_append_new(r->other,
				    json_string(buf_str(&l)));
			cli_eprintf(c, "error: %s \"%s\" is invalid\n",
			    buf_str(&rs), e->obj[0].name);
			buf_release(&rs);
			buf_release(&head);
			buf_release(&l);
			continue;
		}
		if (edit_same(original, edited)) {
			unlink(file);
			cli_eprintf(c, "Edit cancelled, no changes made.\n");
			break;
		}
		if (!edit_has_lines(edited)) {
			unlink(file);
			cli_eprintf(c, "Edit cancelled, saved file was empty.\n");
			break;
		}
		edit_reasons_clear(e);
		e->nedit = e->retryable = e->notfound = 0;
		snprintf(results_file, sizeof results_file, "%s", file);
		if ((objs = edit_objects(e, edited, msg, sizeof msg)) == NULL) {
			struct buf head = BUF_INIT(sizeof msg + 64);

			contains_error = 1;
			buf_addf(&head, "The edited file had a syntax error: %s",
			    msg);
			edit_reason_add(e, buf_str(&head));
			buf_release(&head);
			continue;
		}
		contains_error = 0;
		/* the namespace may not change (kubectl's RequireNamespace) */
		json_array_foreach(objs, i, o) {
			const struct api_res *r = disco_kind(c,
			    json_string_value(json_object_get(o,
			    "apiVersion")) ?: "", json_string_value(
			    json_object_get(o, "kind")) ?: "", &err);
			json_t *m = json_object_get(o, "metadata");
			const char *ns = json_string_value(json_object_get(m,
			    "namespace")) ?: "";

			if (r == NULL || !r->namespaced)
				continue;
			if (ns[0] == '\0') {
				if (json_is_object(m))
					json_object_set_new(m, "namespace",
					    json_string(c->ns));
			} else if (strcmp(ns, c->ns) != 0) {
				snprintf(msg, sizeof msg, "the namespace from "
				    "the provided object \"%s\" does not match "
				    "the namespace \"%s\". You must pass "
				    "'--namespace=%s' to perform this "
				    "operation.", ns, c->ns, ns);
				rc = -1;
				break;
			}
		}
		if (rc < 0) {
			json_decref(objs);
			rc = edit_preserved(e, file, msg);
			break;
		}
		json_array_foreach(objs, i, o)
			if (edit_patch_one(e, o, msg, sizeof msg) < 0) {
				rc = -1;
				break;
			}
		json_decref(objs);
		if (rc < 0) {
			rc = edit_preserved(e, results_file, msg);
			break;
		}
		if (e->retryable > 0) {
			cli_eprintf(c, "You can run `kubec replace -f %s` to "
			    "try this update again.\n", file);
			rc = 1;
			break;
		}
		if (e->notfound > 0) {
			cli_eprintf(c, "The edits you made on deleted "
			    "resources have been saved to \"%s\"\n", file);
			rc = 1;
			break;
		}
		if (e->nedit == 0) {
			unlink(file);
			break;
		}
		if (e->nreason > 0)
			contains_error = 1;
	}
	edit_reasons_clear(e);
	free(original);
	free(edited);
	free(prev);
	buf_release(&b);
	return rc;
}

/* TYPE alone: every object of the type in the namespace. */
static int
edit_list_type(struct cli *c, const char *type, struct targets *ts)
{
	const struct api_res *r;
	struct buf path = BUF_INIT(8192);
	json_t *list = NULL, *it;
	struct err err;
	size_t i;

	err_clear(&err);
	if ((r = disco_find(c, type, &err)) == NULL)
		return cli_error(c, &err);
	res_path(r, r->namespaced ? c->ns : NULL, NULL, &path);
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0) {
		buf_release(&path);
		return cli_error(c, &err);
	}
	json_array_foreach(json_object_get(list, "items"), i, it) {
		json_t *m = json_object_get(it, "metadata");
		struct target *t;

		if (ts->n == ts->cap) {
			size_t cap = ts->cap ? ts->cap * 2 : 16;

			if ((t = realloc(ts->t, cap * sizeof *t)) == NULL)
				break;
			ts->t = t;
			ts->cap = cap;
		}
		t = &ts->t[ts->n++];
		memset(t, 0, sizeof *t);
		t->res = r;
		snprintf(t->ns, sizeof t->ns, "%s", json_string_value(
		    json_object_get(m, "namespace")) ?: "");
		snprintf(t->name, sizeof t->name, "%s", json_string_value(
		    json_object_get(m, "name")) ?: "");
	}
	json_decref(list);
	buf_release(&path);
	return 0;
}

static int
edit_exec(struct cli *c, int argc, char **argv)
{
	struct edit_run e = { .c = c };
	const char *out = opt_str(&c->o, "output"),
	    *val = opt_str(&c->o, "validate");
	struct targets ts = { 0 };
	struct err err;
	int rc = 0, failed = 0;

	err_clear(&err);
	if (out != NULL && strcmp(out, "json") == 0)
		e.json = 1;
	else if (out != NULL && out[0] != '\0' && strcmp(out, "yaml") != 0)
		return cli_fail(c, "unable to match a printer suitable for the "
		    "output format \"%s\", allowed formats are: json,yaml",
		    out);
	if (val == NULL || strcmp(val, "strict") == 0 ||
	    strcmp(val, "true") == 0)
		e.validation = "Strict";
	else if (strcmp(val, "warn") == 0)
		e.validation = "Warn";
	else if (strcmp(val, "ignore") == 0 || strcmp(val, "false") == 0)
		e.validation = "Ignore";
	else
		return cli_fail(c, "invalid - validate option \"%s\"; must be "
		    "one of: strict (true), warn, ignore (false)", val);
	e.validate = strcmp(e.validation, "Ignore") != 0;
	e.manager = opt_str(&c->o, "field-manager") ?: "kubectl-edit";
	if (argc == 0 && opt_str(&c->o, "filename") == NULL)
		return cli_fail(c, "You must provide one or more resources by "
		    "argument or filename.\nExample resource specifications "
		    "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
		    "   '<resource> <name>'\n   '<resource>'");
	if (argc == 1 && strchr(argv[0], '/') == NULL &&
	    opt_str(&c->o, "filename") == NULL) {
		ts.docs = json_array();
		rc = edit_list_type(c, argv[0], &ts);
	} else {
		rc = targets_collect(c, "edit", argc, argv, &ts);
	}
	if (rc != 0)
		goto out;
	if ((e.obj = calloc(ts.n ? ts.n : 1, sizeof *e.obj)) == NULL) {
		rc = cli_fail(c, "out of memory");
		goto out;
	}
	/* the latest of each, as kubectl's builder has them */
	for (size_t i = 0; i < ts.n; i++) {
		struct buf path = BUF_INIT(8192);
		json_t *obj = NULL;

		target_path(&ts.t[i], &path);
		err_clear(&err);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			cli_error(c, &err);
			failed = 1;
		} else {
			struct edit_obj *o = &e.obj[e.n++];
			json_t *m = json_object_get(obj, "metadata");

			o->res = ts.t[i].res;
			snprintf(o->ns, sizeof o->ns, "%s", ts.t[i].ns);
			snprintf(o->name, sizeof o->name, "%s", ts.t[i].name);
			o->mf = json_incref(json_object_get(m,
			    "managedFields"));
			json_object_del(m, "managedFields");
			o->orig = obj;
		}
		buf_release(&path);
	}
	if (failed) {
		rc = 1;
		goto out;
	}
	if (e.n == 0) {
		rc = cli_fail(c, "edit cancelled, no objects found");
		goto out;
	}
	rc = edit_loop(&e);
out:
	for (size_t i = 0; i < e.n; i++) {
		json_decref(e.obj[i].orig);
		json_decref(e.obj[i].mf);
	}
	free(e.obj);
	targets_release(&ts);
	return rc;
}

const struct cmd_entry cmd_edit_entry = {
	.name = "edit",
	.summary = "Edit a resource on the server",
	.usage = "kubec edit (TYPE NAME | TYPE/NAME | -f FILENAME) "
	    "[-o yaml|json] [--output-patch] [--save-config]",
	.opts = edit_opts,
	.exec = edit_exec,
};
