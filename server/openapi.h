/* openapi.h - the OpenAPI documents kubec-server publishes: /openapi/v3
 * (the index and one document per group-version) and /openapi/v2, all
 * generated from registry_kinds[] and the schema table in
 * openapi-schemas.c, built once and cached.
 */
#ifndef KUBEC_OPENAPI_H
#define KUBEC_OPENAPI_H

#include <stddef.h>

#include "../lib/buf.h"
#include "../lib/err.h"

/*
 * One row of the schema table.  A row with name == NULL starts a
 * definition: type is NULL for an object ("string" or "intstr" for the
 * few scalar definitions), ext lists the required fields separated by
 * commas, desc describes the type.  The rows after it are its fields:
 *
 *   type	"string", "boolean", "integer" (int32), "int64", "number",
 *		"time" (RFC 3339 string), "bytes" (base64 string),
 *		"object" (free-form, unknown fields kept), "map" (of
 *		strings), "map:<type>", "[]<type>", or a definition name
 *		("core.v1.PodSpec", "meta.v1.ObjectMeta").
 *   ext	space-separated list behaviour, or NULL:
 *		"key=name" or "key=containerPort,protocol" (a list merged
 *		by key: patch-merge-key is the first, list-map-keys all),
 *		"set" (a list merged as a set), "atomic", "retain"
 *		(retainKeys on an object or a keyed list),
 *		"enum=A,B,C" (the values a string may take).
 *
 * Definition names are short: "core.v1.Pod" is published as
 * io.k8s.api.core.v1.Pod, "meta.v1.X" as
 * io.k8s.apimachinery.pkg.apis.meta.v1.X.
 */
struct openapi_field {
	const char	*def;
	const char	*name;
	const char	*type;
	const char	*ext;
	const char	*desc;
};

/* The table, ended by a row with def == NULL (openapi-schemas.c). */
extern const struct openapi_field openapi_fields[];

/* GET /openapi/v3: {"paths": {"api/v1": {"serverRelativeURL": ...}}} */
int	openapi_v3_index(struct buf *out);
/*
 * The OpenAPI 3.0 document of one group-version, gv_path being "api/v1"
 * or "apis/apps/v1"; ERR_NOT_FOUND when no kind is served there.
 */
int	openapi_v3_gv(const char *gv_path, struct buf *out, struct err *err);
/* The hash of the document for gv_path (as in serverRelativeURL). */
const char *openapi_v3_hash(const char *gv_path);
/* The swagger 2.0 document, JSON. */
int	openapi_v2_json(struct buf *out);
/*
 * The swagger 2.0 document as kubectl asks for it (protobuf): a minimal
 * gnostic Document with only swagger = "2.0".  kubectl 1.27 and 1.28
 * refuse to create or apply anything without it; it finds everything
 * it then needs in /openapi/v3.
 */
int	openapi_v2_proto(struct buf *out);

/*
 * Serves /openapi/v2, /openapi/v3 and /openapi/v3/<gv>: fills body,
 * *content_type and etag (without quotes) and returns the HTTP status,
 * or a negative number with err set (404, 406).  query may be NULL; the
 * hash parameter is accepted and ignored.
 */
int	openapi_handle(const char *path, const char *query,
	    const char *accept, struct buf *body, const char **content_type,
	    char *etag, size_t etag_len, struct err *err);

#endif
