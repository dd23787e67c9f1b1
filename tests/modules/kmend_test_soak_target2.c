// SPDX-License-Identifier: GPL-2.0
/* The second target of the soak: see kmend_test_soak_target.h. */
#define KMEND_SOAK_T 1
#include "kmend_test_soak_target.h"
