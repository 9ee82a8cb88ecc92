/* logs.h - a container's log as kubelet serves it: the CRI log file that
 * conmon writes ("<RFC 3339 nano time> <stdout|stderr> <P|F> <text>",
 * P for a partial line that the next record continues) turned back into
 * the container's output, with kubectl logs' options. */
#ifndef KUBEC_AGENT_LOGS_H
#define KUBEC_AGENT_LOGS_H

#include <stddef.h>
#include <sys/types.h>

#include "../lib/err.h"

struct logs_opts {
	int		 follow;	/* wait for more while alive() */
	int		 timestamps;	/* each line starts "<time> " */
	long long	 tail_lines;	/* the last N lines; < 0: all */
	long long	 since_ns;	/* lines from this Unix time (ns) on; 0 */
	long long	 limit_bytes;	/* stop after N bytes; < 0: no limit */
	/* follow: whether the container may still write; NULL: never */
	int		(*alive)(void *arg);
	void		*arg;
	volatile int	*stop;		/* set by another thread: end now */
};

struct logs;

/* Opens path (ERR_NOT_FOUND when it does not exist). */
struct logs *logs_open(const char *path, const struct logs_opts *o,
	    struct err *err);
/*
 * Up to max bytes of output into out; 0 at the end (the limit reached,
 * or the file read through and, following, the container gone); blocks
 * while following a container that writes nothing.  -1 on a read error.
 */
ssize_t	 logs_read(struct logs *l, char *out, size_t max);
void	 logs_close(struct logs *l);

#endif
