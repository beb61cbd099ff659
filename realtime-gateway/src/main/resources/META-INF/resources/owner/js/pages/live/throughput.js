// A queue's last hour, minute by minute (GET /owner/queues/{queue}/throughput?minutes=60): jobs completed and failed
// per minute, and the failure rate per minute. Each chart has its numbers as a table beside it.
import { h } from '../../dom.js';
import { currentLang, num, t } from '../../i18n.js';
import { barChart, chartTable } from '../../chart.js';
import { clock, percent } from './format.js';

export const WINDOW_MINUTES = 60;

function points(answer) {
  return (answer.points || []).map((p) => {
    const finished = (p.completed || 0) + (p.failed || 0);
    return {
      key: p.minute, label: clock(p.minute), short: clock(p.minute), completed: p.completed || 0, failed: p.failed || 0,
      rate: finished ? (100 * (p.failed || 0)) / finished : null,
    };
  });
}

function legend(items) {
  return h('ul', { class: 'live-legend' }, items.map(([className, label]) => h('li', null,
    h('span', { class: `live-swatch ${className}`, 'aria-hidden': 'true' }), label)));
}

export function renderThroughput(answer) {
  const list = points(answer);
  const minutes = answer.minutes || WINDOW_MINUTES;
  const completed = list.reduce((s, p) => s + p.completed, 0);
  const failed = list.reduce((s, p) => s + p.failed, 0);
  const busiest = list.reduce((best, p) => (p.completed + p.failed > (best ? best.completed + best.failed : 0) ? p : best), null);
  const rtl = currentLang() === 'fa';
  const jobsLabel = t('liveJobsChartLabel', {
    queue: answer.queue, minutes: num(minutes), completed: num(completed), failed: num(failed),
    busiest: busiest ? t('liveBusiest', { time: busiest.label, n: num(busiest.completed + busiest.failed) }) : t('liveNoJobsInWindow'),
  });
  const rateLabel = t('liveRateChartLabel', {
    queue: answer.queue, minutes: num(minutes), rate: completed + failed ? percent(failed / (completed + failed)) : '–',
  });
  const share = (p) => (p.rate === null ? '–' : percent(p.rate / 100));
  return h('div', { class: 'live-charts', dataset: { test: 'live-charts', queue: answer.queue, completed, failed } },
    h('figure', { class: 'live-chart' },
      h('figcaption', null, h('h3', null, t('liveJobsChartTitle', { minutes: num(minutes) })),
        h('p', { class: 'muted' }, t('liveJobsChartTotals', { completed: num(completed), failed: num(failed) }))),
      legend([['ok', t('liveCompletedPerMinute')], ['bad', t('liveFailedPerMinuteShort')]]),
      barChart(list, {
        label: jobsLabel, rtl, testId: 'live-throughput-chart', width: 600, height: 220, maxTicks: 6,
        series: [{ key: 'completed', className: 'ok' }, { key: 'failed', className: 'bad' }],
        title: (p) => t('liveMinuteTitle', { time: p.label, completed: num(p.completed), failed: num(p.failed) }),
      })),
    h('figure', { class: 'live-chart' },
      h('figcaption', null, h('h3', null, t('liveRateChartTitle', { minutes: num(minutes) })),
        h('p', { class: 'muted' }, t('liveRateChartHelp'))),
      barChart(list, {
        label: rateLabel, rtl, testId: 'live-failure-rate-chart', width: 600, height: 180, maxTicks: 6,
        series: [{ key: 'rate', className: 'warn' }], format: (v) => percent(v / 100), ceiling: 100,
        title: (p) => t('liveRateTitle', { time: p.label, rate: share(p) }),
      })),
    chartTable({
      caption: t('liveThroughputCaption', { queue: answer.queue, minutes: num(minutes) }),
      headers: [t('liveMinute'), t('liveCompleted'), t('liveFailed'), t('liveFailureRate')],
      rows: list.map((p) => ({
        dataset: { minute: p.key, completed: p.completed, failed: p.failed },
        cells: [p.label, num(p.completed), num(p.failed), share(p)],
      })),
      testId: 'live-throughput-table',
    }));
}

export function loadThroughput(request, queue) {
  return request('monitor', `/owner/queues/${encodeURIComponent(queue)}/throughput`, { minutes: WINDOW_MINUTES });
}
