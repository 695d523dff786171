// The field kit's service worker: what an officer read stays readable
// with no signal, and a submission written offline is sent when the
// network returns. The server fills in VERSION and ASSETS.
"use strict";
var VERSION = "__VERSION__";
var ASSETS = __ASSETS__;
var STATIC = "static-" + VERSION;
var RECENT = "recent";   // the last 50 practices opened, as read (language included)
var KEPT = "kept";       // saved practices, packs and their handouts
var SEARCHES = "searches"; // recent results pages, for a quick repeat visit
var OUTBOX = "outbox";   // forms written offline, to send when back online
var RECENT_MAX = 50, SEARCHES_MAX = 20;
// On a slow link a page kept here is shown if the network has not
// answered within this time; the network's answer still refreshes it.
var PATIENCE_MS = 400;

var WORDS = {
  en: {offline: "You are offline: this search ran over the {n} practices kept on this phone.", none: "None of them matches every word.",
       search: "Search", label: "Search practices", kept: "No network: your form is kept on this phone and will be sent when the network returns.",
       back: "Back to search", nopage: "You are offline and this page is not kept on this phone."},
  hi: {offline: "आप ऑफ़लाइन हैं: यह खोज इस फ़ोन पर रखी {n} कार्यप्रणालियों में हुई।", none: "इनमें से कोई भी हर शब्द से मेल नहीं खाती।",
       search: "खोजें", label: "कार्यप्रणालियाँ खोजें", kept: "नेटवर्क नहीं है: आपका फ़ॉर्म इस फ़ोन पर रखा है और नेटवर्क लौटने पर भेजा जाएगा।",
       back: "खोज पर लौटें", nopage: "आप ऑफ़लाइन हैं और यह पृष्ठ इस फ़ोन पर नहीं रखा है।"}
};

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(STATIC).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("static-") === 0 && k !== STATIC; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }).then(keepSaved));
});

self.addEventListener("message", function (e) {
  if (e.data === "flush") { e.waitUntil(flush()); }
  if (e.data === "saved") { e.waitUntil(keepSaved()); }
  if (e.data === "forget") { // signing out: a shared phone keeps nothing of this user's reading
    e.waitUntil(Promise.all([RECENT, KEPT, SEARCHES].map(function (k) { return caches.delete(k); })));
  }
});

self.addEventListener("sync", function (e) { if (e.tag === "outbox") { e.waitUntil(flush()); } });

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (req.method === "POST" && url.pathname === "/submissions") { e.respondWith(sendOrKeep(req)); return; }
  if (req.method !== "GET") { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    e.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
    return;
  }
  if (req.mode !== "navigate") { return; }
  var practice = url.pathname.match(/^\/practices\/([^/]+)(\/[^/]*)?$/);
  if (practice) { e.respondWith(page(req, RECENT, RECENT_MAX, practice[1])); return; }
  if (/^\/(packs\/[^/]+|shared\/[^/]+\/[^/]+)(\/handout)?$/.test(url.pathname)) { e.respondWith(page(req, KEPT, 0, "")); return; }
  if (url.pathname === "/") { e.respondWith(searchPage(req, url)); return; }
  e.respondWith(fetch(req).then(function (res) { flush(); return res; }, function () {
    return caches.match(req).then(function (hit) { return hit || offlinePage(WORDS.en.nopage, 503); });
  }));
});

// plain makes a response that can answer a navigation: a redirected one
// cannot.
function plain(res) {
  if (!res.redirected) { return Promise.resolve(res); }
  return res.blob().then(function (b) { return new Response(b, {status: res.status, statusText: res.statusText, headers: res.headers}); });
}

