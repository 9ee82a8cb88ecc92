/* quantity.c - Kubernetes resource quantities, parsed and printed exactly
 * as apimachinery's resource.Quantity does (see quantity.h).
 *
 * A value is kept as a signed 128-bit count of nano units.  Parsing
 * follows ParseQuantity step by step: the same grammar, suffix table,
 * rounding (up, away from zero, to a nano), the clamp of binary values at
 * 2^63-1 and the switch of binary values below 1 to decimal SI.  Go keeps
 * the input string when it is already "canonical enough" (e.g. "1.200k" or
 * "+1Ki" print as typed); quantity_canonical() reproduces that.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quantity.h"

#define QUANTITY_RE	"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
#define QUANTITY_NANO	((__int128)1000000000)

typedef unsigned __int128 quantity_u128;

static const quantity_u128 quantity_u128_max =
    ((quantity_u128)1 << 127) - 1;	/* largest magnitude we hold */

/* 2^63-1 units: the largest binary quantity (maxAllowed in Go). */
#define QUANTITY_BIN_MAX	((quantity_u128)INT64_MAX * 1000000000u)

struct quantity_split {
	int		 positive;
	const char	*num;		/* leading zeros removed; may be empty */
	size_t		 numlen;
	const char	*denom;
	size_t		 denomlen;
	const char	*suffix;
	size_t		 sufflen;
	int		 hasdigit;	/* the numeric part holds a digit */
};

static int
quantity_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* parseQuantityString: 0, or -1 when the string does not match. */
static int
quantity_split(const char *s, size_t end, struct quantity_split *p)
{
	size_t pos = 0, i, suffstart;

	memset(p, 0, sizeof *p);
	p->positive = 1;
	p->num = p->denom = p->suffix = s + end;
	if (pos < end && (s[0] == '-' || s[0] == '+')) {
		p->positive = s[0] == '+';
		pos++;
	}
	while (pos < end && s[pos] == '0') {
		p->hasdigit = 1;
		pos++;
	}
	if (pos >= end)
		return 0;		/* all zeros: the value 0 */
	for (i = pos; i < end && quantity_isdigit(s[i]); i++)
		p->hasdigit = 1;
	p->num = s + pos;
	p->numlen = i - pos;
	pos = i;
	if (pos >= end)
		return 0;
	if (s[pos] == '.') {
		pos++;
		for (i = pos; i < end && quantity_isdigit(s[i]); i++)
			p->hasdigit = 1;
		p->denom = s + pos;
		p->denomlen = i - pos;
		pos = i;
		if (pos >= end)
			return 0;
	}
	suffstart = pos;
	while (pos < end && strchr("eEinumkKMGTP", s[pos]) != NULL)
		pos++;
	if (pos < end && (s[pos] == '-' || s[pos] == '+'))
		pos++;
	while (pos < end && quantity_isdigit(s[pos]))
		pos++;
	if (pos < end)
		return -1;
	p->suffix = s + suffstart;
	p->sufflen = end - suffstart;
	return 0;
}

