// SPDX-License-Identifier: GPL-2.0
#define KMEND_TEST_MARKER "kmend-stack-a"
#include "kmend_test_cmdline.h"
