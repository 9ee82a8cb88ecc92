/* app.c - the console's loop: the terminal (ncurses, restored on every
 * way out), the stack of views, the header (context, cluster, user, the
 * server's version, the namespace and the keys of the view), the status
 * line and the ":" and "/" prompts, and the keys, one table of them that
 * the help screen is made from (as k9s's hints and htop's bindings).
 * See ui.h.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/mergepatch.h"
#include "../../lib/yaml.h"
#include "ui.h"

#define APP_HEADER	3	/* rows above the title */
#define APP_FLASH_S	5	/* seconds a message stays */
#define APP_COALESCE_MS	80	/* the watchers' changes drawn at most so often */

static volatile sig_atomic_t app_signalled;
static int app_wake_fd = -1;

static void
app_signal(int sig)
{
	char b = 's';

	app_signalled = sig;
	if (app_wake_fd >= 0 && write(app_wake_fd, &b, 1) < 0)
		app_signalled = sig;	/* the flag alone then */
}

void
ui_wake(struct ui_app *a)
{
	char b = 'w';

	/* a full pipe means a wake-up is already pending */
	if (write(a->wake[1], &b, 1) < 0 && errno != EAGAIN)
		return;
}

void
ui_flash(struct ui_app *a, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->flash, sizeof a->flash, fmt, ap);
	va_end(ap);
	a->flash_err = err;
	a->flash_at = time(NULL);
}

void
ui_push(struct ui_app *a, struct ui_view *v)
{
	if (v == NULL)
		return;
	v->prev = a->view;
	a->view = v;
}

static void
app_pop(struct ui_app *a)
{
	struct ui_view *v = a->view;

	if (v == NULL || v->prev == NULL)
		return;
	a->view = v->prev;
	ui_view_free(v);
}

/* k9s's aliases for the types whose names the server gives no short one
 * (its aliases.yaml): what :sec, :dp... open. */
static const struct {
	const char	*alias, *type;
} app_aliases[] = {
	{ "sec", "secrets" },
	{ "dp", "deployments" },
	{ "jo", "jobs" },
	{ "cr", "clusterroles" },
	{ "crb", "clusterrolebindings" },
	{ "ro", "roles" },
	{ "rb", "rolebindings" },
};

/* A table view of type (a name discovery knows: "po", "deploy"; or one
 * of k9s's aliases). */
static int
app_open(struct ui_app *a, const char *type, const char *ns,
    const char *labels, const char *fields)
{
	const struct api_res *r;
	struct ui_view *v;
	struct err err;

	for (size_t i = 0; i < sizeof app_aliases / sizeof app_aliases[0]; i++)
		if (strcmp(type, app_aliases[i].alias) == 0)
			type = app_aliases[i].type;
	err_clear(&err);
	if ((r = disco_find(a->c, type, &err)) == NULL) {
		ui_flash(a, 1, "%s", err.msg);
		return -1;
	}
	if ((v = calloc(1, sizeof *v)) == NULL)
		return -1;
	v->kind = UI_TABLE;
	v->table = ui_table_open(a, r, ns ? ns : a->ns, labels, fields);
	if (v->table == NULL) {
		free(v);
		return -1;
	}
	ui_push(a, v);
	return 0;
}

/* The text a verb prints (describe), run as from the command line. */
static char *
app_verb_text(struct ui_app *a, const char *verb, const char *type,
    const char *ns, const char *name)
{
	const struct cmd_entry *cmd = cmd_find(verb);
	struct cli *c = a->c;
	FILE *out, *errout, *keep_out = c->out, *keep_err = c->errout;
	char *text = NULL, *etext = NULL, keep_ns[sizeof c->ns];
	char *argv[3] = { (char *)type, (char *)name, NULL };
	struct opts keep_opts;
	size_t len = 0, elen = 0;

	if (cmd == NULL || (out = open_memstream(&text, &len)) == NULL)
		return NULL;
	if ((errout = open_memstream(&etext, &elen)) == NULL) {
		fclose(out);
		free(text);
		return NULL;
	}
	memcpy(keep_ns, c->ns, sizeof keep_ns);
	keep_opts = c->o;
	snprintf(c->ns, sizeof c->ns, "%s", ns[0] ? ns : a->ns);
	c->o.n = 0;		/* none of kubec ui's options (-A) */
	c->out = out;
	c->errout = errout;
	cmd->exec(c, 2, argv);
	fclose(out);
	fclose(errout);
	c->out = keep_out;
	c->errout = keep_err;
	c->o = keep_opts;
	memcpy(c->ns, keep_ns, sizeof keep_ns);
	if (elen > 0 && len == 0) {
		free(text);
		return etext;
	}
	free(etext);
	return text;
}

/* --- the keys ------------------------------------------------------------ */

static void app_recent(struct ui_app *a, const char *ns);

#define K_TABLE	0x1
#define K_TEXT	0x2
#define K_LOGS	0x4
#define K_CTX	0x8	/* the contexts (:ctx) */
#define K_MF	0x10	/* the manifests view */
#define K_FWD	0x20	/* the port-forwards */
#define K_CTR	0x40	/* a pod's containers */
#define K_ALL	(K_TABLE | K_TEXT | K_LOGS | K_CTX | K_MF | K_FWD | K_CTR)
#define K_CTRL(c)	((c) & 0x1f)

struct app_key {
	int		 key;
	const char	*name;
	const char	*help;
	int		 views;
	int		 danger;	/* off with --readonly */
	void		(*fn)(struct ui_app *a);
};

static int
app_page(const struct ui_app *a)
{
	int h = a->rows - APP_HEADER - 3;

	return h > 1 ? h : 1;
}

static void
app_move(struct ui_app *a, long delta)
{
	if (a->view->kind == UI_TABLE)
		ui_table_move(a->view->table, delta);
	else if (a->view->kind == UI_LOGS)
		ui_logs_move(a->view->logs, delta, app_page(a));
	else if (a->view->kind == UI_MANIFESTS)
		ui_mf_move(a->view->mf, delta);
	else if (a->view->kind == UI_FORWARDS)
		ui_forwards_move(a, a->view, delta);
	else
		ui_text_move(a->view, delta, app_page(a));
}

static int
app_views(const struct ui_app *a)
{
	switch (a->view->kind) {
	case UI_TABLE: return a->view->table->pod[0] ? K_CTR :
	    a->view->table->local ? K_CTX : K_TABLE;
	case UI_TEXT: return K_TEXT;
	case UI_LOGS: return K_LOGS;
	case UI_MANIFESTS: return K_MF;
	case UI_FORWARDS: return K_FWD;
	}
	return K_TEXT;
}

/* The "/" filter of the view at hand (a table's, the manifests'), NULL
 * when it has none. */
static char *
app_filter(struct ui_app *a)
{
	if (a->view->kind == UI_TABLE)
		return a->view->table->filter;
	if (a->view->kind == UI_MANIFESTS)
		return a->view->mf->filter;
	return NULL;
}
#define APP_FILTER_MAX	sizeof(((struct ui_table *)0)->filter)
_Static_assert(sizeof(((struct ui_table *)0)->filter) ==
    sizeof(((struct ui_mf *)0)->filter), "one size of filter");

static void k_down(struct ui_app *a) { app_move(a, 1); }
static void k_up(struct ui_app *a) { app_move(a, -1); }
static void k_pgdn(struct ui_app *a) { app_move(a, app_page(a)); }
static void k_pgup(struct ui_app *a) { app_move(a, -app_page(a)); }
static void k_top(struct ui_app *a) { app_move(a, LONG_MIN); }
static void k_bottom(struct ui_app *a) { app_move(a, LONG_MAX); }

static void
k_command(struct ui_app *a)
{
	a->prompt_kind = ':';
	a->prompt[0] = '\0';
}

static void
k_filter(struct ui_app *a)
{
	a->prompt_kind = '/';
	/* the filter to change; a new text to find, as less and vi ask */
	snprintf(a->prompt, sizeof a->prompt, "%s", app_filter(a) ?
	    app_filter(a) : "");
}

static void
k_back(struct ui_app *a)
{
	if (app_filter(a) != NULL && app_filter(a)[0]) {
		app_filter(a)[0] = '\0';
		return;
	}
	app_pop(a);
}

static void
k_quit(struct ui_app *a)
{
	if (a->view->prev != NULL)
		app_pop(a);
	else
		a->quit = 1;
}

/* The type of the objects the table at hand shows: the pod's of the
 * containers view. */
static const struct api_res *
app_res(const struct ui_app *a)
{
	const struct ui_table *t = a->view->table;

	return t->res_pods != NULL ? t->res_pods : t->res;
}

/* The object the keys act on: the selected row's, the containers view's
 * pod; 0 when none. */
