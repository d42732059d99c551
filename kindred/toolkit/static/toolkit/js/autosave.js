/* The toolkit's one autosave, for every tool's form (progressive enhancement: without
   JavaScript the forms post as usual).

   A form opts in with:
     <form data-toolkit-autosave="KIND" data-autosave-url="/api/toolkit/autosave/KIND"
           data-login-url="/accounts/login/">
       <input type="hidden" name="record_id" value="UUID">   (chosen by the server)
       <p data-save-status role="status" aria-live="polite"></p>

   Every change is copied at once to this device through window.KindredDrafts (keyed per
   member, cleared on quick exit and sign-out), then sent to the server after a pause. The
   copy is removed only when the server confirms that exact content, so a failed save, a
   timed-out session or a lost network never loses what was typed; on the next visit the
   copy is put back and saved. A page that confirms a plain (non-JavaScript) submit carries
   <span data-toolkit-saved="KIND:UUID">, which removes that copy. A form for a record not
   saved yet says so with data-record-new; its copy is kept under KIND:new. A form may name
   its copy itself with data-draft-name="KIND:SOMETHING" (the tracker: KIND:YYYY-MM-DD).

   Member text is only ever set as a field's value, never as HTML. The crisis panel the
   server may return is rendered by the server and contains none of the member's words. */
