// "Select all N matching": when every row of a page is selected and the list holds more, the owner may select every
// job the list matches (its state and search) and retry or remove them all through monitor's by-filter endpoints,
// which count them first and act only on the confirm token (docs/api-monitor.md).
import { h, toast } from '../../dom.js';
import { num, t } from '../../i18n.js';
import { confirmFlow, summaryList } from '../../confirm.js';
import { stateLabel } from './states.js';

/** The button offering to widen a full-page selection to all `total` matching jobs. */
export function selectAllMatchingOffer(total, onSelect) {
  return h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'select-all-matching' }, on: { click: onSelect } },
    t('queuesSelectAllMatching', { count: num(total) }));
}

/**
 * Retries or removes (kind) every job of `queue` in `jobState` matching `search`. Resolves with the confirmed
 * answer ({matched, done, refused, limited, ...}), or undefined when cancelled.
 */
export async function actOnMatching({ kind, queue, jobState, search }) {
  const action = kind === 'retry' ? t('queuesRetriedAll') : t('queuesRemovedAll');
  const text = search
    ? t('queuesMatchingSearchText', { state: stateLabel(jobState), queue, search })
    : t('queuesMatchingText', { state: stateLabel(jobState), queue });
  const result = await confirmFlow({
    service: 'monitor', path: `/owner/queues/${encodeURIComponent(queue)}/jobs/by-filter/${kind}`,
    body: search ? { state: jobState, search } : { state: jobState },
    testId: 'matching-dialog', title: t('queuesMatchingTitle', { action, queue }), text,
    confirmLabel: action,
    summaryView: (s) => [
      summaryList([[t('queue'), s.queue ?? queue], [t('state'), stateLabel(s.state ?? jobState)], [t('queuesMatching'), num(s.matching)]]),
      s.limited ? h('p', null, t('queuesMatchingLimited', { limit: num(s.limit) })) : null,
      s.searchLimited ? h('p', null, t('queuesSearchLimited')) : null],
  });
  if (result) {
    const done = t('queuesMatchingDone', { action, done: num(result.done ?? 0), refused: num(result.refused ?? 0) });
    if (result.errors) toast(`${done} ${t('queuesMatchingErrors', { errors: num(result.errors) })}`, 'error');
    else toast(done, result.refused ? 'info' : 'success');
  }
  return result;
}
