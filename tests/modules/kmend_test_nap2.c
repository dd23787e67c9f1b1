// SPDX-License-Identifier: GPL-2.0
/* A second nap patch, for tests that need two: the first may be pinned. */
#include "kmend_test_nap.c"
