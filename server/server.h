/* server.h - what the parts of kubec-server share: the server context,
 * the parsed request, and the functions each file of server/ exports.
 */
#ifndef KUBEC_SERVER_H
#define KUBEC_SERVER_H

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>

#include "../lib/buf.h"
#include "../lib/err.h"
#include "auth.h"
#include "registry/registry.h"
#include "store/store.h"

#define KUBEC_VERSION		"v1.33.0+kubec"
#define KUBEC_GIT_VERSION	"v1.33.0"
#define SERVER_MAX_BODY		((size_t)3 << 20)	/* 3 MiB, as kube-apiserver */

struct cache;
struct auth;
struct pki;
struct recorder;

struct server_opts {
	const char	*data_dir;
	const char	*listen;	/* "127.0.0.1:6443" */
	const char	*etcd_servers;
	const char	*token_auth_file;
	const char	*client_ca_file;	/* NULL: the cluster CA */
	const char	*advertise;	/* address written into kubeconfig */
	int		 threads;
	long		 compact_interval;	/* seconds, 0 = never */
	const char	*service_cidr;		/* "10.96.0.0/12" */
	const char	*node_port_range;	/* "30000-32767" */
	const char	*cluster_cidr;		/* pods: "10.42.0.0/16" */
	int		 node_cidr_mask;	/* a node's part: 24 */
	/* kube-controller-manager's --controllers: "*", "-name", "name" */
	const char	*controllers;
	int		 disable_scheduler;
	/* where local-path volumes go on the nodes */
	const char	*local_storage_path;
	long		 event_ttl;		/* seconds, 0 = for ever */
};

struct server {
	struct server_opts	 opts;
	struct store		*store;
	struct cache		*cache;
	struct recorder		*recorder;	/* the components' Events */
	struct auth		*auth;
	struct pki		*pki;
	/* --client-ca-file's PEM, else the cluster CA's: client
	 * certificates it signed authenticate their CN */
	const char		*client_ca_pem;
	struct MHD_Daemon	*mhd;
	int			 listen_fd;	/* http.c's acceptor's */
	pthread_t		 acceptor;
	int			 accepting;	/* the acceptor runs */
	char			 url[256];	/* https://127.0.0.1:6443 */
	/* proxy.c: the client certificate the server shows agents */
	char			*kubelet_cert, *kubelet_key;
	long long		 started;	/* time(NULL) at start */
	volatile int		 stopping;
};

/* A parsed /api/v1/... or /apis/g/v/... request. */
struct request {
	struct server		*srv;
	const char		*method;	/* GET, POST, ... */
	const char		*path;
	const char		*content_type;
	const char		*accept;
	const char		*user_agent;
	struct auth_user	 user;	/* filled by authentication */
	int			 anonymous;	/* no credentials: 401s */
	int			 applying;	/* server-side apply */
	/* from the path */
	char	 group[128];
	char	 version[32];
	char	 ns[254];
	char	 resource[128];
	char	 name[254];
	char	 subresource[64];
	const struct registry_kind *kind;
	/* body (POST/PUT/PATCH/DELETE) */
	const char	*body;
	size_t		 body_len;
	int		 body_unique;	/* api_body: JSON, no key repeated */
	/* query parameters, looked up with request_query() */
	void		*conn;		/* struct MHD_Connection *, or NULL */
	const char	*query;		/* "a=b&c=d" when conn is NULL */
};

struct cevent;

/*
 * A watch stream: http.c drives it (suspending the connection while no
 * event is ready), the API layer encodes the events.
 */
