/* exec.h - kubectl exec and attach on the agent: a command run in a
 * container (crun exec), or the container's own stdio (conmon's attach
 * socket), its input and output carried over a WebSocket in the
 * channel protocol of v4/v5.channel.k8s.io (one byte of channel in front
 * of each message: 0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4
 * terminal resizes, 255 a stream closed (v5)), or over SPDY/3.1 with a
 * stream per channel (v4.channel.k8s.io, kubectl before 1.30). */
#ifndef KUBEC_AGENT_EXEC_H
#define KUBEC_AGENT_EXEC_H

#include <microhttpd.h>

#include "../lib/err.h"
#include "agent.h"

struct exec_req {
	struct agent	*a;
	char		 id[192];	/* the container in the runtime */
	char		**argv;		/* malloc'd, NULL-terminated */
	int		 in, out, err, tty;
	int		 proto;		/* 4 or 5, from the handshake */
	int		 spdy;		/* SPDY/3.1, not WebSocket */
	int		 attach;	/* to the container's own stdio */
};

void	exec_req_free(struct exec_req *q);

/*
 * Answers conn's WebSocket handshake (101 with the chosen channel
 * protocol) and, once upgraded, runs the session in a thread of its own,
 * which frees q.  MHD_YES when the answer is queued; MHD_NO with err set
 * (and q freed) when the request is no WebSocket upgrade this agent
 * speaks: the caller answers with err.
 */
enum MHD_Result exec_upgrade(struct MHD_Connection *conn,
	    struct exec_req *q, struct err *err);

#endif
