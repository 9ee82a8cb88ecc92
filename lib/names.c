/* names.c - Kubernetes name rules with apimachinery's messages, word for
 * word (k8s.io/apimachinery/pkg/util/validation and
 * pkg/api/validate/content).  Several messages are joined with "; ", as
 * the label selector parser joins them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

#define NAMES_LABEL_FMT		"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
#define NAMES_SUBDOMAIN_FMT	NAMES_LABEL_FMT "(\\." NAMES_LABEL_FMT ")*"
#define NAMES_DNS1035_FMT	"[a-z]([-a-z0-9]*[a-z0-9])?"
#define NAMES_KEY_FMT		"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
#define NAMES_VALUE_FMT		"(" NAMES_KEY_FMT ")?"

#define NAMES_SUBDOMAIN_MSG	"a lowercase RFC 1123 subdomain must " \
	"consist of lower case alphanumeric characters, '-' or '.', and " \
	"must start and end with an alphanumeric character (e.g. " \
	"'example.com', regex used for validation is '" \
	NAMES_SUBDOMAIN_FMT "')"
#define NAMES_LABEL_MSG		"a lowercase RFC 1123 label must consist " \
	"of lower case alphanumeric characters or '-', and must start and " \
	"end with an alphanumeric character (e.g. 'my-name',  or " \
	"'123-abc', regex used for validation is '" NAMES_LABEL_FMT "')"
#define NAMES_DNS1035_MSG	"a DNS-1035 label must consist of lower " \
	"case alphanumeric characters or '-', start with an alphabetic " \
	"character, and end with an alphanumeric character (e.g. " \
	"'my-name',  or 'abc-123', regex used for validation is '" \
	NAMES_DNS1035_FMT "')"
#define NAMES_KEY_MSG		"must consist of alphanumeric characters, " \
	"'-', '_' or '.', and must start and end with an alphanumeric " \
	"character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex " \
	"used for validation is '" NAMES_KEY_FMT "')"
#define NAMES_VALUE_MSG		"a valid label must be an empty string or " \
	"consist of alphanumeric characters, '-', '_' or '.', and must " \
	"start and end with an alphanumeric character (e.g. 'MyValue',  " \
	"or 'my_value',  or '12345', regex used for validation is '" \
	NAMES_VALUE_FMT "')"

/* The messages collected for one value. */
struct names_why {
	char	*buf;
	size_t	 len;
	size_t	 used;
	int	 count;
};

