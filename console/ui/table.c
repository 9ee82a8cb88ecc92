/* table.c - the console's resource table: one type's objects with the
 * server's columns (the Tables kubectl prints), kept live.  A thread
 * lists them (in pages, as a Table), then watches from the list's
 * resourceVersion (each event a one-row Table) and lists again when the
 * watch ends or fails, saying so in the table's error; the UI thread is
 * woken after each change and draws the rows, sorted by namespace and
 * name, filtered by the "/" text, coloured by status.  See ui.h.
 */
#include <curses.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../../lib/rfc3339.h"
#include "../../lib/selector.h"
#include "ui.h"

#define TABLE_ACCEPT	"application/json;as=Table;v=v1;g=meta.k8s.io"
#define TABLE_PAGE	500
#define TABLE_COL_MAX	UI_TABLE_COLS

static char *
tb_strdup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static void
tb_row_free(struct ui_row *r, size_t ncols)
{
	if (r == NULL)
		return;
	for (size_t i = 0; r->cells != NULL && i < ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	json_decref(r->labels);
	free(r->key);
	free(r->ns);
	free(r->name);
	free(r);
}

/* A cell as kubectl prints it. */
static char *
tb_cell(const json_t *v)
{
	struct buf b = BUF_INIT(4096);
	char *s;

	print_cell(v, &b);
	s = tb_strdup(buf_str(&b));
	buf_release(&b);
	return s;
}

/* The columns of a Table (those kubectl shows without -o wide), with
 * NAMESPACE first across namespaces; idx maps them to the Table's
 * cells (-1: the namespace). */
static void
tb_columns(struct ui_table *t, const json_t *table, int *idx)
{
	const json_t *defs = json_object_get(table, "columnDefinitions"), *d;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	t->cols = calloc(TABLE_COL_MAX, sizeof *t->cols);
	t->ncols = 0;
	t->age_col = t->status_col = -1;
	if (t->cols == NULL)
		return;
	if (t->ns[0] == '\0' && t->res->namespaced) {
		idx[t->ncols] = -1;
		t->cols[t->ncols++] = tb_strdup("NAMESPACE");
	}
	json_array_foreach(defs, i, d) {
		const char *name = json_string_value(json_object_get(d,
		    "name")) ?: "";
		char *up;

		if (json_integer_value(json_object_get(d, "priority")) > 0 ||
		    t->ncols >= TABLE_COL_MAX)
			continue;
		if ((up = tb_strdup(name)) == NULL)
			continue;
		for (char *p = up; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		if (strcmp(up, "AGE") == 0)
			t->age_col = (int)t->ncols;
		if (strcmp(up, "STATUS") == 0)
			t->status_col = (int)t->ncols;
		idx[t->ncols] = (int)i;
		t->cols[t->ncols++] = up;
	}
}

/* A row of a Table as the model keeps it. */
static struct ui_row *
tb_row(struct ui_table *t, const json_t *row, const int *idx)
{
	const json_t *meta = json_object_get(json_object_get(row, "object"),
	    "metadata"), *cells = json_object_get(row, "cells");
	struct ui_row *r = calloc(1, sizeof *r);
	struct timespec ts;
	struct buf key = BUF_INIT(600);
	const char *ct;

	if (r == NULL || (r->cells = calloc(t->ncols + 1,
	    sizeof *r->cells)) == NULL) {
		free(r);
		return NULL;
	}
	r->ns = tb_strdup(json_string_value(json_object_get(meta,
	    "namespace")));
	r->name = tb_strdup(json_string_value(json_object_get(meta, "name")));
	buf_addf(&key, "%s/%s", r->ns ? r->ns : "", r->name ? r->name : "");
	r->key = tb_strdup(buf_str(&key));
	buf_release(&key);
	ct = json_string_value(json_object_get(meta, "creationTimestamp"));
	if (ct != NULL && rfc3339_parse(ct, &ts) == 0)
		r->created = ts.tv_sec;
	r->deleting = json_object_get(meta, "deletionTimestamp") != NULL;
	if (json_object_size(json_object_get(meta, "labels")) > 0)
		r->labels = json_incref(json_object_get(meta, "labels"));
	for (size_t i = 0; i < t->ncols; i++)
		r->cells[i] = idx[i] < 0 ? tb_strdup(r->ns) :
		    tb_cell(json_array_get(cells, (size_t)idx[i]));
	return r;
}

/* The row of key (lock held), or its place (where). */
static struct ui_row **
tb_find(struct ui_table *t, const char *key, size_t *where)
{
	size_t lo = 0, hi = t->nrows;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->rows[mid]->key, key);

		if (c == 0) {
			*where = mid;
			return &t->rows[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*where = lo;
	return NULL;
}

/* Puts r in the model in its place, replacing the row of its key (lock
 * held); NULL r with key deletes. */
static void
tb_put(struct ui_table *t, struct ui_row *r, const char *key)
{
	struct ui_row **have;
	size_t at;

	have = tb_find(t, r != NULL ? r->key : key, &at);
	if (have != NULL) {
		tb_row_free(*have, t->ncols);
		if (r != NULL) {
			*have = r;
		} else {
			memmove(&t->rows[at], &t->rows[at + 1],
			    (t->nrows - at - 1) * sizeof *t->rows);
			t->nrows--;
		}
		return;
	}
	if (r == NULL)
		return;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct ui_row **v = realloc(t->rows, cap * sizeof *v);

		if (v == NULL) {
			tb_row_free(r, t->ncols);
			return;
		}
		t->rows = v;
		t->cap = cap;
	}
	memmove(&t->rows[at + 1], &t->rows[at], (t->nrows - at) *
	    sizeof *t->rows);
	t->rows[at] = r;
	t->nrows++;
}

static void
tb_clear(struct ui_table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		tb_row_free(t->rows[i], t->ncols);
	t->nrows = 0;
}

/* The path of the list or the watch. */
static void
tb_path(struct ui_table *t, const char *more, struct buf *b)
{
	res_path(t->res, t->res->namespaced ? t->ns : NULL, NULL, b);
	cli_query_arg(b, "labelSelector", t->labels[0] ? t->labels : NULL);
	cli_query_arg(b, "fieldSelector", t->fields[0] ? t->fields : NULL);
	if (more != NULL)
		buf_addf(b, "%s%s", strchr(buf_str(b), '?') ? "&" : "?", more);
}

struct tb_watch {
	struct ui_table	*t;
	int		 idx[TABLE_COL_MAX];
	char		 rv[64];
};

static int
tb_event(void *arg, const char *type, json_t *obj)
{
	struct tb_watch *w = arg;
	struct ui_table *t = w->t;
	const json_t *row = json_array_get(json_object_get(obj, "rows"), 0);
	const json_t *meta = json_object_get(json_object_get(row, "object"),
	    "metadata");
	const char *rv;

	if (strcmp(type, "ERROR") == 0)
		return 1;		/* list again */
	rv = json_string_value(json_object_get(strcmp(type, "BOOKMARK") ==
	    0 ? json_object_get(obj, "metadata") : meta, "resourceVersion"));
	if (rv != NULL)
		snprintf(w->rv, sizeof w->rv, "%s", rv);
	if (row == NULL || strcmp(type, "BOOKMARK") == 0)
		return t->stop;
	pthread_mutex_lock(&t->mu);
	if (strcmp(type, "DELETED") == 0) {
		struct buf key = BUF_INIT(600);

		buf_addf(&key, "%s/%s", json_string_value(json_object_get(meta,
		    "namespace")) ?: "", json_string_value(json_object_get(
		    meta, "name")) ?: "");
		tb_put(t, NULL, buf_str(&key));
		buf_release(&key);
	} else {
		tb_put(t, tb_row(t, row, w->idx), NULL);
	}
	t->gen++;
	pthread_mutex_unlock(&t->mu);
	ui_wake(t->app);
	return t->stop;
}

/* Lists the type as Tables, page by page, into the model. */
static int
tb_list(struct ui_table *t, struct rest *rest, struct tb_watch *w,
    struct err *err)
{
	char cont[1024] = "";
	json_t *page = NULL;
	int first = 1;

	do {
		struct buf path = BUF_INIT(8192), out = BUF_INIT(256 << 20);
		char more[1200];
		json_error_t je;
		const json_t *row;
		size_t i;

		snprintf(more, sizeof more, "limit=%d", TABLE_PAGE);
		tb_path(t, more, &path);
		cli_query_arg(&path, "continue", cont[0] ? cont : NULL);
		if (rest_call(rest, "GET", buf_str(&path), TABLE_ACCEPT, NULL,
		    NULL, 0, &out, err) < 0) {
			buf_release(&path);
			buf_release(&out);
			return -1;
		}
		page = json_loadb(out.data, out.len, 0, &je);
		buf_release(&path);
		buf_release(&out);
		if (page == NULL)
			return err_set(err, ERR_INTERNAL, "bad table: %s",
			    je.text);
		pthread_mutex_lock(&t->mu);
		if (first) {
			tb_clear(t);
			tb_columns(t, page, w->idx);
			first = 0;
		}
		json_array_foreach(json_object_get(page, "rows"), i, row)
			tb_put(t, tb_row(t, row, w->idx), NULL);
		t->loaded = 1;
		t->error[0] = '\0';
		t->lost = 0;
		t->gen++;
		pthread_mutex_unlock(&t->mu);
		snprintf(w->rv, sizeof w->rv, "%s", json_string_value(
		    json_object_get(json_object_get(page, "metadata"),
		    "resourceVersion")) ?: "");
		snprintf(cont, sizeof cont, "%s", json_string_value(
		    json_object_get(json_object_get(page, "metadata"),
		    "continue")) ?: "");
		json_decref(page);
		ui_wake(t->app);
	} while (cont[0] != '\0' && !t->stop);
	return 0;
}

static void *
tb_thread(void *arg)
{
	struct ui_table *t = arg;
	struct tb_watch w;
	struct rest *rest;
	struct err err;
	int pause = 0;

	memset(&w, 0, sizeof w);
	w.t = t;
	err_clear(&err);
	rest = rest_open(&t->app->c->t, "kubec-ui", &err);
	while (rest != NULL && !t->stop) {
		struct buf path = BUF_INIT(8192);
		char more[256];

		err_clear(&err);
		if (tb_list(t, rest, &w, &err) == 0) {
			snprintf(more, sizeof more, "watch=1&resourceVersion=%s&"
			    "allowWatchBookmarks=true", w.rv);
			tb_path(t, more, &path);
			if (rest_watch_accept(rest, buf_str(&path),
			    TABLE_ACCEPT, tb_event, &w, &t->stop, &err) >= 0)
				pause = 0;
		}
		buf_release(&path);
		if (t->stop)
			break;
		pause = ui_table_retry(t, rest, &err, pause);
	}
	if (rest == NULL) {
		pthread_mutex_lock(&t->mu);
		snprintf(t->error, sizeof t->error, "%s", err.msg);
		pthread_mutex_unlock(&t->mu);
		ui_wake(t->app);
	}
	rest_close(rest);
	return NULL;
}

int
ui_table_retry(struct ui_table *t, struct rest *rest, const struct err *err,
    int pause)
{
	if (err->reason != ERR_NONE) {
		const char *srv = rest_server(rest);

		pthread_mutex_lock(&t->mu);
		snprintf(t->error, sizeof t->error, "%s", err->msg);
		/* rest names the URL first when it could not talk to the
		 * server at all (refused, reset, timed out) */
		t->lost = err->reason == ERR_SERVICE_UNAVAILABLE &&
		    strncmp(err->msg, srv, strlen(srv)) == 0;
		t->gen++;
		pthread_mutex_unlock(&t->mu);
		ui_wake(t->app);
		pause = pause ? (pause < 8 ? pause * 2 : 8) : 1;
	}
	/* a lost connection: again, slower each time */
	for (int i = 0; i < pause * 10 && !t->stop; i++)
		usleep(100000);
	return pause;
}

struct ui_table *
ui_table_open(struct ui_app *a, const struct api_res *r, const char *ns,
    const char *labels, const char *fields)
{
	struct ui_table *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->app = a;
	t->res = r;
	snprintf(t->ns, sizeof t->ns, "%s", r->namespaced && ns ? ns : "");
	snprintf(t->labels, sizeof t->labels, "%s", labels ? labels : "");
	snprintf(t->fields, sizeof t->fields, "%s", fields ? fields : "");
	t->age_col = t->status_col = -1;
	pthread_mutex_init(&t->mu, NULL);
	if (pthread_create(&t->thread, NULL, tb_thread, t) == 0)
		t->started = 1;
	return t;
}

struct ui_table *
ui_table_local(struct ui_app *a, const struct api_res *r,
    const char *const *cols, size_t ncols)
{
	struct ui_table *t = calloc(1, sizeof *t);

	if (t == NULL || (t->cols = calloc(TABLE_COL_MAX,
	    sizeof *t->cols)) == NULL) {
		free(t);
		return NULL;
	}
	t->app = a;
	t->res = r;
	t->local = 1;
	t->loaded = 1;
	t->age_col = t->status_col = -1;
	pthread_mutex_init(&t->mu, NULL);
	for (size_t i = 0; i < ncols && i < TABLE_COL_MAX; i++)
		t->cols[t->ncols++] = tb_strdup(cols[i]);
	return t;
}

void
ui_table_add(struct ui_table *t, const char *key, const char *ns,
    const char *name, time_t created, const char *const *cells)
{
	struct ui_row *r = calloc(1, sizeof *r);

	if (r == NULL || (r->cells = calloc(t->ncols + 1,
	    sizeof *r->cells)) == NULL) {
		free(r);
		return;
	}
	r->ns = tb_strdup(ns);
	r->name = tb_strdup(name);
	if (key != NULL)
		r->key = tb_strdup(key);
	else if (asprintf(&r->key, "%s/%s", ns ? ns : "", name ? name :
	    "") < 0)
		r->key = NULL;
	r->created = created;
	for (size_t i = 0; i < t->ncols; i++)
		r->cells[i] = tb_strdup(cells[i]);
	if (r->ns == NULL || r->name == NULL || r->key == NULL) {
		tb_row_free(r, t->ncols);
		return;
	}
	pthread_mutex_lock(&t->mu);
	tb_put(t, r, NULL);
	t->gen++;
	pthread_mutex_unlock(&t->mu);
}

void
ui_table_clear(struct ui_table *t)
{
	pthread_mutex_lock(&t->mu);
	tb_clear(t);
	t->gen++;
	pthread_mutex_unlock(&t->mu);
}

void
ui_table_state(struct ui_table *t, int loaded, const char *error, int lost)
{
	pthread_mutex_lock(&t->mu);
	t->loaded = loaded;
	snprintf(t->error, sizeof t->error, "%s", error ? error : "");
	t->lost = lost;
	t->gen++;
	pthread_mutex_unlock(&t->mu);
}

static void
tb_free(void *arg)
{
	struct ui_table *t = arg;

	tb_clear(t);
	free(t->rows);
	free(t->order);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	selector_free(t->sel_filter);
	pthread_mutex_destroy(&t->mu);
	free(t);
}

/* The watcher sees stop within a second; it is waited for away from the
 * UI thread, which goes on at once. */
void
ui_table_close(struct ui_table *t)
{
	if (t == NULL)
		return;
	t->stop = 1;
	if (t->started)
		ui_reap(t->thread, tb_free, t);
	else
		tb_free(t);
}

/* The selector of a "-l SELECTOR" filter (lock held), parsed again when
 * the text changed; NULL when it is not valid (yet: it is typed). */
static const struct selector *
tb_selector(struct ui_table *t, const char *text)
{
	if (strcmp(text, t->sel_text) != 0 || (t->sel_filter == NULL &&
	    !t->sel_bad)) {
		selector_free(t->sel_filter);
		t->sel_filter = NULL;
		snprintf(t->sel_text, sizeof t->sel_text, "%s", text);
		t->sel_bad = selector_parse(text, &t->sel_filter, NULL) < 0;
	}
	return t->sel_filter;
}

/* Whether the row passes the "/" filter (lock held): its cells contain
 * the text (case aside), or its labels match "-l SELECTOR"; after a '!'
 * the rows that do not. */
static int
tb_shown(struct ui_table *t, const struct ui_row *r)
{
	const char *f = t->filter;
	int inverse = f[0] == '!', hit = 0;

	if (inverse)
		f++;
	if (f[0] == '\0')
		return 1;
	if (strncmp(f, "-l", 2) == 0 && (f[2] == ' ' || f[2] == '\0')) {
		const struct selector *sel = tb_selector(t, f + 2 +
		    strspn(f + 2, " "));

		hit = sel != NULL && selector_matches(sel, r->labels);
		return inverse ? !hit : hit;
	}
	for (size_t i = 0; i < t->ncols && !hit; i++)
		hit = strcasestr(r->cells[i], f) != NULL;
	return inverse ? !hit : hit;
}

/* The colour pair of a status, as k9s colours its rows. */
static int
tb_color(const struct ui_table *t, const struct ui_row *r)
{
	static const char *const bad[] = { "Error", "CrashLoopBackOff",
	    "Failed", "ImagePullBackOff", "ErrImagePull", "OOMKilled",
	    "NotReady", "Unknown", "Evicted", "CreateContainerConfigError",
	    "InvalidImageName", "Lost", NULL };
	static const char *const wait[] = { "Pending", "ContainerCreating",
	    "PodInitializing", "Init:", "Waiting", NULL };
	const char *s;

	if (r->deleting)
		return 5;
	if (t->status_col < 0)
		return 0;
	s = r->cells[t->status_col];
	if (strcmp(s, "Terminating") == 0)
		return 5;
	if (strcmp(s, "Completed") == 0 || strcmp(s, "Succeeded") == 0)
		return 4;
	for (int i = 0; bad[i] != NULL; i++)
		if (strncmp(s, bad[i], strlen(bad[i])) == 0)
			return 3;
	for (int i = 0; wait[i] != NULL; i++)
		if (strncmp(s, wait[i], strlen(wait[i])) == 0)
			return 2;
	return 1;
}

/* The cell as drawn: the Age kept current. */
static const char *
tb_text(const struct ui_table *t, const struct ui_row *r, size_t col,
    char *age, size_t len)
{
	if ((int)col == t->age_col && r->created > 0) {
		long long d = (long long)(time(NULL) - r->created);

		rfc3339_human_duration(d < 0 ? 0 : d, age, len);
		return age;
	}
	return r->cells[col];
}

/* Sorting the rows shown: the table being sorted (qsort_r's arg). */
static int
tb_order_cmp(const void *a, const void *b, void *arg)
{
	const struct ui_table *t = arg;
	const struct ui_row *x = t->rows[*(const size_t *)a];
	const struct ui_row *y = t->rows[*(const size_t *)b];
	int c = 0;

	switch (t->sort) {
	case 'A':	/* age: the youngest first, as k9s */
		c = x->created == y->created ? 0 : x->created > y->created ?
		    -1 : 1;
		break;
	case 'S':
		if (t->status_col >= 0)
			c = strcmp(x->cells[t->status_col],
			    y->cells[t->status_col]);
		break;
	case 'N':
		c = strcmp(x->name, y->name);
		break;
	case 'C':	/* a column: numbers in the text as numbers */
		if (t->sort_col == t->age_col)
			c = x->created == y->created ? 0 : x->created >
			    y->created ? -1 : 1;
		else if (t->sort_col >= 0 && (size_t)t->sort_col < t->ncols)
			c = strverscmp(x->cells[t->sort_col],
			    y->cells[t->sort_col]);
		break;
	}
	if (c == 0)
		c = strcmp(x->key, y->key);
	return t->sort_desc ? -c : c;
}

/* The rows shown (filtered), in the order drawn, as indices into rows
 * (lock held; the table's, kept until the rows, the filter or the sort
 * change: events streaming in cost one sort per drawing, not per
 * event); n of them.  NULL when out of memory. */
static size_t *
tb_order(struct ui_table *t, size_t *n)
{
	if (t->order_ok && t->order_gen == t->gen && t->order_sort == t->sort &&
	    t->order_desc == t->sort_desc && t->order_col == t->sort_col &&
	    strcmp(t->order_filter, t->filter) == 0) {
		*n = t->norder;
		return t->order;
	}
	*n = 0;
	if (t->nrows + 1 > t->order_cap) {
		size_t cap = t->nrows + 1 + t->nrows / 2;
		size_t *v = realloc(t->order, cap * sizeof *v);

		if (v == NULL)
			return NULL;
		t->order = v;
		t->order_cap = cap;
	}
	t->norder = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (tb_shown(t, t->rows[i]))
			t->order[t->norder++] = i;
	if (t->sort != 0 || t->sort_desc)
		qsort_r(t->order, t->norder, sizeof *t->order, tb_order_cmp,
		    t);
	t->order_ok = 1;
	t->order_gen = t->gen;
	t->order_sort = t->sort;
	t->order_desc = t->sort_desc;
	t->order_col = t->sort_col;
	snprintf(t->order_filter, sizeof t->order_filter, "%s", t->filter);
	t->order_serial++;
	*n = t->norder;
	return t->order;
}

/* Where the selection's object is among the n shown (lock held): the
 * index drawn last when it is still there, else found again. */
static void
tb_follow(struct ui_table *t, const size_t *shown, size_t n)
{
	if (t->sel_key[0] == '\0' || (t->sel < n &&
	    strcmp(t->rows[shown[t->sel]]->key, t->sel_key) == 0))
		return;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t->rows[shown[i]]->key, t->sel_key) == 0) {
			t->sel = i;
			return;
		}
}

