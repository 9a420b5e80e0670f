// The job page's charts, drawn with Chart.js from the training report and the job's stage times.
'use strict';

window.gitloreCharts = (() => {
  const colors = {train: '#2563eb', validation: '#dc2626', test: '#059669', bigram: '#d97706', unigram: '#7c3aed'};
  const stageColors = ['#2563eb', '#0891b2', '#059669', '#d97706', '#7c3aed', '#db2777'];

  function replace(canvas, config) {
    const old = Chart.getChart(canvas);
    if (old) {
      old.destroy();
    }
    config.options = Object.assign({animation: false, responsive: true, maintainAspectRatio: false}, config.options);
    // Legend swatches as short lines: the default boxes turn a dashed level into a striped block.
    const legend = {labels: {usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28}};
    config.options.plugins = Object.assign({legend}, config.options.plugins);
    return new Chart(canvas, config);
  }

  /** A report's figure as a number, or null: Jackson writes a NaN (an empty test split) as the string "NaN". */
  const finite = v => Number.isFinite(Number(v)) && v !== null && v !== '' ? Number(v) : null;

  function line(label, points, color, extra) {
    return Object.assign({label, data: points, borderColor: color, backgroundColor: color, pointRadius: 2,
      borderWidth: 2, tension: 0.15}, extra || {});
  }

  /** A constant line across the steps the run covered (a baseline or the test result); none for a missing figure. */
  function level(sets, label, value, from, to, color, digits) {
    const v = finite(value);
    if (v !== null) {
      sets.push(line(label + ' ' + v.toFixed(digits), [{x: from, y: v}, {x: to, y: v}], color,
        {borderDash: [6, 4], pointRadius: 0}));
    }
  }

  function steps(report) {
    const h = report.history || {};
    return {
      train: (h.steps || []).filter(s => finite(s.loss) !== null).map(s => ({x: s.step, y: finite(s.loss)})),
      validation: (h.validations || []).filter(v => finite(v.loss) !== null)
        .map(v => ({x: v.step, y: finite(v.loss)}))
    };
  }

  function xRange(report, s) {
    const xs = s.train.concat(s.validation).map(p => p.x);
    return [Math.min(0, ...xs), Math.max(1, ...xs, (report.run || {}).stepsDone || 0)];
  }

  function loss(canvas, report) {
    const s = steps(report);
    const [from, to] = xRange(report, s);
    const sets = [line('train loss', s.train, colors.train), line('validation loss', s.validation, colors.validation)];
    level(sets, 'test loss', (report.results || {}).testLoss, from, to, colors.test, 3);
    return replace(canvas, {type: 'line', data: {datasets: sets}, options: {
      parsing: false, scales: {x: {type: 'linear', title: {display: true, text: 'step'}},
        y: {title: {display: true, text: 'nats per token'}}},
      plugins: {title: {display: true, text: 'Loss'}}}});
  }

  function perplexity(canvas, report) {
    const s = steps(report);
    const [from, to] = xRange(report, s);
    const exp = points => points.map(p => ({x: p.x, y: Math.exp(p.y)}));
    const sets = [line('train', exp(s.train), colors.train), line('validation', exp(s.validation), colors.validation)];
    const b = report.baselines || {};
    level(sets, 'test', (report.results || {}).testPerplexity, from, to, colors.test, 1);
    level(sets, 'bigram', b.bigramTestPerplexity, from, to, colors.bigram, 1);
    level(sets, 'unigram', b.unigramTestPerplexity, from, to, colors.unigram, 1);
    return replace(canvas, {type: 'line', data: {datasets: sets}, options: {
      parsing: false, scales: {x: {type: 'linear', title: {display: true, text: 'step'}},
        y: {type: 'logarithmic', title: {display: true, text: 'perplexity (log scale)'}}},
      plugins: {title: {display: true, text: 'Perplexity = exp(loss), against the count baselines'}}}});
  }

  /** Each stage as a bar from its first to its last event, in seconds since the job's first event. */
  function timeline(canvas, job) {
    const stages = job.stages.filter(s => s.firstEventAt);
    const origin = Math.min(...stages.map(s => Date.parse(s.firstEventAt)));
    const bars = stages.map(s => [(Date.parse(s.firstEventAt) - origin) / 1000,
      Math.max((Date.parse(s.lastEventAt || s.firstEventAt) - origin) / 1000,
        (Date.parse(s.firstEventAt) - origin) / 1000 + 0.5)]);
    return replace(canvas, {type: 'bar', data: {labels: stages.map(s => s.stage), datasets: [{
      label: 'seconds since the first event', data: bars, borderSkipped: false, borderRadius: 3,
      backgroundColor: stages.map((s, i) => s.state === 'FAILED' ? '#dc2626' : stageColors[i % stageColors.length])
    }]}, options: {indexAxis: 'y', scales: {x: {title: {display: true, text: 'seconds since the first event'}}},
      plugins: {legend: {display: false}, title: {display: true, text: 'Stage timeline'}}}});
  }

  return {loss, perplexity, timeline, finite};
})();