static int
app_selected(struct ui_app *a, char *ns, size_t nslen, char *name,
    size_t namelen)
{
	struct ui_table *t = a->view->table;

	if (t->pod[0] == '\0')
		return ui_table_selected(t, ns, nslen, name, namelen);
	snprintf(ns, nslen, "%s", t->ns);
	snprintf(name, namelen, "%s", t->pod);
	return 1;
}

/* The object of the table at hand, as the server has it, its path into
 * url; NULL (said on the status line) when it cannot be read. */
static json_t *
app_get(struct ui_app *a, const char *ns, const char *name, struct buf *url)
{
	json_t *obj = NULL;
	struct err err;

	res_path(app_res(a), ns, name, url);
	err_clear(&err);
	if (rest_do(a->c->rest, "GET", buf_str(url), NULL, NULL, &obj,
	    &err) < 0) {
		ui_flash(a, 1, "%s", err.msg);
		return NULL;
	}
	return obj;
}

static void
k_yaml(struct ui_app *a)
{
	char ns[254], name[254], *text = NULL;
	struct buf path = BUF_INIT(4096), title = BUF_INIT(600);
	size_t len = 0;
	json_t *obj;
	FILE *f;

	if (!app_selected(a, ns, sizeof ns, name, sizeof name))
		return;
	if ((obj = app_get(a, ns, name, &path)) != NULL &&
	    (f = open_memstream(&text, &len)) != NULL) {
		print_strip_managed(obj);
		print_yaml(f, obj);
		fclose(f);
		buf_addf(&title, " YAML %s/%s ", app_res(a)->name, name);
		ui_push(a, ui_text_new(buf_str(&title), text));
	}
	free(text);
	json_decref(obj);
	buf_release(&path);
	buf_release(&title);
}

static void
k_describe(struct ui_app *a)
{
	const struct api_res *r = app_res(a);
	char ns[254], name[254], *text;
	struct buf title = BUF_INIT(600);

	if (!app_selected(a, ns, sizeof ns, name, sizeof name))
		return;
	text = app_verb_text(a, "describe", r->name, ns, name);
	if (text == NULL) {
		ui_flash(a, 1, "cannot describe %s", name);
		return;
	}
	buf_addf(&title, " Describe %s/%s ", r->name, name);
	ui_push(a, ui_text_new(buf_str(&title), text));
	free(text);
	buf_release(&title);
}

void
ui_pending_free(struct ui_app *a)
{
	for (size_t i = 0; i < a->npending; i++)
		free(a->pending[i]);
	free(a->pending);
	a->pending = NULL;
	a->npending = 0;
}

#define APP_DELETE_KEYS	"(y: yes, f: foreground, o: orphan dependents, n: no)"

static void app_delete_confirmed(struct ui_app *a, int key);

static void
k_delete(struct ui_app *a)
{
	struct ui_table *t = a->view->table;
	char ns[254], name[254];

	ui_pending_free(a);
	a->confirm_fn = app_delete_confirmed;
	if ((a->npending = ui_table_marked(t, &a->pending)) > 0) {
		snprintf(a->confirm, sizeof a->confirm, "Delete the %zu marked "
		    "%s? %s", a->npending, t->res->name, APP_DELETE_KEYS);
		return;
	}
	ui_pending_free(a);
	if (!ui_table_selected(t, ns, sizeof ns, name, sizeof name))
		return;
	if ((a->pending = calloc(1, sizeof *a->pending)) == NULL)
		return;
	if (asprintf(&a->pending[0], "%s/%s", ns, name) < 0) {
		ui_pending_free(a);
		return;
	}
	a->npending = 1;
	snprintf(a->confirm, sizeof a->confirm, "Delete %s %s%s%s? %s",
	    t->res->name, ns, ns[0] ? "/" : "", name, APP_DELETE_KEYS);
}

/* y (or f, o) to the question: the objects asked about go, their
 * dependents in the background (as kubectl delete does by default), first
 * (foreground), or left (orphan). */
static void
app_delete_confirmed(struct ui_app *a, int key)
{
	struct ui_table *t = a->view->table;
	const char *policy = key == 'f' ? "Foreground" : key == 'o' ?
	    "Orphan" : "Background";
	size_t done = 0;
	struct err err;
	json_t *opts;

	if (key != 'y' && key != 'Y' && key != 'f' && key != 'o')
		return;
	err_clear(&err);
	opts = json_pack("{s:s, s:s, s:s}", "kind", "DeleteOptions",
	    "apiVersion", "v1", "propagationPolicy", policy);
	for (size_t i = 0; i < a->npending; i++) {
		struct buf path = BUF_INIT(4096);
		char *slash = strchr(a->pending[i], '/');

		if (slash == NULL)
			continue;
		*slash = '\0';
		res_path(t->res, a->pending[i], slash + 1, &path);
		if (rest_do(a->c->rest, "DELETE", buf_str(&path),
		    "application/json", opts, NULL, &err) < 0)
			ui_flash(a, 1, "%s", err.msg);
		else if (++done == 1)
			ui_flash(a, 0, "%s \"%s\" deleted", t->res->name,
			    slash + 1);
		else
			ui_flash(a, 0, "%zu %s deleted", done, t->res->name);
		buf_release(&path);
	}
	json_decref(opts);
}

/* --- edit ---------------------------------------------------------------- */

#define EDIT_HEAD "# Please edit the object below. Lines beginning with a '#' " \
	"will be ignored,\n# and an empty file will abort the edit. If an " \
	"error occurs while saving this file will be\n# reopened with the " \
	"relevant failures.\n#\n"

/* The user's editor on path (console/editor.c), the terminal handed
 * over and taken back; 0 when it ended well. */
int
ui_editor(const char *path)
{
	struct err err;
	int rc;

	err_clear(&err);
	def_prog_mode();
	endwin();
	rc = editor_run(path, &err);
	reset_prog_mode();
	refresh();
	return rc;
}

