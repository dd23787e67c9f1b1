// SPDX-License-Identifier: GPL-2.0
/* The first target of the soak: see kmend_test_soak_target.h. */
#define KMEND_SOAK_T 0
#include "kmend_test_soak_target.h"
