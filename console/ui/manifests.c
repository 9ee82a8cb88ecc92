/* manifests.c - the console's manifests view (kubec ui DIR, :manifests
 * DIR): every object of a folder of manifests, read as kubec apply -f DIR
 * -R reads them (manifests_read()), with its state against the cluster:
 * in sync (applying changes nothing), drifted (applying would change it),
 * missing, and the objects only in the cluster (of the folder's kinds, in
 * its namespaces, with kubectl's last-applied annotation, in no file:
 * what apply --prune would consider).  The states come as kubec diff
 * computes them (diff_object(): the live object against a dry run of the
 * client-side apply), from a thread of the view's own, when asked and
 * when the files change (their names, sizes and mtimes looked at every
 * two seconds); the UI thread draws the rows.  See ui.h.
 */
#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/rfc3339.h"
#include "ui.h"

#define LAST_APPLIED	"kubectl.kubernetes.io/last-applied-configuration"
#define MF_LOOK_S	2	/* how often the files are looked at */
#define MF_NCOLS	6

static const char *const mf_cols[MF_NCOLS] = { "FILE", "KIND", "NAMESPACE",
	"NAME", "STATE", "AGE" };

static char *
mf_strdup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

void
ui_mf_row_free(struct ui_mf_row *r)
{
	if (r == NULL)
		return;
	free(r->key);
	free(r->path);
	free(r->file);
	free(r->kind);
	free(r->ns);
	free(r->name);
	free(r->state_text);
	json_decref(r->obj);
	free(r);
}

static struct ui_mf_row *
mf_row_new(const char *path, const char *file, const char *kind,
    const char *group, const char *ns, const char *name)
{
	struct ui_mf_row *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	if (asprintf(&r->key, "%s\x1f%s.%s\x1f%s\x1f%s", file, kind,
	    group ? group : "", ns, name) < 0)
		r->key = NULL;
	r->path = mf_strdup(path);
	r->file = mf_strdup(file);
	r->kind = mf_strdup(kind);
	r->ns = mf_strdup(ns);
	r->name = mf_strdup(name);
	if (r->key == NULL || r->path == NULL || r->file == NULL ||
	    r->kind == NULL || r->ns == NULL || r->name == NULL) {
		ui_mf_row_free(r);
		return NULL;
	}
	return r;
}

static struct ui_mf_row *
mf_row_copy(const struct ui_mf_row *r)
{
	struct ui_mf_row *c = mf_row_new(r->path, r->file, r->kind, NULL,
	    r->ns, r->name);

	if (c == NULL)
		return NULL;
	free(c->key);
	c->key = mf_strdup(r->key);
	c->state_text = mf_strdup(r->state_text);
	c->state = r->state;
	c->res = r->res;
	c->obj = json_incref(r->obj);
	c->created = r->created;
	c->marked = r->marked;
	if (c->key == NULL || c->state_text == NULL) {
		ui_mf_row_free(c);
		return NULL;
	}
	return c;
}

static void
mf_state(struct ui_mf_row *r, enum ui_mf_state s, const char *why)
{
	static const char *const names[] = { "in sync", "drifted", "missing",
	    "only in cluster", "error" };

	r->state = s;
	free(r->state_text);
	if (why != NULL) {
		if (asprintf(&r->state_text, "%s: %s", names[s], why) < 0)
			r->state_text = NULL;
	} else {
		r->state_text = strdup(names[s]);
	}
}

static time_t
mf_created(const json_t *obj)
{
	const char *ct = json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "creationTimestamp"));
	struct timespec ts;

	return ct != NULL && rfc3339_parse(ct, &ts) == 0 ? ts.tv_sec : 0;
}

/* --- the files' signature ------------------------------------------------ */

static uint64_t
mf_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static int
mf_wanted(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && (strcmp(dot, ".yaml") == 0 ||
	    strcmp(dot, ".yml") == 0 || strcmp(dot, ".json") == 0);
}

