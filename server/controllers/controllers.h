/* controllers.h - the controllers that run inside kubec-server, one file
 * each, listed in controllers[] (controllers.c).  Each runs on its own
 * thread as a level-triggered loop over the watch cache and writes through
 * client_do(), so it obeys the same API rules as any client.
 */
#ifndef KUBEC_CONTROLLERS_H
#define KUBEC_CONTROLLERS_H

#include "../server.h"

struct controller {
	const char	*name;
	/* One pass over what the controller owns; called about once a
	 * second, and sooner when the cache changes. */
	void		(*sync)(struct server *s);
};

/* The API path of an object: /api/v1/namespaces/ns/pods/name. */
void	controllers_path(const struct registry_kind *k, const char *ns,
	    const char *name, char *out, size_t len);

extern const struct controller controller_namespace;
extern const struct controller controller_garbagecollector;
extern const struct controller controller_clusterroleaggregation;

#endif
