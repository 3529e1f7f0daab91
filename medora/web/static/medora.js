/* Medora pages: a little progressive enhancement. Everything works without this file. */
(function () {
  "use strict";

  /* Following a citation opens its reference's "Cited passage(s)" and marks the passage that sentence rests on. */
  function reveal(hash, passageId) {
    if (!hash || hash.indexOf("#ref-") !== 0) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    var entry = target.closest("li.reference");
    var details = entry && entry.querySelector("details.cited-passages");
    if (details) details.open = true;
    document.querySelectorAll(".passage.is-cited").forEach(function (el) { el.classList.remove("is-cited"); });
    if (passageId) {
      var passage = document.getElementById("passage-" + passageId);
      if (passage) passage.classList.add("is-cited");
    }
    target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link) reveal(link.getAttribute("href"), link.getAttribute("data-passage"));
  });
  window.addEventListener("hashchange", function () { reveal(window.location.hash, null); });
  document.addEventListener("DOMContentLoaded", function () {
    reveal(window.location.hash, null);
    /* Asking takes a few seconds: say so, and stop a second submission of the same form. */
    document.querySelectorAll("form.ask-form").forEach(function (form) {
      form.addEventListener("submit", function () {
        var busy = form.querySelector(".busy");
        var button = form.querySelector("button[type=submit]");
        if (busy) busy.hidden = false;
        if (button) { button.disabled = true; button.setAttribute("aria-disabled", "true"); }
      });
    });
  });
})();
