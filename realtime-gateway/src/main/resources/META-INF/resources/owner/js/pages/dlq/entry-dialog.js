// The detail dialog of one DLQ entry: what failed and when, the error with its stack, the entry's history as a
// timeline with dates, its payload, and Replay / Delete (each through its confirm dialog) without leaving it.
import { api, can } from '../../api.js';
import { badge, errorBox, h, openDialog, pre, spinner } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import { deleteEntry, replayEntry } from './actions.js';

const EVENT_TEXT = { failed: 'dlqEvFailed', replayed: 'dlqEvReplayed', succeeded: 'dlqEvSucceeded' };
const EVENT_KIND = { failed: 'bad', replayed: 'info', succeeded: 'ok' };

/** Opens entry `id`; onChanged() runs after a replay or a delete from inside the dialog. */
export function openEntryDialog(id, { onChanged }) {
  let entry = null;
  const load = (dlg) => api('dlq', `/owner/dlq/${encodeURIComponent(id)}`).then(({ data }) => {
    entry = data;
    dlg.setBody(...entryView(data));
    dlg.refresh?.();
  }).catch((err) => dlg.setBody(errorBox(err.message)));
  return openDialog({
    title: t('dlqDialogTitle', { id }), wide: true, testId: 'dlq-dialog', initialFocus: '[data-test="dialog-done"]',
    body: (dlg) => { load(dlg); return spinner(); },
    buttons: [
      { label: t('close'), kind: 'secondary', testId: 'dialog-done' },
      {
        label: t('replay'), kind: 'primary', testId: 'dialog-replay', enabledWhen: () => Boolean(entry) && can('MANAGE'),
        action: async (dlg) => {
          if (await replayEntry(entry)) { onChanged(); await load(dlg); }
          return false;
        },
      },
      {
        label: t('delete'), kind: 'danger', testId: 'dialog-delete', enabledWhen: () => Boolean(entry) && can('DELETE'),
        action: async () => {
          if (!(await deleteEntry(entry))) return false;
          onChanged();
          return undefined;
        },
      },
    ],
  });
}

function entryView(e) {
  const kv = (rows) => h('dl', { class: 'kv' }, rows.filter(([, v]) => v !== null && v !== undefined)
    .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
  const error = e.error || {};
  return [
    kv([[t('jobId'), h('code', null, e.id)], [t('queue'), e.originalQueue], [t('jobType'), h('span', { dir: 'ltr' }, e.originalJobName)],
      [t('attemptsMade'), num(e.attemptsMade)], [t('replays'), num(e.replayCount)], [t('tenant'), e.tenantId ?? '–'], [t('actor'), e.actorId ?? '–']]),
    h('section', { class: 'dlq-error', dataset: { test: 'dlq-error' } },
      h('h3', null, t('dlqErrorSection')),
      h('p', null, error.code ? [badge(error.code, 'bad'), ' '] : null, error.name ? h('strong', { dir: 'ltr' }, `${error.name}: `) : null,
        h('span', { dir: 'auto' }, error.message ?? '')),
      error.stack ? pre(error.stack) : h('p', { class: 'muted' }, t('dlqNoStack'))),
    h('section', null, h('h3', null, t('dlqFailureTimes')),
      kv([[t('firstFailedAt'), when(e.firstFailedAt)], [t('lastFailedAt'), when(e.lastFailedAt)],
        [t('dlqLastReplayedAt'), e.lastReplayedAt ? when(e.lastReplayedAt) : null],
        [t('dlqReplaySucceededAt'), e.replaySucceededAt ? when(e.replaySucceededAt) : null]])),
    h('section', null, h('h3', null, t('dlqTimeline')), timeline(Array.isArray(e.history) ? e.history : [])),
    h('section', null, h('h3', null, t('payload')), pre(e.payload ?? {})),
  ];
}

/** History events {event, at, errorCode?, attempts?, actor?, replayCount?}, oldest first, as a list of dated steps. */
function timeline(events) {
  if (!events.length) return h('p', { class: 'muted' }, t('dlqTimelineEmpty'));
  return h('ol', { class: 'dlq-timeline', dataset: { test: 'dlq-timeline' } }, events.map((ev) => {
    // Codes and names are Latin: each is wrapped in Unicode isolates, so a hyphen cannot flip it in a right-to-left line.
    const details = [
      ev.errorCode ? t('dlqEvCode', { code: '\u2068' + ev.errorCode + '\u2069' }) : null,
      ev.attempts ? t('dlqEvAttempts', { count: num(ev.attempts) }) : null,
      ev.replayCount ? t('dlqEvReplayNumber', { count: num(ev.replayCount) }) : null,
      ev.actor ? t('dlqEvBy', { actor: '\u2068' + ev.actor + '\u2069' }) : null,
    ].filter(Boolean);
    const at = typeof ev.at === 'number' ? new Date(ev.at) : null;
    return h('li', { class: `dlq-step ${EVENT_KIND[ev.event] || ''}`.trim(), dataset: { event: ev.event } },
      h('time', { datetime: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null, class: 'dlq-step-time' }, when(ev.at)),
      h('span', { class: 'dlq-step-text' }, badge(EVENT_TEXT[ev.event] ? t(EVENT_TEXT[ev.event]) : String(ev.event), EVENT_KIND[ev.event] || ''),
        details.length ? h('span', { class: 'muted' }, ` ${details.join(' · ')}`) : null));
  }));
}
