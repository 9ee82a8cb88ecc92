/* jsonpath.h - kubectl's JSONPath templates (k8s.io/client-go's
 * util/jsonpath), as -o jsonpath and -o custom-columns use them.
 *
 * A template is text with expressions in braces:
 *   {.items[*].metadata.name}   fields, [n], [-n], [a:b:c], [*], .*, ..x
 *   {.items[?(@.spec.x=="y")]}  filters: == != < > <= >=, or a path alone
 *   {['a.b']}, {.a\.b}          keys with dots
 *   {range .items[*]}...{end}   a loop; inside, paths start from the item
 *   {"\n"}                      a string (\n \t \\ \" escapes)
 *   {$.kind}                    $: the root, also inside a range
 * Strings print as they are, numbers and booleans as Go prints them,
 * objects and lists as compact JSON with sorted keys; several results of
 * one expression are joined with a space.  Missing fields print nothing
 * (kubectl allows missing keys).  Templates and nesting are bounded.
 */
#ifndef KUBEC_JSONPATH_H
#define KUBEC_JSONPATH_H

#include <jansson.h>

#include "buf.h"
#include "err.h"

#define JSONPATH_MAX_TEMPLATE	65536
#define JSONPATH_MAX_DEPTH	32	/* nested ranges and filters */

struct jsonpath;

/* Parses a template; NULL with err (BadRequest) on a syntax error. */
struct jsonpath	*jsonpath_parse(const char *tmpl, struct err *err);
/* Appends what the template prints for data to out; -1 when out's cap
 * is reached. */
int		 jsonpath_exec(const struct jsonpath *p, const json_t *data,
		    struct buf *out, struct err *err);
/* The values one expression (no braces: ".metadata.name") selects in
 * data, as a new array: custom-columns' cells. */
json_t		*jsonpath_select(const struct jsonpath *p, const json_t *data);
void		 jsonpath_free(struct jsonpath *p);
/* A value as Go's fmt %v prints it, as custom-columns' cells show
 * values: map[k:v], [a b], strings as they are. */
int		 jsonpath_format_go(const json_t *v, struct buf *out);

#endif
