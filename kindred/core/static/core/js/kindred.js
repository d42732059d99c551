/* Kindred's shell behaviour. Progressive enhancement only: every link and form works without it. */
(function () {
  "use strict";

  /* Browser copies of what a member types, kept until the server confirms a save (so nothing
     is lost to a dropped network or an expired session). On a shared device two people must
     never see each other's words: every key carries the signed-in member's opaque draft owner
     (body[data-draft-owner], see kindred.core.context_processors), nothing is kept for a page
     without one, and every copy is removed on quick exit and on sign-out (form[data-sign-out]).
     Other scripts use window.KindredDrafts.save/load/remove(name). */
  var DRAFT_PREFIX = "kindred:draft:";
  function draftStore() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function draftKey(name) {
    var owner = document.body ? document.body.getAttribute("data-draft-owner") : "";
    return owner ? DRAFT_PREFIX + owner + ":" + name : null;
  }
  window.KindredDrafts = {
    save: function (name, value) {
      var store = draftStore(), key = draftKey(name);
      if (!store || !key) return false;
      try { store.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    load: function (name) {
      var store = draftStore(), key = draftKey(name);
      if (!store || !key) return null;
      try { var raw = store.getItem(key); return raw === null ? null : JSON.parse(raw); } catch (e) { return null; }
    },
    remove: function (name) {
      var store = draftStore(), key = draftKey(name);
      if (!store || !key) return;
      try { store.removeItem(key); } catch (e) { /* ignore */ }
    },
    clearAll: function () {
      var store = draftStore();
      if (!store) return;
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var key = store.key(i);
          if (key && key.indexOf(DRAFT_PREFIX) === 0) store.removeItem(key);
        }
      } catch (e) { /* ignore */ }
    }
  };
  document.addEventListener("submit", function (event) {
    if (event.target.closest && event.target.closest("form[data-sign-out]")) window.KindredDrafts.clearAll();
  });

  /* Quick exit: leave at once for a neutral site, by click or by pressing Escape twice.
     location.replace() swaps this page out of the history, so Back does not return to it. */
  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* If the member chose it (account settings), quick exit also ends the session: the browser
     posts the sign-out in the background while it leaves. */
  function signOutInBackground() {
    var button = document.querySelector("[data-quick-exit-sign-out]");
    if (!button || !navigator.sendBeacon || !window.FormData) return;
    var form = new FormData();
    form.append("csrfmiddlewaretoken", csrfToken());
    try { navigator.sendBeacon(button.getAttribute("data-quick-exit-sign-out"), form); } catch (e) { /* ignore */ }
  }

  function quickExit(url) {
    signOutInBackground();
    window.KindredDrafts.clearAll();
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

  /* External videos (YouTube, Vimeo) on recordings and lessons: nothing is requested from the
     video's site until the person presses the button. Without JavaScript the page keeps a
     plain link to the video instead. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-external-video]"), function (box) {
    var button = box.querySelector("[data-external-video-load]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-url");
      frame.title = "Video: " + box.getAttribute("data-title");
      frame.allow = "fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      // YouTube's player refuses to start without knowing the embedding origin.
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "video__frame";
      (box.querySelector("[data-external-video-placeholder]") || button).replaceWith(frame);
      frame.focus();
    });
  });
})();
