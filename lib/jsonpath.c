/* jsonpath.c - kubectl's JSONPath templates; see jsonpath.h.
 *
 * A template parses into a list of nodes (text, expression, range with
 * its body); an expression is a list of steps applied to a set of values
 * (jansson references, borrowed from the data) to give the next set.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpath.h"

enum jp_step_kind {
	JP_ROOT,	/* $ */
	JP_FIELD,	/* .name, ['name'] (several: a union) */
	JP_ALL,		/* .*, [*] */
	JP_RECURSE,	/* ..name (name "" with a following [..]: every value) */
	JP_INDEX,	/* [n], [n,m] */
	JP_SLICE,	/* [a:b:c] */
	JP_FILTER,	/* [?(...)] */
};

enum jp_op { JP_EXISTS, JP_EQ, JP_NE, JP_LT, JP_GT, JP_LE, JP_GE };

struct jp_expr;

struct jp_step {
	enum jp_step_kind	 kind;
	char			**names;	/* FIELD (nnames), RECURSE (1) */
	size_t			 nnames;
	long			*idx;		/* INDEX */
	size_t			 nidx;
	long			 slice[3];	/* SLICE: start, end, step */
	int			 has[3];	/* which of them were given */
	/* FILTER: left (a path from @) op right (a literal or a path) */
	struct jp_expr		*left, *right_path;
	json_t			*right;
	enum jp_op		 op;
};

struct jp_expr {
	struct jp_step	*steps;
	size_t		 n;
	int		 from_root;	/* starts at $ */
};

enum jp_node_kind { JP_TEXT, JP_EXPR, JP_RANGE };

struct jp_node {
	enum jp_node_kind	 kind;
	char			*text;		/* TEXT */
	struct jp_expr		*expr;		/* EXPR, RANGE */
	struct jp_node		*body;		/* RANGE */
	size_t			 nbody;
};

struct jsonpath {
	struct jp_node	*nodes;
	size_t		 n;
};

/* The parser's position in one expression. */
struct jp_in {
	const char	*s, *end;
	int		 depth;
	struct err	*err;
};

static void	jp_expr_free(struct jp_expr *e);
static struct jp_expr *jp_parse_expr(struct jp_in *in, int in_filter);

static void
jp_step_free(struct jp_step *st)
{
	for (size_t i = 0; i < st->nnames; i++)
		free(st->names[i]);
	free(st->names);
	free(st->idx);
	jp_expr_free(st->left);
	jp_expr_free(st->right_path);
	json_decref(st->right);
}

static void
jp_expr_free(struct jp_expr *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n; i++)
		jp_step_free(&e->steps[i]);
	free(e->steps);
	free(e);
}

static void
jp_nodes_free(struct jp_node *n, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(n[i].text);
		jp_expr_free(n[i].expr);
		jp_nodes_free(n[i].body, n[i].nbody);
	}
	free(n);
}

void
jsonpath_free(struct jsonpath *p)
{
	if (p == NULL)
		return;
	jp_nodes_free(p->nodes, p->n);
	free(p);
}

static int
jp_fail(struct jp_in *in, const char *what)
{
	return err_set(in->err, ERR_BAD_REQUEST, "error parsing jsonpath: %s",
	    what);
}

static struct jp_step *
jp_add_step(struct jp_expr *e, enum jp_step_kind k)
{
	struct jp_step *s = realloc(e->steps, (e->n + 1) * sizeof *s);

	if (s == NULL)
		return NULL;
	e->steps = s;
	memset(&s[e->n], 0, sizeof s[0]);
	s[e->n].kind = k;
	return &s[e->n++];
}

static int
jp_add_name(struct jp_step *st, const char *p, size_t n)
{
	char **names = realloc(st->names, (st->nnames + 1) * sizeof *names);

	if (names == NULL)
		return -1;
	st->names = names;
	if ((names[st->nnames] = strndup(p, n)) == NULL)
		return -1;
	st->nnames++;
	return 0;
}

/* A name after '.' or "..": up to '.', '[', space or the end; "\." is a
 * dot of the name. */