static int
app_patch(struct ui_app *a, const char *url, const json_t *from,
    const json_t *to, struct err *err)
{
	json_t *patch = mergepatch_diff(from, to);
	int rc;

	if (patch == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	rc = rest_do(a->c->rest, "PATCH", url, "application/merge-patch+json",
	    patch, NULL, err) < 0 ? -1 : 0;
	json_decref(patch);
	return rc;
}

/*
 * e: the object in $EDITOR as kubectl edit has it (YAML, managedFields
 * left out), put back when saved changed; when the server refuses it,
 * the file is opened again with the error on top, until it is saved
 * unchanged or empty.
 */
static void
k_edit(struct ui_app *a)
{
	struct ui_table *t = a->view->table;
	char ns[254], name[254], path[PATH_MAX];
	struct buf url = BUF_INIT(4096), text = BUF_INIT(16 << 20);
	char *before = NULL, *after = NULL;
	json_t *obj = NULL, *edited = NULL;
	struct err err;
	FILE *f;

	err_clear(&err);
	path[0] = '\0';
	if (!ui_table_selected(t, ns, sizeof ns, name, sizeof name))
		return;
	if ((obj = app_get(a, ns, name, &url)) == NULL)
		goto out;
	print_strip_managed(obj);
	buf_adds(&text, EDIT_HEAD);
	if (yaml_emit(obj, &text) < 0 || editor_tempfile("kubec-edit-",
	    ".yaml", text.data, text.len, path, sizeof path, &err) < 0) {
		path[0] = '\0';
		ui_flash(a, 1, "cannot write a file to edit");
		goto out;
	}
	before = editor_read_uncommented(path);
	for (;;) {
		if (ui_editor(path) != 0) {
			ui_flash(a, 1, "the editor failed; no changes made");
			break;
		}
		free(after);
		after = editor_read_uncommented(path);
		if (after == NULL || strspn(after, " \t\n") == strlen(after) ||
		    (before != NULL && strcmp(before, after) == 0)) {
			ui_flash(a, 0, "Edit cancelled, no changes made.");
			break;
		}
		json_decref(edited);
		edited = NULL;
		err_clear(&err);
		/* what changed, as a merge patch: the controllers' writes
		 * meanwhile (status) do not make it conflict */
		if (yaml_parse_one(after, strlen(after), &edited, &err) == 0 &&
		    app_patch(a, buf_str(&url), obj, edited, &err) == 0) {
			ui_flash(a, 0, "%s/%s edited", t->res->name, name);
			break;
		}
		/* again, the failure on top, as kubectl edit does */
		if ((f = fopen(path, "w")) == NULL)
			break;
		fprintf(f, "%s# %s\n#\n%s", EDIT_HEAD, err.msg, after);
		fclose(f);
		free(before);
		before = editor_read_uncommented(path);
	}
	unlink(path);
out:
	free(before);
	free(after);
	json_decref(obj);
	json_decref(edited);
	buf_release(&url);
	buf_release(&text);
}

/* Enter: a workload's pods, a node's pods, a namespace's pods, a pod's
 * containers. */
static void
k_enter(struct ui_app *a)
{
	struct ui_table *t = a->view->table;
	char ns[254], name[254];
	struct buf path = BUF_INIT(4096), sel = BUF_INIT(1024);
	const json_t *ml;
	json_t *obj = NULL;

	if (!ui_table_selected(t, ns, sizeof ns, name, sizeof name))
		return;
	if (strcmp(t->res->name, "namespaces") == 0) {
		snprintf(a->ns, sizeof a->ns, "%s", name);
		app_recent(a, name);
		app_open(a, "pods", name, NULL, NULL);
		goto out;
	}
	if (strcmp(t->res->name, "nodes") == 0) {
		buf_addf(&sel, "spec.nodeName=%s", name);
		app_open(a, "pods", "", NULL, buf_str(&sel));
		goto out;
	}
	if (strcmp(t->res->name, "pods") == 0) {
		struct ui_view *v = calloc(1, sizeof *v);

		if (v != NULL && (v->table = ui_containers_open(a, ns,
		    name)) != NULL) {
			v->kind = UI_TABLE;
			ui_push(a, v);
		} else {
			free(v);
		}
		goto out;
	}
	if ((obj = app_get(a, ns, name, &path)) == NULL)
		goto out;
	/* spec.selector: a LabelSelector's matchLabels, or a Service's map */
	ml = json_object_get(json_object_get(obj, "spec"), "selector");
	if (json_object_get(ml, "matchLabels") != NULL)
		ml = json_object_get(ml, "matchLabels");
	if (json_object_size(ml) == 0) {
		k_describe(a);
		goto out;
	}
	print_labels(&sel, ml, NULL);
	app_open(a, "pods", ns, buf_str(&sel), NULL);
out:
	json_decref(obj);
	buf_release(&path);
	buf_release(&sel);
}

static void k_sort_name(struct ui_app *a) { ui_table_sort(a->view->table, 'N'); }
static void k_sort_age(struct ui_app *a) { ui_table_sort(a->view->table, 'A'); }
static void k_sort_next(struct ui_app *a)
{
	ui_table_sort_step(a->view->table, 1);
}
static void k_sort_prev(struct ui_app *a)
{
	ui_table_sort_step(a->view->table, -1);
}
static void k_sort_invert(struct ui_app *a)
{
	ui_table_sort_invert(a->view->table);
}

static void
k_mark(struct ui_app *a)
{
	ui_table_mark(a->view->table);
	ui_table_move(a->view->table, 1);
}

/* --- namespaces, scale, restart ------------------------------------------ */

static void app_switch_ns(struct ui_app *a, const char *ns);

/* 0: every namespace; 1-9: the namespaces used last, as the header
 * lists them. */
static void
k_number(struct ui_app *a, int ch)
{
	const char *ns = ch == '0' ? "" : a->recent[ch - '1'];

	if (ch != '0' && ns[0] == '\0')
		return;
	app_switch_ns(a, ns);
}

#define K_NUMBER(d) static void k_ns##d(struct ui_app *a) { k_number(a, #d[0]); }
K_NUMBER(0) K_NUMBER(1) K_NUMBER(2) K_NUMBER(3) K_NUMBER(4)
K_NUMBER(5) K_NUMBER(6) K_NUMBER(7) K_NUMBER(8) K_NUMBER(9)

static int
app_is(const struct ui_table *t, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(t->res->name, *names) == 0)
			return 1;
	return 0;
}

static const char *const app_scalable[] = { "deployments", "replicasets",
	"statefulsets", "replicationcontrollers", NULL };
static const char *const app_restartable[] = { "deployments",
	"statefulsets", "daemonsets", NULL };

/* The pod the keys of pods act on (the one selected, the containers
 * view's) as the server has it, and the container chosen (the containers
 * view's selected one, else ""); NULL (said on the status line) when it
 * cannot be read, or the view is not of pods. */
static json_t *
app_pod(struct ui_app *a, const char *what, char *ns, size_t nslen,
    char *name, size_t namelen, char *ctr, size_t ctrlen)
{
	struct ui_table *t = a->view->table;
	struct buf path = BUF_INIT(4096);
	char ctr_ns[254];
	json_t *pod = NULL;

	ctr[0] = '\0';
	if (t->pod[0] != '\0') {
		if (!ui_table_selected(t, ctr_ns, sizeof ctr_ns, ctr, ctrlen))
			return NULL;
	} else if (strcmp(t->res->name, "pods") != 0) {
		ui_flash(a, 1, "%s: choose a pod (enter shows the pods of "
		    "%s)", what, t->res->name);
		return NULL;
	}
	if (app_selected(a, ns, nslen, name, namelen))
		pod = app_get(a, ns, name, &path);
	buf_release(&path);
	return pod;
}

/* The selected object as the one pending ("ns/name"); 0 when none. */
static int
app_pend_selected(struct ui_app *a, char *ns, size_t nslen, char *name,
    size_t namelen)
{
	ui_pending_free(a);
	if (!app_selected(a, ns, nslen, name, namelen) ||
	    (a->pending = calloc(1, sizeof *a->pending)) == NULL)
		return 0;
	if (asprintf(&a->pending[0], "%s/%s", ns, name) < 0) {
		ui_pending_free(a);
		return 0;
	}
	a->npending = 1;
	return 1;
}

/* s on a workload: the replicas asked for, the current count offered. */
static void
k_scale(struct ui_app *a)
{
	struct ui_table *t = a->view->table;
	struct buf path = BUF_INIT(4096);
	char ns[254], name[254];
	json_t *obj;

	if (!app_pend_selected(a, ns, sizeof ns, name, sizeof name) ||
	    (obj = app_get(a, ns, name, &path)) == NULL)
		goto out;
	a->prompt_kind = '#';
	snprintf(a->prompt_label, sizeof a->prompt_label, "Replicas of %s %s: ",
	    t->res->singular[0] ? t->res->singular : t->res->name, name);
	snprintf(a->prompt, sizeof a->prompt, "%lld", (long long)
	    json_integer_value(json_object_get(json_object_get(obj, "spec"),
	    "replicas")));
	json_decref(obj);
out:
	buf_release(&path);
}

/* Enter on the replicas: the scale subresource set (kubec scale). */
static void
app_scale_to(struct ui_app *a, const char *text)
{
	struct ui_table *t = a->view->table;
	struct buf path = BUF_INIT(4096);
	char *end, *slash;
	long n = strtol(text, &end, 10);
	struct err err;
	json_t *patch;

	if (a->npending != 1 || (slash = strchr(a->pending[0], '/')) == NULL)
		goto out;
	if (text[0] == '\0' || *end != '\0' || n < 0 || n > INT_MAX) {
		ui_flash(a, 1, "replicas: a whole number, not '%s'", text);
		goto out;
	}
	*slash = '\0';
	res_path(t->res, a->pending[0], slash + 1, &path);
	buf_adds(&path, "/scale");
	err_clear(&err);
	patch = json_pack("{s:{s:I}}", "spec", "replicas", (json_int_t)n);
	if (rest_do(a->c->rest, "PATCH", buf_str(&path),
	    "application/merge-patch+json", patch, NULL, &err) < 0)
		ui_flash(a, 1, "%s", err.msg);
	else
		ui_flash(a, 0, "%s %s scaled to %ld", t->res->name, slash + 1,
		    n);
	json_decref(patch);
out:
	ui_pending_free(a);
	buf_release(&path);
}

/* y to the restart: the pod template's restartedAt annotation set, as
 * kubec rollout restart sets it. */
static void
app_restart_confirmed(struct ui_app *a, int key)
{
	struct ui_table *t = a->view->table;
	struct buf path = BUF_INIT(4096);
	char now[64], *slash;
	time_t s = time(NULL);
	struct tm tm;
	struct err err;
	json_t *patch;

	if ((key != 'y' && key != 'Y') || a->npending != 1 ||
	    (slash = strchr(a->pending[0], '/')) == NULL)
		return;
	*slash = '\0';
	res_path(t->res, a->pending[0], slash + 1, &path);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&s, &tm));
	patch = json_pack("{s:{s:{s:{s:{s:s}}}}}", "spec", "template",
	    "metadata", "annotations", "kubectl.kubernetes.io/restartedAt",
	    now);
	err_clear(&err);
	if (rest_do(a->c->rest, "PATCH", buf_str(&path),
	    "application/strategic-merge-patch+json", patch, NULL, &err) < 0)
		ui_flash(a, 1, "%s", err.msg);
	else
		ui_flash(a, 0, "%s %s restarted", t->res->name, slash + 1);
	json_decref(patch);
	buf_release(&path);
}

static void
k_restart(struct ui_app *a)
{
	struct ui_table *t = a->view->table;
	char ns[254], name[254];

	if (!app_is(t, app_restartable)) {
		ui_flash(a, 1, "restart: deployments, statefulsets and "
		    "daemonsets roll their pods again");
		return;
	}
	if (!app_pend_selected(a, ns, sizeof ns, name, sizeof name))
		return;
	a->confirm_fn = app_restart_confirmed;
	snprintf(a->confirm, sizeof a->confirm, "Restart %s %s (its pods "
	    "replaced, as its strategy says)? (y/n)", t->res->name, name);
}

