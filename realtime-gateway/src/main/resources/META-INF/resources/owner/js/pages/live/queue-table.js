// The queue list: per queue its jobs now, health, throughput with its window, processing-time percentiles and the
// oldest waiting job. Below the layout breakpoint each row stacks as a card (live.css), labelled per cell.
import { badge, h } from '../../dom.js';
import { num, t } from '../../i18n.js';
import { duration, millis, perMinute } from './format.js';
import { healthKind } from './queue-reports.js';

function cell(label, ...content) {
  return h('td', { 'data-label': label }, h('span', null, ...content));
}

function throughput(rates = {}) {
  return [
    h('span', { class: 'block' }, t('liveFinishedAvg', { rate: perMinute(rates.throughputPerMinute), minutes: num(rates.minutes) })),
    rates.perMinuteLastMinute !== undefined
      ? h('span', { class: 'block muted' }, t('liveFinishedLastMinute', { n: num(rates.perMinuteLastMinute) })) : null,
  ];
}

function processing(p = {}) {
  if (!p.samples) return h('span', { class: 'muted' }, t('liveNoSamples'));
  return [
    h('span', { class: 'block', dir: 'ltr' }, `${millis(p.p50Ms)} / ${millis(p.p95Ms)} / ${millis(p.p99Ms)}`),
    h('span', { class: 'block muted' }, t('liveOfLastAttempts', { n: num(p.samples) })),
  ];
}

export function renderQueueTable({ queues }, { onDetails }) {
  const headers = [t('liveQueue'), t('liveJobsNow'), t('liveHealth'), t('liveThroughput'), t('liveP50P95P99'),
    t('liveOldestWaiting'), t('liveDetails')];
  const rows = queues.map(({ queue, metrics: m, health }) => h('tr', { dataset: { queue, score: health?.score } },
    cell(headers[0], h('a', { href: `#/queues?queue=${encodeURIComponent(queue)}` }, queue),
      m.paused ? [' ', badge(t('livePaused'), 'warn')] : null),
    cell(headers[1],
      badge(t('liveCountBadge', { state: t('liveCount:waiting'), n: num(m.counts?.waiting) }), 'info'), ' ',
      badge(t('liveCountBadge', { state: t('liveCount:active'), n: num(m.counts?.active) }), 'live'), ' ',
      badge(t('liveCountBadge', { state: t('liveCount:failed'), n: num(m.counts?.failed) }), m.counts?.failed ? 'bad' : '')),
    cell(headers[2], health
      ? [badge(t('liveScore', { score: num(health.score), status: t(`liveStatus:${health.status}`) }), healthKind(health.status)),
        health.issues?.length ? h('span', { class: 'block muted' }, t('liveIssueCount', { n: num(health.issues.length) })) : null]
      : '–'),
    cell(headers[3], throughput(m.rates)),
    cell(headers[4], processing(m.processing)),
    cell(headers[5], m.oldestWaitingAgeMs === null || m.oldestWaitingAgeMs === undefined ? '–' : duration(m.oldestWaitingAgeMs)),
    cell(headers[6], h('button', {
      type: 'button', class: 'btn small secondary', dataset: { test: 'live-queue-details' },
      'aria-label': t('liveDetailsOf', { queue }), on: { click: () => onDetails(queue) },
    }, t('liveDetails')))));
  return h('div', { class: 'table-wrap live-stack' },
    h('table', { dataset: { test: 'queues-table' } },
      h('caption', { class: 'sr-only' }, t('liveQueuesCaption')),
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows)));
}
