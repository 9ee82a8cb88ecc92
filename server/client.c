/* client.c - the server's own client: controllers call the resource API
 * in-process, through api_handle(), so their writes get the same
 * defaulting, validation, finalizer and concurrency rules as kubectl's.
 */
#include <stdlib.h>
#include <string.h>

#include "server.h"

int
client_do(struct server *s, const char *method, const char *path,
    const char *query, const char *content_type, const json_t *body,
    json_t **out, struct err *err)
{
	struct request r;
	struct response resp;
	json_error_t je;
	char *data = NULL;
	json_t *j;
	int code;

	memset(&r, 0, sizeof r);
	memset(&resp, 0, sizeof resp);
	buf_init(&resp.body, 0);
	r.srv = s;
	r.method = method;
	r.path = path;
	r.query = query;
	r.content_type = content_type ? content_type : "application/json";
	r.accept = "application/json";
	r.user_agent = "kubec-controller-manager";
	snprintf(r.user.name, sizeof r.user.name, "kubec:controller-manager");
	snprintf(r.user.groups[0], sizeof r.user.groups[0], "system:masters");
	snprintf(r.user.groups[1], sizeof r.user.groups[1],
	    "system:authenticated");
	r.user.ngroups = 2;
	if (body != NULL) {
		data = json_dumps(body, JSON_COMPACT);
		r.body = data;
		r.body_len = data ? strlen(data) : 0;
	} else {
		r.body = "";
	}
	api_handle(&r, &resp);
	free(data);
	if (resp.stream != NULL) {
		/* no watches from inside */
		resp.stream->release(resp.stream);
		buf_release(&resp.body);
		return err_set(err, ERR_BAD_REQUEST, "watch through client_do");
	}
	code = resp.code ? resp.code : 200;
	j = json_loadb(buf_str(&resp.body), resp.body.len, 0, &je);
	buf_release(&resp.body);
	if (code >= 400) {
		const char *reason = json_string_value(json_object_get(j,
		    "reason"));
		const char *msg = json_string_value(json_object_get(j,
		    "message"));
		enum err_reason rs = ERR_INTERNAL;
		int i;

		for (i = ERR_BAD_REQUEST; i <= ERR_TIMEOUT; i++)
			if (reason && strcmp(err_reason_str(i), reason) == 0)
				rs = i;
		err_set(err, rs, "%s", msg ? msg : "request failed");
		json_decref(j);
		return -1;
	}
	if (out != NULL)
		*out = j;
	else
		json_decref(j);
	return 0;
}
