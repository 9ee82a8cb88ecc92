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
	size_t n = json_object_size(v), k = 0;
	const char **keys = calloc(n ? n : 1, sizeof *keys);
	const char *key;
	json_t *e;

	out = json_object();
	if (keys == NULL)
		return out;
	json_object_foreach((json_t *)v, key, e)
		keys[k++] = key;
	qsort(keys, n, sizeof *keys, print_keycmp);
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
