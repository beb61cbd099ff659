// Schedules: every repeatable job with its timing, next due time, last run and state; create (with a server preview
// of the next fire times), pause, resume, run now and delete (monitor /owner/schedules, docs/schedules.md).
import { api, can } from '../api.js';
import { badge, confirmDialog, errorBox, h, replace, spinner, table, toast } from '../dom.js';
import { num, register, t, when } from '../i18n.js';
import messages from '../messages/schedules.js';
import { createSchedule } from './schedules/form.js';
import { duration, relative } from './schedules/spans.js';
import * as realtime from '../realtime.js';

register(messages);

const REFRESH_MS = 15_000;

// A cron saved without a zone runs in UTC, which the API spells as the offset "Z".
function timingText(s) {
  return s.cron ? t('schedulesCronIn', { cron: s.cron, zone: !s.timezone || s.timezone === 'Z' ? 'UTC' : s.timezone })
    : t('schedulesEvery', { span: duration(s.everyMs) });
}

function stateBadge(s) {
  if (!s.enabled) return badge(t('schedulesPaused'), 'warn');
  return s.nextDueAt === null || s.nextDueAt === undefined ? badge(t('schedulesFinished')) : badge(t('schedulesEnabled'), 'ok');
}

function moment(ms, empty) {
  if (ms === null || ms === undefined) return h('span', { class: 'muted' }, empty);
  return h('span', { class: 'sched-when' },
    h('time', { datetime: new Date(ms).toISOString(), dataset: { ms } }, when(ms)), ' ', h('span', { class: 'muted' }, relative(ms)));
}

