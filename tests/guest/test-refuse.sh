# SPDX-License-Identifier: GPL-2.0
# Every patch that cannot be applied is refused at load with a kernel log
# line saying why, and leaves nothing behind: no module, no sysfs entry,
# no ftrace user on the functions, /proc/cmdline as it was. Writes to sysfs
# that kmend.ko refuses, and removals the kernel refuses, change nothing
# either. docs/refusals.md lists these cases by their WHAT.
. ./lib.sh
BAD=kmend_test_bad
P=kmend_test_patch
C=kmend_sample_cmdline
start_test refuse
load_kmend

# assert_refused WHAT LOGLINE PARAMS...: the load fails, LOGLINE is logged,
# and nothing is left.
assert_refused() {
	local before
	what=$1 line=$2
	shift 2
	before=$(kmend_state)
	must_fail kmend load $TESTMODS/$BAD.ko "$@"
	dmesg | grep -qF "kmend: $line" || fail "$what: no log line 'kmend: $line'"
	pass "$what: logged '$line'"
	module_loaded $BAD && fail "$what: $BAD is still loaded"
	assert_file_missing $SYSFS/$BAD
	grep -qE '^cmdline_proc_show' $TRACING/enabled_functions 2>/dev/null &&
		! [ "${cmdline_traced:-0}" = 1 ] && fail "$what: cmdline_proc_show left traced"
	assert_eq "$what: /proc/cmdline" "$expect_cmdline" "$(cat /proc/cmdline)"
	assert_unchanged "$what" "$before"
}

# refuse_write WHAT VALUE FILE ERROR [LOGLINE]: writing VALUE to FILE fails
# with ERROR (strerror), logs LOGLINE when given, and changes nothing.
refuse_write() {
	local before
	before=$(kmend_state)
	log "echo $2 > $3 (must fail: $1)"
	if (echo "$2" > "$3") 2> /tmp/err; then
		fail "$1: writing $2 to $3 succeeded"
	fi
	grep -qF "$4" /tmp/err || fail "$1: the write did not fail with '$4': $(cat /tmp/err)"
	pass "$1: the write failed with '$4'"
	if [ -n "${5:-}" ]; then
		dmesg | grep -qF "kmend: $5" || fail "$1: no log line 'kmend: $5'"
		pass "$1: logged '$5'"
	fi
	assert_unchanged "$1" "$before"
}

# refuse_rmmod WHAT MODULE ERROR: the kernel refuses to remove MODULE.
refuse_rmmod() {
	local before
	before=$(kmend_state)
	log "rmmod $2 (must fail: $1)"
	if rmmod "$2" 2> /tmp/err; then
		fail "$1: rmmod $2 succeeded"
	fi
	grep -qF "$3" /tmp/err || fail "$1: rmmod did not fail with '$3': $(cat /tmp/err)"
	pass "$1: rmmod failed with '$3'"
	assert_unchanged "$1" "$before"
}
expect_cmdline=$CMDLINE

assert_refused "unknown symbol" "symbol kmend_no_such_function not found in vmlinux" \
	old_name=kmend_no_such_function
assert_refused "no functions" "patch '$BAD' has no functions and no callbacks" empty=1
assert_refused "no new_func" "patch '$BAD': a function lacks old_name or new_func" \
	no_new_func=1
assert_refused "unknown consistency model" "patch '$BAD': unknown consistency model 7" \
	consistency=7
assert_refused "new_func not a function start" \
	"the replacement of cmdline_proc_show is not a function start known to kallsyms" \
	old_name=cmdline_proc_show bad_new=1
assert_refused "function replaced twice" "patch 'kmend_test_bad': cmdline_proc_show,1 of vmlinux is listed twice" \
	with_cmdline=1 old_name=cmdline_proc_show
# A value with spaces reaches the module whole, quoted by kmend or not.
assert_refused "name with spaces" "symbol kmend no such not found in vmlinux" \
	"old_name=kmend no such"
assert_refused "name with a tab" "symbol kmend	tab not found in vmlinux" \
	"old_name=kmend	tab"
assert_refused "quoted name" "symbol kmend quoted not found in vmlinux" \
	'old_name="kmend quoted"'
assert_refused "notrace function" \
	"__schedule cannot be patched: it is not traceable (notrace, or built without __fentry__)" \
	old_name=__schedule

# A traceable name that several vmlinux text symbols share.
dup=$(awk 'NF == 3 && ($2 == "t" || $2 == "T") { print $3 }' /proc/kallsyms |
	sort | uniq -c | awk '$1 > 1 { print $2 }' |
	grep -Fxf - $TRACING/available_filter_functions | head -n 1)
