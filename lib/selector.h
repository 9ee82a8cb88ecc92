/* selector.h - label selectors and field selectors.
 *
 * Label selectors in both forms: the string form of kubectl -l and the
 * ?labelSelector= parameter ("a=b,c!=d,e in (x,y),f notin (z),g,!h",
 * also "==") and the JSON form of spec.selector ({matchLabels,
 * matchExpressions} with In, NotIn, Exists, DoesNotExist).  Errors are
 * ERR_BAD_REQUEST with apimachinery's wording ("unable to parse
 * requirement: ...").  Field selectors: "a.b=c,d!=e" (also "=="); the
 * server decides which fields a kind supports.
 */
#ifndef KUBEC_SELECTOR_H
#define KUBEC_SELECTOR_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

struct selector;
struct fieldsel;

int	selector_parse(const char *s, struct selector **out, struct err *err);
/* From a LabelSelector object; NULL or {} selects everything.  err may be
 * NULL. */
int	selector_from_json(const json_t *sel, struct selector **out,
	    struct err *err);
/* From a plain map of labels (a Service's or RC's selector). */
int	selector_from_map(const json_t *map, struct selector **out,
	    struct err *err);
/* labels is a JSON object of strings or NULL (no labels). */
int	selector_matches(const struct selector *s, const json_t *labels);
int	selector_empty(const struct selector *s);
/* The canonical string form, as kube-apiserver prints it (requirements
 * sorted by key): "app=web,tier in (a,b)". */
int	selector_string(const struct selector *s, struct buf *out);
void	selector_free(struct selector *s);

int	fieldsel_parse(const char *s, struct fieldsel **out, struct err *err);
/* The i-th field named ("spec.nodeName"), NULL past the end. */
const char *fieldsel_field(const struct fieldsel *f, size_t i);
/* Looks each field up in obj by its dotted path; a missing field or a
 * non-string value compares as its JSON text ("" when missing). */
int	fieldsel_matches(const struct fieldsel *f, const json_t *obj);
/* The canonical form: "a=b,c!=d", values escaped (\\ \, \=). */
int	fieldsel_string(const struct fieldsel *f, struct buf *out);
void	fieldsel_free(struct fieldsel *f);

#endif
