/* Kindred's shell behaviour. Progressive enhancement only: every link and form works without it. */
(function () {
  "use strict";

  /* Quick exit: leave at once for a neutral site, by click or by pressing Escape twice.
     location.replace() swaps this page out of the history, so Back does not return to it. */
  function quickExit(url) {
    document.title = "Weather";
    document.body.hidden = true;
    try {
      window.history.replaceState(null, "", "/");
    } catch (e) { /* ignore: some browsers refuse */ }
    window.location.replace(url);
  }

  function exitUrl() {
    var button = document.querySelector("[data-quick-exit]");
    return button ? button.getAttribute("data-quick-exit-url") : null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-quick-exit]") : null;
    if (!target) return;
    event.preventDefault();
    quickExit(target.getAttribute("data-quick-exit-url"));
  });

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1000) {
      var url = exitUrl();
      if (url) quickExit(url);
    }
    lastEscape = now;
  });

  /* On a phone the main menu starts folded behind "Menu"; wider screens always show it. */
  var menu = document.querySelector("[data-site-menu]");
  if (menu && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 47.99rem)");
    var fit = function () { menu.open = !narrow.matches; };
    fit();
    if (narrow.addEventListener) narrow.addEventListener("change", fit);
  }
})();
