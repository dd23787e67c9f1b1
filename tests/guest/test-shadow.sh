# SPDX-License-Identifier: GPL-2.0
# The shadow variable API: get, alloc (with its constructor, once),
# get_or_alloc, free (with its destructor), free_all, ids kept apart.
. ./lib.sh
start_test shadow
load_kmend
run $TESTMODS/kmend-test-insmod $TESTMODS/kmend_test_shadow.ko
expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% $TESTMODS/kmend-test-insmod $TESTMODS/kmend_test_shadow.ko
kmend_test_shadow: get of a missing variable is NULL: ok
kmend_test_shadow: alloc runs the constructor: ok
kmend_test_shadow: get finds it: ok
kmend: shadow variable <ADDR, 1001> already exists
kmend_test_shadow: a second alloc is refused: ok
kmend_test_shadow: get_or_alloc returns the existing one: ok
kmend_test_shadow: get_or_alloc makes a new one: ok
kmend_test_shadow: ids are separate: ok
kmend: shadow variable <ADDR, 1001>: constructor failed (-12)
kmend_test_shadow: a failing constructor allocates nothing: ok
kmend_test_shadow: free runs the destructor and removes: ok
kmend_test_shadow: free_all frees every object's variable of an id: ok
kmend_test_shadow: free_all without a destructor: ok
END
run rmmod kmend_test_shadow
run rmmod kmend
