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
    return new Chart(canvas, config);
  }

  function line(label, points, color, extra) {
    return Object.assign({label, data: points, borderColor: color, backgroundColor: color, pointRadius: 2,
      borderWidth: 2, tension: 0.15}, extra || {});
  }

  /** A constant line across the steps the run covered (a baseline or the test result). */
  function level(label, value, from, to, color) {
    return line(label, [{x: from, y: value}, {x: to, y: value}], color, {borderDash: [6, 4], pointRadius: 0});
  }

  function steps(report) {
    const h = report.history || {};
    return {
      train: (h.steps || []).map(s => ({x: s.step, y: s.loss})),
      validation: (h.validations || []).map(v => ({x: v.step, y: v.loss}))
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
    if (report.results) {
      sets.push(level('test loss ' + report.results.testLoss.toFixed(3), report.results.testLoss, from, to,
        colors.test));
    }
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
    if (report.results) {
      sets.push(level('test ' + report.results.testPerplexity.toFixed(1), report.results.testPerplexity, from, to,
        colors.test));
    }
    if (report.baselines) {
      sets.push(level('bigram ' + report.baselines.bigramTestPerplexity.toFixed(1),
        report.baselines.bigramTestPerplexity, from, to, colors.bigram));
      sets.push(level('unigram ' + report.baselines.unigramTestPerplexity.toFixed(1),
        report.baselines.unigramTestPerplexity, from, to, colors.unigram));
    }
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

  return {loss, perplexity, timeline};
})();
