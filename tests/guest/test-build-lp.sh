# SPDX-License-Identifier: GPL-2.0
# kmend build --runtime livepatch: the modules built for the kernel's own
# livepatch from tests/build-patches pass the checks of the kmend.ko
# variants, with no kmend.ko loaded. Each build-* test runs in turn with
# RUNTIME=livepatch (lib.sh: kmend load and unload, /sys/kernel/livepatch,
# the livepatch core's log lines), in this one guest; a test of what only
# kmend.ko does skips itself (exit 77). A test that fails leaves nothing
# loaded for the next: its patches are unloaded after it.
RUNTIME=livepatch
. ./lib.sh
start_test build-lp

[ -d $SYSFS ] || fail "no $SYSFS: this kernel has no livepatch (CONFIG_LIVEPATCH)"
passed=0 failed=0 skipped=0 bad=
for t in ./test-build-*.sh; do
	name=$(basename "$t" .sh)
	name=${name#test-}
	[ "$name" != build-lp ] || continue
	rc=0
	RUNTIME=livepatch sh "$t" || rc=$?
	case $rc in
	0) passed=$((passed + 1)); echo "PASS livepatch $name" ;;
	77) skipped=$((skipped + 1)); echo "SKIP livepatch $name" ;;
	*) failed=$((failed + 1)); bad="$bad $name"; echo "FAIL livepatch $name (exit $rc)" ;;
	esac
	for p in $SYSFS/*; do
		[ -d "$p" ] || continue
		log "cleanup after $name: kmend unload $(basename "$p")"
		kmend unload "$(basename "$p")" || true
	done
	module_loaded kmend && fail "$name loaded kmend.ko under RUNTIME=livepatch"
done
echo "livepatch: $passed passed, $failed failed, $skipped skipped"

# The kmend command shows a livepatch patch with its runtime, and installs
# it for boot without kmend.ko.
P=kmend_new_function
find_build_patch $P
start_test build-lp-cli
run kmend load "$KO"
kmend list | grep -q "^$P  runtime=livepatch enabled=1 transition=0" ||
	fail "kmend list does not show $P with runtime=livepatch: $(kmend list)"
pass "kmend list: $P runtime=livepatch"
assert_eq "kmend info's runtime" "runtime:      livepatch" "$(kmend info $P | grep '^runtime:')"
kmend status --json | grep -q "{\"name\":\"$P\",\"state\":\"active\",.*,\"runtime\":\"livepatch\"}" ||
	fail "kmend status --json does not show $P active with its runtime: $(kmend status --json)"
pass "kmend status --json: $P active, runtime livepatch"
kmend status | grep -qx "  $P  active (livepatch) (not installed)" ||
	fail "kmend status does not show $P: $(kmend status)"
pass "kmend status: $P active (livepatch)"
export KMEND_STATE=/tmp/kmend-state
run kmend install "$KO"
run kmend unload $P
run kmend boot
assert_eq "$P loaded by kmend boot" 1 "$(cat $SYSFS/$P/enabled)"
run kmend uninstall $P
run kmend unload $P
module_loaded kmend && fail "kmend.ko was loaded for a livepatch patch"
expect_log '^(% |livepatch: )' <<END
% kmend load $KO
$(patching $P)
% kmend install $KO
% kmend unload $P
$(unpatching $P)
% kmend boot
$(patching $P)
% kmend uninstall $P
% kmend unload $P
$(unpatching $P)
END

# A patch the kernel's livepatch has freed (disabled through sysfs, or
# replaced by a cumulative patch) leaves its module loaded with no
# directory in $SYSFS: kmend unload removes the module.
start_test build-lp-freed
run kmend load "$KO"
write 0 $SYSFS/$P/enabled
wait_for 30 test ! -e $SYSFS/$P
module_loaded $P || fail "$P was removed with its patch"
run kmend unload $P
module_loaded $P && fail "kmend unload left $P loaded"
pass "kmend unload removed $P, whose patch was freed"
expect_log '^(% |livepatch: )' <<END
% kmend load $KO
$(patching $P)
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% kmend unload $P
END

[ "$failed" = 0 ] || fail "build-* tests failed with the livepatch modules:$bad"
[ "$passed" -gt 0 ] || fail "no build-* test ran with a livepatch module"
pass "every build-* test passed with the livepatch modules"
