// OpenTSS HUB: small enhancements; every page works without them.
(function () {
  "use strict";

  // The organization and environment switcher applies as soon as a choice is made.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]");
    if (button) { button.hidden = true; }
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  });

  // Copy buttons: data-copy names the element whose text is copied.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) { return; }
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Forms that destroy something ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // A page that shows a secret once was the answer to a form: reloading it must fetch the list, not send again.
  var replace = document.querySelector("[data-replace-url]");
  if (replace && window.history && history.replaceState) {
    history.replaceState(null, "", replace.getAttribute("data-replace-url"));
  }

  // Lists that grow by themselves (new transactions) reload every few seconds while they are on screen, but
  // never while someone is choosing a filter.
  var live = document.querySelector("[data-refresh-seconds]");
  if (live) {
    var seconds = parseInt(live.getAttribute("data-refresh-seconds"), 10);
    var refresh = function () {
      var active = document.activeElement;
      var choosing = active && active.form && active !== document.body;
      if (document.hidden || choosing) { setTimeout(refresh, seconds * 1000); } else { location.reload(); }
    };
    setTimeout(refresh, seconds * 1000);
  }

  // Exports in progress: poll their state and show it; reload when none is waiting or running any more, or
  // when the state cannot be read (network gone, session ended), so the page shows what the server says.
  var running = document.querySelectorAll("[data-export-progress]");
  if (running.length > 0) {
    var poll = function () {
      var pending = 0;
      var requests = Array.prototype.map.call(running, function (row) {
        return fetch(row.getAttribute("data-export-progress"), { credentials: "same-origin" })
          .then(function (response) {
            // a signed-out session answers with the sign-in page: the reload below then shows it
            var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
            return response.ok && json ? response.json() : null;
          })
          .catch(function () { return null; })
          .then(function (status) {
            if (!status) { return; }
            var bar = row.querySelector("progress");
            var text = row.querySelector("[data-progress-text]");
            if (bar) { bar.value = status.percent; }
            if (text) { text.textContent = status.text; }
            if (status.state === "PENDING" || status.state === "WORKING") { pending++; }
          });
      });
      Promise.all(requests).then(function () {
        if (pending > 0) { setTimeout(poll, 1000); } else { location.reload(); }
      });
    };
    setTimeout(poll, 1000);
  }
})();
