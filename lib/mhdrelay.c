/* mhdrelay.c - wider TLS relay buffers for libmicrohttpd's upgraded
 * connections.
 *
 * With TLS, libmicrohttpd hands an upgrade handler one end of a
 * socketpair and relays between its other end and the TLS session
 * through two buffers it takes from the connection's memory pool: what is
 * left there after the 101 response.  Up to 0.9.76 (Debian bookworm has
 * 0.9.75) the response header's write buffer has taken all of the pool
 * by then, so the relay always falls back to its 8-byte emergency buffer:
 * 4 bytes per TLS record and per recv(), about 1 MB/s at best whatever
 * MHD_OPTION_CONNECTION_MEMORY_LIMIT is (libmicrohttpd 0.9.77 frees the
 * write buffer first: "Upgraded TLS: fixed inefficient communication").
 *
 * The handle the upgrade handler receives is that relay's state.  In
 * 0.9.73 to 0.9.76 (built with epoll and TLS, as Debian's is) its layout
 * is struct mhd_urh below; mhdrelay_widen() checks that layout field by
 * field against what the handler knows (the connection, the socket, the
 * handle itself, the emergency buffer in use, nothing relayed yet) and
 * only then points the relay at buffers of its own.
 *
 * Two things of those versions' relay (daemon.c, process_urh()) stall a
 * wider one on epoll (edge-triggered) when gnutls_record_send() returns
 * less than it was given: the relay then takes the socket for full and
 * waits for an EPOLLOUT edge that does not come.  GnuTLS does so when
 * given more than a record (so the relay is given at most one record of
 * application data at once), and when it finishes a record an earlier
 * call could not write (EAGAIN, a short write) while the relay has read
 * more of the application's data since: so while a record waits, the
 * relay reads none (relay_push() below, GnuTLS's writer for the
 * connection from then on, holds its buffer at what it holds).  A peer
 * that asked for records smaller than 16 KiB through record_size_limit
 * (RFC 8449; kubectl, client-go, curl, OpenSSL and GnuTLS do not) would
 * still stall an upgraded stream.
 *
 * Those versions also never tell the application that the peer closed
 * the connection (the relay just stops reading it: the application's
 * socket ends only once it closes its own side, or sends what cannot be
 * sent): mhdrelay_peer_gone() says it from the relay's state.
 *
 * Nor does it always close a TLS connection whose stream the application
 * closed (MHD_UPGRADE_ACTION_CLOSE): its peer then waits for an end that
 * does not come.  mhdrelay_close() waits a little for it, then shuts the
 * connection's socket down.
 *
 * The buffers are freed when libmicrohttpd reports the connection closed
 * (mhdrelay_notify, after it freed the handle and the TLS session), found
 * by connection in a short list.
 */
#include <errno.h>
#include <gnutls/gnutls.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mhdrelay.h"

/* libmicrohttpd 0.9.73-0.9.76's struct MHD_UpgradeResponseHandle and
 * struct UpgradeEpollHandle (src/microhttpd/internal.h) */
struct mhd_urh_side {
	void			*urh;
	MHD_socket		 socket;
	int			 celi;		/* enum MHD_EpollState */
};
struct mhd_urh {
	struct MHD_Connection	*connection;
	void			*next, *prev;
	void			*next_e, *prev_e;	/* EPOLL_SUPPORT */
	bool			 in_eready_list;
	char			*in_buffer, *out_buffer;
	size_t			 in_buffer_size, out_buffer_size;
	size_t			 in_buffer_used, out_buffer_used;
	struct mhd_urh_side	 app, mhd;
	char			 e_buf[8];	/* RESERVE_EBUF_SIZE */
	volatile bool		 was_closed, clean_ready;
};

/* at most one TLS record of application data */
#define RELAY_RECORD	((size_t)16384)

struct relay_buf {
	struct relay_buf	*next;
	struct MHD_Connection	*conn;
	struct mhd_urh		*u;	/* valid while the session is */
	int			 fd;	/* the connection's socket */
	size_t			 out_size;
	size_t			 held;	/* out_buffer_size while a record waits */
	char			 data[];
};

static pthread_mutex_t relay_lock = PTHREAD_MUTEX_INITIALIZER;
static struct relay_buf *relay_bufs;
static int relay_n;

/* A connection whose stream the application closed, until libmicrohttpd
 * says it is gone (mhdrelay_close(), under relay_lock). */
