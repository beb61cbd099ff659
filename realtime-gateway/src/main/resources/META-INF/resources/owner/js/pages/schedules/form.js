// The create dialog of the Schedules page. As the owner types, the server previews the next fire times
// (POST /owner/schedules/preview: the create's own rules and timing code); its problems show beside their fields.
import { api, queueNames } from '../../api.js';
import { h, openDialog, replace, uid } from '../../dom.js';
import { t, when } from '../../i18n.js';
import { relative } from './spans.js';

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const PREVIEW_DELAY_MS = 400;
// Which control shows a problem of each request field (payload.<path> goes to the payload).
const CONTROL_OF = { id: 'id', jobName: 'jobName', payload: 'payload', cron: 'cron', timezone: 'timezone', everyMs: 'every', maxRuns: 'maxRuns', missedRuns: 'missed' };

function controlOf(field) {
  return CONTROL_OF[field] ?? (field.startsWith('payload.') ? 'payload' : null);
}

function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

function zones() {
  try { return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]; } catch { return ['UTC']; }
}

/** A labelled control with a slot for its error, tied together for assistive technology. */
function labelled(label, control, help) {
  control.id ||= uid('sf');
  const error = h('p', { class: 'sched-field-error', id: uid('sfe'), dir: 'auto', hidden: true, dataset: { test: `schedules-error-${control.dataset.name}` } });
  const helpEl = help ? h('p', { class: 'muted sched-help', id: uid('sfh') }, help) : null;
  control.setAttribute('aria-describedby', [helpEl?.id, error.id].filter(Boolean).join(' '));
  return { wrap: h('div', { class: 'field' }, h('label', { for: control.id }, label), control, helpEl, error), error, control };
}

