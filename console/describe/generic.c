/* generic.c - kubec describe for the kinds kubectl has no describer for
 * (Lease, ControllerRevision, Event, custom resources...): as kubectl's
 * generic describer, the object's fields as "Smart Label:<tab>value"
 * lines, keys sorted, maps and lists nested by two spaces, values in Go's
 * %v, then the Events.  describe_gofmt() is Go's %v of a JSON value for
 * the other describers. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"

/* Go's %v of a float64: strconv's shortest 'g' with exponent when the
 * decimal exponent is below -4 or at least 6 ("1e+06", "1.5", "0.0001"). */
static void
generic_float(struct buf *b, double v)
{
	char s[64], *e;
	int p, x;

	if (v == 0) {
		buf_adds(b, signbit(v) ? "-0" : "0");
		return;
	}
	/* the fewest digits that read back as v */
	for (p = 0; p < 17; p++) {
		snprintf(s, sizeof s, "%.*e", p, v);
		if (strtod(s, NULL) == v)
			break;
	}
	e = strchr(s, 'e');
	x = e != NULL ? atoi(e + 1) : 0;
	if (x < -4 || x >= 6) {
		buf_adds(b, s);
		return;
	}
	buf_addf(b, "%.*f", p - x > 0 ? p - x : 0, v);
}

void
describe_gofmt(struct buf *b, const json_t *v)
{
	const json_t *e;
	size_t i, n;

	switch (json_typeof(v)) {
	case JSON_STRING:
		buf_add(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_addf(b, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		generic_float(b, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_adds(b, "true");
		break;
	case JSON_FALSE:
		buf_adds(b, "false");
		break;
	case JSON_ARRAY:
		buf_adds(b, "[");
		json_array_foreach(v, i, e) {
			if (i)
				buf_adds(b, " ");
			describe_gofmt(b, e);
		}
		buf_adds(b, "]");
		break;
	case JSON_OBJECT: {
		const char **keys = print_keys(v, &n);

		/* Go prints a map's keys sorted */
		buf_adds(b, "map[");
		for (i = 0; keys != NULL && i < n; i++) {
			buf_addf(b, "%s%s:", i ? " " : "", keys[i]);
			describe_gofmt(b, json_object_get(v, keys[i]));
		}
		buf_adds(b, "]");
		free(keys);
		break;
	}
	default:
		buf_adds(b, "<nil>");
	}
}

enum { GEN_LOWER = 1, GEN_UPPER, GEN_DIGIT, GEN_OTHER };

static int
generic_class(unsigned char c)
{
	if (islower(c))
		return GEN_LOWER;
	if (isupper(c))
		return GEN_UPPER;
	if (isdigit(c))
		return GEN_DIGIT;
	return GEN_OTHER;
}

/* kubectl's smartLabelFor: "apiVersion" -> "API Version", "podIP" ->
 * "Pod IP"; a field with characters other than letters and '-' as it is.
 * The words are fatih/camelcase's: runs of one character class, an upper
 * case letter before lower case ones starting the next word. */
static void
generic_label(struct buf *b, const char *field)
{
	static const char *const acronyms[] = { "API", "URL", "UID", "OSB",
	    "GUID" };
	size_t len = strlen(field), start[256], end[256], n = 0, i, k;
	int words = 0;

	for (i = 0; i < len; i++)
		if (!isalpha((unsigned char)field[i]) && field[i] != '-')
			break;
	if (i < len || len > 255) {
		buf_adds(b, field);
		return;
	}
	for (i = 0; i < len; i++) {
		if (i > 0 && generic_class(field[i]) ==
		    generic_class(field[i - 1])) {
			end[n - 1] = i + 1;
			continue;
		}
		start[n] = i;
		end[n++] = i + 1;
	}
	for (k = 0; k + 1 < n; k++)
		if (generic_class(field[start[k]]) == GEN_UPPER &&
		    generic_class(field[start[k + 1]]) == GEN_LOWER) {
			end[k]--;
			start[k + 1]--;
		}
	for (k = 0; k < n; k++) {
		size_t wl = end[k] - start[k];
		const char *w = field + start[k];
		int acr = 0;

		if (wl == 0)
			continue;
		for (i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
			if (strlen(acronyms[i]) == wl &&
			    strncasecmp(acronyms[i], w, wl) == 0)
				acr = 1;
		if (words++)
			buf_adds(b, " ");
		for (i = 0; i < wl; i++)
			buf_addc(b, acr || i == 0 ? toupper((unsigned char)w[i]) :
			    w[i]);
	}
}

static int
generic_skipped(const char *path)
{
	static const char *const skip[] = { ".metadata.managedFields",
	    ".metadata.name", ".metadata.namespace", ".metadata.labels",
	    ".metadata.annotations" };

	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (strcmp(skip[i], path) == 0)
			return 1;
	return 0;
}

static void
generic_indent(struct buf *b, int level)
{
	for (int i = 0; i < level; i++)
		buf_adds(b, "  ");
}

/* kubectl's printUnstructuredContent */
static void
generic_content(struct buf *b, int level, const json_t *o, const char *path)
{
	size_t n, i, j;
	const char **keys = print_keys(o, &n);

	for (i = 0; keys != NULL && i < n; i++) {
		const json_t *v = json_object_get(o, keys[i]), *e;
		struct buf sub = BUF_INIT(8192);

		buf_addf(&sub, "%s.%s", path, keys[i]);
		if (generic_skipped(buf_str(&sub))) {
			buf_release(&sub);
			continue;
		}
		generic_indent(b, level);
		generic_label(b, keys[i]);
		if (json_is_object(v)) {
			buf_adds(b, ":\n");
			generic_content(b, level + 1, v, buf_str(&sub));
		} else if (json_is_array(v)) {
			buf_adds(b, ":\n");
			json_array_foreach(v, j, e) {
				if (json_is_object(e)) {
					generic_content(b, level + 1, e,
					    buf_str(&sub));
					continue;
				}
				generic_indent(b, level + 1);
				describe_gofmt(b, e);
				buf_adds(b, "\n");
			}
		} else {
			buf_adds(b, ":\t");
			describe_gofmt(b, v);
			buf_adds(b, "\n");
		}
		buf_release(&sub);
	}
	free(keys);
}

void
describe_generic(struct cli *c, const json_t *obj, struct buf *b)
{
	describe_meta(b, obj, 1);
	generic_content(b, 0, obj, "");
	describe_events(c, obj, b);
}
