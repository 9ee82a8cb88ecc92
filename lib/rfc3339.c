/* rfc3339.c - RFC 3339 times as the Kubernetes API reads and writes them
 * (metav1.Time, metav1.MicroTime); parsing follows Go's time.Parse with
 * the RFC3339 layout: "2006-01-02T15:04:05[.frac](Z|+07:00)"; and ages
 * as kubectl prints them (apimachinery's HumanDuration). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rfc3339.h"

/* n decimal digits of s in [lo, hi]; -1 otherwise. */
static int
rfc3339_num(const char *s, int n, int lo, int hi)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < lo || v > hi ? -1 : v;
}

static int
rfc3339_days(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

int
rfc3339_parse(const char *s, struct timespec *ts)
{
	struct tm tm;
	long nsec = 0, scale = 100000000;
	int year, mon, day, hour, min, sec, zh, zm, off = 0;
	time_t t;

	if (s == NULL || strlen(s) < 20)
		return -1;
	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':')
		return -1;
	if ((year = rfc3339_num(s, 4, 0, 9999)) < 0 ||
	    (mon = rfc3339_num(s + 5, 2, 1, 12)) < 0 ||
	    (day = rfc3339_num(s + 8, 2, 1, rfc3339_days(year, mon))) < 0 ||
	    (hour = rfc3339_num(s + 11, 2, 0, 23)) < 0 ||
	    (min = rfc3339_num(s + 14, 2, 0, 59)) < 0 ||
	    (sec = rfc3339_num(s + 17, 2, 0, 59)) < 0)
		return -1;
	s += 19;
	if ((s[0] == '.' || s[0] == ',') && s[1] >= '0' && s[1] <= '9') {
		/* any number of digits; nanoseconds keep the first nine */
		for (s++; *s >= '0' && *s <= '9'; s++) {
			nsec += (*s - '0') * scale;
			scale /= 10;
		}
	}
	if (strcmp(s, "Z") != 0) {
		if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') ||
		    s[3] != ':' || (zh = rfc3339_num(s + 1, 2, 0, 23)) < 0 ||
		    (zm = rfc3339_num(s + 4, 2, 0, 59)) < 0)
			return -1;
		off = (zh * 60 + zm) * 60;
		if (s[0] == '-')
			off = -off;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	t = timegm(&tm);
	ts->tv_sec = t - off;
	ts->tv_nsec = nsec;
	return 0;
}

void
rfc3339_format(time_t t, char *out, size_t len)
{
	struct tm tm;

	if (len == 0)
		return;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

void
rfc3339_format_micro(const struct timespec *ts, char *out, size_t len)
{
	struct tm tm;
	char sec[32];

	if (len == 0)
		return;
	if (gmtime_r(&ts->tv_sec, &tm) == NULL ||
	    strftime(sec, sizeof sec, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, len, "%s.%06ldZ", sec, (long)(ts->tv_nsec / 1000));
}

/* apimachinery's duration.HumanDuration. */
void
rfc3339_human_duration(long long secs, char *out, size_t len)
{
	long long minutes, hours, days, years;

	if (secs < -1) {
		snprintf(out, len, "<invalid>");
		return;
	}
	if (secs < 0)
		secs = 0;
	if (secs < 120) {
		snprintf(out, len, "%llds", secs);
		return;
	}
	minutes = secs / 60;
	if (minutes < 10) {
		if (secs % 60 == 0)
			snprintf(out, len, "%lldm", minutes);
		else
			snprintf(out, len, "%lldm%llds", minutes, secs % 60);
		return;
	}
	if (minutes < 180) {
		snprintf(out, len, "%lldm", minutes);
		return;
	}
	hours = secs / 3600;
	if (hours < 8) {
		if (minutes % 60 == 0)
			snprintf(out, len, "%lldh", hours);
		else
			snprintf(out, len, "%lldh%lldm", hours, minutes % 60);
		return;
	}
	if (hours < 48) {
		snprintf(out, len, "%lldh", hours);
		return;
	}
	days = hours / 24;
	if (hours < 24 * 8) {
		if (hours % 24 == 0)
			snprintf(out, len, "%lldd", days);
		else
			snprintf(out, len, "%lldd%lldh", days, hours % 24);
		return;
	}
	if (hours < 24 * 365 * 2) {
		snprintf(out, len, "%lldd", days);
		return;
	}
	years = days / 365;
	if (hours < 24 * 365 * 8) {
		if (days % 365 == 0)
			snprintf(out, len, "%lldy", years);
		else
			snprintf(out, len, "%lldy%lldd", years, days % 365);
		return;
	}
	snprintf(out, len, "%lldy", years);
}
