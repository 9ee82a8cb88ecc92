/* portforward.h - kubectl port-forward on the agent: the portforward.k8s.io
 * protocol (SPDY/3.1 streams in pairs, "error" and "data", naming a port
 * and a request id), spoken raw (Upgrade: SPDY/3.1) or tunnelled in the
 * binary messages of a WebSocket (SPDY/3.1+portforward.k8s.io, kubectl
 * 1.31 and later); each data stream is a TCP connection to the port on
 * 127.0.0.1 in the pod's network namespace. */
#ifndef KUBEC_AGENT_PORTFORWARD_H
#define KUBEC_AGENT_PORTFORWARD_H

#include <microhttpd.h>

#include "../lib/err.h"
#include "agent.h"

/*
 * Answers conn's upgrade for the pod whose network namespace file is
 * netns (NULL: the node's, for hostNetwork pods) and runs the session in
 * a thread of its own.  MHD_NO with err set when the request is no
 * upgrade this agent speaks.
 */
enum MHD_Result portforward_upgrade(struct agent *a,
	    struct MHD_Connection *conn, const char *netns, struct err *err);

#endif