/* The names, sizes and mtimes of the files manifests_read() reads. */
static uint64_t
mf_signature(const char *path, int depth, uint64_t h)
{
	struct dirent **ents = NULL;
	int n = scandir(path, &ents, NULL, alphasort);

	if (n < 0)
		return mf_hash(h, "?", 1);
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char sub[4096];
		struct stat st;

		if (name[0] != '.' && snprintf(sub, sizeof sub, "%s/%s", path,
		    name) < (int)sizeof sub && stat(sub, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < 32) {
				h = mf_signature(sub, depth + 1, h);
			} else if (S_ISREG(st.st_mode) && mf_wanted(name)) {
				h = mf_hash(h, sub, strlen(sub) + 1);
				h = mf_hash(h, &st.st_mtim, sizeof st.st_mtim);
				h = mf_hash(h, &st.st_size, sizeof st.st_size);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return h;
}

/* --- the states ----------------------------------------------------------- */

struct mf_rows {
	struct ui_mf_row **v;
	size_t		 n, cap;
};

static void
mf_rows_add(struct mf_rows *rs, struct ui_mf_row *r)
{
	if (r == NULL)
		return;
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 32;
		struct ui_mf_row **v = realloc(rs->v, cap * sizeof *v);

		if (v == NULL) {
			ui_mf_row_free(r);
			return;
		}
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = r;
}

/* "group/Kind\x1fns\x1fname": an object, whatever its file. */
static void
mf_ident(const struct api_res *r, const char *ns, const char *name,
    struct buf *b)
{
	buf_reset(b);
	buf_addf(b, "%s/%s\x1f%s\x1f%s", r->group, r->kind, ns, name);
}

/* The row of one object of the files. */
static struct ui_mf_row *
mf_doc_row(struct ui_mf *m, struct cli *c, const json_t *doc, json_t *seen,
    json_t *scan)
{
	const json_t *obj = json_object_get(doc, "object");
	const char *src = json_string_value(json_object_get(doc, "source")) ?:
	    "", *file = src, *ns, *name = json_string_value(json_object_get(
	    json_object_get(obj, "metadata"), "name")) ?: "";
	const char *kind = json_string_value(json_object_get(obj, "kind")) ?:
	    "";
	static const struct diff_how how = { .manager =
	    "kubectl-client-side-apply" };
	json_t *live = NULL, *merged = NULL, *status = NULL;
	const struct api_res *r;
	struct ui_mf_row *row;
	struct buf id = BUF_INIT(2048);
	size_t dl = strlen(m->dir);
	struct err err;

	err_clear(&err);
	if (strncmp(src, m->dir, dl) == 0 && src[dl] == '/')
		file = src + dl + 1;
	r = disco_kind(c, json_string_value(json_object_get(obj,
	    "apiVersion")) ?: "", kind, &err);
	ns = r == NULL ? "" : cli_object_ns(c, r, (json_t *)obj);
	if ((row = mf_row_new(src, file, kind, r ? r->group : "", ns ? ns : "",
	    name)) == NULL)
		return NULL;
	row->obj = json_incref((json_t *)obj);
	row->res = r;
	if (r == NULL) {
		mf_state(row, UI_MF_ERROR, err.msg);
		goto out;
	}
	if (name[0] == '\0') {
		mf_state(row, UI_MF_ERROR, "the object has no name");
		goto out;
	}
	mf_ident(r, row->ns, name, &id);
	json_object_set_new(seen, buf_str(&id), json_true());
	buf_reset(&id);
	buf_addf(&id, "%s/%s\x1f%s", r->group, r->kind, r->namespaced ?
	    row->ns : "");
	if (json_object_get(scan, buf_str(&id)) == NULL)
		json_object_set_new(scan, buf_str(&id), json_pack("{s:I, s:s}",
		    "res", (json_int_t)(intptr_t)r, "ns", r->namespaced ?
		    row->ns : ""));
	if (diff_object(c, &how, r, row->ns, name, obj, &live, &merged,
	    &status, &err) < 0) {
		mf_state(row, UI_MF_ERROR, err.msg);
		goto out;
	}
	diff_clean(r, live, merged, 0);
	row->created = mf_created(live);
	mf_state(row, live == NULL ? UI_MF_MISSING : json_equal(live, merged) ?
	    UI_MF_SYNC : UI_MF_DRIFT, NULL);
out:
	json_decref(live);
	json_decref(merged);
	json_decref(status);
	buf_release(&id);
	return row;
}

/* The objects of a kind in a namespace (the folder's) that carry the
 * last-applied annotation and are in no file. */
static void
mf_only(struct cli *c, const struct api_res *r, const char *ns,
    const json_t *seen, struct mf_rows *rs)
{
	struct buf path = BUF_INIT(8192), id = BUF_INIT(2048);
	json_t *list = NULL, *obj;
	struct err err;
	size_t i;

	err_clear(&err);
	res_path(r, r->namespaced ? ns : NULL, NULL, &path);
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0)
		goto out;
	json_array_foreach(json_object_get(list, "items"), i, obj) {
		const json_t *meta = json_object_get(obj, "metadata");
		const char *name = json_string_value(json_object_get(meta,
		    "name")) ?: "", *ons = json_string_value(json_object_get(
		    meta, "namespace")) ?: "";
		struct ui_mf_row *row;

		if (json_object_get(json_object_get(meta, "annotations"),
		    LAST_APPLIED) == NULL)
			continue;
		mf_ident(r, ons, name, &id);
		if (json_object_get(seen, buf_str(&id)) != NULL)
			continue;
		if ((row = mf_row_new("", "", r->kind, r->group, ons,
		    name)) == NULL)
			continue;
		row->res = r;
		row->created = mf_created(obj);
		mf_state(row, UI_MF_ONLY, NULL);
		mf_rows_add(rs, row);
	}
out:
	json_decref(list);
	buf_release(&path);
	buf_release(&id);
}

static int
mf_only_cmp(const void *a, const void *b)
{
	const struct ui_mf_row *x = *(struct ui_mf_row *const *)a;
	const struct ui_mf_row *y = *(struct ui_mf_row *const *)b;

	return strcmp(x->key, y->key);
}

/* Every row, in the files' order, then those only in the cluster. */
static void
mf_compute(struct ui_mf *m, struct cli *c, struct mf_rows *rs, char *error,
    size_t len)
{
	json_t *docs = json_array(), *seen = json_object(),
	    *scan = json_object(), *doc, *s;
	const char *k;
	size_t i, first;
	struct err err;

	err_clear(&err);
	error[0] = '\0';
	if (manifests_read(m->dir, 1, docs, &err) < 0)
		snprintf(error, len, "%s", err.msg);
	json_array_foreach(docs, i, doc) {
		if (m->stop)
			break;
		mf_rows_add(rs, mf_doc_row(m, c, doc, seen, scan));
	}
	first = rs->n;
	json_object_foreach(scan, k, s) {
		if (m->stop)
			break;
		mf_only(c, (const struct api_res *)(intptr_t)json_integer_value(
		    json_object_get(s, "res")), json_string_value(
		    json_object_get(s, "ns")), seen, rs);
	}
	if (rs->n > first)
		qsort(rs->v + first, rs->n - first, sizeof *rs->v,
		    mf_only_cmp);
	json_decref(docs);
	json_decref(seen);
	json_decref(scan);
}

static void
mf_clear(struct ui_mf *m)
{
	for (size_t i = 0; i < m->nrows; i++)
		ui_mf_row_free(m->rows[i]);
	free(m->rows);
	m->rows = NULL;
	m->nrows = 0;
}

static void *
mf_thread(void *arg)
{
	struct ui_mf *m = arg;
	struct cli c = *m->app->c;	/* discovery shared, read only */
	uint64_t sig = 0;
	struct err err;
	int first = 1;

	err_clear(&err);
	snprintf(c.ns, sizeof c.ns, "%s", m->ns);
	c.ns_given = 0;
	c.o.n = 0;
	c.out = c.errout = fopen("/dev/null", "w");
	c.rest = rest_open(&c.t, "kubec-ui", &err);
	if (c.rest == NULL || c.out == NULL) {
		pthread_mutex_lock(&m->mu);
		snprintf(m->error, sizeof m->error, "%s", c.rest == NULL ?
		    err.msg : strerror(errno));
		m->loaded = 1;
		pthread_mutex_unlock(&m->mu);
		ui_wake(m->app);
		goto out;
	}
	for (;;) {
		struct mf_rows rs = { NULL, 0, 0 };
		char error[512];
		uint64_t now;
		int asked;

		pthread_mutex_lock(&m->mu);
		if (!first && !m->want && !m->stop) {
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += MF_LOOK_S;
			pthread_cond_timedwait(&m->cv, &m->mu, &ts);
		}
		asked = m->want || first;
		m->want = 0;
		pthread_mutex_unlock(&m->mu);
		if (m->stop)
			break;
		now = mf_signature(m->dir, 0, 0xcbf29ce484222325ULL);
		if (!asked && now == sig)
			continue;
		sig = now;
		first = 0;
		pthread_mutex_lock(&m->mu);
		m->busy = 1;
		pthread_mutex_unlock(&m->mu);
		ui_wake(m->app);
		mf_compute(m, &c, &rs, error, sizeof error);
		pthread_mutex_lock(&m->mu);
		/* the marks stay on their objects */
		for (size_t i = 0; i < rs.n; i++)
			for (size_t j = 0; j < m->nrows; j++)
				if (m->rows[j]->marked && strcmp(m->rows[j]->key,
				    rs.v[i]->key) == 0)
					rs.v[i]->marked = 1;
		mf_clear(m);
		m->rows = rs.v;
		m->nrows = rs.n;
		m->loaded = 1;
		m->busy = 0;
		snprintf(m->error, sizeof m->error, "%s", error);
		pthread_mutex_unlock(&m->mu);
		ui_wake(m->app);
	}
out:
	rest_close(c.rest);
	if (c.out != NULL)
		fclose(c.out);
	return NULL;
}

struct ui_mf *
ui_mf_open(struct ui_app *a, const char *dir, const char *ns,
    struct err *err)
{
	struct ui_mf *m;
	struct stat st;
	size_t n;

	if (stat(dir, &st) < 0) {
		err_set(err, ERR_NONE, "the path \"%s\" does not exist", dir);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		err_set(err, ERR_NONE, "%s is not a directory", dir);
		return NULL;
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		err_set(err, ERR_NONE, "out of memory");
		return NULL;
	}
	m->app = a;
	snprintf(m->dir, sizeof m->dir, "%s", dir);
	/* "dir/" and "dir" alike */
	for (n = strlen(m->dir); n > 1 && m->dir[n - 1] == '/'; n--)
		m->dir[n - 1] = '\0';
	snprintf(m->ns, sizeof m->ns, "%s", ns[0] ? ns : "default");
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	if (pthread_create(&m->thread, NULL, mf_thread, m) == 0)
		m->started = 1;
	return m;
}

static void
mf_free(void *arg)
{
	struct ui_mf *m = arg;

	mf_clear(m);
	pthread_mutex_destroy(&m->mu);
	pthread_cond_destroy(&m->cv);
	free(m);
}

void
ui_mf_close(struct ui_mf *m)
{
	if (m == NULL)
		return;
	pthread_mutex_lock(&m->mu);
	m->stop = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
	if (m->started)
		ui_reap(m->thread, mf_free, m);
	else
		mf_free(m);
}

void
ui_mf_refresh(struct ui_mf *m)
{
	pthread_mutex_lock(&m->mu);
	m->want = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

/* --- drawing and the selection -------------------------------------------- */

static const char *
mf_cell(const struct ui_mf_row *r, int col, char *age, size_t len)
{
	switch (col) {
	case 0: return r->file[0] ? r->file : "-";
	case 1: return r->kind;
	case 2: return r->ns;
	case 3: return r->name;
	case 4: return r->state_text ? r->state_text : "";
	}
	age[0] = '\0';
	if (r->created > 0) {
		long long d = (long long)(time(NULL) - r->created);

		rfc3339_human_duration(d < 0 ? 0 : d, age, len);
	}
	return age;
}

static int
mf_shown(const struct ui_mf *m, const struct ui_mf_row *r)
{
	const char *f = m->filter;
	int inverse = f[0] == '!', hit = 0;
	char age[32];

	if (inverse)
		f++;
	if (f[0] == '\0')
		return 1;
	for (int i = 0; i < MF_NCOLS - 1 && !hit; i++)
		hit = strcasestr(mf_cell(r, i, age, sizeof age), f) != NULL;
	return inverse ? !hit : hit;
}

/* The rows shown, as indices (lock held; free() it). */
static size_t *
mf_order(struct ui_mf *m, size_t *n)
{
	size_t *v = calloc(m->nrows + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; v != NULL && i < m->nrows; i++)
		if (mf_shown(m, m->rows[i]))
			v[(*n)++] = i;
	return v;
}

void
ui_mf_title(struct ui_mf *m, struct buf *b)
{
	size_t shown = 0;
	int busy;

	pthread_mutex_lock(&m->mu);
	for (size_t i = 0; i < m->nrows; i++)
		shown += mf_shown(m, m->rows[i]);
	busy = m->busy && m->loaded;
	pthread_mutex_unlock(&m->mu);
	buf_addf(b, " manifests(%s)[%zu] ", m->dir, shown);
	if (m->filter[0])
		buf_addf(b, "</%s> ", m->filter);
	if (busy)
		buf_adds(b, "<refreshing> ");
}

static int
mf_color(const struct ui_mf_row *r)
{
	switch (r->state) {
	case UI_MF_SYNC: return 1;
	case UI_MF_DRIFT: return 2;
	case UI_MF_MISSING: return 3;
	case UI_MF_ONLY: return 5;
	default: return 3;
	}
}

void
ui_mf_draw(struct ui_mf *m, int y, int h, int w)
{
	size_t width[MF_NCOLS], *shown, n = 0, i;
	char age[32];
	int x, c;

	pthread_mutex_lock(&m->mu);
	if ((shown = mf_order(m, &n)) == NULL) {
		pthread_mutex_unlock(&m->mu);
		return;
	}
	/* an error's reason runs to the end of its line, not counted */
	for (c = 0; c < MF_NCOLS; c++) {
		width[c] = strlen(mf_cols[c]);
		for (i = 0; i < n; i++) {
			const struct ui_mf_row *r = m->rows[shown[i]];
			size_t l = strlen(mf_cell(r, c, age, sizeof age));

			if (l > width[c] && (c != 4 ||
			    r->state != UI_MF_ERROR))
				width[c] = l;
		}
	}
	if (m->sel_key[0] != '\0')
		for (i = 0; i < n; i++)
			if (strcmp(m->rows[shown[i]]->key, m->sel_key) == 0)
				m->sel = i;
	if (m->sel >= n)
		m->sel = n ? n - 1 : 0;
	if (h > 1 && m->sel >= m->top + (size_t)(h - 1))
		m->top = m->sel - (size_t)(h - 2);
	if (m->sel < m->top)
		m->top = m->sel;
	snprintf(m->sel_key, sizeof m->sel_key, "%s", n ?
	    m->rows[shown[m->sel]]->key : "");
	attron(A_BOLD);
	for (c = 0, x = 1; c < MF_NCOLS && x < w; c++) {
		mvaddnstr(y, x, mf_cols[c], w - x);
		x += (int)width[c] + 3;
	}
	attroff(A_BOLD);
	if (!m->loaded || n == 0)
		mvaddnstr(y + 2, 2, m->error[0] ? m->error : !m->loaded ?
		    "Loading..." : "No objects in the manifests.", w - 2);
	for (i = m->top; i < n && (int)(i - m->top) < h - 1; i++) {
		const struct ui_mf_row *r = m->rows[shown[i]];
		int pair = mf_color(r), row = y + 1 + (int)(i - m->top);
		int error = r->state == UI_MF_ERROR;

		if (i == m->sel)
			attron(A_REVERSE);
		if (r->marked)
			attron(A_BOLD);
		mvhline(row, 0, r->marked ? '*' : ' ', 1);
		mvhline(row, 1, ' ', w - 1);
		for (c = 0, x = 1; c < MF_NCOLS && x < w; c++) {
			if (c == 5 && error)
				break;
			if (c == 4 && has_colors())
				attron(COLOR_PAIR(pair));
			mvaddnstr(row, x, mf_cell(r, c, age, sizeof age),
			    w - x);
			if (c == 4 && has_colors())
				attroff(COLOR_PAIR(pair));
			x += (int)width[c] + 3;
		}
		attroff(A_REVERSE | A_BOLD);
	}
	if (m->error[0] && m->loaded && n > 0)
		mvaddnstr(y + h - 1, 1, m->error, w - 2);
	pthread_mutex_unlock(&m->mu);
	free(shown);
}

void
ui_mf_move(struct ui_mf *m, long delta)
{
	size_t n, *order;

	pthread_mutex_lock(&m->mu);
	if ((order = mf_order(m, &n)) == NULL) {
		pthread_mutex_unlock(&m->mu);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(m->rows[order[i]]->key, m->sel_key) == 0)
			m->sel = i;
	if (delta == LONG_MIN)
		m->sel = 0;
	else if (delta == LONG_MAX)
		m->sel = n ? n - 1 : 0;
	else if (delta < 0 && (size_t)-delta > m->sel)
		m->sel = 0;
	else
		m->sel = (size_t)((long)m->sel + delta);
	if (m->sel >= n)
		m->sel = n ? n - 1 : 0;
	snprintf(m->sel_key, sizeof m->sel_key, "%s", n ?
	    m->rows[order[m->sel]]->key : "");
	pthread_mutex_unlock(&m->mu);
	free(order);
}

/* The selected row among those shown (lock held). */
static struct ui_mf_row *
mf_selected(struct ui_mf *m)
{
	struct ui_mf_row *r = NULL;
	size_t n, *order = mf_order(m, &n);

	for (size_t i = 0; order != NULL && i < n && r == NULL; i++)
		if (strcmp(m->rows[order[i]]->key, m->sel_key) == 0)
			r = m->rows[order[i]];
	if (r == NULL && order != NULL && n > 0)
		r = m->rows[order[m->sel < n ? m->sel : n - 1]];
	if (r != NULL)
		snprintf(m->sel_key, sizeof m->sel_key, "%s", r->key);
	free(order);
	return r;
}

struct ui_mf_row *
ui_mf_selected(struct ui_mf *m)
{
	struct ui_mf_row *r, *c = NULL;

	pthread_mutex_lock(&m->mu);
	if ((r = mf_selected(m)) != NULL)
		c = mf_row_copy(r);
	pthread_mutex_unlock(&m->mu);
	return c;
}

void
ui_mf_mark(struct ui_mf *m)
{
	struct ui_mf_row *r;

	pthread_mutex_lock(&m->mu);
	if ((r = mf_selected(m)) != NULL)
		r->marked = !r->marked;
	pthread_mutex_unlock(&m->mu);
}

size_t
ui_mf_marked(struct ui_mf *m, struct ui_mf_row ***rows)
{
	size_t n = 0;

	pthread_mutex_lock(&m->mu);
	*rows = calloc(m->nrows + 1, sizeof **rows);
	for (size_t i = 0; *rows != NULL && i < m->nrows; i++)
		if (m->rows[i]->marked && mf_shown(m, m->rows[i]) &&
		    ((*rows)[n] = mf_row_copy(m->rows[i])) != NULL)
			n++;
	pthread_mutex_unlock(&m->mu);
	return n;
}

struct ui_mf_row *
ui_mf_find(struct ui_mf *m, const char *key)
{
	struct ui_mf_row *c = NULL;

	pthread_mutex_lock(&m->mu);
	for (size_t i = 0; i < m->nrows && c == NULL; i++)
		if (strcmp(m->rows[i]->key, key) == 0)
			c = mf_row_copy(m->rows[i]);
	pthread_mutex_unlock(&m->mu);
	return c;
}

/* --- the actions (on the UI thread) --------------------------------------- */

/* What the verbs would print on standard error goes to a text. */
struct mf_quiet {
	FILE	*keep_out, *keep_err;
	char	*text;
	size_t	 len;
};

static int
mf_quiet(struct cli *c, struct mf_quiet *q)
{
	FILE *f;

	memset(q, 0, sizeof *q);
	if ((f = open_memstream(&q->text, &q->len)) == NULL)
		return -1;
	q->keep_out = c->out;
	q->keep_err = c->errout;
	c->out = c->errout = f;
	return 0;
}

/* The text written meanwhile (free() it). */
static char *
mf_loud(struct cli *c, struct mf_quiet *q)
{
	fclose(c->errout);
	c->out = q->keep_out;
	c->errout = q->keep_err;
	return q->text;
}

char *
ui_mf_diff(struct ui_app *a, const struct ui_mf_row *r, int *same)
{
	static const struct diff_how how = { .manager =
	    "kubectl-client-side-apply" };
	struct cli *c = a->c;
	json_t *live = NULL, *merged = NULL, *status = NULL;
	struct buf path = BUF_INIT(8192);
	char *text = NULL, *said;
	struct mf_quiet q;
	struct err err;
	int rc = 2, secret;

	*same = 0;
	if (r->res == NULL || r->name[0] == '\0')
		return mf_strdup(r->state_text);
	if (mf_quiet(c, &q) < 0)
		return NULL;
	err_clear(&err);
	if (r->obj == NULL) {	/* only in the cluster: --prune deletes it */
		res_path(r->res, r->ns, r->name, &path);
		if (cli_get_json(c, buf_str(&path), &live, &err) < 0)
			goto out;
	} else if (diff_object(c, &how, r->res, r->ns, r->name, r->obj, &live,
	    &merged, &status, &err) < 0) {
		goto out;
	}
	secret = diff_clean(r->res, live, merged, 0);
	rc = diff_text(c, r->res, r->ns, r->name, live, merged, secret, &text);
out:
	said = mf_loud(c, &q);
	if (rc == 0) {
		free(text);
		text = NULL;
		*same = 1;
		if (asprintf(&text, "No differences: applying %s leaves %s "
		    "%s as it is.\n", r->file, r->kind, r->name) < 0)
			text = NULL;
	} else if (rc > 1 && text == NULL) {
		if (asprintf(&text, "%s%s%s", err.msg, err.msg[0] ? "\n" : "",
		    said ? said : "") < 0)
			text = NULL;
	} else if (rc > 1) {
		char *both = NULL;

		if (asprintf(&both, "%s%s", said ? said : "", text) >= 0) {
			free(text);
			text = both;
		}
	}
	free(said);
	json_decref(live);
	json_decref(merged);
	json_decref(status);
	buf_release(&path);
	return text;
}

int
ui_mf_apply(struct ui_app *a, const struct ui_mf_row *r, char *msg,
    size_t len)
{
	struct cli *c = a->c;
	struct buf kind = BUF_INIT(256);
	const char *what = NULL;
	json_t *out = NULL;
	struct mf_quiet q;
	struct err err;
	char *said;
	int rc;

	if (r->obj == NULL || r->res == NULL || r->name[0] == '\0') {
		snprintf(msg, len, "%s %s: %s", r->kind, r->name,
		    r->obj == NULL ? "in no file, nothing to apply" :
		    r->state_text);
		return -1;
	}
	if (mf_quiet(c, &q) < 0) {
		snprintf(msg, len, "out of memory");
		return -1;
	}
	err_clear(&err);
	rc = apply_client(c, r->res, r->ns, r->name, r->obj, 0, &out, &what,
	    &err);
	said = mf_loud(c, &q);
	free(said);
	res_kind_name(r->res, &kind);
	if (rc < 0)
		snprintf(msg, len, "%s", err.msg);
	else
		snprintf(msg, len, "%s/%s %s", buf_str(&kind), r->name, what);
	json_decref(out);
	buf_release(&kind);
	return rc;
}

int
ui_mf_delete(struct ui_app *a, const struct ui_mf_row *r, char *msg,
    size_t len)
{
	struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
	struct err err;
	json_t *opts;
	int rc;

	if (r->state != UI_MF_ONLY || r->res == NULL) {
		snprintf(msg, len, "ctrl-d deletes the objects only in the "
		    "cluster");
		return -1;
	}
	err_clear(&err);
	opts = json_pack("{s:s, s:s, s:s}", "kind", "DeleteOptions",
	    "apiVersion", "v1", "propagationPolicy", "Background");
	res_path(r->res, r->ns, r->name, &path);
	rc = rest_do(a->c->rest, "DELETE", buf_str(&path), "application/json",
	    opts, NULL, &err) < 0 ? -1 : 0;
	res_kind_name(r->res, &kind);
	if (rc < 0)
		snprintf(msg, len, "%s", err.msg);
	else
		snprintf(msg, len, "%s/%s deleted", buf_str(&kind), r->name);
	json_decref(opts);
	buf_release(&path);
	buf_release(&kind);
	return rc;
}
