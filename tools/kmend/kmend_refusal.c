// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_refusal.c - why the kernel refused a module file, and what to do.
 *
 * A kernel that checks signatures (module_sig_check() in kernel/module/
 * signing.c) lets an unsigned module in, or one signed with a key it does
 * not have, only when neither module.sig_enforce=1 nor lockdown forbids
 * it: enforced, it refuses with EKEYREJECTED ("Loading of unsigned module
 * is rejected"); locked down, with EPERM ("Lockdown: ... unsigned module
 * loading is restricted"). A signature that does not verify is
 * EKEYREJECTED too, and ENOKEY when its key is in no trusted keyring. The
 * errno does not say which of these it was: the file and the kernel's
 * settings do.
 *
 * A file cut short (a copy or download that stopped) is ENOEXEC, which
 * otherwise means a module built for another kernel.
 *
 * kmend.ko itself is DKMS's (package kmend-dkms), signed with DKMS's
 * machine owner key, which a kernel trusts only once enrolled through
 * shim's MokManager: until then a Secure Boot (lockdown) or
 * module.sig_enforce=1 boot refuses it, and with it every patch.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_msg.h"
#include "kmend_refusal.h"

/* What scripts/sign-file appends after the signature (module_signature.h). */
#define KMEND_SIG_MARKER "~Module signature appended~\n"

/* The content of sysfs file @path, first line only; "" when unreadable. */
static void kmend_read_setting(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, size, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* 1 when @path ends with a module signature, 0 when not, -1 unreadable. */
static int kmend_is_signed(const char *path)
{
	size_t len = sizeof(KMEND_SIG_MARKER) - 1;
	char tail[sizeof(KMEND_SIG_MARKER)];
	struct stat st;
	int fd, ret = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (!fstat(fd, &st) && st.st_size >= (off_t)len &&
	    pread(fd, tail, len, st.st_size - len) == (ssize_t)len)
		ret = !memcmp(tail, KMEND_SIG_MARKER, len);
	close(fd);
	return ret;
}

/* "[integrity]" of "none [integrity] confidentiality", or NULL for none. */
static const char *kmend_lockdown_mode(char *buf, size_t size)
{
	char *open, *close;

	kmend_read_setting("/sys/kernel/security/lockdown", buf, size);
	open = strchr(buf, '[');
	close = open ? strchr(open, ']') : NULL;
	if (!close || !strncmp(open, "[none]", 6))
		return NULL;
	close[1] = '\0';
	return open;
}

static void kmend_explain_signature(const char *path, int err)
{
	char enforce[8], lockdown[128];
	const char *mode = kmend_lockdown_mode(lockdown, sizeof(lockdown));
	int is_signed = kmend_is_signed(path);

	kmend_read_setting("/sys/module/module/parameters/sig_enforce",
			   enforce, sizeof(enforce));
	kmend_err("this kernel loads only modules signed with a key it trusts (%s%s%s)",
		  enforce[0] == 'Y' ? "module.sig_enforce=1" : "",
		  enforce[0] == 'Y' && mode ? ", " : "",
		  mode ? "lockdown" : enforce[0] == 'Y' ? "" : "a signature check");
	if (mode)
		kmend_err("lockdown is %s (/sys/kernel/security/lockdown): Secure Boot turns it on",
			  mode);
	if (is_signed == 0) {
		kmend_err("%s is not signed: build a signed patch with kmend build --sign-key KEY --sign-cert CERT.der ...",
			  path);
	} else if (is_signed == 1) {
		kmend_err("%s is signed, but %s", path,
			  err == -ENOKEY ? "with a key in none of the kernel's keyrings" :
			  "the kernel does not accept its signature (a key it does not trust, or a changed file)");
	}
	kmend_err("the signing certificate must be one the kernel trusts: enroll it with 'mokutil --import CERT.der' and confirm in MokManager at the next boot (Secure Boot with shim), then check with 'keyctl list %%:.machine'");
	kmend_err("docs/packaging.md (/usr/share/doc/kmend/packaging.md) says how kmend works with Secure Boot");
}

/* DKMS's key (dkms(8), mok_signing_key), and where it installs kmend.ko. */
#define KMEND_DKMS_CERT "/var/lib/dkms/mok.pub"
#define KMEND_DKMS_DIR "/lib/modules/%s/updates/dkms/kmend.ko"

/**
 * kmend_explain_core_refusal() - say why kmend.ko is not loaded on kernel
 * @rel when it cannot be for want of a trusted signature, or a build
 */
void kmend_explain_core_refusal(const char *rel)
{
	char enforce[8], lockdown[128], path[4096];
	const char *mode = kmend_lockdown_mode(lockdown, sizeof(lockdown));

	snprintf(path, sizeof(path), KMEND_DKMS_DIR, rel);
	if (access(path, F_OK)) {
		kmend_err("DKMS has not built kmend.ko for %s (no %s): see 'dkms status', and install linux-headers-%s",
			  rel, path, rel);
		return;
	}
	kmend_read_setting("/sys/module/module/parameters/sig_enforce",
			   enforce, sizeof(enforce));
	if (enforce[0] != 'Y' && !mode)
		return;
	kmend_err("this kernel loads only modules signed with a key it trusts (%s)",
		  mode ? "lockdown, as under Secure Boot" : "module.sig_enforce=1");
	if (kmend_is_signed(path) != 1) {
		kmend_err("%s is not signed: reinstall kmend-dkms with DKMS's signing key (dkms(8), mok_signing_key)",
			  path);
		return;
	}
	kmend_err("%s is signed with DKMS's key %s, which the kernel trusts only once enrolled:",
		  path, KMEND_DKMS_CERT);
	kmend_err("  mokutil --import %s, reboot, confirm in MokManager; patch modules need a trusted key too (kmend build --sign-key)",
		  KMEND_DKMS_CERT);
}

/* The end of the section header table and of the furthest section. */
static int kmend_elf_extent(int fd, off_t *end)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	unsigned int i;
	off_t e;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_shentsize != sizeof(sh))
		return -1;
	*end = eh.e_shoff + (off_t)eh.e_shnum * sizeof(sh);
	for (i = 0; i < eh.e_shnum; i++) {
		if (pread(fd, &sh, sizeof(sh), eh.e_shoff + i * sizeof(sh)) !=
		    sizeof(sh))
			return 0;	/* the table itself is cut short */
		e = sh.sh_type == SHT_NOBITS ? 0 : (off_t)(sh.sh_offset + sh.sh_size);
		if (e > *end)
			*end = e;
	}
	return 0;
}

/* True after saying so when @path is an ELF object cut short. */
static bool kmend_explain_truncated(const char *path)
{
	struct stat st;
	off_t end;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ret = fstat(fd, &st) ? -1 : kmend_elf_extent(fd, &end);
	close(fd);
	if (ret || end <= st.st_size)
		return false;
	kmend_err("%s is cut short: it has %lld bytes, its ELF headers say %lld",
		  path, (long long)st.st_size, (long long)end);
	kmend_err("copy it again, or reinstall it (kmend install, or its package); it was not built wrong");
	return true;
}

/**
 * kmend_explain_refusal() - say why finit_module() of @path failed with
 * @err, when the file or the kernel's settings tell more than the errno
 *
 * Return: true when explained; false leaves it to the caller's hint.
 */
bool kmend_explain_refusal(const char *path, int err)
{
	char lockdown[128];

	switch (err) {
	case -ENOEXEC:
		return kmend_explain_truncated(path);
	case -EPERM:
		if (!kmend_lockdown_mode(lockdown, sizeof(lockdown)) ||
		    kmend_is_signed(path) == 1)
			return false;
		/* fallthrough */
	case -EKEYREJECTED:
	case -ENOKEY:
		kmend_explain_signature(path, err);
		return true;
	}
	return false;
}
