const { lintFiles } = require('./dist/src/index.js');
(async () => {
  const t=Date.now();
  const r = await lintFiles(['../shared/corpus/templates'], { cwd: '/work/main', concurrency: 'off' });
  const d=Date.now()-t;
  global.gc(); const m1 = process.memoryUsage();
  console.log('ms',d,'heapUsed MB', (m1.heapUsed/1e6).toFixed(1), 'rss', (m1.rss/1e6).toFixed(1), 'maxRSS', (process.resourceUsage().maxRSS/1e3).toFixed(0), 'messages', r.results.reduce((a,x)=>a+x.messages.length,0), 'json MB', (JSON.stringify(r).length/1e6).toFixed(1));
})();
