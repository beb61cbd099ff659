// Units of the live page's numbers, in the reader's language (Persian digits in fa).
import { currentLang, num, t } from '../../i18n.js';

const unitFormats = {};

function unit(value, name, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  const lang = currentLang();
  const key = `${lang}:${name}:${digits}`;
  const f = unitFormats[key] ??= new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US',
    { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  return f.format(Number(value));
}

export function millis(value) {
  return unit(value, 'millisecond', value < 10 ? 1 : 0);
}

export function bytes(value) {
  if (value === null || value === undefined) return '–';
  if (value >= 1024 ** 3) return unit(value / 1024 ** 3, 'gigabyte', 1);
  if (value >= 1024 ** 2) return unit(value / 1024 ** 2, 'megabyte', 1);
  return unit(value / 1024, 'kilobyte', 1);
}

/** A ratio (0..1) as a percentage. */
export function percent(ratio) {
  if (ratio === null || ratio === undefined) return '–';
  return unit(ratio * 100, 'percent', ratio * 100 < 10 ? 1 : 0);
}

/** A duration in ms as seconds, minutes or hours. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 90000) return unit(ms / 1000, 'second');
  if (ms < 5400000) return unit(ms / 60000, 'minute');
  return unit(ms / 3600000, 'hour', 1);
}

/** A clock time (hours and minutes) for chart axes and minute rows. */
export function clock(ms) {
  return new Date(ms).toLocaleTimeString(currentLang() === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function perMinute(value) {
  return t('livePerMinute', { n: num(value) });
}

/** The translation of a value the server names (a rule, a state) under `prefix:value`, else the value itself. */
export function named(prefix, value) {
  const key = `${prefix}:${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}
