# SPDX-License-Identifier: GPL-2.0
# kmend status and status --json against the real kernel: with nothing
# installed everything is active (exit 0); a patch installed but not loaded
# is not (exit 1); once loaded it is active (exit 0); while its transition
# is held up by a worker sleeping in a replaced function, status shows the
# transition and names the worker and the function (exit 1), then exit 0
# once the worker leaves; with kmend.ko removed, the installed patch is not
# active (exit 1). kmend.service is "unknown": this guest has no systemd.
# Each JSON document is printed after "status-json: " for
# tests/fleet/check-guest-log to validate on the host against the schema.
. ./lib.sh
P=kmend_test_patch
export KMEND_STATE=/tmp/kmend-state
start_test status

# status_is CODE [ERE...]: kmend status --json exits CODE and its output
# matches every ERE; kmend status exits CODE too.
status_is() {
	local code=$1 rc=0 re
	shift
	log "kmend status --json"
	kmend status --json > /tmp/json 2> /tmp/err || rc=$?
	echo "status-json: $(cat /tmp/json)"
	cat /tmp/err
	[ "$rc" = "$code" ] || fail "kmend status --json exited $rc, expected $code"
	[ "$(wc -l < /tmp/json)" = 1 ] || fail "kmend status --json printed not one line"
	for re; do
		grep -qE -- "$re" /tmp/json || fail "kmend status --json does not match '$re'"
	done
	rc=0
	log "kmend status"
	kmend status > /tmp/text 2>&1 || rc=$?
	cat /tmp/text
	[ "$rc" = "$code" ] || fail "kmend status exited $rc, expected $code"
	pass "kmend status exits $code"
}

load_target
status_is 0 '"kmend_loaded":true' '"all_active":true' '"service":"unknown"' \
	'"patches":\[\]' '"transition":null' "\"kernel\":\"$(uname -r | sed 's/[.+]/\\&/g')\""
grep -qx 'patches:     0 installed, 0 loaded; every installed patch is active' /tmp/text ||
	fail "kmend status does not say that nothing is installed"

run kmend install $TESTMODS/$P.ko
status_is 1 '"all_active":false' \
	"\\{\"name\":\"$P\",\"state\":\"not-loaded\",\"installed\":true,\"loaded\":false,\"active\":false,\"package\":null\\}"
grep -qx "  $P  not-loaded" /tmp/text || fail "kmend status does not show $P not loaded"

run kmend load $TESTMODS/$P.ko
status_is 0 '"all_active":true' \
	"\\{\"name\":\"$P\",\"state\":\"active\",\"installed\":true,\"loaded\":true,\"active\":true,"
grep -qx "  $P  active" /tmp/text || fail "kmend status does not show $P active"

# A transition held up by the target's worker, sleeping in pair().
run kmend unload $P
hold_worker
run insmod $TESTMODS/$P.ko
sleep 1
assert_eq "transition while the worker holds" 1 "$(cat $SYSFS/$P/transition)"
status_is 1 '"all_active":false' "\"name\":\"$P\",\"state\":\"patching\"" \
	"\"transition\":\\{\"patch\":\"$P\",\"direction\":\"patching\",\"blockers\":\\[\"[0-9]+ kworker/[^ \"]* kmend_test_pair\"\\]\\}"
grep -qx "transition:  $P patching" /tmp/text || fail "kmend status does not show the transition"
grep -qE "^  held up by: [0-9]+ kworker/[^ ]* kmend_test_pair$" /tmp/text ||
	fail "kmend status does not name the worker and the function"
write 0 $TP/hold
wait_for 10 transition_done $P
status_is 0 '"all_active":true' '"transition":null'

# Without kmend.ko nothing is active; the installed patch is still listed.
run kmend unload $P
run rmmod $T
run rmmod kmend
status_is 1 '"kmend_loaded":false' '"all_active":false' \
	"\"name\":\"$P\",\"state\":\"not-loaded\""
grep -qx 'kmend.ko:    not loaded' /tmp/text || fail "kmend status does not say kmend.ko is not loaded"
run kmend uninstall $P
status_is 0 '"kmend_loaded":false' '"all_active":true' '"patches":\[\]'

# Usage errors: exit 2.
log "kmend status --bogus"
rc=0; kmend status --bogus 2> /tmp/err || rc=$?
assert_eq "kmend status --bogus exit" 2 "$rc"
grep -q 'status: unknown option: --bogus' /tmp/err || fail "no usage message for --bogus"
pass status
