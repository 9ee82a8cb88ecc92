/* objects.c - storage keys, uids, timestamps and the stored encoding of
 * objects (JSON without metadata.resourceVersion, which is the store's
 * revision and is set again on every read).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/crypto.h>

#include "../lib/jsonenc.h"
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
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	size_t i, n = 0;

	/* GnuTLS's generator: no system call per object */
	if (len < 37 || gnutls_rnd(GNUTLS_RND_NONCE, b, sizeof b) < 0)
		return -1;
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	for (i = 0; i < sizeof b; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[n++] = '-';
		out[n++] = hex[b[i] >> 4];
		out[n++] = hex[b[i] & 15];
	}
	out[n] = '\0';
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

/* obj as the store keeps it: without metadata.resourceVersion; where
 * metadata's first member goes in *meta_off (jsonsplice_at), or 0. */
char *
object_encode(const json_t *obj, size_t *len, size_t *meta_off)
{
	struct jsonenc_meta m = { "resourceVersion", 0 };
	char *s;

	s = jsonenc_dup(obj, len, &m);
	if (meta_off != NULL)
		*meta_off = s != NULL ? m.off : 0;
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
