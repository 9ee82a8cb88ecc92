/* mfkey.c - the keys of the manifests view (manifests.c): opening it,
 * the diff (enter, d), the file in the editor (e), apply (a, of the
 * selected object or the marked ones) and delete (ctrl-d, of an object
 * only in the cluster), both asked first, marks and a refresh; app.c's
 * key table binds them.  See ui.h.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* The manifests view of dir (console/ui/manifests.c). */
int
ui_mfkey_open(struct ui_app *a, const char *dir)
{
	struct ui_view *v;
	struct err err;

	err_clear(&err);
	if ((v = calloc(1, sizeof *v)) == NULL)
		return -1;
	v->kind = UI_MANIFESTS;
	if ((v->mf = ui_mf_open(a, dir, a->ns, &err)) == NULL) {
		ui_flash(a, 1, "%s", err.msg);
		free(v);
		return -1;
	}
	ui_push(a, v);
	return 0;
}

/* Enter, d: what applying the selected object would change, as kubec
 * diff shows it. */
void
ui_mfkey_diff(struct ui_app *a)
{
	struct ui_mf_row *r = ui_mf_selected(a->view->mf);
	struct buf title = BUF_INIT(1024);
	char *text;
	int same;

	if (r == NULL)
		return;
	if ((text = ui_mf_diff(a, r, &same)) == NULL) {
		ui_flash(a, 1, "cannot diff %s", r->name);
	} else {
		buf_addf(&title, " Diff %s/%s%s%s ", r->kind, r->name,
		    r->file[0] ? " " : "", r->file);
		ui_push(a, ui_text_new(buf_str(&title), text));
	}
	free(text);
	buf_release(&title);
	ui_mf_row_free(r);
}

/* e: the selected object's file in the editor, the states computed
 * again after. */
void
ui_mfkey_edit(struct ui_app *a)
{
	struct ui_mf *m = a->view->mf;
	struct ui_mf_row *r = ui_mf_selected(m);

	if (r == NULL)
		return;
	if (r->path[0] == '\0')
		ui_flash(a, 1, "%s %s is in no file", r->kind, r->name);
	else if (ui_editor(r->path) != 0)
		ui_flash(a, 1, "the editor failed on %s", r->file);
	else
		ui_flash(a, 0, "%s edited", r->file);
	ui_mf_refresh(m);
	ui_mf_row_free(r);
}

/* The selected row's key pending, or the marked rows'; how many. */
static size_t
mfkey_pend(struct ui_app *a, struct ui_mf_row **one)
{
	struct ui_mf_row **rows = NULL;
	size_t n;

	ui_pending_free(a);
	*one = NULL;
	n = ui_mf_marked(a->view->mf, &rows);
	if (n == 0) {
		free(rows);
		if ((*one = ui_mf_selected(a->view->mf)) == NULL ||
		    (rows = calloc(1, sizeof *rows)) == NULL)
			return 0;
		rows[0] = *one;
		n = 1;
	}
	if ((a->pending = calloc(n, sizeof *a->pending)) != NULL)
		for (size_t i = 0; i < n; i++)
			if ((a->pending[a->npending] = strdup(rows[i]->key)))
				a->npending++;
	for (size_t i = 0; i < n; i++)
		if (rows[i] != *one)
			ui_mf_row_free(rows[i]);
	free(rows);
	return a->npending;
}

/* y to apply or delete: each object pending, then the states again. */
static void
mfkey_act(struct ui_app *a, int key, int delete)
{
	struct ui_mf *m = a->view->mf;
	char msg[512] = "", last[512] = "";
	size_t done = 0, failed = 0;

	if (key != 'y' && key != 'Y')
		return;
	for (size_t i = 0; i < a->npending; i++) {
		struct ui_mf_row *r = ui_mf_find(m, a->pending[i]);

		if (r == NULL)
			continue;
		if ((delete ? ui_mf_delete(a, r, msg, sizeof msg) :
		    ui_mf_apply(a, r, msg, sizeof msg)) < 0) {
			failed++;
			ui_flash(a, 1, "%s", msg);
		} else {
			done++;
			snprintf(last, sizeof last, "%s", msg);
		}
		ui_mf_row_free(r);
	}
	if (failed == 0 && done == 1)
		ui_flash(a, 0, "%s", last);
	else if (failed == 0)
		ui_flash(a, 0, "%zu objects %s", done, delete ? "deleted" :
		    "applied");
	ui_mf_refresh(m);
}

static void mfkey_apply_confirmed(struct ui_app *a, int key)
{
	mfkey_act(a, key, 0);
}
static void mfkey_delete_confirmed(struct ui_app *a, int key)
{
	mfkey_act(a, key, 1);
}

/* a: the selected object (or the marked ones) applied, asked first. */
void
ui_mfkey_apply(struct ui_app *a)
{
	struct ui_mf_row *one;
	size_t n = mfkey_pend(a, &one);

	if (n == 0)
		return;
	if (one != NULL && one->obj == NULL) {
		ui_flash(a, 1, "%s %s is in no file: nothing to apply",
		    one->kind, one->name);
		ui_pending_free(a);
	} else if (one != NULL) {
		a->confirm_fn = mfkey_apply_confirmed;
		snprintf(a->confirm, sizeof a->confirm, "Apply %s %s%s%s from "
		    "%s? (y/n)", one->kind, one->ns, one->ns[0] ? "/" : "",
		    one->name, one->file);
	} else {
		a->confirm_fn = mfkey_apply_confirmed;
		snprintf(a->confirm, sizeof a->confirm, "Apply the %zu marked "
		    "objects? (y/n)", n);
	}
	ui_mf_row_free(one);
}

/* ctrl-d: an object only in the cluster deleted, asked first. */
void
ui_mfkey_delete(struct ui_app *a)
{
	struct ui_mf_row *r = ui_mf_selected(a->view->mf);

	ui_pending_free(a);
	if (r == NULL)
		return;
	if (r->state != UI_MF_ONLY) {
		ui_flash(a, 1, "ctrl-d deletes the objects only in the cluster "
		    "(%s %s is in %s)", r->kind, r->name, r->file);
	} else if ((a->pending = calloc(1, sizeof *a->pending)) != NULL &&
	    (a->pending[0] = strdup(r->key)) != NULL) {
		a->npending = 1;
		a->confirm_fn = mfkey_delete_confirmed;
		snprintf(a->confirm, sizeof a->confirm, "Delete %s %s%s%s (in "
		    "no file)? (y/n)", r->kind, r->ns, r->ns[0] ? "/" : "",
		    r->name);
	}
	ui_mf_row_free(r);
}

void
ui_mfkey_mark(struct ui_app *a)
{
	ui_mf_mark(a->view->mf);
	ui_mf_move(a->view->mf, 1);
}

void
ui_mfkey_refresh(struct ui_app *a)
{
	ui_mf_refresh(a->view->mf);
	ui_flash(a, 0, "refreshing the states");
}
