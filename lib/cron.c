/* cron.c - CronJob schedule parsing and next-run computation, with the
 * semantics and messages of github.com/robfig/cron/v3 (see cron.h). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cron.h"

#define CRON_MAX_FIELDS	16

struct cron_bounds {
	unsigned		 min, max;
	const char *const	*names;	/* index = value, or NULL */
};

static const char *const cron_month_names[] = { "", "jan", "feb", "mar",
    "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL };
static const char *const cron_dow_names[] = { "sun", "mon", "tue", "wed",
    "thu", "fri", "sat", NULL };

static const struct cron_bounds cron_minutes = { 0, 59, NULL };
static const struct cron_bounds cron_hours = { 0, 23, NULL };
static const struct cron_bounds cron_doms = { 1, 31, NULL };
static const struct cron_bounds cron_months = { 1, 12, cron_month_names };
static const struct cron_bounds cron_dows = { 0, 6, cron_dow_names };

static uint64_t
cron_bits(unsigned min, unsigned max, unsigned step)
{
	uint64_t bits = 0;
	unsigned i;

	for (i = min; i <= max; i += step)
		bits |= (uint64_t)1 << i;
	return bits;
}

static uint64_t
cron_all(const struct cron_bounds *r)
{
	return cron_bits(r->min, r->max, 1) | CRON_STAR_BIT;
}

/* Go's strconv.Atoi on s[0..n), then the library's negative check. */
static int
cron_atoi(const char *s, size_t n, unsigned *out, char *why, size_t len)
{
	char tmp[64], *end;
	long long v;

	snprintf(tmp, sizeof tmp, "%.*s", (int)(n < 63 ? n : 63), s);
	errno = 0;
	if (n == 0 || n >= sizeof tmp || isspace((unsigned char)tmp[0]) ||
	    ((tmp[0] == '+' || tmp[0] == '-') && !isdigit((unsigned char)tmp[1]))) {
		snprintf(why, len, "failed to parse int from %.*s: strconv.Atoi:"
		    " parsing \"%.*s\": invalid syntax", (int)n, s, (int)n, s);
		return -1;
	}
	v = strtoll(tmp, &end, 10);
	if (*end != '\0') {
		snprintf(why, len, "failed to parse int from %s: strconv.Atoi: "
		    "parsing \"%s\": invalid syntax", tmp, tmp);
		return -1;
	}
	if (errno == ERANGE) {
		snprintf(why, len, "failed to parse int from %s: strconv.Atoi: "
		    "parsing \"%s\": value out of range", tmp, tmp);
		return -1;
	}
	if (v < 0) {
		snprintf(why, len, "negative number (%lld) not allowed: %s", v,
		    tmp);
		return -1;
	}
	*out = v > UINT_MAX ? UINT_MAX : (unsigned)v;
	return 0;
}

static int
cron_int_or_name(const char *s, size_t n, const struct cron_bounds *r,
    unsigned *out, char *why, size_t len)
{
	unsigned i;

	if (r->names != NULL)
		for (i = 0; r->names[i] != NULL; i++)
			if (r->names[i][0] != '\0' && strlen(r->names[i]) == n &&
			    strncasecmp(r->names[i], s, n) == 0) {
				*out = i;
				return 0;
			}
	return cron_atoi(s, n, out, why, len);
}

/* One range: "*", "?", "n", "n-m", each with an optional "/step". */
static int
cron_range(const char *expr, size_t n, const struct cron_bounds *r,
    uint64_t *bits, char *why, size_t len)
{
	const char *slash = memchr(expr, '/', n), *dash, *p;
	size_t rn = slash ? (size_t)(slash - expr) : n;
	unsigned start, end, step = 1;
	uint64_t extra = 0;
	int single, nslash = 0, ndash = 0;

	for (p = expr; p < expr + n; p++)
		nslash += *p == '/';
	for (p = expr; p < expr + rn; p++)
		ndash += *p == '-';
	dash = memchr(expr, '-', rn);
	single = ndash == 0;
	if ((dash ? (size_t)(dash - expr) : rn) == 1 &&
	    (expr[0] == '*' || expr[0] == '?')) {
		start = r->min;
		end = r->max;
		extra = CRON_STAR_BIT;
	} else {
		if (cron_int_or_name(expr, dash ? (size_t)(dash - expr) : rn, r,
		    &start, why, len) < 0)
			return -1;
		if (ndash == 0)
			end = start;
		else if (ndash == 1) {
			if (cron_int_or_name(dash + 1, rn - (size_t)(dash + 1 -
			    expr), r, &end, why, len) < 0)
				return -1;
		} else {
			snprintf(why, len, "too many hyphens: %.*s", (int)n, expr);
			return -1;
		}
	}
	if (nslash == 1) {
		if (cron_atoi(slash + 1, n - rn - 1, &step, why, len) < 0)
			return -1;
		if (single)
			end = r->max;
		if (step > 1)
			extra = 0;
	} else if (nslash > 1) {
		snprintf(why, len, "too many slashes: %.*s", (int)n, expr);
		return -1;
	}
	if (start < r->min) {
		snprintf(why, len, "beginning of range (%u) below minimum (%u): "
		    "%.*s", start, r->min, (int)n, expr);
		return -1;
	}
	if (end > r->max) {
		snprintf(why, len, "end of range (%u) above maximum (%u): %.*s",
		    end, r->max, (int)n, expr);
		return -1;
	}
	if (start > end) {
		snprintf(why, len, "beginning of range (%u) beyond end of range "
		    "(%u): %.*s", start, end, (int)n, expr);
		return -1;
	}
	if (step == 0) {
		snprintf(why, len, "step of range should be a positive number: "
		    "%.*s", (int)n, expr);
		return -1;
	}
	*bits = cron_bits(start, end, step) | extra;
	return 0;
}

/* A comma-separated list of ranges; empty items are skipped. */
static int
cron_field(const char *f, const struct cron_bounds *r, uint64_t *out,
    char *why, size_t len)
{
	const char *p = f, *q;
	uint64_t bits = 0, b;

	while (*p != '\0') {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		if (q > p) {
			if (cron_range(p, (size_t)(q - p), r, &b, why, len) < 0)
				return -1;
			bits |= b;
		}
		p = *q ? q + 1 : q;
	}
	*out = bits;
	return 0;
}

/* Go's time.ParseDuration, enough for "@every": "1h30m", "90s", "1.5h". */
static int
cron_duration(const char *s, long long *secs, char *why, size_t len)
{
	static const struct {
		const char	*unit;
		double		 secs;
	} units[] = {
		{ "ns", 1e-9 }, { "us", 1e-6 }, { "\xc2\xb5s", 1e-6 },
		{ "\xce\xbcs", 1e-6 }, { "ms", 1e-3 }, { "s", 1 }, { "m", 60 },
		{ "h", 3600 },
	};
	const char *p = s, *u;
	double total = 0, v;
	char *end;
	size_t i, n;
	int neg = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (strcmp(p, "0") == 0) {
		*secs = 0;
		return 0;
	}
	if (*p == '\0')
		goto invalid;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p) && *p != '.')
			goto invalid;
		v = strtod(p, &end);
		if (end == p)
			goto invalid;
		p = end;
		for (u = p; *p != '\0' && *p != '.' &&
		    !isdigit((unsigned char)*p); p++)
			;
		n = (size_t)(p - u);
		if (n == 0) {
			snprintf(why, len, "time: missing unit in duration "
			    "\"%s\"", s);
			return -1;
		}
		for (i = 0; i < sizeof units / sizeof units[0]; i++)
			if (strlen(units[i].unit) == n &&
			    strncmp(units[i].unit, u, n) == 0)
				break;
		if (i == sizeof units / sizeof units[0]) {
			snprintf(why, len, "time: unknown unit \"%.*s\" in "
			    "duration \"%s\"", (int)n, u, s);
			return -1;
		}
		total += v * units[i].secs;
	}
	/* robfig's Every(): at least one second, whole seconds */
	*secs = neg ? 0 : (long long)total;
	if (*secs < 1)
		*secs = 1;
	return 0;
