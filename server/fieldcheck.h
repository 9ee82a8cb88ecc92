/* fieldcheck.h - unknown and duplicate fields for fieldValidation=Strict
 * and Warn.
 *
 * kubectl 1.27+ leaves field validation to the server: it sends
 * ?fieldValidation=Strict (the default), Warn or Ignore and expects the
 * server to reject (or warn about) fields its types do not have.  This
 * walks a decoded object against the schema table of openapi-schemas.c
 * and lists those fields with the paths kube-apiserver's strict JSON
 * decoder prints: "spec.foo", "spec.template.spec.containers[1].imag",
 * "metadata.labelz", "foo" (top level).
 *
 * Only definitions known to list every field of the real Kubernetes 1.33
 * type ("complete", see fieldcheck.c) are checked: under an incomplete
 * definition no key is ever reported, though known fields are still
 * followed into complete definitions below.  "object" fields are
 * free-form and never looked into.
 */
#ifndef KUBEC_FIELDCHECK_H
#define KUBEC_FIELDCHECK_H

#include <stddef.h>

#include <jansson.h>

#include "../lib/buf.h"

/* At most this many unknown fields are reported, as kube-apiserver does. */
#define FIELDCHECK_MAX	100

/*
 * Walks obj as an instance of the definition def ("core.v1.Pod",
 * "apps.v1.Deployment") and appends the path of each unknown field to
 * unknown (may be NULL), one per line ending in '\n', in document order.
 * Returns how many were found (at most FIELDCHECK_MAX); 0 when def is
 * not in the table.
 */
int	fieldcheck_object(const char *def, const json_t *obj,
	    struct buf *unknown);

/*
 * Like fieldcheck_object, and deletes every unknown field from obj (all
 * of them, beyond FIELDCHECK_MAX too), as kube-apiserver drops them when
 * it decodes into its types with fieldValidation Warn or Ignore.
 */
int	fieldcheck_prune(const char *def, json_t *obj, struct buf *unknown);

/* Whether def is complete, i.e. its unknown fields are reported. */
int	fieldcheck_complete(const char *def);

/*
 * The definition name of a kind, as openapi.c names it: group "" gives
 * "core.v1.Pod", "apps" "apps.v1.Deployment", "rbac.authorization.k8s.io"
 * "rbac.v1.Role".
 */
void	fieldcheck_def_name(const char *group, const char *version,
	    const char *kind, char *out, size_t len);

/* Appends s as Go's strconv.Quote writes it: "spec.foo" with quotes. */
int	fieldcheck_quote(const char *s, struct buf *out);

/*
 * The text of a strict decoding error for the paths of unknown (one per
 * line, as fieldcheck_object leaves them):
 *   strict decoding error: unknown field "spec.foo", unknown field "x"
 */
int	fieldcheck_strict_message(const char *unknown, struct buf *out);

/*
 * The value of one HTTP Warning header for one unknown field path, as
 * kube-apiserver sends with fieldValidation=Warn:
 *   299 - "unknown field \"spec.foo\""
 */
int	fieldcheck_warning(const char *path, struct buf *out);

/*
 * Appends v as Go's fmt "%+v" prints the map[string]interface{} that
 * kube-apiserver decoded a patch into: map[spec:map[replicas:3 x:[a b]]],
 * keys sorted, strings bare, null as <nil>, floats as Go's %v.  This is
 * the bad value of the Invalid "patch" cause of a strategic merge patch
 * that fails strict validation.
 */
int	fieldcheck_gofmt(const json_t *v, struct buf *out);

/*
 * Strict decoding errors in the order kube-apiserver reports them, each
 * one error text: unknown field "spec.foo", duplicate field "data.a",
 * json patch duplicate field "[0].value.a", yaml: unmarshal errors:\n
 *   line 8: key "a" already set in map.  At most FIELDCHECK_MAX.
 */
struct fieldcheck_errs {
	struct buf	text;	/* each error ends in '\0' */
	int		n;
};

void	fieldcheck_errs_init(struct fieldcheck_errs *e);
void	fieldcheck_errs_release(struct fieldcheck_errs *e);
/* The first error (prev NULL) or the one after prev; NULL at the end. */
const char *fieldcheck_errs_next(const struct fieldcheck_errs *e,
	    const char *prev);
/* "strict decoding error: <e1>, <e2>" (runtime.NewStrictDecodingError). */
int	fieldcheck_errs_message(const struct fieldcheck_errs *e,
	    struct buf *out);
/*
 * The values of the Warning headers of fieldValidation=Warn into out, one
 * per error, a YAML error split into its lines as kube-apiserver's
 * parseYAMLWarnings does: 299 - "duplicate field \"data.a\"",
 * 299 - "line 8: key \"a\" already set in map".
 */
int	fieldcheck_errs_warnings(const struct fieldcheck_errs *e,
	    struct fieldcheck_errs *out);
/* Appends an unknown field error for each path of unknown (one per line,
 * as fieldcheck_object leaves them); prefix "" or "json patch ". */
int	fieldcheck_errs_unknown(struct fieldcheck_errs *e, const char *unknown,
	    const char *prefix);
/*
 * The strict errors of a JSON body (as received) that decoded into an
 * object whose unknown fields are listed in unknown (may be NULL): its
 * duplicate keys and those fields, merged in document order as one pass
 * of sigs.k8s.io/json finds them; repeats of an unknown field and
 * anything under one are not reported, as decoding skips them.  With
 * jsonpatch, data is a JSON patch decoded into kube's jsonPatchOp
 * ({op, path, from, value}): errors are prefixed "json patch ", members
 * of an operation other than those four are unknown.  Text that is not
 * JSON adds no duplicates.
 */
int	fieldcheck_json_errors(const char *data, size_t len,
	    const char *unknown, int jsonpatch, struct fieldcheck_errs *out);
/*
 * The repeated keys of a YAML body as the one error of go-yaml's strict
 * decoding, after prefix ("" or "error converting YAML to JSON: "):
 *   yaml: unmarshal errors:\n  line 8: key "a" already set in map
 * Nothing when there are none or data is not YAML.
 */
int	fieldcheck_yaml_errors(const char *data, size_t len,
	    const char *prefix, struct fieldcheck_errs *out);

#endif
