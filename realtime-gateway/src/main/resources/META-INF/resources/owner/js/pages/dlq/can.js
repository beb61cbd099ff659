// Whether the token may take an action (CONTRACT: api.js exports can(policy)). Until the shell's api.js has it, every
// action stays enabled and the services decide (403); once it has, this follows it.
import * as api from '../../api.js';

export function can(policy) {
  return typeof api.can === 'function' ? api.can(policy) : true;
}