void
ui_table_title(struct ui_table *t, struct buf *b)
{
	size_t shown = 0;

	pthread_mutex_lock(&t->mu);
	if (tb_order(t, &shown) == NULL)
		for (size_t i = 0; i < t->nrows; i++)
			shown += tb_shown(t, t->rows[i]);
	pthread_mutex_unlock(&t->mu);
	if (t->pod[0]) {
		buf_addf(b, " %s(%s/%s)[%zu] ", t->res->name, t->ns, t->pod,
		    shown);
		if (t->filter[0])
			buf_addf(b, "</%s> ", t->filter);
		return;
	}
	buf_addf(b, " %s(%s)[%zu] ", t->res->name, !t->res->namespaced ? "" :
	    t->ns[0] ? t->ns : "all", shown);
	if (t->labels[0])
		buf_addf(b, "<-l %s> ", t->labels);
	if (t->fields[0])
		buf_addf(b, "<%s> ", t->fields);
	if (t->filter[0])
		buf_addf(b, "</%s> ", t->filter);
}

/* The column the rows are sorted by (lock held); -1: none shown. */
static int
tb_sorted_col(const struct ui_table *t)
{
	switch (t->sort) {
	case 'N':
		for (size_t c = 0; c < t->ncols; c++)
			if (strcmp(t->cols[c], "NAME") == 0)
				return (int)c;
		return -1;
	case 'A': return t->age_col;
	case 'S': return t->status_col;
	case 'C': return t->sort_col;
	}
	return -1;
}

