/* pki.c - the cluster's CA, serving and client certificates, and the
 * agents' self-signed serving certificates (see pki.h).
 *
 * Everything is made with GnuTLS' x509 API: ECDSA P-256 keys, SHA-256
 * signatures, random 128-bit serial numbers.  Files are written to a
 * temporary name, synced and renamed, so a crash never leaves half a key.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "pki.h"

#define PKI_DAY			(24L * 60 * 60)
#define PKI_CA_DAYS		3650
#define PKI_SERVER_DAYS		365
#define PKI_CLIENT_DAYS		365
#define PKI_RENEW_DAYS		30
#define PKI_BACKDATE		(5 * 60)	/* tolerate a little clock skew */
#define PKI_MAX_FILE		((size_t)1 << 20)

static const char *const pki_default_sans[] = {
	"localhost", "127.0.0.1", "::1", "kubernetes", "kubernetes.default",
	"kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
	NULL
};

static int
pki_gnutls_err(struct err *err, int rc, const char *what)
{
	return err_set(err, ERR_INTERNAL, "pki: %s: %s", what,
	    gnutls_strerror(rc));
}

/* Reads a whole (small) file; 1 = read, 0 = absent, -1 = error. */
static int
pki_read(const char *path, char **out, struct err *err)
{
	struct buf b = BUF_INIT(PKI_MAX_FILE);

	*out = NULL;
	if (file_read(path, &b, err) < 0) {
		buf_release(&b);
		if (err->reason != ERR_NOT_FOUND)
			return -1;
		err_clear(err);
		return 0;
	}
	*out = buf_detach(&b, NULL);
	return 1;
}

/* Writes data to path atomically with the given mode. */
static int
pki_write(const char *path, const char *data, mode_t mode, struct err *err)
{
	return file_write_atomic(path, data, strlen(data), mode, err);
}

static char *
pki_datum_str(gnutls_datum_t *d)
{
	char *s;

	s = malloc(d->size + 1);
	if (s != NULL) {
		memcpy(s, d->data, d->size);
		s[d->size] = '\0';
	}
	gnutls_free(d->data);
	d->data = NULL;
	return s;
}

static int
pki_key_new(gnutls_x509_privkey_t *key, struct err *err)
{
	int rc;

	if ((rc = gnutls_x509_privkey_init(key)) < 0)
		return pki_gnutls_err(err, rc, "privkey_init");
	rc = gnutls_x509_privkey_generate2(*key, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0, NULL, 0);
	if (rc < 0) {
		gnutls_x509_privkey_deinit(*key);
		*key = NULL;
		return pki_gnutls_err(err, rc, "generating a key");
	}
	return 0;
}

static int
pki_key_import(gnutls_x509_privkey_t *key, const char *pem, struct err *err)
{
	gnutls_datum_t d;
	int rc;

	if ((rc = gnutls_x509_privkey_init(key)) < 0)
		return pki_gnutls_err(err, rc, "privkey_init");
	d.data = (unsigned char *)(uintptr_t)pem;
	d.size = (unsigned int)strlen(pem);
	if ((rc = gnutls_x509_privkey_import(*key, &d,
	    GNUTLS_X509_FMT_PEM)) < 0) {
		gnutls_x509_privkey_deinit(*key);
		*key = NULL;
		return pki_gnutls_err(err, rc, "reading a private key");
	}
	return 0;
}

static int
pki_crt_import(gnutls_x509_crt_t *crt, const char *pem, struct err *err)
{
	gnutls_datum_t d;
	int rc;

	if ((rc = gnutls_x509_crt_init(crt)) < 0)
		return pki_gnutls_err(err, rc, "crt_init");
	d.data = (unsigned char *)(uintptr_t)pem;
	d.size = (unsigned int)strlen(pem);
	if ((rc = gnutls_x509_crt_import(*crt, &d, GNUTLS_X509_FMT_PEM)) < 0) {
		gnutls_x509_crt_deinit(*crt);
		*crt = NULL;
		return pki_gnutls_err(err, rc, "reading a certificate");
	}
	return 0;
}

