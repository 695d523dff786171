// Registers the service worker that keeps what an officer reads for
// reading with no signal (/sw.js), and tells it when to send kept forms
// (back online) and to forget (signing out). Pages work without it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register("/sw.js");
  function tell(what) {
    navigator.serviceWorker.ready.then(function (r) { if (r.active) { r.active.postMessage(what); } });
  }
  window.addEventListener("online", function () { tell("flush"); });
  if (navigator.onLine) { tell("flush"); }
  document.querySelectorAll('form[action="/logout"]').forEach(function (f) {
    f.addEventListener("submit", function () { tell("forget"); });
  });
  if (document.querySelector("form.save")) { tell("saved"); }
})();
