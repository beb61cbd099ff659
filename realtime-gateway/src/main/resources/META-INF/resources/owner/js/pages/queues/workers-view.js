// The Workers tab: every worker process serving the queue, with its numbers on this queue and its last heartbeat's
// age. Heartbeats arrive over the WebSocket's alerts room (`worker` frames), which redraws the list; the ages tick.
import { api } from '../../api.js';
import { badge, errorBox, h, replace, spinner } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import * as realtime from '../../realtime.js';
import { stackedTable } from './stacked.js';
import { ago } from './age.js';

export function workersView(panel, queue) {
  let answer = null;
  let soon = null;
  let disposed = false;
  const body = h('div', { dataset: { test: 'workers' } }, spinner());
  replace(panel, body);

  async function load() {
    try {
      const { data } = await api('monitor', `/owner/queues/${encodeURIComponent(queue)}/workers`);
      if (disposed) return;
      answer = data;
      render();
    } catch (e) {
      if (!disposed) replace(body, errorBox(t('failedToLoad', { error: e.message })));
    }
  }

  function render() {
    const s = answer.summary || {};
    const workers = answer.workers || [];
    replace(body,
      h('p', { dataset: { test: 'workers-summary' } }, t('queuesWorkersSummary', {
        alive: num(s.alive), gone: num(s.gone), slots: num(s.concurrency), busy: num(s.jobsInProcess),
        processed: num(s.totalProcessed), failed: num(s.failed),
      })),
      workers.length ? stackedTable({
        testId: 'workers-table',
        headers: [t('queuesWorkerId'), t('queuesWorkerStatus'), t('queuesHost'), t('queuesQueues'), t('queuesConcurrency'),
          t('queuesBusy'), t('queuesProcessed'), t('queuesFailedJobs'), t('queuesAvgTime'), t('queuesHeartbeat'),
          t('queuesVersion')],
        rows: workers.map((w) => ({
          data: { worker: w.workerId, status: w.status },
          cells: [h('code', { dir: 'ltr' }, w.workerId),
            [badge(w.status === 'alive' ? t('queuesAlive') : t('queuesGone'), w.status === 'alive' ? 'ok' : 'bad'),
              w.perQueue === false ? [' ', badge(t('queuesWholeWorker'), 'warn')] : null],
            h('span', { dir: 'ltr' }, w.host ?? '–'),
            h('span', { dir: 'ltr' }, (w.queues || []).join(', ')),
            h('span', { dataset: { test: 'worker-concurrency' } }, num(w.concurrency)),
            num(w.active), num(w.processed), num(w.failed),
            // The slow worker stands out here: its mean time per job on this queue since it started.
            h('span', { dataset: { test: 'worker-avg-ms' } }, w.processed ? t('queuesMs', { ms: num(Math.round(w.avgProcessingMs)) }) : '–'),
            [h('time', null, when(w.lastSeenAt)), ' ', h('span', { class: 'muted' }, `(${ago(w.lastSeenAt)})`)],
            h('span', { dir: 'ltr' }, w.version ?? '–')],
        })),
      }) : h('p', { class: 'muted' }, t('queuesNoWorkers')),
      h('p', { class: 'muted small-note' }, t('queuesWorkersNote')));
  }

  realtime.join('alerts');
  const off = realtime.onFrame((f) => {
    if (f.type !== 'worker') return;
    clearTimeout(soon);
    soon = setTimeout(load, 1000);
  });
  const tick = setInterval(() => { if (answer) render(); }, 10000);
  load();
  return () => { disposed = true; off(); clearTimeout(soon); clearInterval(tick); realtime.leave('alerts'); };
}
