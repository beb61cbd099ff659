// System health from one call, monitor-service's GET /owner/platform/health (works behind the Ingress, where /q/*
// is not routed): Redis, each service by name, the worker processes. monitor-service itself is marked
// UNREACHABLE by the page as soon as a call to it fails, whatever its last answer said.
import { h } from '../../dom.js';
import { num, t } from '../../i18n.js';
import { bytes, millis } from './format.js';
import { panel } from './panel.js';
import { serviceName } from './request.js';

const STATE_KIND = { UP: 'ok', DEGRADED: 'warn', DOWN: 'bad', UNREACHABLE: 'bad', NOT_CONFIGURED: '', UNKNOWN: '' };
const MONITOR = serviceName('monitor');

/** A service's short name for its data-test: monitor-service → monitor, realtime-gateway → gateway. */
function shortName(name) {
  return name.replace(/-service$/, '').replace(/^realtime-/, '');
}

function card({ testId, title, state, now = false, rows = [], error }) {
  return h('div', {
    class: `card stat live-health ${STATE_KIND[state] ?? ''} ${now ? 'live-now' : ''}`.replace(/\s+/g, ' ').trim(),
    dataset: { test: testId, state },
  },
  h('span', { class: 'stat-label' }, title),
  h('span', { class: 'stat-value' }, t(`liveState${state}`)),
  rows.length ? h('dl', { class: 'kv live-kv' }, rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])) : null,
  error ? h('p', { class: 'live-error', dir: 'ltr', lang: 'en' }, error) : null);
}

function redisCard(r = {}) {
  const memory = r.maxMemoryBytes ? t('liveMemoryOf', { used: bytes(r.usedMemoryBytes), max: bytes(r.maxMemoryBytes) })
    : t('liveMemoryNoLimit', { used: bytes(r.usedMemoryBytes) });
  return card({
    testId: 'health-redis', title: t('liveRedis'), state: r.reachable ? 'UP' : 'UNREACHABLE', error: r.error,
    rows: r.reachable ? [
      [t('liveLatency'), millis(r.latencyMs)], [t('liveVersion'), r.version ?? '–'], [t('liveRole'), r.role ?? '–'],
      [t('liveMemory'), memory], [t('liveClients'), num(r.connectedClients)],
    ] : [],
  });
}

/** The live worker processes, each once however many queues it serves; unknown (null) while Redis is unreachable. */
function workersCard(w) {
  if (!w) return card({ testId: 'health-workers', title: t('liveWorkers'), state: 'UNKNOWN' });
  return card({
    testId: 'health-workers', title: t('liveWorkers'), state: w.processes > 0 ? 'UP' : 'DOWN',
    rows: [[t('liveProcesses'), num(w.processes)], [t('liveBusySlots'), t('liveBusyOf', { busy: num(w.busy), slots: num(w.slots) })]],
  });
}

function serviceCard(s, reach) {
  const lost = s.name === MONITOR && reach.outage('monitor');
  const failing = (s.checks || []).filter((c) => c.status !== 'UP').map((c) => c.name).join(', ');
  return card({
    testId: `health-${shortName(s.name)}`, title: s.name, state: lost ? 'UNREACHABLE' : s.state, now: Boolean(lost),
    error: lost ? lost.error : s.error,
    rows: [
      [t('liveLatency'), lost ? '–' : millis(s.latencyMs)],
      ...(failing && !lost ? [[t('liveFailingChecks'), failing]] : []),
    ],
  });
}

/** What the outage banner names from this answer: Redis and the services that are not up. */
function problems(d) {
  const list = [];
  if (d.redis && !d.redis.reachable) list.push({ name: t('liveRedis'), state: 'UNREACHABLE', error: d.redis.error });
  for (const s of d.services || []) {
    if (s.state === 'DOWN' || s.state === 'UNREACHABLE') list.push({ name: s.name, state: s.state, error: s.error });
  }
  return list;
}

export function healthCards({ reach, request, onProblems }) {
  const section = panel({
    testId: 'health', title: t('liveHealthTitle'), reach, source: 'monitor',
    render: (d) => [
      h('p', { class: `live-system ${STATE_KIND[d.status] ?? ''}`.trim(), dataset: { test: 'live-system-status', state: d.status } },
        t('liveSystemStatus', { state: t(`liveState${d.status}`) })),
      h('div', { class: 'cards' }, redisCard(d.redis), workersCard(d.workers),
        ...(d.services || []).map((s) => serviceCard(s, reach))),
    ],
  });
  // The monitor card follows the page's own calls at once, between two health answers.
  const stop = reach.onChange((service) => { if (service === 'monitor') section.redraw(); });

  return {
    element: section.element,
    async load() {
      try {
        const d = await request('monitor', '/owner/platform/health');
        section.shown(d, d.asOf ?? Date.now());
        onProblems(problems(d));
      } catch (e) {
        section.failed(e.message);
      }
    },
    dispose() {
      stop();
      section.dispose();
    },
  };
}