static int
jp_name(struct jp_in *in, struct jp_step *st)
{
	char buf[1024];
	size_t n = 0;

	while (in->s < in->end && *in->s != '.' && *in->s != '[' &&
	    !isspace((unsigned char)*in->s) && *in->s != ')' &&
	    *in->s != '=' && *in->s != '!' && *in->s != '<' && *in->s != '>') {
		if (*in->s == '\\' && in->s + 1 < in->end)
			in->s++;
		if (n + 1 >= sizeof buf)
			return jp_fail(in, "name too long");
		buf[n++] = *in->s++;
	}
	if (n == 0)
		return jp_fail(in, "a field name is missing");
	return jp_add_name(st, buf, n) < 0 ? jp_fail(in, "out of memory") : 0;
}

/* A quoted string at in->s ('...' or "..."), unescaped into out. */
static int
jp_quoted(struct jp_in *in, struct buf *out)
{
	char q = *in->s++;

	while (in->s < in->end && *in->s != q) {
		char ch = *in->s++;

		if (ch == '\\' && in->s < in->end) {
			ch = *in->s++;
			ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch == 'r' ?
			    '\r' : ch;
		}
		if (buf_addc(out, ch) < 0)
			return jp_fail(in, "string too long");
	}
	if (in->s >= in->end)
		return jp_fail(in, "unterminated quoted string");
	in->s++;
	return 0;
}

static void
jp_skip(struct jp_in *in)
{
	while (in->s < in->end && isspace((unsigned char)*in->s))
		in->s++;
}

/* A filter's right side: a quoted string, a number, true, false, or a
 * path from @ or $. */
static int
jp_literal(struct jp_in *in, struct jp_step *st)
{
	jp_skip(in);
	if (in->s < in->end && (*in->s == '\'' || *in->s == '"')) {
		struct buf b = BUF_INIT(4096);
		int rc = jp_quoted(in, &b);

		if (rc == 0)
			st->right = json_stringn(b.data ? b.data : "", b.len);
		buf_release(&b);
		return rc;
	}
	if (in->s < in->end && (*in->s == '@' || *in->s == '$')) {
		st->right_path = jp_parse_expr(in, 1);
		return st->right_path ? 0 : -1;
	}
	if (in->end - in->s >= 4 && strncmp(in->s, "true", 4) == 0) {
		st->right = json_true();
		in->s += 4;
		return 0;
	}
	if (in->end - in->s >= 5 && strncmp(in->s, "false", 5) == 0) {
		st->right = json_false();
		in->s += 5;
		return 0;
	}
	{
		char num[64], *e;
		size_t n = 0;
		double d;

		while (in->s < in->end && n + 1 < sizeof num &&
		    (isdigit((unsigned char)*in->s) || *in->s == '-' ||
		    *in->s == '.' || *in->s == 'e' || *in->s == 'E' ||
		    *in->s == '+'))
			num[n++] = *in->s++;
		num[n] = '\0';
		d = strtod(num, &e);
		if (n == 0 || *e != '\0')
			return jp_fail(in, "unrecognized filter value");
		st->right = json_real(d);
	}
	return 0;
}

/* [?(@.path OP value)] after "[?(" ... ")]" */
static int
jp_filter(struct jp_in *in, struct jp_step *st)
{
	static const struct { const char *s; enum jp_op op; } ops[] = {
		{ "==", JP_EQ }, { "!=", JP_NE }, { "<=", JP_LE },
		{ ">=", JP_GE }, { "<", JP_LT }, { ">", JP_GT },
	};

	if (++in->depth > JSONPATH_MAX_DEPTH)
		return jp_fail(in, "nested too deep");
	jp_skip(in);
	if ((st->left = jp_parse_expr(in, 1)) == NULL)
		return -1;
	jp_skip(in);
	st->op = JP_EXISTS;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if ((size_t)(in->end - in->s) >= strlen(ops[i].s) &&
		    strncmp(in->s, ops[i].s, strlen(ops[i].s)) == 0) {
			st->op = ops[i].op;
			in->s += strlen(ops[i].s);
			if (jp_literal(in, st) < 0)
				return -1;
			break;
		}
	jp_skip(in);
	if (in->end - in->s < 2 || in->s[0] != ')' || in->s[1] != ']')
		return jp_fail(in, "a filter must end in \")]\"");
	in->s += 2;
	in->depth--;
	return 0;
}

