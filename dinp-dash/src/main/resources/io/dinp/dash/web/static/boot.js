// Loaded before the page's module, as a classic script. When the browser fails to fetch the page's
// scripts the page would stay at "Loading…" for ever: Chrome, for one, fails every request in flight
// when the machine's network changes (net::ERR_NETWORK_CHANGED), which a DINP agent on the same
// machine causes each time it creates an app's Docker network, right as a deploy sends the browser
// to the app's page. The page is loaded again instead: three times a minute at most, then it says so.
(function () {
  'use strict';
  var KEY = 'dinp.reloads';
  window.addEventListener('error', function (ev) {
    var el = ev.target;
    if (!el || el.tagName !== 'SCRIPT') return;
    var now = Date.now();
    var recent = [];
    try {
      recent = JSON.parse(sessionStorage.getItem(KEY) || '[]').filter(function (t) { return now - t < 60000; });
    } catch (e) {
      recent = [];
    }
    if (recent.length >= 3) {
      console.warn('dinp: ' + el.src + ' could not be loaded, again; not reloading any more');
      var main = document.getElementById('main');
      if (main) main.textContent = 'The page could not load its scripts. Check that DINP is reachable, then reload.';
      return;
    }
    recent.push(now);
    try { sessionStorage.setItem(KEY, JSON.stringify(recent)); } catch (e) { /* private mode: reload anyway */ }
    console.warn('dinp: ' + el.src + ' could not be loaded; loading the page again');
    setTimeout(function () { location.reload(); }, 300);
  }, true);
})();
