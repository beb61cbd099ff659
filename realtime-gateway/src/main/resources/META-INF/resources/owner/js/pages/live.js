// Live monitoring (docs/console.md#pages): health cards, queue overview, queue list, event feed; polling plus the live feed.
import { api, queueNames, readiness } from '../api.js';
import { badge, errorBox, field, h, replace, spinner, table, toast } from '../dom.js';
import { num, stateName, t, when } from '../i18n.js';
import * as realtime from '../realtime.js';

const MAX_EVENTS = 200;
const JOB_SEVERITY = { failed: 'error', stalled: 'warn', paused: 'info', resumed: 'info' };

export default {
  render(main) {
    const timers = [];
    const unsubscribe = [];
    const events = [];
    const seenAudit = new Set();
    let severity = 'all';
    let statsLoading = false;
    let firstAudit = true;

    const healthGrid = h('div', { class: 'cards', dataset: { test: 'health' }, 'aria-busy': 'true' }, spinner());
    const overview = h('div', { class: 'cards', dataset: { test: 'overview' }, 'aria-busy': 'true' }, spinner());
    const queueList = h('div', { dataset: { test: 'queue-list' }, 'aria-busy': 'true' }, spinner());
    const feed = h('ol', { class: 'feed', dataset: { test: 'event-feed' }, 'aria-live': 'polite' });
    const updated = h('span', { class: 'muted' });
    const sevSelect = h('select', {
      dataset: { test: 'severity' },
      on: { change: () => { severity = sevSelect.value; renderFeed(); } },
    }, ['all', 'info', 'warn', 'error'].map((s) => h('option', { value: s }, t(`sev${s[0].toUpperCase()}${s.slice(1)}`))));

    main.append(
      h('div', { class: 'page-head' },
        h('h1', null, t('liveTitle')),
        h('span', { class: 'spacer' }),
        updated,
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => { loadHealth(); loadStats(); loadEvents(); } } }, t('refresh'))),
      h('p', { class: 'muted' }, t('refreshEvery')),
      h('section', { 'aria-labelledby': 'live-health' }, h('h2', { id: 'live-health' }, t('healthTitle')), healthGrid),
      h('section', { 'aria-labelledby': 'live-overview' }, h('h2', { id: 'live-overview' }, t('overviewTitle')), overview),
      h('div', { class: 'two-col' },
        h('section', { 'aria-labelledby': 'live-queues' }, h('h2', { id: 'live-queues' }, t('queueListTitle')), queueList),
        h('section', { 'aria-labelledby': 'live-events' },
          h('div', { class: 'section-head' }, h('h2', { id: 'live-events' }, t('eventsTitle')), field(t('severity'), sevSelect)),
          feed)));

    function card(label, value, kind = '', testId) {
      return h('div', { class: `card stat ${kind}`.trim(), dataset: { test: testId } },
        h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value));
    }

    async function loadHealth() {
      const services = [['monitor', 'svcMonitor'], ['dlq', 'svcDlq'], ['producer', 'svcProducer'], ['gateway', 'svcGateway']];
      const results = await Promise.all(services.map(([s]) => readiness(s)));
      let workers = null;
      try {
        // Processes, each once however many queues it serves (summing the queues' counts would repeat them).
        const { data } = await api('monitor', '/owner/queues/workers');
        workers = data.alive;
      } catch { /* shown as unknown */ }
      // Redis: the Redis checks of the services' readiness (each service depends on it).
      const redisChecks = results.flatMap((r) => r.checks).filter((c) => /redis/i.test(c.name || ''));
      const redisUp = redisChecks.length ? redisChecks.every((c) => c.status === 'UP') : results.some((r) => r.up);
      const anyReachable = results.some((r) => r.reachable);
      const cards = [
        card(t('healthRedis'), anyReachable ? (redisUp ? t('up') : t('down')) : t('unknown'), anyReachable ? (redisUp ? 'ok' : 'bad') : '', 'health-redis'),
        card(t('healthWorkers'), workers === null ? t('unknown') : t('workersAlive', { count: num(workers) }), workers === null ? '' : (workers > 0 ? 'ok' : 'warn'), 'health-workers'),
        ...services.map(([s, label], i) => card(t(label), results[i].reachable ? (results[i].up ? t('up') : t('down')) : t('unknown'),
          results[i].up ? 'ok' : 'bad', `health-${s}`)),
      ];
      replace(healthGrid, ...cards);
      healthGrid.setAttribute('aria-busy', 'false');
    }

    async function loadStats() {
      if (statsLoading) return;
      statsLoading = true;
      try {
        const { data } = await api('monitor', '/owner/queues');
        renderStats(data);
        updated.textContent = t('lastUpdated', { time: when(Date.now()) });
      } catch (e) {
        replace(queueList, errorBox(t('failedToLoad', { error: e.message })));
      } finally {
        statsLoading = false;
        overview.setAttribute('aria-busy', 'false');
        queueList.setAttribute('aria-busy', 'false');
      }
    }

    function renderStats(list) {
      const sum = (k) => list.reduce((s, q) => s + (q.counts?.[k] || 0), 0);
      const total = ['waiting', 'active', 'delayed', 'completed', 'failed'].reduce((s, k) => s + sum(k), 0);
      replace(overview,
        card(t('totalJobs'), num(total), '', 'total'),
        card(t('waiting'), num(sum('waiting')), '', 'waiting'),
        card(t('active'), num(sum('active')), '', 'active'),
        card(t('failed'), num(sum('failed')), sum('failed') ? 'bad' : '', 'failed'));
      const rows = list.map((q) => h('tr', { dataset: { queue: q.queue } },
        h('td', null, h('a', { href: `#/queues?queue=${encodeURIComponent(q.queue)}` }, q.queue), q.paused ? [' ', badge(t('paused'), 'warn')] : null),
        h('td', null,
          badge(`${t('waiting')} ${num(q.counts?.waiting)}`, 'info'), ' ',
          badge(`${t('active')} ${num(q.counts?.active)}`, 'live'), ' ',
          badge(`${t('failed')} ${num(q.counts?.failed)}`, q.counts?.failed ? 'bad' : '')),
        h('td', null, badge(`${stateName(q.health ?? '')} ${num(q.healthScore)}`.trim(), healthKind(q.health)), ' ',
          h('span', { class: 'muted' }, t('throughput', { n: num(q.throughputPerMinute) })))));
      replace(queueList, table([t('queue'), t('state'), t('healthCol')], rows, { testId: 'queues-table' }));
    }

    function healthKind(status) {
      const s = String(status || '').toLowerCase();
      if (s === 'healthy' || s === 'ok') return 'ok';
      if (s === 'critical') return 'bad';
      return 'warn';
    }

    async function loadEvents() {
      try {
        const { data } = await api('monitor', '/owner/audit', { params: { limit: 20 } });
        const fresh = (data.items || []).filter((e) => !seenAudit.has(e.id) && e.outcome !== 'ATTEMPT').reverse();
        fresh.forEach((e) => seenAudit.add(e.id));
        for (const e of fresh) {
          const target = [e.target?.queue, ...(e.target?.jobIds || []).slice(0, 3)].filter(Boolean).join(' ');
          addEvent(e.outcome === 'ERROR' ? 'error' : 'info', t('evAudit', { actor: e.actor, action: e.action, target, outcome: e.outcome }),
            e.at, 'audit', firstAudit);
        }
        firstAudit = false;
      } catch { /* the feed keeps the live events */ }
    }

    function addEvent(sev, text, at, source, quiet = false, data = {}) {
      events.unshift({ sev, text, at: at ?? Date.now(), source, ...data });
      if (events.length > MAX_EVENTS) events.length = MAX_EVENTS;
      renderFeed();
      if (!quiet && sev === 'error' && source === 'alert') toast(text, 'error');
    }

    function renderFeed() {
      const shown = events.filter((e) => severity === 'all' || e.sev === severity);
      if (!shown.length) {
        replace(feed, h('li', { class: 'muted' }, t('noEvents')));
        return;
      }
      replace(feed, ...shown.map((e) => h('li', { class: `ev ${e.sev}`, dataset: { sev: e.sev, queue: e.queue, job: e.jobId, source: e.source } },
        badge(t(`sev${e.sev[0].toUpperCase()}${e.sev.slice(1)}`), e.sev === 'error' ? 'bad' : e.sev === 'warn' ? 'warn' : 'info'),
        h('time', { class: 'muted' }, when(e.at)),
        h('span', { class: 'ev-text' }, e.text))));
    }

    let refreshSoon = null;
    function statsSoon() {
      clearTimeout(refreshSoon);
      refreshSoon = setTimeout(loadStats, 1000);
    }

    unsubscribe.push(realtime.onFrame((f) => {
      if (f.type === 'job_summary' && f.room === 'global') {
        for (const [queue, byState] of Object.entries(f.queues || {})) {
          const parts = Object.entries(byState).map(([s, n]) => `+${num(n)} ${stateName(s)}`).join(', ');
          addEvent(byState.failed ? 'warn' : 'info', t('evSummary', { queue, parts }), f.to, 'live', true, { queue });
        }
        statsSoon();
      } else if (f.type === 'job_event' && f.event && f.event.state !== 'progress') {
        // Progress is a running job's report, not a transition: it would crowd the feed out.
        const e = f.event;
        addEvent(JOB_SEVERITY[e.state] || 'info', t('evJob', { queue: f.queue, id: e.jobId, name: e.name || '', state: stateName(e.state) })
          + (e.errorMessage ? ` — ${e.errorMessage}` : ''), e.ts, 'live', false, { queue: f.queue, jobId: e.jobId });
      } else if (f.type === 'alert' && f.data) {
        const d = f.data;
        addEvent(d.status === 'critical' ? 'error' : 'info', t('evAlert', { queue: d.queue, status: d.status, score: d.score }), d.ts, 'alert', Boolean(f.latest), { queue: d.queue });
      } else if (f.type === 'dlq_event' && f.data && !f.latest) {
        for (const e of f.data.events || []) {
          const text = e.id ? t('evDlq', { type: e.type, id: e.id, queue: e.originalQueue || '' }) : t('evDlqCount', { type: e.type, count: num(e.count) });
          addEvent(e.type === 'added' ? 'warn' : 'info', text, e.ts, 'live', true, { queue: e.originalQueue, jobId: e.id });
        }
      } else if (f.type === 'owner_action') {
        statsSoon();
      }
    }));
    queueNames().forEach((q) => realtime.join(`queue:${q}`));
    realtime.join('dlq');

    renderFeed();
    loadHealth();
    loadStats();
    loadEvents();
    timers.push(setInterval(loadHealth, 30000), setInterval(loadStats, 10000), setInterval(loadEvents, 5000));
    return () => {
      timers.forEach(clearInterval);
      clearTimeout(refreshSoon);
      unsubscribe.forEach((fn) => fn());
      queueNames().forEach((q) => realtime.leave(`queue:${q}`));
      realtime.leave('dlq');
    };
  },
};