/* One [...] step, in->s after '['. */
static int
jp_bracket(struct jp_in *in, struct jp_expr *e)
{
	struct jp_step *st;

	jp_skip(in);
	if (in->s < in->end && *in->s == '?') {
		in->s++;
		if (in->s >= in->end || *in->s != '(')
			return jp_fail(in, "a filter starts with \"[?(\"");
		in->s++;
		if ((st = jp_add_step(e, JP_FILTER)) == NULL)
			return jp_fail(in, "out of memory");
		return jp_filter(in, st);
	}
	if (in->s < in->end && *in->s == '*') {
		in->s++;
		jp_skip(in);
		if (in->s >= in->end || *in->s != ']')
			return jp_fail(in, "expected \"]\" after \"*\"");
		in->s++;
		return jp_add_step(e, JP_ALL) ? 0 : jp_fail(in, "out of memory");
	}
	if (in->s < in->end && (*in->s == '\'' || *in->s == '"')) {
		if ((st = jp_add_step(e, JP_FIELD)) == NULL)
			return jp_fail(in, "out of memory");
		for (;;) {
			struct buf b = BUF_INIT(4096);
			int rc = jp_quoted(in, &b);

			if (rc == 0 && jp_add_name(st, b.data ? b.data : "",
			    b.len) < 0)
				rc = jp_fail(in, "out of memory");
			buf_release(&b);
			if (rc < 0)
				return -1;
			jp_skip(in);
			if (in->s < in->end && *in->s == ',') {
				in->s++;
				jp_skip(in);
				if (in->s < in->end && (*in->s == '\'' ||
				    *in->s == '"'))
					continue;
				return jp_fail(in, "a quoted name after \",\"");
			}
			break;
		}
		if (in->s >= in->end || *in->s != ']')
			return jp_fail(in, "expected \"]\"");
		in->s++;
		return 0;
	}
	/* numbers: n, n,m,..., or a slice a:b:c */
	{
		long v[64];
		int has[3] = { 0 }, part = 0, colon = 0;
		size_t nv = 0;

		for (;;) {
			char *endp;
			long x;

			jp_skip(in);
			if (in->s < in->end && (isdigit((unsigned char)*in->s) ||
			    *in->s == '-')) {
				x = strtol(in->s, &endp, 10);
				if (endp == in->s || endp > in->end)
					return jp_fail(in, "bad index");
				in->s = endp;
				if (colon) {
					v[part] = x;
					has[part] = 1;
				} else {
					if (nv == 64)
						return jp_fail(in, "too many "
						    "indexes");
					v[nv++] = x;
				}
			}
			jp_skip(in);
			if (in->s < in->end && *in->s == ':') {
				if (!colon) {
					if (nv > 1)
						return jp_fail(in, "bad slice");
					colon = 1;
					has[0] = nv == 1;
					v[0] = nv == 1 ? v[0] : 0;
					part = 1;
				} else if (++part > 2) {
					return jp_fail(in, "bad slice");
				}
				in->s++;
				continue;
			}
			if (in->s < in->end && *in->s == ',' && !colon) {
				in->s++;
				continue;
			}
			break;
		}
		if (in->s >= in->end || *in->s != ']')
			return jp_fail(in, "expected \"]\"");
		in->s++;
		if (colon) {
			if ((st = jp_add_step(e, JP_SLICE)) == NULL)
				return jp_fail(in, "out of memory");
			memcpy(st->slice, v, sizeof st->slice);
			memcpy(st->has, has, sizeof st->has);
			return 0;
		}
		if (nv == 0)
			return jp_fail(in, "an index is missing in \"[]\"");
		if ((st = jp_add_step(e, JP_INDEX)) == NULL ||
		    (st->idx = malloc(nv * sizeof *st->idx)) == NULL)
			return jp_fail(in, "out of memory");
		memcpy(st->idx, v, nv * sizeof *v);
		st->nidx = nv;
		return 0;
	}
}