static void k_shell(struct ui_app *a);

/* shift-s: the replicas of a workload (k9s's key), else the rows sorted
 * by status (scaling asks first, so --readonly is checked here). */
static void
k_S(struct ui_app *a)
{
	if (!app_is(a->view->table, app_scalable))
		ui_table_sort(a->view->table, 'S');
	else if (a->readonly)
		ui_flash(a, 1, "read-only: scale is off");
	else
		k_scale(a);
}

/* s: a shell on a pod, the replicas of a workload. */
static void
k_s(struct ui_app *a)
{
	struct ui_table *t = a->view->table;

	if (app_is(t, app_scalable))
		k_scale(a);
	else
		k_shell(a);
}

/* --- shell --------------------------------------------------------------- */

/*
 * s: a shell in the selected pod's default container (bash when it has
 * one, else sh), the terminal handed over to it in raw mode and taken
 * back when it ends; its size follows the terminal's meanwhile.
 */
static void
k_shell(struct ui_app *a)
{
	static char *const shell[] = { "sh", "-c", "clear; command -v bash "
	    ">/dev/null 2>&1 && exec bash || exec sh", NULL };
	char ns[254], name[254], ctr[254];
	struct winsize ws;
	json_t *pod;
	int rc;

	if ((pod = app_pod(a, "shell", ns, sizeof ns, name, sizeof name, ctr,
	    sizeof ctr)) == NULL)
		return;
	if (ctr[0] == '\0')
		snprintf(ctr, sizeof ctr, "%s", pods_container(a->c, pod, PODS_QUIET) ?:
		    "");
	json_decref(pod);
	def_prog_mode();
	endwin();
	printf("kubec: a shell in %s/%s:%s (exit to come back)\n", ns, name,
	    ctr);
	fflush(stdout);
	rc = exec_run(a->c, ns, name, ctr, shell, &(struct exec_io){ .in = 0,
	    .out = 1, .err = 2, .tty = isatty(0) });
	reset_prog_mode();
	/* the terminal may have changed size meanwhile */
	if (ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, a->rows, a->cols);
	clearok(curscr, TRUE);
	refresh();
	if (rc == 0)
		ui_flash(a, 0, "the shell in %s ended", name);
	else
		ui_flash(a, 1, "the shell in %s ended with status %d", name,
		    rc);
}

/* --- logs ---------------------------------------------------------------- */

/* The logs view v of ns/pod's container at v->item: a new stream. */
static void
app_logs_restart(struct ui_app *a, struct ui_view *v, const char *ns,
    const char *pod, int previous)
{
	struct ui_logs *old = v->logs, *l;
	struct buf title = BUF_INIT(1024);

	l = ui_logs_open(a, ns, pod, v->items[v->item], previous);
	if (l == NULL)
		return;
	if (old != NULL) {
		l->wrap = old->wrap;
		l->timestamps = old->timestamps;
		snprintf(l->search, sizeof l->search, "%s", old->search);
		ui_logs_close(old);
	}
	v->logs = l;
	buf_addf(&title, " Logs %s/%s:%s%s ", l->ns, l->pod, l->container,
	    previous ? " (previous)" : "");
	free(v->title);
	v->title = buf_detach(&title, NULL);
}

/* l: the selected pod's logs, followed; its default container first
 * (the containers view's selected one, kubectl's annotation, else the
 * first), c for the others; previous: the last run's. */
static void
app_logs(struct ui_app *a, int previous)
{
	char ns[254], name[254], want[254];
	const json_t *spec, *ctr, *meta;
	const char *def;
	struct ui_view *v;
	json_t *pod;
	size_t i;

	if ((pod = app_pod(a, "logs", ns, sizeof ns, name, sizeof name, want,
	    sizeof want)) == NULL)
		return;
	spec = json_object_get(pod, "spec");
	meta = json_object_get(pod, "metadata");
	def = want[0] ? want : json_string_value(json_object_get(
	    json_object_get(meta, "annotations"),
	    "kubectl.kubernetes.io/default-container"));
	if ((v = calloc(1, sizeof *v)) == NULL ||
	    (v->items = calloc(json_array_size(json_object_get(spec,
	    "containers")) + json_array_size(json_object_get(spec,
	    "initContainers")) + 1, sizeof *v->items)) == NULL) {
		free(v);
		json_decref(pod);
		return;
	}
	v->kind = UI_LOGS;
	json_array_foreach(json_object_get(spec, "containers"), i, ctr)
		v->items[v->nitems++] = strdup(json_string_value(
		    json_object_get(ctr, "name")) ?: "");
	json_array_foreach(json_object_get(spec, "initContainers"), i, ctr)
		v->items[v->nitems++] = strdup(json_string_value(
		    json_object_get(ctr, "name")) ?: "");
	for (i = 0; def != NULL && i < v->nitems; i++)
		if (v->items[i] != NULL && strcmp(v->items[i], def) == 0)
			v->item = i;
	json_decref(pod);
	if (v->nitems > 0 && v->items[v->item] != NULL)
		app_logs_restart(a, v, ns, name, previous);
	if (v->logs == NULL) {
		ui_view_free(v);
		return;
	}
	ui_push(a, v);
	if (v->nitems > 1)
		ui_flash(a, 0, "container %s of %zu (c: the next one)",
		    v->items[v->item], v->nitems);
}

static void k_logs(struct ui_app *a) { app_logs(a, 0); }
static void k_logs_last(struct ui_app *a) { app_logs(a, 1); }

static void
k_logs_container(struct ui_app *a)
{
	struct ui_view *v = a->view;

	if (v->nitems < 2) {
		ui_flash(a, 0, "the pod has one container");
		return;
	}
	v->item = (v->item + 1) % v->nitems;
	app_logs_restart(a, v, v->logs->ns, v->logs->pod, 0);
	ui_flash(a, 0, "container %s", v->items[v->item]);
}

static void
k_logs_previous(struct ui_app *a)
{
	struct ui_logs *l = a->view->logs;

	app_logs_restart(a, a->view, l->ns, l->pod, !l->previous);
}

/* Flips one of the logs view's switches, under its lock. */
static void
app_logs_flip(struct ui_app *a, size_t off)
{
	struct ui_logs *l = a->view->logs;

	pthread_mutex_lock(&l->mu);
	*(int *)((char *)l + off) ^= 1;
	pthread_mutex_unlock(&l->mu);
}

static void k_autoscroll(struct ui_app *a)
{
	app_logs_flip(a, offsetof(struct ui_logs, follow));
}
static void k_wrap(struct ui_app *a)
{
	app_logs_flip(a, offsetof(struct ui_logs, wrap));
}
static void k_timestamps(struct ui_app *a)
{
	app_logs_flip(a, offsetof(struct ui_logs, timestamps));
}

static void
app_logs_find(struct ui_app *a, int dir)
{
	struct ui_logs *l = a->view->logs;

	if (l->search[0] == '\0')
		ui_flash(a, 0, "/ first: the text to find");
	else if (!ui_logs_find(l, l->search, dir))
		ui_flash(a, 1, "not found: %s", l->search);
}

static void k_next(struct ui_app *a) { app_logs_find(a, 1); }
static void k_prev(struct ui_app *a) { app_logs_find(a, -1); }

/* --- contexts ------------------------------------------------------------ */

static void app_version(struct ui_app *a);

/* What the contexts view is a table of (no server serves it). */
static const struct api_res app_ctx_res = {
	.name = "contexts", .singular = "context", .kind = "Context",
};

/* :ctx: the kubeconfig's contexts, the one in use marked (*), as k9s. */
static void
app_contexts(struct ui_app *a)
{
	static const char *const cols[] = { "NAME", "CLUSTER", "AUTHINFO",
	    "NAMESPACE" };
	const json_t *e;
	struct ui_table *t;
	struct ui_view *v;
	size_t i;

	t = ui_table_local(a, &app_ctx_res, cols, 4);
	if (t == NULL || (v = calloc(1, sizeof *v)) == NULL) {
		ui_table_close(t);
		return;
	}
	json_array_foreach(json_object_get(a->c->kc.doc, "contexts"), i, e) {
		const json_t *ctx = json_object_get(e, "context");
		const char *name = json_string_value(json_object_get(e,
		    "name")), *cells[4];
		char shown[300];

		if (name == NULL)
			continue;
		snprintf(shown, sizeof shown, "%s%s", name,
		    strcmp(name, a->c->t.context) == 0 ? "(*)" : "");
		cells[0] = shown;
		cells[1] = json_string_value(json_object_get(ctx,
		    "cluster")) ?: "";
		cells[2] = json_string_value(json_object_get(ctx, "user")) ?:
		    "";
		cells[3] = json_string_value(json_object_get(ctx,
		    "namespace")) ?: "";
		ui_table_add(t, NULL, "", name, 0, cells);
	}
	v->kind = UI_TABLE;
	v->table = t;
	ui_push(a, v);
}

