// Backsight's analysis Worker: runs wasm/worker (compiled by the loader and
// handed over) so that reading and analysing a report never blocks the
// page. The Go program replaces onmessage with its own handler once it has
// started.
'use strict';
self.onmessage = (e) => {
  const m = e.data;
  if (!m || m.type !== 'init') return;
  try {
    importScripts(m.wasmExec);
  } catch (err) {
    self.postMessage({ type: 'crashed', text: String(err) });
    return;
  }
  const go = new Go();
  WebAssembly.instantiate(m.module, go.importObject)
    .then((inst) => go.run(inst))
    .then(() => self.postMessage({ type: 'crashed', text: 'the analysis program exited' }),
      (err) => self.postMessage({ type: 'crashed', text: String(err) }));
};