/* Steps until the end of the text (or, in a filter, an operator or ")"). */
static struct jp_expr *
jp_parse_expr(struct jp_in *in, int in_filter)
{
	struct jp_expr *e = calloc(1, sizeof *e);

	if (e == NULL) {
		jp_fail(in, "out of memory");
		return NULL;
	}
	jp_skip(in);
	if (in->s < in->end && *in->s == '$') {
		e->from_root = 1;
		in->s++;
	} else if (in->s < in->end && *in->s == '@') {
		in->s++;
	}
	while (in->s < in->end) {
		struct jp_step *st;
		char ch = *in->s;

		if (isspace((unsigned char)ch) || (in_filter && (ch == ')' ||
		    ch == '=' || ch == '!' || ch == '<' || ch == '>')))
			break;
		if (ch == '[') {
			in->s++;
			if (jp_bracket(in, e) < 0)
				goto fail;
			continue;
		}
		if (ch != '.') {
			jp_fail(in, "unrecognized character in an expression");
			goto fail;
		}
		in->s++;
		if (in->s < in->end && *in->s == '.') {	/* ..name */
			in->s++;
			if ((st = jp_add_step(e, JP_RECURSE)) == NULL) {
				jp_fail(in, "out of memory");
				goto fail;
			}
			if (in->s < in->end && *in->s == '[') {
				if (jp_add_name(st, "", 0) < 0)
					goto fail;
				continue;
			}
			if (in->s < in->end && *in->s == '*') {
				in->s++;
				if (jp_add_name(st, "", 0) < 0)
					goto fail;
				continue;
			}
			if (jp_name(in, st) < 0)
				goto fail;
			continue;
		}
		if (in->s < in->end && *in->s == '*') {
			in->s++;
			if (jp_add_step(e, JP_ALL) == NULL)
				goto fail;
			continue;
		}
		if (in->s >= in->end || *in->s == '[' ||
		    isspace((unsigned char)*in->s))
			continue;	/* "." alone: the current value */
		if ((st = jp_add_step(e, JP_FIELD)) == NULL ||
		    jp_name(in, st) < 0)
			goto fail;
	}
	return e;
fail:
	jp_expr_free(e);
	return NULL;
}

static int
jp_add_node(struct jp_node **nodes, size_t *n, struct jp_node nd)
{
	struct jp_node *x = realloc(*nodes, (*n + 1) * sizeof *x);

	if (x == NULL)
		return -1;
	*nodes = x;
	x[(*n)++] = nd;
	return 0;
}

/* Nodes until the end of the template or an {end}; *p moves past them. */
static int
jp_parse_nodes(const char **p, const char *end, int depth,
    struct jp_node **out, size_t *nout, int *saw_end, struct err *err)
{
	const char *s = *p;

