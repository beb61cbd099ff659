// How long ago a time was, in the page's language ("12 seconds ago", "۱۲ ثانیه پیش"): beside a date, so an owner
// sees at once whether a heartbeat or a count is fresh.
import { currentLang } from '../../i18n.js';

const UNITS = [['day', 86400000], ['hour', 3600000], ['minute', 60000], ['second', 1000]];

export function ago(at, now = Date.now()) {
  if (at === null || at === undefined) return '–';
  const ms = Math.max(0, now - at);
  const [unit, size] = UNITS.find(([, s]) => ms >= s) || UNITS[UNITS.length - 1];
  const lang = currentLang() === 'fa' ? 'fa-IR' : 'en';
  return new Intl.RelativeTimeFormat(lang, { numeric: 'always' }).format(-Math.floor(ms / size), unit);
}
