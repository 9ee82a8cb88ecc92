/* kubeconfig.h - kubeconfig files (clientcmd v1 Config), read and written.
 *
 * Reading follows kubectl: an explicit --kubeconfig file, else every file
 * of $KUBECONFIG (':'-separated, the first to set a map key wins), else
 * ~/.kube/config.  Resolution picks a context (the given one or
 * current-context) and returns what a client needs to connect: server
 * URL, CA, client certificate and key or token, namespace.  Paths inside
 * a file (certificate-authority, client-certificate, client-key,
 * tokenFile) are relative to that file.
 */
#ifndef KUBEC_KUBECONFIG_H
#define KUBEC_KUBECONFIG_H

#include <jansson.h>

#include "err.h"

struct kubeconfig {
	json_t	*doc;		/* the merged Config, as JSON */
	char	 path[4096];	/* the file that writes go to */
};

struct kube_target {
	char	 context[256];
	char	 cluster[256];
	char	 user[256];
	char	 server[1024];		/* https://host:port */
	char	 ns[254];		/* "default" when unset */
	char	*ca_pem;		/* NULL: the system's roots */
	char	*cert_pem;		/* client certificate, or NULL */
	char	*key_pem;
	char	*token;			/* bearer token, or NULL */
	int	 insecure;		/* insecure-skip-tls-verify */
};

/* explicit_path may be NULL.  A missing default file is an empty config. */
int	kubeconfig_load(struct kubeconfig *kc, const char *explicit_path,
	    struct err *err);
/* context NULL: current-context. */
int	kubeconfig_resolve(const struct kubeconfig *kc, const char *context,
	    struct kube_target *t, struct err *err);
int	kubeconfig_save(const struct kubeconfig *kc, struct err *err);
void	kubeconfig_release(struct kubeconfig *kc);
void	kube_target_release(struct kube_target *t);

/*
 * Writes (mode 0600, atomically) a kubeconfig with one cluster, user and
 * context all called name: server, the CA inline
 * (certificate-authority-data) and a bearer token.
 */
int	kubeconfig_write_admin(const char *path, const char *server,
	    const char *ca_pem, const char *token, const char *name);
/*
 * The same with a client certificate and key inline
 * (client-certificate-data, client-key-data): the cluster called cluster,
 * the user user and the context user@cluster.
 */
int	kubeconfig_write_cert(const char *path, const char *server,
	    const char *ca_pem, const char *cert_pem, const char *key_pem,
	    const char *cluster, const char *user);

#endif
