// SPDX-License-Identifier: GPL-2.0
#define KMEND_TEST_MARKER "kmend-stack-b"
#include "kmend_test_cmdline.h"
