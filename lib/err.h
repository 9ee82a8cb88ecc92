/* err.h - the one error convention of kubec.
 *
 * A function that can fail takes a `struct err *` and returns a negative
 * number (pointer-returning functions return NULL) after filling it with
 * err_set().  The reason is one of Kubernetes' Status reasons; the HTTP edge
 * turns it into a Status object with the matching code (err_code()).
 * Validation collects field causes with err_field() and closes them with
 * err_invalid(), which writes kube-apiserver's message:
 *   Pod "x" is invalid: spec.containers: Required value
 */
#ifndef KUBEC_ERR_H
#define KUBEC_ERR_H

enum err_reason {
	ERR_NONE = 0,
	ERR_BAD_REQUEST,	/* 400 BadRequest */
	ERR_UNAUTHORIZED,	/* 401 Unauthorized */
	ERR_FORBIDDEN,		/* 403 Forbidden */
	ERR_NOT_FOUND,		/* 404 NotFound */
	ERR_METHOD_NOT_ALLOWED,	/* 405 MethodNotAllowed */
	ERR_NOT_ACCEPTABLE,	/* 406 NotAcceptable */
	ERR_ALREADY_EXISTS,	/* 409 AlreadyExists */
	ERR_CONFLICT,		/* 409 Conflict */
	ERR_GONE,		/* 410 Gone */
	ERR_EXPIRED,		/* 410 Expired (continue token too old) */
	ERR_TOO_LARGE,		/* 413 RequestEntityTooLarge */
	ERR_UNSUPPORTED_MEDIA,	/* 415 UnsupportedMediaType */
	ERR_INVALID,		/* 422 Invalid */
	ERR_TOO_MANY_REQUESTS,	/* 429 TooManyRequests */
	ERR_INTERNAL,		/* 500 InternalError */
	ERR_SERVICE_UNAVAILABLE,/* 503 ServiceUnavailable */
	ERR_TIMEOUT,		/* 504 Timeout */
};

enum err_cause_type {
	ERR_CAUSE_REQUIRED,	/* FieldValueRequired: "Required value" */
	ERR_CAUSE_INVALID,	/* FieldValueInvalid: "Invalid value" */
	ERR_CAUSE_NOT_SUPPORTED,/* FieldValueNotSupported: "Unsupported value" */
	ERR_CAUSE_DUPLICATE,	/* FieldValueDuplicate: "Duplicate value" */
	ERR_CAUSE_FORBIDDEN,	/* FieldValueForbidden: "Forbidden" */
	ERR_CAUSE_TOO_LONG,	/* FieldValueTooLong: "Too long" */
	ERR_CAUSE_TOO_MANY,	/* FieldValueTooMany: "Too many" */
	ERR_CAUSE_UNKNOWN,	/* FieldValueUnknown (strict decoding): "unknown field" */
};

#define ERR_MAX_CAUSES	16

struct err_cause {
	enum err_cause_type type;
	char	field[160];
	char	msg[400];	/* "spec.x: Invalid value: \"y\": detail" */
};

struct err {
	enum err_reason	reason;
	char		msg[2048];
	int		ncauses;
	int		dropped;	/* causes beyond ERR_MAX_CAUSES */
	struct err_cause causes[ERR_MAX_CAUSES];
	/* Status details of an Invalid error (err_invalid) */
	char		kind[128];	/* "Deployment" */
	char		group[128];	/* "apps" */
	char		name[254];
};

void	 err_clear(struct err *e);
/* Sets reason and message; always returns -1. */
int	 err_set(struct err *e, enum err_reason r, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Prefixes the message with context: "<context>: <old message>". */
void	 err_wrap(struct err *e, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Adds one field cause.  value is printed as given (pass "\"Foo\"" for a
 * string, "3" for a number) or left out when NULL; detail may be NULL.
 */
void	 err_field(struct err *e, enum err_cause_type t, const char *field,
	    const char *value, const char *detailfmt, ...)
	    __attribute__((format(printf, 5, 6)));
/*
 * When causes were collected: sets reason Invalid with the message
 * `<Kind> "<name>" is invalid: <causes>` and returns -1; otherwise 0.
 */
int	 err_invalid(struct err *e, const char *kind, const char *name);
int	 err_code(enum err_reason r);		/* HTTP status code */
const char *err_reason_str(enum err_reason r);	/* "NotFound", ... */
const char *err_cause_str(enum err_cause_type t);	/* "FieldValueRequired" */

#endif
