// Live monitoring (docs/console.md#pages): system health, queue overview and list, one queue's health with its last
// hour, alert history and the event feed. Polls monitor-service and listens to the WebSocket. Every call ends in
// data or an error within the request timeout; when a service cannot be reached the page names it, greys what it
// showed with its age, keeps the feed, and recovers by itself when calls succeed again (live/*.js).
import { queueNames } from '../api.js';
import { h } from '../dom.js';
import { register, t } from '../i18n.js';
import messages from '../messages/live.js';
import * as realtime from '../realtime.js';
import { tickAges } from './live/age.js';
import { ALERT_LIMIT, renderAlerts, withAlert } from './live/alert-history.js';
import { feedFrame, readAudit } from './live/feed-sources.js';
import { feedView } from './live/feed-view.js';
import { healthCards } from './live/health-cards.js';
import { outageBanner } from './live/outage.js';
import { renderOverview } from './live/overview.js';
import { panel } from './live/panel.js';
import { renderQueueDetail } from './live/queue-detail.js';
import { loadQueueReports } from './live/queue-reports.js';
import { renderQueueTable } from './live/queue-table.js';
import { createReachability } from './live/reachability.js';
import { createRequest } from './live/request.js';
import { loadThroughput, renderThroughput } from './live/throughput.js';

register(messages);

const EVERY = { health: 10000, reports: 10000, throughput: 30000, alerts: 30000, audit: 5000 };

export default {
  render(main, { params } = {}) {
    const reach = createReachability();
    const request = createRequest(reach);
    const queues = queueNames();
    let selected = queues.includes(params?.get('queue')) ? params.get('queue') : null;

    const banner = outageBanner(reach);
    const health = healthCards({ reach, request, onProblems: banner.reported });
    const overview = panel({ testId: 'overview', title: t('liveOverviewTitle'), reach, source: 'monitor', render: renderOverview });
    const queueList = panel({
      testId: 'queue-list', title: t('liveQueuesTitle'), reach, source: 'monitor',
      render: (d) => renderQueueTable(d, { onDetails: (q) => { select(q); detail.element.scrollIntoView({ block: 'start' }); detailSelect.focus(); } }),
    });
    const detailSelect = h('select', { dataset: { test: 'live-queue-select' }, 'aria-label': t('liveChooseQueue'), on: { change: () => select(detailSelect.value) } },
      queues.map((q) => h('option', { value: q }, q)));
    const detail = panel({
      testId: 'live-queue-health', title: t('liveQueueHealthTitle'), reach, source: 'monitor', tools: detailSelect,
      render: (d) => renderQueueDetail(d, selected),
    });
    const charts = panel({ testId: 'live-throughput', title: t('liveThroughputTitle'), reach, source: 'monitor', render: renderThroughput });
    const alerts = panel({ testId: 'live-alerts', title: t('liveAlertsTitle'), reach, source: 'monitor', render: renderAlerts });
    const events = feedView();

    main.append(
      h('div', { class: 'page-head' },
        h('h1', null, t('livePageTitle')),
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => loadAll() } }, t('liveRefresh'))),
      h('p', { class: 'muted' }, t('liveRefreshEvery')),
      banner.element,
      health.element,
      overview.element,
      queueList.element,
      h('div', { class: 'two-col live-queue-detail' }, detail.element, charts.element),
      h('div', { class: 'two-col' }, alerts.element, events.element));

    /** Shows a queue's health and charts; the choice stays in the address (without a new history entry). */
    function select(queue) {
      selected = queue;
      detailSelect.value = queue;
      history.replaceState(null, '', `#/live?queue=${encodeURIComponent(queue)}`);
      detail.redraw();
      loadCharts();
    }

    async function loadReports() {
      try {
        const d = await loadQueueReports(request);
        if (!selected && d.queues.length) {
          // First look: the least healthy queue.
          selected = [...d.queues].sort((a, b) => (a.health?.score ?? 100) - (b.health?.score ?? 100))[0].queue;
          detailSelect.value = selected;
          loadCharts();
        }
        for (const p of [overview, queueList, detail]) p.shown(d, d.asOf);
      } catch (e) {
        for (const p of [overview, queueList, detail]) p.failed(e.message);
      }
    }

    async function loadCharts() {
      if (!selected) return;
      const queue = selected;
      try {
        const d = await loadThroughput(request, queue);
        if (queue === selected) charts.shown(d, d.asOf ?? Date.now());
      } catch (e) {
        if (queue === selected) charts.failed(e.message);
      }
    }

    async function loadAlerts() {
      try {
        const d = await request('monitor', '/owner/queues/alerts', { limit: ALERT_LIMIT });
        alerts.shown(d, d.asOf ?? Date.now());
      } catch (e) {
        alerts.failed(e.message);
      }
    }

    async function loadAudit() {
      try {
        await readAudit(request);
      } catch { /* the feed keeps its lines and the live events; the outage banner says why */ }
    }

    function loadAll() {
      health.load();
      loadReports();
      loadCharts();
      loadAlerts();
      loadAudit();
    }

    let soon = null;
    const stopFrames = realtime.onFrame((f) => {
      const history = alerts.last();
      if (f.type === 'alert' && f.data && history) alerts.shown(withAlert(history, f.data), history.asOf ?? Date.now());
      if (feedFrame(f)) {
        clearTimeout(soon);
        soon = setTimeout(loadReports, 1000);
      }
    });
    // The first answer after an outage brings everything back at once, without a reload.
    const stopRecovery = reach.onChange((service, reachable) => { if (reachable) loadAll(); });
    queues.forEach((q) => realtime.join(`queue:${q}`));
    realtime.join('dlq');

    if (selected) detailSelect.value = selected;
    loadAll();
    const timers = [
      setInterval(health.load, EVERY.health), setInterval(loadReports, EVERY.reports), setInterval(loadCharts, EVERY.throughput),
      setInterval(loadAlerts, EVERY.alerts), setInterval(loadAudit, EVERY.audit),
    ];
    const stopAges = tickAges(main);
    return () => {
      timers.forEach(clearInterval);
      clearTimeout(soon);
      stopAges();
      stopFrames();
      stopRecovery();
      [banner, health, overview, queueList, detail, charts, alerts, events].forEach((x) => x.dispose());
      queues.forEach((q) => realtime.leave(`queue:${q}`));
      realtime.leave('dlq');
    };
  },
};
