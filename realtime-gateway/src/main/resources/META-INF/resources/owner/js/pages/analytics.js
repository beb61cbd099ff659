// DLQ analytics (docs/console.md#pages): Overview, Failures, Trends, Replays; CSV export; refresh.
import { api, base, token } from '../api.js';
import { badge, errorBox, field, h, replace, spinner, table, toast } from '../dom.js';
import { currentLang, hourLabel, num, t, when } from '../i18n.js';
import { barChart } from '../chart.js';

const TABS = ['overview', 'failures', 'trends', 'replays'];
const RANGES = [1, 6, 12, 24, 48];

export default {
  render(main, { params }) {
    let tab = TABS.includes(params.get('tab')) ? params.get('tab') : 'overview';
    let hours = 24;
    let analytics = null;
    let trends = null;
    let disposed = false;
    const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'analytics-panel', dataset: { test: 'analytics-panel' } });
    const tabs = h('div', { class: 'tabs', role: 'tablist' });
    const updated = h('span', { class: 'muted' });
    const exportBtn = h('button', { type: 'button', class: 'btn', dataset: { test: 'export-csv' }, on: { click: exportCsv } }, t('exportCsv'));

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('analyticsTitle')), h('span', { class: 'spacer' }), updated,
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => refresh(true) } }, t('refresh')),
        exportBtn),
      tabs, panel);

    function renderTabs() {
      replace(tabs, ...TABS.map((name) => h('button', {
        type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(name === tab), 'aria-controls': 'analytics-panel', dataset: { test: `tab-${name}` },
        on: {
          click: () => { tab = name; history.replaceState(null, '', `#/analytics?tab=${name}`); renderTabs(); renderPanel(); },
          keydown: (ev) => {
            const dir = (ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0) * (currentLang() === 'fa' ? -1 : 1);
            if (!dir) return;
            tab = TABS[(TABS.indexOf(name) + dir + TABS.length) % TABS.length];
            renderTabs(); renderPanel();
            tabs.querySelector('[aria-selected="true"]')?.focus();
          },
        },
      }, t(`tab${name[0].toUpperCase()}${name.slice(1)}`))));
    }

    async function refresh(announce = false) {
      panel.setAttribute('aria-busy', 'true');
      if (!analytics) replace(panel, spinner());
      try {
        const [a, tr] = await Promise.all([api('dlq', '/owner/dlq/analytics'), api('dlq', '/owner/dlq/trends', { params: { hours } })]);
        if (disposed) return;
        analytics = a.data;
        trends = tr.data;
        updated.textContent = t('lastUpdated', { time: when(Date.now()) });
        renderPanel();
        if (announce) toast(t('lastUpdated', { time: when(Date.now()) }), 'success');
      } catch (e) {
        replace(panel, errorBox(t('failedToLoad', { error: e.message })));
        if (announce) toast(e.message, 'error');
      } finally {
        panel.setAttribute('aria-busy', 'false');
      }
    }

    async function loadTrends() {
      panel.setAttribute('aria-busy', 'true');
      try {
        trends = (await api('dlq', '/owner/dlq/trends', { params: { hours } })).data;
        if (!disposed) renderPanel();
      } catch (e) {
        toast(e.message, 'error');
      } finally {
        panel.setAttribute('aria-busy', 'false');
      }
    }

    function stat(label, value, testId, kind = '') {
      return h('div', { class: `card stat ${kind}`.trim(), dataset: { test: testId } }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value));
    }

    function bars(items, labelOf, testId) {
      const top = items.slice(0, 10);
      if (!top.length) return h('p', { class: 'muted' }, t('nothing'));
      const max = Math.max(1, ...top.map((x) => x.count));
      return h('ol', { class: 'hbars', dataset: { test: testId } }, top.map((x) => h('li', null,
        h('span', { class: 'hbar-label' }, labelOf(x)),
        h('span', { class: 'hbar-track', 'aria-hidden': 'true' }, h('span', { class: 'hbar', style: `inline-size: ${Math.round((x.count / max) * 100)}%` })),
        h('span', { class: 'hbar-value' }, num(x.count)))));
    }

    function renderPanel() {
      if (!analytics) return;
      const a = analytics;
      if (tab === 'overview') {
        replace(panel,
          h('div', { class: 'cards' },
            stat(t('totalDlq'), num(a.total), 'total'), stat(t('neverReplayed'), num(a.neverReplayed), 'never'),
            stat(t('replayed'), num(a.replayed), 'replayed'), stat(t('highReplayCount'), num(a.highReplayCount), 'high', a.highReplayCount ? 'warn' : '')),
          h('section', { class: 'card' }, h('h2', null, t('failuresByQueue')),
            bars(a.byQueue || [], (x) => h('a', { href: `#/dlq?originalQueue=${encodeURIComponent(x.value)}` }, x.value), 'by-queue')));
      } else if (tab === 'failures') {
        replace(panel, h('div', { class: 'two-col' },
          h('section', { class: 'card' }, h('h2', null, t('topJobTypes')), bars(a.topJobs?.length ? a.topJobs : (a.byJobName || []), (x) => x.value, 'top-jobs')),
          h('section', { class: 'card' }, h('h2', null, t('topErrorReasons')),
            bars(a.byErrorReason || [], (x) => h('span', null, h('span', { dir: 'ltr' }, x.reason), x.example ? h('small', { class: 'muted block', dir: 'ltr' }, t('example', { text: x.example })) : null), 'top-reasons'))));
      } else if (tab === 'trends') {
        const select = h('select', { dataset: { test: 'trend-range' }, on: { change: () => { hours = Number(select.value); loadTrends(); } } },
          RANGES.map((r) => h('option', { value: String(r), selected: r === hours }, t('hoursOption', { h: num(r) }))));
        const points = (trends?.trends || []).map((p) => ({ key: p.hour, value: p.count, label: hourLabel(p.hour), short: hourLabel(p.hour).split(/,\s*/).pop() }));
        const peak = trends?.peakHour;
        replace(panel,
          h('div', { class: 'toolbar' }, field(t('timeRange'), select)),
          h('div', { class: 'cards' },
            stat(t('totalInPeriod'), num(trends?.totalInPeriod), 'total-in-period'),
            stat(t('avgPerHour'), num(trends?.avgPerHour), 'avg-per-hour'),
            stat(t('peakHour'), peak && peak.count > 0 ? `${hourLabel(peak.hour)} (${num(peak.count)})` : '–', 'peak-hour')),
          h('section', { class: 'card' }, h('h2', null, t('hourlyTrend')), barChart(points, { label: t('chartLabel'), rtl: currentLang() === 'fa' })));
      } else {
        const rows = (a.topReplayedJobs || []).slice(0, 10).map((j) => h('tr', null,
          h('td', null, h('code', null, j.id)), h('td', null, j.originalQueue), h('td', null, j.originalJobName), h('td', null, badge(num(j.replayCount), j.replayCount >= 3 ? 'warn' : 'info'))));
        replace(panel, h('section', { class: 'card' }, h('h2', null, t('topReplayed')),
          rows.length ? table([t('jobId'), t('queue'), t('jobType'), t('replays')], rows, { testId: 'top-replayed' }) : h('p', { class: 'muted' }, t('nothing'))));
      }
    }

    // The export needs the bearer token, so it is fetched and handed to the browser as a Blob download.
    async function exportCsv() {
      exportBtn.disabled = true;
      exportBtn.setAttribute('aria-busy', 'true');
      try {
        const res = await fetch(`${base('dlq')}/owner/dlq/export`, { headers: { Authorization: `Bearer ${token()}`, Accept: 'text/csv' }, cache: 'no-store', credentials: 'omit' });
        if (!res.ok) {
          let detail = res.statusText;
          try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
          throw new Error(t('errorRequest', { status: res.status, detail }));
        }
        const blob = await res.blob();
        const disposition = res.headers.get('Content-Disposition') || '';
        const name = (disposition.match(/filename="?([^";]+)"?/) || [])[1] || `dlq-export-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
        const url = URL.createObjectURL(blob);
        const a = h('a', { href: url, download: name, hidden: true });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        toast(t('exported'), 'success');
      } catch (e) {
        toast(e.message || t('networkError'), 'error');
      } finally {
        exportBtn.disabled = false;
        exportBtn.removeAttribute('aria-busy');
      }
    }

    renderTabs();
    refresh();
    return () => { disposed = true; };
  },
};