/** Opens the dialog; resolves with the created schedule, or undefined when cancelled. */
export function createSchedule({ jobTypes }) {
  const byQueue = queueNames().map((q) => [q, jobTypes.filter((j) => j.queue === q)]).filter(([, types]) => types.length);
  const c = {
    id: h('input', { type: 'text', maxlength: '64', dir: 'ltr', autocomplete: 'off', spellcheck: 'false', required: true, dataset: { name: 'id', test: 'schedules-id' } }),
    jobName: h('select', { required: true, dataset: { name: 'jobName', test: 'schedules-job-type' } },
      h('option', { value: '' }, t('schedulesPickJobType')),
      byQueue.map(([q, types]) => h('optgroup', { label: q }, types.map((j) => h('option', { value: j.name }, j.name))))),
    payload: h('textarea', { rows: '4', dir: 'ltr', spellcheck: 'false', value: '{}', dataset: { name: 'payload', test: 'schedules-payload' } }),
    cron: h('input', { type: 'text', dir: 'ltr', maxlength: '200', placeholder: '*/15 * * * *', autocomplete: 'off', spellcheck: 'false', dataset: { name: 'cron', test: 'schedules-cron' } }),
    timezone: h('input', { type: 'text', dir: 'ltr', maxlength: '200', list: uid('zones'), value: browserZone(), autocomplete: 'off', spellcheck: 'false', dataset: { name: 'timezone', test: 'schedules-timezone' } }),
    every: h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', dir: 'ltr', dataset: { name: 'every', test: 'schedules-every' } }),
    unit: h('select', { dataset: { name: 'unit', test: 'schedules-every-unit' } },
      Object.keys(UNIT_MS).map((u) => h('option', { value: u, selected: u === 'minutes' }, t(`schedulesUnit${u[0].toUpperCase()}${u.slice(1)}`)))),
    maxRuns: h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', dir: 'ltr', dataset: { name: 'maxRuns', test: 'schedules-max-runs' } }),
    missed: h('select', { dataset: { name: 'missed', test: 'schedules-missed' } },
      h('option', { value: 'skip' }, t('schedulesMissedSkip')), h('option', { value: 'run-once' }, t('schedulesMissedRunOnce'))),
  };
  const zoneList = h('datalist', { id: c.timezone.getAttribute('list') }, zones().map((z) => h('option', { value: z })));
  // The id's alphabet stays left to right inside the Persian sentence.
  const [idHelpBefore, idHelpAfter] = t('schedulesFieldIdHelp').split('{chars}');
  const fields = {
    id: labelled(t('schedulesFieldId'), c.id, [idHelpBefore, h('bdi', { dir: 'ltr' }, 'a-z 0-9 . _ -'), idHelpAfter]),
    jobName: labelled(t('schedulesFieldJobType'), c.jobName),
    payload: labelled(t('schedulesFieldPayload'), c.payload),
    cron: labelled(t('schedulesFieldCron'), c.cron),
    timezone: labelled(t('schedulesFieldTimezone'), c.timezone),
    every: labelled(t('schedulesFieldEvery'), c.every),
    unit: labelled(t('schedulesFieldUnit'), c.unit),
    maxRuns: labelled(t('schedulesFieldMaxRuns'), c.maxRuns),
    missed: labelled(t('schedulesFieldMissed'), c.missed),
  };
  const timingName = uid('timing');
  const timing = (value, label) => h('label', { class: 'sched-choice' },
    h('input', { type: 'radio', name: timingName, value, checked: value === 'cron', dataset: { test: `schedules-timing-${value}` } }), label);
  const cronPart = h('div', { class: 'row sched-timing' }, fields.cron.wrap, fields.timezone.wrap, zoneList);
  const everyPart = h('div', { class: 'row sched-timing', hidden: true }, fields.every.wrap, fields.unit.wrap);
  const general = h('p', { class: 'error-box', role: 'alert', tabindex: '-1', hidden: true, dataset: { test: 'schedules-form-error' } });
  const previewStatus = h('p', { class: 'muted', dataset: { test: 'schedules-preview-status' } }, t('schedulesPreviewWaiting'));
  const previewList = h('ol', { class: 'sched-times', dataset: { test: 'schedules-preview-times' } });
  const form = h('form', { class: 'sched-form', novalidate: true, on: { input: later, change: later, submit: (ev) => ev.preventDefault() } },
    h('div', { class: 'sched-fields' },
      h('div', { class: 'row' }, fields.id.wrap, fields.jobName.wrap),
      fields.payload.wrap,
      h('fieldset', { class: 'sched-fieldset' }, h('legend', null, t('schedulesFieldTiming')),
        h('div', { class: 'sched-choices' }, timing('cron', t('schedulesTimingCron')), timing('every', t('schedulesTimingEvery'))),
        cronPart, everyPart),
      h('div', { class: 'row' }, fields.missed.wrap, fields.maxRuns.wrap),
      general),
    h('section', { class: 'sched-preview', 'aria-live': 'polite', 'aria-busy': 'false', dataset: { test: 'schedules-preview' } },
      h('h3', null, t('schedulesPreviewTitle')), h('p', { class: 'muted sched-help' }, t('schedulesPreviewHelp')), previewStatus, previewList));

  let timer = null;
  let asked = 0; // the newest preview asked; an older answer arriving late is dropped
  const touched = new Set();

  function mode() {
    return form.querySelector(`input[name="${timingName}"]:checked`).value;
  }

  function showErrors(errors) {
    const byControl = new Map();
    const unplaced = [];
    for (const { field = '', message } of errors) {
      const name = controlOf(field);
      const text = field.startsWith('payload.') ? `${field.slice('payload.'.length)}: ${message}` : message;
      if (name) byControl.set(name, [...(byControl.get(name) || []), text]);
      else unplaced.push(field ? `${field}: ${message}` : message);
    }
    for (const [name, f] of Object.entries(fields)) {
      const messages = byControl.get(name);
      f.error.hidden = !messages;
      f.error.textContent = messages ? messages.join(' ') : '';
      if (messages) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
    }
    general.hidden = !unplaced.length;
    general.textContent = unplaced.join('; ');
  }

  function positive(value, field, errors) {
    if (value.trim() === '') return undefined;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) { errors.push({ field, message: t('schedulesWholeNumber') }); return undefined; }
    return n;
  }

  /** The request body, and the problems the browser can tell without asking (JSON, numbers). */
  function read() {
    const errors = [];
    const body = { jobName: c.jobName.value || undefined, missedRuns: c.missed.value };
    if (c.id.value.trim()) body.id = c.id.value.trim();
    try {
      const payload = JSON.parse(c.payload.value || '{}');
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) errors.push({ field: 'payload', message: t('schedulesNotObject') });
      else body.payload = payload;
    } catch (e) {
      errors.push({ field: 'payload', message: t('schedulesInvalidJson', { error: e.message }) });
    }
    if (mode() === 'cron') {
      body.cron = c.cron.value.trim() || undefined;
      body.timezone = c.timezone.value.trim() || undefined;
    } else {
      const every = positive(c.every.value, 'everyMs', errors);
      body.everyMs = every === undefined ? undefined : every * UNIT_MS[c.unit.value];
    }
    body.maxRuns = positive(c.maxRuns.value, 'maxRuns', errors);
    return { body, errors };
  }

  function later(ev) {
    if (ev?.target?.dataset?.name) touched.add(ev.target.dataset.name);
    if (ev?.target?.name === timingName) { cronPart.hidden = mode() !== 'cron'; everyPart.hidden = mode() === 'cron'; }
    clearTimeout(timer);
    timer = setTimeout(preview, PREVIEW_DELAY_MS);
  }

  function showTimes(times) {
    replace(previewList, times.map((ms) => h('li', null,
      h('time', { datetime: new Date(ms).toISOString(), dataset: { ms } }, when(ms)), ' ', h('span', { class: 'muted' }, relative(ms)))));
  }

  async function preview() {
    const { body, errors } = read();
    const ask = ++asked;
    if (errors.length) { showErrors(errors); previewStatus.textContent = t('schedulesPreviewInvalid'); showTimes([]); return; }
    if (!body.jobName || (!body.cron && body.everyMs === undefined)) {
      showErrors([]);
      previewStatus.textContent = t('schedulesPreviewWaiting');
      showTimes([]);
      return;
    }
    form.querySelector('.sched-preview').setAttribute('aria-busy', 'true');
    previewStatus.textContent = t('schedulesPreviewBusy');
    try {
      const { data } = await api('monitor', '/owner/schedules/preview', { method: 'POST', body });
      if (ask !== asked) return;
      showErrors([]);
      previewStatus.textContent = data.nextRuns.length ? '' : t('schedulesPreviewNone');
      showTimes(data.nextRuns);
    } catch (e) {
      if (ask !== asked) return;
      const problems = Array.isArray(e.problem?.errors) ? e.problem.errors : [{ field: '', message: e.message }];
      // A field the owner has not reached yet is not a mistake yet (the id is not even needed for a preview).
      showErrors(problems.filter((p) => !['id', 'maxRuns'].includes(controlOf(p.field)) || touched.has(controlOf(p.field))));
      previewStatus.textContent = t('schedulesPreviewInvalid');
      showTimes([]);
    } finally {
      if (ask === asked) form.querySelector('.sched-preview').setAttribute('aria-busy', 'false');
    }
  }

  async function create() {
    clearTimeout(timer);
    asked += 1;
    const { body, errors } = read();
    if (!body.id) errors.push({ field: 'id', message: t('schedulesRequired') });
    if (!body.jobName) errors.push({ field: 'jobName', message: t('schedulesRequired') });
    if (errors.length) { showErrors(errors); focusFirstError(); return false; }
    try {
      const { data } = await api('monitor', '/owner/schedules', { method: 'POST', body });
      return data;
    } catch (e) {
      showErrors(Array.isArray(e.problem?.errors) ? e.problem.errors : [{ field: '', message: e.message }]);
      focusFirstError();
      return false;
    }
  }

  function focusFirstError() {
    (form.querySelector('[aria-invalid="true"]') || general).focus();
  }

  return openDialog({
    title: t('schedulesCreateTitle'), wide: true, testId: 'schedules-create-dialog', body: form,
    buttons: [
      { label: t('cancel'), kind: 'secondary', value: undefined },
      { label: t('schedulesCreate'), kind: 'primary', testId: 'schedules-create-submit', action: create },
    ],
  });
}
