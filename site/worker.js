// Backsight's analysis Worker: runs wasm/worker (compiled by the loader and
// handed over) so that reading and analysing a report never blocks the
// page. The Go program replaces onmessage with its own handler once it has
// started.
'use strict';
self.onmessage = (e) => {
  const m = e.data;
  if (!m || m.type !== 'init') return;
  try {
    // The single-file build (cmd/dist) puts wasm_exec.js in front of this
    // script: a page opened from disk cannot hand a Worker another script.
    if (typeof Go === 'undefined') importScripts(m.wasmExec);
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
