/* base64.c - base64 encoding and decoding (see base64.h). */
#include <string.h>

#include "base64.h"

static const char base64_std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char base64_url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int
base64_encode(const void *data, size_t len, int url, struct buf *out)
{
	const unsigned char *p = data;
	const char *a = url ? base64_url : base64_std;
	char q[4];
	size_t i;
	unsigned v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		q[0] = a[v >> 18];
		q[1] = a[(v >> 12) & 63];
		q[2] = a[(v >> 6) & 63];
		q[3] = a[v & 63];
		if (buf_add(out, q, 4) < 0)
			return -1;
	}
	if (i < len) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		q[0] = a[v >> 18];
		q[1] = a[(v >> 12) & 63];
		q[2] = i + 1 < len ? a[(v >> 6) & 63] : '=';
		q[3] = '=';
		if (buf_add(out, q, url ? (i + 1 < len ? 3 : 2) : 4) < 0)
			return -1;
	}
	if (out->data == NULL)
		return buf_add(out, "", 0);
	return 0;
}

static int
base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

int
base64_decode(const char *s, size_t len, struct buf *out)
{
	unsigned v = 0;
	int bits = 0, d;
	size_t i;
	char c;

	while (len > 0 && s[len - 1] == '=')
		len--;
	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r')
			continue;
		if ((d = base64_value(s[i])) < 0)
			return -1;
		v = v << 6 | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (char)((v >> bits) & 0xff);
			if (buf_addc(out, c) < 0)
				return -1;
		}
	}
	if (out->data == NULL)
		return buf_add(out, "", 0);
	return 0;
}