invalid:
	snprintf(why, len, "time: invalid duration \"%s\"", s);
	return -1;
}

static int
cron_descriptor(const char *d, struct cron_schedule *s, char *why,
    size_t len)
{
	char dw[300];

	s->minute = 1;
	s->hour = 1;
	s->dom = 1 << 1;
	s->month = 1 << 1;
	s->dow = cron_all(&cron_dows);
	if (strcmp(d, "@yearly") == 0 || strcmp(d, "@annually") == 0)
		return 0;
	s->month = cron_all(&cron_months);
	if (strcmp(d, "@monthly") == 0)
		return 0;
	s->dom = cron_all(&cron_doms);
	if (strcmp(d, "@weekly") == 0) {
		s->dow = 1;
		return 0;
	}
	if (strcmp(d, "@daily") == 0 || strcmp(d, "@midnight") == 0)
		return 0;
	s->hour = cron_all(&cron_hours);
	if (strcmp(d, "@hourly") == 0)
		return 0;
	if (strncmp(d, "@every ", 7) == 0) {
		if (cron_duration(d + 7, &s->every, dw, sizeof dw) < 0) {
			snprintf(why, len, "failed to parse duration %s: %s", d,
			    dw);
			return -1;
		}
		return 0;
	}
	snprintf(why, len, "unrecognized descriptor: %s", d);
	return -1;
}

