// The job page's training report: the loss and perplexity charts, the baselines, the hardware peaks, model and run.
'use strict';

window.gitloreReport = (() => {
  const {el, facts, gib, fixed} = window.gitlore;

  function section(report) {
    const m = report.model || {}, r = report.results || {}, b = report.baselines || {}, h = report.hardware || {};
    const run = report.run || {};
    const loss = el('canvas', {id: 'loss-chart'}), ppl = el('canvas', {id: 'perplexity-chart'});
    const section = el('section', {id: 'report'}, el('h2', {text: 'Training report (' + report.status + ')'}),
      report.reason ? el('p', {class: 'reason', text: report.reason}) : null,
      el('div', {class: 'charts'}, el('div', {class: 'chart'}, loss), el('div', {class: 'chart'}, ppl)),
      el('div', {class: 'panels'},
        el('div', {}, el('h3', {text: 'Against the baselines'}), el('table', {class: 'baselines'},
          el('tr', {}, el('th', {text: 'model'}), el('th', {text: 'test perplexity'})),
          [['this model (' + (m.preset || '?') + ')', r.testPerplexity], ['bigram', b.bigramTestPerplexity],
            ['unigram', b.unigramTestPerplexity]].map(([name, v]) => el('tr', {},
            el('td', {text: name}), el('td', {text: fixed(v, 2) || 'n/a'}))))),
        el('div', {}, el('h3', {text: 'Hardware peaks'}), facts([['device', h.device], ['threads', h.threads],
          ['peak CPU', h.peakCpuPercent == null ? null : fixed(h.peakCpuPercent, 0) + ' %'],
          ['peak RAM', gib(h.peakRamBytes) && gib(h.peakRamBytes) + ' of ' + gib(h.totalRamBytes)],
          ['peak GPU memory', gib(h.peakGpuMemoryBytes)], ['peak GPU temperature',
            h.peakGpuTemperatureCelsius == null ? null : h.peakGpuTemperatureCelsius + ' °C'],
          ['samples', h.samples]])),
        el('div', {}, el('h3', {text: 'Model and run'}), facts([
          ['shape', m.layers + ' layers, ' + m.heads + ' heads, width ' + m.width + ', context ' + m.contextLength],
          ['parameters', m.parameters && m.parameters.toLocaleString()], ['vocabulary', m.vocabularySize],
          ['steps', run.stepsDone + ' of ' + run.plannedSteps + ' planned'], ['stopped by', run.stoppedBy],
          ['tokens per second', fixed(run.tokensPerSecond, 0)],
          ['wall time', fixed(run.wallSeconds, 0) && fixed(run.wallSeconds, 0) + ' s'],
          ['test token accuracy', fixed(r.testTokenAccuracy, 3)]]))));
    return {section, draw: () => { gitloreCharts.loss(loss, report); gitloreCharts.perplexity(ppl, report); }};
  }

  return {section};
})();
