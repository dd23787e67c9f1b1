# SPDX-License-Identifier: GPL-2.0
# A patch module stays loaded for good whenever a task may still run its
# code (sysfs forced reads 1, removal is refused):
# - an immediate patch, from its first enable: the target's kernel thread
#   asleep in the patch's produce() survives `kmend unload`;
# - a patch retired by a forced replace: a task asleep in its code blocked
#   the replace, and forcing does not make the task leave;
# - a patch whose address cannot come off the fast path when its object
#   goes (kmend_ops_go_slow() made to fail): the address stays redirected,
#   so the module that holds the replacement stays.
. ./lib.sh
N=kmend_test_nap
N2=kmend_test_nap2
R=kmend_test_replace
P=kmend_test_patch
I=kmend_test_inject
start_test pinned
load_target

# nap PATCH 0|1: send the target's kernel thread to sleep in PATCH's
# produce(), or wake it, and wait until it is so.
nap() {
	write $2 /sys/module/$1/parameters/nap
	wait_for 10 grep -qx $2 /sys/module/$1/parameters/napping
}

# Immediate: pinned from the enable on.
run kmend load $TESTMODS/$N.ko consistency=2
assert_eq "immediate patch forced once enabled" 1 "$(cat $SYSFS/$N/forced)"
nap $N 1
must_fail kmend unload $N
assert_eq "immediate patch disabled" 0 "$(cat $SYSFS/$N/enabled)"
module_loaded $N || fail "$N was removed with a task asleep in its code"
nap $N 0

# A forced replace pins the patches it retires.
load_patch $N2
assert_eq "per-task patch not forced" 0 "$(cat $SYSFS/$N2/forced)"
nap $N2 1
load_module $R
sleep 1
assert_eq "replace held by the napping thread" 1 "$(cat $SYSFS/$R/transition)"
write 1 $SYSFS/$R/force
assert_eq "replaced patch retired" 0 "$(cat $SYSFS/$N2/enabled)"
assert_eq "retired patch forced" 1 "$(cat $SYSFS/$N2/forced)"
must_fail rmmod $N2
nap $N2 0

# An address stuck on the fast path keeps its patch module.
load_patch $P
run insmod $TESTMODS/$I.ko symbol=kmend_ops_go_slow caller=kmend_unpatch_func ret=-16
run rmmod $T
assert_eq "go_slow failed once" 1 "$(cat /sys/module/$I/parameters/done)"
assert_eq "patch kept" 1 "$(cat $SYSFS/$P/forced)"
set_enabled $P 0
must_fail rmmod $P
run rmmod $I

expect_log <<END
$(target_loaded)
% kmend load $TESTMODS/$N.ko consistency=2
$(enabling $N)
kmend: '$N': immediate consistency checks no task: the patch module can never be removed now
$(patched $N)
% echo 1 > /sys/module/$N/parameters/nap
% kmend unload $N
$(unpatching $N)
% echo 0 > /sys/module/$N/parameters/nap
% kmend load $TESTMODS/$N2.ko
$(patching $N2)
% echo 1 > /sys/module/$N2/parameters/nap
% insmod $TESTMODS/$R.ko
$(enabling $R)
% echo 1 > $SYSFS/$R/force
kmend: '$R': forcing the patching transition; the patch module can never be removed now
kmend: '$R': nor can the modules of the patches it replaces
$(patched $R "kmend: patch '$N2' replaced by '$R'")
% rmmod $N2
% echo 0 > /sys/module/$N2/parameters/nap
% kmend load $TESTMODS/$P.ko
$(patching $P)
% insmod $TESTMODS/$I.ko symbol=kmend_ops_go_slow caller=kmend_unpatch_func ret=-16
% rmmod $T
kmend: reverting patch '$P' on unloading module '$T'
kmend: '$P': kmend_test_produce stays redirected (-16): the patch module can never be removed now
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% rmmod $P
% rmmod $I
END
pass pinned
