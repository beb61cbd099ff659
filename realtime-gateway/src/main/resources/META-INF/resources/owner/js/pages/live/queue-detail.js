// One queue's health: its score, each issue with what to do about it, and the numbers behind them, each with its
// window (rates over the last N minutes, percentiles over the last N attempts).
import { badge, h } from '../../dom.js';
import { num, t } from '../../i18n.js';
import { duration, millis, named, percent, perMinute } from './format.js';
import { healthKind } from './queue-reports.js';
import { issueText } from './issue-text.js';

function issues(health) {
  if (!health.issues?.length) return h('p', { class: 'live-no-issues', dataset: { test: 'live-no-issues' } }, t('liveNoIssues'));
  return h('ul', { class: 'live-issues', dataset: { test: 'live-issues' } }, health.issues.map((i) => {
    const text = issueText(i);
    const dir = text.lang === 'fa' ? 'rtl' : 'ltr';
    return h('li', { class: i.penalty ? '' : 'info', dataset: { rule: i.rule, penalty: i.penalty } },
      h('div', { class: 'live-issue-head' }, h('strong', null, named('liveRule', i.rule)),
        badge(i.penalty ? t('livePenalty', { n: num(i.penalty) }) : t('liveInformational'), i.penalty ? 'warn' : 'info')),
      h('p', { lang: text.lang, dir, dataset: { test: 'live-issue-text' } }, text.issue),
      h('p', { class: 'live-recommendation' }, h('span', { class: 'strong' }, t('liveWhatToDo')), ' ',
        h('span', { lang: text.lang, dir }, text.recommendation)));
  }));
}

function numbers(m) {
  const r = m.rates || {};
  const p = m.processing || {};
  const rows = [
    [t('liveFinishedPerMinute', { minutes: num(r.minutes) }), perMinute(r.throughputPerMinute)],
    ...(r.perMinuteLastMinute !== undefined ? [[t('liveFinishedLastFullMinute'), num(r.perMinuteLastMinute)]] : []),
    [t('liveFailedPerMinute', { minutes: num(r.minutes) }), perMinute(r.failedPerMinute)],
    [t('liveErrorRate', { minutes: num(r.minutes) }),
      r.errorRate === null || r.errorRate === undefined ? '–'
        : t('liveOfAttempts', { rate: percent(r.errorRate), failed: num(r.failedAttempts), attempts: num((r.completed || 0) + (r.failedAttempts || 0)) })],
    [t('liveSuccessRate', { minutes: num(r.minutes) }), percent(r.successRate)],
    [p.samples ? t('liveProcessingTimes', { n: num(p.samples) }) : t('liveProcessingTime'),
      p.samples ? [['p50', p.p50Ms], ['p95', p.p95Ms], ['p99', p.p99Ms]].map(([name, v]) => h('span', { class: 'block' }, h('bdi', null, name), ' ', millis(v)))
        : t('liveNoSamples')],
    [t('liveOldestWaiting'), m.oldestWaitingAgeMs === null || m.oldestWaitingAgeMs === undefined ? '–' : duration(m.oldestWaitingAgeMs)],
    [t('liveWorkersOfQueue'), num(m.workers?.alive)],
    [t('liveDlqEntries'), num(m.dlqEntries)],
  ];
  return h('dl', { class: 'kv', dataset: { test: 'live-queue-numbers' } }, rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

export function renderQueueDetail({ queues }, queue) {
  const report = queues.find((q) => q.queue === queue);
  if (!report) return h('p', { class: 'muted' }, t('liveNoQueueData', { queue }));
  const { metrics: m, health } = report;
  return h('div', { class: 'live-detail', dataset: { queue } },
    health ? h('p', { class: 'live-score' },
      badge(t('liveScore', { score: num(health.score), status: t(`liveStatus:${health.status}`) }), healthKind(health.status)),
      m.paused ? [' ', badge(t('livePaused'), 'warn')] : null) : null,
    health ? issues(health) : null,
    numbers(m));
}
