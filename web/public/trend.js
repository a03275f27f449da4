// The dashboard's weekly trend as a uPlot chart (served from node_modules); the table beside it
// carries the same figures without JavaScript.
(function () {
  'use strict';
  var holder = document.getElementById('trend-chart');
  var data = document.getElementById('trend-data');
  if (!holder || !data || !window.uPlot) return;
  var trend = JSON.parse(data.textContent);
  var x = trend.weeks.map(function (day) {
    return Date.parse(day + 'T00:00:00+07:00') / 1000;
  });
  new window.uPlot(
    {
      width: holder.clientWidth || 600,
      height: 220,
      tzDate: function (ts) {
        return window.uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh');
      },
      series: [
        {},
        { label: trend.labels[0], stroke: '#0b4f8a', width: 2 },
        { label: trend.labels[1], stroke: '#00703c', width: 2 },
      ],
    },
    [x, trend.received, trend.resolved],
    holder,
  );
})();