struct relay_closing {
	struct relay_closing	*next;
	struct MHD_Connection	*conn;
	int			 fd;	/* the connection's socket */
};
static struct relay_closing *relay_closings;
static int relay_closing_n;	/* how many (atomic: the notify's fast path) */

/* Whether c is still waited for (relay_lock held). */
static int
relay_closing_has(const struct relay_closing *c)
{
	for (const struct relay_closing *p = relay_closings; p; p = p->next)
		if (p == c)
			return 1;
	return 0;
}

/* c no longer waited for (relay_lock held). */
static void
relay_closing_drop(const struct relay_closing *c)
{
	for (struct relay_closing **pp = &relay_closings; *pp;
	    pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			__atomic_sub_fetch(&relay_closing_n, 1,
			    __ATOMIC_RELAXED);
			return;
		}
}

/* A libmicrohttpd whose handle is struct mhd_urh: 0.9.73 to 0.9.76,
 * with epoll and TLS. */
static int
relay_known(void)
{
	static int known = -1;
	const char *v;

	if (__atomic_load_n(&known, __ATOMIC_RELAXED) < 0) {
		v = MHD_get_version();
		__atomic_store_n(&known, v != NULL &&
		    (strcmp(v, "0.9.73") == 0 || strcmp(v, "0.9.74") == 0 ||
		    strcmp(v, "0.9.75") == 0 || strcmp(v, "0.9.76") == 0) &&
		    MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES &&
		    MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES,
		    __ATOMIC_RELAXED);
	}
	return __atomic_load_n(&known, __ATOMIC_RELAXED);
}

/*
 * GnuTLS's writer for an upgraded connection (MHD's thread, within the
 * relay's gnutls_record_send(), or gnutls_bye() at its end): the
 * system's, but while what it was given does not all go out GnuTLS holds
 * a record, and the relay's buffer is held at what it holds (see the top
 * of the file); once all went, the buffer is whole again.
 */
static ssize_t
relay_push(gnutls_transport_ptr_t ptr, const giovec_t *iov, int iovcnt)
{
	struct relay_buf *b = ptr;
	struct msghdr m;
	size_t want = 0;
	ssize_t n;
	int i;

	for (i = 0; i < iovcnt; i++)
		want += iov[i].iov_len;
	memset(&m, 0, sizeof m);
	m.msg_iov = (struct iovec *)iov;
	m.msg_iovlen = (size_t)iovcnt;
	n = sendmsg(b->fd, &m, MSG_NOSIGNAL);
	if (n >= 0 && (size_t)n == want) {
		if (b->held > 0 && b->u->out_buffer_size == b->held)
			b->u->out_buffer_size = b->out_size;
		b->held = 0;
	} else if (b->held == 0 && b->u->out_buffer_used > 0 &&
	    b->u->out_buffer_used < b->u->out_buffer_size) {
		int e = errno;

		b->u->out_buffer_size = b->u->out_buffer_used;
		b->held = b->u->out_buffer_used;
		errno = e;
	}
	return n;
}

/* The size of what the relay hands gnutls_record_send(): a record, as
 * large as the session lets this side receive (16 KiB, or less when the
 * peer asked for less through max_fragment_length, which holds both
 * ways). */
static size_t
relay_out_size(gnutls_session_t session)
{
	size_t max = gnutls_record_get_max_size(session);

	return max > 0 && max < RELAY_RECORD ? max : RELAY_RECORD;
}

int
mhdrelay_widen(struct MHD_Connection *conn, MHD_socket sock,
    struct MHD_UpgradeResponseHandle *urh)
{
	struct mhd_urh *u = (struct mhd_urh *)urh;
	const union MHD_ConnectionInfo *ci;
	gnutls_session_t session;
	struct relay_buf *b;
	int fd, rfd, sfd;

