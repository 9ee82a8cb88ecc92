/* forwards.c - the console's port-forwards, as k9s has them: shift-f on
 * a pod starts one (console/portforward.c, the engine of kubec
 * port-forward, in a thread of its own with its own connection to the
 * server) that forwards in the background while the user goes on; :pf
 * lists them (NAME, CONTAINER, PORTS, the connections handled, AGE, the
 * state or last error) and ctrl-d there stops one.  The console stops
 * them all when it quits.  See ui.h.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rfc3339.h"
#include "ui.h"

/* What the engine says, kept for the list and the status line. */
static void
fw_report(void *arg, enum pf_event ev, const char *text)
{
	struct ui_forward *f = arg;
	struct ui_app *a = f->app;
	const char *colon, *arrow;

	pthread_mutex_lock(&a->fw_mu);
	switch (ev) {
	case PF_LISTENING:	/* "Forwarding from 127.0.0.1:8080 -> 80" */
		if (f->listening[0] == '\0')
			snprintf(f->listening, sizeof f->listening, "%s",
			    text);
		if (f->local == 0 && (arrow = strstr(text, " -> ")) != NULL) {
			for (colon = arrow; colon > text && *colon != ':';
			    colon--)
				;
			f->local = (unsigned)strtoul(colon + 1, NULL, 10);
		}
		break;
	case PF_READY:
		snprintf(f->state, sizeof f->state, "forwarding");
		snprintf(f->note, sizeof f->note, "%s (:pf lists the "
		    "port-forwards)", f->listening);
		f->note_err = 0;
		break;
	case PF_CONNECTION:
		f->conns++;
		break;
	case PF_WARNING:
	case PF_POD_ERROR:
		snprintf(f->state, sizeof f->state, "%s", text);
		snprintf(f->note, sizeof f->note, "port-forward %s/%s: %s",
		    f->ns, f->pod, text);
		f->note_err = 1;
		break;
	case PF_FAILED:
		if (f->note_err && f->state[0] != '\0') {
			char last[sizeof f->state];

			snprintf(last, sizeof last, "%s", f->state);
			snprintf(f->state, sizeof f->state, "%s: %s", text,
			    last);
		} else {
			snprintf(f->state, sizeof f->state, "%s", text);
		}
		snprintf(f->note, sizeof f->note, "port-forward %s/%s ended: "
		    "%s", f->ns, f->pod, f->state);
		f->note_err = 1;
		f->failed = 1;
		break;
	}
	pthread_mutex_unlock(&a->fw_mu);
	ui_wake(a);
}

static void *
fw_thread(void *arg)
{
	struct ui_forward *f = arg;
	const char *ports[1] = { f->ports };
	struct pf_request req;
	struct rest *rest;
	struct err err;

	err_clear(&err);
	if ((rest = rest_open(&f->app->c->t, "kubec-ui", &err)) == NULL) {
		fw_report(f, PF_FAILED, err.msg);
		return NULL;
	}
	req = (struct pf_request){
		.rest = rest,
		.ns = f->ns,
		.pod = f->pod,
		.addresses = NULL,	/* localhost, as kubectl */
		.ports = ports,
		.nports = 1,
		.stop_fd = f->stop[0],
		.report = fw_report,
		.arg = f,
	};
	if (portforward_run(&req) == 0) {
		pthread_mutex_lock(&f->app->fw_mu);
		snprintf(f->state, sizeof f->state, "stopped");
		pthread_mutex_unlock(&f->app->fw_mu);
	}
	rest_close(rest);
	return NULL;
}

static void
fw_free(void *arg)
{
	struct ui_forward *f = arg;

	if (f->stop[0] >= 0)
		close(f->stop[0]);
	if (f->stop[1] >= 0)
		close(f->stop[1]);
	free(f);
}