(function () {
  "use strict";

  var DELAY = 1500; // ms of quiet typing before saving
  var Drafts = window.KindredDrafts;
  if (!Drafts) return;

  Array.prototype.forEach.call(document.querySelectorAll("[data-toolkit-saved]"), function (node) {
    var saved = node.getAttribute("data-toolkit-saved");
    Drafts.remove("toolkit:" + saved);
    var parts = saved.split(":");
    var pending = Drafts.load("toolkit:" + parts[0] + ":new");
    if (pending && pending.record_id === parts[1]) Drafts.remove("toolkit:" + parts[0] + ":new");
  });

  function collect(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "record_id" || el.disabled) return;
      if (el.type === "submit" || el.type === "button" || el.type === "file") return;
      if (el.type === "checkbox") {
        if (!Object.prototype.hasOwnProperty.call(data, el.name)) data[el.name] = [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.type === "radio") {
        if (!Object.prototype.hasOwnProperty.call(data, el.name)) data[el.name] = "";
        if (el.checked) data[el.name] = el.value;
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function apply(form, data) {
    Object.keys(data).forEach(function (name) {
      var value = data[name];
      Array.prototype.forEach.call(form.querySelectorAll("[name='" + name + "']"), function (el) {
        if (el.type === "checkbox") {
          el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
        } else if (el.type === "radio") {
          el.checked = el.value === value;
        } else if (el.tagName === "SELECT" && el.multiple && Array.isArray(value)) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
        } else if (typeof value === "string") {
          el.value = value;
        }
      });
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // True when a field differs from what the page was served with.
  function edited(form) {
    return Array.prototype.some.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "record_id") return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      if (el.type === "submit" || el.type === "button" || el.type === "file") return false;
      return typeof el.defaultValue === "string" && el.value !== el.defaultValue;
    });
  }

  function setup(form) {
    var kind = form.getAttribute("data-toolkit-autosave");
    var url = form.getAttribute("data-autosave-url");
    var idInput = form.querySelector("input[name=record_id]");
    var status = form.querySelector("[data-save-status]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !idInput || !window.fetch) return;
    // A form for a record not saved yet keeps its copy under "new" (with the id it was given),
    // so that copy comes back even though a reloaded page offers a fresh id.
    var isNew = form.hasAttribute("data-record-new");
    // data-draft-name, when given, names the copy instead (the tracker: one per date).
    var custom = form.getAttribute("data-draft-name");
    var name = "toolkit:" + (custom || kind + ":" + (isNew ? "new" : idInput.value));
    function snapshot() { return { record_id: idInput.value, fields: collect(form) }; }
    var timer = null, inFlight = false, again = false;

    function say(text, link) {
      if (!status) return;
      status.textContent = text;
      if (link) {
        status.appendChild(document.createTextNode(" "));
        var a = document.createElement("a");
        a.textContent = link.text;
        a.href = link.href;
        status.appendChild(a);
      }
    }

    function markErrors(errors) {
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid][data-autosave-invalid]"), function (el) {
        el.removeAttribute("aria-invalid");
        el.removeAttribute("data-autosave-invalid");
      });
      Object.keys(errors || {}).forEach(function (field) {
        var el = form.querySelector("[name='" + field + "']");
        if (el && !el.hasAttribute("aria-invalid")) {
          el.setAttribute("aria-invalid", "true");
          el.setAttribute("data-autosave-invalid", "");
        }
      });
    }

    function showCrisis(crisis) {
      var region = document.getElementById("crisis-region");
      if (!region || !crisis || !crisis.html) return;
      var existing = region.querySelector("[data-crisis-kind]");
      if (existing && existing.getAttribute("data-crisis-kind") === crisis.kind) return;
      var doc = new DOMParser().parseFromString(crisis.html, "text/html");
      region.textContent = "";
      Array.prototype.forEach.call(doc.body.childNodes, function (node) {
        region.appendChild(document.importNode(node, true));
      });
    }

    function save() {
      if (inFlight) { again = true; return; }
      inFlight = true;
      var fields = collect(form);
      say("Saving…");
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
        body: JSON.stringify({ record_id: idInput.value, fields: fields })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.ok && data.saved) {
            var local = Drafts.load(name);
            if (!local || same(local.fields, fields)) Drafts.remove(name);
            markErrors({});
            var time = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
            say("Saved at " + time + ". Only you can see it.");
            form.setAttribute("data-saved", "true");
            if (data.crisis) showCrisis(data.crisis);
          } else if (response.status === 401 || response.status === 403) {
            var login = form.getAttribute("data-login-url") || "/accounts/login/";
            say("Not saved: you have been signed out. What you typed is kept on this device.", {
              text: "Sign in to save it",
              href: login + "?next=" + encodeURIComponent(window.location.pathname + window.location.search)
            });
          } else {
            markErrors(data.errors);
            say(data.error || "We could not save just now. What you typed is kept on this device.");
          }
        });
      }).catch(function () {
        say("We could not reach Kindred just now. What you typed is kept on this device and will be saved when you are back online.");
      }).then(function () {
        inFlight = false;
        if (again) { again = false; schedule(300); }
      });
    }

    function schedule(delay) {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () { timer = null; save(); }, delay);
    }

    function changed() {
      Drafts.save(name, snapshot());
      say("Not saved yet…");
      schedule(DELAY);
    }

    // A copy on this device that the server never confirmed is newer than the page: restore it.
    var local = Drafts.load(name);
    var restored = false;
    if (local && typeof local === "object" && local.fields) {
      if (!same(local.fields, collect(form))) {
        if (isNew && local.record_id) idInput.value = local.record_id;
        apply(form, local.fields);
        var note = form.querySelector("[data-restored-note]");
        if (note) note.hidden = false;
        say("We restored what you typed on this device that had not been saved yet. Saving it now…");
        schedule(200);
        restored = true;
      } else {
        Drafts.remove(name);
      }
    }
    // What was typed while this script was still loading (a slow connection) fired no event
    // this script heard: keep and save it as if it had just been typed.
    if (!restored && edited(form)) changed();

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", function (event) {
      // Save at once when the member leaves the form, not when they move within it (to
      // the submit button, say: the submit then saves everything).
      if (event.relatedTarget && form.contains(event.relatedTarget)) return;
      if (timer) { window.clearTimeout(timer); timer = null; save(); }
    });
    form.addEventListener("submit", function () {
      if (timer) { window.clearTimeout(timer); timer = null; }
      Drafts.save(name, snapshot());
    });
    window.addEventListener("online", function () { if (Drafts.load(name)) schedule(100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-toolkit-autosave]"), setup);
})();
