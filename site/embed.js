// Backsight's embed helper, run first on /embed: tells the framing page how
// tall the content is, so the <iframe> fits without a scroll bar. It sends
// that number and nothing else: no report data, no names, no URLs.
'use strict';
(function () {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    // Target origin '*': the embedding site is any site we do not know, and
    // the message carries only a number already visible to it as the
    // frame's layout, so no origin needs to be kept from reading it.
    window.parent.postMessage({ backsight: 'height', height }, '*');
  };
  const start = () => {
    send();
    new ResizeObserver(send).observe(document.documentElement);
    if (document.body) new ResizeObserver(send).observe(document.body);
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
