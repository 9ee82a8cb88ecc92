/* table.c - server-side Table output (meta.k8s.io/v1 Table), what
 * `kubectl get` asks for: the kind's columns and one row per object, with
 * the object's metadata (or the whole object) attached to each row.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "table.h"

static const struct registry_column table_default_columns[] = {
	{ "Name", "string", "name", "Name must be unique within a namespace.", 0 },
	{ "Created At", "date", "", "CreationTimestamp is a timestamp "
	    "representing the server time when this object was created.", 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static const struct registry_column *
table_columns(const struct registry_kind *k)
{
	return k->columns != NULL && k->row != NULL ? k->columns :
	    table_default_columns;
}

static json_t *
table_column_defs(const struct registry_kind *k)
{
	const struct registry_column *c;
	json_t *defs = json_array();

	for (c = table_columns(k); c->name != NULL; c++)
		json_array_append_new(defs, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:i}", "name", c->name, "type", c->type, "format",
		    c->format ? c->format : "", "description",
		    c->description ? c->description : "", "priority",
		    c->priority));
	return defs;
}

static json_t *
table_row(const struct registry_kind *k, const json_t *obj, long long now,
    enum table_include inc)
{
	json_t *row, *cells = json_array(), *meta;
	const char *name;

	if (k->columns != NULL && k->row != NULL) {
		k->row(obj, cells, now);
	} else {
		meta = json_object_get(obj, "metadata");
		name = json_string_value(json_object_get(meta, "name"));
		json_array_append_new(cells, json_string(name ? name : ""));
		json_array_append(cells, json_object_get(meta,
		    "creationTimestamp") ? json_object_get(meta,
		    "creationTimestamp") : json_null());
	}
	row = json_pack("{s:o}", "cells", cells);
	if (inc == TABLE_INCLUDE_OBJECT)
		json_object_set(row, "object", (json_t *)obj);
	else if (inc == TABLE_INCLUDE_METADATA)
		json_object_set_new(row, "object", json_pack("{s:s, s:s, s:O}",
		    "kind", "PartialObjectMetadata", "apiVersion",
		    "meta.k8s.io/v1", "metadata", json_object_get(obj,
		    "metadata")));
	return row;
}

json_t *
table_new(const struct registry_kind *k, int with_columns)
{
	json_t *t = json_pack("{s:s, s:s, s:{}}", "kind", "Table",
	    "apiVersion", "meta.k8s.io/v1", "metadata");

	if (with_columns)
		json_object_set_new(t, "columnDefinitions",
		    table_column_defs(k));
	else
		json_object_set_new(t, "columnDefinitions", json_array());
	json_object_set_new(t, "rows", json_array());
	return t;
}

void
table_add(json_t *t, const struct registry_kind *k, const json_t *obj,
    enum table_include inc)
{
	json_array_append_new(json_object_get(t, "rows"),
	    table_row(k, obj, (long long)time(NULL), inc));
}

enum table_include
table_include_param(const char *v)
{
	if (v == NULL || strcmp(v, "Metadata") == 0)
		return TABLE_INCLUDE_METADATA;
	if (strcmp(v, "Object") == 0)
		return TABLE_INCLUDE_OBJECT;
	return TABLE_INCLUDE_NONE;
}

int
table_wanted(const char *accept)
{
	return accept != NULL && strstr(accept, "as=Table") != NULL &&
	    strstr(accept, "g=meta.k8s.io") != NULL;
}
