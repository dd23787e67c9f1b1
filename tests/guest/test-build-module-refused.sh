# SPDX-License-Identifier: GPL-2.0
# A module load that another patch refuses leaves nothing of the patches
# that had already patched it: kmend build's patch of zram, whose
# livepatch relocations against zram are applied when zram comes, is
# undone with them when kmend_test_veto's pre_patch refuses zram's load.
# The next load of zram, at another address, is relocated afresh and
# patched.
. ./lib.sh
P=kmend_module_zram
V=kmend_test_veto
kmend_only "$V is a patch for kmend.ko, and old_addr is kmend.ko's"
find_build_patch $P
start_test build-module-refused

A=/sys/block/zram0/comp_algorithm
load_kmend
run modprobe zram
orig=$(cat $A)
run rmmod zram
run kmend load "$KO"
run kmend load $TESTMODS/$V.ko target=zram
write -19 /sys/module/$V/parameters/veto
must_fail modprobe zram
module_loaded zram && fail "zram loaded although $V refused it"
assert_eq "zram patched after the refused load" 0 "$(cat $SYSFS/$P/zram/patched)"
for f in $SYSFS/$P/zram/*/old_addr; do
	assert_eq "$f after the refused load" 0x0 "$(cat $f)"
done
# Another module takes the memory the refused zram had.
run insmod $TESTMODS/kmend_test_target.ko
write 0 /sys/module/$V/parameters/veto
run modprobe zram
assert_eq "zram patched" 1 "$(cat $SYSFS/$P/zram/patched)"
assert_eq "zram loaded after a refused load" "kmend: $orig" "$(cat $A)"
run rmmod zram
run rmmod kmend_test_target
run kmend unload $V
run kmend unload $P
run rmmod kmend
pass build-module-refused
