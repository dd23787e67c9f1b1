// SPDX-License-Identifier: GPL-2.0
/* state 42 version 1 */
#define KMEND_TEST_VERSION 1
#define KMEND_TEST_REPLACE false
#include "kmend_test_state.h"
