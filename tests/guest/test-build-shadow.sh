# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/shadow-task.patch: a shadow variable per
# task counts reads of /proc/<pid>/personality; each task has its own, and
# the post_unpatch callback frees them.
. ./lib.sh
P=kmend_shadow_task
find_build_patch $P
start_test build-shadow

load_runtime
run kmend load "$KO"
assert_eq "this shell, first read" "00000000 kmend-reads=1" "$(cat /proc/$$/personality)"
assert_eq "this shell, second read" "00000000 kmend-reads=2" "$(cat /proc/$$/personality)"
sleep 30 &
other=$!
assert_eq "another task, first read" "00000000 kmend-reads=1" "$(cat /proc/$other/personality)"
assert_eq "this shell, third read" "00000000 kmend-reads=3" "$(cat /proc/$$/personality)"
kill $other
run kmend unload $P
assert_eq "after unload" "00000000" "$(cat /proc/$$/personality)"
unload_runtime