static char *
pki_key_pem(gnutls_x509_privkey_t key, struct err *err)
{
	gnutls_datum_t d = { NULL, 0 };
	char *s;
	int rc;

	if ((rc = gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM,
	    &d)) < 0) {
		pki_gnutls_err(err, rc, "exporting a key");
		return NULL;
	}
	if ((s = pki_datum_str(&d)) == NULL)
		err_set(err, ERR_INTERNAL, "out of memory");
	return s;
}

static char *
pki_crt_pem(gnutls_x509_crt_t crt, struct err *err)
{
	gnutls_datum_t d = { NULL, 0 };
	char *s;
	int rc;

	if ((rc = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM,
	    &d)) < 0) {
		pki_gnutls_err(err, rc, "exporting a certificate");
		return NULL;
	}
	if ((s = pki_datum_str(&d)) == NULL)
		err_set(err, ERR_INTERNAL, "out of memory");
	return s;
}

/* Fills the fields every certificate has: version, serial, validity,
 * subject, public key and its key identifier. */
static int
pki_crt_base(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key,
    const char *cn, const char *org, long days, struct err *err)
{
	unsigned char serial[16], id[64];
	size_t idlen = sizeof id, olen;
	const char *o, *comma;
	time_t now = time(NULL);
	int rc;

	if ((rc = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial)) < 0)
		return pki_gnutls_err(err, rc, "random serial");
	serial[0] &= 0x7f;	/* positive */
	serial[0] |= 0x01;	/* and the full length */
	if ((rc = gnutls_x509_crt_set_version(crt, 3)) < 0 ||
	    (rc = gnutls_x509_crt_set_serial(crt, serial,
	    sizeof serial)) < 0 ||
	    (rc = gnutls_x509_crt_set_activation_time(crt,
	    now - PKI_BACKDATE)) < 0 ||
	    (rc = gnutls_x509_crt_set_expiration_time(crt,
	    now + days * PKI_DAY)) < 0)
		return pki_gnutls_err(err, rc, "certificate fields");
	/* org: O values separated by commas, one attribute each */
	for (o = org; o != NULL && *o != '\0'; o = comma ? comma + 1 : NULL) {
		comma = strchr(o, ',');
		olen = comma != NULL ? (size_t)(comma - o) : strlen(o);
		if (olen > 0 && (rc = gnutls_x509_crt_set_dn_by_oid(crt,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, 0, o,
		    (unsigned)olen)) < 0)
			return pki_gnutls_err(err, rc, "subject organization");
	}
	if ((rc = gnutls_x509_crt_set_dn_by_oid(crt,
	    GNUTLS_OID_X520_COMMON_NAME, 0, cn, strlen(cn))) < 0)
		return pki_gnutls_err(err, rc, "subject common name");
	if ((rc = gnutls_x509_crt_set_key(crt, key)) < 0)
		return pki_gnutls_err(err, rc, "certificate key");
	if ((rc = gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA1, id,
	    &idlen)) < 0 ||
	    (rc = gnutls_x509_crt_set_subject_key_id(crt, id, idlen)) < 0)
		return pki_gnutls_err(err, rc, "subject key identifier");
	return 0;
}

/* Signs crt with the CA and sets its authority key identifier. */
static int
pki_crt_sign(gnutls_x509_crt_t crt, gnutls_x509_crt_t ca,
    gnutls_x509_privkey_t ca_key, struct err *err)
{
	unsigned char id[64];
	size_t idlen = sizeof id;
	unsigned critical;
	int rc;

	if (gnutls_x509_crt_get_subject_key_id(ca, id, &idlen,
	    &critical) >= 0 &&
	    (rc = gnutls_x509_crt_set_authority_key_id(crt, id, idlen)) < 0)
		return pki_gnutls_err(err, rc, "authority key identifier");
	if ((rc = gnutls_x509_crt_sign2(crt, ca, ca_key, GNUTLS_DIG_SHA256,
	    0)) < 0)
		return pki_gnutls_err(err, rc, "signing a certificate");
	return 0;
}

