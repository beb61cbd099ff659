// The job states the page lists, in tab order, with their names: i18n.js names the first five, this area the
// cancelled state it added.
import { stateName, t } from '../../i18n.js';

export const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'cancelled'];

export function stateLabel(state) {
  return state === 'cancelled' ? t('queuesCancelled') : stateName(state);
}
