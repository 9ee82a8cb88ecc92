/* logs.c - the console's logs view (l on a pod): one container's output
 * followed through the API server (pods/log?follow=true) by a thread of
 * its own, the last UI_LOGS_MAX lines kept (older ones dropped: memory
 * stays bounded however long it runs), drawn from the bottom while
 * following, scrolled when not, wrapped or cut, with or without the
 * timestamps, searched with '/'.  A stream that ends or breaks (the
 * container restarted, the connection was lost) is taken up again from
 * the time of the last line, which is why the server is always asked
 * for the timestamps; the view hides them unless shown.  See ui.h.
 */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"

#define LOGS_LINE_MAX	8192	/* longer lines are cut */
#define LOGS_TAIL	200	/* lines asked for at the start */

/* The part of a line after its timestamp ("2026-12-07T00:00:00.1Z x"). */
static const char *
logs_text(const char *line, int timestamps)
{
	const char *sp;

	if (timestamps || (sp = strchr(line, ' ')) == NULL)
		return line;
	return sp + 1;
}

/* Adds one whole line (lock held). */
static void
logs_add(struct ui_logs *l, const char *line, size_t len)
{
	char *s, **slot;

	if (len > LOGS_LINE_MAX)
		len = LOGS_LINE_MAX;
	if ((s = strndup(line, len)) == NULL)
		return;
	for (char *c = s; *c; c++)	/* tabs and controls as spaces */
		if ((unsigned char)*c < 32)
			*c = ' ';
	slot = &l->ring[(l->head + l->n) % UI_LOGS_MAX];
	if (l->n == UI_LOGS_MAX) {
		free(*slot);
		l->head = (l->head + 1) % UI_LOGS_MAX;
		l->dropped++;
	} else {
		l->n++;
	}
	*slot = s;
}

/*
 * A line that came again after the stream was taken up (sinceTime is to
 * the second): one older than the last line kept, or that very line.
 */
static int
logs_seen(struct ui_logs *l, const char *line, size_t len)
{
	const char *sp = memchr(line, ' ', len);
	size_t tl = sp ? (size_t)(sp - line) : len;
	int cmp;

	if (l->last_ts[0] == '\0')
		return 0;
	cmp = strncmp(line, l->last_ts, tl);
	if (cmp == 0 && tl != strlen(l->last_ts))
		cmp = tl < strlen(l->last_ts) ? -1 : 1;
	if (cmp < 0)
		return 1;
	return cmp == 0 && l->n > 0 && strlen(l->ring[(l->head + l->n - 1) %
	    UI_LOGS_MAX]) == (len > LOGS_LINE_MAX ? LOGS_LINE_MAX : len) &&
	    strncmp(l->ring[(l->head + l->n - 1) % UI_LOGS_MAX], line,
	    len) == 0;
}

static void
logs_line(struct ui_logs *l, const char *line, size_t len)
{
	const char *sp;

	if (l->resumed && logs_seen(l, line, len))
		return;
	l->resumed = 0;
	logs_add(l, line, len);
	sp = memchr(line, ' ', len);
	if (sp != NULL && (size_t)(sp - line) < sizeof l->last_ts) {
		memcpy(l->last_ts, line, (size_t)(sp - line));
		l->last_ts[sp - line] = '\0';
	}
}

