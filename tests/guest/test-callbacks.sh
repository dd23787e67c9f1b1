# SPDX-License-Identifier: GPL-2.0
# Callbacks run around every switch of every object: a target module
# loaded before the patch, loaded after it (coming), removed (going); a
# pre-patch callback failing with -ENODEV refuses the patch at enable, and
# refuses the module's load when it fails for a coming module.
. ./lib.sh
P=kmend_test_callbacks
start_test callbacks
load_kmend

# The target is there before the patch, and goes after it.
load_module $T
load_patch $P
assert_eq "/proc/cmdline" kmend-test-callbacks "$(cat /proc/cmdline)"
run kmend unload $P

# The target comes after the patch, and goes before it.
load_patch $P
run rmmod $T
load_module $T
wait_for 10 grep -qx 3 /sys/module/$T/parameters/kthread_seen
run rmmod $T
run kmend unload $P

# pre_patch fails at enable: nothing is patched.
must_fail kmend load $TESTMODS/$P.ko pre_patch_ret=-19
assert_file_missing $SYSFS/$P

# pre_patch fails for a coming module: its load is refused.
load_patch $P
write -19 /sys/module/$P/parameters/pre_patch_ret
must_fail $TESTMODS/kmend-test-insmod $TESTMODS/$T.ko
module_loaded $T && fail "$T loaded although its pre-patch callback failed"
write 0 /sys/module/$P/parameters/pre_patch_ret
run kmend unload $P

# cb HOOK OBJECT...: the lines of the HOOK callback for each OBJECT.
cb() {
	callbacks $P "$@"
}
expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% insmod $TESTMODS/$T.ko
% kmend load $TESTMODS/$P.ko
$(patching $P "$(cb pre_patch vmlinux "$T [LIVE]")" "$(cb post_patch vmlinux "$T [LIVE]")")
% kmend unload $P
$(unpatching $P "$(cb pre_unpatch vmlinux "$T [LIVE]")" "$(cb post_unpatch vmlinux "$T [LIVE]")")
kmend: patch '$P' removed
% kmend load $TESTMODS/$P.ko
$(patching $P "$(cb pre_patch vmlinux "$T [LIVE]")" "$(cb post_patch vmlinux "$T [LIVE]")")
% rmmod $T
$(cb pre_unpatch "$T [GOING]")
kmend: reverting patch '$P' on unloading module '$T'
$(cb post_unpatch "$T [GOING]")
% insmod $TESTMODS/$T.ko
$(cb pre_patch "$T [COMING]")
kmend: applying patch '$P' to loading module '$T'
$(cb post_patch "$T [COMING]")
% rmmod $T
$(cb pre_unpatch "$T [GOING]")
kmend: reverting patch '$P' on unloading module '$T'
$(cb post_unpatch "$T [GOING]")
% kmend unload $P
$(unpatching $P "$(cb pre_unpatch vmlinux)" "$(cb post_unpatch vmlinux)")
kmend: patch '$P' removed
% kmend load $TESTMODS/$P.ko pre_patch_ret=-19
kmend: enabling patch '$P'
kmend: '$P': initializing patching transition
$(cb pre_patch vmlinux)
kmend: pre-patch callback of vmlinux failed (-19)
kmend: patch '$P' not enabled, nothing was changed
% kmend load $TESTMODS/$P.ko
$(patching $P "$(cb pre_patch vmlinux)" "$(cb post_patch vmlinux)")
% echo -19 > /sys/module/$P/parameters/pre_patch_ret
% $TESTMODS/kmend-test-insmod $TESTMODS/$T.ko
$(cb pre_patch "$T [COMING]")
kmend: pre-patch callback of $T failed (-19)
kmend: patch '$P' cannot patch module '$T': refusing to load it
% echo 0 > /sys/module/$P/parameters/pre_patch_ret
% kmend unload $P
$(unpatching $P "$(cb pre_unpatch vmlinux)" "$(cb post_unpatch vmlinux)")
kmend: patch '$P' removed
END
