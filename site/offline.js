// Backsight's offline support: registers the service worker (sw.js) so the
// page works without a network after one visit, and when a new version has
// been downloaded shows a small banner offering to reload into it.
'use strict';
(function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;

  const text = {
    en: { msg: 'A new version of Backsight is ready.', button: 'Reload' },
    zh: { msg: 'Backsight 有新版本可用。', button: '重新加载' },
  };
  const lang = () => (/^zh/i.test(document.documentElement.lang) ? 'zh' : 'en');

  function banner(worker) {
    if (document.getElementById('bs-update')) return;
    const t = text[lang()];
    const box = document.createElement('div');
    box.id = 'bs-update';
    box.className = 'update-banner';
    box.setAttribute('role', 'status');
    const p = document.createElement('span');
    p.textContent = t.msg + ' ';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button primary';
    b.textContent = t.button;
    b.onclick = () => {
      b.disabled = true;
      worker.postMessage({ backsight: 'update' });
    };
    box.append(p, b);
    document.body.append(box);
  }

  // The version is a hash of assets.json, which names every hashed file of
  // the build: any change to the site changes it.
  async function version() {
    const res = await fetch('assets.json', { cache: 'no-cache' });
    if (!res.ok) throw new Error('assets.json: ' + res.status);
    const bytes = await res.arrayBuffer();
    const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(sum.slice(0, 8), (x) => x.toString(16).padStart(2, '0')).join('');
  }

  async function register() {
    let v;
    try {
      v = await version();
    } catch (err) {
      // Offline: the worker that served this page is still registered.
      return;
    }
    const reg = await navigator.serviceWorker.register('sw.js?v=' + v, { scope: './' });
    const hadController = !!navigator.serviceWorker.controller;
    const watch = (w) => {
      if (!w) return;
      const ready = () => { if (w.state === 'installed' && hadController) banner(w); };
      ready();
      w.addEventListener('statechange', ready);
    };
    watch(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  }

  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a user's click on the banner swaps a worker under a page that
    // already had one; the very first install must not reload the page.
    if (reloading || !document.getElementById('bs-update')) return;
    reloading = true;
    location.reload();
  });

  window.addEventListener('load', () => {
    register().catch((err) => console.warn('backsight: offline mode unavailable:', err));
  });
})();
