// The Failure reasons tab: why jobs of the queue failed, newest first, counting jobs and failed attempts apart (a
// job tried three times is one job and three attempts). Re-read when the queue's room reports a failure.
import { api } from '../../api.js';
import { errorBox, h, replace, spinner } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import * as realtime from '../../realtime.js';
import { stackedTable } from './stacked.js';
import { ago } from './age.js';

export function failureReasonsView(panel, queue) {
  let soon = null;
  let disposed = false;
  const body = h('div', { dataset: { test: 'failure-reasons' } }, spinner());
  replace(panel, body);

  async function load() {
    try {
      const { data } = await api('monitor', `/owner/queues/${encodeURIComponent(queue)}/failure-reasons`);
      if (!disposed) render(data.reasons || []);
    } catch (e) {
      if (!disposed) replace(body, errorBox(t('failedToLoad', { error: e.message })));
    }
  }

  function render(reasons) {
    replace(body,
      h('p', { class: 'muted small-note' }, t('queuesReasonsNote')),
      reasons.length ? stackedTable({
        testId: 'reasons-table',
        headers: [t('queuesReasonCode'), t('queuesReasonMessage'), t('queuesReasonJobs'), t('queuesReasonAttempts'), t('queuesReasonLastSeen')],
        rows: reasons.map((r) => ({
          data: { code: r.code },
          cells: [h('code', { dir: 'ltr' }, r.code), h('span', { dir: 'ltr', class: 'reason-message' }, r.message || '–'),
            h('span', { dataset: { test: 'reason-jobs' } }, num(r.jobs)),
            h('span', { dataset: { test: 'reason-attempts' } }, num(r.attempts)),
            [h('time', null, when(r.lastSeenAt)), ' ', h('span', { class: 'muted' }, `(${ago(r.lastSeenAt)})`)]],
        })),
      }) : h('p', { class: 'muted' }, t('queuesNoReasons')));
  }

  const room = `queue:${queue}`;
  const off = realtime.onFrame((f) => {
    if (f.type !== 'job_event' || f.room !== room || f.event?.state !== 'failed') return;
    clearTimeout(soon);
    soon = setTimeout(load, 1000);
  });
  load();
  return () => { disposed = true; off(); clearTimeout(soon); };
}
