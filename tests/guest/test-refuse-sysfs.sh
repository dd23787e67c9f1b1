# SPDX-License-Identifier: GPL-2.0
# A patch refused because a function cannot be resolved never shows a
# sysfs directory, not even while its symbols are looked up: a tool that
# lists /sys/kernel/kmend meanwhile must not see it. kmend_test_inject
# holds the lookup (kmend_resolve_func()) up for 2 s while kmend_test_bad,
# which names a function that does not exist, loads in the background.
. ./lib.sh
BAD=kmend_test_bad
I=kmend_test_inject
IP=/sys/module/$I/parameters
start_test refuse-sysfs
load_kmend
before=$(kmend_state)
run insmod $TESTMODS/$I.ko symbol=kmend_resolve_func delay_ms=2000
# The loader on CPU 1, this shell on CPU 0: the held-up lookup spins with
# preemption off. (kmend-test-insmod: one try, where busybox insmod makes
# a second.)
taskset -p 1 $$ > /dev/null
log "taskset 2 kmend-test-insmod $TESTMODS/$BAD.ko &"
taskset 2 $TESTMODS/kmend-test-insmod $TESTMODS/$BAD.ko 2> /dev/null &
loader=$!
# Polled with shell builtins only: no fork while the lookup spins.
seen=0 polls=0
while kill -0 $loader 2> /dev/null; do
	[ ! -e $SYSFS/$BAD ] || seen=$((seen + 1))
	polls=$((polls + 1))
done
echo "polls while loading: $polls, with the directory: $seen"
if wait $loader; then
	fail "$BAD loaded"
fi
assert_eq "lookups held up" 1 "$(cat $IP/done)"
assert_eq "directory seen while the load was refused" 0 "$seen"
assert_file_missing $SYSFS/$BAD
run rmmod $I
assert_unchanged "refused patch" "$before"

expect_log <<END
% insmod $KMEND_KO
kmend: ready
% insmod $TESTMODS/$I.ko symbol=kmend_resolve_func delay_ms=2000
% taskset 2 kmend-test-insmod $TESTMODS/$BAD.ko &
kmend: symbol kmend_no_such_function not found in vmlinux
kmend: patch '$BAD' not enabled, nothing was changed
% rmmod $I
END
