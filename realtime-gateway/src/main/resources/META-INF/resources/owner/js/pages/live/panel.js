// One section of the live page showing one answer: a spinner until the first answer (which ends in data or an
// error within the request timeout), then the data with its age. When its service cannot be reached or a call
// fails, the last data stays, greyed, with its age and the reason, until a call succeeds again.
import { errorBox, h, replace, spinner, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { ageLabel, setAge } from './age.js';
import { serviceName } from './request.js';

// The last answer of each panel, kept across re-renders (language switch, leaving and coming back) so a page drawn
// while a service is down still shows what was known, with its age.
const lastGood = new Map();

/**
 * testId names the section; render(data) draws an answer; source is the service the data comes from
 * (its outage greys the panel at once). Returns {element, shown(data, asOf), failed(message), redraw(), dispose()}.
 */
export function panel({ testId, title, render, reach, source, tools = null, className = '' }) {
  const titleId = uid('live');
  const age = ageLabel();
  const note = h('p', { class: 'live-stale-note', role: 'status', hidden: true, dataset: { test: 'live-stale-note' } });
  const body = h('div', { class: 'live-panel-body', 'aria-busy': 'true' }, spinner());
  const element = h('section', { class: `live-panel ${className}`.trim(), 'aria-labelledby': titleId, dataset: { test: testId } },
    h('div', { class: 'section-head' }, h('h2', { id: titleId }, title), tools, age),
    note, body);

  function draw() {
    const last = lastGood.get(testId);
    if (!last) return;
    replace(body, render(last.data));
    body.setAttribute('aria-busy', 'false');
    setAge(age, last.asOf);
  }

  function stale(message) {
    if (!lastGood.has(testId)) {
      replace(body, errorBox(message));
      body.setAttribute('aria-busy', 'false');
      return;
    }
    element.classList.add('live-stale');
    element.dataset.stale = 'true';
    note.hidden = false;
    note.textContent = t('liveStaleNote', { reason: message });
  }

  const unreachable = () => stale(t('liveServiceUnreachable', { service: serviceName(source) }));
  const stopWatching = reach.onChange((service, reachable) => {
    if (service === source && !reachable) unreachable();
  });

  draw();
  if (!reach.reachable(source)) unreachable();
  return {
    element,
    shown(data, asOf) {
      lastGood.set(testId, { data, asOf });
      element.classList.remove('live-stale');
      delete element.dataset.stale;
      note.hidden = true;
      draw();
    },
    failed: stale,
    redraw: draw,
    last: () => lastGood.get(testId)?.data,
    dispose: stopWatching,
  };
}