static int
pki_make_ca(char **crt_pem, char **key_pem, struct err *err)
{
	gnutls_x509_privkey_t key = NULL;
	gnutls_x509_crt_t crt = NULL;
	int rc, ret = -1;

	*crt_pem = *key_pem = NULL;
	if (pki_key_new(&key, err) < 0)
		return -1;
	if ((rc = gnutls_x509_crt_init(&crt)) < 0) {
		pki_gnutls_err(err, rc, "crt_init");
		goto out;
	}
	if (pki_crt_base(crt, key, "kubec-ca", NULL, PKI_CA_DAYS, err) < 0)
		goto out;
	if ((rc = gnutls_x509_crt_set_basic_constraints(crt, 1, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(crt,
	    GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN |
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0) {
		pki_gnutls_err(err, rc, "CA extensions");
		goto out;
	}
	if ((rc = gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256,
	    0)) < 0) {
		pki_gnutls_err(err, rc, "self-signing the CA");
		goto out;
	}
	if ((*crt_pem = pki_crt_pem(crt, err)) == NULL ||
	    (*key_pem = pki_key_pem(key, err)) == NULL)
		goto out;
	ret = 0;
out:
	if (ret < 0) {
		free(*crt_pem);
		free(*key_pem);
		*crt_pem = *key_pem = NULL;
	}
	if (crt != NULL)
		gnutls_x509_crt_deinit(crt);
	gnutls_x509_privkey_deinit(key);
	return ret;
}

/* Adds a SAN: an IP address when it parses as one, else a DNS name. */
static int
pki_add_san(gnutls_x509_crt_t crt, const char *name, struct err *err)
{
	unsigned char ip[16];
	int rc;

	if (inet_pton(AF_INET, name, ip) == 1)
		rc = gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_IPADDRESS, ip, 4, GNUTLS_FSAN_APPEND);
	else if (inet_pton(AF_INET6, name, ip) == 1)
		rc = gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_IPADDRESS, ip, 16, GNUTLS_FSAN_APPEND);
	else
		rc = gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_DNSNAME, name, (unsigned int)strlen(name),
		    GNUTLS_FSAN_APPEND);
	if (rc < 0)
		return err_set(err, ERR_INTERNAL, "pki: subject alternative "
		    "name \"%s\": %s", name, gnutls_strerror(rc));
	return 0;
}

/* A serving certificate for cn with the SANs of both lists (either may be
 * NULL), signed by ca, or self-signed when ca is NULL. */
