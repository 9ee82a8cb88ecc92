/* cron.h - CronJob schedules, as kube-apiserver and the CronJob
 * controller read them (github.com/robfig/cron/v3 ParseStandard): five
 * fields "minute hour day-of-month month day-of-week" with *, ?, lists,
 * ranges, steps and the names jan..dec / sun..sat, or one of the
 * descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly
 * and "@every <duration>".  A leading "TZ=<zone> " or "CRON_TZ=<zone> " is
 * accepted by the parser and reported in tz (the API rejects it).  Error
 * messages are the library's, e.g. "expected exactly 5 fields, found 1:
 * [foo]" or "end of range (60) above maximum (59): 60".
 */
#ifndef KUBEC_CRON_H
#define KUBEC_CRON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CRON_STAR_BIT	((uint64_t)1 << 63)	/* field had * or ? */

struct cron_schedule {
	uint64_t	minute, hour, dom, month, dow;	/* bit sets */
	long long	every;		/* "@every": seconds, else 0 */
	char		tz[64];		/* from a TZ= / CRON_TZ= prefix, or "" */
};

/* 0 when spec parses; else -1 with the library's message in why. */
int	cron_parse(const char *spec, struct cron_schedule *s, char *why,
	    size_t len);
/*
 * The first time strictly after t (whole seconds) the schedule fires,
 * computed in UTC shifted by utc_offset seconds (0 for UTC); 0 when
 * nothing fires within five years.
 */
time_t	cron_next(const struct cron_schedule *s, time_t t, long utc_offset);

#endif
