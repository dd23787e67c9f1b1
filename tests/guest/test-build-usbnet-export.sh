# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/module-usbnet-export.patch: a patch of
# the usbnet driver ax88179_178a whose new code calls exports of usbnet
# and mii, the modules the driver depends on. It loads while the driver,
# usbnet and mii are absent and pulls none of them; kmend.ko applies its
# relocations against usbnet's and mii's symbols when the driver comes
# (no hardware needed to load it; the new code does not run without a
# device) (issue 12, defect 1).
. ./lib.sh
P=kmend_module_usbnet_export
find_build_patch $P
start_test build-usbnet-export

D=ax88179_178a
load_kmend
log "the patch first, with $D, usbnet and mii absent"
run kmend load "$KO"
for m in $D usbnet mii; do
	module_loaded $m && fail "loading the patch loaded $m"
done
pass "the patch loaded without $D, usbnet and mii"
run modprobe $D
assert_eq "replaced functions" "ax88179_get_link_ksettings,1" \
	"$(replaced_functions $P $D)"
run rmmod $D usbnet mii
run modprobe $D
assert_eq "replaced functions after $D came again" \
	"ax88179_get_link_ksettings,1" "$(replaced_functions $P $D)"
run kmend unload $P
run rmmod $D usbnet mii

log "$D first, then the patch; $D goes first"
run modprobe $D
run kmend load "$KO"
assert_eq "replaced functions" "ax88179_get_link_ksettings,1" \
	"$(replaced_functions $P $D)"
run rmmod $D usbnet mii
run kmend unload $P
run rmmod kmend
