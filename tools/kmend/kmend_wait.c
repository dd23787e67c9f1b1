// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_wait.c - bounded polling, with progress on stderr.
 *
 * The kernel offers no event for the end of a transition or for a module's
 * last reference going, so we poll; every wait has a limit unless the
 * operator asked for none (--timeout 0), and says once a second what it
 * waits for, so an operator never faces a silent hang.
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include "kmend_modinfo.h"
#include "kmend_msg.h"
#include "kmend_sysfs.h"
#include "kmend_wait.h"

#define KMEND_POLL_MS 100

static unsigned long long kmend_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static void kmend_sleep_ms(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (ms % 1000) * 1000000L,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/**
 * kmend_wait_for() - poll until @poll reports success, at most @timeout_s
 * @what:	what is awaited, for messages: "transition of foo"
 *
 * @timeout_s:	the limit in seconds; 0 waits without limit (the caller
 *		asked for it, and progress is still shown every second)
 *
 * Return: 0 once reached, -ETIMEDOUT after a message, or @poll's error.
 */
int kmend_wait_for(const char *what, unsigned int timeout_s,
		   kmend_poll_t *poll, void *arg)
{
	unsigned long long start = kmend_now_ms(), elapsed;
	unsigned int shown = 0;
	int ret;

	for (;;) {
		ret = poll(arg);
		if (ret)
			return ret < 0 ? ret : 0;
		elapsed = kmend_now_ms() - start;
		if (timeout_s && elapsed >= timeout_s * 1000ULL) {
			kmend_err("gave up waiting for %s after %us", what,
				  timeout_s);
			return -ETIMEDOUT;
		}
		if (elapsed / 1000 > shown) {
			shown = elapsed / 1000;
			kmend_err("waiting for %s: %us", what, shown);
		}
		kmend_sleep_ms(KMEND_POLL_MS);
	}
}

static int kmend_poll_transition(void *arg)
{
	const char *patch = arg;
	int running, err;

	if (!patch) {
		running = kmend_find_transition(NULL, 0);
		return running < 0 ? running : !running;
	}
	err = kmend_read_patch_flag(patch, "transition", true, &running);
	return err ? err : !running;
}

/**
 * kmend_wait_for_transition() - wait until @patch is not in transition
 * @patch:	a patch name, or NULL to wait until no patch is
 *
 * Messages name the patch waited for: the one found in transition first
 * when @patch is NULL.
 */
int kmend_wait_for_transition(const char *patch, unsigned int timeout_s)
{
	char what[KMEND_NAME_MAX + 32], running[KMEND_NAME_MAX];
	int ret;

	if (!patch) {
		ret = kmend_find_transition(running, sizeof(running));
		if (ret <= 0)
			return ret;
	}
	snprintf(what, sizeof(what), "transition of %s",
		 patch ? patch : running);
	return kmend_wait_for(what, timeout_s, kmend_poll_transition,
			      (void *)patch);
}
