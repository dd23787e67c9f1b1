# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/new-global-variable.patch: a new global
# variable lives in the patch module and keeps counting reads of
# /proc/version across them.
. ./lib.sh
P=kmend_new_global_variable
find_build_patch $P
start_test build-global

load_runtime
run kmend load "$KO"
assert_eq "first read" "kmend: read 1 times" "$(sed -n 2p /proc/version)"
assert_eq "second read" "kmend: read 2 times" "$(sed -n 2p /proc/version)"
grep -q ' kmend_version_reads' /proc/kallsyms || fail "kmend_version_reads is not in kallsyms"
run kmend unload $P
assert_eq "lines after unload" 1 "$(wc -l < /proc/version)"
unload_runtime