	*saw_end = 0;
	while (s < end) {
		struct jp_node nd;
		const char *open = memchr(s, '{', (size_t)(end - s)), *close;

		memset(&nd, 0, sizeof nd);
		if (open == NULL)
			open = end;
		if (open > s) {
			nd.kind = JP_TEXT;
			if ((nd.text = strndup(s, (size_t)(open - s))) == NULL ||
			    jp_add_node(out, nout, nd) < 0) {
				free(nd.text);
				return err_set(err, ERR_INTERNAL,
				    "out of memory");
			}
			s = open;
			continue;
		}
		/* the closing brace, outside quotes */
		{
			char q = 0;

			for (close = open + 1; close < end; close++) {
				if (q) {
					if (*close == '\\')
						close++;
					else if (*close == q)
						q = 0;
				} else if (*close == '"' || *close == '\'') {
					q = *close;
				} else if (*close == '}') {
					break;
				}
			}
		}
		if (close >= end)
			return err_set(err, ERR_BAD_REQUEST, "error parsing "
			    "jsonpath: unclosed action");
		{
			struct jp_in in = { open + 1, close, depth, err };

			jp_skip(&in);
			s = close + 1;
			if (in.end - in.s == 3 && strncmp(in.s, "end", 3) == 0) {
				*saw_end = 1;
				*p = s;
				return 0;
			}
			if (in.end - in.s > 6 && strncmp(in.s, "range", 5) ==
			    0 && (isspace((unsigned char)in.s[5]) ||
			    in.s[5] == '.' || in.s[5] == '[')) {
				int inner_end;

				if (depth >= JSONPATH_MAX_DEPTH)
					return err_set(err, ERR_BAD_REQUEST,
					    "error parsing jsonpath: nested "
					    "too deep");
				in.s += 5;
				nd.kind = JP_RANGE;
				if ((nd.expr = jp_parse_expr(&in, 0)) == NULL)
					return -1;
				if (jp_parse_nodes(&s, end, depth + 1, &nd.body,
				    &nd.nbody, &inner_end, err) < 0 ||
				    !inner_end) {
					jp_expr_free(nd.expr);
					jp_nodes_free(nd.body, nd.nbody);
					return err->reason != ERR_NONE ? -1 :
					    err_set(err, ERR_BAD_REQUEST,
					    "error parsing jsonpath: range "
					    "without end");
				}
			} else if (in.s < in.end && (*in.s == '"' ||
			    *in.s == '\'')) {
				struct buf b = BUF_INIT(JSONPATH_MAX_TEMPLATE);

				if (jp_quoted(&in, &b) < 0) {
					buf_release(&b);
					return -1;
				}
				nd.kind = JP_TEXT;
				nd.text = strndup(b.data ? b.data : "", b.len);
				buf_release(&b);
			} else {
				nd.kind = JP_EXPR;
				if ((nd.expr = jp_parse_expr(&in, 0)) == NULL)
					return -1;
				jp_skip(&in);
				if (in.s < in.end) {
					jp_expr_free(nd.expr);
					return err_set(err, ERR_BAD_REQUEST,
					    "error parsing jsonpath: "
					    "unrecognized identifier");
				}
			}
			if (jp_add_node(out, nout, nd) < 0) {
				jp_expr_free(nd.expr);
				jp_nodes_free(nd.body, nd.nbody);
				free(nd.text);
				return err_set(err, ERR_INTERNAL,
				    "out of memory");
			}
		}
	}
	*p = s;
	return 0;
}

