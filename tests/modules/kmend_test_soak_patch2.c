// SPDX-License-Identifier: GPL-2.0
/* Patch 2 of the soak, answering 3: see kmend_test_soak_patch.h. */
#define KMEND_SOAK_VERSION 3
#include "kmend_test_soak_patch.h"