/* Takes f off the list (lock held). */
static void
fw_unlink(struct ui_app *a, struct ui_forward *f)
{
	for (struct ui_forward **p = &a->forwards; *p != NULL; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	f->next = NULL;
}

/* Its thread told to stop, then freed once it ended (lock not held). */
static void
fw_stop(struct ui_forward *f)
{
	char b = 's';

	if (f->stop[1] >= 0 && write(f->stop[1], &b, 1) < 0 &&
	    errno != EAGAIN)
		b = 0;
	if (f->running)
		ui_reap(f->thread, fw_free, f);
	else
		fw_free(f);
}

int
ui_forwards_start(struct ui_app *a, const char *ns, const char *pod,
    const char *container, const char *ports, unsigned remote)
{
	struct ui_forward *f, **tail, *old = NULL;
	unsigned local = 0;
	const char *colon = strchr(ports, ':');

	if (colon == NULL)
		local = (unsigned)strtoul(ports, NULL, 10);
	else if (colon > ports)
		local = (unsigned)strtoul(ports, NULL, 10);
	pthread_mutex_lock(&a->fw_mu);
	for (f = a->forwards; f != NULL; f = f->next) {
		if (local == 0 || f->local != local)
			continue;
		if (!f->failed) {
			pthread_mutex_unlock(&a->fw_mu);
			ui_flash(a, 1, "port %u is forwarded to %s/%s already "
			    "(:pf, ctrl-d stops it)", local, f->ns, f->pod);
			return -1;
		}
		old = f;	/* a failed one on that port: replaced */
	}
	if (old != NULL)
		fw_unlink(a, old);
	pthread_mutex_unlock(&a->fw_mu);
	if (old != NULL)
		fw_stop(old);
	if ((f = calloc(1, sizeof *f)) == NULL)
		return -1;
	f->app = a;
	f->id = ++a->fw_ids;
	snprintf(f->ns, sizeof f->ns, "%s", ns);
	snprintf(f->pod, sizeof f->pod, "%s", pod);
	snprintf(f->container, sizeof f->container, "%s", container);
	snprintf(f->ports, sizeof f->ports, "%s", ports);
	snprintf(f->state, sizeof f->state, "starting");
	f->remote = remote;
	f->local = local;
	f->started = time(NULL);
	f->stop[0] = f->stop[1] = -1;
	if (pipe2(f->stop, O_CLOEXEC | O_NONBLOCK) < 0) {
		ui_flash(a, 1, "pipe: %s", strerror(errno));
		fw_free(f);
		return -1;
	}
	pthread_mutex_lock(&a->fw_mu);
	for (tail = &a->forwards; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = f;
	if (pthread_create(&f->thread, NULL, fw_thread, f) == 0) {
		f->running = 1;
	} else {
		snprintf(f->state, sizeof f->state, "cannot start a thread");
		f->failed = 1;
	}
	pthread_mutex_unlock(&a->fw_mu);
	ui_flash(a, 0, "port-forward %s/%s %s: starting", ns, pod, ports);
	return 0;
}

void
ui_forwards_poll(struct ui_app *a)
{
	pthread_mutex_lock(&a->fw_mu);
	for (struct ui_forward *f = a->forwards; f != NULL; f = f->next)
		if (f->note[0] != '\0') {
			ui_flash(a, f->note_err, "%s", f->note);
			f->note[0] = '\0';
		}
	pthread_mutex_unlock(&a->fw_mu);
}

void
ui_forwards_stop(struct ui_app *a, unsigned id)
{
	struct ui_forward *f;

	pthread_mutex_lock(&a->fw_mu);
	for (f = a->forwards; f != NULL && f->id != id; f = f->next)
		;
	if (f != NULL)
		fw_unlink(a, f);
	pthread_mutex_unlock(&a->fw_mu);
	if (f != NULL)
		fw_stop(f);
}

void
ui_forwards_stop_all(struct ui_app *a)
{
	struct ui_forward *f;

	for (;;) {
		pthread_mutex_lock(&a->fw_mu);
		if ((f = a->forwards) != NULL)
			fw_unlink(a, f);
		pthread_mutex_unlock(&a->fw_mu);
		if (f == NULL)
			break;
		fw_stop(f);
	}
}

size_t
ui_forwards_count(struct ui_app *a)
{
	size_t n = 0;

	pthread_mutex_lock(&a->fw_mu);
	for (struct ui_forward *f = a->forwards; f != NULL; f = f->next)
		n++;
	pthread_mutex_unlock(&a->fw_mu);
	return n;
}

struct ui_view *
ui_forwards_view(struct ui_app *a)
{
	struct ui_view *v = calloc(1, sizeof *v);

	(void)a;
	if (v == NULL)
		return NULL;
	v->kind = UI_FORWARDS;
	if ((v->title = strdup(" PortForwards ")) == NULL) {
		free(v);
		return NULL;
	}
	return v;
}

/* The row's cells (lock held). */
static void
fw_cells(const struct ui_forward *f, char cells[6][600])
{
	long long d = (long long)(time(NULL) - f->started);

	snprintf(cells[0], 600, "%s/%s", f->ns, f->pod);
	snprintf(cells[1], 600, "%s", f->container[0] ? f->container : "-");
	if (f->local != 0)
		snprintf(cells[2], 600, "%u:%u", f->local, f->remote);
	else
		snprintf(cells[2], 600, "%s", f->ports);
	snprintf(cells[3], 600, "%lu", f->conns);
	rfc3339_human_duration(d < 0 ? 0 : d, cells[4], 600);
	snprintf(cells[5], 600, "%s", f->state);
}

void
ui_forwards_draw(struct ui_app *a, struct ui_view *v, int y, int h, int w)
{
	static const char *const head[6] = { "NAME", "CONTAINER", "PORTS",
		"CONNECTIONS", "AGE", "STATE" };
	char (*cells)[6][600] = NULL;
	int width[6], x, pair;
	size_t n = 0, i, top;
	struct ui_forward *f;

	if (h < 2 || w < 4)
		return;
	pthread_mutex_lock(&a->fw_mu);
	for (f = a->forwards; f != NULL; f = f->next)
		n++;
	if (n > 0 && (cells = calloc(n, sizeof *cells)) == NULL)
		n = 0;
	i = 0;
	for (f = a->forwards; f != NULL && i < n; f = f->next)
		fw_cells(f, cells[i++]);
	pthread_mutex_unlock(&a->fw_mu);
	for (int c = 0; c < 6; c++) {
		width[c] = (int)strlen(head[c]);
		for (i = 0; i < n; i++)
			if ((int)strlen(cells[i][c]) > width[c])
				width[c] = (int)strlen(cells[i][c]);
	}
	attron(A_BOLD);
	for (int c = 0, cx = 1; c < 6 && cx < w - 1; c++) {
		mvaddnstr(y, cx, head[c], w - 1 - cx);
		cx += width[c] + 3;
	}
	attroff(A_BOLD);
	if (n == 0) {
		attron(A_DIM);
		mvaddnstr(y + 1, 1, "No port-forwards: shift-f on a pod starts "
		    "one.", w - 2);
		attroff(A_DIM);
		free(cells);
		return;
	}
	if (v->sel >= n)
		v->sel = n - 1;
	top = v->sel >= (size_t)(h - 1) ? v->sel - (size_t)(h - 2) : 0;
	for (i = top; i < n && (int)(i - top) < h - 1; i++) {
		int row = y + 1 + (int)(i - top);
		const char *st = cells[i][5];

		pair = strcmp(st, "forwarding") == 0 ? 1 : strcmp(st,
		    "starting") == 0 ? 2 : 3;
		if (i == v->sel) {
			attron(A_REVERSE);
			mvhline(row, 0, ' ', w);
		}
		if (has_colors())
			attron(COLOR_PAIR(pair));
		x = 1;
		for (int c = 0; c < 6 && x < w - 1; c++) {
			mvaddnstr(row, x, cells[i][c], w - 1 - x);
			x += width[c] + 3;
		}
		if (has_colors())
			attroff(COLOR_PAIR(pair));
		attroff(A_REVERSE);
	}
	free(cells);
}

void
ui_forwards_move(struct ui_app *a, struct ui_view *v, long delta)
{
	size_t n = ui_forwards_count(a);

	if (n == 0 || delta == LONG_MIN) {
		v->sel = 0;
		return;
	}
	if (delta == LONG_MAX)
		v->sel = n - 1;
	else if (delta < 0 && (size_t)-delta > v->sel)
		v->sel = 0;
	else
		v->sel = (size_t)((long)v->sel + delta);
	if (v->sel >= n)
		v->sel = n - 1;
}

unsigned
ui_forwards_selected(struct ui_app *a, struct ui_view *v, char *desc,
    size_t len)
{
	struct ui_forward *f;
	unsigned id = 0;
	size_t i = 0;

	pthread_mutex_lock(&a->fw_mu);
	for (f = a->forwards; f != NULL && i < v->sel; f = f->next)
		i++;
	if (f != NULL) {
		id = f->id;
		if (f->local != 0)
			snprintf(desc, len, "%s/%s %u:%u", f->ns, f->pod,
			    f->local, f->remote);
		else
			snprintf(desc, len, "%s/%s %s", f->ns, f->pod,
			    f->ports);
	}
	pthread_mutex_unlock(&a->fw_mu);
	return id;
}