/* strconv.ParseInt(s, 10, 64) */
static int
quantity_parseint(const char *s, size_t n, int64_t *out)
{
	uint64_t v = 0, lim;
	size_t i = 0;
	int neg = 0;

	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == n)
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (!quantity_isdigit(s[i]))
			return -1;
		if (v > (lim - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* The suffix table: base 10 or 2, the exponent, the format. */
static int
quantity_suffix(const char *s, size_t n, int *base, int32_t *exp,
    enum quantity_format *f)
{
	static const struct {
		const char	*s;
		int		 base;
		int		 exp;
	} tab[] = {
		{ "", 10, 0 }, { "n", 10, -9 }, { "u", 10, -6 }, { "m", 10, -3 },
		{ "k", 10, 3 }, { "M", 10, 6 }, { "G", 10, 9 }, { "T", 10, 12 },
		{ "P", 10, 15 }, { "E", 10, 18 },
		{ "Ki", 2, 10 }, { "Mi", 2, 20 }, { "Gi", 2, 30 }, { "Ti", 2, 40 },
		{ "Pi", 2, 50 }, { "Ei", 2, 60 },
	};
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		if (strlen(tab[i].s) == n && memcmp(tab[i].s, s, n) == 0) {
			*base = tab[i].base;
			*exp = tab[i].exp;
			*f = tab[i].base == 2 ? QUANTITY_BINARY_SI :
			    QUANTITY_DECIMAL_SI;
			return 0;
		}
	}
	if (n > 1 && (s[0] == 'e' || s[0] == 'E')) {
		if (quantity_parseint(s + 1, n - 1, &v) < 0)
			return -1;
		*base = 10;
		*exp = (int32_t)v;	/* Go truncates to int32 as well */
		*f = QUANTITY_DECIMAL_EXP;
		return 0;
	}
	return -1;
}

/*
 * Whether ParseQuantity takes its int64 fast path, and whether that path
 * keeps the input string as the printed form.
 */
static int
quantity_fastpath(const struct quantity_split *p, int32_t exp,
    enum quantity_format f, int *keep)
{
	size_t numlen = p->numlen ? p->numlen : 1;
	int64_t precision, scale;
	uint64_t v = 0;
	size_t i;

	*keep = 0;
	if (f == QUANTITY_BINARY_SI) {
		if (exp < 0 || p->denomlen != 0)
			return 0;
		precision = 15 - (int64_t)numlen - exp * 3 / 10 - 1;
		scale = 0;
	} else {
		precision = 18 - (int64_t)(numlen + p->denomlen);
		scale = exp;
	}
	if (precision < 0)
		return 0;
	scale -= (int64_t)p->denomlen;
	if (scale < -9)
		return 0;
	for (i = 0; i < p->numlen; i++)
		v = v * 10 + (uint64_t)(p->num[i] - '0');
	for (i = 0; i < p->denomlen; i++)
		v = v * 10 + (uint64_t)(p->denom[i] - '0');
	if (f == QUANTITY_BINARY_SI) {
		if (v != 0 && v > (uint64_t)INT64_MAX >> exp)
			return 0;	/* overflows: the big path */
		*keep = (v & 7) != 0;
		return 1;
	}
	if (scale % 3 == 0 && p->numlen > 0) {
		/* shifted = num+denom: no trailing "000", no leading '0' */
		char last[3];
		size_t tot = p->numlen + p->denomlen, k;

		if (tot < 3)
			*keep = 1;
		else {
			for (k = 0; k < 3; k++) {
				i = tot - 3 + k;
				last[k] = i < p->numlen ? p->num[i] :
				    p->denom[i - p->numlen];
			}
			*keep = memcmp(last, "000", 3) != 0;
		}
	}
	return 1;
}

/*
 * ceil(|D| * mult * 10^shift) in nanos, D being the digits of num then
 * denom.  -1 when the value does not fit, -2 when out of memory.
 */
static int
quantity_scale(const struct quantity_split *p, unsigned bits, int64_t shift,
    quantity_u128 *out)
{
	size_t n = p->numlen + p->denomlen, len, i, start, keep;
	quantity_u128 v = 0;
	unsigned char *d;
	unsigned __int128 carry;
	int rc = 0, rest = 0;

	*out = 0;
	/* room for the product with 2^bits (at most 19 more digits) */
	len = n + 20;
	if ((d = malloc(len)) == NULL)
		return -2;
	memset(d, 0, 20);
	for (i = 0; i < p->numlen; i++)
		d[20 + i] = (unsigned char)(p->num[i] - '0');
	for (i = 0; i < p->denomlen; i++)
		d[20 + p->numlen + i] = (unsigned char)(p->denom[i] - '0');
	if (bits > 0) {
		carry = 0;
		for (i = len; i-- > 0;) {
			carry += (unsigned __int128)d[i] << bits;
			d[i] = (unsigned char)(carry % 10);
			carry /= 10;
		}
	}
	for (start = 0; start < len && d[start] == 0; start++)
		;
	if (start == len)
		goto out;		/* zero */
	n = len - start;		/* significant digits */
	if (shift < 0) {
		if ((uint64_t)-shift >= n) {
			*out = 1;	/* only a fraction of a nano: round up */
			goto out;
		}
		keep = n - (size_t)-shift;
		for (i = start + keep; i < len; i++)
			if (d[i] != 0)
				rest = 1;
		n = keep;
		shift = 0;
	}
	if (shift > 40 || n > 40) {
		rc = -1;
		goto out;
	}
	for (i = start; i < start + n; i++) {
		if (v > (quantity_u128_max - d[i]) / 10) {
			rc = -1;
			goto out;
		}
		v = v * 10 + d[i];
	}
	for (; shift > 0; shift--) {
		if (v > quantity_u128_max / 10) {
			rc = -1;
			goto out;
		}
		v *= 10;
	}
	if (rest) {
		if (v == quantity_u128_max) {
			rc = -1;
			goto out;
		}
		v++;
	}
	*out = v;
out:
	free(d);
	return rc;
}

/* ParseQuantity; *keep tells whether Go prints the input unchanged. */
static int
quantity_parse_keep(const char *s, struct quantity *q, int *keep,
    struct err *err)
{
	struct quantity_split p;
	enum quantity_format f;
	quantity_u128 mag;
	int32_t exp;
	int64_t shift;
	int base, fast, rc;

	q->nano = 0;
	q->format = QUANTITY_DECIMAL_SI;
	*keep = 0;
	if (s == NULL || s[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST,
		    "quantities must match the regular expression '%s'",
		    QUANTITY_RE);
	if (strcmp(s, "0") == 0) {
		*keep = 1;
		return 0;
	}
	if (quantity_split(s, strlen(s), &p) < 0)
		return err_set(err, ERR_BAD_REQUEST,
		    "quantities must match the regular expression '%s'",
		    QUANTITY_RE);
	if (quantity_suffix(p.suffix, p.sufflen, &base, &exp, &f) < 0)
		return err_set(err, ERR_BAD_REQUEST,
		    "unable to parse quantity's suffix");
	fast = quantity_fastpath(&p, exp, f, keep);
	if (!fast && !p.hasdigit)
		return err_set(err, ERR_BAD_REQUEST,
		    "unable to parse numeric part of quantity");
	shift = (base == 10 ? (int64_t)exp : 0) - (int64_t)p.denomlen + 9;
	rc = quantity_scale(&p, base == 2 ? (unsigned)exp : 0, shift, &mag);
	if (rc == -2)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (f == QUANTITY_BINARY_SI && (rc == -1 || mag > QUANTITY_BIN_MAX)) {
		mag = QUANTITY_BIN_MAX;
		rc = 0;
	}
	if (rc < 0)
		return err_set(err, ERR_BAD_REQUEST,
		    "quantity %s is too large", s);
	if (f == QUANTITY_BINARY_SI && mag > 0 &&
	    mag < (quantity_u128)QUANTITY_NANO)
		f = QUANTITY_DECIMAL_SI;
	q->nano = p.positive ? (__int128)mag : -(__int128)mag;
	q->format = f;
	return 0;
}

int
quantity_parse(const char *s, struct quantity *q, struct err *err)
{
	int keep;

	return quantity_parse_keep(s, q, &keep, err);
}

/* Decimal digits of v (v >= 0) into out, which holds at least 41 bytes. */
static void
quantity_itoa(quantity_u128 v, char *out)
{
	char tmp[48];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

int
quantity_format(const struct quantity *q, char *out, size_t len)
{
	static const char *decsuf[] = { "n", "u", "m", "", "k", "M", "G", "T",
	    "P", "E" };
	static const char *binsuf[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi",
	    "Ei" };
	enum quantity_format f = q->format;
	quantity_u128 m;
	char num[48], suf[32];
	int neg = q->nano < 0, e, n;

	if (q->nano == 0) {
		n = snprintf(out, len, "0");
		goto done;
	}
	m = neg ? (quantity_u128)0 - (quantity_u128)q->nano :
	    (quantity_u128)q->nano;
	if (f == QUANTITY_BINARY_SI) {
		/* small or fractional binary values print as decimal SI */
		if (m < (quantity_u128)1024 * 1000000000u ||
		    m % 1000000000u != 0)
			f = QUANTITY_DECIMAL_SI;
	}
	suf[0] = '\0';
	if (f == QUANTITY_BINARY_SI) {
		m /= 1000000000u;
		e = 0;
		while (m >= 1024 && m % 1024 == 0 && e < 6) {
			m /= 1024;
			e++;
		}
		snprintf(suf, sizeof suf, "%s", binsuf[e]);
	} else {
		e = -9;
		while (m >= 10 && m % 10 == 0) {
			m /= 10;
			e++;
		}
		/* down to a multiple of three */
		while (((e % 3) + 3) % 3 != 0) {
			m *= 10;
			e--;
		}
		if (f == QUANTITY_DECIMAL_SI) {
			/* Go drops the suffix past E; we stay at E */
			while (e > 18) {
				m *= 1000;
				e -= 3;
			}
			snprintf(suf, sizeof suf, "%s", decsuf[(e + 9) / 3]);
		} else if (e != 0)
			snprintf(suf, sizeof suf, "e%d", e);
	}
	quantity_itoa(m, num);
	n = snprintf(out, len, "%s%s%s", neg ? "-" : "", num, suf);
done:
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}

int
quantity_canonical(const char *s, char *out, size_t len, struct err *err)
{
	struct quantity q;
	int keep, n;

	if (quantity_parse_keep(s, &q, &keep, err) < 0)
		return -1;
	if (!keep)
		n = quantity_format(&q, out, len);
	else if ((n = snprintf(out, len, "%s", s)) < 0 || (size_t)n >= len)
		n = -1;
	if (n < 0)
		return err_set(err, ERR_BAD_REQUEST, "quantity %s is too long",
		    s);
	return n;
}

int
quantity_cmp(const struct quantity *a, const struct quantity *b)
{
	if (a->nano < b->nano)
		return -1;
	return a->nano > b->nano;
}

static __int128
quantity_sat_add(__int128 a, __int128 b)
{
	__int128 r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? (__int128)quantity_u128_max :
		    -(__int128)quantity_u128_max;
	return r;
}

void
quantity_add(struct quantity *a, const struct quantity *b)
{
	if (a->nano == 0)
		a->format = b->format;
	a->nano = quantity_sat_add(a->nano, b->nano);
}

void
quantity_sub(struct quantity *a, const struct quantity *b)
{
	if (a->nano == 0)
		a->format = b->format;
	if (b->nano == -(__int128)quantity_u128_max - 1)
		a->nano = quantity_sat_add(a->nano, (__int128)quantity_u128_max);
	else
		a->nano = quantity_sat_add(a->nano, -b->nano);
}

/* nano / div, rounded away from zero, saturated to int64. */
static int64_t
quantity_div_up(__int128 nano, int64_t div)
{
	__int128 r = nano / div;

	if (nano % div != 0)
		r += nano > 0 ? 1 : -1;
	if (r > INT64_MAX)
		return INT64_MAX;
	if (r < INT64_MIN)
		return INT64_MIN;
	return (int64_t)r;
}

int64_t
quantity_value(const struct quantity *q)
{
	return quantity_div_up(q->nano, 1000000000);
}

int64_t
quantity_milli(const struct quantity *q)
{
	return quantity_div_up(q->nano, 1000000);
}

void
quantity_from_milli(struct quantity *q, int64_t m, enum quantity_format f)
{
	q->nano = (__int128)m * 1000000;
	q->format = f;
}

void
quantity_from_value(struct quantity *q, int64_t v, enum quantity_format f)
{
	q->nano = (__int128)v * 1000000000;
	q->format = f;
}
