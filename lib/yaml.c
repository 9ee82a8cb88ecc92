/* yaml.c - YAML and JSON documents to and from jansson trees (see yaml.h).
 *
 * Parsing.  Input whose first non-blank byte is '{' or '[' is tried as a
 * stream of JSON values with jansson; when that fails (flow YAML starts the
 * same way) the whole input goes through libyaml's event parser.  Events
 * are folded into jansson values on an explicit, depth-bounded stack.
 * Scalars are resolved as sigs.k8s.io/yaml does through its go-yaml v2:
 * YAML 1.1 words (y/yes/on/off are booleans), 0x/0o/0b/0 integer prefixes
 * and '_' separators, timestamps kept as strings, non-string keys turned
 * into strings ("1", "true", "1.5"), merge keys applied in place (go-yaml
 * v2's order: later entries overwrite earlier ones), duplicate keys last
 * wins.  Anchors live in a jansson object; every alias is a deep copy paid
 * for out of YAML_MAX_ALIAS_NODES, so an alias bomb stops early.
 *
 * Emitting.  go-yaml v2's emitter is a line-by-line port of libyaml's, so
 * libyaml already writes kubectl's layout (2-space indent, "- " under a
 * mapping key, "{}"/"[]" for empty collections, literal blocks, quoting
 * fallbacks); it is used with unlimited width (no folding).  What go-yaml
 * adds in front of it, and this file repeats, is the requested scalar
 * style: a string that would read back as another type ("true", "123",
 * "", "2024-01-01", "1:20") is double-quoted, one with a newline asks for
 * a literal block.  Deviations, all for exact round trips: "<<" is quoted,
 * strings holding line breaks other than '\n' are double-quoted, and a
 * real with an integral value keeps a ".0" (go-yaml prints 1.0 as "1").
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "yaml.h"

enum yaml_kind {
	YAML_K_STR,
	YAML_K_NULL,
	YAML_K_BOOL,
	YAML_K_INT,
	YAML_K_BIG,		/* integer beyond int64: a real in JSON */
	YAML_K_FLOAT,
	YAML_K_INF,
	YAML_K_NINF,
	YAML_K_NAN,
};

struct yaml_sc {
	enum yaml_kind	 kind;
	int		 timestamp;	/* a string go-yaml sees as a time */
	int		 b;
	long long	 i;
	double		 d;
};

static const struct {
	const char	*word;
	enum yaml_kind	 kind;
	int		 b;
} yaml_words[] = {
	{ "y", YAML_K_BOOL, 1 }, { "Y", YAML_K_BOOL, 1 },
	{ "yes", YAML_K_BOOL, 1 }, { "Yes", YAML_K_BOOL, 1 },
	{ "YES", YAML_K_BOOL, 1 }, { "true", YAML_K_BOOL, 1 },
	{ "True", YAML_K_BOOL, 1 }, { "TRUE", YAML_K_BOOL, 1 },
	{ "on", YAML_K_BOOL, 1 }, { "On", YAML_K_BOOL, 1 },
	{ "ON", YAML_K_BOOL, 1 },
	{ "n", YAML_K_BOOL, 0 }, { "N", YAML_K_BOOL, 0 },
	{ "no", YAML_K_BOOL, 0 }, { "No", YAML_K_BOOL, 0 },
	{ "NO", YAML_K_BOOL, 0 }, { "false", YAML_K_BOOL, 0 },
	{ "False", YAML_K_BOOL, 0 }, { "FALSE", YAML_K_BOOL, 0 },
	{ "off", YAML_K_BOOL, 0 }, { "Off", YAML_K_BOOL, 0 },
	{ "OFF", YAML_K_BOOL, 0 },
	{ "", YAML_K_NULL, 0 }, { "~", YAML_K_NULL, 0 },
	{ "null", YAML_K_NULL, 0 }, { "Null", YAML_K_NULL, 0 },
	{ "NULL", YAML_K_NULL, 0 },
	{ ".nan", YAML_K_NAN, 0 }, { ".NaN", YAML_K_NAN, 0 },
	{ ".NAN", YAML_K_NAN, 0 },
	{ ".inf", YAML_K_INF, 0 }, { ".Inf", YAML_K_INF, 0 },
	{ ".INF", YAML_K_INF, 0 }, { "+.inf", YAML_K_INF, 0 },
	{ "+.Inf", YAML_K_INF, 0 }, { "+.INF", YAML_K_INF, 0 },
	{ "-.inf", YAML_K_NINF, 0 }, { "-.Inf", YAML_K_NINF, 0 },
	{ "-.INF", YAML_K_NINF, 0 },
};

#define YAML_TAG_PREFIX	"tag:yaml.org,2002:"
#define YAML_ISDIGIT(c)	((c) >= '0' && (c) <= '9')

/* ---- scalar resolution (go-yaml v2 resolve.go) ---- */

