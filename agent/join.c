/* join.c - how an agent comes to trust the cluster: the CA is fetched from
 * the server's /cacerts and accepted only when its SHA-256 is the one
 * carried by the join token ("K10<sha256>::node:<secret>", as k3s), or
 * read from --ca-file; then the API client is opened with the token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "agent.h"

/* The CA hash of a K10 token, lower-case hex, or "" for another token. */
static void
join_token_hash(const char *token, char *hex, size_t n)
{
	const char *end;

	hex[0] = '\0';
	if (strncmp(token, "K10", 3) != 0 ||
	    (end = strstr(token, "::")) == NULL || end - token - 3 != 64)
		return;
	snprintf(hex, n, "%.64s", token + 3);
}

static int
join_fetch_ca(struct agent *a, const char *want, struct buf *ca,
    struct err *err)
{
	struct kube_target t;
	struct rest *r;
	unsigned char md[32];
	char got[65];
	size_t i;
	int rc;

	memset(&t, 0, sizeof t);
	snprintf(t.server, sizeof t.server, "%s", a->opts.server);
	t.insecure = 1;		/* checked against the token below */
	if ((r = rest_open(&t, "kubec-agent/" AGENT_VERSION, err)) == NULL)
		return -1;
	rc = rest_raw(r, "GET", "/cacerts", NULL, NULL, 0, ca, err);
	rest_close(r);
	if (rc < 0) {
		err_wrap(err, "cannot fetch the cluster CA");
		return -1;
	}
	gnutls_hash_fast(GNUTLS_DIG_SHA256, ca->data, ca->len, md);
	for (i = 0; i < sizeof md; i++)
		snprintf(got + 2 * i, 3, "%02x", md[i]);
	if (strcasecmp(got, want) != 0)
		return err_set(err, ERR_FORBIDDEN, "the CA of %s has hash %s, "
		    "not the %s of the join token", a->opts.server, got, want);
	return 0;
}

int
join_cluster(struct agent *a, struct err *err)
{
	struct buf ca = BUF_INIT(1 << 20);
	struct kube_target t;
	char want[80], path[4200];
	int rc = -1;

	join_token_hash(a->opts.token, want, sizeof want);
	if (a->opts.ca_file != NULL) {
		if (file_read(a->opts.ca_file, &ca, err) < 0)
			goto out;
	} else if (want[0] != '\0') {
		if (join_fetch_ca(a, want, &ca, err) < 0)
			goto out;
	} else {
		err_set(err, ERR_BAD_REQUEST, "the token is not a join token "
		    "(K10...); give the cluster CA with --ca-file");
		goto out;
	}
	snprintf(path, sizeof path, "%s/ca.crt", a->opts.data_dir);
	if (file_write_atomic(path, ca.data, ca.len, 0644, err) < 0)
		goto out;
	a->ca_pem = buf_detach(&ca, NULL);
	memset(&t, 0, sizeof t);
	snprintf(t.server, sizeof t.server, "%s", a->opts.server);
	t.ca_pem = a->ca_pem;
	t.token = (char *)a->opts.token;
	a->api = rest_open(&t, "kubec-agent/" AGENT_VERSION, err);
	if (a->api == NULL)
		goto out;
	/* the token must be good before anything else happens */
	if (rest_do(a->api, "GET", "/api/v1/namespaces/kube-node-lease", NULL,
	    NULL, NULL, err) < 0) {
		err_wrap(err, "%s", a->opts.server);
		goto out;
	}
	rc = 0;
out:
	buf_release(&ca);
	return rc;
}
