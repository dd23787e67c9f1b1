# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/static-local.patch: a static local of the
# replaced uptime_proc_show() keeps its value between calls.
. ./lib.sh
P=kmend_static_local
find_build_patch $P
start_test build-static-local

load_runtime
run kmend load "$KO"
assert_eq "first read" "kmend-calls=1" "$(awk '{ print $3 }' /proc/uptime)"
assert_eq "second read" "kmend-calls=2" "$(awk '{ print $3 }' /proc/uptime)"
run kmend unload $P
assert_eq "fields after unload" 2 "$(awk '{ print NF }' /proc/uptime)"
unload_runtime
