// DLQ analytics (docs/console.md#pages): Overview, Failures, Trends, Replays, each of all queues or of the queue the
// filter names; a text filter over the listed values; CSV export of the queue's entries; refreshed live (debounced)
// by the dlq_event frames of the queue shown, without a reload.
import { api, queueNames } from '../api.js';
import { badge, errorBox, field, h, replace, spinner, table, toast } from '../dom.js';
import { currentLang, hourLabel, num, register, t, when } from '../i18n.js';
import { barChart, chartTable } from '../chart.js';
import * as realtime from '../realtime.js';
import messages from '../messages/dlq.js';
import { openEntryDialog } from './dlq/entry-dialog.js';
import { exportButton } from './dlq/export.js';

register(messages);

const TABS = ['overview', 'failures', 'trends', 'replays'];
const RANGES = [1, 6, 12, 24, 48];
/** Live frames come in bursts (a failing batch): one refresh per quiet second. */
const LIVE_DEBOUNCE_MS = 1000;

export default {
  render(main, { params }) {
    let tab = TABS.includes(params.get('tab')) ? params.get('tab') : 'overview';
    let queue = queueNames().includes(params.get('queue')) ? params.get('queue') : '';
    let hours = 24;
    let analytics = null;
    let trends = null;
    let disposed = false;
    let generation = 0;
    const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'analytics-panel', dataset: { test: 'analytics-panel' } });
    const tabs = h('div', { class: 'tabs', role: 'tablist' });
    const updated = h('span', { class: 'muted', role: 'status', dataset: { test: 'analytics-updated' } });
    const queueSelect = h('select', { dataset: { test: 'analytics-queue' }, on: { change: () => { queue = queueSelect.value; syncHash(); refresh(); } } },
      h('option', { value: '' }, t('dlqAllQueues')), queueNames().map((q) => h('option', { value: q, selected: q === queue }, q)));
    const search = h('input', {
      type: 'search', maxlength: '200', placeholder: t('dlqAnalyticsSearchHint'), dataset: { test: 'analytics-search' },
      on: { input: () => renderPanel() },
    });

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('analyticsTitle')), h('span', { class: 'spacer' }), updated,
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => refresh(true) } }, t('refresh')),
        exportButton(t('exportCsv'), () => ({ originalQueue: queue }))),
      h('div', { class: 'filters dlq-analytics-filters', role: 'search' }, field(t('filterQueue'), queueSelect), field(t('dlqAnalyticsSearch'), search)),
      tabs, panel);

    function syncHash() {
      const q = new URLSearchParams({ tab });
      if (queue) q.set('queue', queue);
      history.replaceState(null, '', `#/analytics?${q}`);
    }

    function renderTabs() {
      replace(tabs, ...TABS.map((name) => h('button', {
        type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(name === tab), 'aria-controls': 'analytics-panel',
        tabindex: name === tab ? '0' : '-1', dataset: { test: `tab-${name}` },
        on: {
          click: () => { tab = name; syncHash(); renderTabs(); renderPanel(); },
          keydown: (ev) => {
            const dir = (ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0) * (currentLang() === 'fa' ? -1 : 1);
            if (!dir) return;
            tab = TABS[(TABS.indexOf(name) + dir + TABS.length) % TABS.length];
            syncHash(); renderTabs(); renderPanel();
            tabs.querySelector('[aria-selected="true"]')?.focus();
          },
        },
      }, t(`tab${name[0].toUpperCase()}${name.slice(1)}`))));
    }

    const queueParam = () => (queue ? { queueName: queue } : {});

    /** Reads analytics and trends of the queue shown; an answer for a queue no longer shown is dropped. */
    async function refresh(announce = false, live = false) {
      const mine = ++generation;
      panel.setAttribute('aria-busy', 'true');
      if (!analytics) replace(panel, spinner());
      try {
        const [a, tr] = await Promise.all([api('dlq', '/owner/dlq/analytics', { params: queueParam() }),
          api('dlq', '/owner/dlq/trends', { params: { hours, ...queueParam() } })]);
        if (disposed || mine !== generation) return;
        analytics = a.data;
        trends = tr.data;
        updated.textContent = t(live ? 'dlqUpdatedLive' : 'lastUpdated', { time: when(analytics.generatedAt || Date.now()) });
        renderPanel();
        if (announce) toast(t('lastUpdated', { time: when(Date.now()) }), 'success');
      } catch (e) {
        if (mine !== generation) return;
        replace(panel, errorBox(t('failedToLoad', { error: e.message })));
        if (announce) toast(e.message, 'error');
      } finally {
        if (mine === generation) panel.setAttribute('aria-busy', 'false');
      }
    }

    async function loadTrends() {
      panel.setAttribute('aria-busy', 'true');
      try {
        trends = (await api('dlq', '/owner/dlq/trends', { params: { hours, ...queueParam() } })).data;
        if (!disposed) renderPanel();
      } catch (e) {
        toast(e.message, 'error');
      } finally {
        panel.setAttribute('aria-busy', 'false');
      }
    }

    /** The text filter: every word must appear in one of the texts (case-insensitive). */
    function matches(...texts) {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const hay = texts.filter(Boolean).join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    }

    function stat(label, value, testId, kind = '') {
      return h('div', { class: `card stat ${kind}`.trim(), dataset: { test: testId } }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value));
    }

    /** Horizontal bars of {value|reason, count}; counts are dead jobs. */
    function bars(items, labelOf, textOf, testId) {
      const top = items.filter((x) => matches(textOf(x))).slice(0, 10);
      if (!top.length) return h('p', { class: 'muted' }, search.value.trim() ? t('dlqNoMatch', { text: search.value.trim() }) : t('nothing'));
      const max = Math.max(1, ...top.map((x) => x.count));
      return h('ol', { class: 'hbars', dataset: { test: testId } }, top.map((x) => h('li', { dataset: { value: textOf(x), count: x.count } },
        h('span', { class: 'hbar-label' }, labelOf(x)),
        h('span', { class: 'hbar-track', 'aria-hidden': 'true' }, h('span', { class: 'hbar', style: `inline-size: ${Math.round((x.count / max) * 100)}%` })),
        h('span', { class: 'hbar-value', title: t('dlqJobsCount', { count: num(x.count) }) }, num(x.count)))));
    }

    /** A link to the DLQ list with these filters (and the queue shown). */
    function entriesLink(text, filters) {
      const q = new URLSearchParams(filters);
      if (queue && !q.has('originalQueue')) q.set('originalQueue', queue);
      return h('a', { href: `#/dlq?${q}`, dir: 'ltr' }, text);
    }

    function sampledNote(a) {
      return a.sampled ? h('p', { class: 'muted', dataset: { test: 'analytics-sampled' } }, t('dlqSampled', { scanned: num(a.scanned), total: num(a.total) })) : null;
    }

    function renderPanel() {
      if (!analytics) return;
      const a = analytics;
      const scope = queue ? h('p', { class: 'dlq-scope' }, badge(t('dlqOfQueue', { queue }), 'info')) : null;
      if (tab === 'overview') {
        replace(panel, scope,
          h('div', { class: 'cards' },
            stat(t('totalDlq'), num(a.total), 'total'), stat(t('neverReplayed'), num(a.neverReplayed), 'never'),
            stat(t('replayed'), num(a.replayed), 'replayed'), stat(t('highReplayCount'), num(a.highReplayCount), 'high', a.highReplayCount ? 'warn' : '')),
          queue
            ? h('section', { class: 'card' }, h('h2', null, t('dlqFailuresByJobType')), sampledNote(a),
              bars(a.byJobName || [], (x) => entriesLink(x.value, { jobName: x.value }), (x) => x.value, 'by-job-type'))
            : h('section', { class: 'card' }, h('h2', null, t('failuresByQueue')),
              bars(a.byQueue || [], (x) => h('a', { href: `#/analytics?tab=${tab}&queue=${encodeURIComponent(x.value)}` }, x.value), (x) => x.value, 'by-queue')));
      } else if (tab === 'failures') {
        replace(panel, scope, h('p', { class: 'muted', dataset: { test: 'counts-are-jobs' } }, t('dlqCountsAreJobs')), sampledNote(a),
          h('div', { class: 'two-col' },
            h('section', { class: 'card' }, h('h2', null, t('topJobTypes')),
              bars(a.topJobs?.length ? a.topJobs : (a.byJobName || []), (x) => entriesLink(x.value, { jobName: x.value }), (x) => x.value, 'top-jobs')),
            h('section', { class: 'card' }, h('h2', null, t('dlqTopErrorCodes')),
              bars(a.byErrorCode || [], (x) => entriesLink(x.value || '–', { errorCode: x.value }), (x) => x.value, 'top-codes'))),
          h('section', { class: 'card dlq-reasons' }, h('h2', null, t('topErrorReasons')),
            bars(a.byErrorReason || [], (x) => h('span', null, h('span', { dir: 'ltr' }, x.reason),
              x.example && x.example !== x.reason ? h('small', { class: 'muted block', dir: 'ltr' }, t('example', { text: x.example })) : null),
            (x) => `${x.reason} ${x.example || ''}`, 'top-reasons')));
      } else if (tab === 'trends') {
        renderTrends(scope);
      } else {
        const rows = (a.topReplayedJobs || []).filter((j) => matches(j.id, j.originalQueue, j.originalJobName)).slice(0, 10).map((j) => h('tr', { dataset: { id: j.id } },
          h('td', null, h('button', { type: 'button', class: 'link-btn', dataset: { test: 'open-entry' }, on: { click: () => openEntryDialog(j.id, { onChanged: () => refresh() }) } }, h('code', null, j.id))),
          h('td', null, j.originalQueue), h('td', null, j.originalJobName), h('td', null, badge(num(j.replayCount), j.replayCount >= 3 ? 'warn' : 'info'))));
        replace(panel, scope, sampledNote(a), h('section', { class: 'card' }, h('h2', null, t('topReplayed')),
          rows.length ? table([t('jobId'), t('queue'), t('jobType'), t('replays')], rows, { testId: 'top-replayed' }) : h('p', { class: 'muted' }, t('nothing'))));
      }
    }

    function renderTrends(scope) {
      const select = h('select', { dataset: { test: 'trend-range' }, on: { change: () => { hours = Number(select.value); loadTrends(); } } },
        RANGES.map((r) => h('option', { value: String(r), selected: r === hours }, t('hoursOption', { h: num(r) }))));
      const hoursShown = trends?.trends || [];
      const points = hoursShown.map((p) => ({ key: p.hour, value: p.count, label: hourLabel(p.hour), short: hourLabel(p.hour).split(/,\s*/).pop() }));
      const peak = trends?.peakHour;
      const label = queue ? t('dlqChartLabelQueue', { queue }) : t('chartLabel');
      // The chart's text alternative: the same numbers as a table, for screen readers and for copying.
      const numbers = chartTable({
        caption: label, headers: [t('dlqHour'), t('dlqDeadJobs')], testId: 'trend-table',
        rows: hoursShown.filter((p) => p.count > 0).map((p) => ({ cells: [hourLabel(p.hour), num(p.count)] })),
      });
      replace(panel, scope,
        h('div', { class: 'toolbar' }, field(t('timeRange'), select)),
        h('div', { class: 'cards' },
          stat(t('totalInPeriod'), num(trends?.totalInPeriod), 'total-in-period'),
          stat(t('avgPerHour'), num(trends?.avgPerHour), 'avg-per-hour'),
          stat(t('peakHour'), peak && peak.count > 0 ? `${hourLabel(peak.hour)} (${num(peak.count)})` : '–', 'peak-hour')),
        h('section', { class: 'card', dataset: { queue: trends?.queueName || '' } }, h('h2', null, t('hourlyTrend')),
          barChart(points, { label, rtl: currentLang() === 'fa' }), numbers));
    }

    renderTabs();
    refresh();
    realtime.join('dlq');
    let soon = null;
    const off = realtime.onFrame((fr) => {
      if (fr.type !== 'dlq_event' || fr.latest) return;
      const events = fr.data?.events || [];
      // A count-only event (a clear) names no queue: it may touch any.
      if (queue && events.length && !events.some((e) => !e.originalQueue || e.originalQueue === queue)) return;
      clearTimeout(soon);
      soon = setTimeout(() => refresh(false, true), LIVE_DEBOUNCE_MS);
    });
    return () => { disposed = true; off(); clearTimeout(soon); realtime.leave('dlq'); };
  },
};
