// Spans of time in the console's language: "in 5 minutes", "every 90 seconds" (Intl, so Persian gets its digits).
import { currentLang } from '../../i18n.js';

const UNITS = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1_000]];
// A hint of how far away, so a year ahead reads "in 1 year" rather than "in 365 days".
const ROUGH_UNITS = [['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ...UNITS];

function locale() {
  return currentLang() === 'fa' ? 'fa-IR' : 'en';
}

/** How far epoch ms `at` is from now: "in 3 hours", "2 minutes ago". */
export function relative(at, now = Date.now()) {
  const diff = at - now;
  const [unit, size] = ROUGH_UNITS.find(([, s]) => Math.abs(diff) >= s) || UNITS[UNITS.length - 1];
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(Math.round(diff / size), unit);
}

/** An interval in ms in the largest unit that divides it: 300000 → "5 minutes", 90000 → "90 seconds". */
export function duration(ms) {
  const [unit, size] = UNITS.find(([, s]) => ms % s === 0) || ['millisecond', 1];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'long' }).format(ms / size);
}
