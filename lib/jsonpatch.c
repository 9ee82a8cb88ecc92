/* jsonpatch.c - JSON Patch (RFC 6902) and JSON Pointer (RFC 6901), applied
 * to a copy of the document (see jsonpatch.h). */
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "jsonpatch.h"

#define JSONPATCH_REJECTED \
	"the server rejected our request due to an error in our request"
#define JSONPATCH_MAX_COPY	((size_t)64 << 20)

/* A parsed pointer: tokens, unescaped, NUL-terminated. */
struct jsonpatch_ptr {
	char	**tok;
	size_t	  ntok;
};

static void
jsonpatch_ptr_free(struct jsonpatch_ptr *p)
{
	size_t i;

	for (i = 0; i < p->ntok; i++)
		free(p->tok[i]);
	free(p->tok);
	p->tok = NULL;
	p->ntok = 0;
}

/* Splits ptr into unescaped tokens; -1 when malformed or out of memory. */
static int
jsonpatch_ptr_parse(const char *ptr, struct jsonpatch_ptr *p)
{
	const char *s, *end;
	char **ntok, *t;
	size_t n, i;

	p->tok = NULL;
	p->ntok = 0;
	if (ptr == NULL)
		return -1;
	if (*ptr == '\0')
		return 0;
	if (*ptr != '/')
		return -1;
	s = ptr + 1;
	for (;;) {
		end = strchr(s, '/');
		n = end ? (size_t)(end - s) : strlen(s);
		if ((t = malloc(n + 1)) == NULL)
			goto fail;
		for (i = 0; n > 0; s++, n--) {
			if (*s == '~') {
				if (n < 2 || (s[1] != '0' && s[1] != '1')) {
					free(t);
					goto fail;
				}
				t[i++] = s[1] == '0' ? '~' : '/';
				s++;
				n--;
			} else
				t[i++] = *s;
		}
		t[i] = '\0';
		ntok = realloc(p->tok, (p->ntok + 1) * sizeof *ntok);
		if (ntok == NULL) {
			free(t);
			goto fail;
		}
		p->tok = ntok;
		p->tok[p->ntok++] = t;
		if (end == NULL)
			break;
		s = end + 1;
	}
	return 0;
fail:
	jsonpatch_ptr_free(p);
	return -1;
}

/* An RFC 6901 array index: "0" or digits without a leading zero. */
static int
jsonpatch_index(const char *tok, size_t *idx)
{
	const char *s;
	size_t v = 0;

	if (*tok == '\0' || (tok[0] == '0' && tok[1] != '\0'))
		return -1;
	for (s = tok; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > ((size_t)INT_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*idx = v;
	return 0;
}

/* The child of v named by one token, borrowed; NULL when absent. */
static json_t *
jsonpatch_child(const json_t *v, const char *tok)
{
	size_t idx;

	if (json_is_object(v))
		return json_object_get(v, tok);
	if (json_is_array(v)) {
		if (jsonpatch_index(tok, &idx) < 0)
			return NULL;
		return json_array_get(v, idx);
	}
	return NULL;
}

/* Walks the first `upto` tokens; borrowed, NULL when absent. */
static json_t *
jsonpatch_walk(const json_t *doc, const struct jsonpatch_ptr *p, size_t upto)
{
	json_t *v = (json_t *)doc;
	size_t i;

	for (i = 0; i < upto && v != NULL; i++)
		v = jsonpatch_child(v, p->tok[i]);
	return v;
}

json_t *
jsonpointer_get(const json_t *doc, const char *ptr)
{
	struct jsonpatch_ptr p;
	json_t *v;

	if (doc == NULL || jsonpatch_ptr_parse(ptr, &p) < 0)
		return NULL;
	v = jsonpatch_walk(doc, &p, p.ntok);
	jsonpatch_ptr_free(&p);
	return v;
}

/* Deep equality where numbers compare by value (1 == 1.0). */
static int
jsonpatch_equal(const json_t *a, const json_t *b)
{
	const char *key;
	json_t *av;
	size_t i;

	if (json_is_number(a) && json_is_number(b)) {
		if (json_is_integer(a) && json_is_integer(b))
			return json_integer_value(a) == json_integer_value(b);
		return json_number_value(a) == json_number_value(b);
	}
	if (json_typeof(a) != json_typeof(b))
		return 0;
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach((json_t *)a, key, av) {
			json_t *bv = json_object_get(b, key);

			if (bv == NULL || !jsonpatch_equal(av, bv))
				return 0;
		}
		return 1;
	}
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!jsonpatch_equal(json_array_get(a, i),
			    json_array_get(b, i)))
				return 0;
		return 1;
	}
	return json_equal((json_t *)a, (json_t *)b);
}

