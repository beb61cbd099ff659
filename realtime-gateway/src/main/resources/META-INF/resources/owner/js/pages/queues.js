// Queue management: per queue, jobs by state with search and pagination, job details, retry, remove, bulk actions,
// pause/resume and purge (confirm flow).
import { api } from '../api.js';
import { badge, confirmDialog, errorBox, h, openDialog, pager, pre, replace, spinner, toast } from '../dom.js';
import { num, stateName, t, when } from '../i18n.js';
import { confirmFlow, summaryList } from '../confirm.js';
import { keepShown, renderBulkBar, selectableTable, showBulkResults } from '../bulk.js';
import * as realtime from '../realtime.js';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'];
const PAGE_SIZE = 20;

export default {
  render(main, { params }) {
    // cursors[p] loads page p (p ≥ 2) from the nextCursor of page p - 1: page numbers reach only the first jobs of
    // waiting and active (the API refuses deeper ones), a cursor any depth. A search pages by number.
    const state = { queue: params.get('queue') || null, jobState: 'waiting', search: '', page: 1, cursors: [], queues: [], selected: new Set(), rows: [] };
    let room = null;
    let disposed = false;
    // monitor's stats are a snapshot refreshed every few seconds: a pause/resume answered by the API wins over an
    // older snapshot until the snapshot agrees (or 30 s passed).
    const pauseOverride = new Map();

    const queueTabs = h('div', { class: 'tabs', role: 'tablist', dataset: { test: 'queue-tabs' } });
    const queueHead = h('div', { class: 'queue-head', dataset: { test: 'queue-head' } });
    const stateTabs = h('div', { class: 'tabs small', role: 'tablist', dataset: { test: 'state-tabs' } });
    const searchInput = h('input', { type: 'search', placeholder: t('searchPlaceholder'), 'aria-label': t('search'), maxlength: '200', dataset: { test: 'job-search' } });
    const bulkBar = h('div', { class: 'bulk-bar', dataset: { test: 'bulk-bar' } });
    const list = h('div', { dataset: { test: 'job-list' } });

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('queuesTitle')), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => { loadQueues(); loadJobs(); } } }, t('refresh'))),
      queueTabs, queueHead, stateTabs,
      h('form', { class: 'toolbar', role: 'search', on: { submit: (ev) => { ev.preventDefault(); state.search = searchInput.value.trim(); firstPage(); loadJobs(); } } },
        searchInput, h('button', { type: 'submit', class: 'btn' }, t('search'))),
      bulkBar, list);

    function firstPage() {
      state.page = 1;
      state.cursors = [];
    }

    async function loadQueues() {
      try {
        const { data } = await api('monitor', '/owner/queues/stats');
        for (const q of data) {
          const o = pauseOverride.get(q.queue);
          if (!o) continue;
          if (q.paused === o.paused || Date.now() > o.until) pauseOverride.delete(q.queue);
          else q.paused = o.paused;
        }
        state.queues = data;
        if (!state.queue || !data.some((q) => q.queue === state.queue)) state.queue = data[0]?.queue;
        renderQueueTabs();
        renderQueueHead();
        renderStateTabs();
        joinRoom();
      } catch (e) {
        replace(queueHead, errorBox(t('failedToLoad', { error: e.message })));
      }
    }

    function current() {
      return state.queues.find((q) => q.queue === state.queue);
    }

    function renderQueueTabs() {
      replace(queueTabs, ...state.queues.map((q) => h('button', {
        type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(q.queue === state.queue), dataset: { queue: q.queue, test: `queue-tab-${q.queue}` },
        on: { click: () => { state.queue = q.queue; firstPage(); state.selected.clear(); history.replaceState(null, '', `#/queues?queue=${encodeURIComponent(q.queue)}`); renderQueueTabs(); renderQueueHead(); renderStateTabs(); joinRoom(); loadJobs(); } },
      }, q.queue, q.paused ? [' ', badge(t('paused'), 'warn')] : null)));
    }

    function renderQueueHead() {
      const q = current();
      if (!q) { replace(queueHead); return; }
      replace(queueHead,
        h('h2', null, q.queue), q.paused ? badge(t('paused'), 'warn') : null,
        h('span', { class: 'spacer' }),
        q.paused
          ? h('button', { type: 'button', class: 'btn primary', dataset: { test: 'resume' }, on: { click: () => setPaused(false) } }, t('resume'))
          : h('button', { type: 'button', class: 'btn', dataset: { test: 'pause' }, on: { click: () => setPaused(true) } }, t('pause')),
        h('button', { type: 'button', class: 'btn danger', dataset: { test: 'purge' }, on: { click: purge } }, t('purge')));
    }

    function renderStateTabs() {
      const q = current();
      replace(stateTabs, ...STATES.map((s) => h('button', {
        type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(s === state.jobState), dataset: { state: s, test: `state-${s}` },
        on: { click: () => { state.jobState = s; firstPage(); state.selected.clear(); renderStateTabs(); loadJobs(); } },
      }, t('stateTab', { state: stateName(s), count: num(q?.counts?.[s] ?? 0) }))));
    }

    function joinRoom() {
      const next = state.queue ? `queue:${state.queue}` : null;
      if (room === next) return;
      if (room) realtime.leave(room);
      room = next;
      if (room) realtime.join(room);
    }

    async function setPaused(paused) {
      const q = state.queue;
      try {
        const { data } = await api('monitor', `/owner/queues/${encodeURIComponent(q)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
        pauseOverride.set(q, { paused: data?.paused ?? paused, until: Date.now() + 30000 });
        toast(t(paused ? 'pausedToast' : 'resumedToast', { queue: q }), 'success');
        await loadQueues();
      } catch (e) {
        toast(e.message, 'error');
      }
    }

    async function purge() {
      const q = state.queue;
      const result = await confirmFlow({
        service: 'monitor', path: '/owner/queues/purge', body: { queue: q }, testId: 'purge-dialog',
        title: t('purgeTitle', { queue: q }), text: t('purgeText'), confirmLabel: t('purgeConfirm'),
        summaryView: (s) => summaryList([
          [t('queue'), s.queue ?? q], [t('totalJobs'), num(s.jobs)], [t('waiting'), num(s.waiting)], [t('delayed'), num(s.delayed)],
          [t('completed'), num(s.completed)], [t('failed'), num(s.failed)], [t('active'), num(s.activeLeftToFinish)]]),
      });
      if (result) {
        toast(t('purgeDone', { total: num(result.total ?? 0), queue: q }), 'success');
        loadQueues();
        loadJobs();
      }
    }

    async function loadJobs() {
      if (!state.queue) return;
      list.setAttribute('aria-busy', 'true');
      if (!state.rows.length) replace(list, spinner());
      // firstPage() replaces the array, so an answer for a tab left meanwhile cannot leave its cursor behind.
      const { cursors, page } = state;
      try {
        const { data } = await api('monitor', `/owner/queues/${encodeURIComponent(state.queue)}/jobs`, {
          params: { state: state.jobState, search: state.search, page, pageSize: PAGE_SIZE, cursor: state.search ? undefined : cursors[page] },
        });
        if (disposed) return;
        cursors[page + 1] = data.nextCursor ?? undefined;
        state.rows = data.data || [];
        keepShown(state.selected, state.rows);
        renderJobs(data);
      } catch (e) {
        replace(list, errorBox(t('failedToLoad', { error: e.message })));
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    }

    function renderJobs(page) {
      replace(list,
        page.searchLimited ? h('p', { class: 'muted' }, t('searchLimited', { limit: num(page.scanLimit) })) : null,
        state.rows.length ? selectableTable({
          headers: [t('jobId'), t('jobType'), t('attempts'), t('createdAt'), t('lastError'), t('actions')],
          items: state.rows, selected: state.selected, testId: 'jobs-table',
          onSelectAll: () => renderJobs(page), onSelect: renderBulk,
          cells: (r) => [
            h('td', null, h('code', null, r.id)),
            h('td', null, r.name),
            h('td', null, `${num(r.attempts)}/${num(r.maxAttempts)}`),
            h('td', null, when(r.createdAt)),
            h('td', { class: 'clip' }, r.errorMessage ? `${r.errorCode ?? ''} ${r.errorMessage}`.trim() : '–'),
            h('td', { class: 'actions' },
              h('button', { type: 'button', class: 'btn small', dataset: { test: 'view' }, on: { click: () => details(r.id) } }, t('view')),
              r.state === 'failed' ? h('button', { type: 'button', class: 'btn small', dataset: { test: 'retry' }, on: { click: () => retry(r.id) } }, t('retry')) : null,
              r.state !== 'active' ? h('button', { type: 'button', class: 'btn small danger', dataset: { test: 'remove' }, on: { click: () => remove(r.id) } }, t('remove')) : null)],
        }) : h('p', { class: 'muted' }, t('nothing')),
        pager({ page: state.page, pageSize: PAGE_SIZE, total: page.total, onPage: (p) => { state.page = p; loadJobs(); } }));
      renderBulk();
    }

    function renderBulk() {
      renderBulkBar(bulkBar, state.selected.size, [
        state.jobState === 'failed' && { label: t('bulkRetry'), run: () => bulk('retry') },
        state.jobState !== 'active' && { label: t('bulkRemove'), danger: true, run: () => bulk('remove') },
      ].filter(Boolean));
    }

    async function details(id) {
      openDialog({
        title: t('jobDialogTitle', { id }), wide: true, testId: 'job-dialog',
        body: (dlg) => {
          api('monitor', `/owner/queues/${encodeURIComponent(state.queue)}/jobs/${encodeURIComponent(id)}`).then(({ data: j }) => {
            dlg.setBody(
              h('dl', { class: 'kv' },
                ...[[t('jobId'), h('code', null, j.id)], [t('jobType'), j.name], [t('state'), stateName(j.state)],
                  [t('attempts'), `${num(j.attempts)}/${num(j.maxAttempts)}`], [t('createdAt'), when(j.createdAt)],
                  [t('finishedAt'), when(j.finishedAt)], [t('tenant'), j.tenant ?? '–'], [t('actor'), j.actor ?? '–'],
                  [t('lastError'), j.lastError ? `${j.lastError.code ?? ''} ${j.lastError.message ?? ''}`.trim() : '–']]
                  .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
              h('h3', null, t('payload')), pre(j.payload ?? {}),
              j.result !== null && j.result !== undefined ? [h('h3', null, t('result')), pre(j.result)] : null);
          }).catch((e) => dlg.setBody(errorBox(e.message)));
          return spinner();
        },
        buttons: [{ label: t('close'), kind: 'secondary' }],
      });
    }

    async function retry(id) {
      try {
        await api('monitor', `/owner/queues/${encodeURIComponent(state.queue)}/jobs/${encodeURIComponent(id)}/retry`, { method: 'POST' });
        toast(t('retried', { id }), 'success');
        loadQueues(); loadJobs();
      } catch (e) { toast(e.message, 'error'); }
    }

    async function remove(id) {
      const ok = await confirmDialog({
        title: t('removeConfirmTitle'), text: t('removeConfirmText', { id }), confirmLabel: t('remove'), danger: true, testId: 'remove-dialog',
        onConfirm: () => api('monitor', `/owner/queues/${encodeURIComponent(state.queue)}/jobs/${encodeURIComponent(id)}/remove`, { method: 'POST' }).then(() => true),
      });
      if (ok) { toast(t('removed', { id }), 'success'); loadQueues(); loadJobs(); }
    }

    async function bulk(kind) {
      const ids = [...state.selected];
      const label = kind === 'retry' ? t('bulkRetry') : t('bulkRemove');
      const result = await confirmDialog({
        title: t('bulkConfirmTitle', { action: label, count: num(ids.length) }), text: ids.join(', '), confirmLabel: label, danger: kind === 'remove',
        onConfirm: async () => (await api('monitor', `/owner/queues/${encodeURIComponent(state.queue)}/jobs/bulk-${kind}`, { method: 'POST', body: { ids } })).data,
      });
      if (!result) return;
      state.selected.clear();
      showBulkResults(result);
      loadQueues(); loadJobs();
    }

    loadQueues().then(loadJobs);
    let soon = null;
    const off = realtime.onFrame((f) => {
      if ((f.type === 'job_summary' && f.room === room) || (f.type === 'owner_action' && f.data?.queue === state.queue)) {
        clearTimeout(soon);
        soon = setTimeout(() => { loadQueues(); loadJobs(); }, 800);
      }
    });
    return () => { disposed = true; off(); clearTimeout(soon); if (room) realtime.leave(room); };
  },
};