/* go-yaml's resolve table: which first bytes may start a non-string. */
static int
yaml_res_hint(unsigned char c)
{
	if (c == '+' || c == '-')
		return 'S';
	if (YAML_ISDIGIT(c))
		return 'D';
	if (c != '\0' && strchr("yYnNtTfFoO~", c) != NULL)
		return 'M';
	if (c == '.')
		return '.';
	return 0;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static int
yaml_res_isfloat(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		for (d = 0; i < n && YAML_ISDIGIT(s[i]); i++)
			d++;
		if (d == 0)
			return 0;
	} else {
		for (d = 0; i < n && YAML_ISDIGIT(s[i]); i++)
			d++;
		if (d == 0)
			return 0;
		if (i < n && s[i] == '.')
			for (i++; i < n && YAML_ISDIGIT(s[i]); i++)
				;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = 0; i < n && YAML_ISDIGIT(s[i]); i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
static int
yaml_res_base60(const char *s, size_t n)
{
	size_t i = 0;
	int groups = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= n || !YAML_ISDIGIT(s[i]))
		return 0;
	for (i++; i < n && (YAML_ISDIGIT(s[i]) || s[i] == '_'); i++)
		;
	while (i < n && s[i] == ':') {
		i++;
		if (i >= n || !YAML_ISDIGIT(s[i]))
			return 0;
		if (s[i] <= '5' && i + 1 < n && YAML_ISDIGIT(s[i + 1]))
			i += 2;
		else
			i++;
		groups++;
	}
	if (groups == 0)
		return 0;
	if (i < n && s[i] == '.')
		for (i++; i < n && (YAML_ISDIGIT(s[i]) || s[i] == '_'); i++)
			;
	return i == n;
}

/* Go's time getnum(s, false): one digit, or two when two are there. */
static int
yaml_res_getnum(const char *s, size_t n, size_t *i, int *out)
{
	if (*i >= n || !YAML_ISDIGIT(s[*i]))
		return 0;
	*out = s[(*i)++] - '0';
	if (*i < n && YAML_ISDIGIT(s[*i]))
		*out = *out * 10 + (s[(*i)++] - '0');
	return 1;
}

/*
 * go-yaml v2's parseTimestamp: "2006-1-2T15:4:5.999999999Z07:00" (also
 * with 't'), "2006-1-2 15:4:5.999999999" and "2006-1-2".
 */
static int
yaml_res_timestamp(const char *s, size_t n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	size_t i;
	int y = 0, mo, d, h, mi, se, max;
	char c;

	for (i = 0; i < n && i < 5 && YAML_ISDIGIT(s[i]); i++)
		y = y * 10 + (s[i] - '0');
	if (i != 4 || i == n || s[i] != '-')
		return 0;
	i++;
	if (!yaml_res_getnum(s, n, &i, &mo) || mo < 1 || mo > 12)
		return 0;
	if (i >= n || s[i++] != '-')
		return 0;
	if (!yaml_res_getnum(s, n, &i, &d) || d < 1)
		return 0;
	max = mdays[mo - 1];
	if (mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		max = 29;
	if (d > max)
		return 0;
	if (i == n)
		return 1;
	c = s[i++];
	if (c != 'T' && c != 't' && c != ' ')
		return 0;
	if (!yaml_res_getnum(s, n, &i, &h) || h > 23 ||
	    i >= n || s[i++] != ':' ||
	    !yaml_res_getnum(s, n, &i, &mi) || mi > 59 ||
	    i >= n || s[i++] != ':' ||
	    !yaml_res_getnum(s, n, &i, &se) || se > 59)
		return 0;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && YAML_ISDIGIT(s[i + 1]))
		for (i++; i < n && YAML_ISDIGIT(s[i]); i++)
			;
	if (c == ' ')
		return i == n;
	if (i < n && s[i] == 'Z')
		return i + 1 == n;
	return n - i == 6 && (s[i] == '+' || s[i] == '-') &&
	    YAML_ISDIGIT(s[i + 1]) && YAML_ISDIGIT(s[i + 2]) &&
	    s[i + 3] == ':' && YAML_ISDIGIT(s[i + 4]) && YAML_ISDIGIT(s[i + 5]);
}

/*
 * Go's strconv.ParseUint(s, 0, 64): 0 ok, -1 syntax, -2 out of range (*d
 * then holds an approximation, as big.Int would read it).
 */
static int
yaml_res_uint(const char *s, unsigned long long *out, double *d)
{
	unsigned long long v = 0;
	size_t n = strlen(s);
	int base = 10, range = 0;
	unsigned dig;

	*d = 0;
	if (n == 0)
		return -1;
	if (s[0] == '0') {
		if (n >= 3 && (s[1] | 0x20) == 'b')
			base = 2, s += 2;
		else if (n >= 3 && (s[1] | 0x20) == 'o')
			base = 8, s += 2;
		else if (n >= 3 && (s[1] | 0x20) == 'x')
			base = 16, s += 2;
		else
			base = 8, s += 1;
	}
	for (; *s != '\0'; s++) {
		if (YAML_ISDIGIT(*s))
			dig = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
			dig = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			return -1;
		if (dig >= (unsigned)base)
			return -1;
		*d = *d * base + dig;
		if (v > (ULLONG_MAX - dig) / (unsigned)base)
			range = 1;
		v = v * (unsigned)base + dig;
	}
	*out = v;
	return range ? -2 : 0;
}

/* Go's strconv.ParseInt(s, 0, 64). */
static int
yaml_res_int(const char *s, long long *out)
{
	unsigned long long u;
	double d;
	int neg = 0, r;

	if (s[0] == '+' || s[0] == '-')
		neg = *s++ == '-';
	if ((r = yaml_res_uint(s, &u, &d)) < 0)
		return r;
	if (neg) {
		if (u > (unsigned long long)INT64_MAX + 1)
			return -2;
		*out = u == (unsigned long long)INT64_MAX + 1 ? INT64_MIN :
		    -(long long)u;
	} else {
		if (u > INT64_MAX)
			return -2;
		*out = (long long)u;
	}
	return 0;
}

/* Resolves an untagged plain scalar as go-yaml v2's resolve("", s). */
static int
yaml_res_plain(const char *s, size_t n, struct yaml_sc *sc)
{
	unsigned long long u;
	size_t i, j;
	double d;
	char *tmp;
	int hint, r;

	memset(sc, 0, sizeof *sc);
	sc->kind = YAML_K_STR;
	hint = n ? yaml_res_hint((unsigned char)s[0]) : 'N';
	if (hint == 0)
		return 0;
	for (i = 0; i < sizeof yaml_words / sizeof yaml_words[0]; i++) {
		if (strlen(yaml_words[i].word) == n &&
		    memcmp(yaml_words[i].word, s, n) == 0) {
			sc->kind = yaml_words[i].kind;
			sc->b = yaml_words[i].b;
			return 0;
		}
	}
	if (hint == 'M' || memchr(s, '\0', n) != NULL)
		return 0;
	if ((tmp = malloc(n + 1)) == NULL)
		return -1;
	if (hint == '.') {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		if (yaml_res_isfloat(s, n) && isfinite(d = strtod(tmp, NULL))) {
			sc->kind = YAML_K_FLOAT;
			sc->d = d;
		}
		goto out;
	}
	if (yaml_res_timestamp(s, n)) {
		sc->timestamp = 1;
		goto out;
	}
	for (i = j = 0; i < n; i++)
		if (s[i] != '_')
			tmp[j++] = s[i];
	tmp[j] = '\0';
	if (yaml_res_int(tmp, &sc->i) == 0) {
		sc->kind = YAML_K_INT;
		goto out;
	}
	r = yaml_res_uint(tmp, &u, &d);
	if (r == 0) {
		sc->kind = YAML_K_BIG;
		sc->d = (double)u;
		goto out;
	}
	if (yaml_res_isfloat(tmp, j) && isfinite(sc->d = strtod(tmp, NULL))) {
		sc->kind = YAML_K_FLOAT;
		goto out;
	}
	if (r == -2) {
		sc->kind = YAML_K_BIG;
		sc->d = d;
	}
out:
	free(tmp);
	return 0;
}

/* Go's strconv.FormatFloat(v, 'g', -1, bits32 ? 32 : 64). */
static void
yaml_fmt_float(char *dst, size_t size, double v, int bits32)
{
	char tmp[64], digs[32], *e;
	int p, nd = 0, dp, exp, i, neg, k = 0;
	float f = (float)v;

	if (bits32)
		v = f;
	if (isinf(v) || isnan(v)) {
		snprintf(dst, size, "%s", isnan(v) ? "NaN" : v < 0 ? "-Inf" :
		    "+Inf");
		return;
	}
	if (v == 0) {
		snprintf(dst, size, "%s", signbit(v) ? "-0" : "0");
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
		if (bits32 ? strtof(tmp, NULL) == f : strtod(tmp, NULL) == v)
			break;
	}
	neg = tmp[0] == '-';
	for (i = neg; tmp[i] != 'e' && tmp[i] != '\0'; i++)
		if (YAML_ISDIGIT(tmp[i]) && nd < (int)sizeof digs - 1)
			digs[nd++] = tmp[i];
	exp = tmp[i] == 'e' ? (int)strtol(tmp + i + 1, &e, 10) : 0;
	while (nd > 1 && digs[nd - 1] == '0')
		nd--;
	dp = exp + 1;
	if (neg)
		tmp[k++] = '-';
	if (exp < -4 || exp >= 6) {
		tmp[k++] = digs[0];
		if (nd > 1) {
			tmp[k++] = '.';
			for (i = 1; i < nd; i++)
				tmp[k++] = digs[i];
		}
		tmp[k] = '\0';
		snprintf(dst, size, "%se%c%02d", tmp, exp < 0 ? '-' : '+',
		    exp < 0 ? -exp : exp);
		return;
	}
	if (dp > 0) {
		for (i = 0; i < dp; i++)
			tmp[k++] = i < nd ? digs[i] : '0';
	} else
		tmp[k++] = '0';
	if (nd > dp) {
		tmp[k++] = '.';
		for (i = dp; i < 0; i++)
			tmp[k++] = '0';
		for (i = dp > 0 ? dp : 0; i < nd; i++)
			tmp[k++] = digs[i];
	}
	tmp[k] = '\0';
	snprintf(dst, size, "%s", tmp);
}

/* ---- reading ---- */

struct yaml_frame {
	json_t		*v;		/* the array or object being filled */
	char		*anchor;	/* registered when the node ends */
	json_t		*key;		/* object: key waiting for its value */
	int		 haskey;
	int		 merge;		/* the waiting key is "<<" */
	size_t		 line;		/* where the node starts (0-based) */
	/* looking for duplicate keys (yaml_dup_keys) */
	json_t		*seen;		/* the explicit keys so far */
	char		*keyfmt;	/* the waiting key as go's %#v */
	int		 dupkey;	/* ... and it was seen before */
};

struct yaml_rd {
	yaml_parser_t	 p;
	struct err	*err;
	const char	*data;
	size_t		 len;
	json_t		*docs;		/* every non-empty document */
	json_t		*anchors;	/* name -> value (or pending) */
	json_t		*pending;	/* marks anchors whose node is open */
	size_t		 aliased;	/* nodes copied through aliases */
	json_t		*root;
	int		 syntax;	/* the error came from libyaml */
	int		 depth;
	struct buf	*dups;		/* yaml_dup_keys: the report */
	int		 ndups;
	struct yaml_frame st[YAML_MAX_DEPTH];
};

static int
yaml_rd_err(struct yaml_rd *r, const yaml_event_t *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
yaml_rd_err(struct yaml_rd *r, const yaml_event_t *ev, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(r->err, ERR_BAD_REQUEST, "yaml: line %zu: %s",
	    ev->start_mark.line + 1, msg);
}

static int
yaml_rd_nomem(struct yaml_rd *r)
{
	return err_set(r->err, ERR_INTERNAL, "yaml: out of memory");
}

static int
yaml_rd_fail(struct yaml_rd *r)
{
	yaml_parser_t *p = &r->p;
	const char *what = p->problem ? p->problem :
	    "unknown problem parsing YAML content";
	size_t line = 0, i;

	if (p->error == YAML_MEMORY_ERROR)
		return yaml_rd_nomem(r);
	r->syntax = 1;
	/* as go-yaml v2 counts: the marks' lines from 0, a scanner error's
	 * moved on by one, none named when that leaves 0 */
	if (p->problem_mark.line != 0)
		line = p->problem_mark.line + (p->error == YAML_SCANNER_ERROR);
	else if (p->context_mark.line != 0)
		line = p->context_mark.line + (p->error == YAML_SCANNER_ERROR);
	if (p->error == YAML_READER_ERROR) {
		line = 1;
		for (i = 0; i < p->problem_offset && i < r->len; i++)
			if (r->data[i] == '\n')
				line++;
	}
	if (line == 0)
		return err_set(r->err, ERR_BAD_REQUEST, "yaml: %s", what);
	return err_set(r->err, ERR_BAD_REQUEST, "yaml: line %zu: %s", line,
	    what);
}

/* Nodes and depth of v, counting stops past limit. */
static void
yaml_measure(const json_t *v, size_t limit, size_t *nodes, int *depth)
{
	const char *k;
	json_t *c;
	size_t i;
	int d, max = 0;

	(*nodes)++;
	*depth = 0;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, c) {
			if (*nodes > limit)
				break;
			yaml_measure(c, limit, nodes, &d);
			if (d > max)
				max = d;
		}
		*depth = max + 1;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, c) {
			if (*nodes > limit)
				break;
			yaml_measure(c, limit, nodes, &d);
			if (d > max)
				max = d;
		}
		*depth = max + 1;
	}
}

