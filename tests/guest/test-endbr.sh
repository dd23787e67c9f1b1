# SPDX-License-Identifier: GPL-2.0
# IBT: kmend.ko never branches indirectly to a kernel function that an IBT
# CPU could have sealed. QEMU's TCG has no IBT, so kmend-test-endbr reads
# the live kernel through /proc/kcore and checks what the hardware would:
# each private kernel function kmend calls is reached by a static call
# whose trampoline is a direct jmp to it, and every pointer in kmend's data
# into the kernel's text is an exported function (never sealed) starting
# with ENDBR64, every pointer to kmend's own functions an ENDBR64. Checked
# after kmend.ko's load and again with a patch enabled (fast path on).
. ./lib.sh
P=kmend_sample_cmdline
start_test endbr

# check_endbr STAGE: run the tool, keep its report, fail on any finding.
check_endbr() {
	log "kmend-test-endbr kmend $KMEND_KO kmend_ ($1)"
	out=$("$TESTMODS"/kmend-test-endbr kmend "$KMEND_KO" kmend_) || {
		echo "$out"
		fail "kmend-test-endbr found a target IBT would fault on ($1)"
	}
	echo "$out"
	case $(uname -r) in
	6.12.*) echo "$out" | grep -qx 'kernel built with IBT: yes' ||
		fail "6.12 is built with IBT but the tool did not see ENDBR64 at _printk" ;;
	esac
	calls=$(echo "$out" | grep -c '^ok static call ') || true
	assert_eq "static calls to private kernel functions ($1)" 16 "$calls"
}

load_kmend
check_endbr "kmend.ko loaded"
run kmend load $SAMPLES/$P.ko
assert_eq "/proc/cmdline once patched" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
check_endbr "a patch enabled"
set_enabled $P 0
run rmmod $P
unload_kmend
