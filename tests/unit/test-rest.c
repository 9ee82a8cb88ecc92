/* test-rest.c - lib/rest against a real bin/kubec-server started for the
 * test: requests, Status errors, raw bodies, watches and stopping them. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../lib/file.h"
#include "../../lib/kubeconfig.h"
#include "../../lib/proc.h"
#include "../../lib/rest.h"
#include "test.h"

static char dir[64] = "/tmp/kubec-test-rest.XXXXXX";
static pid_t server = -1;
static struct rest *rc;

static int
start_server(void)
{
	char listen[64], cfg[128], *argv[8];
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	int port, i;

	if (mkdtemp(dir) == NULL)
		return -1;
	port = 20000 + getpid() % 20000;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	argv[0] = "bin/kubec-server";
	argv[1] = "--data-dir";
	argv[2] = dir;
	argv[3] = "--listen";
	argv[4] = listen;
	argv[5] = NULL;
	if ((server = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	snprintf(cfg, sizeof cfg, "%s/admin.kubeconfig", dir);
	err_clear(&err);
	for (i = 0; i < 100 && access(cfg, R_OK) != 0; i++)
		usleep(50 * 1000);
	if (kubeconfig_load(&kc, cfg, &err) < 0 ||
	    kubeconfig_resolve(&kc, NULL, &t, &err) < 0) {
		printf("# %s\n", err.msg);
		return -1;
	}
	rc = rest_open(&t, "kubec-test", &err);
	kube_target_release(&t);
	kubeconfig_release(&kc);
	for (i = 0; rc != NULL && i < 100; i++) {
		if (rest_do(rc, "GET", "/readyz", NULL, NULL, NULL, &err) >= 0)
			return 0;
		usleep(50 * 1000);
	}
	return -1;
}

static void
stop_server(void)
{
	char *rm[] = { "rm", "-rf", dir, NULL };
	struct proc p = { .argv = rm };
	struct err err;

	rest_close(rc);
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	proc_run_ok(&p, &err);
}

static void
test_rest_crud_and_errors(void)
{
	json_t *cm = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}}", "apiVersion",
	    "v1", "kind", "ConfigMap", "metadata", "name", "one", "data", "k",
	    "v"), *out = NULL;
	struct buf raw = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK_INT(rest_do(rc, "POST", "/api/v1/namespaces/default/configmaps",
	    NULL, cm, &out, &err), 201);
	CHECK_STR(json_string_value(json_object_get(json_object_get(out,
	    "metadata"), "name")), "one");
	json_decref(out);
	CHECK_INT(rest_do(rc, "POST", "/api/v1/namespaces/default/configmaps",
	    NULL, cm, NULL, &err), -1);
	CHECK_INT(err.reason, ERR_ALREADY_EXISTS);
	CHECK_STR(err.msg, "configmaps \"one\" already exists");
	CHECK_INT(rest_do(rc, "GET", "/api/v1/namespaces/default/configmaps/"
	    "two", NULL, NULL, NULL, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	CHECK_STR(err.msg, "configmaps \"two\" not found");
	CHECK_INT(rest_raw(rc, "PATCH", "/api/v1/namespaces/default/"
	    "configmaps/one", "application/merge-patch+json",
	    "{\"data\":{\"k\":\"w\"}}", 18, &raw, &err), 200);
	CHECK(strstr(buf_str(&raw), "\"k\":\"w\"") != NULL);
	json_decref(cm);
	buf_release(&raw);
}

struct seen {
	int	n;
	char	last[64];
};

static int
on_event(void *arg, const char *type, json_t *obj)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->last, sizeof s->last, "%s %s", type,
	    json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "name")));
	return strcmp(s->last, "ADDED three") == 0;
}

static volatile int stop_flag;

static void *
make_three(void *arg)
{
	json_t *cm = json_pack("{s:{s:s}}", "metadata", "name", "three");
	struct err err;

	usleep(200 * 1000);
	rest_do(rc, "POST", "/api/v1/namespaces/default/configmaps", NULL,
	    cm, NULL, &err);
	json_decref(cm);
	return NULL;
}

static void *
raise_stop(void *arg)
{
	usleep(300 * 1000);
	stop_flag = 1;
	return NULL;
}

static void
test_rest_watch(void)
{
	struct seen s = { 0 };
	struct err err;
	pthread_t t;

	err_clear(&err);
	/* the current state first (one ADDED), then the new object */
	pthread_create(&t, NULL, make_three, NULL);
	CHECK_INT(rest_watch(rc, "/api/v1/namespaces/default/configmaps?"
	    "watch=1", on_event, &s, NULL, &err), 1);
	pthread_join(t, NULL);
	CHECK_STR(s.last, "ADDED three");
	CHECK_INT(s.n, 2);
	/* stopped from outside while nothing happens */
	pthread_create(&t, NULL, raise_stop, NULL);
	CHECK_INT(rest_watch(rc, "/api/v1/namespaces/default/configmaps?"
	    "watch=1&resourceVersion=0", on_event, &s, &stop_flag, &err), 1);
	pthread_join(t, NULL);
	/* a watch refused */
	CHECK_INT(rest_watch(rc, "/api/v1/namespaces/default/nosuch?watch=1",
	    on_event, &s, NULL, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
}

int
main(void)
{
	if (start_server() < 0) {
		printf("not ok 1 cannot start bin/kubec-server\n");
		stop_server();
		return 1;
	}
	RUN(test_rest_crud_and_errors);
	RUN(test_rest_watch);
	stop_server();
	return TEST_EXIT();
}
