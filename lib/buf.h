/* buf.h - the one growable byte buffer of kubec, with a hard size cap.
 *
 * Modelled on git's strbuf and curl's dynbuf: every buffer is created with
 * the largest size it may ever grow to, so request bodies, watch frames and
 * rendered output cannot grow without bound.  The content is always
 * NUL-terminated.  Functions that can fail return -1 when the cap (or
 * memory) would be exceeded and leave the buffer as it was.
 */
#ifndef KUBEC_BUF_H
#define KUBEC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated; NULL until the first add */
	size_t	 len;
	size_t	 alloc;
	size_t	 cap;		/* len may never exceed this */
};

#define BUF_CAP_DEFAULT	((size_t)64 << 20)	/* 64 MiB */
#define BUF_INIT(cap)	{ NULL, 0, 0, (cap) }

void	 buf_init(struct buf *b, size_t cap);
void	 buf_release(struct buf *b);	/* frees the content, keeps cap */
void	 buf_reset(struct buf *b);	/* len = 0, keeps the memory */
char	*buf_detach(struct buf *b, size_t *len); /* caller frees; never NULL */
int	 buf_add(struct buf *b, const void *p, size_t n);
int	 buf_adds(struct buf *b, const char *s);
int	 buf_addc(struct buf *b, char c);
int	 buf_addf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vaddf(struct buf *b, const char *fmt, va_list ap);
int	 buf_grow(struct buf *b, size_t extra);
void	 buf_truncate(struct buf *b, size_t len);
/* The content, or "" when nothing was added yet. */
const char *buf_str(const struct buf *b);

#endif
