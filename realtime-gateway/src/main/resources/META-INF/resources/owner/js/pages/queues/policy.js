// Which owner actions the signed-in token may take (docs/security.md: READ, MANAGE, DELETE). api.js's can() is the
// console's answer; until a build has it, every action stays enabled and the service's 403 still refuses.
import * as apiModule from '../../api.js';

export function can(policy) {
  return apiModule.can ? apiModule.can(policy) : true;
}

/** The policy each job action needs, as the monitor's endpoints require it. */
export const NEEDS = { retry: 'MANAGE', cancel: 'MANAGE', remove: 'DELETE', purge: 'DELETE', pause: 'MANAGE' };
