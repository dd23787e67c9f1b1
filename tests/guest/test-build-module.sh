# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/module-zram.patch: a patch of module zram,
# loaded with modprobe before the patch, then after it. Its livepatch
# relocations against zram (zcomp_available_show) are applied by kmend.ko
# when zram is present.
. ./lib.sh
P=kmend_module_zram
find_build_patch $P
start_test build-module

A=/sys/block/zram0/comp_algorithm
load_runtime

log "zram first, then the patch"
run modprobe zram
orig=$(cat $A)
run kmend load "$KO"
assert_eq "zram patched" "kmend: $orig" "$(cat $A)"
run kmend unload $P
assert_eq "zram after unload" "$orig" "$(cat $A)"
run rmmod zram

log "the patch first, then zram"
run kmend load "$KO"
run modprobe zram
assert_eq "zram loaded after the patch" "kmend: $orig" "$(cat $A)"
run rmmod zram
run modprobe zram
assert_eq "zram reloaded" "kmend: $orig" "$(cat $A)"
run rmmod zram
run kmend unload $P
unload_runtime
