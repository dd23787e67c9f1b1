// SPDX-License-Identifier: GPL-2.0
/* A second callbacks patch, stacked on the first. */
#include "kmend_test_callbacks.c"
