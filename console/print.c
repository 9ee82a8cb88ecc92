/* print.c - the console's output formats as kubectl writes them: columns
 * aligned as Go's text/tabwriter aligns kubectl's tables, JSON with sorted
 * keys and four spaces of indent, YAML with sorted keys (kubectl prints
 * objects as Go maps, whose keys come out sorted). */
#include <stdlib.h>
#include <string.h>

#include "../lib/yaml.h"
#include "console.h"

#define PRINT_MIN_WIDTH	6
#define PRINT_PADDING	3

/* Width in characters (UTF-8 continuation bytes do not count). */
static size_t
print_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void
print_columns(FILE *f, const json_t *rows)
{
	struct print_widths pw = { { 0 } };

	print_columns_keep(f, rows, &pw);
}

void
print_columns_keep(FILE *f, const json_t *rows, struct print_widths *pw)
{
	size_t ncol = 0, i, j, *w = pw->w;
	json_t *row, *cell;

	json_array_foreach(rows, i, row)
		if (json_array_size(row) > ncol)
			ncol = json_array_size(row);
	if (ncol == 0)
		return;
	if (ncol > PRINT_MAX_COLS)
		ncol = PRINT_MAX_COLS;
	json_array_foreach(rows, i, row)
		json_array_foreach(row, j, cell) {
			size_t cw = print_width(json_string_value(cell) ?
			    json_string_value(cell) : "") + PRINT_PADDING;

			if (j < ncol && j + 1 < json_array_size(row) &&
			    cw > w[j])
				w[j] = cw;
		}
	for (j = 0; j < ncol; j++)
		if (w[j] < PRINT_MIN_WIDTH)
			w[j] = PRINT_MIN_WIDTH;
	json_array_foreach(rows, i, row) {
		json_array_foreach(row, j, cell) {
			const char *s = json_string_value(cell) ?
			    json_string_value(cell) : "";

			fputs(s, f);
			if (j + 1 < json_array_size(row) && j < ncol &&
			    w[j] > print_width(s))
				fprintf(f, "%*s", (int)(w[j] - print_width(s)),
				    "");
		}
		fputc('\n', f);
	}
}

static int
print_keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **
print_keys(const json_t *o, size_t *n)
{
	const char **keys = calloc(json_object_size(o) + 1, sizeof *keys), *k;
	json_t *v;

	*n = 0;
	if (keys == NULL)
		return NULL;
	json_object_foreach((json_t *)o, k, v)
		keys[(*n)++] = k;
	qsort(keys, *n, sizeof *keys, print_keycmp);
	return keys;
}

void
print_labels(struct buf *b, const json_t *map, const char *none)
{
	size_t n, i;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s%s=%s", i ? "," : "", keys[i],
		    json_string_value(json_object_get(map, keys[i])) ?: "");
	if (n == 0 && none != NULL)
		buf_adds(b, none);
	free(keys);
}

/* A copy of v with every object's keys in byte order. */
static json_t *
print_sorted(const json_t *v)
{
	json_t *out;

	if (json_is_array(v)) {
		size_t i;
		json_t *e;

		out = json_array();
		json_array_foreach(v, i, e)
			json_array_append_new(out, print_sorted(e));
		return out;
	}
	if (!json_is_object(v))
		return json_deep_copy(v);
	size_t n, k;
	const char **keys = print_keys(v, &n);

	out = json_object();
	if (keys == NULL)
		return out;
	for (k = 0; k < n; k++)
		json_object_set_new(out, keys[k], print_sorted(json_object_get(
		    v, keys[k])));
	free(keys);
	return out;
}

void
print_json(FILE *f, const json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(4) | JSON_SORT_KEYS);

	if (s != NULL)
		fprintf(f, "%s\n", s);
	free(s);
}

void
print_yaml(FILE *f, const json_t *v)
{
	struct buf b = BUF_INIT((size_t)256 << 20);
	json_t *sorted = print_sorted(v);

	if (yaml_emit(sorted, &b) == 0)
		fwrite(b.data, 1, b.len, f);
	json_decref(sorted);
	buf_release(&b);
}

