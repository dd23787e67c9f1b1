# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/module-dependency-export.patch: a patch of
# module ext4 whose new ext4_setattr() calls jbd2_journal_blocks_per_page(),
# an export of jbd2, which ext4 depends on. The patch loads while ext4 and
# jbd2 are absent and pulls neither; its livepatch relocations against
# jbd2's symbols are applied by kmend.ko when ext4 comes (issue 12, defect 1).
. ./lib.sh
P=kmend_module_dependency_export
find_build_patch $P
start_test build-dependency-export

IMG=/tmp/ext4.img
MNT=/mnt/ext4

# mount_ext4: a 1 KiB-block ext4 on a loop device (4 blocks per page)
mount_ext4() {
	run modprobe loop
	run truncate -s 8M $IMG
	DEV=$(losetup -f)
	run losetup "$DEV" $IMG
	run mke2fs -q -b 1024 "$DEV"
	mkdir -p $MNT
	run mount -t ext4 "$DEV" $MNT
	echo kmend > $MNT/file
}

umount_ext4() {
	run umount $MNT
	run losetup -d "$DEV"
}

# chmod_reports N: a chmod on ext4 runs the new ext4_setattr, which logs
# what jbd2 computed (N lines of it so far)
chmod_reports() {
	run chmod 600 $MNT/file
	assert_eq "new ext4_setattr's reports" "$1" \
		"$(dmesg | grep -c 'kmend: ext4_setattr: 4 blocks per page')"
}

load_kmend
for m in ext4 jbd2 mbcache; do
	! module_loaded $m || run rmmod $m
done

log "the patch first, with ext4 and jbd2 absent"
run kmend load "$KO"
module_loaded jbd2 && fail "loading the patch loaded jbd2"
module_loaded ext4 && fail "loading the patch loaded ext4"
pass "the patch loaded without ext4 and jbd2"
run modprobe ext4
assert_eq "replaced functions" "ext4_setattr,1" "$(replaced_functions $P ext4)"
mount_ext4
chmod_reports 1
umount_ext4

log "ext4 goes and comes while the patch stays"
run rmmod ext4 jbd2 mbcache
run modprobe ext4
mount_ext4
chmod_reports 2
log "the patch goes first"
run kmend unload $P
run chmod 644 $MNT/file
assert_eq "reports after unload" 2 \
	"$(dmesg | grep -c 'kmend: ext4_setattr: 4 blocks per page')"
umount_ext4

log "ext4 first, then the patch; ext4 goes first"
run kmend load "$KO"
mount_ext4
chmod_reports 3
umount_ext4
run rmmod ext4 jbd2 mbcache
run kmend unload $P
run rmmod kmend