// page answers from the network and keeps the page, or, offline, from
// what is kept. A practice that answers 410 was withdrawn: it is dropped.
function page(req, cacheName, max, practiceID) {
  return fetch(req).then(function (res) {
    flush();
    if (res.status === 410 && practiceID) { return drop(practiceID).then(function () { return res; }); }
    if (!res.ok) { return res; }
    return plain(res).then(function (p) {
      var copy = p.clone();
      keep(cacheName, new Request(res.url || req.url), copy, max);
      if (cacheName === KEPT && /\/(packs|shared)\//.test(req.url) && !/\/handout$/.test(req.url)) {
        keepURL(new URL(req.url).pathname + "/handout");
      }
      return p;
    });
  }, function () {
    return caches.match(req, {ignoreSearch: !!practiceID}).then(function (hit) {
      return hit || (practiceID ? matchPractice(practiceID) : null);
    }).then(function (hit) { return hit || offlinePage(WORDS.en.nopage, 503); });
  });
}

// keep stores a page, newest last, and trims the cache to max (0: no
// limit). Caches list their entries in the order they were put.
function keep(cacheName, key, res, max) {
  return caches.open(cacheName).then(function (c) {
    return c.delete(key).then(function () { return c.put(key, res); }).then(function () {
      if (!max) { return; }
      return c.keys().then(function (keys) {
        return Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map(function (k) { return c.delete(k); }));
      });
    });
  });
}

function keepURL(path) {
  return fetch(path, {credentials: "same-origin"}).then(function (res) {
    if (res.ok) { return plain(res).then(function (p) { return keep(KEPT, new Request(new URL(res.url || path, self.location.origin).href), p, 0); }); }
  }, function () {});
}

// keepSaved keeps the user's saved practices (the list comes from the
// API; signed out, there is none).
function keepSaved() {
  return fetch("/api/v1/saved", {credentials: "same-origin"}).then(function (res) {
    if (!res.ok) { return; }
    return res.json().then(function (d) {
      return Promise.all((d.saved || []).map(function (s) { return keepURL("/practices/" + encodeURIComponent(s.practice_id)); }));
    });
  }, function () {});
}

// matchPractice finds a kept practice by its id, whatever its slug.
function matchPractice(id) {
  var prefix = self.location.origin + "/practices/" + id;
  return eachKept(function (key) { return key.url === prefix || key.url.indexOf(prefix + "/") === 0 || key.url.indexOf(prefix + "?") === 0; })
    .then(function (found) { return found.length ? found[found.length - 1].res : null; });
}

// drop forgets a withdrawn practice everywhere it is kept.
function drop(id) {
  var prefix = self.location.origin + "/practices/" + id;
  return Promise.all([RECENT, KEPT].map(function (name) {
    return caches.open(name).then(function (c) {
      return c.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k.url === prefix || k.url.indexOf(prefix + "/") === 0 || k.url.indexOf(prefix + "?") === 0; })
          .map(function (k) { return c.delete(k); }));
      });
    });
  }));
}

// eachKept returns the kept pages whose keys pass test, oldest first.
function eachKept(test) {
  var out = [];
  return Promise.all([KEPT, RECENT].map(function (name) {
    return caches.open(name).then(function (c) {
      return c.keys().then(function (keys) {
        return Promise.all(keys.filter(test).map(function (k) { return c.match(k).then(function (res) { out.push({key: k, res: res}); }); }));
      });
    });
  })).then(function () { return out; });
}

// searchPage answers a search from the network; on a slow link, from the
// copy kept of the same search if the network is slow to answer; offline,
// by searching the practices kept.
function searchPage(req, url) {
  var net = fetch(req).then(function (res) {
    flush();
    if (res.ok) { return plain(res).then(function (p) { keep(SEARCHES, req, p.clone(), SEARCHES_MAX); return p; }); }
    return res;
  });
  var kept = caches.match(req, {cacheName: SEARCHES});
  var slow = new Promise(function (resolve) { setTimeout(resolve, PATIENCE_MS); }).then(function () { return kept; });
  return Promise.race([net, slow.then(function (hit) { return hit || net; })]).catch(function () {
    return offlineSearch(url.searchParams.get("q") || "");
  });
}