void
ui_table_draw(struct ui_table *t, int y, int h, int w)
{
	size_t *width = t->width, *shown, n = 0, i, c;
	time_t now = time(NULL);
	char age[32];
	int x;

	pthread_mutex_lock(&t->mu);
	if ((shown = tb_order(t, &n)) == NULL) {
		pthread_mutex_unlock(&t->mu);
		return;
	}
	/* the widths over every row shown: again when the rows changed, or
	 * the ages moved on (a second later) */
	if (t->width_serial != t->order_serial || t->width_at != now) {
		for (c = 0; c < t->ncols; c++) {
			width[c] = strlen(t->cols[c]);
			for (i = 0; i < n; i++) {
				size_t l = strlen(tb_text(t, t->rows[shown[i]],
				    c, age, sizeof age));

				if (l > width[c])
					width[c] = l;
			}
		}
		t->width_serial = t->order_serial;
		t->width_at = now;
	}
	/* the selection follows its object */
	tb_follow(t, shown, n);
	if (t->sel >= n)
		t->sel = n ? n - 1 : 0;
	if (h > 1 && t->sel >= t->top + (size_t)(h - 1))
		t->top = t->sel - (size_t)(h - 2);
	if (t->sel < t->top)
		t->top = t->sel;
	snprintf(t->sel_key, sizeof t->sel_key, "%s", n ?
	    t->rows[shown[t->sel]]->key : "");
	attron(A_BOLD);
	for (c = 0, x = 1; c < t->ncols && x < w; c++) {
		mvaddnstr(y, x, t->cols[c], w - x);
		/* the sorted column says which way */
		if ((int)c == tb_sorted_col(t))
			addstr(t->sort_desc ? "v" : "^");
		x += (int)width[c] + 3;
	}
	attroff(A_BOLD);
	if (!t->loaded || n == 0)
		mvaddnstr(y + 2, 2, t->error[0] ? t->error : !t->loaded ?
		    "Loading..." : "No resources found.", w - 2);
	for (i = t->top; i < n && (int)(i - t->top) < h - 1; i++) {
		const struct ui_row *r = t->rows[shown[i]];
		int pair = tb_color(t, r), row = y + 1 + (int)(i - t->top);

		if (i == t->sel)
			attron(A_REVERSE);
		if (pair && has_colors())
			attron(COLOR_PAIR(pair));
		if (r->marked)
			attron(A_BOLD);
		mvhline(row, 0, r->marked ? '*' : ' ', 1);
		mvhline(row, 1, ' ', w - 1);
		for (c = 0, x = 1; c < t->ncols && x < w; c++) {
			mvaddnstr(row, x, tb_text(t, r, c, age, sizeof age),
			    w - x);
			x += (int)width[c] + 3;
		}
		if (pair && has_colors())
			attroff(COLOR_PAIR(pair));
		attroff(A_REVERSE | A_BOLD);
	}
	if (t->error[0] && t->loaded)
		mvaddnstr(y + h - 1, 1, t->error, w - 2);
	pthread_mutex_unlock(&t->mu);
}

