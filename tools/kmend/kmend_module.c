// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_module.c - inserting and removing kernel modules.
 *
 * Through syscall(): glibc wraps neither call, and the guest has no kmod.
 * finit_module() rather than init_module() lets the kernel read the file
 * itself, so what it checks (signature, vermagic) is the file on disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kmend_module.h"
#include "kmend_msg.h"

/**
 * kmend_insert_module() - load module file @path with parameters @params
 * @params:	"key=value key2=value2", or "" for none
 *
 * A patch module enables its patch from its init function, so on success
 * the patch is registered and enabled, though its transition may still run.
 */
int kmend_insert_module(const char *path, const char *params)
{
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kmend_sys_error(path, "open");
	if (syscall(SYS_finit_module, fd, params, 0))
		err = kmend_sys_error(path, "finit_module");
	close(fd);
	return err;
}

/**
 * kmend_try_delete_module() - remove module @name if nothing holds it
 *
 * Never waits in the kernel (O_NONBLOCK). A module still referenced, or
 * used by other modules, gives -EAGAIN (EWOULDBLOCK); one still
 * initializing, already going, or with an init function but no exit
 * function gives -EBUSY. Both are returned without a message: the caller
 * tells these cases apart (holders, initstate) and may try again.
 */
int kmend_try_delete_module(const char *name)
{
	if (!syscall(SYS_delete_module, name, O_NONBLOCK))
		return 0;
	if (errno == EAGAIN || errno == EBUSY)
		return -errno;
	return kmend_sys_error(name, "delete_module");
}
