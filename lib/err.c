/* err.c - error objects carrying a Kubernetes Status reason (see err.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

static const struct {
	int		 code;
	const char	*reason;
} err_table[] = {
	[ERR_NONE] =			{ 200, "" },
	[ERR_BAD_REQUEST] =		{ 400, "BadRequest" },
	[ERR_UNAUTHORIZED] =		{ 401, "Unauthorized" },
	[ERR_FORBIDDEN] =		{ 403, "Forbidden" },
	[ERR_NOT_FOUND] =		{ 404, "NotFound" },
	[ERR_METHOD_NOT_ALLOWED] =	{ 405, "MethodNotAllowed" },
	[ERR_NOT_ACCEPTABLE] =		{ 406, "NotAcceptable" },
	[ERR_ALREADY_EXISTS] =		{ 409, "AlreadyExists" },
	[ERR_CONFLICT] =		{ 409, "Conflict" },
	[ERR_GONE] =			{ 410, "Gone" },
	[ERR_EXPIRED] =			{ 410, "Expired" },
	[ERR_TOO_LARGE] =		{ 413, "RequestEntityTooLarge" },
	[ERR_UNSUPPORTED_MEDIA] =	{ 415, "UnsupportedMediaType" },
	[ERR_INVALID] =			{ 422, "Invalid" },
	[ERR_TOO_MANY_REQUESTS] =	{ 429, "TooManyRequests" },
	[ERR_INTERNAL] =		{ 500, "InternalError" },
	[ERR_SERVICE_UNAVAILABLE] =	{ 503, "ServiceUnavailable" },
	[ERR_TIMEOUT] =			{ 504, "Timeout" },
};

static const struct {
	const char *name;	/* Status cause reason */
	const char *text;	/* what the message says */
} err_causes[] = {
	[ERR_CAUSE_REQUIRED] =		{ "FieldValueRequired", "Required value" },
	[ERR_CAUSE_INVALID] =		{ "FieldValueInvalid", "Invalid value" },
	[ERR_CAUSE_NOT_SUPPORTED] =	{ "FieldValueNotSupported", "Unsupported value" },
	[ERR_CAUSE_DUPLICATE] =		{ "FieldValueDuplicate", "Duplicate value" },
	[ERR_CAUSE_FORBIDDEN] =		{ "FieldValueForbidden", "Forbidden" },
	[ERR_CAUSE_TOO_LONG] =		{ "FieldValueTooLong", "Too long" },
	[ERR_CAUSE_TOO_MANY] =		{ "FieldValueTooMany", "Too many" },
	[ERR_CAUSE_UNKNOWN] =		{ "FieldValueUnknown", "unknown field" },
};

void
err_clear(struct err *e)
{
	e->reason = ERR_NONE;
	e->msg[0] = '\0';
	e->ncauses = 0;
	e->dropped = 0;
}

int
err_set(struct err *e, enum err_reason r, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->reason = r;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
err_wrap(struct err *e, const char *fmt, ...)
{
	char ctx[512], old[sizeof e->msg];
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(ctx, sizeof ctx, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	snprintf(e->msg, sizeof e->msg, "%s: %s", ctx, old);
}

void
err_field(struct err *e, enum err_cause_type t, const char *field,
    const char *value, const char *detailfmt, ...)
{
	struct err_cause *c;
	char detail[300] = "";
	va_list ap;
	int n;

	if (e == NULL)
		return;
	if (e->ncauses >= ERR_MAX_CAUSES) {
		e->dropped++;
		return;
	}
	c = &e->causes[e->ncauses++];
	c->type = t;
	snprintf(c->field, sizeof c->field, "%s", field);
	if (detailfmt != NULL) {
		va_start(ap, detailfmt);
		vsnprintf(detail, sizeof detail, detailfmt, ap);
		va_end(ap);
	}
	if (t == ERR_CAUSE_UNKNOWN) {
		snprintf(c->msg, sizeof c->msg, "unknown field \"%s\"", field);
		return;
	}
	n = snprintf(c->msg, sizeof c->msg, "%s: %s", field,
	    err_causes[t].text);
	if (n < 0 || (size_t)n >= sizeof c->msg)
		return;
	if (value != NULL)
		n += snprintf(c->msg + n, sizeof c->msg - n, ": %s", value);
	if (detail[0] != '\0' && (size_t)n < sizeof c->msg)
		snprintf(c->msg + n, sizeof c->msg - n, ": %s", detail);
}

int
err_invalid(struct err *e, const char *kind, const char *name)
{
	const char *dot;
	size_t n;
	int i;

	if (e == NULL || e->ncauses == 0)
		return 0;
	e->reason = ERR_INVALID;
	dot = strchr(kind, '.');
	snprintf(e->kind, sizeof e->kind, "%.*s", dot ? (int)(dot - kind) :
	    (int)strlen(kind), kind);
	snprintf(e->group, sizeof e->group, "%s", dot ? dot + 1 : "");
	snprintf(e->name, sizeof e->name, "%s", name ? name : "");
	n = (size_t)snprintf(e->msg, sizeof e->msg, "%s \"%s\" is invalid: %s",
	    kind, name ? name : "", e->ncauses > 1 ? "[" : "");
	for (i = 0; i < e->ncauses && n < sizeof e->msg; i++)
		n += (size_t)snprintf(e->msg + n, sizeof e->msg - n, "%s%s",
		    i ? ", " : "", e->causes[i].msg);
	if (e->ncauses > 1 && n < sizeof e->msg)
		snprintf(e->msg + n, sizeof e->msg - n, "]");
	return -1;
}

int
err_code(enum err_reason r)
{
	if ((unsigned)r >= sizeof err_table / sizeof err_table[0])
		return 500;
	return err_table[r].code;
}

const char *
err_reason_str(enum err_reason r)
{
	if ((unsigned)r >= sizeof err_table / sizeof err_table[0])
		return "InternalError";
	return err_table[r].reason;
}

const char *
err_cause_str(enum err_cause_type t)
{
	return err_causes[t].name;
}