void
ui_table_move(struct ui_table *t, long delta)
{
	size_t n, *order;

	pthread_mutex_lock(&t->mu);
	if ((order = tb_order(t, &n)) == NULL) {
		pthread_mutex_unlock(&t->mu);
		return;
	}
	tb_follow(t, order, n);		/* where the selection is now */
	if (delta == LONG_MIN)
		t->sel = 0;
	else if (delta == LONG_MAX)
		t->sel = n ? n - 1 : 0;
	else if (delta < 0 && (size_t)-delta > t->sel)
		t->sel = 0;
	else
		t->sel = (size_t)((long)t->sel + delta);
	if (t->sel >= n)
		t->sel = n ? n - 1 : 0;
	snprintf(t->sel_key, sizeof t->sel_key, "%s", n ?
	    t->rows[order[t->sel]]->key : "");
	pthread_mutex_unlock(&t->mu);
}

/* The row selected among those shown now (keys may have changed the
 * filter or the order since the last drawing); lock held. */
static struct ui_row *
tb_selected(struct ui_table *t)
{
	struct ui_row *r = NULL;
	size_t n, *order = tb_order(t, &n);

	if (order == NULL || n == 0)
		return NULL;
	tb_follow(t, order, n);
	r = t->rows[order[t->sel < n ? t->sel : n - 1]];
	snprintf(t->sel_key, sizeof t->sel_key, "%s", r->key);
	return r;
}

