/* file.h - whole small files: read into a capped buffer, or written
 * atomically (a temporary file, fsync, rename) with a mode. */
#ifndef KUBEC_FILE_H
#define KUBEC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "err.h"

/*
 * Appends the file's content to b (whose cap bounds it).  ERR_NOT_FOUND
 * with "stat PATH: no such file or directory" when it does not exist.
 */
int	file_read(const char *path, struct buf *b, struct err *err);
/* Replaces path by data, durably; the file never exists half-written. */
int	file_write_atomic(const char *path, const void *data, size_t len,
	    mode_t mode, struct err *err);
/*
 * The same without the sync: never half-written for a reader, nor after
 * a crash of the process, but a crash of the machine may lose it.  For
 * what a restarted machine makes again anyway (a pod's files, as kubelet
 * and the CNI library write theirs): a sync costs a pod start a
 * millisecond or more per file.
 */
int	file_write_replace(const char *path, const void *data, size_t len,
	    mode_t mode, struct err *err);
/* Writes data over the existing file path, the same inode (a file
 * bind-mounted somewhere must change where it is seen): a reader may
 * see it half-written. */
int	file_overwrite(const char *path, const void *data, size_t len,
	    struct err *err);

/* mkdir -p: path and its missing parents, with mode. */
int	file_mkdirs(const char *path, unsigned mode, struct err *err);

#endif