static int
logs_data(void *arg, const char *data, size_t len)
{
	struct ui_logs *l = arg;
	const char *p = data, *nl, *end = data + len;

	pthread_mutex_lock(&l->mu);
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (l->partial.len > 0) {
			buf_add(&l->partial, p, (size_t)(nl - p));
			logs_line(l, buf_str(&l->partial), l->partial.len);
			buf_reset(&l->partial);
		} else {
			logs_line(l, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	if (p < end && l->partial.len < LOGS_LINE_MAX)
		buf_add(&l->partial, p, (size_t)(end - p));
	l->state[0] = '\0';
	l->gen++;
	pthread_mutex_unlock(&l->mu);
	ui_wake(l->app);
	return 0;
}

static void
logs_state(struct ui_logs *l, const char *msg)
{
	pthread_mutex_lock(&l->mu);
	snprintf(l->state, sizeof l->state, "%s", msg);
	l->gen++;
	pthread_mutex_unlock(&l->mu);
	ui_wake(l->app);
}

static void *
logs_thread(void *arg)
{
	struct ui_logs *l = arg;
	struct rest *rest;
	struct err err;
	int pause = 1;

	err_clear(&err);
	if ((rest = rest_open(&l->app->c->t, "kubec-ui", &err)) == NULL) {
		logs_state(l, err.msg);
		return NULL;
	}
	while (!l->stop) {
		struct buf path = BUF_INIT(4096);
		int rc;

		buf_addf(&path, "/api/v1/namespaces/%s/pods/%s/log?container=%s"
		    "&timestamps=true", l->ns, l->pod, l->container);
		if (l->previous)
			buf_adds(&path, "&previous=true");
		else
			buf_adds(&path, "&follow=true");
		pthread_mutex_lock(&l->mu);
		if (l->last_ts[0] != '\0') {
			/* again: from the last line's second on */
			cli_query_arg(&path, "sinceTime", l->last_ts);
			l->resumed = 1;
		} else {
			buf_addf(&path, "&tailLines=%d", LOGS_TAIL);
		}
		buf_reset(&l->partial);
		pthread_mutex_unlock(&l->mu);
		err_clear(&err);
		rc = rest_follow(rest, buf_str(&path), logs_data, l, &l->stop,
		    &err);
		buf_release(&path);
		if (l->stop)
			break;
		if (l->previous) {
			logs_state(l, rc < 0 ? err.msg : "the end of the "
			    "previous run's logs");
			break;
		}
		if (rc < 0) {
			logs_state(l, err.msg);
			pause = pause < 8 ? pause * 2 : 8;
		} else {
			/* the container stopped: it may run again */
			logs_state(l, "the stream ended; waiting for more");
			pause = 2;
		}
		for (int i = 0; i < pause * 10 && !l->stop; i++)
			usleep(100000);
	}
	rest_close(rest);
	return NULL;
}

struct ui_logs *
ui_logs_open(struct ui_app *a, const char *ns, const char *pod,
    const char *container, int previous)
{
	struct ui_logs *l = calloc(1, sizeof *l);

	if (l == NULL || (l->ring = calloc(UI_LOGS_MAX,
	    sizeof *l->ring)) == NULL) {
		free(l);
		return NULL;
	}
	l->app = a;
	snprintf(l->ns, sizeof l->ns, "%s", ns);
	snprintf(l->pod, sizeof l->pod, "%s", pod);
	snprintf(l->container, sizeof l->container, "%s", container);
	l->previous = previous;
	l->follow = 1;
	l->partial = (struct buf)BUF_INIT(LOGS_LINE_MAX * 2);
	pthread_mutex_init(&l->mu, NULL);
	if (pthread_create(&l->thread, NULL, logs_thread, l) == 0)
		l->started = 1;
	else
		snprintf(l->state, sizeof l->state, "cannot start a thread");
	return l;
}

static void
logs_free(void *arg)
{
	struct ui_logs *l = arg;

	for (size_t i = 0; i < l->n; i++)
		free(l->ring[(l->head + i) % UI_LOGS_MAX]);
	free(l->ring);
	buf_release(&l->partial);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

void
ui_logs_close(struct ui_logs *l)
{
	if (l == NULL)
		return;
	l->stop = 1;
	if (l->started)
		ui_reap(l->thread, logs_free, l);
	else
		logs_free(l);
}

/* The rows line takes at width w (wrapped), at least one. */
static size_t
logs_rows(const char *line, int wrap, int w)
{
	size_t len = strlen(line);

	if (!wrap || w <= 0 || len == 0)
		return 1;
	return (len + (size_t)w - 1) / (size_t)w;
}

/* Draws s in n columns at (y, x), the search matches in reverse. */
static void
logs_put(const char *s, size_t n, int y, int x, const char *search)
{
	size_t sl = search ? strlen(search) : 0, i = 0;
	const char *m;

	while (i < n) {
		m = sl ? strstr(s + i, search) : NULL;
		if (m == NULL || (size_t)(m - s) >= n) {
			mvaddnstr(y, x + (int)i, s + i, (int)(n - i));
			return;
		}
		if (m > s + i)
			mvaddnstr(y, x + (int)i, s + i, (int)(m - s - i));
		attron(A_REVERSE);
		mvaddnstr(y, x + (int)(m - s), m, (int)(sl < n - (size_t)(m -
		    s) ? sl : n - (size_t)(m - s)));
		attroff(A_REVERSE);
		i = (size_t)(m - s) + sl;
	}
}

void
ui_logs_draw(struct ui_logs *l, int y, int h, int w)
{
	size_t first, i, row = 0, used = 0;
	int tw = w - 2;

	if (h <= 1 || tw <= 0)
		return;
	pthread_mutex_lock(&l->mu);
	h--;			/* the last row: the view's state */
	if (l->follow) {
		/* the last lines that fill the rows */
		first = l->n;
		while (first > 0) {
			size_t r = logs_rows(logs_text(l->ring[(l->head +
			    first - 1) % UI_LOGS_MAX], l->timestamps), l->wrap,
			    tw);

			if (used + r > (size_t)h)
				break;
			used += r;
			first--;
		}
		l->top = l->dropped + first;
	}
	if (l->top < l->dropped)	/* what was shown was dropped */
		l->top = l->dropped;
	first = (size_t)(l->top - l->dropped);
	for (i = first; i < l->n && row < (size_t)h; i++) {
		const char *s = logs_text(l->ring[(l->head + i) % UI_LOGS_MAX],
		    l->timestamps);
		size_t len = strlen(s), off = 0;

		do {
			size_t n = len - off < (size_t)tw ? len - off :
			    (size_t)tw;

			logs_put(s + off, n, y + (int)row, 1, l->search[0] ?
			    l->search : NULL);
			off += n;
			row++;
		} while (l->wrap && off < len && row < (size_t)h);
	}
	attron(A_DIM);
	mvprintw(y + h, 1, "%s  %s  %s%s%s", l->follow ? "[autoscroll]" :
	    "[paused]", l->wrap ? "[wrap]" : "[nowrap]",
	    l->timestamps ? "[timestamps] " : "", l->n == 0 && !l->state[0] ?
	    "waiting for logs..." : "", l->state);
	attroff(A_DIM);
	pthread_mutex_unlock(&l->mu);
}

void
ui_logs_move(struct ui_logs *l, long delta, int h)
{
	unsigned long long last, end;

	pthread_mutex_lock(&l->mu);
	end = l->dropped + l->n;
	last = end > (unsigned long long)(h > 1 ? h - 1 : 1) ? end -
	    (unsigned long long)(h > 1 ? h - 1 : 1) : l->dropped;
	if (last < l->dropped)
		last = l->dropped;
	if (delta == LONG_MAX) {
		l->follow = 1;
	} else if (delta == LONG_MIN) {
		l->follow = 0;
		l->top = l->dropped;
	} else {
		l->follow = 0;
		if (delta < 0 && (unsigned long long)-delta > l->top - l->dropped)
			l->top = l->dropped;
		else
			l->top += (unsigned long long)delta;
		if (l->top > last)
			l->top = last;
		if (l->top < l->dropped)
			l->top = l->dropped;
	}
	pthread_mutex_unlock(&l->mu);
}

int
ui_logs_find(struct ui_logs *l, const char *text, int dir)
{
	size_t i, cur, n;
	int found = 0;

	pthread_mutex_lock(&l->mu);
	if (text != l->search)
		snprintf(l->search, sizeof l->search, "%s", text);
	n = l->n;
	cur = l->top > l->dropped ? (size_t)(l->top - l->dropped) : 0;
	if (cur > n)
		cur = n;
	for (i = 1; text[0] != '\0' && i <= n; i++) {
		size_t at = dir >= 0 ? (cur + i) % n : (cur + n - i) % n;

		if (strstr(logs_text(l->ring[(l->head + at) % UI_LOGS_MAX],
		    l->timestamps), text) != NULL) {
			l->top = l->dropped + at;
			l->follow = 0;
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&l->mu);
	return found;
}
