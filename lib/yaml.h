/* yaml.h - YAML and JSON documents to and from jansson trees, on libyaml.
 *
 * Parsing accepts JSON (a fast path through jansson) and YAML 1.1 as
 * Kubernetes clients write it: block and flow styles, multi-document
 * streams, anchors, aliases and merge keys, plain scalars resolved to null,
 * booleans, integers and floats as sigs.k8s.io/yaml does (its go-yaml v2
 * reads YAML 1.1: "on"/"yes"/"y" are booleans), quoted scalars always
 * strings, non-string keys turned into strings.  Every parse is bounded:
 * input larger than YAML_MAX_INPUT is refused with ERR_TOO_LARGE; nesting
 * deeper than YAML_MAX_DEPTH, or more than YAML_MAX_ALIAS_NODES nodes
 * reached through aliases, with ERR_BAD_REQUEST (an "alias bomb" cannot
 * blow up memory).  Errors name the line:
 * "yaml: line 3: mapping values are not allowed in this context".
 *
 * Emitting writes block-style YAML as kubectl -o yaml prints it: two-space
 * indent, sequences of a mapping not indented ("- " under the key), strings
 * quoted only when they would otherwise read back as another type or are
 * not plain-safe, so emit -> parse round-trips exactly.
 */
#ifndef KUBEC_YAML_H
#define KUBEC_YAML_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

#define YAML_MAX_DEPTH		64
#define YAML_MAX_INPUT		((size_t)64 << 20)
#define YAML_MAX_ALIAS_NODES	10000
#define YAML_MAX_DUPS		100

/* Exactly one document (an empty input is an error). *out is new. */
/* The same; *unique is 1 when data was JSON in which no object repeats
 * a key (read as jansson does, with JSON_REJECT_DUPLICATES), else 0. */
int	yaml_parse_one_unique(const char *data, size_t len, json_t **out,
	    int *unique, struct err *err);
int	yaml_parse_one(const char *data, size_t len, json_t **out,
	    struct err *err);
/* Every document of a stream, in order, as a new JSON array; empty
 * documents (only comments, or "---" alone) are skipped. */
int	yaml_parse_all(const char *data, size_t len, json_t **out,
	    struct err *err);
/*
 * The repeated keys of the first document of data, as go-yaml v2's strict
 * decoding (sigs.k8s.io/yaml's UnmarshalStrict, which kube-apiserver runs
 * for fieldValidation) reports them: one line each, ending in '\n',
 *   line 8: key "a" already set in map
 * on the line of the repeated key's value, in the order go-yaml finds
 * them (a value's own repeats before its key's).  Keys merged in with
 * "<<" are not counted.  Returns how many (at most YAML_MAX_DUPS), -1
 * when data is not YAML.
 */
int	yaml_dup_keys(const char *data, size_t len, struct buf *out,
	    struct err *err);
/* Appends v as a YAML document (no leading "---"); -1 when out's cap is hit. */
int	yaml_emit(const json_t *v, struct buf *out);

#endif
