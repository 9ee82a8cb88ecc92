/* table.h - server-side Table output for `kubectl get`. */
#ifndef KUBEC_TABLE_H
#define KUBEC_TABLE_H

#include <jansson.h>

#include "registry/registry.h"

enum table_include {
	TABLE_INCLUDE_NONE,
	TABLE_INCLUDE_METADATA,
	TABLE_INCLUDE_OBJECT,
};

/* A Table with the kind's column definitions (or none) and no rows. */
json_t	*table_new(const struct registry_kind *k, int with_columns);
void	 table_add(json_t *t, const struct registry_kind *k, const json_t *obj,
	    enum table_include inc);
enum table_include table_include_param(const char *includeObject);
/* Whether an Accept header asks for a meta.k8s.io Table. */
int	 table_wanted(const char *accept);

#endif
