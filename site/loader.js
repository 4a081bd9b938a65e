// Backsight's loader: picks the language before the wasm arrives, compiles
// the page's wasm (wasm/) and the analysis Worker's wasm (wasm/worker) in
// parallel, starts the page's Go program, hands the compiled Worker module
// to each Worker the page starts, and shows a crash banner if a Go program
// stops. Everything else (events, rendering) is Go in wasm/.
'use strict';
(function () {
  const meta = (name) => document.querySelector('meta[name="' + name + '"]').content;
  const root = document.documentElement;

  // The language: ?lang= (the embed snippet sets it), else a saved choice,
  // else the browser's. ?theme= likewise overrides the system's theme.
  const query = new URLSearchParams(location.search);
  let lang = query.get('lang') || '';
  if (lang !== 'en' && lang !== 'zh') {
    try { lang = localStorage.getItem('backsight-lang') || ''; } catch (e) { lang = ''; }
  }
  const theme = query.get('theme');
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  if (lang !== 'en' && lang !== 'zh') {
    lang = (navigator.languages || [navigator.language]).some((l) => /^zh\b/i.test(l)) ? 'zh' : 'en';
  }
  root.dataset.ui = lang;
  root.lang = lang === 'zh' ? 'zh-Hans' : 'en';

  performance.mark('bs-start');

  const crash = (detail) => {
    const box = document.getElementById('crash');
    if (!box) return;
    box.hidden = false;
    document.getElementById('crash-detail').textContent = detail || '';
    document.getElementById('status').hidden = true;
    const reload = document.getElementById('reload');
    reload.onclick = () => location.reload();
    reload.focus();
  };

  // Files dropped before the Go program is ready wait here; Go takes them.
  const bs = {
    lang,
    pending: null,
    crash,
    wasmExec: meta('backsight-wasm-exec'),
    sampleURL: meta('backsight-sample'),
  };
  window.backsight = bs;
  const early = (e) => {
    if (bs.ready) return;
    e.preventDefault();
    if (e.type === 'drop' && e.dataTransfer && e.dataTransfer.files.length) {
      bs.pending = e.dataTransfer.files;
    }
  };
  document.addEventListener('dragover', early);
  document.addEventListener('drop', early);
  // A click on "Try a sample report" before Go is ready is kept too.
  const sample = document.getElementById('sample');
  if (sample) sample.addEventListener('click', () => { if (!bs.ready) bs.pending = 'sample'; });

  const compile = (url) => WebAssembly.compileStreaming(fetch(url))
    .catch((err) => { crash(String(err)); throw err; });
  const pageModule = compile(meta('backsight-wasm'));
  const workerModule = compile(meta('backsight-worker-wasm'));

  // newWorker starts an analysis Worker. Go calls it at load and again
  // after a cancel (the old Worker is terminated): the module is compiled
  // once and handed over, so a fresh Worker is ready in milliseconds.
  const workerURL = meta('backsight-worker');
  const startWorker = () => {
    const w = new Worker(workerURL);
    workerModule.then((module) => w.postMessage({ type: 'init', module, wasmExec: new URL(bs.wasmExec, location.href).href }));
    return w;
  };
  // The first Worker starts now, while the page's own wasm compiles and
  // starts, rather than after it: the page is ready for a file only when
  // both are. What it says before Go listens waits here, and is handed to
  // Go's handlers right after Go takes the Worker (a microtask runs before
  // any later message).
  let first = startWorker();
  const waiting = [];
  first.onmessage = first.onerror = (e) => waiting.push(e);
  bs.newWorker = () => {
    if (!first) return startWorker();
    const w = first;
    first = null;
    queueMicrotask(() => {
      for (const e of waiting.splice(0)) {
        const h = e.type === 'error' ? w.onerror : w.onmessage;
        if (h) h.call(w, e);
      }
    });
    return w;
  };

  pageModule.then((module) => {
    const go = new Go();
    return WebAssembly.instantiate(module, go.importObject).then((inst) => go.run(inst));
  }).then(() => crash('the page program exited'), (err) => crash(String(err)));
})();
