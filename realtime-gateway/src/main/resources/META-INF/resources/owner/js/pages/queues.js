// Queue management: per queue, its jobs (js/pages/queues/jobs-view.js), its workers and its failure reasons; pause,
// resume and purge (confirm flow). A job opens in a dialog from its row or from the address
// `#/queues?queue=<q>&job=<id>` (the live feed links there). The pieces live in js/pages/queues/, one concept each.
import { api } from '../api.js';
import { badge, errorBox, h, replace, toast } from '../dom.js';
import { num, register, t } from '../i18n.js';
import { confirmFlow, summaryList } from '../confirm.js';
import * as realtime from '../realtime.js';
import messages from '../messages/queues.js';
import { renderTabs, tabList } from './queues/tabs.js';
import { jobsView } from './queues/jobs-view.js';
import { workersView } from './queues/workers-view.js';
import { failureReasonsView } from './queues/failure-reasons-view.js';
import { openJobDetail } from './queues/job-detail.js';
import { can, NEEDS } from './queues/policy.js';

register(messages);

const VIEWS = [
  { key: 'jobs', label: 'queuesViewJobs', open: null },
  { key: 'workers', label: 'queuesViewWorkers', open: workersView },
  { key: 'failures', label: 'queuesViewFailures', open: failureReasonsView },
];

