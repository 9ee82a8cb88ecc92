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

/* Buffers given out and not yet freed (for tests). */
int	mhdrelay_count(void);

#define MHDRELAY_BUF	((size_t)32 << 10)

#endif
