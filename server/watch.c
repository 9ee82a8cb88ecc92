/* watch.c - WATCH on a resource: a stream of JSON events, one per line,
 * served from the watch cache (see http.c for how the stream is driven).
 * Events carry the object, or a one-row Table when kubectl asks for one.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/jsonenc.h"
#include "api.h"
#include "table.h"

struct wstream {
	struct stream		 st;
	struct api_filter	 f;
	const struct registry_kind *k;
	int			 table;
	enum table_include	 inc;
};

static int
watch_encode(struct stream *st, const struct cevent *ev,
    const struct err *why, struct buf *out)
{
	struct wstream *ws = (struct wstream *)st;
	static const char *names[] = { "ADDED", "MODIFIED", "DELETED",
	    "BOOKMARK", "ERROR" };
	char apiv[160];
	struct response tmp;
	json_t *t;
	size_t mark;

	buf_addf(out, "{\"type\":\"%s\",\"object\":", names[ev->type]);
	switch (ev->type) {
	case CEV_BOOKMARK:
		registry_api_version(ws->k, apiv, sizeof apiv);
		buf_addf(out, "{\"kind\":\"%s\",\"apiVersion\":\"%s\","
		    "\"metadata\":{\"resourceVersion\":\"%lld\"}}", ws->k->kind,
		    apiv, (long long)ev->rev);
		break;
	case CEV_ERROR:
		memset(&tmp, 0, sizeof tmp);
		buf_init(&tmp.body, 0);
		response_status(&tmp, why);
		buf_add(out, tmp.body.data, tmp.body.len);
		buf_release(&tmp.body);
		break;
	default:
		if (ws->table) {
			t = table_new(ws->k, 1);
			table_add(t, ws->k, ev->obj->obj, ws->inc);
			json_object_set_new(json_object_get(t, "metadata"),
			    "resourceVersion", json_sprintf("%lld",
			    (long long)ev->rev));
			mark = out->len;
			if (jsonenc(t, out) < 0)
				buf_truncate(out, mark);
			json_decref(t);
		} else {
			buf_add(out, ev->obj->json, ev->obj->len);
		}
	}
	return buf_adds(out, "}\n");
}

static void
watch_release(struct stream *st)
{
	struct wstream *ws = (struct wstream *)st;

	api_filter_release(&ws->f);
	free(ws);
}

void
watch_start(struct request *r, struct response *resp)
{
	struct wstream *ws;
	struct err err;
	const char *rv = request_query(r, "resourceVersion");
	const char *to = request_query(r, "timeoutSeconds");
	long long timeout;
	int64_t rev = 0;
	char *end;

	err_clear(&err);
	ws = calloc(1, sizeof *ws);
	if (ws == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		response_status(resp, &err);
		return;
	}
	if (api_filter_init(r, &ws->f, &err) < 0) {
		free(ws);
		response_status(resp, &err);
		return;
	}
	snprintf(ws->f.name, sizeof ws->f.name, "%s", r->name);
	ws->k = r->kind;
	ws->table = table_wanted(r->accept);
	ws->inc = table_include_param(request_query(r, "includeObject"));
	if (rv != NULL && rv[0] != '\0') {
		rev = strtoll(rv, &end, 10);
		if (*end != '\0' || rev < 0) {
			err_set(&err, ERR_BAD_REQUEST, "invalid resource "
			    "version: %s", rv);
			goto fail;
		}
	}
	timeout = to ? strtoll(to, NULL, 10) : 0;
	if (timeout <= 0)
		timeout = 1800 + (long long)(random() % 1800);
	ws->st.deadline = (long long)time(NULL) + timeout;
	ws->st.bookmarks = request_bool(r, "allowWatchBookmarks");
	ws->st.last_sent = (long long)time(NULL);
	ws->st.encode = watch_encode;
	ws->st.release = watch_release;
	ws->st.w = cache_watch(r->srv->cache, r->kind, r->ns, rev,
	    api_filter_match, &ws->f, http_stream_wake, &ws->st, &err);
	if (ws->st.w == NULL) {
		if (err.reason != ERR_GONE)
			goto fail;
		/* too old: a 200 stream with one ERROR event, as upstream */
		api_filter_release(&ws->f);
		free(ws);
		resp->code = 200;
		buf_reset(&resp->body);
		{
			struct response tmp;

			memset(&tmp, 0, sizeof tmp);
			buf_init(&tmp.body, 0);
			response_status(&tmp, &err);
			buf_addf(&resp->body, "{\"type\":\"ERROR\",\"object\":"
			    "%s}\n", buf_str(&tmp.body));
			buf_release(&tmp.body);
		}
		return;
	}
	resp->code = 200;
	resp->stream = &ws->st;
	return;
fail:
	api_filter_release(&ws->f);
	free(ws);
	response_status(resp, &err);
}