static int
pki_make_server(gnutls_x509_crt_t ca, gnutls_x509_privkey_t ca_key,
    const char *cn, const char *const *defaults, const char *const *sans,
    char **crt_pem, char **key_pem, struct err *err)
{
	gnutls_x509_privkey_t key = NULL;
	gnutls_x509_crt_t crt = NULL;
	const char *const *s;
	int rc, ret = -1;

	*crt_pem = *key_pem = NULL;
	if (pki_key_new(&key, err) < 0)
		return -1;
	if ((rc = gnutls_x509_crt_init(&crt)) < 0) {
		pki_gnutls_err(err, rc, "crt_init");
		goto out;
	}
	if (pki_crt_base(crt, key, cn, NULL, PKI_SERVER_DAYS, err) < 0)
		goto out;
	if ((rc = gnutls_x509_crt_set_basic_constraints(crt, 0, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(crt,
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_purpose_oid(crt,
	    GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0) {
		pki_gnutls_err(err, rc, "server certificate extensions");
		goto out;
	}
	for (s = defaults; s != NULL && *s != NULL; s++)
		if (pki_add_san(crt, *s, err) < 0)
			goto out;
	for (s = sans; s != NULL && *s != NULL; s++)
		if ((*s)[0] != '\0' && pki_add_san(crt, *s, err) < 0)
			goto out;
	if (ca == NULL) {
		if ((rc = gnutls_x509_crt_sign2(crt, crt, key,
		    GNUTLS_DIG_SHA256, 0)) < 0) {
			pki_gnutls_err(err, rc, "self-signing a certificate");
			goto out;
		}
	} else if (pki_crt_sign(crt, ca, ca_key, err) < 0) {
		goto out;
	}
	if ((*crt_pem = pki_crt_pem(crt, err)) == NULL ||
	    (*key_pem = pki_key_pem(key, err)) == NULL)
		goto out;
	ret = 0;
out:
	if (ret < 0) {
		free(*crt_pem);
		free(*key_pem);
		*crt_pem = *key_pem = NULL;
	}
	if (crt != NULL)
		gnutls_x509_crt_deinit(crt);
	gnutls_x509_privkey_deinit(key);
	return ret;
}

/* Whether crt carries the SAN name (DNS names case-insensitively). */
static int
pki_has_san(gnutls_x509_crt_t crt, const char *name)
{
	unsigned char ip[16], data[1024];
	size_t size;
	unsigned int critical, seq;
	int type, iplen = 0;

	if (inet_pton(AF_INET, name, ip) == 1)
		iplen = 4;
	else if (inet_pton(AF_INET6, name, ip) == 1)
		iplen = 16;
	for (seq = 0;; seq++) {
		size = sizeof data;
		type = gnutls_x509_crt_get_subject_alt_name(crt, seq, data,
		    &size, &critical);
		if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			return 0;
		if (type < 0)
			continue;
		if (iplen > 0 && type == GNUTLS_SAN_IPADDRESS &&
		    size == (size_t)iplen && memcmp(data, ip, size) == 0)
			return 1;
		if (iplen == 0 && type == GNUTLS_SAN_DNSNAME &&
		    size == strlen(name) &&
		    strncasecmp((const char *)data, name, size) == 0)
			return 1;
	}
}

/* Whether a certificate and a private key belong together. */
static int
pki_pair_ok(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key)
{
	unsigned char id1[64], id2[64];
	size_t n1 = sizeof id1, n2 = sizeof id2;

	return gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA256, id1,
	    &n1) >= 0 && gnutls_x509_privkey_get_key_id(key,
	    GNUTLS_KEYID_USE_SHA256, id2, &n2) >= 0 && n1 == n2 &&
	    memcmp(id1, id2, n1) == 0;
}

/*
 * Whether the serving certificate on disk can be kept: it parses, matches
 * its key, is signed by this CA, has every SAN and is not about to expire.
 */
static int
pki_server_ok(gnutls_x509_crt_t ca, const char *crt_pem,
    const char *key_pem, const char *const *sans)
{
	gnutls_x509_crt_t crt = NULL;
	gnutls_x509_privkey_t key = NULL;
	const char *const *s;
	unsigned int status;
	struct err e;
	int ok = 0;

	if (pki_crt_import(&crt, crt_pem, &e) < 0)
		return 0;
	if (pki_key_import(&key, key_pem, &e) < 0)
		goto out;
	if (!pki_pair_ok(crt, key))
		goto out;
	if (gnutls_x509_crt_verify(crt, &ca, 1, 0, &status) < 0 ||
	    status != 0)
		goto out;
	if (gnutls_x509_crt_get_expiration_time(crt) <
	    time(NULL) + PKI_RENEW_DAYS * PKI_DAY)
		goto out;
	for (s = pki_default_sans; *s != NULL; s++)
		if (!pki_has_san(crt, *s))
			goto out;
	for (s = sans; s != NULL && *s != NULL; s++)
		if ((*s)[0] != '\0' && !pki_has_san(crt, *s))
			goto out;
	ok = 1;
out:
	if (key != NULL)
		gnutls_x509_privkey_deinit(key);
	gnutls_x509_crt_deinit(crt);
	return ok;
}

/* p's CA certificate and key (read from the files named) imported, and
 * checked to be a pair; the caller frees *ca and *cakey either way. */
static int
pki_ca_import(const struct pki *p, const char *ca_crt, const char *ca_key,
    gnutls_x509_crt_t *ca, gnutls_x509_privkey_t *cakey, struct err *err)
{
	if (pki_crt_import(ca, p->ca_pem, err) < 0 ||
	    pki_key_import(cakey, p->ca_key_pem, err) < 0) {
		err_wrap(err, "%s", ca_crt);
		return -1;
	}
	if (!pki_pair_ok(*ca, *cakey))
		return err_set(err, ERR_INTERNAL, "pki: %s does not match %s",
		    ca_crt, ca_key);
	return 0;
}

static int
pki_mkdir(const char *path, struct err *err)
{
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "pki: cannot create %s: %s",
		    path, strerror(errno));
	return 0;
}

int
pki_ensure(const char *data_dir, const char *const *sans, struct pki *p,
    struct err *err)
{
	char ca_crt[4200], ca_key[4200], srv_crt[4200], srv_key[4200];
	gnutls_x509_crt_t ca = NULL;
	gnutls_x509_privkey_t cakey = NULL;
	int have_crt, have_key, new_ca = 0, ret = -1;

	memset(p, 0, sizeof *p);
	if (pki_mkdir(data_dir, err) < 0)
		return -1;
	if ((size_t)snprintf(p->dir, sizeof p->dir, "%s/pki", data_dir) >=
	    sizeof p->dir)
		return err_set(err, ERR_INTERNAL, "pki: path too long");
	if (pki_mkdir(p->dir, err) < 0)
		return -1;
	snprintf(ca_crt, sizeof ca_crt, "%s/ca.crt", p->dir);
	snprintf(ca_key, sizeof ca_key, "%s/ca.key", p->dir);
	snprintf(srv_crt, sizeof srv_crt, "%s/server.crt", p->dir);
	snprintf(srv_key, sizeof srv_key, "%s/server.key", p->dir);

	if ((have_crt = pki_read(ca_crt, &p->ca_pem, err)) < 0 ||
	    (have_key = pki_read(ca_key, &p->ca_key_pem, err)) < 0)
		goto out;
	if (!have_crt && !have_key) {
		if (pki_make_ca(&p->ca_pem, &p->ca_key_pem, err) < 0 ||
		    pki_write(ca_key, p->ca_key_pem, 0600, err) < 0 ||
		    pki_write(ca_crt, p->ca_pem, 0644, err) < 0)
			goto out;
		new_ca = 1;
	} else if (!have_crt || !have_key) {
		err_set(err, ERR_INTERNAL, "pki: %s exists without %s; remove "
		    "it to make a new CA", have_crt ? ca_crt : ca_key,
		    have_crt ? ca_key : ca_crt);
		goto out;
	}
	if (pki_ca_import(p, ca_crt, ca_key, &ca, &cakey, err) < 0)
		goto out;

	if (!new_ca && (pki_read(srv_crt, &p->cert_pem, err) < 0 ||
	    pki_read(srv_key, &p->key_pem, err) < 0))
		goto out;
	if (p->cert_pem == NULL || p->key_pem == NULL ||
	    !pki_server_ok(ca, p->cert_pem, p->key_pem, sans)) {
		free(p->cert_pem);
		free(p->key_pem);
		p->cert_pem = p->key_pem = NULL;
		if (pki_make_server(ca, cakey, "kubec-apiserver",
		    pki_default_sans, sans, &p->cert_pem, &p->key_pem,
		    err) < 0 ||
		    pki_write(srv_key, p->key_pem, 0600, err) < 0 ||
		    pki_write(srv_crt, p->cert_pem, 0644, err) < 0)
			goto out;
	}
	ret = 0;
out:
	if (ca != NULL)
		gnutls_x509_crt_deinit(ca);
	if (cakey != NULL)
		gnutls_x509_privkey_deinit(cakey);
	if (ret < 0)
		pki_release(p);
	return ret;
}

int
pki_load_ca(const char *data_dir, struct pki *p, struct err *err)
{
	char ca_crt[4200], ca_key[4200];
	gnutls_x509_crt_t ca = NULL;
	gnutls_x509_privkey_t cakey = NULL;
	int have_crt, have_key, ret = -1;

	memset(p, 0, sizeof *p);
	if ((size_t)snprintf(p->dir, sizeof p->dir, "%s/pki", data_dir) >=
	    sizeof p->dir)
		return err_set(err, ERR_INTERNAL, "pki: path too long");
	snprintf(ca_crt, sizeof ca_crt, "%s/ca.crt", p->dir);
	snprintf(ca_key, sizeof ca_key, "%s/ca.key", p->dir);
	if ((have_crt = pki_read(ca_crt, &p->ca_pem, err)) < 0 ||
	    (have_key = pki_read(ca_key, &p->ca_key_pem, err)) < 0)
		goto out;
	if (!have_crt || !have_key) {
		err_set(err, ERR_NOT_FOUND, "pki: no %s (kubec-server makes the "
		    "CA on its first start)", have_crt ? ca_key : ca_crt);
		goto out;
	}
	if (pki_ca_import(p, ca_crt, ca_key, &ca, &cakey, err) < 0)
		goto out;
	ret = 0;
out:
	if (ca != NULL)
		gnutls_x509_crt_deinit(ca);
	if (cakey != NULL)
		gnutls_x509_privkey_deinit(cakey);
	if (ret < 0)
		pki_release(p);
	return ret;
}

int
pki_issue_client(const struct pki *p, const char *cn, const char *org,
    char **cert_pem, char **key_pem, struct err *err)
{
	gnutls_x509_crt_t ca = NULL, crt = NULL;
	gnutls_x509_privkey_t cakey = NULL, key = NULL;
	int rc, ret = -1;

	*cert_pem = *key_pem = NULL;
	if (cn == NULL || cn[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "pki: a client "
		    "certificate needs a common name");
	if (p->ca_pem == NULL || p->ca_key_pem == NULL)
		return err_set(err, ERR_INTERNAL, "pki: no CA loaded");
	if (pki_crt_import(&ca, p->ca_pem, err) < 0 ||
	    pki_key_import(&cakey, p->ca_key_pem, err) < 0 ||
	    pki_key_new(&key, err) < 0)
		goto out;
	if ((rc = gnutls_x509_crt_init(&crt)) < 0) {
		pki_gnutls_err(err, rc, "crt_init");
		goto out;
	}
	if (pki_crt_base(crt, key, cn, org, PKI_CLIENT_DAYS, err) < 0)
		goto out;
	if ((rc = gnutls_x509_crt_set_basic_constraints(crt, 0, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(crt,
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_purpose_oid(crt,
	    GNUTLS_KP_TLS_WWW_CLIENT, 0)) < 0) {
		pki_gnutls_err(err, rc, "client certificate extensions");
		goto out;
	}
	if (pki_crt_sign(crt, ca, cakey, err) < 0)
		goto out;
	if ((*cert_pem = pki_crt_pem(crt, err)) == NULL ||
	    (*key_pem = pki_key_pem(key, err)) == NULL)
		goto out;
	ret = 0;
out:
	if (ret < 0) {
		free(*cert_pem);
		free(*key_pem);
		*cert_pem = *key_pem = NULL;
	}
	if (crt != NULL)
		gnutls_x509_crt_deinit(crt);
	if (ca != NULL)
		gnutls_x509_crt_deinit(ca);
	if (key != NULL)
		gnutls_x509_privkey_deinit(key);
	if (cakey != NULL)
		gnutls_x509_privkey_deinit(cakey);
	return ret;
}

int
pki_self_signed(const char *cn, const char *const *sans, char **cert_pem,
    char **key_pem, struct err *err)
{
	return pki_make_server(NULL, NULL, cn, NULL, sans, cert_pem, key_pem,
	    err);
}

void
pki_release(struct pki *p)
{
	free(p->ca_pem);
	if (p->ca_key_pem != NULL)
		explicit_bzero(p->ca_key_pem, strlen(p->ca_key_pem));
	free(p->ca_key_pem);
	free(p->cert_pem);
	if (p->key_pem != NULL)
		explicit_bzero(p->key_pem, strlen(p->key_pem));
	free(p->key_pem);
	p->ca_pem = p->ca_key_pem = p->cert_pem = p->key_pem = NULL;
}
