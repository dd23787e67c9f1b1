// SPDX-License-Identifier: GPL-2.0
/* A third target module, for kmend_test_cumulative to hold in transition. */
#include "kmend_test_target.c"
