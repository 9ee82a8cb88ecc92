/* jsonsplice.c - one member added to an object of a JSON text by a scan
 * over its bytes; see jsonsplice.h. */
#include <string.h>

#include "jsonsplice.h"

static const char *
js_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

/* p at '"': past the closing quote, or NULL. */
static const char *
js_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\') {
			if (++p == end)
				return NULL;
		} else if (*p == '"') {
			return p + 1;
		} else if ((unsigned char)*p < 0x20) {
			return NULL;
		}
	}
	return NULL;
}

/* Past one value at p (brackets counted, strings skipped), or NULL. */
static const char *
js_value(const char *p, const char *end)
{
	size_t depth = 0;

	if (p >= end)
		return NULL;
	if (*p == '"')
		return js_string(p, end);
	if (*p != '{' && *p != '[') {	/* a number or a literal */
		const char *s = p;

		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
		    *p != '"' && *p != '{' && *p != '[' && *p != ':')
			p++;
		return p > s ? p : NULL;
	}
	for (; p < end; p++) {
		if (*p == '"') {
			if ((p = js_string(p, end)) == NULL)
				return NULL;
			p--;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (--depth == 0)
				return p + 1;
		}
	}
	return NULL;
}

/*
 * Scans the members of the object whose '{' is at p: past its closing
 * '}', or NULL when it is not whole or has a key with an escape.  When
 * found is not NULL, the scan stops at the value of the key want, sets
 * *found to it and returns it.
 */
static const char *
js_members(const char *p, const char *end, const char *want,
    const char **found)
{
	const char *k, *ke;
	size_t wl = strlen(want);

	p = js_ws(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		if (p >= end || *p != '"')
			return NULL;
		k = p + 1;
		if ((ke = js_string(p, end)) == NULL ||
		    memchr(k, '\\', (size_t)(ke - k)) != NULL)
			return NULL;	/* escaped keys: not worth decoding */
		p = js_ws(ke, end);
		if (p >= end || *p != ':')
			return NULL;
		p = js_ws(p + 1, end);
		if ((size_t)(ke - 1 - k) == wl && memcmp(k, want, wl) == 0 &&
		    found != NULL) {
			*found = p;
			return p;
		}
		if ((p = js_value(p, end)) == NULL)
			return NULL;
		p = js_ws(p, end);
		if (p < end && *p == '}')
			return p + 1;
		if (p >= end || *p != ',')
			return NULL;
		p = js_ws(p + 1, end);
	}
}

int
jsonsplice_member(const char *data, size_t len, const char *parent,
    const char *name, const char *value, struct buf *out)
{
	const char *end = data + len, *p, *obj = NULL, *dup = NULL, *after;
	size_t mark = out->len;

	p = js_ws(data, end);
	if (p >= end || *p != '{' || js_members(p, end, parent, &obj) == NULL ||
	    obj == NULL || obj >= end || *obj != '{')
		return -1;
	/* the object must be whole, and without the member */
	if (js_members(obj, end, name, &dup) == NULL || dup != NULL)
		return -1;
	/* ... and so must the rest of the text */
	if ((after = js_value(obj, end)) == NULL)
		return -1;
	for (p = after;;) {
		p = js_ws(p, end);
		if (p < end && *p == '}')
			break;
		if (p >= end || *p != ',')
			return -1;
		p = js_ws(p + 1, end);
		if (p >= end || *p != '"' || (p = js_string(p, end)) == NULL)
			return -1;
		p = js_ws(p, end);
		if (p >= end || *p != ':')
			return -1;
		if ((p = js_value(js_ws(p + 1, end), end)) == NULL)
			return -1;
	}
	p = js_ws(obj + 1, end);
	if (buf_add(out, data, (size_t)(obj + 1 - data)) < 0 ||
	    buf_addc(out, '"') < 0 || buf_adds(out, name) < 0 ||
	    buf_adds(out, "\":") < 0 || buf_adds(out, value) < 0 ||
	    (*p != '}' && buf_addc(out, ',') < 0) ||
	    buf_add(out, obj + 1, (size_t)(end - obj - 1)) < 0) {
		buf_truncate(out, mark);
		return -1;
	}
	return 0;
}

int
jsonsplice_at(const char *data, size_t len, size_t off, const char *name,
    const char *value, struct buf *out)
{
	size_t mark = out->len;

	if (off == 0 || off >= len || data[off - 1] != '{')
		return -1;
	if (buf_add(out, data, off) < 0 || buf_addc(out, '"') < 0 ||
	    buf_adds(out, name) < 0 || buf_add(out, "\":", 2) < 0 ||
	    buf_adds(out, value) < 0 ||
	    (data[off] != '}' && buf_addc(out, ',') < 0) ||
	    buf_add(out, data + off, len - off) < 0) {
		buf_truncate(out, mark);
		return -1;
	}
	return 0;
}
