/* Medora pages: a little progressive enhancement. Everything works without this file. */
(function () {
  "use strict";

  /* Following a citation opens its reference's "Cited passage(s)" and marks the passage that sentence rests on.
     A click (or Enter on the focused link) notes the passage; the hash change that follows does the rest. */
  var pendingPassage = null;

  function reveal(hash) {
    var passageId = pendingPassage;
    pendingPassage = null;
    if (!hash || hash.indexOf("#ref-") !== 0) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    var entry = target.closest("li.reference");
    var details = entry && entry.querySelector("details.cited-passages");
    if (details) details.open = true;
    document.querySelectorAll(".passage.is-cited").forEach(function (el) { el.classList.remove("is-cited"); });
    document.querySelectorAll(".cited-passages.is-following").forEach(showAll);
    var passage = passageId && document.getElementById("passage-" + passageId);
    if (passage) {
      /* Show only the passage this sentence rests on (an overview has many), and bring it into view: a citation
         such as [1c] lands on a sub-reference listed below its overview's passages. */
      var holder = passage.closest("details.cited-passages");
      passage.classList.add("is-cited");
      if (holder) {
        holder.open = true;
        holder.classList.add("is-following");
        var button = holder.querySelector(".show-all");
        if (button) button.hidden = false;
      }
      passage.scrollIntoView({ block: "nearest" });
    }
    target.focus({ preventScroll: true });
  }

  function showAll(details) {
    details.classList.remove("is-following");
    var button = details.querySelector(".show-all");
    if (button) button.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (!link) return;
    pendingPassage = link.getAttribute("data-passage");
    if (link.getAttribute("href") === window.location.hash) {  /* no hashchange comes; run after the jump */
      setTimeout(function () { reveal(window.location.hash); }, 0);
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".show-all");
    if (button) showAll(button.closest("details.cited-passages"));
  });
  window.addEventListener("hashchange", function () { reveal(window.location.hash); });
  /* Coming back to a page from the history must not leave its form disabled. */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.ask-form").forEach(function (form) {
      var busy = form.querySelector(".busy");
      var button = form.querySelector("button[type=submit]");
      if (busy) busy.hidden = true;
      if (button) { button.disabled = false; button.removeAttribute("aria-disabled"); }
    });
  });
  /* Switching audience keeps the reader's place: the sentences are the same in every audience, so the form's anchor
     names the sentence in view (#at-N) and the page it opens scrolls back to it. Without this script the anchor
     brings the reader back to the selector. */
  function statements() { return document.querySelectorAll(".article .statement"); }
  function sentenceInView() {
    var bar = document.getElementById("audience-form");
    var top = bar ? bar.getBoundingClientRect().bottom : 0;  /* the selector sticks to the top of the window */
    var all = statements();
    for (var i = 0; i < all.length; i++) {
      if (all[i].getBoundingClientRect().bottom > top) return i;
    }
    return -1;
  }
  function keepPlace(form) {
    var index = sentenceInView();
    var action = form.getAttribute("action").split("#")[0];
    form.setAttribute("action", action + (index > 0 ? "#at-" + index : "#audience-form"));
  }
  document.addEventListener("DOMContentLoaded", function () {
    reveal(window.location.hash);
    var place = /^#at-(\d+)$/.exec(window.location.hash);
    var target = place && statements()[Number(place[1])];
    if (target) target.scrollIntoView({ block: "start" });
    var audienceForm = document.getElementById("audience-form");
    if (audienceForm) {
      audienceForm.addEventListener("submit", function () { keepPlace(audienceForm); });
      audienceForm.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.addEventListener("change", function () { keepPlace(audienceForm); audienceForm.submit(); });
      });
    }
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
