// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_compat.c - the kernel lines kmend build targets (kmend_compat.h).
 */
#include <stdio.h>
#include <string.h>
#include "kmend_compat.h"
#include "kmend_util.h"

const struct kmend_kernel kmend_linux_6_1 = {
	.name = "6.1", .bit = KMEND_LINUX_6_1,
};

static const struct kmend_kernel kmend_linux_6_12 = {
	.name = "6.12", .bit = KMEND_LINUX_6_12, .runtime_consts = true,
};

static const struct kmend_kernel *const kmend_kernels[] = {
	&kmend_linux_6_1, &kmend_linux_6_12,
};

const struct kmend_kernel *kmend_kernel_find(const char *version)
{
	unsigned int major, minor;
	char line[24];
	size_t i;

	if (sscanf(version, "%u.%u", &major, &minor) != 2) {
		kmend_err("kernel version '%s': not MAJOR.MINOR[...]", version);
		return NULL;
	}
	snprintf(line, sizeof(line), "%u.%u", major, minor);
	for (i = 0; i < KMEND_ARRAY_SIZE(kmend_kernels); i++)
		if (!strcmp(kmend_kernels[i]->name, line))
			return kmend_kernels[i];
	kmend_err("kernel version '%s': line %s is not supported (6.1, 6.12)",
		  version, line);
	return NULL;
}
