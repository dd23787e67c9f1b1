# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/debug-line-shift.patch: a pr_debug added
# to dev_get_stats() in net/core/dev.c replaces that function only, though
# every line below it moved and GCC renumbered the file's statics; the new
# call site is the patch module's, switched on through dynamic debug.
. ./lib.sh
P=kmend_debug_line_shift
find_build_patch $P
start_test build-debug
DDC=/proc/dynamic_debug/control

load_runtime
run kmend load "$KO"
assert_eq "replaced functions" "dev_get_stats,1" "$(replaced_functions $P)"
grep -q "\\[$P\\]dev_get_stats =_ \"kmend: %s of %s" $DDC ||
	fail "the patch's call site is not in $DDC"
write "module $P +p" $DDC
cat /proc/net/dev > /dev/null
dmesg | grep -q "kmend: dev_get_stats of lo" ||
	fail "the new dev_get_stats did not print through dynamic debug"
pass "dev_get_stats prints through dynamic debug"
run kmend unload $P
grep -q "\\[$P\\]" $DDC && fail "call sites of $P remain after unload"
unload_runtime