	if (u == NULL || conn == NULL || !relay_known())
		return 0;
	/* the relay of this connection and socket, on its emergency
	 * buffer, nothing in it yet */
	if (u->connection != conn || u->app.urh != u || u->mhd.urh != u ||
	    u->app.socket != sock || u->in_buffer != u->e_buf ||
	    u->out_buffer != u->e_buf + 4 || u->in_buffer_size != 4 ||
	    u->out_buffer_size != 4 || u->in_buffer_used != 0 ||
	    u->out_buffer_used != 0)
		return 0;
	/* its TLS session, writing with the system's writer to the
	 * connection's socket */
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	if (ci == NULL || ci->tls_session == NULL)
		return 0;
	session = (gnutls_session_t)ci->tls_session;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci == NULL)
		return 0;
	fd = ci->connect_fd;
	gnutls_transport_get_int2(session, &rfd, &sfd);
	if (fd < 0 || rfd != fd || sfd != fd)
		return 0;
	if ((b = calloc(1, sizeof *b + MHDRELAY_BUF + RELAY_RECORD)) == NULL)
		return 0;
	b->conn = conn;
	b->u = u;
	b->fd = fd;
	b->out_size = relay_out_size(session);
	pthread_mutex_lock(&relay_lock);
	b->next = relay_bufs;
	relay_bufs = b;
	__atomic_add_fetch(&relay_n, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&relay_lock);
	gnutls_transport_set_ptr2(session, (gnutls_transport_ptr_t)(intptr_t)fd,
	    b);
	gnutls_transport_set_vec_push_function(session, relay_push);
	u->in_buffer = b->data;
	u->in_buffer_size = MHDRELAY_BUF;
	u->out_buffer = b->data + MHDRELAY_BUF;
	u->out_buffer_size = b->out_size;
	return 1;
}

void
mhdrelay_notify(void *cls, struct MHD_Connection *conn,
    void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
	struct relay_buf **pp, *b = NULL;

	(void)cls;
	(void)socket_context;
	if (toe != MHD_CONNECTION_NOTIFY_CLOSED ||
	    (__atomic_load_n(&relay_n, __ATOMIC_RELAXED) == 0 &&
	    __atomic_load_n(&relay_closing_n, __ATOMIC_RELAXED) == 0))
		return;
	pthread_mutex_lock(&relay_lock);
	/* a close waited for: done (before libmicrohttpd closes the
	 * socket, which mhdrelay_close() must not touch after this) */
	for (struct relay_closing *c = relay_closings; c != NULL; c = c->next)
		if (c->conn == conn) {
			relay_closing_drop(c);
			break;
		}
	if (__atomic_load_n(&relay_n, __ATOMIC_RELAXED) == 0) {
		pthread_mutex_unlock(&relay_lock);
		return;
	}
	for (pp = &relay_bufs; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->conn == conn) {
			b = *pp;
			*pp = b->next;
			__atomic_sub_fetch(&relay_n, 1, __ATOMIC_RELAXED);
			break;
		}
	pthread_mutex_unlock(&relay_lock);
	free(b);
}

int
mhdrelay_peer_gone(struct MHD_UpgradeResponseHandle *urh)
{
	struct mhd_urh *u = (struct mhd_urh *)urh;
	struct relay_buf *b;
	int gone = 0;

	/* only a relay of ours: its layout is known.  Once the relay reads
	 * the peer no more (its end, close_notify, an error) and holds none
	 * of its bytes, both stay 0: all it passed on is in the socket. */
	pthread_mutex_lock(&relay_lock);
	for (b = relay_bufs; b != NULL; b = b->next)
		if (b->u == u) {
			gone = __atomic_load_n(&u->in_buffer_size,
			    __ATOMIC_ACQUIRE) == 0 &&
			    __atomic_load_n(&u->in_buffer_used,
			    __ATOMIC_ACQUIRE) == 0;
			break;
		}
	pthread_mutex_unlock(&relay_lock);
	return gone;
}

int
mhdrelay_count(void)
{
	return __atomic_load_n(&relay_n, __ATOMIC_RELAXED);
}

void
mhdrelay_close(struct MHD_Connection *conn,
    struct MHD_UpgradeResponseHandle *urh, int grace_ms)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_CONNECTION_FD);
	struct relay_closing c = { .conn = conn, .fd = ci != NULL ?
	    ci->connect_fd : -1 };
	int gone = 0;

	if (c.fd < 0) {
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
		return;
	}
	pthread_mutex_lock(&relay_lock);
	c.next = relay_closings;
	relay_closings = &c;
	__atomic_add_fetch(&relay_closing_n, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&relay_lock);
	MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
	for (int waited = 0; !gone && waited < grace_ms; waited += 50) {
		usleep(50000);
		pthread_mutex_lock(&relay_lock);
		gone = !relay_closing_has(&c);
		pthread_mutex_unlock(&relay_lock);
	}
	pthread_mutex_lock(&relay_lock);
	if (relay_closing_has(&c)) {
		/* still open: the peer sees its end, libmicrohttpd its
		 * socket end (and closes it, telling mhdrelay_notify()) */
		shutdown(c.fd, SHUT_RDWR);
		relay_closing_drop(&c);
	}
	pthread_mutex_unlock(&relay_lock);
}