/* Resolves a scalar event with its tag; quoted scalars are strings. */
static int
yaml_rd_resolve(struct yaml_rd *r, const yaml_event_t *ev, struct yaml_sc *sc)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag, *want, *got;
	size_t n = ev->data.scalar.length;

	memset(sc, 0, sizeof *sc);
	sc->kind = YAML_K_STR;
	if (tag == NULL && !ev->data.scalar.plain_implicit)
		return 0;
	if (tag == NULL || *tag == '\0')
		return yaml_res_plain(s, n, sc) < 0 ? yaml_rd_nomem(r) : 0;
	if (strncmp(tag, YAML_TAG_PREFIX, strlen(YAML_TAG_PREFIX)) != 0)
		return 0;
	want = tag + strlen(YAML_TAG_PREFIX);
	if (strcmp(want, "bool") != 0 && strcmp(want, "int") != 0 &&
	    strcmp(want, "float") != 0 && strcmp(want, "null") != 0 &&
	    strcmp(want, "timestamp") != 0)
		return 0;	/* !!str, !!binary, others: the text */
	if (yaml_res_plain(s, n, sc) < 0)
		return yaml_rd_nomem(r);
	switch (sc->kind) {
	case YAML_K_NULL:
		got = "null";
		break;
	case YAML_K_BOOL:
		got = "bool";
		break;
	case YAML_K_INT:
	case YAML_K_BIG:
		got = "int";
		break;
	case YAML_K_STR:
		got = sc->timestamp ? "timestamp" : "str";
		break;
	default:
		got = "float";
		break;
	}
	if (strcmp(want, got) == 0)
		return 0;
	if (strcmp(want, "float") == 0 && sc->kind == YAML_K_INT) {
		sc->kind = YAML_K_FLOAT;
		sc->d = (double)sc->i;
		return 0;
	}
	if (strcmp(want, "float") == 0 && sc->kind == YAML_K_BIG) {
		sc->kind = YAML_K_FLOAT;
		return 0;
	}
	return yaml_rd_err(r, ev, "cannot decode !!%s `%.*s` as a !!%s", got,
	    (int)(n > 200 ? 200 : n), s, want);
}