/*
 * The dashboard on another context of the kubeconfig (which is left as it
 * is): its server asked for its types first, so that a context that
 * cannot be reached leaves everything as it was (said on the status
 * line); then every view closed (their threads waited for: they use the
 * old connection and types), the connection replaced, the header's
 * version asked again, and its namespace's pods shown.
 */
static void
app_use_context(struct ui_app *a, const char *name)
{
	struct cli *c = a->c, nc = *c;
	struct kube_target nt;
	char ctx[256];
	struct err err;

	snprintf(ctx, sizeof ctx, "%s", name);	/* name may be a view's */
	memset(&nt, 0, sizeof nt);
	err_clear(&err);
	nc.res = NULL;
	nc.nres = 0;
	nc.rest = NULL;
	if (kubeconfig_resolve(&c->kc, ctx, &nt, &err) < 0 ||
	    (nc.rest = rest_open(&nt, "kubec", &err)) == NULL ||
	    disco_load(&nc, &err) < 0) {
		ui_flash(a, 1, "context %s: %s", ctx, err.msg);
		rest_close(nc.rest);
		free(nc.res);
		kube_target_release(&nt);
		return;
	}
	while (a->view != NULL) {
		struct ui_view *v = a->view;

		a->view = v->prev;
		ui_view_free(v);
	}
	ui_pending_free(a);
	a->confirm[0] = '\0';
	a->prompt_kind = 0;
	ui_reap_wait();
	rest_close(c->rest);
	kube_target_release(&c->t);
	free(c->res);
	c->t = nt;
	c->rest = nc.rest;
	c->res = nc.res;
	c->nres = nc.nres;
	snprintf(c->ns, sizeof c->ns, "%s", nt.ns[0] ? nt.ns : "default");
	c->ns_given = 0;
	snprintf(a->ns, sizeof a->ns, "%s", c->ns);
	app_recent(a, a->ns);
	app_version(a);
	if (app_open(a, "pods", a->ns, NULL, NULL) < 0) {
		char why[sizeof a->flash];

		snprintf(why, sizeof why, "%s", a->flash);
		app_contexts(a);	/* a view there must be */
		ui_flash(a, 1, "context %s: %s", ctx, why);
		return;
	}
	ui_flash(a, 0, "context: %s", ctx);
}

/* Enter on a context. */
static void
k_ctx_use(struct ui_app *a)
{
	char ns[254], name[254];

	if (ui_table_selected(a->view->table, ns, sizeof ns, name,
	    sizeof name))
		app_use_context(a, name);
}

/* --- port-forwards -------------------------------------------------------- */

/* The container of pod declaring port (a number or a name) and its
 * number; the first container when none declares it (number: port's). */
static void
app_pod_port(const json_t *pod, const char *port, char *ctr, size_t len,
    long *num)
{
	const json_t *c, *p;
	size_t i, j;
	char *end;
	long want = strtol(port, &end, 10);
	int named = *port == '\0' || *end != '\0';

	*num = named ? 0 : want;
	ctr[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "containers"), i, c) {
		if (i == 0)
			snprintf(ctr, len, "%s", json_string_value(
			    json_object_get(c, "name")) ?: "");
		json_array_foreach(json_object_get(c, "ports"), j, p) {
			long cp = (long)json_integer_value(json_object_get(p,
			    "containerPort"));

			if (named ? strcmp(json_string_value(json_object_get(p,
			    "name")) ?: "", port) != 0 : cp != want)
				continue;
			snprintf(ctr, len, "%s", json_string_value(
			    json_object_get(c, "name")) ?: "");
			*num = cp;
			return;
		}
	}
}

/* shift-f on a pod: the ports asked, LOCAL:CONTAINER_PORT, the pod's
 * first declared container port (of the container chosen in the
 * containers view) offered for both. */
static void
k_forward(struct ui_app *a)
{
	const json_t *c, *p;
	const char *phase;
	char ns[254], name[254], ctr[254];
	json_t *pod = NULL;
	long first = 0;
	size_t i, j;

	if ((pod = app_pod(a, "port-forward", ns, sizeof ns, name,
	    sizeof name, ctr, sizeof ctr)) == NULL ||
	    !app_pend_selected(a, ns, sizeof ns, name, sizeof name))
		goto out;
	phase = json_string_value(json_object_get(json_object_get(pod,
	    "status"), "phase")) ?: "";
	if (strcmp(phase, "Running") != 0) {
		ui_flash(a, 1, "unable to forward port because pod is not "
		    "running. Current status=%s", phase);
		ui_pending_free(a);
		goto out;
	}
	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "containers"), i, c) {
		if (ctr[0] != '\0' && strcmp(ctr, json_string_value(
		    json_object_get(c, "name")) ?: "") != 0)
			continue;
		json_array_foreach(json_object_get(c, "ports"), j, p)
			if (first == 0 && strcmp(json_string_value(
			    json_object_get(p, "protocol")) ?: "TCP",
			    "TCP") == 0)
				first = (long)json_integer_value(
				    json_object_get(p, "containerPort"));
	}
	a->prompt_kind = 'F';
	snprintf(a->prompt_label, sizeof a->prompt_label, "Port-forward "
	    "%s/%s, LOCAL:CONTAINER port: ", ns, name);
	if (first > 0)
		snprintf(a->prompt, sizeof a->prompt, "%ld:%ld", first, first);
	else
		a->prompt[0] = '\0';
out:
	json_decref(pod);
}

/* Enter on the ports: the forward started in the background. */
static void
app_forward_to(struct ui_app *a, const char *text)
{
	struct buf path = BUF_INIT(4096);
	char local[64], remote[64], ctr[254], ports[160], *slash, *end;
	const char *colon = strchr(text, ':');
	json_t *pod = NULL;
	struct err err;
	long num, lp;

	if (a->npending != 1 || (slash = strchr(a->pending[0], '/')) == NULL)
		goto out;
	*slash = '\0';
	if (colon != NULL) {
		snprintf(local, sizeof local, "%.*s", (int)(colon - text), text);
		snprintf(remote, sizeof remote, "%s", colon + 1);
	} else {
		snprintf(local, sizeof local, "%s", text);
		snprintf(remote, sizeof remote, "%s", text);
	}
	lp = local[0] ? strtol(local, &end, 10) : 0;
	if (remote[0] == '\0' || strchr(remote, ':') != NULL ||
	    (local[0] && (*end != '\0' || lp < 0 || lp > 65535))) {
		ui_flash(a, 1, "port-forward: LOCAL:CONTAINER_PORT (8080:80, "
		    "80, :80), not '%s'", text);
		goto out;
	}
	res_path(app_res(a), a->pending[0], slash + 1, &path);
	err_clear(&err);
	if (rest_do(a->c->rest, "GET", buf_str(&path), NULL, NULL, &pod,
	    &err) < 0) {
		ui_flash(a, 1, "%s", err.msg);
		goto out;
	}
	app_pod_port(pod, remote, ctr, sizeof ctr, &num);
	if (num <= 0 || num > 65535) {
		ui_flash(a, 1, "Pod '%s' does not have a named port '%s'",
		    slash + 1, remote);
		goto out;
	}
	snprintf(ports, sizeof ports, "%s:%ld", local[0] ? local : "", num);
	ui_forwards_start(a, a->pending[0], slash + 1, ctr, ports,
	    (unsigned)num);
out:
	json_decref(pod);
	ui_pending_free(a);
	buf_release(&path);
}

static void
k_forwards(struct ui_app *a)
{
	if (a->view->kind != UI_FORWARDS)
		ui_push(a, ui_forwards_view(a));
}

static void
app_forward_stop_confirmed(struct ui_app *a, int key)
{
	if ((key != 'y' && key != 'Y') || a->npending != 1)
		return;
	ui_forwards_stop(a, (unsigned)strtoul(a->pending[0], NULL, 10));
	ui_flash(a, 0, "port-forward stopped");
}

/* ctrl-d on :pf: the forward stopped, asked first. */
static void
k_forward_stop(struct ui_app *a)
{
	char desc[600];
	unsigned id;

	ui_pending_free(a);
	if ((id = ui_forwards_selected(a, a->view, desc, sizeof desc)) == 0)
		return;
	if ((a->pending = calloc(1, sizeof *a->pending)) == NULL)
		return;
	if (asprintf(&a->pending[0], "%u", id) < 0) {
		ui_pending_free(a);
		return;
	}
	a->npending = 1;
	a->confirm_fn = app_forward_stop_confirmed;
	snprintf(a->confirm, sizeof a->confirm, "Stop the port-forward %s? "
	    "(y/n)", desc);
}

