# SPDX-License-Identifier: GPL-2.0
# System states: a patch sets state 42 up, cumulative patches take it over
# at the same or a higher version; one that would lower the version, or
# drop the state, is refused and changes nothing.
. ./lib.sh
start_test state
load_kmend
run kmend load $TESTMODS/kmend_test_state_1.ko
run kmend load $TESTMODS/kmend_test_state_2.ko
assert_eq "state_1 replaced" 0 "$(cat $SYSFS/kmend_test_state_1/enabled)"
run kmend load $TESTMODS/kmend_test_state_3.ko
assert_eq "/proc/cmdline" kmend_test_state_3 "$(cat /proc/cmdline)"
must_fail $TESTMODS/kmend-test-insmod $TESTMODS/kmend_test_state_4.ko
log "echo 1 > $SYSFS/kmend_test_state_2/enabled (must fail)"
if echo 1 > $SYSFS/kmend_test_state_2/enabled; then
	fail "enabling the version-1 patch again succeeded"
fi
assert_eq "/proc/cmdline unchanged" kmend_test_state_3 "$(cat /proc/cmdline)"
assert_eq "state_3 still enabled" 1 "$(cat $SYSFS/kmend_test_state_3/enabled)"
expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% kmend load $TESTMODS/kmend_test_state_1.ko
kmend: enabling patch 'kmend_test_state_1'
kmend: 'kmend_test_state_1': initializing patching transition
kmend_test_state_1: setting up state 42
kmend: 'kmend_test_state_1': starting patching transition
kmend: 'kmend_test_state_1': completing patching transition
kmend: 'kmend_test_state_1': patching complete
kmend: 'kmend_test_state_1': transition took N us
% kmend load $TESTMODS/kmend_test_state_2.ko
kmend: enabling patch 'kmend_test_state_2'
kmend: 'kmend_test_state_2': initializing patching transition
kmend_test_state_2: taking over state 42 version 1
kmend: 'kmend_test_state_2': starting patching transition
kmend: 'kmend_test_state_2': completing patching transition
kmend: patch 'kmend_test_state_1' replaced by 'kmend_test_state_2'
kmend: 'kmend_test_state_2': patching complete
kmend: 'kmend_test_state_2': transition took N us
% kmend load $TESTMODS/kmend_test_state_3.ko
kmend: enabling patch 'kmend_test_state_3'
kmend: 'kmend_test_state_3': initializing patching transition
kmend_test_state_3: taking over state 42 version 1
kmend: 'kmend_test_state_3': starting patching transition
kmend: 'kmend_test_state_3': completing patching transition
kmend: patch 'kmend_test_state_2' replaced by 'kmend_test_state_3'
kmend: 'kmend_test_state_3': patching complete
kmend: 'kmend_test_state_3': transition took N us
% $TESTMODS/kmend-test-insmod $TESTMODS/kmend_test_state_4.ko
kmend: patch 'kmend_test_state_4' would drop state 42 of 'kmend_test_state_3'
kmend: patch 'kmend_test_state_4' not enabled, nothing was changed
% echo 1 > $SYSFS/kmend_test_state_2/enabled (must fail)
kmend: patch 'kmend_test_state_2' would downgrade state 42 from version 2 ('kmend_test_state_3') to 1
kmend: patch 'kmend_test_state_2' not enabled, nothing was changed
END
