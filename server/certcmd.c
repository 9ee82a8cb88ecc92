/* certcmd.c - kubec-server certificate issue: a client certificate and key
 * signed by the cluster CA (DIR/pki), for the server's x509
 * authentication (CN the user, each O a group), written to files and,
 * when asked, into a kubeconfig that reaches the server as
 * DIR/admin.kubeconfig does.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/kubeconfig.h"
#include "../lib/pki.h"
#include "server.h"

#define CERTCMD_MAX_ORGS	1024	/* the --org values joined */

static void
certcmd_usage(FILE *f)
{
	fprintf(f,
"usage: kubec-server certificate issue --cn NAME [--org GROUP]...\n"
"           [--data-dir DIR] [--out PREFIX] [--kubeconfig FILE]\n"
"\n"
"Issues a client certificate signed by the cluster CA in DIR/pki (valid\n"
"for a year): the server takes its CN as the user name and each O as a\n"
"group, as kube-apiserver does.\n"
"\n"
"  --cn NAME          the user (subject CN)\n"
"  --org GROUP        a group (subject O); may be repeated\n"
"  --data-dir DIR     the server's data directory (default /var/lib/kubec)\n"
"  --out PREFIX       write PREFIX.crt and PREFIX.key (default: NAME)\n"
"  --kubeconfig FILE  also write a kubeconfig with them inline, for the\n"
"                     server of DIR/admin.kubeconfig\n"
"\n"
"Existing files are not replaced.\n");
}

/* Fails when path exists: a key is not overwritten by mistake. */
static int
certcmd_absent(const char *path, struct err *err)
{
	if (access(path, F_OK) == 0)
		return err_set(err, ERR_ALREADY_EXISTS, "%s exists; remove it "
		    "or choose another --out", path);
	if (errno != ENOENT)
		return err_set(err, ERR_INTERNAL, "%s: %s", path,
		    strerror(errno));
	return 0;
}

/* Writes the kubeconfig: the server and CA of DIR/admin.kubeconfig. */
static int
certcmd_kubeconfig(const char *data_dir, const char *path, const char *cn,
    const char *cert_pem, const char *key_pem, struct err *err)
{
	struct kubeconfig kc;
	struct kube_target t;
	char admin[4200];
	int rc;

	memset(&kc, 0, sizeof kc);
	memset(&t, 0, sizeof t);
	snprintf(admin, sizeof admin, "%s/admin.kubeconfig", data_dir);
	if (access(admin, F_OK) < 0)
		return err_set(err, ERR_NOT_FOUND, "%s: %s (the server writes "
		    "it when it starts)", admin, strerror(errno));
	if (kubeconfig_load(&kc, admin, err) < 0 ||
	    kubeconfig_resolve(&kc, NULL, &t, err) < 0) {
		kubeconfig_release(&kc);
		kube_target_release(&t);
		return -1;
	}
	rc = kubeconfig_write_cert(path, t.server, t.ca_pem, cert_pem,
	    key_pem, t.cluster, cn);
	kubeconfig_release(&kc);
	kube_target_release(&t);
	if (rc < 0)
		return err_set(err, ERR_INTERNAL, "cannot write %s", path);
	return 0;
}

static int
certcmd_issue(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cn", required_argument, NULL, 'n' },
		{ "org", required_argument, NULL, 'o' },
		{ "data-dir", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'p' },
		{ "kubeconfig", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *data_dir = "/var/lib/kubec", *cn = NULL, *out = NULL;
	const char *kcpath = NULL;
	struct buf orgs = BUF_INIT(CERTCMD_MAX_ORGS);
	char crt[4200], key[4200];
	char *cert_pem = NULL, *key_pem = NULL;
	struct pki pki;
	struct err err;
	int c, ret = 1;

	err_clear(&err);
	memset(&pki, 0, sizeof pki);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': cn = optarg; break;
		case 'd': data_dir = optarg; break;
		case 'p': out = optarg; break;
		case 'k': kcpath = optarg; break;
		case 'o':
			if (optarg[0] == '\0' || strchr(optarg, ',') != NULL) {
				fprintf(stderr, "kubec-server: --org '%s': one "
				    "group, not empty and without a comma "
				    "(repeat --org)\n", optarg);
				buf_release(&orgs);
				return 2;
			}
			if ((orgs.len > 0 && buf_add(&orgs, ",", 1) < 0) ||
			    buf_add(&orgs, optarg, strlen(optarg)) < 0) {
				fprintf(stderr, "kubec-server: too many "
				    "--org\n");
				buf_release(&orgs);
				return 2;
			}
			break;
		case 'h':
			certcmd_usage(stdout);
			buf_release(&orgs);
			return 0;
		default:
			certcmd_usage(stderr);
			buf_release(&orgs);
			return 2;
		}
	}
	if (optind < argc || cn == NULL || cn[0] == '\0') {
		if (optind >= argc)
			fprintf(stderr, "kubec-server: certificate issue: "
			    "--cn is required\n");
		certcmd_usage(stderr);
		buf_release(&orgs);
		return 2;
	}
	if (out == NULL)
		out = cn;
	snprintf(crt, sizeof crt, "%s.crt", out);
	snprintf(key, sizeof key, "%s.key", out);
	if (certcmd_absent(crt, &err) < 0 || certcmd_absent(key, &err) < 0 ||
	    (kcpath != NULL && certcmd_absent(kcpath, &err) < 0) ||
	    pki_load_ca(data_dir, &pki, &err) < 0 ||
	    pki_issue_client(&pki, cn, orgs.len ? buf_str(&orgs) : NULL,
	    &cert_pem, &key_pem, &err) < 0 ||
	    file_write_atomic(key, key_pem, strlen(key_pem), 0600, &err) < 0 ||
	    file_write_atomic(crt, cert_pem, strlen(cert_pem), 0644,
	    &err) < 0 ||
	    (kcpath != NULL && certcmd_kubeconfig(data_dir, kcpath, cn,
	    cert_pem, key_pem, &err) < 0)) {
		fprintf(stderr, "kubec-server: certificate issue: %s\n",
		    err.msg);
		goto out;
	}
	printf("%s, %s: CN=%s%s%s%s%s\n", crt, key, cn, orgs.len ? " O=" :
	    "", orgs.len ? buf_str(&orgs) : "", kcpath ? "; kubeconfig: " :
	    "", kcpath ? kcpath : "");
	ret = 0;
out:
	if (key_pem != NULL)
		explicit_bzero(key_pem, strlen(key_pem));
	free(key_pem);
	free(cert_pem);
	pki_release(&pki);
	buf_release(&orgs);
	return ret;
}

int
certcmd_main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "issue") == 0)
		return certcmd_issue(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		certcmd_usage(stdout);
		return 0;
	}
	certcmd_usage(stderr);
	return 2;
}
