/* text.c - the console's text screens (YAML, describe, help): the lines
 * of a text, scrolled with the keys of the tables.  See ui.h.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct ui_view *
ui_text_new(const char *title, const char *text)
{
	struct ui_view *v = calloc(1, sizeof *v);
	const char *p = text, *nl;
	size_t cap = 64;

	if (v == NULL || (v->title = strdup(title)) == NULL ||
	    (v->lines = calloc(cap, sizeof *v->lines)) == NULL) {
		ui_view_free(v);
		return NULL;
	}
	v->kind = UI_TEXT;
	while (*p != '\0') {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (v->nlines == cap) {
			char **l = realloc(v->lines, cap * 2 * sizeof *l);

			if (l == NULL)
				break;
			v->lines = l;
			cap *= 2;
		}
		if ((v->lines[v->nlines] = strndup(p, len)) == NULL)
			break;
		/* tabs as the terminal would show them */
		for (char *c = v->lines[v->nlines]; *c; c++)
			if (*c == '\t')
				*c = ' ';
		v->nlines++;
		p += len + (nl ? 1 : 0);
	}
	return v;
}

void
ui_text_draw(struct ui_view *v, int y, int h, int w)
{
	for (size_t i = v->top; i < v->nlines && (int)(i - v->top) < h; i++)
		mvaddnstr(y + (int)(i - v->top), 1, v->lines[i], w - 2);
}

void
ui_text_move(struct ui_view *v, long delta, int h)
{
	size_t last = v->nlines > (size_t)h ? v->nlines - (size_t)h : 0;

	if (delta < 0 && (size_t)-delta > v->top)
		v->top = 0;
	else
		v->top = (size_t)((long)v->top + delta);
	if (v->top > last)
		v->top = last;
}

void
ui_view_free(struct ui_view *v)
{
	if (v == NULL)
		return;
	if (v->table != NULL)
		ui_table_close(v->table);
	ui_logs_close(v->logs);
	ui_mf_close(v->mf);
	for (size_t i = 0; i < v->nitems; i++)
		free(v->items[i]);
	free(v->items);
	for (size_t i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v->title);
	free(v);
}
