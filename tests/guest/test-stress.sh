# SPDX-License-Identifier: GPL-2.0
# uname(2) hammered on every vCPU while its patch is disabled and enabled
# 200 times: every call returns the old or the new answer, never anything
# else, and both are seen. A write that lands during a transition reverses
# it, so the cycles also exercise reversals.
. ./lib.sh
P=kmend_sample_uname
CYCLES=200
start_test stress
load_kmend
run kmend load $SAMPLES/$P.ko

stop=/tmp/stop-hammer
rm -f $stop
n=$(($(nproc) * 2))
i=0 pids=
while [ $i -lt $n ]; do
	$TESTMODS/kmend-test-uname $stop > /tmp/hammer.$i 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
log "$n uname hammers started"

c=0
while [ $c -lt $CYCLES ]; do
	echo 0 > $SYSFS/$P/enabled || fail "disable $c failed"
	echo 1 > $SYSFS/$P/enabled || fail "enable $c failed"
	c=$((c + 1))
done
log "$CYCLES disable/enable cycles done"
wait_for 30 transition_done $P
touch $stop
failed=0
for pid in $pids; do
	wait $pid || failed=$((failed + 1))
done
cat /tmp/hammer.*
assert_eq "hammers that saw a wrong answer" 0 "$failed"
grep -q ' old=0 ' /tmp/hammer.* && fail "a hammer never saw the old code"
grep -q ' new=0$' /tmp/hammer.* && fail "a hammer never saw the new code"
case "$(uname -v)" in *" +kmend") pass "patched at the end" ;; *) fail "not patched at the end" ;; esac
run kmend unload $P
run rmmod kmend
pass stress
