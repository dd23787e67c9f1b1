// SPDX-License-Identifier: GPL-2.0
/* cumulative, state 42 version 2 */
#define KMEND_TEST_VERSION 2
#define KMEND_TEST_REPLACE true
#include "kmend_test_state.h"
