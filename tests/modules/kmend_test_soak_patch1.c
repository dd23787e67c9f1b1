// SPDX-License-Identifier: GPL-2.0
/* Patch 1 of the soak, answering 2: see kmend_test_soak_patch.h. */
#define KMEND_SOAK_VERSION 2
#include "kmend_test_soak_patch.h"
