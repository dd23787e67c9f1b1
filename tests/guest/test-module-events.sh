# SPDX-License-Identifier: GPL-2.0
# Modules of patched objects coming and going at awkward moments.
#
# 1. While a cumulative patch is held in transition (a worker of
#    kmend_test_target3 sleeps in the old pair()), the module of an object
#    it drops goes; the cumulative patch is reversed; the module comes
#    back: the patch it would have replaced patches it again, with no
#    transition marks left over (they made the handler look up a table
#    of tasks that no longer existed), and pre_unpatch ran only once.
# 2. The module comes while the cumulative patch is in transition: it is
#    patched with the replace marks, so a task already switched runs the
#    original code; it gets pre_patch, and post_unpatch once the patch is
#    replaced.
# 3. The patch that was replaced is enabled again: tasks it switches run
#    its code, not the original (no stale "replaced" marks).
# 4. A disabled patch, its module loaded meanwhile, is enabled again: the
#    module is resolved and patched.
. ./lib.sh
T3=kmend_test_target3
P=kmend_test_callbacks
R=kmend_test_cumulative
T3P=/sys/module/$T3/parameters
start_test module-events
load_target
load_module $T3
load_patch $P
wait_for 10 grep -qx 3 $TP/kthread_seen

log "1. the module of a dropped object goes during a replace, which is reversed"
hold_worker $T3P
load_module $R
assert_eq "$R held in transition" 1 "$(cat $SYSFS/$R/transition)"
run rmmod $T
set_enabled $R 0
assert_eq "$P enabled after the reversal" 1 "$(cat $SYSFS/$P/enabled)"
load_module $T
wait_for 10 grep -qx 3 $TP/kthread_seen
pass "$T patched again by $P"
run rmmod $R

log "2. the module comes during a replace"
run rmmod $T
load_module $R $T
assert_eq "$T patched by $P" 1 "$(cat $SYSFS/$P/$T/patched)"
wait_for 10 grep -qx 1 $TP/kthread_seen
pass "a switched task runs the original code of what $R drops"
assert_eq "$R still in transition" 1 "$(cat $SYSFS/$R/transition)"
write 0 $T3P/hold
wait_for 10 transition_done $R
assert_eq "$P enabled once replaced" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "$T patched once replaced" 0 "$(cat $SYSFS/$P/$T/patched)"

log "3. the replaced patch enabled again"
hold_worker
write 1 $SYSFS/$P/enabled
wait_for 10 grep -qx 3 $TP/kthread_seen
pass "a task switched to $P runs its code"
assert_eq "$P held in transition" 1 "$(cat $SYSFS/$P/transition)"
write 0 $TP/hold
wait_for 10 transition_done $P

log "4. the module comes while the patch is disabled"
set_enabled $P 0
run rmmod $T
load_module $T
set_enabled $P 1
assert_eq "$T patched on enable" 1 "$(cat $SYSFS/$P/$T/patched)"
assert_eq "old_addr of kmend_test_produce" "$(kallsyms_addr kmend_test_produce $T)" \
	"$(cat $SYSFS/$P/$T/kmend_test_produce,1/old_addr)"
wait_for 10 grep -qx 3 $TP/kthread_seen
set_enabled $P 0
run rmmod $P
run kmend unload $R
run rmmod $T
run rmmod $T3

# cb HOOK [OBJECT...]: the lines of $P's HOOK callback for each OBJECT,
# vmlinux and $T [LIVE] unless named.
cb() {
	local hook=$1
	shift
	[ $# -gt 0 ] || set -- vmlinux "$T [LIVE]"
	callbacks $P $hook "$@"
}
expect_log <<END
$(target_loaded)
% insmod $TESTMODS/$T3.ko
% kmend load $TESTMODS/$P.ko
$(patching $P "$(cb pre_patch)" "$(cb post_patch)")
% 1. the module of a dropped object goes during a replace, which is reversed
% echo 1 > $T3P/hold
% insmod $TESTMODS/$R.ko
kmend: enabling patch '$R'
$(cb pre_unpatch)
kmend: '$R': initializing patching transition
kmend: '$R': starting patching transition
% rmmod $T
kmend: reverting patch '$P' on unloading module '$T'
$(cb post_unpatch "$T [GOING]")
% echo 0 > $SYSFS/$R/enabled
$(reversed $R "$(cb post_patch vmlinux)")
% insmod $TESTMODS/$T.ko
$(cb pre_patch "$T [COMING]")
kmend: applying patch '$P' to loading module '$T'
$(cb post_patch "$T [COMING]")
% rmmod $R
kmend: patch '$R' removed
% 2. the module comes during a replace
% rmmod $T
$(cb pre_unpatch "$T [GOING]")
kmend: reverting patch '$P' on unloading module '$T'
$(cb post_unpatch "$T [GOING]")
% insmod $TESTMODS/$R.ko
kmend: enabling patch '$R'
$(cb pre_unpatch vmlinux)
kmend: '$R': initializing patching transition
kmend: '$R': starting patching transition
% insmod $TESTMODS/$T.ko
$(cb pre_patch "$T [COMING]")
kmend: applying patch '$P' to loading module '$T'
% echo 0 > $T3P/hold
$(patched $R "$(cb post_unpatch)" "kmend: patch '$P' replaced by '$R'")
% 3. the replaced patch enabled again
% echo 1 > $TP/hold
% echo 1 > $SYSFS/$P/enabled
$(enabling $P "$(cb pre_patch)")
% echo 0 > $TP/hold
$(patched $P "$(cb post_patch)")
% 4. the module comes while the patch is disabled
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P "$(cb pre_unpatch)" "$(cb post_unpatch)")
% rmmod $T
% insmod $TESTMODS/$T.ko
% echo 1 > $SYSFS/$P/enabled
$(patching $P "$(cb pre_patch)" "$(cb post_patch)")
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P "$(cb pre_unpatch)" "$(cb post_unpatch)")
% rmmod $P
kmend: patch '$P' removed
% kmend unload $R
$(unloading $R)
% rmmod $T
% rmmod $T3
END
