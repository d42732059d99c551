// Ask a coach: save the draft while the member types.
// Every change goes to a browser copy at once (so nothing is lost if the network fails or the
// session ends), then to the server after a pause; the copy is removed only when the server
// confirms. On load, a copy that the server never confirmed is restored. Browser copies go
// only through window.KindredDrafts (core/js/kindred.js): keyed by the signed-in member,
// removed on quick exit and sign-out, so nobody else on this device ever sees them.
(function () {
  "use strict";
  var drafts = window.KindredDrafts || { save: function () { return false; }, load: function () { return null; }, remove: function () {} };
  var sent = document.querySelector("[data-question-sent]");
  if (sent) {
    // The question was sent: the browser copies of its draft are no longer needed.
    drafts.remove("question:" + sent.getAttribute("data-question-sent"));
    drafts.remove("question:new");
    return;
  }
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch) return;
  var status = document.getElementById("autosave-status");
  var url = form.getAttribute("data-autosave-url");
  var draftId = form.getAttribute("data-draft-id") || "";
  var draftName = "question:" + (draftId || "new");
  var timer = null;
  var inFlight = false;
  var pending = false;
  var TEXT_FIELDS = ["title", "body", "context"];

  function say(text) { if (status) status.textContent = text; }

  function collect() {
    var data = {};
    var elements = form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") continue;
      if (el.type === "checkbox") {
        if (!data[el.name]) data[el.name] = [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.type === "radio") {
        if (el.checked) data[el.name] = el.value;
      } else {
        data[el.name] = el.value;
      }
    }
    return data;
  }

  function store() {
    // Storage full or disabled: the server copy still works.
    var data = collect();
    data._saved = Date.now();
    drafts.save(draftName, data);
  }

  function restore() {
    var data = drafts.load(draftName);
    if (!data || typeof data !== "object") return false;
    var changed = false;
    TEXT_FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el && typeof data[name] === "string" && data[name] !== el.value) {
        el.value = data[name];
        changed = true;
      }
    });
    if (changed) {
      say("We restored text you typed earlier that had not been saved yet. Saving it now…");
      schedule(200);
    }
    return changed;
  }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save() {
    if (inFlight) { pending = true; return; }
    inFlight = true;
    var payload = collect();
    payload.id = draftId;
    say("Saving…");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { ok: response.ok, status: response.status, body: body };
      });
    }).then(function (result) {
      if (result.ok && result.body.id) {
        if (!draftId) {
          // The draft now has an address: keep using it (and its local-copy key).
          var oldName = draftName;
          draftId = result.body.id;
          form.setAttribute("data-draft-id", draftId);
          form.setAttribute("action", result.body.edit_url);
          draftName = "question:" + draftId;
          drafts.remove(oldName);
          if (window.history && history.replaceState) history.replaceState(null, "", result.body.edit_url);
        }
        if (!pending) drafts.remove(draftName);
        var time = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
        say("Saved at " + time + ".");
      } else if (result.status === 401 || result.status === 403) {
        say("Not saved: you have been signed out. Your text is kept on this device; sign in again and it will come back.");
      } else {
        say("Not saved yet: your text is kept on this device and we will try again.");
      }
    }).catch(function () {
      say("Offline: your text is kept on this device and will be saved when you are back online.");
    }).then(function () {
      inFlight = false;
      if (pending) { pending = false; schedule(300); }
    });
  }

  function schedule(delay) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("input", function () { store(); schedule(1200); });
  form.addEventListener("change", function () { store(); schedule(600); });
  form.addEventListener("submit", function () { store(); });
  window.addEventListener("online", function () { schedule(100); });

  // A new question's page: a local copy may be waiting from before a sign-in.
  if (!restore()) {
    // What was typed while this script was still loading fired no event it heard.
    var typedEarly = TEXT_FIELDS.some(function (name) {
      var el = form.elements[name];
      return el && el.value !== el.defaultValue;
    });
    if (typedEarly) { store(); schedule(1200); }
  }
})();