/* Per-operation state. */
struct jsonpatch_op {
	const char	*op;
	const char	*path;
	json_t		**root;
	struct buf	*why;		/* the cause, when failing */
};

static int	jsonpatch_fail(struct jsonpatch_op *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static int
jsonpatch_fail(struct jsonpatch_op *o, const char *fmt, ...)
{
	va_list ap;

	buf_reset(o->why);
	va_start(ap, fmt);
	buf_vaddf(o->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* Adds value (reference stolen) at p; -1 with the cause. */
static int
jsonpatch_add_at(struct jsonpatch_op *o, const struct jsonpatch_ptr *p,
    json_t *value)
{
	json_t *parent;
	const char *last;
	size_t idx;

	if (p->ntok == 0) {
		json_decref(*o->root);
		*o->root = value;
		return 0;
	}
	parent = jsonpatch_walk(*o->root, p, p->ntok - 1);
	last = p->tok[p->ntok - 1];
	if (json_is_object(parent)) {
		if (json_object_set_new(parent, last, value) < 0)
			return jsonpatch_fail(o, "%s operation failed: out "
			    "of memory", o->op);
		return 0;
	}
	if (json_is_array(parent)) {
		if (strcmp(last, "-") == 0)
			idx = json_array_size(parent);
		else if (jsonpatch_index(last, &idx) < 0 ||
		    idx > json_array_size(parent)) {
			json_decref(value);
			return jsonpatch_fail(o, "%s operation does not apply: "
			    "invalid array index: %s", o->op, o->path);
		}
		if (json_array_insert_new(parent, idx, value) < 0)
			return jsonpatch_fail(o, "%s operation failed: out "
			    "of memory", o->op);
		return 0;
	}
	json_decref(value);
	return jsonpatch_fail(o, "%s operation does not apply: doc is missing "
	    "path: %s", o->op, o->path);
}

/* Removes the value at p and returns it (new reference), or NULL. */
static json_t *
jsonpatch_remove_at(struct jsonpatch_op *o, const struct jsonpatch_ptr *p,
    const char *path)
{
	json_t *parent, *v;
	const char *last;
	size_t idx;

	if (p->ntok == 0) {
		jsonpatch_fail(o, "%s operation does not apply: cannot remove "
		    "the whole document: %s", o->op, path);
		return NULL;
	}
	parent = jsonpatch_walk(*o->root, p, p->ntok - 1);
	last = p->tok[p->ntok - 1];
	if ((v = jsonpatch_child(parent, last)) == NULL) {
		jsonpatch_fail(o, "%s operation does not apply: doc is missing "
		    "path: %s", o->op, path);
		return NULL;
	}
	json_incref(v);
	if (json_is_object(parent))
		json_object_del(parent, last);
	else if (jsonpatch_index(last, &idx) == 0)
		json_array_remove(parent, idx);
	return v;
}

static int
jsonpatch_one(json_t **root, const json_t *op, struct buf *why)
{
	struct jsonpatch_ptr p = { NULL, 0 }, f = { NULL, 0 };
	struct jsonpatch_op o;
	json_t *value, *v;
	const char *from;
	size_t flen;
	int rc = -1;

	o.root = root;
	o.why = why;
	o.op = json_string_value(json_object_get(op, "op"));
	o.path = json_string_value(json_object_get(op, "path"));
	from = json_string_value(json_object_get(op, "from"));
	value = json_object_get(op, "value");
	if (o.op == NULL) {
		return jsonpatch_fail(&o, "operation missing op field");
	}
	if (o.path == NULL)
		return jsonpatch_fail(&o, "%s operation missing path field",
		    o.op);
	if (jsonpatch_ptr_parse(o.path, &p) < 0)
		return jsonpatch_fail(&o, "%s operation failed to decode "
		    "path: %s", o.op, o.path);
	if (strcmp(o.op, "add") == 0 || strcmp(o.op, "replace") == 0 ||
	    strcmp(o.op, "test") == 0) {
		if (value == NULL) {
			jsonpatch_fail(&o, "%s operation missing value "
			    "field", o.op);
			goto out;
		}
	} else if (strcmp(o.op, "move") == 0 || strcmp(o.op, "copy") == 0) {
		if (from == NULL) {
			jsonpatch_fail(&o, "%s operation missing from "
			    "field", o.op);
			goto out;
		}
		if (jsonpatch_ptr_parse(from, &f) < 0) {
			jsonpatch_fail(&o, "%s operation failed to decode "
			    "from: %s", o.op, from);
			goto out;
		}
	} else if (strcmp(o.op, "remove") != 0) {
		jsonpatch_fail(&o, "Unexpected kind: %s", o.op);
		goto out;
	}

	if (strcmp(o.op, "add") == 0) {
		if ((v = json_deep_copy(value)) == NULL)
			goto nomem;
		rc = jsonpatch_add_at(&o, &p, v);
	} else if (strcmp(o.op, "remove") == 0) {
		if ((v = jsonpatch_remove_at(&o, &p, o.path)) != NULL) {
			json_decref(v);
			rc = 0;
		}
	} else if (strcmp(o.op, "replace") == 0) {
		if (jsonpatch_walk(*root, &p, p.ntok) == NULL) {
			jsonpatch_fail(&o, "%s operation does not apply: doc "
			    "is missing path: %s", o.op, o.path);
			goto out;
		}
		if ((v = jsonpatch_remove_at(&o, &p, o.path)) != NULL)
			json_decref(v);
		if ((v = json_deep_copy(value)) == NULL)
			goto nomem;
		rc = jsonpatch_add_at(&o, &p, v);
	} else if (strcmp(o.op, "test") == 0) {
		if ((v = jsonpatch_walk(*root, &p, p.ntok)) == NULL)
			jsonpatch_fail(&o, "%s operation does not apply: is "
			    "missing path: %s", o.op, o.path);
		else if (!jsonpatch_equal(v, value))
			jsonpatch_fail(&o, "testing value %s failed",
			    o.path);
		else
			rc = 0;
	} else if (strcmp(o.op, "move") == 0) {
		flen = strlen(from);
		if (strcmp(from, o.path) == 0) {
			if (jsonpatch_walk(*root, &f, f.ntok) == NULL)
				jsonpatch_fail(&o, "%s operation does not "
				    "apply: doc is missing from path: %s", o.op,
				    from);
			else
				rc = 0;
			goto out;
		}
		if (strncmp(o.path, from, flen) == 0 && o.path[flen] == '/') {
			jsonpatch_fail(&o, "%s operation does not apply: "
			    "cannot move a value into one of its children: %s",
			    o.op, from);
			goto out;
		}
		if (jsonpatch_walk(*root, &f, f.ntok) == NULL) {
			jsonpatch_fail(&o, "%s operation does not apply: doc "
			    "is missing from path: %s", o.op, from);
			goto out;
		}
		if ((v = jsonpatch_remove_at(&o, &f, from)) == NULL)
			goto out;
		rc = jsonpatch_add_at(&o, &p, v);
	} else {	/* copy */
		if ((v = jsonpatch_walk(*root, &f, f.ntok)) == NULL) {
			jsonpatch_fail(&o, "%s operation does not apply: doc "
			    "is missing from path: %s", o.op, from);
			goto out;
		}
		if ((v = json_deep_copy(v)) == NULL)
			goto nomem;
		rc = jsonpatch_add_at(&o, &p, v);
	}
	goto out;
nomem:
	jsonpatch_fail(&o, "%s operation failed: %s", o.op, "out of memory");
out:
	jsonpatch_ptr_free(&p);
	jsonpatch_ptr_free(&f);
	return rc;
}

json_t *
jsonpatch_apply(const json_t *doc, const json_t *patch, struct err *err)
{
	struct buf why = BUF_INIT(4096);
	json_t *root = NULL, *op;
	size_t i;

	if (!json_is_array(patch)) {
		err_set(err, ERR_BAD_REQUEST, "json: cannot unmarshal %s into "
		    "Go value of type jsonpatch.Patch",
		    json_is_object(patch) ? "object" : "non-array value");
		return NULL;
	}
	json_array_foreach(patch, i, op) {
		if (!json_is_object(op)) {
			err_set(err, ERR_BAD_REQUEST, "json: cannot unmarshal "
			    "operation %zu of the patch: not an object", i);
			return NULL;
		}
	}
	if (doc != NULL && (root = json_deep_copy(doc)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory applying json patch");
		return NULL;
	}
	if (root == NULL)
		root = json_object();
	json_array_foreach(patch, i, op) {
		if (jsonpatch_one(&root, op, &why) < 0) {
			err_set(err, ERR_INVALID, "%s: %s", JSONPATCH_REJECTED,
			    buf_str(&why));
			json_decref(root);
			root = NULL;
			break;
		}
	}
	buf_release(&why);
	return root;
}
