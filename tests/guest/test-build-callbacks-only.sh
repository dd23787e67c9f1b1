# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/callbacks-only.patch: a patch with no
# functions, only callbacks, sets kernel.dmesg_restrict while it is enabled
# and gives the previous value back when it is disabled.
. ./lib.sh
P=kmend_callbacks_only
S=/proc/sys/kernel/dmesg_restrict
find_build_patch $P
start_test build-callbacks-only

load_runtime
write 0 $S
run kmend load "$KO"
assert_eq "dmesg_restrict while patched" 1 "$(cat $S)"
dmesg | grep -q "printk: kmend: dmesg restricted" || fail "post_patch did not run"
assert_eq "functions of the patch" "" "$(replaced_functions $P)"
run kmend unload $P
assert_eq "dmesg_restrict after unload" 0 "$(cat $S)"
unload_runtime

expect_log <<END
$(runtime_loaded)
% echo 0 > $S
% kmend load $KO
$(patching $P)
% kmend unload $P
$(unloading $P)
$(runtime_unloaded)
END
