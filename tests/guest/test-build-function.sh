# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/new-function.patch: the replaced
# loadavg_proc_show() calls a function the patch adds.
. ./lib.sh
P=kmend_new_function
find_build_patch $P
start_test build-function

load_runtime
run kmend load "$KO"
assert_eq "last field of /proc/loadavg" "kmend=42" "$(awk '{ print $NF }' /proc/loadavg)"
run kmend unload $P
assert_eq "fields after unload" 5 "$(awk '{ print NF }' /proc/loadavg)"
unload_runtime