struct stream {
	struct watcher	*w;
	/* appends one encoded event (CEV_ERROR: from why) to out */
	int		(*encode)(struct stream *st, const struct cevent *ev,
			    const struct err *why, struct buf *out);
	void		(*release)(struct stream *st);
	/*
	 * Instead of a watcher (w NULL): appends what is ready to out and
	 * returns 1, or returns 0 after calling suspend(st) (under the
	 * producer's lock; the producer calls http_stream_wake(st) when
	 * more comes), or -1 at the end.
	 */
	int		(*fill)(struct stream *st, struct buf *out,
			    void (*suspend)(void *));
	void		*arg;
	long long	 deadline;	/* time() when the watch ends */
	int		 bookmarks;	/* allowWatchBookmarks */
	long long	 last_sent;
	/* http.c's */
	void		*conn;
	int		 suspended;
	int		 done;
	struct buf	 pending;
	size_t		 off;
};

#define RESPONSE_MAX_HEADERS	8

/* What a handler answers: a status code and a JSON body, or a stream. */
struct response {
	int		 code;
	struct buf	 body;
	const char	*content_type;	/* "application/json" by default */
	char		 extra_header[RESPONSE_MAX_HEADERS][2][512]; /* name, value */
	int		 nextra;
	/* a watch: set by the handler, served by http.c */
	struct stream	*stream;
	/* a 101 Switching Protocols: libmicrohttpd's upgrade handler
	 * (MHD_UpgradeHandler) and its argument, owned by it once called */
	void		*upgrade;
	void		*upgrade_cls;
};

/* http.c */
/* kubec-server certificate ... (certcmd.c); argv[0] is "certificate".
 * The exit status. */
int	 certcmd_main(int argc, char **argv);

int	 http_start(struct server *s, struct err *err);
void	 http_stop(struct server *s);
const char *request_query(const struct request *r, const char *key);
/* A boolean parameter as Go's strconv.ParseBool reads it (1, t, true, ...). */
int	 request_bool(const struct request *r, const char *key);
/* Fills resp with a Status object for err (or a success Status when NULL). */
void	 response_status(struct response *resp, const struct err *err);
void	 response_json(struct response *resp, int code, const json_t *obj);
/* Adds a header to the answer; 0, or -1 when there is no room left. */
int	 response_header(struct response *resp, const char *name,
	    const char *value);

void	 http_stream_wake(void *arg);

/* client.c: requests from inside the server (controllers), through the
 * same API path as HTTP requests, as user kubec:controller-manager. */
int	 client_do(struct server *s, const char *method, const char *path,
	    const char *query, const char *content_type, const json_t *body,
	    json_t **out, struct err *err);

/* proxy.c: pods/log, exec, attach and portforward go to the agent of the
 * pod's node, as kube-apiserver's go to kubelet. */
int	 proxy_start(struct server *s, struct err *err);
void	 proxy_stop(struct server *s);
void	 proxy_log(struct request *r, struct response *resp);
void	 proxy_connect(struct request *r, struct response *resp);

/* controllers/controllers.c */
int	 controllers_start(struct server *s, struct err *err);
void	 controllers_stop(struct server *s);
/* leader.c: the scheduler and the controllers run while this server
 * holds the Lease kube-system/kubec-controller-manager. */
int	 leader_start(struct server *s, struct err *err);
void	 leader_stop(struct server *s);

/* api.c: /api/v1/... and /apis/<group>/<version>/... */
void	 api_handle(struct request *r, struct response *resp);

/* discovery.c */
int	 discovery_handle(struct request *r, struct response *resp);

/* objects.c: metadata and object helpers shared by the verbs */
void	 object_key(const struct registry_kind *k, const char *ns,
	    const char *name, char *out, size_t len);
void	 object_prefix(const struct registry_kind *k, const char *ns,
	    char *out, size_t len);
int	 object_new_uid(char *out, size_t len);
void	 object_now(char *out, size_t len);
/* JSON as stored (no resourceVersion) */
char	*object_encode(const json_t *obj, size_t *len, size_t *meta_off);
/* Decodes a stored value and sets metadata.resourceVersion. */
json_t	*object_decode(const char *data, size_t len, int64_t rev,
	    struct err *err);
void	 object_set_rv(json_t *obj, int64_t rev);
int64_t	 object_rv(const json_t *obj);	/* 0 when absent or bad */

#endif