static void k_help(struct ui_app *a);

static const struct app_key app_keys[] = {
	{ 'j', "j, down", "next row", K_ALL, 0, k_down },
	{ KEY_DOWN, NULL, NULL, K_ALL, 0, k_down },
	{ 'k', "k, up", "previous row", K_ALL, 0, k_up },
	{ KEY_UP, NULL, NULL, K_ALL, 0, k_up },
	{ K_CTRL('f'), "ctrl-f, pgdn", "next page", K_ALL, 0, k_pgdn },
	{ KEY_NPAGE, NULL, NULL, K_ALL, 0, k_pgdn },
	{ K_CTRL('b'), "ctrl-b, pgup", "previous page", K_ALL, 0, k_pgup },
	{ KEY_PPAGE, NULL, NULL, K_ALL, 0, k_pgup },
	{ 'g', "g", "first row", K_ALL, 0, k_top },
	{ 'G', "G", "last row (logs: follow again)", K_ALL, 0, k_bottom },
	{ ':', ":", "command: a type (po, deploy, svc, ns...), ns NAME, q",
	    K_ALL, 0, k_command },
	{ '/', "/", "filter the rows (!text: the others)",
	    K_TABLE | K_CTX | K_CTR, 0, k_filter },
	{ '/', "/", "find text (n: the next, shift-n: the previous)", K_LOGS,
	    0, k_filter },
	{ '/', "/", "filter the rows (!text: the others)", K_MF, 0,
	    k_filter },
	{ '\n', "enter", "the diff: the live object against what applying "
	    "its file gives", K_MF, 0, ui_mfkey_diff },
	{ 'd', "d", "the diff, as kubec diff shows it", K_MF, 0, ui_mfkey_diff },
	{ 'e', "e", "edit the object's file in $KUBE_EDITOR or $EDITOR",
	    K_MF, 0, ui_mfkey_edit },
	{ 'a', "a", "apply the object (or the marked ones), asks first",
	    K_MF, 1, ui_mfkey_apply },
	{ ' ', "space", "mark the row (a applies the marked ones)", K_MF, 0,
	    ui_mfkey_mark },
	{ K_CTRL('d'), "ctrl-d", "delete an object only in the cluster "
	    "(asks first)", K_MF, 1, ui_mfkey_delete },
	{ 'r', "r", "compute the states again", K_MF, 0, ui_mfkey_refresh },
	{ 'n', "n", "the next line with the text found", K_LOGS, 0, k_next },
	{ 'N', "shift-n", "the previous line with the text", K_LOGS, 0,
	    k_prev },
	{ 's', "s", "autoscroll on or off", K_LOGS, 0, k_autoscroll },
	{ 'w', "w", "wrap long lines or cut them", K_LOGS, 0, k_wrap },
	{ 't', "t", "timestamps shown or not", K_LOGS, 0, k_timestamps },
	{ 'c', "c", "the pod's next container", K_LOGS, 0, k_logs_container },
	{ 'p', "p", "the previous run's logs, or back to following",
	    K_LOGS, 0, k_logs_previous },
	{ 'l', "l", "the pod's logs, followed", K_TABLE, 0, k_logs },
	{ '\n', "enter", "the container's logs, followed", K_CTR, 0, k_logs },
	{ 'l', "l", "the container's logs, followed", K_CTR, 0, k_logs },
	{ 'p', "p", "the container's previous run's logs", K_CTR, 0,
	    k_logs_last },
	{ 'F', "shift-f", "port-forward: a local port to the pod's container "
	    "port (:pf lists them)", K_TABLE | K_CTR, 0, k_forward },
	{ 's', "s", "pods: a shell (bash, else sh; exit comes back); "
	    "deployments, statefulsets, replicasets: scale", K_TABLE, 1, k_s },
	{ 's', "s", "a shell in the container (bash, else sh; exit comes "
	    "back)", K_CTR, 1, k_shell },
	{ 'r', "r", "restart a deployment, statefulset or daemonset",
	    K_TABLE, 1, k_restart },
	{ '0', "0", "every namespace", K_TABLE, 0, k_ns0 },
	{ '1', "1-9", "the namespaces used last, as the header lists them",
	    K_TABLE, 0, k_ns1 },
	{ '2', NULL, NULL, K_TABLE, 0, k_ns2 },
	{ '3', NULL, NULL, K_TABLE, 0, k_ns3 },
	{ '4', NULL, NULL, K_TABLE, 0, k_ns4 },
	{ '5', NULL, NULL, K_TABLE, 0, k_ns5 },
	{ '6', NULL, NULL, K_TABLE, 0, k_ns6 },
	{ '7', NULL, NULL, K_TABLE, 0, k_ns7 },
	{ '8', NULL, NULL, K_TABLE, 0, k_ns8 },
	{ '9', NULL, NULL, K_TABLE, 0, k_ns9 },
	{ '\n', "enter", "the pods of a workload, node or namespace; a "
	    "pod's containers", K_TABLE, 0, k_enter },
	{ '\n', "enter", "the dashboard on that context (the kubeconfig "
	    "left as it is)", K_CTX, 0, k_ctx_use },
	{ 'd', "d", "describe", K_TABLE, 0, k_describe },
	{ 'y', "y", "YAML", K_TABLE, 0, k_yaml },
	{ 'd', "d", "describe the pod", K_CTR, 0, k_describe },
	{ 'y', "y", "the pod's YAML", K_CTR, 0, k_yaml },
	{ 'e', "e", "edit in $KUBE_EDITOR or $EDITOR, then put back", K_TABLE,
	    1, k_edit },
	{ ' ', "space", "mark the row (ctrl-d deletes the marked ones)",
	    K_TABLE, 0, k_mark },
	{ K_CTRL('d'), "ctrl-d", "delete (asks first)", K_TABLE, 1,
	    k_delete },
	{ 'N', "shift-n", "sort by name (again: the other way)",
	    K_TABLE | K_CTX | K_CTR, 0, k_sort_name },
	{ K_CTRL('d'), "ctrl-d", "stop the port-forward (asks first)", K_FWD,
	    0, k_forward_stop },
	{ 'A', "shift-a", "sort by age, the youngest first", K_TABLE | K_CTR,
	    0, k_sort_age },
	{ 'S', "shift-s", "sort by status; deployments, statefulsets, "
	    "replicasets: scale", K_TABLE | K_CTR, 0, k_S },
	{ '>', ">, <", "sort by the next column, the previous one", K_TABLE |
	    K_CTX | K_CTR, 0, k_sort_next },
	{ '<', NULL, NULL, K_TABLE | K_CTX | K_CTR, 0, k_sort_prev },
	{ 'I', "shift-i", "the sort the other way round", K_TABLE | K_CTX |
	    K_CTR, 0, k_sort_invert },
	{ 27, "esc", "clear the filter, or back", K_ALL, 0, k_back },
	{ '?', "?", "this help", K_ALL, 0, k_help },
	{ 'q', "q", "back, or quit", K_ALL, 0, k_quit },
	{ 0, NULL, NULL, 0, 0, NULL },
};

static void
k_help(struct ui_app *a)
{
	struct buf b = BUF_INIT(16384);
	int views = app_views(a);

	buf_adds(&b, "Keys of this view:\n\n");
	for (const struct app_key *k = app_keys; k->fn != NULL; k++)
		if (k->name != NULL && (k->views & views) &&
		    !(k->danger && a->readonly))
			buf_addf(&b, "  %-14s %s\n", k->name, k->help);
	buf_adds(&b, "\nCommands (:): any type the server serves, by name, "
	    "short name or kind (po, deploy, svc,\nns, no, ev, cm, sec, pvc, "
	    "sts, ds, job, cj, ing), with a namespace or -A after it;\n"
	    "ns NAME to switch namespace; ctx: the kubeconfig's contexts;\n"
	    "manifests DIR (mf DIR): the objects of a folder of manifests "
	    "against the cluster;\npf (portforwards) for the port-forwards; "
	    "q to quit.\n");
	if (a->readonly)
		buf_adds(&b, "\nRead-only: the keys that change the cluster "
		    "are off.\n");
	ui_push(a, ui_text_new(" Help ", buf_str(&b)));
	buf_release(&b);
}

/* --- the prompts ---------------------------------------------------------- */

/* ns first among the namespaces of the number keys (1-9). */
static void
app_recent(struct ui_app *a, const char *name)
{
	size_t i, n = sizeof a->recent / sizeof a->recent[0];
	char ns[sizeof a->recent[0]];

	/* a copy: name may be one of a->recent, moved below */
	snprintf(ns, sizeof ns, "%s", name);
	if (ns[0] == '\0')
		return;
	for (i = 0; i < n - 1 && strcmp(a->recent[i], ns) != 0; i++)
		;
	memmove(a->recent[1], a->recent[0], i * sizeof a->recent[0]);
	snprintf(a->recent[0], sizeof a->recent[0], "%s", ns);
}

