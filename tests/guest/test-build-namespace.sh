# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/namespace-import.patch: the new
# dma_buf_map_attachment_unlocked() calls dma_buf_map_attachment(), an
# export of namespace DMA_BUF, which the patch module imports: the module
# loader refuses a module using a namespace it does not import (issue 12,
# defect 2).
. ./lib.sh
P=kmend_namespace_import
find_build_patch $P
start_test build-namespace

load_kmend
run kmend load "$KO"
assert_eq "replaced functions" "dma_buf_map_attachment_unlocked,1" \
	"$(replaced_functions $P)"
run kmend unload $P
run rmmod kmend
dmesg | grep -q "does not import" && fail "a namespace was not imported"
pass "no namespace import missing"
