/* fuzz-cron.c - libFuzzer target for lib/cron.c and lib/rfc3339.c: any
 * schedule that parses has a next run after any time, and any time that
 * parses prints and parses back to the same second. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/cron.h"
#include "../../lib/rfc3339.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cron_schedule cs;
	struct timespec ts, back;
	char why[512], out[64];
	time_t next;
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (cron_parse(s, &cs, why, sizeof why) == 0) {
		next = cron_next(&cs, 1700000000, 0);
		if (next != 0 && next <= 1700000000)
			abort();
	}
	if (rfc3339_parse(s, &ts) == 0 && ts.tv_sec > 0 &&
	    ts.tv_sec < 253402300799) {
		rfc3339_format(ts.tv_sec, out, sizeof out);
		if (rfc3339_parse(out, &back) < 0 || back.tv_sec != ts.tv_sec)
			abort();
	}
	free(s);
	return 0;
}