static void
names_add(struct names_why *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
names_add(struct names_why *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	w->count++;
	if (w->buf == NULL || w->len == 0 || w->used + 1 >= w->len)
		return;
	if (w->count > 1) {
		n = snprintf(w->buf + w->used, w->len - w->used, "; ");
		w->used += (size_t)n;
		if (w->used >= w->len) {
			w->used = w->len - 1;
			return;
		}
	}
	va_start(ap, fmt);
	n = vsnprintf(w->buf + w->used, w->len - w->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->used += (size_t)n;
	if (w->used >= w->len)
		w->used = w->len - 1;
}

static int
names_done(struct names_why *w)
{
	return w->count ? -1 : 0;
}

static void
names_init(struct names_why *w, char *why, size_t len)
{
	w->buf = why;
	w->len = len;
	w->used = 0;
	w->count = 0;
	if (why != NULL && len > 0)
		why[0] = '\0';
}

static int
names_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
names_alnum(char c)
{
	return names_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? over s[0..n) */
static int
names_is_label(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !names_lower_alnum(s[0]) || !names_lower_alnum(s[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!names_lower_alnum(s[i]) && s[i] != '-')
			return 0;
	return 1;
}

static int
names_is_subdomain(const char *s, size_t n)
{
	const char *dot;
	size_t len;

	for (;;) {
		dot = memchr(s, '.', n);
		len = dot ? (size_t)(dot - s) : n;
		if (!names_is_label(s, len))
			return 0;
		if (dot == NULL)
			return 1;
		s = dot + 1;
		n -= len + 1;
	}
}

/* ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] over s[0..n) */
static int
names_is_key_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !names_alnum(s[0]) || !names_alnum(s[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!names_alnum(s[i]) && s[i] != '-' && s[i] != '_' &&
		    s[i] != '.')
			return 0;
	return 1;
}

static void
names_subdomain_why(struct names_why *w, const char *s, size_t n,
    const char *prefix, const char *unit)
{
	if (n > 253)
		names_add(w, "%smust be no more than 253 %s", prefix, unit);
	if (!names_is_subdomain(s, n))
		names_add(w, "%s%s", prefix, NAMES_SUBDOMAIN_MSG);
}

int
names_dns1123_subdomain(const char *s, char *why, size_t len)
{
	struct names_why w;

	names_init(&w, why, len);
	names_subdomain_why(&w, s, strlen(s), "", "characters");
	return names_done(&w);
}

int
names_dns1123_label(const char *s, char *why, size_t len)
{
	struct names_why w;
	size_t n = strlen(s);

	names_init(&w, why, len);
	if (n > 63)
		names_add(&w, "must be no more than 63 characters");
	if (!names_is_label(s, n)) {
		if (names_is_subdomain(s, n))
			names_add(&w, "must not contain dots");
		else
			names_add(&w, "%s", NAMES_LABEL_MSG);
	}
	return names_done(&w);
}

int
names_dns1035_label(const char *s, char *why, size_t len)
{
	struct names_why w;
	size_t n = strlen(s);

	names_init(&w, why, len);
	if (n > 63)
		names_add(&w, "must be no more than 63 characters");
	if (n == 0 || s[0] < 'a' || s[0] > 'z' || !names_is_label(s, n))
		names_add(&w, "%s", NAMES_DNS1035_MSG);
	return names_done(&w);
}

/* content.IsLabelKey */
int
names_label_key(const char *s, char *why, size_t len)
{
	struct names_why w;
	const char *slash, *name = s;
	size_t n;

	names_init(&w, why, len);
	slash = strchr(s, '/');
	if (slash != NULL && strchr(slash + 1, '/') != NULL) {
		names_add(&w, "a valid label key %s with an optional DNS "
		    "subdomain prefix and '/' (e.g. 'example.com/MyName')",
		    NAMES_KEY_MSG);
		return -1;
	}
	if (slash != NULL) {
		if (slash == s)
			names_add(&w, "prefix part must be non-empty");
		else
			names_subdomain_why(&w, s, (size_t)(slash - s),
			    "prefix part ", "characters");
		name = slash + 1;
	}
	n = strlen(name);
	if (n == 0)
		names_add(&w, "name part must be non-empty");
	else if (n > 63)
		names_add(&w, "name part must be no more than 63 characters");
	if (!names_is_key_name(name, n))
		names_add(&w, "name part %s", NAMES_KEY_MSG);
	return names_done(&w);
}

int
names_label_value(const char *s, char *why, size_t len)
{
	struct names_why w;
	size_t n = strlen(s);

	names_init(&w, why, len);
	if (n > 63)
		names_add(&w, "must be no more than 63 characters");
	if (n > 0 && !names_is_key_name(s, n))
		names_add(&w, "%s", NAMES_VALUE_MSG);
	return names_done(&w);
}

int
names_qualified_name(const char *s, char *why, size_t len)
{
	return names_label_key(s, why, len);
}

/* path.IsValidPathSegmentName */
int
names_path_segment(const char *s, char *why, size_t len)
{
	struct names_why w;

	names_init(&w, why, len);
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		names_add(&w, "may not be '%s'", s);
		return -1;
	}
	if (strchr(s, '/') != NULL)
		names_add(&w, "may not contain '/'");
	if (strchr(s, '%') != NULL)
		names_add(&w, "may not contain '%%'");
	return names_done(&w);
}

int
names_object_name(const char *s, char *why, size_t len)
{
	if (names_dns1123_subdomain(s, why, len) < 0)
		return -1;
	return names_path_segment(s, why, len);
}
