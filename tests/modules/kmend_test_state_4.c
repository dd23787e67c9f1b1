// SPDX-License-Identifier: GPL-2.0
/* cumulative, without state 42 */
#define KMEND_TEST_VERSION 0
#define KMEND_TEST_REPLACE true
#include "kmend_test_state.h"
