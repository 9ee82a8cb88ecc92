/* selector.c - label selectors (string and LabelSelector forms) and field
 * selectors, following apimachinery's pkg/labels/selector.go and
 * pkg/fields/selector.go: the same grammar, the same error wording and
 * the same canonical String() (see selector.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "selector.h"

enum selector_op {
	SELECTOR_IN,
	SELECTOR_NOTIN,
	SELECTOR_EQUALS,
	SELECTOR_DOUBLE_EQUALS,
	SELECTOR_NOT_EQUALS,
	SELECTOR_GT,
	SELECTOR_LT,
	SELECTOR_EXISTS,
	SELECTOR_DOES_NOT_EXIST,
};

struct selector_req {
	char		 *key;
	enum selector_op  op;
	char		**vals;
	size_t		  nvals;
};

struct selector {
	struct selector_req	*reqs;
	size_t			 n;
	size_t			 alloc;
};

enum selector_tok {
	TOK_ERROR,
	TOK_EOS,
	TOK_CLOSE,
	TOK_COMMA,
	TOK_NOT,
	TOK_DOUBLE_EQUALS,
	TOK_EQUALS,
	TOK_GT,
	TOK_IDENT,
	TOK_IN,
	TOK_LT,
	TOK_NOT_EQUALS,
	TOK_NOTIN,
	TOK_OPEN,
};

struct selector_item {
	enum selector_tok	 tok;
	char			*lit;
};

struct selector_parser {
	struct selector_item	*items;
	size_t			 n;
	size_t			 alloc;
	size_t			 pos;
	struct buf		 msg;	/* the error, when one happened */
};

/* Parser contexts: in Values, "in" and "notin" are identifiers. */
#define SELECTOR_KEY_AND_OP	0
#define SELECTOR_VALUES		1

/* A set of strings, sorted and unique when built by the parser. */
struct selector_strs {
	char	**v;
	size_t	  n;
	size_t	  alloc;
};

static int
selector_strs_add(struct selector_strs *s, const char *str, size_t len)
{
	char **nv, *copy;

	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 4;

		if ((nv = realloc(s->v, na * sizeof *nv)) == NULL)
			return -1;
		s->v = nv;
		s->alloc = na;
	}
	if ((copy = strndup(str, len)) == NULL)
		return -1;
	s->v[s->n++] = copy;
	return 0;
}

static void
selector_strs_free(struct selector_strs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int
selector_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sets.String.List(): sorted, duplicates removed. */
static void
selector_strs_sort_unique(struct selector_strs *s)
{
	size_t i, j;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof *s->v, selector_strcmp);
	for (i = 1, j = 1; i < s->n; i++) {
		if (strcmp(s->v[i], s->v[j - 1]) == 0)
			free(s->v[i]);
		else
			s->v[j++] = s->v[i];
	}
	s->n = j;
}

/* An aggregate's messages: each once (ErrorList.ToAggregate). */
static void
selector_errs_add(struct selector_strs *errs, const char *msg)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->v[i], msg) == 0)
			return;
	selector_strs_add(errs, msg, strlen(msg));
}