/* A mapping key as sigs.k8s.io/yaml writes it into JSON. */
static json_t *
yaml_rd_keystr(struct yaml_rd *r, const yaml_event_t *ev, const json_t *v)
{
	char num[64];
	json_t *k;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if (memchr(json_string_value(v), '\0',
		    json_string_length(v)) != NULL) {
			/* jansson's own reader refuses these too */
			yaml_rd_err(r, ev, "NUL byte in a map key is not "
			    "supported");
			return NULL;
		}
		k = json_stringn(json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%lld",
		    (long long)json_integer_value(v));
		k = json_string(num);
		break;
	case JSON_REAL:
		yaml_fmt_float(num, sizeof num, json_real_value(v), 1);
		if (strcmp(num, "+Inf") == 0)
			snprintf(num, sizeof num, ".inf");
		else if (strcmp(num, "-Inf") == 0)
			snprintf(num, sizeof num, "-.inf");
		k = json_string(num);
		break;
	case JSON_TRUE:
		k = json_string("true");
		break;
	case JSON_FALSE:
		k = json_string("false");
		break;
	case JSON_NULL:
		yaml_rd_err(r, ev, "unsupported map key: null");
		return NULL;
	default:
		yaml_rd_err(r, ev, "invalid map key: a %s",
		    json_is_object(v) ? "mapping" : "sequence");
		return NULL;
	}
	if (k == NULL)
		yaml_rd_nomem(r);
	return k;
}