export default {
  render(main) {
    let schedules = [];
    let jobTypes = null;
    let disposed = false;
    const notice = h('div', { class: 'sched-notice', role: 'status', dataset: { test: 'schedules-notice' } });
    const list = h('div', { dataset: { test: 'schedules-list' } }, spinner());
    const freshness = h('div', { class: 'sched-freshness', dataset: { test: 'schedules-freshness' } });
    let loadedAt = null;
    const newButton = h('button', {
      type: 'button', class: 'btn primary', disabled: !can('MANAGE'), title: can('MANAGE') ? null : t('schedulesMayNot'),
      dataset: { test: 'schedules-new' }, on: { click: openCreate },
    }, t('schedulesNew'));

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('schedulesTitle')), h('span', { class: 'spacer' }), newButton,
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'schedules-refresh' }, on: { click: load } }, t('refresh'))),
      h('p', { class: 'muted' }, t('schedulesIntro'), ' ', t('schedulesRefreshEvery')),
      notice, freshness, list);

    async function load() {
      list.setAttribute('aria-busy', 'true');
      try {
        const { data } = await api('monitor', '/owner/schedules');
        if (disposed) return;
        schedules = data;
        loadedAt = Date.now();
        list.classList.remove('sched-stale');
        replace(freshness, h('p', { class: 'muted' }, t('lastUpdated', { time: when(loadedAt) })));
        renderList();
      } catch (e) {
        if (disposed) return;
        // A failed reload keeps what was read, greyed, with its age: better than an empty page while monitor is away.
        if (loadedAt === null) replace(list, errorBox(t('failedToLoad', { error: e.message })));
        else {
          list.classList.add('sched-stale');
          replace(freshness, errorBox(`${t('failedToLoad', { error: e.message })} ${t('lastUpdated', { time: when(loadedAt) })}`));
        }
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    }

    function renderList() {
      if (!schedules.length) { replace(list, h('p', { class: 'muted' }, t('schedulesEmpty'))); return; }
      const heads = ['schedulesColSchedule', 'schedulesColJobType', 'schedulesColWhen', 'schedulesColNextDue', 'schedulesColLastRun', 'schedulesColRuns', 'schedulesColState', 'actions'].map((k) => t(k));
      // A focused button is redrawn by a refresh: put focus back on its twin so the keyboard keeps its place.
      const focused = document.activeElement?.closest?.('[data-schedule]') ? document.activeElement.dataset.test : null;
      const focusedId = focused ? document.activeElement.closest('[data-schedule]').dataset.schedule : null;
      // One child per cell, so the phone layout's label and value stay two columns.
      const cell = (i, ...content) => h('td', { 'data-label': heads[i] }, h('div', null, ...content));
      replace(list, table(heads, schedules.map((s) => h('tr', { dataset: { schedule: s.id, test: `schedule-${s.id}` } },
        cell(0, h('span', { class: 'sched-id', dir: 'ltr' }, s.id),
          s.origin === 'config' ? [' ', h('span', { class: 'badge info', title: t('schedulesOriginConfigHelp') }, t('schedulesOriginConfig'))] : null),
        cell(1, h('span', { dir: 'ltr' }, s.jobName), h('span', { class: 'muted block' }, s.queue)),
        cell(2, h('code', { dir: 'ltr' }, timingText(s))),
        cell(3, moment(s.nextDueAt, t('schedulesNotDue'))),
        cell(4, moment(s.lastRunAt, t('schedulesNever'))),
        cell(5, num(s.runs), s.maxRuns ? h('span', { class: 'muted' }, ` / ${num(s.maxRuns)}`) : null),
        cell(6, h('span', { dataset: { test: 'schedule-state' } }, stateBadge(s))),
        h('td', { class: 'sched-actions', 'data-label': heads[7] }, h('div', { class: 'sched-buttons' }, actions(s))))),
      { caption: t('schedulesCaption'), testId: 'schedules-table' }));
      const row = focused ? list.querySelector(`[data-schedule="${CSS.escape(focusedId)}"]`) : null;
      (row?.querySelector(`[data-test="${CSS.escape(focused)}"]`) || row?.querySelector('button:not(:disabled)'))?.focus();
    }

    function actions(s) {
      const manage = can('MANAGE');
      const usedUp = Boolean(s.maxRuns) && s.runs >= s.maxRuns;
      const btn = (label, test, onClick, { kind = '', allowed = manage, why = t('schedulesMayNot') } = {}) => h('button', {
        type: 'button', class: `btn small ${kind}`.trim(), disabled: !allowed, title: allowed ? null : why,
        'aria-label': `${label}: ${s.id}`, dataset: { test }, on: { click: () => onClick(s) },
      }, label);
      return [
        s.enabled ? btn(t('schedulesPause'), 'schedule-pause', (x) => act(x, 'pause', 'schedulesPausedToast'))
          : btn(t('schedulesResume'), 'schedule-resume', (x) => act(x, 'resume', 'schedulesResumedToast'), { kind: 'primary' }),
        usedUp ? btn(t('schedulesRunNow'), 'schedule-run-now', runNow, { allowed: false, why: t('schedulesUsedUp') })
          : btn(t('schedulesRunNow'), 'schedule-run-now', runNow),
        btn(t('schedulesDelete'), 'schedule-delete', remove, { kind: 'danger', allowed: can('DELETE') }),
      ];
    }

    function path(s, action = '') {
      return `/owner/schedules/${encodeURIComponent(s.id)}${action ? `/${action}` : ''}`;
    }

    async function act(s, action, doneKey) {
      try {
        await api('monitor', path(s, action), { method: 'POST' });
        toast(t(doneKey, { id: s.id }), 'success');
      } catch (e) {
        toast(e.message, 'error');
      }
      await load();
    }

    async function runNow(s) {
      try {
        const { data } = await api('monitor', path(s, 'run-now'), { method: 'POST' });
        const href = `#/queues?queue=${encodeURIComponent(s.queue)}&job=${encodeURIComponent(data.jobId)}`;
        replace(notice, h('p', { class: 'sched-ran', dataset: { test: 'schedules-run-result' } },
          t('schedulesRanNow', { id: s.id }), ' ', h('a', { href, dir: 'ltr', dataset: { test: 'schedules-run-job' } }, data.jobId)));
      } catch (e) {
        toast(e.message, 'error');
      }
      await load();
    }

    async function remove(s) {
      const text = s.origin === 'config' ? [t('schedulesDeleteText', { jobName: s.jobName }), ' ', t('schedulesDeleteConfigText', { id: s.id })].join('')
        : t('schedulesDeleteText', { jobName: s.jobName });
      const pending = confirmDialog({
        title: t('schedulesDeleteTitle', { id: s.id }), text, confirmLabel: t('schedulesDelete'), danger: true,
        testId: 'schedules-delete-dialog',
        onConfirm: async () => { await api('monitor', path(s), { method: 'DELETE' }); return true; },
      });
      if (await pending) {
        toast(t('schedulesDeletedToast', { id: s.id }), 'success');
        await load();
        main.focus();
      }
    }

    async function openCreate() {
      try {
        jobTypes ??= (await api('monitor', '/owner/schedules/_job-types')).data.jobTypes;
      } catch (e) {
        toast(e.message, 'error');
        return;
      }
      const created = await createSchedule({ jobTypes });
      if (!created) return;
      toast(t('schedulesCreatedToast', { id: created.id }), 'success');
      await load();
      list.querySelector(`[data-schedule="${CSS.escape(created.id)}"] button`)?.focus();
    }

    load();
    const timer = setInterval(() => { if (!document.hidden) load(); }, REFRESH_MS);
    // Every schedule change is published as an owner action (the global room): another owner's shows at once.
    let soon = null;
    const stopFrames = realtime.onFrame((f) => {
      if (f.type !== 'owner_action' || !String(f.data?.action || '').startsWith('schedule.')) return;
      clearTimeout(soon);
      soon = setTimeout(load, 300);
    });
    return () => { disposed = true; clearInterval(timer); clearTimeout(soon); stopFrames(); };
  },
};
