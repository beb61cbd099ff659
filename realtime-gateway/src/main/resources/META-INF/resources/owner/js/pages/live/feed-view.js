// The event feed as a list: one line per group of the feed store, with its severity, time, text and the links to
// its jobs (#/queues?queue=<q>&job=<id> opens the job). Redrawn at most a few times a second, however fast events come.
import { badge, field, h, replace } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import { feed } from './feed-store.js';
import { named } from './format.js';

const SEVERITIES = ['all', 'info', 'warn', 'error'];
const SEV_KIND = { error: 'bad', warn: 'warn', info: 'info' };
const REDRAW_MS = 250;
// A grouped DLQ line names this many of its entries.
const DLQ_IDS_SHOWN = 10;

/** The queue page opens a job's detail from its `job` parameter. */
function jobHref(queue, id) {
  return `#/queues?queue=${encodeURIComponent(queue)}&job=${encodeURIComponent(id)}`;
}

function jobLink(queue, id) {
  return h('a', { href: jobHref(queue, id), dir: 'ltr', dataset: { test: 'live-feed-job', job: id } }, id);
}

/** A translated text whose {placeholders} may be nodes (links) as well as strings. */
function fill(key, vars) {
  return t(key).split(/(\{\w+\})/).filter(Boolean).map((part) => {
    const m = part.match(/^\{(\w+)\}$/);
    return m && m[1] in vars ? vars[m[1]] : part;
  });
}

const stateText = (state) => named('liveJobState', state);

function jobsText(line) {
  const last = line.jobs[0];
  const inDlq = line.jobs.filter((j) => j.dlq).length;
  const parts = line.count === 1
    ? fill('liveFeedJob', { queue: line.queue, id: jobLink(line.queue, last.id), name: last.name || '–', state: stateText(line.state) })
    : fill('liveFeedJobs', { queue: line.queue, count: num(line.count), state: stateText(line.state) });
  return [
    h('span', { class: 'ev-text' }, parts,
      last.error ? [' — ', h('span', { dir: 'ltr', lang: 'en' }, last.error)] : null,
      inDlq ? [' ', badge(line.count === 1 ? t('liveFeedToDlq') : t('liveFeedToDlqCount', { n: num(inDlq) }), 'warn')] : null),
    line.count > 1 ? h('details', { class: 'ev-jobs' },
      h('summary', null, t('liveFeedShowJobs', { n: num(line.jobs.length) })),
      h('span', { class: 'ev-links' }, line.jobs.map((j) => [jobLink(line.queue, j.id), ' ']),
        line.count > line.jobs.length ? t('liveFeedMoreJobs', { n: num(line.count - line.jobs.length) }) : null)) : null,
  ];
}

function summaryText(line) {
  const parts = Object.entries(line.counts).map(([state, n]) => t('liveFeedPlus', { n: num(n), state: stateText(state) })).join(t('liveListSeparator'));
  const seconds = Math.round((line.at - line.first) / 1000);
  return h('span', { class: 'ev-text' }, t('liveFeedSummary', { queue: line.queue, parts }),
    seconds >= 1 ? h('span', { class: 'muted' }, ' ', t('liveFeedOver', { seconds: num(seconds) })) : null);
}

function dlqText(line) {
  const ids = line.ids.slice(0, DLQ_IDS_SHOWN);
  return h('span', { class: 'ev-text' },
    t('liveFeedDlq', { type: named('liveDlqEvent', line.type), count: num(line.count), queue: line.queue || '' }),
    ids.length ? [' ', ids.map((id) => [h('code', { dir: 'ltr' }, id), ' '])] : null);
}

function lineText(line) {
  if (line.kind === 'jobs') return jobsText(line);
  if (line.kind === 'summary') return summaryText(line);
  if (line.kind === 'dlq') return dlqText(line);
  if (line.kind === 'alert') return h('span', { class: 'ev-text' }, t('liveFeedAlert', { queue: line.queue, status: t(`liveAlert:${line.status}`), score: num(line.score) }));
  if (line.kind === 'queue-event') return h('span', { class: 'ev-text' }, t('liveFeedQueueEvent', { queue: line.queue, state: stateText(line.state) }));
  return h('span', { class: 'ev-text' }, t('liveFeedAudit', line.audit));
}

function lineItem(line) {
  return h('li', {
    class: `ev ${line.sev}`,
    dataset: {
      sev: line.sev, queue: line.queue, source: line.source, kind: line.kind, count: line.count,
      job: line.kind === 'jobs' ? line.jobs[line.jobs.length - 1].id : undefined,
    },
  },
  badge(t(`liveSev:${line.sev}`), SEV_KIND[line.sev]),
  h('time', { class: 'muted' }, when(line.at)),
  lineText(line));
}

export function feedView() {
  let severity = 'all';
  let timer = null;
  const list = h('ol', { class: 'feed', dataset: { test: 'event-feed' }, 'aria-live': 'off' });
  const select = h('select', { dataset: { test: 'severity' }, on: { change: () => { severity = select.value; draw(); } } },
    SEVERITIES.map((s) => h('option', { value: s }, t(`liveSev:${s}`))));

  function draw() {
    timer = null;
    const shown = feed.lines().filter((l) => severity === 'all' || l.sev === severity);
    if (!shown.length) replace(list, h('li', { class: 'muted' }, t('liveNoEvents')));
    else replace(list, shown.map(lineItem));
  }
  const stop = feed.onChange(() => { timer ??= setTimeout(draw, REDRAW_MS); });
  draw();
  return {
    element: h('section', { class: 'live-feed', 'aria-labelledby': 'live-events' },
      h('div', { class: 'section-head' }, h('h2', { id: 'live-events' }, t('liveEventsTitle')), field(t('liveSeverity'), select)),
      h('p', { class: 'muted' }, t('liveFeedHelp')),
      list),
    dispose() {
      stop();
      clearTimeout(timer);
    },
  };
}
