// Alert history: when a queue turned critical and when it recovered (GET /owner/queues/alerts, newest first), with
// the alerts that arrive over the WebSocket added on top as they come.
import { badge, h } from '../../dom.js';
import { num, t, when } from '../../i18n.js';

export const ALERT_LIMIT = 50;

const keyOf = (a) => `${a.queue}|${a.at}|${a.status}`;

/** An alert of the history or of an `alert` frame (whose message says `ts` for the time). */
export function normalizeAlert(a) {
  return { ...a, at: a.at ?? a.ts };
}

/** The history with a live alert added on top, once. */
export function withAlert(history, alert) {
  const a = normalizeAlert(alert);
  const alerts = history?.alerts || [];
  if (alerts.some((x) => keyOf(x) === keyOf(a))) return history;
  return { ...history, alerts: [a, ...alerts].slice(0, ALERT_LIMIT) };
}

function cell(label, content) {
  return h('td', { 'data-label': label }, h('span', null, content));
}

function ruleList(issues = []) {
  return issues.map((i) => i.rule).filter(Boolean).join(', ');
}

export function renderAlerts(history) {
  const alerts = (history?.alerts || []).map(normalizeAlert);
  if (!alerts.length) return h('p', { class: 'muted', dataset: { test: 'live-no-alerts' } }, t('liveNoAlerts'));
  const headers = [t('liveAlertTime'), t('liveQueue'), t('liveAlertStatus'), t('liveAlertScore'), t('liveAlertIssues')];
  return h('div', { class: 'table-wrap live-stack' },
    h('table', { dataset: { test: 'live-alerts-table' } },
      h('caption', { class: 'sr-only' }, t('liveAlertsCaption', { n: num(ALERT_LIMIT) })),
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, alerts.map((a) => h('tr', { dataset: { queue: a.queue, status: a.status, at: a.at } },
        cell(headers[0], when(a.at)),
        cell(headers[1], h('a', { href: `#/live?queue=${encodeURIComponent(a.queue)}` }, a.queue)),
        cell(headers[2], badge(t(`liveAlert:${a.status}`), a.status === 'critical' ? 'bad' : 'ok')),
        cell(headers[3], num(a.score)),
        cell(headers[4], h('span', { dir: 'ltr' }, ruleList(a.issues) || '–')))))));
}