int
ui_table_selected(struct ui_table *t, char *ns, size_t nslen, char *name,
    size_t namelen)
{
	struct ui_row *r;

	pthread_mutex_lock(&t->mu);
	if ((r = tb_selected(t)) != NULL) {
		snprintf(ns, nslen, "%s", r->ns);
		snprintf(name, namelen, "%s", r->name);
	}
	pthread_mutex_unlock(&t->mu);
	return r != NULL;
}

void
ui_table_sort(struct ui_table *t, int by)
{
	pthread_mutex_lock(&t->mu);
	if (t->sort == by)
		t->sort_desc = !t->sort_desc;
	else {
		t->sort = by;
		t->sort_desc = 0;
	}
	pthread_mutex_unlock(&t->mu);
}

void
ui_table_sort_step(struct ui_table *t, int step)
{
	int c;

	pthread_mutex_lock(&t->mu);
	if (t->ncols > 0) {
		c = tb_sorted_col(t);
		if (c < 0)
			c = step > 0 ? -1 : 0;
		c = (c + step + (int)t->ncols) % (int)t->ncols;
		t->sort = 'C';
		t->sort_col = c;
		t->sort_desc = 0;
	}
	pthread_mutex_unlock(&t->mu);
}

void
ui_table_sort_invert(struct ui_table *t)
{
	pthread_mutex_lock(&t->mu);
	t->sort_desc = !t->sort_desc;
	pthread_mutex_unlock(&t->mu);
}

/* Marks (or unmarks) the selected row, for the keys that act on many. */
void
ui_table_mark(struct ui_table *t)
{
	struct ui_row *r;

	pthread_mutex_lock(&t->mu);
	if ((r = tb_selected(t)) != NULL)
		r->marked = !r->marked;
	pthread_mutex_unlock(&t->mu);
}

size_t
ui_table_marked(struct ui_table *t, char ***keys)
{
	size_t n = 0;

	pthread_mutex_lock(&t->mu);
	*keys = calloc(t->nrows + 1, sizeof **keys);
	for (size_t i = 0; *keys != NULL && i < t->nrows; i++)
		if (t->rows[i]->marked && tb_shown(t, t->rows[i]))
			(*keys)[n++] = strdup(t->rows[i]->key);
	pthread_mutex_unlock(&t->mu);
	return n;
}
