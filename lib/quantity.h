/* quantity.h - Kubernetes resource quantities ("100m", "1.5Gi", "2e3").
 *
 * Parsed exactly (no floating point) into a decimal value with nano
 * precision, like apimachinery's resource.Quantity: suffixes n u m "" k M
 * G T P E (decimal SI), Ki Mi Gi Ti Pi Ei (binary), e/E exponents.  The
 * canonical form is the one Kubernetes prints: binary input stays binary
 * when exact ("1536Mi" -> "1536Mi", "1024Mi" -> "1Gi"), decimal SI and
 * exponent forms become the largest exact SI suffix ("1000m" -> "1",
 * "1.5" -> "1500m", "1e3" -> "1e3"), values finer than a nano round up.
 * Binary values are capped at 2^63-1 ("9Ei"), as in Go.  Two deliberate
 * differences from Go: values beyond about 1.7e29 (128 bits of nanos)
 * are rejected, and decimal SI values past "E" print as "1000E" where Go
 * drops the suffix and prints "1".
 */
#ifndef KUBEC_QUANTITY_H
#define KUBEC_QUANTITY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum quantity_format {
	QUANTITY_DECIMAL_SI,	/* 1k, 500m */
	QUANTITY_BINARY_SI,	/* 1Ki */
	QUANTITY_DECIMAL_EXP,	/* 1e3 */
};

struct quantity {
	__int128		nano;	/* the value times 10^9 */
	enum quantity_format	format;
};

/* ERR_BAD_REQUEST on a malformed or out-of-range quantity. */
int	quantity_parse(const char *s, struct quantity *q, struct err *err);
int	quantity_cmp(const struct quantity *a, const struct quantity *b);
void	quantity_add(struct quantity *a, const struct quantity *b);
void	quantity_sub(struct quantity *a, const struct quantity *b);
/* The canonical string; -1 when it does not fit in len. */
int	quantity_format(const struct quantity *q, char *out, size_t len);
/* The value in whole units / thousandths, rounded up (as Value() and
 * MilliValue()); saturates at INT64_MAX. */
int64_t	quantity_value(const struct quantity *q);
int64_t	quantity_milli(const struct quantity *q);
void	quantity_from_milli(struct quantity *q, int64_t m,
	    enum quantity_format f);
void	quantity_from_value(struct quantity *q, int64_t v,
	    enum quantity_format f);
/*
 * What Go's ParseQuantity(s).String() prints: the canonical form, or s
 * itself when Go keeps the input ("+1k", "1.200k", "1E3").  Returns the
 * length, or -1 (ERR_BAD_REQUEST) when s is not a quantity or out does
 * not hold the result.
 */
int	quantity_canonical(const char *s, char *out, size_t len,
	    struct err *err);

#endif
