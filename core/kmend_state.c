// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_state.c - system states: changes of the system that a patch sets
 * up (a shadow variable in use, a changed default...), named by id and
 * versioned, so that a later patch knows what it takes over.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <kmend.h>
#include "kmend_core.h"
#include "kmend_state.h"

#define kmend_for_each_state(patch, state) \
	for (state = (patch)->states; state && state->id; state++)

struct kmend_state *kmend_get_state(struct kmend_patch *patch,
				    unsigned long id)
{
	struct kmend_state *state;

	kmend_for_each_state(patch, state)
		if (state->id == id)
			return state;
	return NULL;
}
EXPORT_SYMBOL_GPL(kmend_get_state);

/*
 * The newest enabled patch, other than the one in transition, that has
 * state @id: what the callbacks of the patch in transition take over.
 * Meant for those callbacks, which run under kmend_mutex.
 */
struct kmend_state *kmend_get_prev_state(unsigned long id)
{
	struct kmend_state *state, *last = NULL;
	struct kmend_patch *patch;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_patch(patch) {
		if (patch == kmend_transition_patch || !patch->enabled)
			continue;
		state = kmend_get_state(patch, id);
		if (state)
			last = state;
	}
	return last;
}
EXPORT_SYMBOL_GPL(kmend_get_prev_state);

static bool kmend_state_compatible(struct kmend_patch *patch,
				   struct kmend_patch *old,
				   struct kmend_state *old_state)
{
	struct kmend_state *state = kmend_get_state(patch, old_state->id);

	if (!state && patch->replace) {
		pr_err("patch '%s' would drop state %lu of '%s'\n",
		       patch->mod->name, old_state->id, old->mod->name);
		return false;
	}
	if (state && state->version < old_state->version) {
		pr_err("patch '%s' would downgrade state %lu from version %u ('%s') to %u\n",
		       patch->mod->name, old_state->id, old_state->version,
		       old->mod->name, state->version);
		return false;
	}
	return true;
}

/**
 * kmend_states_compatible() - may @patch join the enabled patches?
 *
 * A cumulative patch must keep every state they hold; no patch may lower
 * a state's version. Called under kmend_mutex.
 */
bool kmend_states_compatible(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_state *state;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_patch(old) {
		if (old == patch || !old->enabled)
			continue;
		kmend_for_each_state(old, state)
			if (!kmend_state_compatible(patch, old, state))
				return false;
	}
	return true;
}
