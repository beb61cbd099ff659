// Texts of the shared charts (js/chart.js).
export default {
  en: {
    chartShowNumbers: 'Show the numbers',
    chartNoData: 'No data in this window.',
  },
  fa: {
    chartShowNumbers: 'نمایش اعداد',
    chartNoData: 'در این بازه داده‌ای نیست.',
  },
};
