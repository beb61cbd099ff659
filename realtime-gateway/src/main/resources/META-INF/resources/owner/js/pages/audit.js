// Audit log: monitor's GET /owner/audit with actor, action, target, outcome and time filters, cursor pagination.
import { api, deadLetterQueue, queueNames } from '../api.js';
import { badge, dateField, dateInputIso, errorBox, field, h, replace, spinner, table, uid } from '../dom.js';
import { t, when } from '../i18n.js';
import shellMessages from '../messages/shell.js';

const ACTION_KEY = 'shellAction:';
/** The action codes the console has names for (services' audited.mutation/access calls). */
const KNOWN_ACTIONS = Object.keys(shellMessages.en).filter((k) => k.startsWith(ACTION_KEY)).map((k) => k.slice(ACTION_KEY.length));
const OUTCOMES = ['ATTEMPT', 'SUCCESS', 'ERROR'];

/** An action's name in the language, with its code (what the filter takes) beside it. */
function actionCell(code) {
  if (!code) return '–';
  const named = KNOWN_ACTIONS.includes(code);
  return [named ? h('span', { class: 'block' }, t(ACTION_KEY + code)) : null,
    h('code', { class: named ? 'muted' : null, dir: 'ltr', title: t('shellAuditAction', { code }) }, code)];
}

function outcomeName(outcome) {
  return OUTCOMES.includes(outcome) ? t(`shellOutcome${outcome}`) : (outcome ?? '–');
}

export default {
  render(main) {
    let items = [];
    let next = null;
    let query = {};
    let disposed = false;
    const actionsId = uid('audit-actions');
    const from = dateField(t('filterFrom'), { testId: 'audit-from' });
    const to = dateField(t('filterTo'), { endOfDay: true, testId: 'audit-to' });
    const f = {
      kind: h('select', null, h('option', { value: 'mutation' }, t('kindMutation')), h('option', { value: 'data-access' }, t('kindAccess'))),
      actor: h('input', { type: 'text', maxlength: '200', dir: 'ltr', dataset: { test: 'audit-actor' } }),
      action: h('input', { type: 'text', maxlength: '100', dir: 'ltr', placeholder: 'queue.pause', list: actionsId, dataset: { test: 'audit-action' } }),
      queue: h('select', { dataset: { test: 'audit-queue' } }, h('option', { value: '' }, t('anyQueue')), ...[...queueNames(), deadLetterQueue()].map((q) => h('option', { value: q }, q))),
      jobId: h('input', { type: 'text', maxlength: '100', dir: 'ltr' }),
      outcome: h('select', { dataset: { test: 'audit-outcome' } }, h('option', { value: '' }, t('anyOutcome')), ...OUTCOMES.map((o) => h('option', { value: o.toLowerCase() }, outcomeName(o)))),
    };
    const actions = h('datalist', { id: actionsId }, KNOWN_ACTIONS.map((code) => h('option', { value: code, label: t(ACTION_KEY + code) })));
    const list = h('div', { dataset: { test: 'audit-list' } });
    const form = h('form', {
      class: 'filters', role: 'search',
      on: {
        submit: (ev) => { ev.preventDefault(); read(); load(true); },
        reset: () => setTimeout(() => { read(); load(true); }),
      },
    },
    field(t('kind'), f.kind), field(t('filterActor'), f.actor), field(t('filterAction'), f.action), field(t('filterTarget'), f.queue),
    field(t('filterJobId'), f.jobId), field(t('filterOutcome'), f.outcome), from.node, to.node, actions,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn primary', dataset: { test: 'audit-apply' } }, t('apply')),
      h('button', { type: 'reset', class: 'btn secondary' }, t('reset'))));
    main.append(h('div', { class: 'page-head' }, h('h1', null, t('auditTitle')), h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => load(true) } }, t('refresh'))), form, list);

    function read() {
      query = {
        kind: f.kind.value, actor: f.actor.value.trim(), action: f.action.value.trim(), queue: f.queue.value,
        jobId: f.jobId.value.trim(), outcome: f.outcome.value, from: dateInputIso(from.input), to: dateInputIso(to.input),
      };
    }

    async function load(reset) {
      list.setAttribute('aria-busy', 'true');
      if (reset) { items = []; next = null; replace(list, spinner()); }
      try {
        const { data } = await api('monitor', '/owner/audit', { params: { ...query, cursor: reset ? '' : next, limit: 50 } });
        if (disposed) return;
        items = items.concat(data.items || []);
        next = data.next || null;
        render();
      } catch (e) {
        replace(list, errorBox(t('failedToLoad', { error: e.message })));
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    }

    function render() {
      const rows = items.map((e) => h('tr', { dataset: { id: e.id, action: e.action } },
        h('td', null, when(e.at)),
        h('td', null, e.actor ?? '–'),
        h('td', null, actionCell(e.action)),
        h('td', { class: 'clip' }, [e.target?.queue, ...(e.target?.jobIds || []).slice(0, 5),
          ...Object.entries(e.target?.filters || {}).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' ') || '–'),
        h('td', null, badge(outcomeName(e.outcome), e.outcome === 'ERROR' ? 'bad' : e.outcome === 'SUCCESS' ? 'ok' : 'info'), e.error ? h('small', { class: 'muted block', dir: 'ltr' }, e.error) : null),
        h('td', null, e.clientIp ?? '–')));
      replace(list,
        rows.length ? table([t('time'), t('actor'), t('action'), t('target'), t('outcome'), t('clientIp')], rows, { testId: 'audit-table' })
          : h('p', { class: 'muted' }, t('nothing')),
        next ? h('button', { type: 'button', class: 'btn secondary', on: { click: () => load(false) } }, t('loadMore')) : null);
    }

    read();
    load(true);
    return () => { disposed = true; };
  },
};
