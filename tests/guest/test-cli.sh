# SPDX-License-Identifier: GPL-2.0
# The kmend command when things go wrong: usage errors exit 2, failures
# exit 1 with a message saying what to do next, and a load whose
# transition does not end within --timeout is reversed, leaving the patch
# disabled and removable.
. ./lib.sh
T=kmend_test_target
P=kmend_test_patch
TP=/sys/module/$T/parameters
start_test cli

# expect_exit CODE TEXT CMD...: CMD exits CODE and its stderr contains TEXT.
expect_exit() {
	local code=$1 text=$2 rc=0
	shift 2
	log "$*"
	"$@" > /tmp/out 2> /tmp/err || rc=$?
	cat /tmp/out /tmp/err
	[ "$rc" = "$code" ] || fail "'$*' exited $rc, expected $code"
	grep -qF -- "$text" /tmp/err || fail "'$*' did not say '$text'"
	pass "'$*' exits $code saying '$text'"
}

expect_exit 2 "usage: kmend COMMAND" kmend
expect_exit 2 "unknown command 'lod'" kmend lod
expect_exit 2 "load: missing FILE.ko" kmend load
expect_exit 2 "invalid number of seconds: soon" kmend load x.ko --timeout soon
expect_exit 1 "kmend.ko is not loaded" kmend list
expect_exit 1 "load it first: insmod kmend.ko" kmend load $TESTMODS/$P.ko
module_loaded $P && fail "$P was inserted although kmend.ko was not loaded"

load_kmend
expect_exit 1 "not an ELF object" kmend load /proc/cmdline
expect_exit 1 "no such patch: nosuch is not loaded" kmend unload nosuch
run insmod $TESTMODS/$T.ko
expect_exit 1 "module $T is loaded but is not a kmend patch" kmend unload $T

# A worker sleeps in the old pair(): the patching transition cannot end.
write 1 $TP/hold
sleep 0.5
expect_exit 1 "patch $P disabled again; remove it with: kmend unload $P" \
	kmend load --timeout 2 $TESTMODS/$P.ko
grep -qE "[0-9]+ kworker/[^ ]* kmend_test_pair$" /tmp/err ||
	fail "the timed-out load did not name the blocking worker"
assert_eq "enabled after the timed-out load" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition after the timed-out load" 0 "$(cat $SYSFS/$P/transition)"
assert_eq "calls mixing old and new" 0 "$(cat $TP/mixed)"
transcript | grep -qx "kmend: '$P': reversing transition from patching to unpatching" ||
	fail "kmend.ko did not log the reversal"
run kmend unload $P
module_loaded $P && fail "$P still loaded after kmend unload"
write 0 $TP/hold

# Without the worker the same load ends, and list shows the patch.
run kmend load --timeout 20 $TESTMODS/$P.ko
kmend list | grep -q "$P" || fail "kmend list does not show $P"
run kmend unload $P
run rmmod $T
unload_kmend