export default {
  render(main, { params }) {
    const state = { queue: params.get('queue') || null, view: VIEWS.some((v) => v.key === params.get('view')) ? params.get('view') : 'jobs', queues: [] };
    let room = null;
    let disposed = false;
    let viewHandle = null; // {reload?, redrawCounts?, dispose}
    // monitor's stats are a snapshot refreshed every few seconds: a pause/resume answered by the API wins over an
    // older snapshot until the snapshot agrees (or 30 s passed).
    const pauseOverride = new Map();

    const queueTabs = tabList({ label: t('queuesTabsLabel'), testId: 'queue-tabs' });
    const queueHead = h('div', { class: 'queue-head', dataset: { test: 'queue-head' } });
    const viewTabs = tabList({ label: t('queuesViewsLabel', { queue: state.queue ?? '' }), testId: 'view-tabs' });
    const panel = h('div', { id: 'queue-view-panel', role: 'tabpanel', class: 'tab-panel', dataset: { test: 'queue-view' } });

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('queuesTitle')), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => { loadQueues(); viewHandle?.reload?.(); } } }, t('refresh'))),
      queueTabs, queueHead, viewTabs, panel);

    function address(extra = {}) {
      const q = new URLSearchParams({ queue: state.queue });
      if (state.view !== 'jobs') q.set('view', state.view);
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      return `#/queues?${q}`;
    }

    async function loadQueues() {
      try {
        const { data } = await api('monitor', '/owner/queues/stats');
        if (disposed) return;
        for (const q of data) {
          const o = pauseOverride.get(q.queue);
          if (!o) continue;
          if (q.paused === o.paused || Date.now() > o.until) pauseOverride.delete(q.queue);
          else q.paused = o.paused;
        }
        state.queues = data;
        const known = data.some((q) => q.queue === state.queue);
        if (!known) state.queue = data[0]?.queue;
        renderQueueTabs();
        renderQueueHead();
        joinRoom();
        if (!viewHandle || !known) openView();
        else viewHandle.redrawCounts?.();
      } catch (e) {
        if (!disposed) replace(queueHead, errorBox(t('failedToLoad', { error: e.message })));
      }
    }

    function current() {
      return state.queues.find((q) => q.queue === state.queue);
    }

    function renderQueueTabs() {
      renderTabs(queueTabs, {
        items: state.queues.map((q) => ({ key: q.queue, label: [q.queue, q.paused ? [' ', badge(t('paused'), 'warn')] : null], testId: `queue-tab-${q.queue}`, data: { queue: q.queue } })),
        selected: state.queue, panelId: 'queue-view-panel',
        onSelect: (name) => {
          state.queue = name;
          history.replaceState(null, '', address());
          renderQueueTabs(); renderQueueHead(); joinRoom(); openView();
        },
      });
    }

    function renderQueueHead() {
      const q = current();
      if (!q) { replace(queueHead); return; }
      const manage = can(NEEDS.pause);
      replace(queueHead,
        h('h2', null, q.queue), q.paused ? badge(t('paused'), 'warn') : null,
        h('span', { class: 'spacer' }),
        q.paused
          ? h('button', { type: 'button', class: 'btn primary', dataset: { test: 'resume' }, disabled: !manage, on: { click: () => setPaused(false) } }, t('resume'))
          : h('button', { type: 'button', class: 'btn', dataset: { test: 'pause' }, disabled: !manage, on: { click: () => setPaused(true) } }, t('pause')),
        h('button', { type: 'button', class: 'btn danger', dataset: { test: 'purge' }, disabled: !can(NEEDS.purge), on: { click: purge } }, t('purge')));
      viewTabs.setAttribute('aria-label', t('queuesViewsLabel', { queue: q.queue }));
    }

    function renderViewTabs() {
      renderTabs(viewTabs, {
        items: VIEWS.map((v) => ({ key: v.key, label: t(v.label), testId: `view-${v.key}` })),
        selected: state.view, panelId: 'queue-view-panel',
        onSelect: (key) => { state.view = key; history.replaceState(null, '', address()); openView(); },
      });
    }

    function openView() {
      viewHandle?.dispose();
      renderViewTabs();
      if (!state.queue) return;
      const view = VIEWS.find((v) => v.key === state.view);
      if (view.open) {
        const dispose = view.open(panel, state.queue);
        viewHandle = { dispose, reload: null };
        return;
      }
      viewHandle = jobsView(panel, {
        queue: state.queue, stats: current, onChanged: loadQueues,
        openJob: (id) => openJob(id),
      });
    }

    function openJob(id) {
      const queue = state.queue;
      history.replaceState(null, '', address({ job: id }));
      openJobDetail({ queue, id, onChanged: () => { loadQueues(); viewHandle?.reload?.(); } }).then(() => {
        if (!disposed && state.queue === queue) history.replaceState(null, '', address());
      });
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
        service: 'monitor', path: '/owner/queues/purge', body: { queue: q }, testId: 'purge-dialog', typeToConfirm: q,
        title: t('purgeTitle', { queue: q }), text: t('purgeText'), confirmLabel: t('purgeConfirm'),
        // The total is what goes: the states listed above it add up to it; active jobs are left, so listed apart.
        summaryView: (s) => summaryList([
          [t('queue'), s.queue ?? q], [t('waiting'), num(s.waiting)], [t('delayed'), num(s.delayed)],
          [t('completed'), num(s.completed)], [t('failed'), num(s.failed)], [t('queuesPurgeCancelled'), num(s.cancelled ?? 0)],
          [t('totalJobs'), h('strong', null, num(s.jobs))], [t('queuesPurgeActive'), num(s.activeLeftToFinish)]]),
      });
      if (result) {
        toast(t('purgeDone', { total: num(result.total ?? 0), queue: q }), 'success');
        loadQueues();
        viewHandle?.reload?.();
      }
    }

    loadQueues().then(() => {
      const job = params.get('job');
      if (job && !disposed && state.queue) openJob(job);
    });
    let soon = null;
    const off = realtime.onFrame((f) => {
      if ((f.type === 'job_summary' && f.room === room) || (f.type === 'owner_action' && f.data?.queue === state.queue)) {
        clearTimeout(soon);
        soon = setTimeout(() => { loadQueues(); viewHandle?.reload?.(); }, 800);
      }
    });
    return () => { disposed = true; off(); clearTimeout(soon); viewHandle?.dispose(); if (room) realtime.leave(room); };
  },
};