/* The JSON value of a resolved scalar; NULL with err set on failure. */
static json_t *
yaml_rd_value(struct yaml_rd *r, const yaml_event_t *ev,
    const struct yaml_sc *sc)
{
	json_t *v = NULL;

	switch (sc->kind) {
	case YAML_K_STR:
		v = json_stringn((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		break;
	case YAML_K_NULL:
		v = json_null();
		break;
	case YAML_K_BOOL:
		v = json_boolean(sc->b);
		break;
	case YAML_K_INT:
		v = json_integer(sc->i);
		break;
	case YAML_K_BIG:
	case YAML_K_FLOAT:
		v = json_real(sc->d);
		break;
	case YAML_K_INF:
	case YAML_K_NINF:
	case YAML_K_NAN:
		yaml_rd_err(r, ev, "%s cannot be represented in JSON",
		    (const char *)ev->data.scalar.value);
		return NULL;
	}
	if (v == NULL)
		yaml_rd_nomem(r);
	return v;
}

static int
yaml_rd_anchor(struct yaml_rd *r, const char *name, json_t *v)
{
	if (name == NULL)
		return 0;
	if (json_object_set(r->anchors, name, v) < 0)
		return yaml_rd_nomem(r);
	return 0;
}

/* go-yaml v2's merge: a mapping, or a sequence of them, earlier wins. */
static int
yaml_rd_merge(struct yaml_rd *r, const yaml_event_t *ev, json_t *into,
    json_t *v)
{
	const char *k;
	size_t kl, i;
	json_t *c, *m, *all;
	int rc;

	if (json_is_object(v)) {
		json_object_keylen_foreach(v, k, kl, c) {
			if (json_object_setn(into, k, kl, c) < 0)
				return yaml_rd_nomem(r);
		}
		return 0;
	}
	if (json_is_array(v)) {
		/* in document order, a key already taken is kept */
		if ((all = json_object()) == NULL)
			return yaml_rd_nomem(r);
		json_array_foreach(v, i, m) {
			if (!json_is_object(m)) {
				json_decref(all);
				return yaml_rd_err(r, ev, "map merge requires "
				    "map or sequence of maps as the value");
			}
			json_object_keylen_foreach(m, k, kl, c) {
				if (json_object_getn(all, k, kl) == NULL &&
				    json_object_setn(all, k, kl, c) < 0) {
					json_decref(all);
					return yaml_rd_nomem(r);
				}
			}
		}
		rc = yaml_rd_merge(r, ev, into, all);
		json_decref(all);
		return rc;
	}
	return yaml_rd_err(r, ev,
	    "map merge requires map or sequence of maps as the value");
}

/* Records a repeated key, as go-yaml's setMapIndex in strict mode: on
 * the line of the value, once the value is decoded. */
static void
yaml_rd_dup(struct yaml_rd *r, struct yaml_frame *f, size_t line)
{
	if (r->dups == NULL || !f->dupkey || r->ndups >= YAML_MAX_DUPS ||
	    json_array_size(r->docs) > 0)
		return;
	if (buf_addf(r->dups, "line %zu: key %s already set in map\n",
	    line + 1, f->keyfmt ? f->keyfmt : "\"\"") == 0)
		r->ndups++;
}

/* Places a finished value (owned), which starts on line, where the stack
 * says. */
static int
yaml_rd_attach(struct yaml_rd *r, const yaml_event_t *ev, json_t *v,
    size_t line)
{
	struct yaml_frame *f;
	int rc;

	if (r->depth == 0) {
		r->root = v;
		return 0;
	}
	f = &r->st[r->depth - 1];
	if (json_is_array(f->v)) {
		if (json_array_append_new(f->v, v) < 0)
			return yaml_rd_nomem(r);
		return 0;
	}
	yaml_rd_dup(r, f, line);
	free(f->keyfmt);
	f->keyfmt = NULL;
	f->dupkey = 0;
	if (f->merge) {
		rc = yaml_rd_merge(r, ev, f->v, v);
		json_decref(v);
	} else {
		rc = json_object_setn_new(f->v, json_string_value(f->key),
		    json_string_length(f->key), v);
		if (rc < 0)
			yaml_rd_nomem(r);
	}
	json_decref(f->key);
	f->key = NULL;
	f->haskey = f->merge = 0;
	return rc;
}

/* True when the top of the stack is a mapping waiting for a key. */
static int
yaml_rd_wantkey(struct yaml_rd *r)
{
	struct yaml_frame *f;

	if (r->depth == 0)
		return 0;
	f = &r->st[r->depth - 1];
	return json_is_object(f->v) && !f->haskey;
}

/* Appends s as Go's strconv.Quote writes it (printable UTF-8 kept). */
static int
yaml_goquote(struct buf *b, const char *s, size_t n)
{
	static const char esc[] = "\a\b\t\n\v\f\r";
	static const char let[] = "abtnvfr";
	const char *e;
	size_t i;
	int rc = buf_addc(b, '"');

	for (i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			rc = buf_addf(b, "\\%c", c);
		else if (c != 0 && (e = strchr(esc, c)) != NULL)
			rc = buf_addf(b, "\\%c", let[e - esc]);
		else if (c < 0x20 || c == 0x7f)
			rc = buf_addf(b, "\\x%02x", c);
		else
			rc = buf_addc(b, (char)c);
	}
	return rc == 0 ? buf_addc(b, '"') : rc;
}

/* Notes the key for yaml_dup_keys: its text as go's %#v prints it and
 * whether the mapping had it before (1 and "1" are different keys). */
static int
yaml_rd_seekey(struct yaml_rd *r, struct yaml_frame *f, const json_t *v)
{
	struct buf b = BUF_INIT(1 << 20), id = BUF_INIT(1 << 20);
	int rc;

	if (f->seen == NULL && (f->seen = json_object()) == NULL)
		return yaml_rd_nomem(r);
	if (json_is_string(v))
		rc = yaml_goquote(&b, json_string_value(v),
		    json_string_length(v));
	else
		rc = buf_add(&b, json_string_value(f->key),
		    json_string_length(f->key));
	/* the identity: the key's text behind its type */
	if (rc == 0)
		rc = buf_addf(&id, "%c%s", json_is_string(v) ? 's' : 'o',
		    json_string_value(f->key));
	if (rc == 0) {
		f->dupkey = json_object_get(f->seen, buf_str(&id)) != NULL;
		if (!f->dupkey)
			rc = json_object_set_new(f->seen, buf_str(&id),
			    json_true());
	}
	buf_release(&id);
	free(f->keyfmt);
	f->keyfmt = buf_detach(&b, NULL);
	return rc < 0 ? yaml_rd_nomem(r) : 0;
}

static int
yaml_rd_setkey(struct yaml_rd *r, const yaml_event_t *ev, const json_t *v)
{
	struct yaml_frame *f = &r->st[r->depth - 1];

	if ((f->key = yaml_rd_keystr(r, ev, v)) == NULL)
		return -1;
	f->haskey = 1;
	if (r->dups != NULL)
		return yaml_rd_seekey(r, f, v);
	return 0;
}

static int
yaml_rd_scalar(struct yaml_rd *r, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *anchor = (const char *)ev->data.scalar.anchor;
	size_t n = ev->data.scalar.length;
	struct yaml_sc sc;
	json_t *v;
	int rc;

	if (r->depth == 0 && n == 0 && tag == NULL && anchor == NULL &&
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return 0;	/* an empty document */
	if (yaml_rd_wantkey(r) && ((n == 2 && memcmp(s, "<<", 2) == 0 &&
	    tag == NULL && ev->data.scalar.plain_implicit) ||
	    (tag != NULL && strcmp(tag, YAML_TAG_PREFIX "merge") == 0))) {
		r->st[r->depth - 1].haskey = 1;
		r->st[r->depth - 1].merge = 1;
		return 0;
	}
	if (yaml_rd_resolve(r, ev, &sc) < 0)
		return -1;
	if (yaml_rd_wantkey(r) && sc.kind >= YAML_K_INF)
		/* go-yaml formats such a float key as .inf, -.inf, .nan */
		v = json_string(sc.kind == YAML_K_INF ? ".inf" :
		    sc.kind == YAML_K_NINF ? "-.inf" : ".nan");
	else if ((v = yaml_rd_value(r, ev, &sc)) == NULL)
		return -1;
	if (v == NULL)
		return yaml_rd_nomem(r);
	if (yaml_rd_anchor(r, anchor, v) < 0) {
		json_decref(v);
		return -1;
	}
	if (yaml_rd_wantkey(r)) {
		if (sc.kind == YAML_K_BIG) {
			json_decref(v);
			return yaml_rd_err(r, ev, "unsupported map key: %.*s",
			    (int)(n > 200 ? 200 : n), s);
		}
		rc = yaml_rd_setkey(r, ev, v);
		json_decref(v);
		return rc;
	}
	return yaml_rd_attach(r, ev, v, ev->start_mark.line);
}

static int
yaml_rd_alias(struct yaml_rd *r, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t nodes = 0;
	json_t *v;
	int depth;

	v = json_object_get(r->anchors, name);
	if (v == NULL)
		return yaml_rd_err(r, ev, "unknown anchor '%s' referenced",
		    name);
	if (v == r->pending)
		return yaml_rd_err(r, ev, "anchor '%s' value contains itself",
		    name);
	yaml_measure(v, YAML_MAX_ALIAS_NODES, &nodes, &depth);
	r->aliased += nodes;
	if (r->aliased > YAML_MAX_ALIAS_NODES)
		return yaml_rd_err(r, ev, "document contains excessive "
		    "aliasing (more than %d nodes)", YAML_MAX_ALIAS_NODES);
	if (r->depth + depth > YAML_MAX_DEPTH)
		return yaml_rd_err(r, ev, "nesting depth exceeds the limit "
		    "of %d", YAML_MAX_DEPTH);
	if (yaml_rd_wantkey(r))
		return yaml_rd_setkey(r, ev, v);
	if ((v = json_deep_copy(v)) == NULL)
		return yaml_rd_nomem(r);
	return yaml_rd_attach(r, ev, v, ev->start_mark.line);
}

static int
yaml_rd_open(struct yaml_rd *r, const yaml_event_t *ev, int map)
{
	const char *anchor;
	struct yaml_frame *f;

	if (yaml_rd_wantkey(r))
		return yaml_rd_err(r, ev, "invalid map key: a %s",
		    map ? "mapping" : "sequence");
	if (r->depth >= YAML_MAX_DEPTH)
		return yaml_rd_err(r, ev, "nesting depth exceeds the limit "
		    "of %d", YAML_MAX_DEPTH);
	anchor = (const char *)(map ? ev->data.mapping_start.anchor :
	    ev->data.sequence_start.anchor);
	f = &r->st[r->depth];
	memset(f, 0, sizeof *f);
	f->line = ev->start_mark.line;
	if ((f->v = map ? json_object() : json_array()) == NULL)
		return yaml_rd_nomem(r);
	if (anchor != NULL && (f->anchor = strdup(anchor)) == NULL) {
		json_decref(f->v);
		return yaml_rd_nomem(r);
	}
	r->depth++;
	return yaml_rd_anchor(r, anchor, r->pending);
}

static int
yaml_rd_close(struct yaml_rd *r, const yaml_event_t *ev)
{
	struct yaml_frame f;

	if (r->depth == 0)
		return yaml_rd_err(r, ev, "unbalanced end of a collection");
	f = r->st[--r->depth];
	json_decref(f.key);
	json_decref(f.seen);
	free(f.keyfmt);
	/* unless a node inside took the name again (go-yaml: it wins) */
	if (f.anchor != NULL &&
	    json_object_get(r->anchors, f.anchor) == r->pending &&
	    yaml_rd_anchor(r, f.anchor, f.v) < 0) {
		free(f.anchor);
		json_decref(f.v);
		return -1;
	}
	free(f.anchor);
	return yaml_rd_attach(r, ev, f.v, f.line);
}

static void
yaml_rd_unwind(struct yaml_rd *r)
{
	while (r->depth > 0) {
		r->depth--;
		json_decref(r->st[r->depth].v);
		json_decref(r->st[r->depth].key);
		json_decref(r->st[r->depth].seen);
		free(r->st[r->depth].keyfmt);
		free(r->st[r->depth].anchor);
	}
	json_decref(r->root);
	r->root = NULL;
	json_object_clear(r->anchors);
}

static int
yaml_rd_event(struct yaml_rd *r, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		yaml_rd_unwind(r);
		return 0;
	case YAML_DOCUMENT_END_EVENT:
		if (r->root != NULL) {
			if (json_array_append_new(r->docs, r->root) < 0) {
				r->root = NULL;
				return yaml_rd_nomem(r);
			}
			r->root = NULL;
		}
		yaml_rd_unwind(r);
		return 0;
	case YAML_SCALAR_EVENT:
		return yaml_rd_scalar(r, ev);
	case YAML_ALIAS_EVENT:
		return yaml_rd_alias(r, ev);
	case YAML_SEQUENCE_START_EVENT:
		return yaml_rd_open(r, ev, 0);
	case YAML_MAPPING_START_EVENT:
		return yaml_rd_open(r, ev, 1);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return yaml_rd_close(r, ev);
	default:
		return 0;
	}
}

/* Feeds every event of the input to yaml_rd_event. */
static int
yaml_rd_run(struct yaml_rd *r)
{
	yaml_event_t ev;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&r->p))
		return yaml_rd_nomem(r);
	yaml_parser_set_input_string(&r->p, (const unsigned char *)r->data,
	    r->len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&r->p, &ev)) {
			rc = yaml_rd_fail(r);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = yaml_rd_event(r, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&r->p);
	return rc;
}

