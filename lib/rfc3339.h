/* rfc3339.h - the time formats of the Kubernetes API: metav1.Time
 * ("2026-11-25T08:51:30Z", RFC 3339, seconds, UTC) and metav1.MicroTime
 * ("2026-11-25T08:51:30.123456Z"). */
#ifndef KUBEC_RFC3339_H
#define KUBEC_RFC3339_H

#include <stddef.h>
#include <time.h>

/* Parses any RFC 3339 time (offsets, fractions); -1 when malformed. */
int	rfc3339_parse(const char *s, struct timespec *ts);
/* Whole seconds, UTC, "Z". */
void	rfc3339_format(time_t t, char *out, size_t len);
/* Microseconds, UTC, "Z". */
void	rfc3339_format_micro(const struct timespec *ts, char *out, size_t len);
/* A duration as kubectl shows ages (apimachinery's HumanDuration): 45s,
 * 3m20s, 5h, 2d3h, 400d, 2y30d. */
void	rfc3339_human_duration(long long secs, char *out, size_t len);

#endif
