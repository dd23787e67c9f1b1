/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_soak.h - what the soak's modules share (tests/tools/kmend-test-soak.c
 * drives them).
 *
 * Two target modules, kmend_test_soak_target1 and 2, each have produce(),
 * consume() and pair(); the patch modules kmend_test_soak_patch1..4 replace
 * all three in either or both. Every version answers with its own number
 * (1 for the original, the patch's KMEND_SOAK_VERSION otherwise):
 *
 *	pair() = version of pair << 16 | version produce() gave << 1 | mismatch
 *
 * where mismatch is what consume() says of the format it is handed: 0 when
 * it comes from the same version. A task that runs one version's pair()
 * and another's produce() or consume() saw a mix of sides, which the
 * per-task and atomic models must never allow.
 *
 * Every version's pair() calls produce() and consume() through the hub
 * (kmend_test_soak_hub), which calls the target's own entry points, so
 * each call goes through ftrace and gets the side of the calling task; and
 * it sleeps in the hub, between the two, when the driver holds the target.
 */
#ifndef _KMEND_TEST_SOAK_H
#define _KMEND_TEST_SOAK_H

#define KMEND_SOAK_TARGETS	2

#define KMEND_SOAK_PAIR(pair, format, mismatch) \
	((pair) << 16 | (format) << 1 | !!(mismatch))
#define KMEND_SOAK_PAIR_VERSION(ret)	((ret) >> 16)
#define KMEND_SOAK_FORMAT(ret)		(((ret) >> 1) & 0x7fff)
#define KMEND_SOAK_MISMATCH(ret)	((ret) & 1)

struct kmend_soak_target {
	int (*produce)(void);
	int (*consume)(int format);
};

void kmend_soak_attach(int t, const struct kmend_soak_target *target);
void kmend_soak_detach(int t);
int kmend_soak_produce(int t);
int kmend_soak_consume(int t, int format);
int kmend_soak_wait(int t);

#endif /* _KMEND_TEST_SOAK_H */
