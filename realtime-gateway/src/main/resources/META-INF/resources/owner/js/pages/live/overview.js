// The queue overview: jobs of all queues by state, now. The total is the sum of the cards beside it.
import { h } from '../../dom.js';
import { num, t } from '../../i18n.js';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'cancelled'];

export function renderOverview({ queues }) {
  const sum = (state) => queues.reduce((s, q) => s + (q.metrics.counts?.[state] || 0), 0);
  const total = STATES.reduce((s, state) => s + sum(state), 0);
  const card = (label, value, testId, kind = '') => h('div', { class: `card stat ${kind}`.trim(), dataset: { test: testId, count: value } },
    h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, num(value)));
  return h('div', { class: 'cards' },
    card(t('liveTotalOfCards'), total, 'total'),
    ...STATES.map((state) => card(t(`liveCount:${state}`), sum(state), state, state === 'failed' && sum(state) ? 'bad' : '')));
}
