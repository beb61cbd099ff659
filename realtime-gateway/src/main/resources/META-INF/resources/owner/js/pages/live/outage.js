// The banner that says, by name, what cannot be reached: a service the page's own calls failed to reach, and what
// monitor-service's platform health reports down (Redis, another service). Empty and hidden when all is well.
import { h, replace } from '../../dom.js';
import { t, when } from '../../i18n.js';
import { serviceName } from './request.js';

export function outageBanner(reach) {
  let reported = []; // [{name, state, error}] from the last platform health answer
  const list = h('ul');
  const element = h('div', { class: 'live-outage', role: 'alert', hidden: true, dataset: { test: 'live-outage' } },
    h('strong', null, t('liveOutageTitle')), list, h('p', null, t('liveOutageHelp')));

  function draw() {
    const own = reach.outages().map((o) => ({
      name: serviceName(o.service),
      text: t('liveOutageUnreachable', { service: serviceName(o.service), since: when(o.since), error: o.error }),
    }));
    // What monitor-service said is only current while it answers.
    const others = reach.reachable('monitor') ? reported.map((r) => ({
      name: r.name,
      text: t('liveOutageReported', { service: r.name, state: t(`liveState${r.state}`), error: r.error || '' }),
    })) : [];
    const all = [...own, ...others];
    element.hidden = all.length === 0;
    element.dataset.services = all.map((x) => x.name).join(' ');
    replace(list, all.map((x) => h('li', { dataset: { service: x.name } }, x.text)));
  }

  const stop = reach.onChange(draw);
  draw();
  return {
    element,
    /** problems: [{name, state, error}] from monitor-service's platform health. */
    reported(problems) {
      reported = problems;
      draw();
    },
    dispose: stop,
  };
}
