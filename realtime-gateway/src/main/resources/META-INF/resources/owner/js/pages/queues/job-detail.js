// The job dialog: everything a job did (payload, result, error and stack, attempt history, progress, logs), kept
// live over the WebSocket's job room, with Cancel / Retry / Remove. Subscribes before it reads (docs/realtime.md), so
// no transition falls between the read and the first live event.
import { api } from '../../api.js';
import { badge, errorBox, h, openDialog, pre, replace, spinner, table } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import * as realtime from '../../realtime.js';
import { attemptsTable } from './attempts.js';
import { availability, cancelJob, removeJob, retryJob } from './job-actions.js';
import { isRetryDelay } from './job-rows.js';
import { stateLabel } from './states.js';

const STATE_BADGE = { completed: 'ok', failed: 'bad', active: 'info', delayed: 'warn', cancelled: '' };

/** Opens the dialog of job `id` of `queue`; onChanged() after an action changed it. Resolves when it closes. */
export function openJobDetail({ queue, id, onChanged }) {
  const room = `job:${id}`;
  const path = `/owner/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;
  const liveEvents = [];
  let job = null;
  let reloadSoon = null;
  let logsSoon = null;
  let dialog = null;

  const buttons = {
    cancel: h('button', { type: 'button', class: 'btn', dataset: { test: 'job-cancel' }, on: { click: () => act(cancelJob) } }, t('queuesCancelJob')),
    retry: h('button', { type: 'button', class: 'btn primary', dataset: { test: 'job-retry' }, on: { click: () => act(retryJob) } }, t('retry')),
    remove: h('button', { type: 'button', class: 'btn danger', dataset: { test: 'job-remove' }, on: { click: () => act(removeJob, true) } }, t('remove')),
  };
  const why = h('p', { class: 'muted small-note', dataset: { test: 'job-actions-why' } });
  // The action bar is built once and only updated, so a live redraw never takes the focus from its buttons.
  const actionBar = h('div', { class: 'job-actions', role: 'group', 'aria-label': t('actions') }, buttons.cancel, buttons.retry, buttons.remove);
  const content = h('div', { class: 'job-detail', dataset: { test: 'job-detail' } }, spinner());
  const liveList = h('ol', { class: 'job-live', dataset: { test: 'job-live' } });

  async function act(run, closes = false) {
    if (!job) return;
    const changed = await run(queue, id);
    if (!changed) return;
    onChanged?.();
    if (closes) dialog?.close(undefined);
    else load();
  }

  function updateButtons() {
    const reasons = [];
    for (const [action, button] of Object.entries(buttons)) {
      const a = job ? availability(action, job.state) : { enabled: false, why: '' };
      button.disabled = !a.enabled;
      button.title = a.why;
      if (a.why) reasons.push(`${button.textContent}: ${a.why}`);
    }
    replace(why, reasons.join(' · '));
  }

  async function load() {
    try {
      const { data } = await api('monitor', path);
      job = data;
      render();
    } catch (e) {
      replace(content, errorBox(e.message));
    }
  }

  // A running handler logs as it reports progress: the lines are re-read (without the payload) a moment later.
  async function loadLogs() {
    try {
      const { data } = await api('monitor', `${path}/logs`);
      if (job) { job = { ...job, logs: data.lines || [] }; render(); }
    } catch { /* the next transition re-reads the whole job */ }
  }

  function render() {
    updateButtons();
    replace(content, summary(job), job.lastError ? error(job) : null, progress(job),
      h('h3', null, t('queuesAttemptsTitle')), attemptsTable(job),
      h('h3', null, t('queuesLogsTitle')), logs(job.logs || []),
      h('h3', null, t('payload')), h('div', { dataset: { test: 'job-payload' } }, pre(job.payload ?? {})),
      job.result !== null && job.result !== undefined ? [h('h3', null, t('result')), h('div', { dataset: { test: 'job-result' } }, pre(job.result))] : null);
  }

  function renderLive() {
    replace(liveList, ...liveEvents.map((ev) => h('li', { dataset: { state: ev.state } },
      h('time', null, when(ev.ts)), ' ', t('queuesLiveEvent', { attempt: num(ev.attempt ?? job?.attempts ?? 0), state: stateLabel(ev.state) }),
      ev.progress?.percent !== undefined ? ` ${num(ev.progress.percent)} %` : null)));
  }

  const off = realtime.onFrame((f) => {
    if (f.type !== 'job_event' || f.room !== room || !f.event) return;
    liveEvents.push(f.event);
    if (liveEvents.length > 50) liveEvents.shift();
    renderLive();
    // Progress is shown from the event itself; a transition re-reads the job (state, error, attempts, logs).
    if (f.event.state === 'progress' && job) {
      job = { ...job, progress: f.event.progress ?? job.progress, progressAt: f.event.ts ?? job.progressAt };
      render();
      clearTimeout(logsSoon);
      logsSoon = setTimeout(loadLogs, 500);
    } else {
      clearTimeout(reloadSoon);
      reloadSoon = setTimeout(load, 300);
    }
  });
  realtime.join(room);
  updateButtons();
  load();

  return openDialog({
    title: t('jobDialogTitle', { id }), wide: true, testId: 'job-dialog',
    body: (dlg) => {
      dialog = dlg;
      return [actionBar, why, content, h('h3', null, t('queuesLiveTitle')), h('p', { class: 'muted small-note' }, t('queuesLiveWatching')), liveList];
    },
    buttons: [{ label: t('close'), kind: 'secondary' }],
  }).finally(() => {
    off();
    clearTimeout(reloadSoon);
    clearTimeout(logsSoon);
    realtime.leave(room);
  });
}

function kv(entries) {
  return h('dl', { class: 'kv' }, entries.filter(Boolean).flatMap(([k, v, test]) => [h('dt', null, k), h('dd', { dataset: { test } }, v)]));
}

function summary(j) {
  const due = j.state === 'delayed' ? [isRetryDelay(j) ? t('queuesNextRetryAt') : t('queuesDueAt'), when(j.dueAt), 'job-due'] : null;
  return kv([
    [t('jobId'), h('code', { dir: 'ltr' }, j.id)],
    [t('jobType'), h('span', { dir: 'ltr' }, j.name)],
    [t('state'), badge(stateLabel(j.state), STATE_BADGE[j.state] ?? ''), 'job-state'],
    due,
    [t('attempts'), `${num(j.attempts)}/${num(j.maxAttempts)}`, 'job-attempt-count'],
    [t('queuesPriority'), num(j.priority)],
    [t('tenant'), j.tenant || '–'], [t('queuesWorkspace'), j.workspace || '–'], [t('actor'), j.actor || '–'],
    [t('createdAt'), when(j.createdAt)],
    [t('queuesStartedAt'), when(j.startedAt)],
    [t('finishedAt'), when(j.finishedAt)],
    [t('queuesDuration'), j.durationMs === null || j.durationMs === undefined ? '–' : t('queuesMs', { ms: num(j.durationMs) })],
    j.cancelledBy ? [t('queuesCancelledBy'), t('queuesCancelledFrom', { actor: j.cancelledBy, state: j.cancelledFrom ?? '–' })] : null,
  ]);
}

function progress(j) {
  const p = j.progress;
  const percent = typeof p?.percent === 'number' ? p.percent : null;
  return h('section', { dataset: { test: 'job-progress' } },
    h('h3', null, t('queuesProgressTitle')),
    !p ? h('p', { class: 'muted' }, t('queuesProgressNone')) : [
      percent !== null ? h('p', { class: 'progress-row' },
        h('progress', { max: '100', value: String(percent), 'aria-label': t('queuesProgressTitle') }), ` ${num(percent)} %`) : null,
      p.data !== undefined ? pre(p.data) : null,
      h('p', { class: 'muted small-note' }, t('queuesProgressAt', { time: when(j.progressAt) }))]);
}

function error(j) {
  const e = j.lastError;
  return h('section', { class: 'job-error-box', dataset: { test: 'job-error' } },
    h('h3', null, t('queuesErrorTitle')),
    kv([
      [t('queuesErrorCode'), h('code', { dir: 'ltr' }, e.code ?? '–')],
      [t('queuesErrorName'), h('span', { dir: 'ltr' }, e.name ?? '–')],
      [t('queuesErrorMessage'), h('span', { dir: 'ltr' }, e.message ?? '–')],
      [t('queuesFirstFailedAt'), when(j.firstFailedAt), 'job-first-failed'],
      [t('queuesLastFailedAt'), when(j.lastFailedAt), 'job-last-failed'],
    ]),
    h('h4', null, t('queuesStack')),
    e.stack ? h('div', { dataset: { test: 'job-stack' } }, pre(e.stack)) : h('p', { class: 'muted', dataset: { test: 'job-stack' } }, t('queuesNoStack')));
}

function logs(lines) {
  if (!lines.length) return h('p', { class: 'muted', dataset: { test: 'job-logs' } }, t('queuesLogsNone'));
  return h('div', { dataset: { test: 'job-logs' } }, table([t('queuesLogTime'), t('queuesAttempt'), t('queuesLogLine')],
    lines.map((l) => h('tr', null, h('td', null, when(l.at)), h('td', null, num(l.attempt)), h('td', { dir: 'ltr', class: 'log-line' }, l.line)))));
}
