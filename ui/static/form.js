// While an officer types a title, show published practices that look
// similar, so that a known practice is not submitted twice. The form
// works without this file; the server also lists them after saving.
(function () {
  "use strict";
  var title = document.getElementById("f-title");
  var box = document.getElementById("similar-live");
  if (!title || !box || !window.fetch) return;
  var timer = 0, last = "";
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = title.value.trim();
      if (q.length < 10 || q === last) return;
      last = q;
      // Not /api/v1/search: a title being typed is not a search someone
      // made, and the search counts must not list it.
      fetch("/api/v1/similar?title=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
        .then(function (data) {
          box.textContent = "";
          if (!data.hits || !data.hits.length) return;
          var h = document.createElement("p");
          h.textContent = box.getAttribute("data-lead"); // in the page's language
          var ul = document.createElement("ul");
          data.hits.forEach(function (hit) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = hit.url;
            a.textContent = hit.title;
            a.target = "_blank";
            li.appendChild(a);
            ul.appendChild(li);
          });
          box.appendChild(h);
          box.appendChild(ul);
        })
        .catch(function () {});
    }, 400);
  });
})();
