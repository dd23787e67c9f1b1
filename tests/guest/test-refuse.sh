# SPDX-License-Identifier: GPL-2.0
# Every patch that cannot be applied is refused at load with a kernel log
# line saying why, and leaves nothing behind: no module, no sysfs entry,
# no ftrace user on the functions, /proc/cmdline as it was.
. ./lib.sh
BAD=kmend_test_bad
start_test refuse
orig=$(cat /proc/cmdline)
load_kmend

# assert_refused WHAT LOGLINE PARAMS...: the load fails, LOGLINE is logged,
# and nothing is left.
assert_refused() {
	what=$1 line=$2
	shift 2
	must_fail kmend load $TESTMODS/$BAD.ko "$@"
	dmesg | grep -qF "kmend: $line" || fail "$what: no log line 'kmend: $line'"
	module_loaded $BAD && fail "$what: $BAD is still loaded"
	assert_file_missing $SYSFS/$BAD
	grep -qE '^cmdline_proc_show' $TRACING/enabled_functions 2>/dev/null &&
		! [ "${cmdline_traced:-0}" = 1 ] && fail "$what: cmdline_proc_show left traced"
	assert_eq "$what: /proc/cmdline" "$expect_cmdline" "$(cat /proc/cmdline)"
}
expect_cmdline=$orig

assert_refused "unknown symbol" "symbol kmend_no_such_function not found in vmlinux" \
	old_name=kmend_no_such_function
assert_refused "no functions" "patch '$BAD' has no functions and no callbacks" empty=1
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
assert_eq "/proc/cmdline restored" "$orig" "$(cat /proc/cmdline)"

assert_eq "patches left" "" "$(ls $SYSFS)"
run rmmod kmend
pass refuse
