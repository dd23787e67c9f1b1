// SPDX-License-Identifier: GPL-2.0
/* Patch 4 of the soak, answering 5: see kmend_test_soak_patch.h. */
#define KMEND_SOAK_VERSION 5
#include "kmend_test_soak_patch.h"
