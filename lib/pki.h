/* pki.h - the cluster's certificates, made with GnuTLS on first start.
 *
 * DIR/pki/ca.crt and ca.key: a self-signed ECDSA P-256 CA ("kubec-ca",
 * ten years).  DIR/pki/server.crt and server.key: the serving certificate
 * signed by it, with the subject alternative names given plus localhost,
 * 127.0.0.1 and ::1 and kubernetes, kubernetes.default,
 * kubernetes.default.svc, kubernetes.default.svc.cluster.local; it is
 * made again when a name is missing from the one on disk or it expires
 * within 30 days.  Keys are written 0600.
 */
#ifndef KUBEC_PKI_H
#define KUBEC_PKI_H

#include <stddef.h>

#include "../lib/err.h"

struct pki {
	char	*ca_pem;
	char	*ca_key_pem;
	char	*cert_pem;
	char	*key_pem;
	char	 dir[4096];	/* DIR/pki */
};

/* sans: NULL-terminated host names and IP addresses. */
int	pki_ensure(const char *data_dir, const char *const *sans,
	    struct pki *p, struct err *err);
/* Loads DIR/pki/ca.crt and ca.key only (p's other PEMs stay NULL); an
 * error when they are missing (nothing is made). */
int	pki_load_ca(const char *data_dir, struct pki *p, struct err *err);
/*
 * Issues a client certificate for CN=cn, O=org (may be NULL; several O
 * values separated by commas) signed by the CA, valid for a year, for
 * TLS client authentication: the API server's x509 authenticator takes
 * CN as the user and each O as a group.  PEM strings the caller frees.
 */
int	pki_issue_client(const struct pki *p, const char *cn, const char *org,
	    char **cert_pem, char **key_pem, struct err *err);
/*
 * A self-signed serving certificate for CN=cn with the SANs given (host
 * names and IP addresses), valid for a year: the agent's own endpoint,
 * which the server does not verify (as kube-apiserver without
 * --kubelet-certificate-authority).  PEM strings the caller frees.
 */
int	pki_self_signed(const char *cn, const char *const *sans,
	    char **cert_pem, char **key_pem, struct err *err);
void	pki_release(struct pki *p);

#endif
