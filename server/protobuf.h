/* protobuf.h - decoding of Kubernetes protobuf request bodies
 * (application/vnd.kubernetes.protobuf) into the JSON object the client
 * would have sent as JSON.
 *
 * client-go's typed clientset (kubectl create namespace/configmap/...,
 * auth can-i, eviction) sends protobuf and does not fall back to JSON on
 * 415.  A body is the magic "k8s\0" followed by a runtime.Unknown message
 * whose raw bytes hold the typed object in proto2 wire format.  The schema
 * table (protobuf-types*.c, generated from the upstream generated.proto and
 * types.go) maps field numbers to JSON names and Go encoding/json rules.
 */
#ifndef KUBEC_PROTOBUF_H
#define KUBEC_PROTOBUF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "../lib/err.h"

#define PROTOBUF_MEDIA_TYPE	"application/vnd.kubernetes.protobuf"

/*
 * Decodes a whole protobuf body.  Returns a new JSON object with
 * apiVersion and kind set, or NULL with err: ERR_BAD_REQUEST for malformed
 * input, ERR_UNSUPPORTED_MEDIA for an object type the table does not know.
 */
json_t	*protobuf_decode(const void *data, size_t len, struct err *err);
/* 1 when the Content-Type (parameters allowed) names Kubernetes protobuf. */
int	 protobuf_is_media_type(const char *content_type);

/*
 * The schema table; only protobuf.c and protobuf-types*.c use it.
 */
enum pb_kind {
	PB_STRING = 1,
	PB_BYTES,	/* base64 in JSON */
	PB_BOOL,
	PB_INT32,
	PB_INT64,
	PB_UINT32,
	PB_UINT64,
	PB_DOUBLE,
	PB_FLOAT,
	PB_MSG,		/* pb_field.msg names the message */
	PB_TIME,	/* metav1.Time: RFC 3339 seconds, zero -> null */
	PB_MICROTIME,	/* metav1.MicroTime: RFC 3339 microseconds */
	PB_DURATION,	/* metav1.Duration: Go duration string */
	PB_QUANTITY,	/* resource.Quantity: canonical string */
	PB_INTORSTR,	/* intstr.IntOrString: number or string */
	PB_RAW,		/* runtime.RawExtension, metav1.FieldsV1: embedded JSON */
	PB_STRLIST,	/* a Go []string wrapped as {repeated string items = 1} */
};

#define PBF_REPEATED	0x01	/* a Go slice */
#define PBF_MAP		0x02	/* map<string, kind>: entries key=1 value=2 */
#define PBF_OMITEMPTY	0x04	/* json:",omitempty" */
#define PBF_POINTER	0x08	/* Go pointer: present means set */
#define PBF_INLINE	0x10	/* embedded struct: fields merge into parent */

struct pb_field {
	uint32_t	 num;
	const char	*json;
	uint8_t		 kind;		/* enum pb_kind */
	uint8_t		 flags;		/* PBF_* */
	const char	*msg;		/* PB_MSG: "core.v1.PodSpec" */
};

#define PBM_TOPLEVEL	0x01	/* has TypeMeta: may be a request body */

struct pb_msg {
	const char		*name;	/* "<group>.<version>.<Kind>", sorted */
	unsigned		 flags;	/* PBM_* */
	const struct pb_field	*fields;	/* sorted by num */
	size_t			 nfields;
};

#define PB_FIELDS(...)	(const struct pb_field[]){ __VA_ARGS__ },	\
	sizeof((const struct pb_field[]){ __VA_ARGS__ }) /		\
	sizeof(struct pb_field)

/* protobuf-types.c: meta.v1 and core.v1; protobuf-types-apis.c: the rest. */
extern const struct pb_msg	pb_msgs_core[];
extern const size_t		pb_msgs_core_len;
extern const struct pb_msg	pb_msgs_apis[];
extern const size_t		pb_msgs_apis_len;

#endif
