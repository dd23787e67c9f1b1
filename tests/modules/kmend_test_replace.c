// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_replace.c - a cumulative patch (replace = true) that replaces
 * only cmdline_proc_show(): /proc/cmdline shows "kmend-test-replace", and
 * every function the patches it supersedes replaced goes back to its
 * original code.
 */
#define KMEND_TEST_MARKER	"kmend-test-replace"
#define KMEND_TEST_REPLACE	true
#include "kmend_test_cmdline.h"
