/* reap.c - the end of a closed view's thread (a table's watcher, a logs
 * stream), waited for away from the UI thread: they see their stop flag
 * within a second, and the UI goes on at once.  Before exiting, the
 * console waits for them all.  See ui.h.
 */
#include <stdlib.h>

#include "ui.h"

struct reap {
	pthread_t	 thread;
	void		(*fn)(void *);
	void		*arg;
};

static pthread_mutex_t reap_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reap_cv = PTHREAD_COND_INITIALIZER;
static int reap_pending;

static void *
reap_run(void *arg)
{
	struct reap *r = arg;

	pthread_join(r->thread, NULL);
	r->fn(r->arg);
	free(r);
	pthread_mutex_lock(&reap_mu);
	reap_pending--;
	pthread_cond_broadcast(&reap_cv);
	pthread_mutex_unlock(&reap_mu);
	return NULL;
}

void
ui_reap(pthread_t thread, void (*fn)(void *), void *arg)
{
	struct reap *r = malloc(sizeof *r);
	pthread_t t;

	pthread_mutex_lock(&reap_mu);
	reap_pending++;
	pthread_mutex_unlock(&reap_mu);
	if (r == NULL) {	/* then here and now */
		pthread_join(thread, NULL);
		fn(arg);
		pthread_mutex_lock(&reap_mu);
		reap_pending--;
		pthread_mutex_unlock(&reap_mu);
		return;
	}
	*r = (struct reap){ thread, fn, arg };
	if (pthread_create(&t, NULL, reap_run, r) == 0)
		pthread_detach(t);
	else
		reap_run(r);
}

void
ui_reap_wait(void)
{
	pthread_mutex_lock(&reap_mu);
	while (reap_pending > 0)
		pthread_cond_wait(&reap_cv, &reap_mu);
	pthread_mutex_unlock(&reap_mu);
}