struct jsonpath *
jsonpath_parse(const char *tmpl, struct err *err)
{
	struct jsonpath *p;
	const char *s = tmpl;
	int saw_end;

	if (strlen(tmpl) > JSONPATH_MAX_TEMPLATE) {
		err_set(err, ERR_BAD_REQUEST, "jsonpath template too long");
		return NULL;
	}
	if ((p = calloc(1, sizeof *p)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (jp_parse_nodes(&s, tmpl + strlen(tmpl), 0, &p->nodes, &p->n,
	    &saw_end, err) < 0 || saw_end) {
		if (saw_end)
			err_set(err, ERR_BAD_REQUEST, "error parsing jsonpath: "
			    "not in range, nothing to end");
		jsonpath_free(p);
		return NULL;
	}
	return p;
}

/* --- evaluation --- */

static void jp_eval(const struct jp_expr *e, const json_t *root,
    const json_t *cur, json_t *out);

static void
jp_recurse(const json_t *v, const char *name, json_t *out, int depth)
{
	const char *k;
	json_t *x;
	size_t i;

	if (depth > 200)
		return;
	if (json_is_object(v)) {
		if (name[0] == '\0')
			json_array_append(out, (json_t *)v);
		else if ((x = json_object_get(v, name)) != NULL)
			json_array_append(out, x);
		json_object_foreach((json_t *)v, k, x)
			jp_recurse(x, name, out, depth + 1);
	} else if (json_is_array(v)) {
		if (name[0] == '\0')
			json_array_append(out, (json_t *)v);
		json_array_foreach(v, i, x)
			jp_recurse(x, name, out, depth + 1);
	}
}

static double
jp_num(const json_t *v)
{
	return json_is_integer(v) ? (double)json_integer_value(v) :
	    json_real_value(v);
}

static int
jp_compare(const json_t *a, const json_t *b, enum jp_op op)
{
	int c;

	if (json_is_number(a) && json_is_number(b)) {
		double x = jp_num(a), y = jp_num(b);

		c = x < y ? -1 : x > y;
	} else if (json_is_string(a) && json_is_string(b)) {
		c = strcmp(json_string_value(a), json_string_value(b));
	} else {
		c = json_equal(a, b) ? 0 : 2;	/* unordered */
		if (op != JP_EQ && op != JP_NE)
			return 0;
	}
	switch (op) {
	case JP_EQ: return c == 0;
	case JP_NE: return c != 0;
	case JP_LT: return c == -1;
	case JP_GT: return c == 1;
	case JP_LE: return c == -1 || c == 0;
	case JP_GE: return c == 1 || c == 0;
	default: return 0;
	}
}

static int
jp_filter_ok(const struct jp_step *st, const json_t *root, const json_t *v)
{
	json_t *l = json_array(), *r = NULL;
	int ok = 0;
	size_t i, j;
	json_t *x, *y;

	jp_eval(st->left, root, v, l);
	if (st->op == JP_EXISTS) {
		ok = json_array_size(l) > 0;
	} else {
		if (st->right_path != NULL) {
			r = json_array();
			jp_eval(st->right_path, root, v, r);
		} else {
			r = json_array();
			json_array_append(r, st->right);
		}
		json_array_foreach(l, i, x)
			json_array_foreach(r, j, y)
				ok |= jp_compare(x, y, st->op);
	}
	json_decref(l);
	json_decref(r);
	return ok;
}

static void
jp_step(const struct jp_step *st, const json_t *root, const json_t *v,
    json_t *out)
{
	const char *k;
	json_t *x;
	size_t i, n;

	switch (st->kind) {
	case JP_ROOT:
		json_array_append(out, (json_t *)root);
		break;
	case JP_FIELD:
		for (i = 0; i < st->nnames; i++)
			if ((x = json_object_get(v, st->names[i])) != NULL)
				json_array_append(out, x);
		break;
	case JP_ALL:
		if (json_is_array(v))
			json_array_foreach(v, i, x)
				json_array_append(out, x);
		else if (json_is_object(v))
			json_object_foreach((json_t *)v, k, x)
				json_array_append(out, x);
		break;
	case JP_RECURSE:
		jp_recurse(v, st->names[0], out, 0);
		break;
	case JP_INDEX:
		n = json_array_size(v);
		for (i = 0; json_is_array(v) && i < st->nidx; i++) {
			long ix = st->idx[i] < 0 ? (long)n + st->idx[i] :
			    st->idx[i];

			if (ix >= 0 && (size_t)ix < n)
				json_array_append(out, json_array_get(v,
				    (size_t)ix));
		}
		break;
	case JP_SLICE: {
		long len = (long)json_array_size(v), a, b, step;

		if (!json_is_array(v))
			break;
		step = st->has[2] && st->slice[2] != 0 ? st->slice[2] : 1;
		a = st->has[0] ? st->slice[0] : 0;
		b = st->has[1] ? st->slice[1] : len;
		if (a < 0)
			a += len;
		if (b < 0)
			b += len;
		a = a < 0 ? 0 : a > len ? len : a;
		b = b < 0 ? 0 : b > len ? len : b;
		for (long ix = a; step > 0 && ix < b; ix += step)
			json_array_append(out, json_array_get(v, (size_t)ix));
		break;
	}
	case JP_FILTER:
		if (json_is_array(v)) {
			json_array_foreach(v, i, x)
				if (jp_filter_ok(st, root, x))
					json_array_append(out, x);
		} else if (v != NULL && jp_filter_ok(st, root, v)) {
			json_array_append(out, (json_t *)v);
		}
		break;
	}
}

static void
jp_eval(const struct jp_expr *e, const json_t *root, const json_t *cur,
    json_t *out)
{
	json_t *set = json_array(), *next, *v;
	size_t i;

	json_array_append(set, (json_t *)(e->from_root ? root : cur));
	for (size_t s = 0; s < e->n; s++) {
		next = json_array();
		json_array_foreach(set, i, v)
			jp_step(&e->steps[s], root, v, next);
		json_decref(set);
		set = next;
	}
	json_array_foreach(set, i, v)
		json_array_append(out, v);
	json_decref(set);
}

/* A value as kubectl prints it. */
static int
jp_print(const json_t *v, struct buf *out)
{
	char *s;
	int rc;

	switch (json_typeof(v)) {
	case JSON_STRING:
		return buf_add(out, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		return buf_addf(out, "%lld", (long long)json_integer_value(v));
	case JSON_REAL: {
		double d = json_real_value(v);

		if (d == (double)(long long)d && d < 1e21 && d > -1e21)
			return buf_addf(out, "%lld", (long long)d);
		return buf_addf(out, "%g", d);
	}
	case JSON_TRUE:
		return buf_adds(out, "true");
	case JSON_FALSE:
		return buf_adds(out, "false");
	case JSON_NULL:
		return buf_adds(out, "null");
	default:
		/* as Go's encoding/json: <, > and & escaped */
		s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
		rc = s ? 0 : -1;
		for (const char *p = s; p != NULL && *p != '\0' && rc == 0;
		    p++)
			rc = *p == '<' ? buf_adds(out, "\\u003c") : *p == '>' ?
			    buf_adds(out, "\\u003e") : *p == '&' ?
			    buf_adds(out, "\\u0026") : buf_addc(out, *p);
		free(s);
		return rc;
	}
}

/* A value as Go's fmt %v prints it (custom-columns' cells):
 * map[k:v k2:v2], [a b], strings as they are. */
int
jsonpath_format_go(const json_t *v, struct buf *out)
{
	const char *k;
	json_t *x;
	size_t i;
	int rc = 0;

	if (json_is_object(v)) {
		size_t n = json_object_size(v), j = 0;
		const char **keys = calloc(n ? n : 1, sizeof *keys);

		if (keys == NULL)
			return -1;
		json_object_foreach((json_t *)v, k, x)
			keys[j++] = k;
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0;
			    j--) {
				const char *t = keys[j];

				keys[j] = keys[j - 1];
				keys[j - 1] = t;
			}
		rc = buf_adds(out, "map[");
		for (i = 0; i < n && rc == 0; i++) {
			rc = buf_addf(out, "%s%s:", i ? " " : "", keys[i]);
			if (rc == 0)
				rc = jsonpath_format_go(json_object_get(v,
				    keys[i]), out);
		}
		free(keys);
		return rc < 0 ? -1 : buf_addc(out, ']');
	}
	if (json_is_array(v)) {
		rc = buf_addc(out, '[');
		json_array_foreach(v, i, x) {
			if (rc == 0 && i > 0)
				rc = buf_addc(out, ' ');
			if (rc == 0)
				rc = jsonpath_format_go(x, out);
		}
		return rc < 0 ? -1 : buf_addc(out, ']');
	}
	if (json_is_null(v))
		return buf_adds(out, "<nil>");
	return jp_print(v, out);
}

static int
jp_run(const struct jp_node *nodes, size_t n, const json_t *root,
    const json_t *cur, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct jp_node *nd = &nodes[i];
		json_t *vals, *v;
		size_t j;
		int rc = 0;

		if (nd->kind == JP_TEXT) {
			if (buf_adds(out, nd->text) < 0)
				return -1;
			continue;
		}
		vals = json_array();
		jp_eval(nd->expr, root, cur, vals);
		json_array_foreach(vals, j, v) {
			if (nd->kind == JP_RANGE)
				rc = jp_run(nd->body, nd->nbody, root, v, out);
			else
				rc = (j > 0 ? buf_addc(out, ' ') : 0) < 0 ? -1 :
				    jp_print(v, out);
			if (rc < 0)
				break;
		}
		json_decref(vals);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
jsonpath_exec(const struct jsonpath *p, const json_t *data, struct buf *out,
    struct err *err)
{
	if (jp_run(p->nodes, p->n, data, data, out) < 0)
		return err_set(err, ERR_TOO_LARGE, "jsonpath: the output is "
		    "too large");
	return 0;
}

json_t *
jsonpath_select(const struct jsonpath *p, const json_t *data)
{
	json_t *out = json_array();

	for (size_t i = 0; i < p->n; i++)
		if (p->nodes[i].kind == JP_EXPR)
			jp_eval(p->nodes[i].expr, data, data, out);
	return out;
}
