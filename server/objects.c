/* objects.c - storage keys, uids, timestamps and the stored encoding of
 * objects (JSON without metadata.resourceVersion, which is the store's
 * revision and is set again on every read).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "server.h"

void
object_prefix(const struct registry_kind *k, const char *ns, char *out,
    size_t len)
{
	int n;

	if (k->group[0] == '\0')
		n = snprintf(out, len, "/registry/%s/", k->resource);
	else
		n = snprintf(out, len, "/registry/%s/%s/", k->group,
		    k->resource);
	if (ns != NULL && ns[0] != '\0' && (k->flags & REG_NAMESPACED) &&
	    n > 0 && (size_t)n < len)
		snprintf(out + n, len - (size_t)n, "%s/", ns);
}

void
object_key(const struct registry_kind *k, const char *ns, const char *name,
    char *out, size_t len)
{
	size_t n;

	object_prefix(k, (k->flags & REG_NAMESPACED) ? ns : "", out, len);
	n = strlen(out);
	snprintf(out + n, len - n, "%s", name);
}

int
object_new_uid(char *out, size_t len)
{
	unsigned char b[16];

	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return -1;
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

void
object_now(char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *
object_encode(const json_t *obj, size_t *len)
{
	json_t *meta = json_object_get(obj, "metadata");
	json_t *rv = NULL;
	char *s;

	if (json_is_object(meta) &&
	    (rv = json_object_get(meta, "resourceVersion")) != NULL) {
		json_incref(rv);
		json_object_del(meta, "resourceVersion");
	}
	s = json_dumps(obj, JSON_COMPACT);
	if (rv != NULL) {
		json_object_set_new(meta, "resourceVersion", rv);
	}
	if (s != NULL && len != NULL)
		*len = strlen(s);
	return s;
}

void
object_set_rv(json_t *obj, int64_t rev)
{
	json_t *meta = json_object_get(obj, "metadata");
	char b[32];

	if (!json_is_object(meta))
		return;
	snprintf(b, sizeof b, "%lld", (long long)rev);
	json_object_set_new(meta, "resourceVersion", json_string(b));
}

json_t *
object_decode(const char *data, size_t len, int64_t rev, struct err *err)
{
	json_error_t je;
	json_t *obj;

	obj = json_loadb(data, len, 0, &je);
	if (obj == NULL) {
		err_set(err, ERR_INTERNAL, "stored object is not JSON: %s",
		    je.text);
		return NULL;
	}
	if (rev > 0)
		object_set_rv(obj, rev);
	return obj;
}

int64_t
object_rv(const json_t *obj)
{
	const char *s = json_string_value(json_object_get(
	    json_object_get(obj, "metadata"), "resourceVersion"));
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0)
		return -1;
	return v;
}
