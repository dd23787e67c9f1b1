// SPDX-License-Identifier: GPL-2.0
/* Patch 3 of the soak, answering 4: see kmend_test_soak_patch.h. */
#define KMEND_SOAK_VERSION 4
#include "kmend_test_soak_patch.h"
