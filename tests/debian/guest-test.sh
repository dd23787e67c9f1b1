#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/debian/guest-test.sh - the checks made inside the booted Debian
# system, run by kmend-test.service once multi-user.target is reached; one
# phase per boot, the next one's number left in /root/phase:
#
#   1  kmend.service loaded kmend.ko (built and signed by DKMS) and the
#      installed patches, before network-pre.target, in name order; the
#      broken one was logged and the others still loaded; the cmdline
#      patch's marker shows in /proc/cmdline
#   2  booted with kmend.enable=0: kmend.service skipped, nothing loaded
#
# Output goes to the serial console; the last line is KMEND_VM_EXIT=STATUS.
set -uo pipefail

rel=$(uname -r)
marker="kmend: this kernel is live patched"
failed=0

say() { echo "guest-test: $*"; }
pass() { say "PASS: $*"; }
fail() { say "FAIL: $*"; failed=1; }
check() {	# check WHAT COMMAND...: pass when COMMAND succeeds
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# journal_line PATTERN: the number of the first line of this boot's journal
# matching PATTERN (extended regexp), or nothing.
journal_line() {
	grep -n -m1 -E "$1" /tmp/journal | cut -d: -f1
}

# before A B: A's first line comes before B's, and both are there.
before() {
	local a b
	a=$(journal_line "$1")
	b=$(journal_line "$2")
	if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -ge "$b" ]; then
		say "journal order: '$1' at line ${a:-none}, '$2' at line ${b:-none}"
		return 1
	fi
}

loaded() { grep -q "^$1 " /proc/modules; }

phase1() {
	say "phase 1: installed patches load at boot ($rel)"
	journalctl -b -o short-monotonic --no-pager > /tmp/journal
	grep -E ' kmend\[| kernel: kmend|kmend.service|network-pre.target' /tmp/journal | sed 's/^/  | /'
	check "kmend.ko loaded" loaded kmend
	check "kmend.ko is DKMS's, in updates/dkms" \
		sh -c "modinfo -n kmend | grep -q /updates/dkms/"
	say "kmend.ko signer: $(modinfo -F signer kmend), key $(modinfo -F sig_key kmend)"
	check "kmend.ko is signed with DKMS's key" \
		sh -c "modinfo -F signer kmend | grep -qi dkms"
	check "patch kmend_sample_cmdline loaded" loaded kmend_sample_cmdline
	check "patch kmend_sample_uname loaded" loaded kmend_sample_uname
	check "the cmdline patch is active: /proc/cmdline shows its marker" \
		grep -qx "$marker" /proc/cmdline
	check "kmend.service is a oneshot that stayed active, with a failure reported" \
		sh -c "systemctl show -p Type,Result kmend.service | tr '\n' ' ' | grep -q 'Type=oneshot Result=exit-code'"
	check "journal: kmend.ko ready before network-pre.target was reached" \
		before "kernel: kmend: ready" "Reached target network-pre.target"
	check "journal: the broken patch failed and was logged" \
		before "kmend: loading patch kmend_a_broken" "patch kmend_a_broken failed to load at boot"
	check "journal: the patches after it still loaded, in name order" \
		before "patch kmend_a_broken failed to load at boot" "kmend: patch kmend_sample_cmdline enabled"
	check "journal: cmdline before uname (name order)" \
		before "kmend: patch kmend_sample_cmdline enabled" "kmend: patch kmend_sample_uname enabled"
	check "journal: both patches complete before network-pre.target was reached" \
		before "kernel: kmend: 'kmend_sample_uname': patching complete" \
		"Reached target network-pre.target"
	check "journal: 2 of 3 loaded" grep -q "kmend: 2 of 3 installed patches loaded" /tmp/journal
	local t
	# The kernel's own time stamp: journald may stamp a burst of the
	# service's lines at once, when it reads them.
	t=$(grep -m1 "kernel: kmend: 'kmend_sample_cmdline': patching complete" /tmp/journal |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/')
	say "patch kmend_sample_cmdline active at ${t:-?} s after the kernel started"
	kmend list | sed 's/^/  | /'
	check "kmend list shows the installed patches beside the loaded ones" \
		sh -c "kmend list | grep -Eq '^  kmend_a_broken +installed +not loaded' &&
		       kmend list | grep -Eq '^  kmend_sample_cmdline +installed +loaded'"
}

phase2() {
	say "phase 2: booted with kmend.enable=0"
	check "kmend.enable=0 is on the command line" grep -qw "kmend.enable=0" /proc/cmdline
	check "kmend.service skipped by its condition" \
		sh -c "systemctl show -p ConditionResult kmend.service | grep -qx ConditionResult=no"
	check "kmend.ko not loaded" sh -c "! grep -q '^kmend ' /proc/modules"
	check "the patch is not active" sh -c "! grep -qx '$marker' /proc/cmdline"
	local rc=0
	kmend list > /tmp/list 2>&1 || rc=$?
	sed 's/^/  | /' /tmp/list
	check "kmend list: exit 1, kmend.ko not loaded, the installed patches not loaded" \
		sh -c "[ $rc -eq 1 ] && grep -q 'kmend.ko is not loaded' /tmp/list &&
		       grep -Eq '^  kmend_sample_cmdline +installed +not loaded' /tmp/list"
}

echo KMEND_VM_START
# With the host's time from power-on to KMEND_VM_START this gives the
# time from power-on to the kernel's start.
say "kernel up for $(cut -d' ' -f1 /proc/uptime) s at the start of the test"
phase=$(cat /root/phase)
case $phase in
1) phase1; echo 2 > /root/phase ;;
2) phase2; echo "done" > /root/phase ;;
*) fail "unknown phase '$phase'" ;;
esac
if dmesg | grep -E 'Oops|WARNING:|Call Trace|BUG:|general protection fault' > /tmp/bad; then
	fail "the kernel log shows a problem:"
	sed 's/^/  | /' /tmp/bad
fi
sync
echo "KMEND_VM_EXIT=$failed"
systemctl poweroff --no-block