[ -n "$dup" ] || fail "no ambiguous traceable symbol found in this kernel"
n=$(awk -v d="$dup" 'NF == 3 && $3 == d' /proc/kallsyms | wc -l)
assert_refused "ambiguous symbol $dup" \
	"symbol $dup in vmlinux is ambiguous: $n candidates, set old_sympos to pick one (1..$n)" \
	old_name=$dup
assert_refused "sympos past the candidates" \
	"symbol $dup in vmlinux has $n candidates, sympos $((n + 1)) does not exist" \
	old_name=$dup old_sympos=$((n + 1))

# Functions another IPMODIFY ftrace user already redirects. The second
# function's refusal must also undo the first, already set up.
run insmod $TESTMODS/kmend_test_kprobe.ko symbol=__x64_sys_getppid post=1
assert_refused "kprobe with a post handler" \
	"__x64_sys_getppid is already redirected by another ftrace user" \
	with_cmdline=1 old_name=__x64_sys_getppid
run rmmod kmend_test_kprobe

run insmod $TESTMODS/klp_test_cmdline.ko
wait_for 30 grep -qx 0 /sys/kernel/livepatch/klp_test_cmdline/transition
expect_cmdline=klp-test cmdline_traced=1
assert_eq "/proc/cmdline under livepatch" klp-test "$(cat /proc/cmdline)"
assert_refused "function patched by livepatch" \
	"cmdline_proc_show is already redirected by another ftrace user" \
	old_name=cmdline_proc_show
must_fail kmend load $SAMPLES/kmend_sample_cmdline.ko
assert_eq "/proc/cmdline still livepatch's" klp-test "$(cat /proc/cmdline)"
write 0 /sys/kernel/livepatch/klp_test_cmdline/enabled
wait_for 30 test ! -e /sys/kernel/livepatch/klp_test_cmdline
run rmmod klp_test_cmdline
assert_eq "/proc/cmdline restored" "$CMDLINE" "$(cat /proc/cmdline)"

assert_eq "patches left" "" "$(ls $SYSFS)"

# An enabled patch: sysfs writes that are not 0 or 1, or that ask for what
# is already so, and removals while it is enabled are refused.
run kmend load $SAMPLES/$C.ko
refuse_write "enabled: not a boolean" 2 $SYSFS/$C/enabled "Invalid argument"
refuse_write "enabled: already enabled" 1 $SYSFS/$C/enabled "Invalid argument"
refuse_write "force: outside a transition" 1 $SYSFS/$C/force "Invalid argument"
refuse_write "force: not 1" 0 $SYSFS/$C/force "Invalid argument"
refuse_write "transition: read-only" 0 $SYSFS/$C/transition "Permission denied"
refuse_rmmod "patch module while enabled" $C "Resource temporarily unavailable"
refuse_rmmod "kmend.ko while a patch module is loaded" kmend "Resource temporarily unavailable"

# While a patch is in transition (a worker sleeps in the old pair()), no
# other patch may be enabled or disabled, and only its own may be forced.
load_module $T
write 1 /sys/module/$T/parameters/hold
sleep 0.5
load_module $P
assert_eq "transition while held" 1 "$(cat $SYSFS/$P/transition)"
before=$(kmend_state)
log "kmend-test-insmod $BAD.ko old_name=cmdline_proc_show (must fail: enable during another transition)"
if $TESTMODS/kmend-test-insmod $TESTMODS/$BAD.ko old_name=cmdline_proc_show 2> /tmp/err; then
	fail "a patch was enabled during another's transition"
fi
cat /tmp/err
dmesg | grep -qF "kmend: cannot enable '$BAD': '$P' is in transition" ||
	fail "no log line about enabling during a transition"
pass "enable during another transition: logged"
assert_unchanged "enable during another transition" "$before"
refuse_write "disable during another transition" 0 $SYSFS/$C/enabled \
	"Device or resource busy" "cannot disable '$C': '$P' is in transition"
refuse_write "force: another patch's transition" 1 $SYSFS/$C/force "Invalid argument"
refuse_write "force: not 1, in transition" 0 $SYSFS/$P/force "Invalid argument"
# kmend load waits for the other transition, then gives up: nothing loaded.
before=$(kmend_state)
log "kmend load --timeout 1 $BAD.ko old_name=cmdline_proc_show (must fail)"
if kmend load --timeout 1 $TESTMODS/$BAD.ko old_name=cmdline_proc_show 2> /tmp/err; then
	fail "kmend load succeeded during another transition"
fi
cat /tmp/err
grep -qF "kmend.ko switches one patch at a time: $BAD not loaded" /tmp/err ||
	fail "kmend load did not say why it gave up"
pass "kmend load during another transition: said so"
assert_unchanged "kmend load during another transition" "$before"
write 0 $SYSFS/$P/enabled
write 0 /sys/module/$T/parameters/hold
wait_for 30 transition_done $P
run rmmod $P
run rmmod $T
run kmend unload $C
run rmmod kmend
pass refuse