/* libyaml over the whole input; *docs is a new array.  With dups, the
 * repeated keys of the first document are reported there. */
static int
yaml_rd_stream(const char *data, size_t len, json_t **docs, int *syntax,
    struct buf *dups, int *ndups, struct err *err)
{
	struct yaml_rd *r;
	int rc;

	*docs = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return err_set(err, ERR_INTERNAL, "yaml: out of memory");
	r->err = err;
	r->data = data;
	r->len = len;
	r->dups = dups;
	r->docs = json_array();
	r->anchors = json_object();
	r->pending = json_object();
	if (r->docs == NULL || r->anchors == NULL || r->pending == NULL)
		rc = yaml_rd_nomem(r);
	else
		rc = yaml_rd_run(r);
	if (rc == 0) {
		*docs = r->docs;
		r->docs = NULL;
	}
	*syntax = r->syntax;
	if (ndups != NULL)
		*ndups = r->ndups;
	yaml_rd_unwind(r);
	json_decref(r->docs);
	json_decref(r->anchors);
	json_decref(r->pending);
	free(r);
	return rc;
}

/* ---- JSON fast path ---- */

static size_t
yaml_skip_blank(const char *data, size_t len, size_t i)
{
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\r' || data[i] == '\n'))
		i++;
	return i;
}

