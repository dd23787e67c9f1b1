# SPDX-License-Identifier: GPL-2.0
# System states: a patch sets state 42 up, cumulative patches take it over
# at the same or a higher version; one that would lower the version, or
# drop the state, is refused and changes nothing.
. ./lib.sh
S1=kmend_test_state_1
S2=kmend_test_state_2
S3=kmend_test_state_3
S4=kmend_test_state_4
start_test state
load_kmend
load_patch $S1 $S2
assert_eq "$S1 replaced" 0 "$(cat $SYSFS/$S1/enabled)"
load_patch $S3
assert_eq "/proc/cmdline" $S3 "$(cat /proc/cmdline)"
must_fail $TESTMODS/kmend-test-insmod $TESTMODS/$S4.ko
must_fail_write 1 $SYSFS/$S2/enabled "version 1 of state 42 is older than $S3's"
assert_eq "/proc/cmdline unchanged" $S3 "$(cat /proc/cmdline)"
assert_eq "$S3 still enabled" 1 "$(cat $SYSFS/$S3/enabled)"
expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% kmend load $TESTMODS/$S1.ko
$(patching $S1 "$S1: setting up state 42")
% kmend load $TESTMODS/$S2.ko
$(patching $S2 "$S2: taking over state 42 version 1" "kmend: patch '$S1' replaced by '$S2'")
% kmend load $TESTMODS/$S3.ko
$(patching $S3 "$S3: taking over state 42 version 1" "kmend: patch '$S2' replaced by '$S3'")
% $TESTMODS/kmend-test-insmod $TESTMODS/$S4.ko
kmend: patch '$S4' would drop state 42 of '$S3'
kmend: patch '$S4' not enabled, nothing was changed
% echo 1 > $SYSFS/$S2/enabled (must fail: version 1 of state 42 is older than $S3's)
kmend: patch '$S2' would downgrade state 42 from version 2 ('$S3') to 1
kmend: patch '$S2' not enabled, nothing was changed
END