/* The views open in ns from now on ("" all); the table at hand shows it
 * instead (the view replaced, not stacked). */
static void
app_switch_ns(struct ui_app *a, const char *ns)
{
	struct ui_view *old = a->view;

	snprintf(a->ns, sizeof a->ns, "%s", ns);
	app_recent(a, ns);
	if (old->kind == UI_TABLE && !old->table->local) {
		struct ui_table *t = old->table;
		char type[300];

		snprintf(type, sizeof type, "%s%s%s", t->res->name,
		    t->res->group[0] ? "." : "", t->res->group);
		if (app_open(a, type, a->ns, t->labels, t->fields) == 0) {
			a->view->prev = old->prev;
			old->prev = NULL;
			ui_view_free(old);
		}
	}
	ui_flash(a, 0, "namespace: %s", a->ns[0] ? a->ns : "all");
}

static void
app_command(struct ui_app *a, char *line)
{
	char *w[4] = { NULL }, *save = NULL;
	int n = 0;

	for (char *p = strtok_r(line, " \t", &save); p != NULL && n < 4;
	    p = strtok_r(NULL, " \t", &save))
		w[n++] = p;
	if (n == 0)
		return;
	if (strcmp(w[0], "q") == 0 || strcmp(w[0], "q!") == 0 ||
	    strcmp(w[0], "quit") == 0 || strcmp(w[0], "exit") == 0) {
		a->quit = 1;
		return;
	}
	if (strcmp(w[0], "help") == 0 || strcmp(w[0], "?") == 0) {
		k_help(a);
		return;
	}
	if (strcmp(w[0], "manifests") == 0 || strcmp(w[0], "mf") == 0) {
		ui_mfkey_open(a, n > 1 ? w[1] : ".");
		return;
	}
	if (strcmp(w[0], "pf") == 0 || strcmp(w[0], "portforwards") == 0 ||
	    strcmp(w[0], "portforward") == 0) {
		k_forwards(a);
		return;
	}
	if ((strcmp(w[0], "ns") == 0 || strcmp(w[0], "namespace") == 0) &&
	    n > 1) {
		app_switch_ns(a, strcmp(w[1], "-A") == 0 ? "" : w[1]);
		return;
	}
	if (strcmp(w[0], "ctx") == 0 || strcmp(w[0], "context") == 0 ||
	    strcmp(w[0], "contexts") == 0) {
		if (n > 1)
			app_use_context(a, w[1]);
		else
			app_contexts(a);
		return;
	}
	app_open(a, w[0], n > 1 ? (strcmp(w[1], "-A") == 0 ? "" : w[1]) :
	    a->ns, NULL, NULL);
}

/* The type names that begin with what was typed, for tab. */
static void
app_complete(struct ui_app *a)
{
	struct err err;
	size_t len = strlen(a->prompt);

	err_clear(&err);
	if (a->prompt_kind != ':' || len == 0 || disco_load(a->c, &err) < 0)
		return;
	for (size_t i = 0; i < a->c->nres; i++) {
		const struct api_res *r = &a->c->res[i];

		if (r->preferred && strncmp(r->name, a->prompt, len) == 0 &&
		    strchr(r->name, '/') == NULL) {
			snprintf(a->prompt, sizeof a->prompt, "%s", r->name);
			return;
		}
	}
}

static void
app_prompt_key(struct ui_app *a, int ch)
{
	size_t len = strlen(a->prompt);

	if (ch == 27) {
		a->prompt_kind = 0;
		ui_pending_free(a);
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		char line[sizeof a->prompt], kind = a->prompt_kind;

		memcpy(line, a->prompt, sizeof line);
		a->prompt_kind = 0;
		if (kind == '#') {
			app_scale_to(a, line);
		} else if (kind == 'F') {
			app_forward_to(a, line);
		} else if (kind == '/' && a->view->kind == UI_LOGS) {
			snprintf(a->view->logs->search,
			    sizeof a->view->logs->search, "%s", line);
			app_logs_find(a, 1);
		} else if (kind == '/' && app_filter(a) != NULL) {
			snprintf(app_filter(a), APP_FILTER_MAX, "%s", line);
		} else if (kind != '/') {
			app_command(a, line);
		}
		return;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (len > 0)
			a->prompt[len - 1] = '\0';
		else
			a->prompt_kind = 0;
	} else if (ch == '\t') {
		app_complete(a);
	} else if (ch >= 32 && ch < 127 && len + 1 < sizeof a->prompt) {
		a->prompt[len] = (char)ch;
		a->prompt[len + 1] = '\0';
	}
	if (a->prompt_kind == '/' && app_filter(a) != NULL)
		/* the filter applies as it is typed */
		snprintf(app_filter(a), APP_FILTER_MAX, "%s", a->prompt);
}

static void
app_key(struct ui_app *a, int ch)
{
	int views;

	if (ch == KEY_RESIZE) {
		getmaxyx(stdscr, a->rows, a->cols);
		return;
	}
	if (a->confirm[0] != '\0') {
		a->confirm[0] = '\0';
		if (a->confirm_fn != NULL)
			a->confirm_fn(a, ch);
		a->confirm_fn = NULL;
		ui_pending_free(a);
		return;
	}
	if (a->prompt_kind) {
		app_prompt_key(a, ch);
		return;
	}
	if (ch == '\r' || ch == KEY_ENTER)
		ch = '\n';
	if (ch == K_CTRL('c')) {
		a->quit = 1;
		return;
	}
	views = app_views(a);
	for (const struct app_key *k = app_keys; k->fn != NULL; k++)
		if (k->key == ch && (k->views & views)) {
			if (k->danger && a->readonly)
				ui_flash(a, 1, "read-only: %s is off",
				    k->name);
			else
				k->fn(a);
			return;
		}
}

/* --- drawing -------------------------------------------------------------- */

/* "<0> all  <1> default  <2> kube-system" after what row y holds. */
static void
app_draw_numbers(struct ui_app *a, int y, int w)
{
	struct buf b = BUF_INIT(2048);
	int x;

	getyx(stdscr, y, x);
	buf_adds(&b, "   <0> all");
	for (size_t i = 0; i < sizeof a->recent / sizeof a->recent[0] &&
	    a->recent[i][0]; i++)
		buf_addf(&b, "  <%zu> %s", i + 1, a->recent[i]);
	if (x < w - 1)
		mvaddnstr(y, x, buf_str(&b), w - 1 - x);
	buf_release(&b);
}

