// SPDX-License-Identifier: GPL-2.0
/* A second target module, with the same functions, for multi-object tests. */
#include "kmend_test_target.c"