static int
yaml_json_depth(const json_t *v, struct err *err)
{
	size_t nodes = 0;
	int depth;

	yaml_measure(v, SIZE_MAX, &nodes, &depth);
	if (depth > YAML_MAX_DEPTH)
		return err_set(err, ERR_BAD_REQUEST, "json: nesting depth "
		    "exceeds the limit of %d", YAML_MAX_DEPTH);
	return 0;
}

/*
 * Every JSON value of the input: 1 done, 0 not JSON (jerr says why),
 * -1 a real error (too deep).
 */
static int
yaml_json_stream(const char *data, size_t len, int one, json_t **out,
    int *unique, char *jerr, size_t jerrsize, struct err *err)
{
	json_error_t je;
	json_t *docs, *v;
	size_t off = 0, i = 0, line = 1, bol = 0;
	int flags;

	if ((docs = json_array()) == NULL)
		return err_set(err, ERR_INTERNAL, "yaml: out of memory");
	for (;;) {
		off = yaml_skip_blank(data, len, off);
		if (off == len && json_array_size(docs) > 0)
			break;
		for (; i < off; i++)
			if (data[i] == '\n') {
				line++;
				bol = i + 1;
			}
		flags = JSON_ALLOW_NUL | (one ? 0 : JSON_DISABLE_EOF_CHECK);
		v = NULL;
		if (unique != NULL) {
			v = json_loadb(data + off, len - off, flags |
			    JSON_REJECT_DUPLICATES, &je);
			*unique = v != NULL;
		}
		if (v == NULL)
			v = json_loadb(data + off, len - off, flags, &je);
		if (v == NULL) {
			snprintf(jerr, jerrsize, "json: %s at line %zu column "
			    "%zu", je.text, je.line + line - 1, je.line == 1 ?
			    (size_t)je.column + off - bol : (size_t)je.column);
			json_decref(docs);
			return 0;
		}
		if (yaml_json_depth(v, err) < 0) {
			json_decref(v);
			json_decref(docs);
			return -1;
		}
		if (json_array_append_new(docs, v) < 0) {
			json_decref(docs);
			return err_set(err, ERR_INTERNAL,
			    "yaml: out of memory");
		}
		if (one)
			break;
		off += je.position;
	}
	*out = docs;
	return 1;
}

static int
yaml_parse(const char *data, size_t len, int one, json_t **out, int *unique,
    struct err *err)
{
	char jerr[512] = "";
	json_t *docs = NULL;
	size_t i;
	int r, syntax = 0;

	*out = NULL;
	if (len > YAML_MAX_INPUT)
		return err_set(err, ERR_TOO_LARGE, "yaml: input of %zu bytes "
		    "exceeds the limit of %zu", len, YAML_MAX_INPUT);
	i = yaml_skip_blank(data, len, 0);
	if (i < len && (data[i] == '{' || data[i] == '[')) {
		r = yaml_json_stream(data, len, one, &docs, unique, jerr,
		    sizeof jerr, err);
		if (r < 0)
			return -1;
	}
	if (docs == NULL && yaml_rd_stream(data, len, &docs, &syntax, NULL,
	    NULL, err) < 0) {
		if (syntax && jerr[0] != '\0')
			err_set(err, ERR_BAD_REQUEST, "%s", jerr);
		return -1;
	}
	if (!one) {
		*out = docs;
		return 0;
	}
	if ((i = json_array_size(docs)) != 1) {
		json_decref(docs);
		if (i == 0)
			return err_set(err, ERR_BAD_REQUEST,
			    "yaml: no document found");
		return err_set(err, ERR_BAD_REQUEST, "yaml: expected a single "
		    "document, found %zu", i);
	}
	*out = json_incref(json_array_get(docs, 0));
	json_decref(docs);
	return 0;
}

