/* api.h - what the resource API files (api.c, write.c, watch.c) share. */
#ifndef KUBEC_API_H
#define KUBEC_API_H

#include "cache.h"
#include "server.h"

struct selector;
struct fieldsel;

/* A LIST or WATCH filter: labels, fields and a name. */
struct api_filter {
	struct selector	*labels;
	struct fieldsel	*fields;
	char		 name[254];	/* a watch of one object */
};

int	 api_filter_init(struct request *r, struct api_filter *f,
	    struct err *err);
void	 api_filter_release(struct api_filter *f);
int	 api_filter_match(void *arg, const struct cobj *o);

/* The key of the request's object. */
void	 api_key(const struct request *r, const char *name, char *out,
	    size_t len);
/* Reads a JSON or YAML body into one object. */
json_t	*api_body(struct request *r, struct err *err);
/* 404 in kube-apiserver's words: pods "x" not found */
int	 api_not_found(struct err *err, const struct registry_kind *k,
	    const char *name);
/* Answers one object (or its Table when asked). */
void	 api_reply_object(struct request *r, struct response *resp, int code,
	    const json_t *obj);
int	 api_dry_run(const struct request *r);

/* write.c */
void	 write_create(struct request *r, struct response *resp);
void	 write_update(struct request *r, struct response *resp);
void	 write_patch(struct request *r, struct response *resp);
void	 write_delete(struct request *r, struct response *resp);
void	 write_delete_collection(struct request *r, struct response *resp);
void	 write_binding(struct request *r, struct response *resp);
void	 write_access_review(struct request *r, struct response *resp);
/* POST selfsubjectreviews (kubectl auth whoami): the caller's user. */
void	 write_self_review(struct request *r, struct response *resp);
/* Scale subresource: GET, PUT and PATCH. */
void	 write_scale(struct request *r, struct response *resp);

/* watch.c */
void	 watch_start(struct request *r, struct response *resp);

#endif