/* The views of the stack, the first on the left: "<pods> <describe>". */
static void
app_draw_crumbs(struct ui_app *a, int y, int w)
{
	struct ui_view *stack[64], *v;
	size_t n = 0;
	int x = 1;

	for (v = a->view; v != NULL && n < 64; v = v->prev)
		stack[n++] = v;
	while (n-- > 0 && x < w - 2) {
		char crumb[160];
		const char *name;

		v = stack[n];
		if (v->kind == UI_TABLE)
			name = v->table->res->name;
		else if (v->kind == UI_LOGS)
			name = "logs";
		else if (v->kind == UI_MANIFESTS)
			name = "manifests";
		else if (v->kind == UI_FORWARDS)
			name = "portforwards";
		else	/* " Describe pods/x ": its first word */
			name = v->title + strspn(v->title, " ");
		snprintf(crumb, sizeof crumb, "<%.*s>", (int)strcspn(name, " "),
		    name);
		for (char *c = crumb; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (n == 0)
			attron(A_REVERSE);
		mvaddnstr(y, x, crumb, w - 1 - x);
		if (n == 0)
			attroff(A_REVERSE);
		x += (int)strlen(crumb) + 1;
	}
}

/* The keys the header names, for the view at hand. */
static const char *
app_hints(const struct ui_app *a)
{
	switch (app_views(a)) {
	case K_CTX:
		return "<enter> switch context  </> filter  <esc> back  "
		    "<?> help";
	case K_CTR:
		return "<enter/l> logs  <p> previous  <s> shell  "
		    "<shift-f> port-forward  <d> describe  <esc> back  "
		    "<?> help";
	case K_TABLE:
		return "<:> cmd  </> filter  <enter> pods  <l> logs  "
		    "<s> shell  <d> describe  <y> yaml  <e> edit  "
		    "<ctrl-d> del  <?> help";
	case K_LOGS:
		return "<s> autoscroll  <w> wrap  <t> timestamps  </> find  "
		    "<c> container  <p> previous  <esc> back  <?> help";
	case K_MF:
		return "<enter/d> diff  <e> edit file  <a> apply  "
		    "<space> mark  <ctrl-d> delete  <r> refresh  "
		    "</> filter  <?> help";
	case K_FWD:
		return "<j/k> select  <ctrl-d> stop the port-forward  "
		    "<:> cmd  <esc> back  <?> help";
	}
	return "<j/k> scroll  <esc> back  <?> help";
}

/* Whether a view's watch cannot reach the server now. */
static int
app_lost(const struct ui_app *a)
{
	for (const struct ui_view *v = a->view; v != NULL; v = v->prev)
		if (v->kind == UI_TABLE && v->table->lost)
			return 1;
	return 0;
}

static void
app_draw(struct ui_app *a)
{
	struct kube_target *t = &a->c->t;
	struct buf title = BUF_INIT(1024);
	int w = a->cols, h = a->rows, body, tw, lost = app_lost(a);

	erase();
	attron(A_BOLD);
	mvprintw(0, 1, "Context: %s   Cluster: %s   User: %s   K8s Rev: ",
	    t->context, t->cluster, t->user);
	/* the version while the server answers, else in red */
	if (lost && has_colors())
		attron(COLOR_PAIR(3));
	printw("%s", lost ? "connection lost" : a->version);
	if (lost && has_colors())
		attroff(COLOR_PAIR(3));
	attroff(A_BOLD);
	mvprintw(1, 1, "Namespace: %s   kubec %s%s", a->ns[0] ? a->ns : "all",
	    KUBEC_CLIENT_VERSION, a->readonly ? "   [read-only]" : "");
	app_draw_numbers(a, 1, w);
	mvaddnstr(2, 1, app_hints(a), w - 2);
	/* the title on a rule, as k9s frames its views */
	if (a->view->kind == UI_TABLE)
		ui_table_title(a->view->table, &title);
	else if (a->view->kind == UI_MANIFESTS)
		ui_mf_title(a->view->mf, &title);
	else if (a->view->kind == UI_FORWARDS)
		buf_addf(&title, " portforwards[%zu] ", ui_forwards_count(a));
	else
		buf_adds(&title, a->view->title);
	mvhline(APP_HEADER, 0, '-', w);
	tw = (int)title.len;
	attron(A_BOLD);
	if (has_colors())
		attron(COLOR_PAIR(6));
	mvaddnstr(APP_HEADER, tw < w ? (w - tw) / 2 : 0, buf_str(&title), w);
	if (has_colors())
		attroff(COLOR_PAIR(6));
	attroff(A_BOLD);
	body = h - APP_HEADER - 2;
	if (a->view->kind == UI_TABLE)
		ui_table_draw(a->view->table, APP_HEADER + 1, body, w);
	else if (a->view->kind == UI_LOGS)
		ui_logs_draw(a->view->logs, APP_HEADER + 1, body, w);
	else if (a->view->kind == UI_MANIFESTS)
		ui_mf_draw(a->view->mf, APP_HEADER + 1, body, w);
	else if (a->view->kind == UI_FORWARDS)
		ui_forwards_draw(a, a->view, APP_HEADER + 1, body, w);
	else
		ui_text_draw(a->view, APP_HEADER + 1, body, w);
	/* the last line: the prompt, a question, or a message */
	if (a->prompt_kind == '#' || a->prompt_kind == 'F') {
		mvprintw(h - 1, 0, "%s%s", a->prompt_label, a->prompt);
		curs_set(1);
	} else if (a->prompt_kind) {
		mvprintw(h - 1, 0, "%c%s", a->prompt_kind, a->prompt);
		curs_set(1);
	} else {
		curs_set(0);
		if (a->confirm[0] != '\0') {
			attron(A_BOLD);
			mvaddnstr(h - 1, 1, a->confirm, w - 2);
			attroff(A_BOLD);
		} else if (a->flash[0] != '\0' &&
		    time(NULL) - a->flash_at < APP_FLASH_S) {
			if (a->flash_err && has_colors())
				attron(COLOR_PAIR(3));
			mvaddnstr(h - 1, 1, a->flash, w - 2);
			if (a->flash_err && has_colors())
				attroff(COLOR_PAIR(3));
		} else {
			app_draw_crumbs(a, h - 1, w);
		}
	}
	refresh();
	buf_release(&title);
}

static void
app_colors(void)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_GREEN, -1);		/* running, ready */
	init_pair(2, COLOR_YELLOW, -1);		/* pending */
	init_pair(3, COLOR_RED, -1);		/* failing */
	init_pair(4, COLOR_BLUE, -1);		/* completed */
	init_pair(5, COLOR_MAGENTA, -1);	/* terminating */
	init_pair(6, COLOR_CYAN, -1);		/* titles */
}

/* Now, in milliseconds of the monotonic clock. */
static long long
app_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
app_version(struct ui_app *a)
{
	json_t *v = NULL;
	struct err err;

	err_clear(&err);
	snprintf(a->version, sizeof a->version, "n/a");
	if (rest_do(a->c->rest, "GET", "/version", NULL, NULL, &v, &err) >= 0)
		snprintf(a->version, sizeof a->version, "%s",
		    json_string_value(json_object_get(v, "gitVersion")) ?:
		    "n/a");
	json_decref(v);
}

int
ui_run(struct cli *c, int readonly, const char *dir)
{
	static struct ui_app a;
	struct pollfd pf[2];
	struct err err;
	char drain[256];
	time_t drawn = 0;
	long long last = 0;	/* when drawn, in ms */
	void (*old_pipe)(int);
	int rc = 0, pending = 0;

	memset(&a, 0, sizeof a);
	a.c = c;
	a.readonly = readonly;
	snprintf(a.ns, sizeof a.ns, "%s", c->ns);
	app_recent(&a, "default");
	app_recent(&a, a.ns);
	err_clear(&err);
	if (disco_load(c, &err) < 0)
		return cli_error(c, &err);
	app_version(&a);
	pthread_mutex_init(&a.fw_mu, NULL);
	if (pipe2(a.wake, O_CLOEXEC | O_NONBLOCK) < 0)
		return cli_fail(c, "pipe: %s", strerror(errno));
	app_wake_fd = a.wake[1];
	/* a port-forward's peer gone: an error, not the end */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, app_signal);
	signal(SIGTERM, app_signal);
	signal(SIGHUP, app_signal);
	/* Esc goes back: told from a key's sequence in 25 ms, not 1 s */
	setenv("ESCDELAY", "25", 0);
	if (initscr() == NULL) {
		rc = cli_fail(c, "cannot use the terminal");
		goto out;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* a short wait, not nodelay(): ncurses tells a lone Esc from a
	 * sequence only while getch() may wait */
	timeout(25);
	curs_set(0);
	app_colors();
	getmaxyx(stdscr, a.rows, a.cols);
	if (dir != NULL ? ui_mfkey_open(&a, dir) < 0 :
	    app_open(&a, "pods", a.ns, NULL, NULL) < 0) {
		endwin();
		rc = cli_fail(c, "%s", a.flash);
		goto out;
	}
	/*
	 * Keys are answered and drawn at once; the watchers' changes (a
	 * wake each) at most every APP_COALESCE_MS, however fast they come:
	 * while a drawing is due, the loop sleeps until then, the wakes
	 * left in the pipe.
	 */
	while (!a.quit && !app_signalled) {
		time_t now = time(NULL);
		long long ms = app_ms();
		int ch, keyed = 0, wait = 100;

		if (now != drawn) {	/* the ages and messages move on */
			app_draw(&a);
			drawn = now;
			last = ms;
			pending = 0;
		}
		if (pending) {
			long long left = last + APP_COALESCE_MS - ms;

			wait = left < 0 ? 0 : left > 100 ? 100 : (int)left;
		}
		pf[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
		pf[1] = (struct pollfd){ .fd = pending ? -1 : a.wake[0],
		    .events = POLLIN };
		/* short: ncurses may hold a key (an Esc waiting to be
		 * told from a sequence) that poll() does not see */
		if (poll(pf, 2, wait) < 0 && errno != EINTR)
			break;
		if (!pending && pf[1].revents) {
			while (read(a.wake[0], drain, sizeof drain) > 0)
				;
			pending = 1;
		}
		ui_forwards_poll(&a);
		while ((ch = getch()) != ERR && !a.quit) {
			app_key(&a, ch);
			keyed = 1;
		}
		ms = app_ms();
		if (!a.quit && (keyed || (pending &&
		    ms - last >= APP_COALESCE_MS))) {
			if (pending)	/* what came meanwhile is drawn now */
				while (read(a.wake[0], drain,
				    sizeof drain) > 0)
					;
			app_draw(&a);
			drawn = time(NULL);
			last = ms;
			pending = 0;
		}
	}
	endwin();
out:
	while (a.view != NULL) {
		struct ui_view *v = a.view;

		a.view = v->prev;
		ui_view_free(v);
	}
	ui_pending_free(&a);
	ui_forwards_stop_all(&a);
	ui_reap_wait();
	app_wake_fd = -1;
	close(a.wake[0]);
	close(a.wake[1]);
	pthread_mutex_destroy(&a.fw_mu);
	signal(SIGPIPE, old_pipe);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	return rc;
}