void
print_strip_managed(json_t *obj)
{
	json_t *items = json_object_get(obj, "items"), *it;
	size_t i;

	json_object_del(json_object_get(obj, "metadata"), "managedFields");
	json_array_foreach(items, i, it)
		json_object_del(json_object_get(it, "metadata"),
		    "managedFields");
}

json_t *
print_list(json_t *items)
{
	return json_pack("{s:s, s:o, s:s, s:{s:s}}", "apiVersion", "v1",
	    "items", items, "kind", "List", "metadata", "resourceVersion", "");
}

/* Go's text/tabwriter (minimum width minw, padding pad, no flags) over the
 * lines [l0, l1) of cells, from column col on: a run of lines that have a
 * tab-ended cell in a column is aligned to its widest cell. */
struct tab_line {
	const char	**cell;
	size_t		 n;	/* cells, the last one not tab-ended */
};

static void
tab_write(FILE *f, const struct tab_line *lines, size_t l0, size_t l1,
    const size_t *widths, size_t nw)
{
	for (size_t i = l0; i < l1; i++) {
		for (size_t j = 0; j < lines[i].n; j++) {
			const char *s = lines[i].cell[j];

			fputs(s, f);
			if (j < nw && j + 1 < lines[i].n && widths[j] >
			    print_width(s))
				fprintf(f, "%*s", (int)(widths[j] -
				    print_width(s)), "");
		}
		fputc('\n', f);
	}
}

static void
tab_format(FILE *f, const struct tab_line *lines, size_t l0, size_t l1,
    size_t *widths, size_t nw, size_t minw, size_t pad)
{
	size_t col = nw, i = l0;

	while (i < l1) {
		size_t width = minw, j;

		if (col + 1 >= lines[i].n || col >= PRINT_MAX_COLS) {
			i++;
			continue;
		}
		/* a block of this column starts at line i */
		tab_write(f, lines, l0, i, widths, nw);
		for (j = i; j < l1 && col + 1 < lines[j].n; j++)
			if (print_width(lines[j].cell[col]) + pad > width)
				width = print_width(lines[j].cell[col]) + pad;
		widths[col] = width;
		tab_format(f, lines, i, j, widths, nw + 1, minw, pad);
		l0 = i = j;
	}
	tab_write(f, lines, l0, l1, widths, nw);
}

void
print_tabbed(FILE *f, const char *text, size_t pad)
{
	print_tabbed_min(f, text, 0, pad);
}

void
print_tabbed_min(FILE *f, const char *text, size_t minw, size_t pad)
{
	char *copy = strdup(text), *p, *nl;
	struct tab_line *lines = NULL;
	size_t n = 0, widths[PRINT_MAX_COLS];

	if (copy == NULL)
		return;
	/* the text's lines (a last line without '\n' too) */
	for (p = copy; *p != '\0'; p = nl + 1) {
		struct tab_line *l = realloc(lines, (n + 1) * sizeof *l);
		char *t;

		if (l == NULL)
			break;
		lines = l;
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		lines[n].cell = NULL;
		lines[n].n = 0;
		for (t = p;; t++) {
			char *tab = strchr(t, '\t');
			const char **cells = realloc(lines[n].cell,
			    (lines[n].n + 1) * sizeof *cells);

			if (cells == NULL)
				break;
			lines[n].cell = cells;
			cells[lines[n].n++] = t;
			if (tab == NULL)
				break;
			*tab = '\0';
			t = tab;
		}
		n++;
		if (nl == NULL)
			break;
	}
	tab_format(f, lines, 0, n, widths, 0, minw, pad);
	for (size_t i = 0; i < n; i++)
		free(lines[i].cell);
	free(lines);
	free(copy);
}

void
print_cell(const json_t *v, struct buf *b)
{
	if (json_is_string(v))
		buf_adds(b, json_string_value(v));
	else if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_addf(b, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		buf_adds(b, json_is_true(v) ? "true" : "false");
	else
		buf_adds(b, "<none>");
}
