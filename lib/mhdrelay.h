/* mhdrelay.h - wider TLS relay buffers for libmicrohttpd's upgraded
 * connections (kubec-server's and kubec-agent's exec, attach and
 * port-forward streams); see mhdrelay.c for why.
 */
#ifndef KUBEC_MHDRELAY_H
#define KUBEC_MHDRELAY_H

#include <microhttpd.h>

/*
 * Called first thing in an upgrade handler (MHD's thread, before its
 * relay ran): gives the relay between the TLS connection and sock
 * buffers of its own (MHDRELAY_BUF bytes from the peer, a TLS record to
 * it) when libmicrohttpd left it its 4-byte emergency ones.  Returns 1 when it did, 0 when it left the
 * handle alone (no TLS, a libmicrohttpd that needs no help, a handle it
 * does not recognise, no memory).
 */
int	mhdrelay_widen(struct MHD_Connection *conn, MHD_socket sock,
	    struct MHD_UpgradeResponseHandle *urh);

/*
 * The daemon's MHD_OPTION_NOTIFY_CONNECTION callback (cls unused): frees
 * a connection's relay buffers once libmicrohttpd is done with it.
 */
void	mhdrelay_notify(void *cls, struct MHD_Connection *conn,
	    void **socket_context, enum MHD_ConnectionNotificationCode toe);

/*
 * 1 when the relay widened for urh reads its peer no more (the peer
 * closed the connection, or it failed) and everything it read is in the
 * application's socket: what that socket has now is the last of it
 * (libmicrohttpd 0.9.75 does not end that socket then).  0 otherwise,
 * or for a relay mhdrelay_widen() left alone.  Any thread, until the
 * application's MHD_UPGRADE_ACTION_CLOSE.
 */
int	mhdrelay_peer_gone(struct MHD_UpgradeResponseHandle *urh);

/*
 * MHD_UPGRADE_ACTION_CLOSE of urh, then waits (at most grace_ms) for
 * libmicrohttpd to close the connection: 0.9.75 sometimes leaves a TLS
 * connection whose stream was closed open, its peer waiting for an end
 * that does not come.  Past grace_ms, the connection's socket is shut
 * down (not closed: libmicrohttpd then ends it), safely because
 * mhdrelay_notify() (which must be the daemon's connection callback, or
 * be called from it) says when libmicrohttpd is done with it.  For a
 * thread of the application's that can wait.
 */
void	mhdrelay_close(struct MHD_Connection *conn,
	    struct MHD_UpgradeResponseHandle *urh, int grace_ms);

/* Buffers given out and not yet freed (for tests). */
int	mhdrelay_count(void);

#define MHDRELAY_BUF	((size_t)32 << 10)

#endif