int
yaml_parse_one(const char *data, size_t len, json_t **out, struct err *err)
{
	return yaml_parse(data, len, 1, out, NULL, err);
}

int
yaml_parse_one_unique(const char *data, size_t len, json_t **out,
    int *unique, struct err *err)
{
	*unique = 0;
	return yaml_parse(data, len, 1, out, unique, err);
}

int
yaml_parse_all(const char *data, size_t len, json_t **out, struct err *err)
{
	return yaml_parse(data, len, 0, out, NULL, err);
}

int
yaml_dup_keys(const char *data, size_t len, struct buf *out, struct err *err)
{
	json_t *docs = NULL;
	int syntax = 0, n = 0;

	if (len > YAML_MAX_INPUT)
		return err_set(err, ERR_TOO_LARGE, "yaml: input of %zu bytes "
		    "exceeds the limit of %zu", len, YAML_MAX_INPUT);
	if (yaml_rd_stream(data, len, &docs, &syntax, out, &n, err) < 0)
		return -1;
	json_decref(docs);
	return n;
}

/* ---- emitting ---- */

struct yaml_wr {
	yaml_emitter_t	 e;
	struct buf	*out;
};

static int
yaml_wr_handler(void *data, unsigned char *p, size_t size)
{
	struct yaml_wr *w = data;

	return buf_add(w->out, p, size) == 0;
}

static int
yaml_wr_scalar(struct yaml_wr *w, const char *s, size_t n,
    yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)(uintptr_t)s, (int)n, 1, 1, style))
		return -1;
	return yaml_emitter_emit(&w->e, &ev) ? 0 : -1;
}

/* Whether s holds a line break other than '\n': \r, NEL, LS, PS. */
static int
yaml_wr_oddbreak(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i] == '\r')
			return 1;
		if (u[i] == 0xc2 && i + 1 < n && u[i + 1] == 0x85)
			return 1;
		if (u[i] == 0xe2 && i + 2 < n && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))
			return 1;
	}
	return 0;
}

/* go-yaml v2's stringv: the requested style, libyaml may still quote. */
static int
yaml_wr_string(struct yaml_wr *w, const char *s, size_t n)
{
	yaml_scalar_style_t style;
	struct yaml_sc sc;

	if (yaml_res_plain(s, n, &sc) < 0)
		return -1;
	if (yaml_wr_oddbreak(s, n))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (memchr(s, '\n', n) != NULL)
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (sc.kind == YAML_K_STR && !sc.timestamp &&
	    !yaml_res_base60(s, n) && !(n == 2 && memcmp(s, "<<", 2) == 0))
		style = YAML_PLAIN_SCALAR_STYLE;
	else
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return yaml_wr_scalar(w, s, n, style);
}

static int
yaml_wr_node(struct yaml_wr *w, const json_t *v, int depth)
{
	yaml_event_t ev;
	const char *k;
	char num[64];
	size_t kl, i;
	json_t *c;

	if (depth > 10000)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE) || !yaml_emitter_emit(&w->e, &ev))
			return -1;
		json_object_keylen_foreach((json_t *)v, k, kl, c) {
			if (yaml_wr_string(w, k, kl) < 0 ||
			    yaml_wr_node(w, c, depth + 1) < 0)
				return -1;
		}
		if (!yaml_mapping_end_event_initialize(&ev) ||
		    !yaml_emitter_emit(&w->e, &ev))
			return -1;
		return 0;
	case JSON_ARRAY:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(&w->e, &ev))
			return -1;
		json_array_foreach(v, i, c) {
			if (yaml_wr_node(w, c, depth + 1) < 0)
				return -1;
		}
		if (!yaml_sequence_end_event_initialize(&ev) ||
		    !yaml_emitter_emit(&w->e, &ev))
			return -1;
		return 0;
	case JSON_STRING:
		return yaml_wr_string(w, json_string_value(v),
		    json_string_length(v));
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%lld",
		    (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		yaml_fmt_float(num, sizeof num - 2, json_real_value(v), 0);
		kl = strlen(num);
		if (strspn(num, "-0123456789") == kl)	/* stays a float */
			snprintf(num + kl, sizeof num - kl, ".0");
		break;
	case JSON_TRUE:
		snprintf(num, sizeof num, "true");
		break;
	case JSON_FALSE:
		snprintf(num, sizeof num, "false");
		break;
	default:
		snprintf(num, sizeof num, "null");
		break;
	}
	return yaml_wr_scalar(w, num, strlen(num), YAML_PLAIN_SCALAR_STYLE);
}

int
yaml_emit(const json_t *v, struct buf *out)
{
	struct yaml_wr w;
	yaml_event_t ev;
	size_t mark = out->len;
	int rc = -1;

	if (!yaml_emitter_initialize(&w.e))
		return -1;
	w.out = out;
	yaml_emitter_set_output(&w.e, yaml_wr_handler, &w);
	yaml_emitter_set_unicode(&w.e, 1);
	yaml_emitter_set_width(&w.e, -1);
	yaml_emitter_set_indent(&w.e, 2);
	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
	    !yaml_emitter_emit(&w.e, &ev))
		goto out;
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
	    !yaml_emitter_emit(&w.e, &ev))
		goto out;
	if (yaml_wr_node(&w, v, 0) < 0)
		goto out;
	if (!yaml_document_end_event_initialize(&ev, 1) ||
	    !yaml_emitter_emit(&w.e, &ev))
		goto out;
	w.e.open_ended = 0;	/* as go-yaml: no "..." after the document */
	if (!yaml_stream_end_event_initialize(&ev) ||
	    !yaml_emitter_emit(&w.e, &ev))
		goto out;
	rc = 0;
out:
	yaml_emitter_delete(&w.e);
	if (rc < 0)
		buf_truncate(out, mark);
	return rc;
}