/* Go's %q, close enough: escapes quotes, backslashes and control bytes. */
static void
selector_quote(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\a':
			buf_adds(b, "\\a");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\v':
			buf_adds(b, "\\v");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_addf(b, "\\x%02x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

/* strconv.ParseInt(s, 10, 64) */
static int
selector_parseint(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s[0] == '\0' || s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/*
 * labels.NewRequirement's checks; the messages of all failures go into
 * msgs (several: "[a, b]", duplicates dropped).  vals may be NULL when
 * nvals is 0 (printed as null, as Go prints a nil slice).
 */
static int
selector_check_req(const char *key, enum selector_op op, char **vals,
    size_t nvals, struct buf *out)
{
	struct selector_strs errs = { NULL, 0, 0 };
	struct buf b = BUF_INIT(0);
	char why[2048];
	int64_t iv;
	size_t i;
	int rc = 0;

	if (names_label_key(key, why, sizeof why) < 0) {
		buf_adds(&b, "key: Invalid value: ");
		selector_quote(&b, key);
		buf_addf(&b, ": %s", why);
		selector_errs_add(&errs, buf_str(&b));
		buf_reset(&b);
	}
	switch (op) {
	case SELECTOR_IN:
	case SELECTOR_NOTIN:
		if (nvals == 0)
			selector_errs_add(&errs, "values: Invalid value: null: "
			    "for 'in', 'notin' operators, values set can't be "
			    "empty");
		break;
	case SELECTOR_EQUALS:
	case SELECTOR_DOUBLE_EQUALS:
	case SELECTOR_NOT_EQUALS:
		break;
	case SELECTOR_EXISTS:
	case SELECTOR_DOES_NOT_EXIST:
		if (nvals != 0) {
			json_t *a = json_array();
			char *js;

			for (i = 0; i < nvals; i++)
				json_array_append_new(a, json_string(vals[i]));
			js = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);
			buf_addf(&b, "values: Invalid value: %s: values set "
			    "must be empty for exists and does not exist",
			    js ? js : "[]");
			free(js);
			json_decref(a);
			selector_errs_add(&errs, buf_str(&b));
			buf_reset(&b);
		}
		break;
	case SELECTOR_GT:
	case SELECTOR_LT:
		for (i = 0; i < nvals; i++) {
			if (selector_parseint(vals[i], &iv) == 0)
				continue;
			buf_addf(&b, "values[%zu]: Invalid value: ", i);
			selector_quote(&b, vals[i]);
			buf_adds(&b, ": for 'Gt', 'Lt' operators, the value "
			    "must be an integer");
			selector_errs_add(&errs, buf_str(&b));
			buf_reset(&b);
		}
		break;
	}
	for (i = 0; i < nvals; i++) {
		if (names_label_value(vals[i], why, sizeof why) == 0)
			continue;
		buf_addf(&b, "values[%zu][%s]: Invalid value: ", i, key);
		selector_quote(&b, vals[i]);
		buf_addf(&b, ": %s", why);
		selector_errs_add(&errs, buf_str(&b));
		buf_reset(&b);
	}
	if (errs.n > 0) {
		rc = -1;
		if (errs.n > 1)
			buf_addc(out, '[');
		for (i = 0; i < errs.n; i++) {
			if (i > 0)
				buf_adds(out, ", ");
			buf_adds(out, errs.v[i]);
		}
		if (errs.n > 1)
			buf_addc(out, ']');
	}
	buf_release(&b);
	selector_strs_free(&errs);
	return rc;
}

static void
selector_req_free(struct selector_req *r)
{
	size_t i;

	free(r->key);
	for (i = 0; i < r->nvals; i++)
		free(r->vals[i]);
	free(r->vals);
}

/* Takes the strings of vals (vals is emptied). */
static int
selector_add(struct selector *s, const char *key, enum selector_op op,
    struct selector_strs *vals)
{
	struct selector_req *r;

	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 4;

		if ((r = realloc(s->reqs, na * sizeof *r)) == NULL)
			return -1;
		s->reqs = r;
		s->alloc = na;
	}
	r = &s->reqs[s->n];
	if ((r->key = strdup(key)) == NULL)
		return -1;
	r->op = op;
	r->vals = vals ? vals->v : NULL;
	r->nvals = vals ? vals->n : 0;
	if (vals != NULL)
		memset(vals, 0, sizeof *vals);
	s->n++;
	return 0;
}

/* Stable sort of the requirements by key (insertion sort: few). */
static void
selector_sort(struct selector *s)
{
	struct selector_req tmp;
	size_t i, j;

	for (i = 1; i < s->n; i++) {
		tmp = s->reqs[i];
		for (j = i; j > 0 && strcmp(s->reqs[j - 1].key, tmp.key) > 0;
		    j--)
			s->reqs[j] = s->reqs[j - 1];
		s->reqs[j] = tmp;
	}
}

void
selector_free(struct selector *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		selector_req_free(&s->reqs[i]);
	free(s->reqs);
	free(s);
}

/* The lexer. */

static int
selector_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
selector_isspecial(char c)
{
	return c != '\0' && strchr("=!(),><", c) != NULL;
}

static int
selector_push(struct selector_parser *p, enum selector_tok tok,
    const char *lit, size_t len)
{
	struct selector_item *ni;

	if (p->n == p->alloc) {
		size_t na = p->alloc ? p->alloc * 2 : 16;

		if ((ni = realloc(p->items, na * sizeof *ni)) == NULL)
			return -1;
		p->items = ni;
		p->alloc = na;
	}
	if ((p->items[p->n].lit = strndup(lit, len)) == NULL)
		return -1;
	p->items[p->n++].tok = tok;
	return 0;
}

static int
selector_scan(struct selector_parser *p, const char *s)
{
	enum selector_tok tok;
	size_t i = 0, start;

	for (;;) {
		while (selector_isspace(s[i]))
			i++;
		if (s[i] == '\0')
			return selector_push(p, TOK_EOS, "", 0);
		start = i;
		if (selector_isspecial(s[i])) {
			if ((s[i] == '=' || s[i] == '!') && s[i + 1] == '=') {
				tok = s[i] == '=' ? TOK_DOUBLE_EQUALS :
				    TOK_NOT_EQUALS;
				i += 2;
			} else {
				switch (s[i]) {
				case '=': tok = TOK_EQUALS; break;
				case '!': tok = TOK_NOT; break;
				case '(': tok = TOK_OPEN; break;
				case ')': tok = TOK_CLOSE; break;
				case ',': tok = TOK_COMMA; break;
				case '>': tok = TOK_GT; break;
				default: tok = TOK_LT; break;
				}
				i++;
			}
		} else {
			while (s[i] != '\0' && !selector_isspecial(s[i]) &&
			    !selector_isspace(s[i]))
				i++;
			tok = TOK_IDENT;
			if (i - start == 2 && memcmp(s + start, "in", 2) == 0)
				tok = TOK_IN;
			else if (i - start == 5 &&
			    memcmp(s + start, "notin", 5) == 0)
				tok = TOK_NOTIN;
		}
		if (selector_push(p, tok, s + start, i - start) < 0)
			return -1;
	}
}

/* The parser. */

static enum selector_tok
selector_map(enum selector_tok tok, int ctx)
{
	if (ctx == SELECTOR_VALUES && (tok == TOK_IN || tok == TOK_NOTIN))
		return TOK_IDENT;
	return tok;
}

static enum selector_tok
selector_lookahead(struct selector_parser *p, int ctx, const char **lit)
{
	struct selector_item *it = &p->items[p->pos];

	if (lit != NULL)
		*lit = it->lit;
	return selector_map(it->tok, ctx);
}

static enum selector_tok
selector_consume(struct selector_parser *p, int ctx, const char **lit)
{
	enum selector_tok tok = selector_lookahead(p, ctx, lit);

	if (p->pos + 1 < p->n)
		p->pos++;
	return tok;
}

static int
selector_fail(struct selector_parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
selector_fail(struct selector_parser *p, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&p->msg);
	va_start(ap, fmt);
	buf_vaddf(&p->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* parseIdentifiersList: after "(". */
static int
selector_parse_idlist(struct selector_parser *p, struct selector_strs *vals)
{
	enum selector_tok tok, tok2;
	const char *lit, *lit2;

	for (;;) {
		tok = selector_consume(p, SELECTOR_VALUES, &lit);
		switch (tok) {
		case TOK_IDENT:
			if (selector_strs_add(vals, lit, strlen(lit)) < 0)
				return selector_fail(p, "%s", "out of memory");
			tok2 = selector_lookahead(p, SELECTOR_VALUES, &lit2);
			if (tok2 == TOK_COMMA)
				continue;
			if (tok2 == TOK_CLOSE)
				return 0;
			return selector_fail(p, "found '%s', expected: ',' or "
			    "')'", lit2);
		case TOK_COMMA:
			if (vals->n == 0)
				selector_strs_add(vals, "", 0);
			tok2 = selector_lookahead(p, SELECTOR_VALUES, NULL);
			if (tok2 == TOK_CLOSE) {
				selector_strs_add(vals, "", 0);
				return 0;
			}
			if (tok2 == TOK_COMMA)
				selector_strs_add(vals, "", 0);
			break;
		default:
			return selector_fail(p, "found '%s', expected: ',', or "
			    "identifier", lit);
		}
	}
}

static int
selector_parse_values(struct selector_parser *p, struct selector_strs *vals)
{
	enum selector_tok tok;
	const char *lit;

	tok = selector_consume(p, SELECTOR_VALUES, &lit);
	if (tok != TOK_OPEN)
		return selector_fail(p, "found '%s' expected: '('", lit);
	tok = selector_lookahead(p, SELECTOR_VALUES, &lit);
	switch (tok) {
	case TOK_IDENT:
	case TOK_COMMA:
		if (selector_parse_idlist(p, vals) < 0)
			return -1;
		if (selector_consume(p, SELECTOR_VALUES, NULL) != TOK_CLOSE)
			return selector_fail(p, "found '%s', expected: ')'",
			    lit);
		return 0;
	case TOK_CLOSE:
		selector_consume(p, SELECTOR_VALUES, NULL);
		selector_strs_add(vals, "", 0);
		return 0;
	default:
		return selector_fail(p, "found '%s', expected: ',', ')' or "
		    "identifier", lit);
	}
}

static int
selector_parse_exact(struct selector_parser *p, struct selector_strs *vals)
{
	enum selector_tok tok;
	const char *lit;

	tok = selector_lookahead(p, SELECTOR_VALUES, NULL);
	if (tok == TOK_EOS || tok == TOK_COMMA)
		return selector_strs_add(vals, "", 0);
	tok = selector_consume(p, SELECTOR_VALUES, &lit);
	if (tok == TOK_IDENT)
		return selector_strs_add(vals, lit, strlen(lit));
	return selector_fail(p, "found '%s', expected: identifier", lit);
}

static int
selector_parse_req(struct selector_parser *p, struct selector *sel)
{
	struct selector_strs vals = { NULL, 0, 0 };
	enum selector_tok tok;
	enum selector_op op = SELECTOR_EXISTS;
	const char *lit, *key;
	char why[2048];
	int have_op = 0, rc = -1;

	tok = selector_consume(p, SELECTOR_VALUES, &lit);
	if (tok == TOK_NOT) {
		op = SELECTOR_DOES_NOT_EXIST;
		have_op = 1;
		tok = selector_consume(p, SELECTOR_VALUES, &lit);
	}
	if (tok != TOK_IDENT)
		return selector_fail(p, "found '%s', expected: identifier",
		    lit);
	key = lit;
	if (names_label_key(key, why, sizeof why) < 0) {
		buf_reset(&p->msg);
		buf_adds(&p->msg, "<nil>: Invalid value: ");
		selector_quote(&p->msg, key);
		buf_addf(&p->msg, ": %s", why);
		return -1;
	}
	tok = selector_lookahead(p, SELECTOR_VALUES, NULL);
	if (!have_op && (tok == TOK_EOS || tok == TOK_COMMA)) {
		op = SELECTOR_EXISTS;
		have_op = 1;
	}
	if (!have_op) {
		tok = selector_consume(p, SELECTOR_KEY_AND_OP, &lit);
		switch (tok) {
		case TOK_IN: op = SELECTOR_IN; break;
		case TOK_EQUALS: op = SELECTOR_EQUALS; break;
		case TOK_DOUBLE_EQUALS: op = SELECTOR_DOUBLE_EQUALS; break;
		case TOK_GT: op = SELECTOR_GT; break;
		case TOK_LT: op = SELECTOR_LT; break;
		case TOK_NOTIN: op = SELECTOR_NOTIN; break;
		case TOK_NOT_EQUALS: op = SELECTOR_NOT_EQUALS; break;
		default:
			return selector_fail(p, "found '%s', expected: in, "
			    "notin, =, ==, !=, gt, lt", lit);
		}
		if (op == SELECTOR_IN || op == SELECTOR_NOTIN)
			rc = selector_parse_values(p, &vals);
		else
			rc = selector_parse_exact(p, &vals);
		if (rc < 0)
			goto out;
		selector_strs_sort_unique(&vals);
	}
	buf_reset(&p->msg);
	if (selector_check_req(key, op, vals.v, vals.n, &p->msg) < 0) {
		rc = -1;
		goto out;
	}
	rc = selector_add(sel, key, op, &vals);
	if (rc < 0)
		selector_fail(p, "%s", "out of memory");
out:
	selector_strs_free(&vals);
	return rc;
}

int
selector_parse(const char *s, struct selector **out, struct err *err)
{
	struct selector_parser p;
	struct selector *sel;
	enum selector_tok tok;
	const char *lit;
	size_t i;
	int rc = -1;

	*out = NULL;
	memset(&p, 0, sizeof p);
	buf_init(&p.msg, 4096);
	if ((sel = calloc(1, sizeof *sel)) == NULL ||
	    selector_scan(&p, s ? s : "") < 0) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	for (;;) {
		tok = selector_lookahead(&p, SELECTOR_VALUES, &lit);
		if (tok == TOK_EOS)
			break;
		if (tok != TOK_IDENT && tok != TOK_NOT) {
			err_set(err, ERR_BAD_REQUEST, "found '%s', expected: !, "
			    "identifier, or 'end of string'", lit);
			goto out;
		}
		if (selector_parse_req(&p, sel) < 0) {
			err_set(err, ERR_BAD_REQUEST,
			    "unable to parse requirement: %s", buf_str(&p.msg));
			goto out;
		}
		tok = selector_consume(&p, SELECTOR_VALUES, &lit);
		if (tok == TOK_EOS)
			break;
		if (tok != TOK_COMMA) {
			err_set(err, ERR_BAD_REQUEST, "found '%s', expected: ',' "
			    "or 'end of string'", lit);
			goto out;
		}
		tok = selector_lookahead(&p, SELECTOR_VALUES, &lit);
		if (tok != TOK_IDENT && tok != TOK_NOT) {
			err_set(err, ERR_BAD_REQUEST, "found '%s', expected: "
			    "identifier after ','", lit);
			goto out;
		}
	}
	selector_sort(sel);
	*out = sel;
	sel = NULL;
	rc = 0;
out:
	for (i = 0; i < p.n; i++)
		free(p.items[i].lit);
	free(p.items);
	buf_release(&p.msg);
	selector_free(sel);
	return rc;
}

/* The LabelSelector form. */

static int
selector_json_req(struct selector *sel, const char *key, enum selector_op op,
    struct selector_strs *vals, struct err *err)
{
	struct buf msg = BUF_INIT(4096);
	int rc;

	if (selector_check_req(key, op, vals->v, vals->n, &msg) < 0) {
		err_set(err, ERR_BAD_REQUEST, "%s", buf_str(&msg));
		buf_release(&msg);
		return -1;
	}
	buf_release(&msg);
	rc = selector_add(sel, key, op, vals);
	if (rc < 0)
		err_set(err, ERR_INTERNAL, "out of memory");
	return rc;
}

int
selector_from_json(const json_t *js, struct selector **out, struct err *err)
{
	struct selector_strs vals = { NULL, 0, 0 };
	struct selector *sel;
	const json_t *ml, *me, *expr, *v, *opj;
	const char *key, *opname;
	enum selector_op op;
	struct buf b = BUF_INIT(4096);
	size_t i, j;
	int rc = -1;

	*out = NULL;
	if ((sel = calloc(1, sizeof *sel)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (js == NULL || json_is_null(js))
		goto done;
	if (!json_is_object(js)) {
		err_set(err, ERR_BAD_REQUEST, "a label selector must be an "
		    "object");
		goto out;
	}
	ml = json_object_get(js, "matchLabels");
	if (ml != NULL && !json_is_null(ml) && !json_is_object(ml)) {
		err_set(err, ERR_BAD_REQUEST, "matchLabels must be an object");
		goto out;
	}
	json_object_foreach((json_t *)ml, key, v) {
		if (!json_is_string(v)) {
			err_set(err, ERR_BAD_REQUEST, "matchLabels values must "
			    "be strings");
			goto out;
		}
		selector_strs_add(&vals, json_string_value(v),
		    json_string_length(v));
		if (selector_json_req(sel, key, SELECTOR_EQUALS, &vals,
		    err) < 0)
			goto out;
	}
	me = json_object_get(js, "matchExpressions");
	if (me != NULL && !json_is_null(me) && !json_is_array(me)) {
		err_set(err, ERR_BAD_REQUEST, "matchExpressions must be an "
		    "array");
		goto out;
	}
	json_array_foreach(me, i, expr) {
		key = json_string_value(json_object_get(expr, "key"));
		opj = json_object_get(expr, "operator");
		opname = json_is_string(opj) ? json_string_value(opj) : "";
		if (strcmp(opname, "In") == 0)
			op = SELECTOR_IN;
		else if (strcmp(opname, "NotIn") == 0)
			op = SELECTOR_NOTIN;
		else if (strcmp(opname, "Exists") == 0)
			op = SELECTOR_EXISTS;
		else if (strcmp(opname, "DoesNotExist") == 0)
			op = SELECTOR_DOES_NOT_EXIST;
		else {
			selector_quote(&b, opname);
			err_set(err, ERR_BAD_REQUEST, "%s is not a valid label "
			    "selector operator", buf_str(&b));
			goto out;
		}
		json_array_foreach(json_object_get(expr, "values"), j, v) {
			if (!json_is_string(v)) {
				err_set(err, ERR_BAD_REQUEST, "matchExpressions "
				    "values must be strings");
				goto out;
			}
			selector_strs_add(&vals, json_string_value(v),
			    json_string_length(v));
		}
		if (selector_json_req(sel, key ? key : "", op, &vals, err) < 0)
			goto out;
	}
	selector_sort(sel);
done:
	*out = sel;
	sel = NULL;
	rc = 0;
out:
	buf_release(&b);
	selector_strs_free(&vals);
	selector_free(sel);
	return rc;
}

int
selector_from_map(const json_t *map, struct selector **out, struct err *err)
{
	struct selector_strs vals = { NULL, 0, 0 };
	struct selector *sel;
	const char *key;
	json_t *v;

	*out = NULL;
	if ((sel = calloc(1, sizeof *sel)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (map != NULL && !json_is_null(map) && !json_is_object(map))
		goto bad;
	json_object_foreach((json_t *)map, key, v) {
		if (!json_is_string(v))
			goto bad;
		if (selector_strs_add(&vals, json_string_value(v),
		    json_string_length(v)) < 0 ||
		    selector_add(sel, key, SELECTOR_EQUALS, &vals) < 0) {
			selector_strs_free(&vals);
			selector_free(sel);
			return err_set(err, ERR_INTERNAL, "out of memory");
		}
	}
	selector_sort(sel);
	*out = sel;
	return 0;
bad:
	selector_free(sel);
	return err_set(err, ERR_BAD_REQUEST, "a selector must be a map of "
	    "strings");
}

/* Matching. */

static const char *
selector_label(const json_t *labels, const char *key)
{
	return json_string_value(json_object_get(labels, key));
}

static int
selector_has(const struct selector_req *r, const char *v)
{
	size_t i;

	for (i = 0; i < r->nvals; i++)
		if (strcmp(r->vals[i], v) == 0)
			return 1;
	return 0;
}

static int
selector_req_matches(const struct selector_req *r, const json_t *labels)
{
	const char *v = selector_label(labels, r->key);
	int64_t lv, rv;

	switch (r->op) {
	case SELECTOR_IN:
	case SELECTOR_EQUALS:
	case SELECTOR_DOUBLE_EQUALS:
		return v != NULL && selector_has(r, v);
	case SELECTOR_NOTIN:
	case SELECTOR_NOT_EQUALS:
		return v == NULL || !selector_has(r, v);
	case SELECTOR_EXISTS:
		return v != NULL;
	case SELECTOR_DOES_NOT_EXIST:
		return v == NULL;
	case SELECTOR_GT:
	case SELECTOR_LT:
		if (v == NULL || r->nvals != 1 ||
		    selector_parseint(v, &lv) < 0 ||
		    selector_parseint(r->vals[0], &rv) < 0)
			return 0;
		return r->op == SELECTOR_GT ? lv > rv : lv < rv;
	}
	return 0;
}

int
selector_matches(const struct selector *s, const json_t *labels)
{
	size_t i;

	if (s == NULL)
		return 1;
	if (labels != NULL && !json_is_object(labels))
		labels = NULL;
	for (i = 0; i < s->n; i++)
		if (!selector_req_matches(&s->reqs[i], labels))
			return 0;
	return 1;
}

int
selector_empty(const struct selector *s)
{
	return s == NULL || s->n == 0;
}

int
selector_string(const struct selector *s, struct buf *out)
{
	static const char *ops[] = {
		[SELECTOR_IN] = " in ", [SELECTOR_NOTIN] = " notin ",
		[SELECTOR_EQUALS] = "=", [SELECTOR_DOUBLE_EQUALS] = "==",
		[SELECTOR_NOT_EQUALS] = "!=", [SELECTOR_GT] = ">",
		[SELECTOR_LT] = "<", [SELECTOR_EXISTS] = "",
		[SELECTOR_DOES_NOT_EXIST] = "",
	};
	const struct selector_req *r;
	char **sorted = NULL;
	size_t i, j;
	int paren, rc = 0;

	for (i = 0; s != NULL && i < s->n && rc == 0; i++) {
		r = &s->reqs[i];
		if (i > 0)
			rc |= buf_addc(out, ',');
		if (r->op == SELECTOR_DOES_NOT_EXIST)
			rc |= buf_addc(out, '!');
		rc |= buf_adds(out, r->key);
		if (r->op == SELECTOR_EXISTS || r->op == SELECTOR_DOES_NOT_EXIST)
			continue;
		rc |= buf_adds(out, ops[r->op]);
		paren = r->op == SELECTOR_IN || r->op == SELECTOR_NOTIN;
		if (paren)
			rc |= buf_addc(out, '(');
		if (r->nvals > 0) {
			sorted = malloc(r->nvals * sizeof *sorted);
			if (sorted == NULL)
				return -1;
			memcpy(sorted, r->vals, r->nvals * sizeof *sorted);
			qsort(sorted, r->nvals, sizeof *sorted,
			    selector_strcmp);
			for (j = 0; j < r->nvals; j++) {
				if (j > 0)
					rc |= buf_addc(out, ',');
				rc |= buf_adds(out, sorted[j]);
			}
			free(sorted);
			sorted = NULL;
		}
		if (paren)
			rc |= buf_addc(out, ')');
	}
	return rc ? -1 : 0;
}

/* Field selectors. */

struct fieldsel_term {
	char	*field;
	char	*value;
	int	 neg;
};

struct fieldsel {
	struct fieldsel_term	*t;
	size_t			 n;
};

void
fieldsel_free(struct fieldsel *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->t[i].field);
		free(f->t[i].value);
	}
	free(f->t);
	free(f);
}

/* UnescapeValue: \\ \, \= are escapes; a bare , or = is an error. */
static int
fieldsel_unescape(const char *s, char **out, struct err *err)
{
	size_t n = strlen(s), i, j = 0, k, len;
	const unsigned char *u = (const unsigned char *)s;
	char *v, seq[8];

	if ((v = malloc(n + 1)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	for (i = 0; i < n; i++) {
		if (s[i] == '\\') {
			if (i + 1 == n) {
				free(v);
				return err_set(err, ERR_BAD_REQUEST, "invalid "
				    "field selector: invalid escape sequence: "
				    "\\");
			}
			i++;
			if (s[i] == '\\' || s[i] == ',' || s[i] == '=') {
				v[j++] = s[i];
				continue;
			}
			/* the whole UTF-8 character after the backslash */
			len = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 :
			    u[i] >= 0xc0 ? 2 : 1;
			for (k = 1; k < len; k++)
				if (i + k >= n || (u[i + k] & 0xc0) != 0x80)
					len = 1;
			if (len == 1 && u[i] >= 0x80)
				snprintf(seq, sizeof seq, "\\\xef\xbf\xbd");
			else
				snprintf(seq, sizeof seq, "\\%.*s", (int)len,
				    s + i);
			free(v);
			return err_set(err, ERR_BAD_REQUEST, "invalid field "
			    "selector: invalid escape sequence: %s", seq);
		}
		if (s[i] == ',' || s[i] == '=') {
			int c = s[i];

			free(v);
			return err_set(err, ERR_BAD_REQUEST, "invalid field "
			    "selector: unescaped character in value: %d", c);
		}
		v[j++] = s[i];
	}
	v[j] = '\0';
	*out = v;
	return 0;
}

int
fieldsel_parse(const char *s, struct fieldsel **out, struct err *err)
{
	struct selector_strs parts = { NULL, 0, 0 };
	struct fieldsel *f;
	struct fieldsel_term *t;
	const char *part, *op;
	size_t i, start = 0, oplen;
	int slash = 0, rc = -1;
	char *value = NULL;

	*out = NULL;
	if ((f = calloc(1, sizeof *f)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (s == NULL)
		s = "";
	/* splitTerms: commas not escaped by a backslash */
	for (i = 0; s[0] != '\0'; i++) {
		if (s[i] == '\0' || (!slash && s[i] == ',')) {
			if (selector_strs_add(&parts, s + start, i - start) < 0)
				goto nomem;
			start = i + 1;
		}
		if (s[i] == '\0')
			break;
		slash = !slash && s[i] == '\\';
	}
	if (parts.n > 1)
		qsort(parts.v, parts.n, sizeof *parts.v, selector_strcmp);
	if (parts.n > 0 &&
	    (f->t = calloc(parts.n, sizeof *f->t)) == NULL)
		goto nomem;
	for (i = 0; i < parts.n; i++) {
		part = parts.v[i];
		if (part[0] == '\0')
			continue;
		/* splitTerm: the first "!=", "==" or "=" */
		for (op = part; *op != '\0'; op++)
			if (strncmp(op, "!=", 2) == 0 || *op == '=')
				break;
		if (*op == '\0') {
			err_set(err, ERR_BAD_REQUEST, "invalid selector: '%s'; "
			    "can't understand '%s'", s, part);
			goto out;
		}
		oplen = op[0] == '=' && op[1] != '=' ? 1 : 2;
		if (fieldsel_unescape(op + oplen, &value, err) < 0)
			goto out;
		if (op == part && value[0] == '\0') {
			free(value);	/* "=": no field, no value */
			continue;
		}
		t = &f->t[f->n];
		if ((t->field = strndup(part, (size_t)(op - part))) == NULL) {
			free(value);
			goto nomem;
		}
		t->value = value;
		t->neg = op[0] == '!';
		f->n++;
	}
	*out = f;
	f = NULL;
	rc = 0;
	goto out;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
out:
	selector_strs_free(&parts);
	fieldsel_free(f);
	return rc;
}

const char *
fieldsel_field(const struct fieldsel *f, size_t i)
{
	if (f == NULL || i >= f->n)
		return NULL;
	return f->t[i].field;
}

/* The text a field compares as; the caller frees it. */
static char *
fieldsel_text(const json_t *obj, const char *path)
{
	const json_t *v = obj;
	const char *dot;
	char key[256];
	size_t n;

	for (;;) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof key)
			return strdup("");
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		if (v == NULL || dot == NULL)
			break;
		path = dot + 1;
	}
	if (v == NULL || json_is_null(v))
		return strdup("");
	if (json_is_string(v))
		return strndup(json_string_value(v), json_string_length(v));
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

int
fieldsel_matches(const struct fieldsel *f, const json_t *obj)
{
	char *text;
	size_t i;
	int eq;

	for (i = 0; f != NULL && i < f->n; i++) {
		if ((text = fieldsel_text(obj, f->t[i].field)) == NULL)
			return 0;
		eq = strcmp(text, f->t[i].value) == 0;
		free(text);
		if (eq == f->t[i].neg)
			return 0;
	}
	return 1;
}

int
fieldsel_string(const struct fieldsel *f, struct buf *out)
{
	const char *p;
	size_t i;
	int rc = 0;

	for (i = 0; f != NULL && i < f->n; i++) {
		if (i > 0)
			rc |= buf_addc(out, ',');
		rc |= buf_adds(out, f->t[i].field);
		rc |= buf_adds(out, f->t[i].neg ? "!=" : "=");
		for (p = f->t[i].value; *p != '\0'; p++) {
			if (*p == '\\' || *p == ',' || *p == '=')
				rc |= buf_addc(out, '\\');
			rc |= buf_addc(out, *p);
		}
	}
	return rc ? -1 : 0;
}
