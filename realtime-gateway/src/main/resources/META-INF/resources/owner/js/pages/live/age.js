// How old a number is ("as of 40 seconds ago"): every element with data-as-of is rewritten once a second.
import { currentLang, t } from '../../i18n.js';

const formats = {};

function relative(ms) {
  const lang = currentLang();
  const f = formats[lang] ??= new Intl.RelativeTimeFormat(lang === 'fa' ? 'fa-IR' : 'en', { numeric: 'always' });
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return f.format(-seconds, 'second');
  if (seconds < 5400) return f.format(-Math.round(seconds / 60), 'minute');
  return f.format(-Math.round(seconds / 3600), 'hour');
}

export function ageText(asOf, now = Date.now()) {
  return t('liveAsOf', { age: relative(now - asOf) });
}

/** A label that keeps saying how old asOf is; asOf null shows nothing yet. */
export function ageLabel(asOf = null) {
  const el = document.createElement('span');
  el.className = 'live-age muted';
  el.dataset.test = 'live-age';
  setAge(el, asOf);
  return el;
}

export function setAge(el, asOf) {
  if (asOf === null || asOf === undefined) {
    delete el.dataset.asOf;
    el.textContent = '';
    return;
  }
  el.dataset.asOf = String(asOf);
  el.textContent = ageText(asOf);
}

/** Rewrites the ages under root every second; returns the stop function. */
export function tickAges(root) {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const el of root.querySelectorAll('[data-as-of]')) el.textContent = ageText(Number(el.dataset.asOf), now);
  }, 1000);
  return () => clearInterval(timer);
}