// offlineSearch finds the kept practices that contain every word of q.
function offlineSearch(q) {
  var words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return eachKept(function (k) { return /\/practices\//.test(k.url); }).then(function (pages) {
    return Promise.all(pages.map(function (p) {
      return p.res.clone().text().then(function (html) { return {url: p.key.url, html: html}; });
    }));
  }).then(function (pages) {
    var seen = {}, hits = [], lang = "en";
    pages.forEach(function (p) {
      var m = p.html.match(/<html lang="([a-z]+)"/);
      if (m && WORDS[m[1]]) { lang = m[1]; }
      var title = (p.html.match(/<h1>([^<]*)<\/h1>/) || [])[1] || p.url;
      var text = p.html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").toLowerCase();
      var id = (p.url.match(/\/practices\/([^/?]+)/) || [])[1];
      if (seen[id]) { return; }
      seen[id] = true;
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) { hits.push({url: p.url, title: title}); }
    });
    var w = WORDS[lang];
    var body = '<h1>' + w.search + '</h1><p class="notice" role="status" id="offline-note">' + w.offline.replace("{n}", Object.keys(seen).length) + '</p>' +
      '<form class="search" action="/" method="get" role="search"><label for="q">' + w.label + '</label><div class="row"><input id="q" type="search" name="q" value="' + escapeHTML(q) + '"><button type="submit">' + w.search + '</button></div></form>' +
      (hits.length ? '<ol class="hits">' + hits.map(function (h) { return '<li class="hit"><h2><a href="' + escapeHTML(h.url) + '">' + h.title + '</a></h2></li>'; }).join("") + '</ol>' : '<p>' + w.none + '</p>');
    return htmlPage(lang, w.search, body, 200);
  });
}

function htmlPage(lang, title, body, status) {
  var style = ASSETS.filter(function (a) { return /style\.[0-9a-f]+\.css$/.test(a); })[0] || "";
  var html = '<!doctype html><html lang="' + lang + '"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>' + title + ' · Compendium</title><link rel="stylesheet" href="' + style + '"></head><body><header class="site"><a class="brand" href="/">Compendium</a></header><main id="main">' + body + '</main></body></html>';
  return new Response(html, {status: status, headers: {"Content-Type": "text/html; charset=utf-8"}});
}

function offlinePage(message, status) {
  return htmlPage("en", "Offline", '<h1>Offline</h1><p class="notice" role="status">' + message + '</p>', status);
}

function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]; });
}

// sendOrKeep sends a form; with no network it keeps it in the outbox and
// says so. The form's key (form_key) makes the server create its
// submission once however often it arrives.
function sendOrKeep(req) {
  var copy = req.clone();
  return fetch(req).catch(function () {
    return copy.arrayBuffer().then(function (body) {
      var key = new Request(self.location.origin + "/__outbox/" + Date.now() + "-" + Math.random().toString(36).slice(2));
      return caches.open(OUTBOX).then(function (c) {
        return c.put(key, new Response(body, {headers: {"Content-Type": copy.headers.get("Content-Type") || "", "X-Target": new URL(copy.url).pathname}}));
      }).then(function () {
        if (self.registration.sync) { self.registration.sync.register("outbox").catch(function () {}); }
        return htmlPage("en", "Kept", '<p class="notice" role="status" id="kept-note">' + WORDS.en.kept + '</p><p lang="hi">' + WORDS.hi.kept + '</p><p><a href="/">' + WORDS.en.back + '</a></p>', 202);
      });
    });
  });
}

// flush sends the forms kept, oldest first, one at a time; a form stays
// kept while the network or the server fails, and leaves once the
// server has answered it (a form it refuses, it keeps as a draft).
var flushing = null;
function flush() {
  if (flushing) { return flushing; }
  flushing = caches.open(OUTBOX).then(function (c) {
    return c.keys().then(function (keys) {
      return keys.reduce(function (done, key) {
        return done.then(function () {
          return c.match(key).then(function (res) {
            return res.arrayBuffer().then(function (body) {
              return fetch(res.headers.get("X-Target"), {method: "POST", body: body, credentials: "same-origin", redirect: "manual",
                headers: {"Content-Type": res.headers.get("Content-Type")}});
            }).then(function (answer) {
              if (answer.type === "opaqueredirect" || answer.status < 500) { return c.delete(key); }
            });
          });
        });
      }, Promise.resolve());
    });
  }).catch(function () {}).then(function () { flushing = null; });
  return flushing;
}