int
cron_parse(const char *spec, struct cron_schedule *s, char *why, size_t len)
{
	static const struct cron_bounds *const bounds[] = { &cron_minutes,
	    &cron_hours, &cron_doms, &cron_months, &cron_dows };
	uint64_t *out[] = { &s->minute, &s->hour, &s->dom, &s->month, &s->dow };
	char *copy = NULL, *fields[CRON_MAX_FIELDS], *p, *sp, list[512];
	const char *eq;
	size_t nf = 0, n, i;
	int rc = -1;

	memset(s, 0, sizeof *s);
	if (spec == NULL || spec[0] == '\0') {
		snprintf(why, len, "empty spec string");
		return -1;
	}
	if (strncmp(spec, "TZ=", 3) == 0 || strncmp(spec, "CRON_TZ=", 8) == 0) {
		eq = strchr(spec, '=');
		sp = strchr(spec, ' ');
		if (sp == NULL) {
			/* Go slices spec[eq+1:-1] here and panics; say so */
			snprintf(why, len, "provided bad location %s: unknown "
			    "time zone %s", eq + 1, eq + 1);
			return -1;
		}
		snprintf(s->tz, sizeof s->tz, "%.*s", (int)(sp - eq - 1), eq + 1);
		spec = sp;
		while (isspace((unsigned char)*spec))
			spec++;
	}
	copy = strdup(spec);
	if (copy == NULL) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	/* strings.TrimSpace then descriptors */
	for (n = strlen(copy); n > 0 && isspace((unsigned char)copy[n - 1]); n--)
		copy[n - 1] = '\0';
	if (copy[0] == '@') {
		rc = cron_descriptor(copy, s, why, len);
		goto out;
	}
	for (p = strtok_r(copy, " \t\n\v\f\r", &sp); p != NULL;
	    p = strtok_r(NULL, " \t\n\v\f\r", &sp)) {
		if (nf < CRON_MAX_FIELDS)
			fields[nf] = p;
		nf++;
	}
	if (nf != 5) {
		n = (size_t)snprintf(list, sizeof list, "[");
		for (i = 0; i < nf && i < CRON_MAX_FIELDS && n < sizeof list;
		    i++)
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
			    i ? " " : "", fields[i]);
		if (n < sizeof list)
			snprintf(list + n, sizeof list - n, "]");
		snprintf(why, len, "expected exactly 5 fields, found %zu: %s",
		    nf, list);
		goto out;
	}
	for (i = 0; i < 5; i++)
		if (cron_field(fields[i], bounds[i], out[i], why, len) < 0)
			goto out;
	rc = 0;
out:
	free(copy);
	return rc;
}

static int
cron_day_matches(const struct cron_schedule *s, const struct tm *tm)
{
	int dom = (s->dom >> tm->tm_mday) & 1, dow = (s->dow >> tm->tm_wday) & 1;

	if ((s->dom & CRON_STAR_BIT) || (s->dow & CRON_STAR_BIT))
		return dom && dow;
	return dom || dow;
}

time_t
cron_next(const struct cron_schedule *s, time_t t, long utc_offset)
{
	struct tm tm;
	time_t lt;
	int added = 0, limit;

	if (s->every > 0)
		return t + s->every;
	lt = t + utc_offset + 1;
	gmtime_r(&lt, &tm);
	limit = tm.tm_year + 5;
wrap:
	if (tm.tm_year > limit)
		return 0;
	while (!((s->month >> (tm.tm_mon + 1)) & 1)) {
		if (!added) {
			added = 1;
			tm.tm_mday = 1;
			tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		}
		tm.tm_mon++;
		lt = timegm(&tm);
		gmtime_r(&lt, &tm);
		if (tm.tm_mon == 0)
			goto wrap;
	}
	while (!cron_day_matches(s, &tm)) {
		if (!added) {
			added = 1;
			tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		}
		tm.tm_mday++;
		lt = timegm(&tm);
		gmtime_r(&lt, &tm);
		if (tm.tm_mday == 1)
			goto wrap;
	}
	while (!((s->hour >> tm.tm_hour) & 1)) {
		if (!added) {
			added = 1;
			tm.tm_min = tm.tm_sec = 0;
		}
		tm.tm_hour++;
		lt = timegm(&tm);
		gmtime_r(&lt, &tm);
		if (tm.tm_hour == 0)
			goto wrap;
	}
	while (!((s->minute >> tm.tm_min) & 1)) {
		if (!added) {
			added = 1;
			tm.tm_sec = 0;
		}
		tm.tm_min++;
		lt = timegm(&tm);
		gmtime_r(&lt, &tm);
		if (tm.tm_min == 0)
			goto wrap;
	}
	/* seconds: the standard parser always fires at second 0 */
	if (tm.tm_sec != 0) {
		tm.tm_sec = 0;
		tm.tm_min++;
		lt = timegm(&tm);
		gmtime_r(&lt, &tm);
		added = 1;
		goto wrap;
	}
	return timegm(&tm) - utc_offset;
}
