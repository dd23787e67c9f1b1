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
T=kmend_test_target
N=kmend_test_nap
N2=kmend_test_nap2
R=kmend_test_replace
P=kmend_test_patch
I=kmend_test_inject
start_test pinned
load_kmend
run insmod $TESTMODS/$T.ko

# Immediate: pinned from the enable on.
run kmend load $TESTMODS/$N.ko consistency=2
assert_eq "immediate patch forced once enabled" 1 "$(cat $SYSFS/$N/forced)"
write 1 /sys/module/$N/parameters/nap
wait_for 10 grep -qx 1 /sys/module/$N/parameters/napping
must_fail kmend unload $N
assert_eq "immediate patch disabled" 0 "$(cat $SYSFS/$N/enabled)"
module_loaded $N || fail "$N was removed with a task asleep in its code"
write 0 /sys/module/$N/parameters/nap
wait_for 10 grep -qx 0 /sys/module/$N/parameters/napping

# A forced replace pins the patches it retires.
run kmend load $TESTMODS/$N2.ko
assert_eq "per-task patch not forced" 0 "$(cat $SYSFS/$N2/forced)"
write 1 /sys/module/$N2/parameters/nap
wait_for 10 grep -qx 1 /sys/module/$N2/parameters/napping
run insmod $TESTMODS/$R.ko
sleep 1
assert_eq "replace held by the napping thread" 1 "$(cat $SYSFS/$R/transition)"
write 1 $SYSFS/$R/force
assert_eq "replaced patch retired" 0 "$(cat $SYSFS/$N2/enabled)"
assert_eq "retired patch forced" 1 "$(cat $SYSFS/$N2/forced)"
must_fail rmmod $N2
write 0 /sys/module/$N2/parameters/nap
wait_for 10 grep -qx 0 /sys/module/$N2/parameters/napping

# An address stuck on the fast path keeps its patch module.
run kmend load $TESTMODS/$P.ko
run insmod $TESTMODS/$I.ko symbol=kmend_ops_go_slow caller=kmend_unpatch_func ret=-16
run rmmod $T
assert_eq "go_slow failed once" 1 "$(cat /sys/module/$I/parameters/done)"
assert_eq "patch kept" 1 "$(cat $SYSFS/$P/forced)"
set_enabled $P 0
must_fail rmmod $P
run rmmod $I


expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% insmod $TESTMODS/$T.ko
% kmend load $TESTMODS/$N.ko consistency=2
kmend: enabling patch '$N'
kmend: '$N': initializing patching transition
kmend: '$N': starting patching transition
kmend: '$N': immediate consistency checks no task: the patch module can never be removed now
kmend: '$N': completing patching transition
kmend: '$N': patching complete
kmend: '$N': transition took N us
% echo 1 > /sys/module/$N/parameters/nap
% kmend unload $N
kmend: disabling patch '$N'
kmend: '$N': initializing unpatching transition
kmend: '$N': starting unpatching transition
kmend: '$N': completing unpatching transition
kmend: '$N': unpatching complete
kmend: '$N': transition took N us
% echo 0 > /sys/module/$N/parameters/nap
% kmend load $TESTMODS/$N2.ko
kmend: enabling patch '$N2'
kmend: '$N2': initializing patching transition
kmend: '$N2': starting patching transition
kmend: '$N2': completing patching transition
kmend: '$N2': patching complete
kmend: '$N2': transition took N us
% echo 1 > /sys/module/$N2/parameters/nap
% insmod $TESTMODS/$R.ko
kmend: enabling patch '$R'
kmend: '$R': initializing patching transition
kmend: '$R': starting patching transition
% echo 1 > $SYSFS/$R/force
kmend: '$R': forcing the patching transition; the patch module can never be removed now
kmend: '$R': nor can the modules of the patches it replaces
kmend: '$R': completing patching transition
kmend: patch '$N2' replaced by '$R'
kmend: '$R': patching complete
kmend: '$R': transition took N us
% rmmod $N2
% echo 0 > /sys/module/$N2/parameters/nap
% kmend load $TESTMODS/$P.ko
kmend: enabling patch '$P'
kmend: '$P': initializing patching transition
kmend: '$P': starting patching transition
kmend: '$P': completing patching transition
kmend: '$P': patching complete
kmend: '$P': transition took N us
% insmod $TESTMODS/$I.ko symbol=kmend_ops_go_slow caller=kmend_unpatch_func ret=-16
% rmmod $T
kmend: reverting patch '$P' on unloading module '$T'
kmend: '$P': kmend_test_produce stays redirected (-16): the patch module can never be removed now
% echo 0 > $SYSFS/$P/enabled
kmend: disabling patch '$P'
kmend: '$P': initializing unpatching transition
kmend: '$P': starting unpatching transition
kmend: '$P': completing unpatching transition
kmend: '$P': unpatching complete
kmend: '$P': transition took N us
% rmmod $P
% rmmod $I
END
pass pinned
