/* controllers.c - the table of controllers and the thread that runs them. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "../cache.h"
#include "controllers.h"

static const struct controller *const controllers[] = {
	&controller_namespace,
	&controller_garbagecollector,
	&controller_clusterroleaggregation,
	NULL,
};

/* The API path of an object: /api/v1/namespaces/ns/pods/name. */
void
controllers_path(const struct registry_kind *k, const char *ns,
    const char *name, char *out, size_t len)
{
	char base[256];

	if (k->group[0] == '\0')
		snprintf(base, sizeof base, "/api/%s", k->version);
	else
		snprintf(base, sizeof base, "/apis/%s/%s", k->group, k->version);
	if ((k->flags & REG_NAMESPACED) && ns[0] != '\0')
		snprintf(out, len, "%s/namespaces/%s/%s/%s", base, ns,
		    k->resource, name);
	else
		snprintf(out, len, "%s/%s/%s", base, k->resource, name);
}

static pthread_t controllers_thread;
static int controllers_running;

static void *
controllers_loop(void *arg)
{
	struct server *s = arg;
	int64_t seen = -1, rev;
	int i, idle;

	while (!s->stopping) {
		rev = cache_rev(s->cache);
		if (rev != seen) {
			seen = rev;
			for (i = 0; controllers[i] != NULL; i++)
				controllers[i]->sync(s);
		}
		/* wait up to a second for the next change */
		for (idle = 0; idle < 10 && !s->stopping &&
		    cache_rev(s->cache) == seen; idle++)
			cache_wait(s->cache, seen + 1, 100);
		if (idle == 10)
			seen = -1;	/* a periodic pass */
	}
	return NULL;
}

int
controllers_start(struct server *s, struct err *err)
{
	if (pthread_create(&controllers_thread, NULL, controllers_loop, s) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start controllers");
	controllers_running = 1;
	return 0;
}

void
controllers_stop(struct server *s)
{
	if (controllers_running)
		pthread_join(controllers_thread, NULL);
	controllers_running = 0;
}
