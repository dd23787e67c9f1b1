# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/fork-debug.patch: copy_process(), which
# every fork runs, replaced while the guest forks; new processes come from
# the new code (its pr_debug, switched on through dynamic debug).
. ./lib.sh
P=kmend_fork_debug
find_build_patch $P
start_test build-fork

load_runtime
# Fork all along the transition.
(while [ ! -e /tmp/stop ]; do /bin/true; done) &
hammer=$!
run kmend load "$KO"
assert_eq "replaced functions" "copy_process,1" "$(replaced_functions $P)"
write "module $P +p" /proc/dynamic_debug/control
sh -c 'exit 0' || fail "a new shell did not run"
dmesg | grep -q "kmend: copy_process for " || fail "the new copy_process did not run"
pass "new processes come from the new copy_process"
write "module $P -p" /proc/dynamic_debug/control
run kmend unload $P
touch /tmp/stop
wait $hammer
unload_runtime
