/* Lesson pages: reflections save as the member types, and are never lost (external videos
   are handled by core/js/kindred.js). Everything here is progressive enhancement: without
   JavaScript the forms post. Member text is only ever set with
   textContent or as a textarea's value, never as HTML. */
(function () {
  "use strict";

  var DELAY = 2000; // ms of quiet typing before saving

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Browser copies go only through window.KindredDrafts (core/js/kindred.js): keyed by the
     signed-in member, removed on quick exit and sign-out. */
  function drafts() {
    return window.KindredDrafts || { save: function () { return false; }, load: function () { return null; }, remove: function () {} };
  }

  /* ---- Crisis panel, as soon as the server says a saved answer suggests danger ---- */
  function showCrisis(crisis) {
    var region = document.getElementById("crisis-region");
    if (!region || !crisis) return;
    var existing = region.querySelector("[data-crisis-kind]");
    if (existing && existing.getAttribute("data-crisis-kind") === crisis.kind) return;
    var panel = el("section", "crisis-panel");
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "crisis-panel-heading");
    panel.setAttribute("data-crisis-kind", crisis.kind);
    var heading = el("h2", "", crisis.heading);
    heading.id = "crisis-panel-heading";
    panel.appendChild(heading);
    panel.appendChild(el("p", "", crisis.message));
    var emergency = crisis.resources[0];
    var call = el("a", "call-button", "Call " + emergency.phone);
    call.href = emergency.tel;
    var p = el("p");
    p.appendChild(call);
    panel.appendChild(p);
    if (crisis.overdose_steps && crisis.overdose_steps.length) {
      var steps = el("ol", "steps");
      crisis.overdose_steps.forEach(function (step) { steps.appendChild(el("li", "", step)); });
      panel.appendChild(steps);
    }
    var lines = crisis.resources.slice(1);
    if (lines.length) {
      var ul = el("ul", "crisis-panel__lines");
      lines.forEach(function (line) {
        var li = el("li");
        li.appendChild(el("strong", "", line.name));
        if (line.hours) li.appendChild(document.createTextNode(" (" + line.hours + ")"));
        li.appendChild(document.createTextNode(": "));
        if (line.phone) {
          var a = el("a", "", "call " + line.phone);
          a.href = line.tel;
          li.appendChild(a);
        }
        if (line.phone && line.sms_number) li.appendChild(document.createTextNode(" or "));
        if (line.sms_number) {
          var s = el("a", "", "text " + (line.sms_body ? line.sms_body + " to " : "") + line.sms_number);
          s.href = line.sms;
          li.appendChild(s);
        }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    var more = el("p", "", "More numbers and what to do: ");
    var help = el("a", "", "Get help now");
    help.href = "/get-help/";
    more.appendChild(help);
    more.appendChild(document.createTextNode(". What you wrote is still here."));
    panel.appendChild(more);
    region.textContent = "";
    region.appendChild(panel);
  }

  /* ---- Reflections: autosave, local copy until the server confirms ---- */
  function setupReflections(form) {
    if (!window.fetch || !window.JSON) return;
    var url = form.getAttribute("data-autosave-url");
    var lesson = form.getAttribute("data-lesson");
    var status = form.querySelector("[data-save-status]");
    var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");

    function say(text, link) {
      status.textContent = text;
      if (link) {
        status.appendChild(document.createTextNode(" "));
        var a = el("a", "", link.text);
        a.href = link.href;
        status.appendChild(a);
      }
    }

    function name(promptId) { return "reflection:" + lesson + ":" + promptId; }

    function keepLocal(promptId, text) {
      drafts().save(name(promptId), { text: text, at: Date.now() });
    }

    function readLocal(promptId) {
      return drafts().load(name(promptId));
    }

    function forgetLocal(promptId, text) {
      var local = readLocal(promptId);
      // Only forget the copy the server has just confirmed, not newer typing.
      if (local && local.text === text) drafts().remove(name(promptId));
    }

    function save(textarea) {
      var promptId = textarea.getAttribute("data-prompt-id");
      var text = textarea.value;
      say("Saving…");
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfInput.value },
        body: JSON.stringify({ prompt: promptId, text: text })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.ok && data.saved) {
            forgetLocal(promptId, text);
            var now = new Date();
            say("Saved at " + now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ". Only you can see it.");
            textarea.removeAttribute("aria-invalid");
            if (data.crisis) showCrisis(data.crisis);
          } else if (response.status === 401 || response.status === 403) {
            var next = window.location.pathname + "#reflection";
            say(data.error || "You have been signed out. What you typed is kept on this device.", {
              text: "Sign in to save it",
              href: (form.getAttribute("data-login-url") || "/accounts/login/") + "?next=" + encodeURIComponent(next)
            });
          } else {
            say(data.error || "We could not save just now. What you typed is kept on this device.");
            if (response.status === 413) textarea.setAttribute("aria-invalid", "true");
          }
        });
      }).catch(function () {
        say("We could not reach Kindred just now. What you typed is kept on this device and will be saved when you are back online.");
      });
    }

    var textareas = Array.prototype.slice.call(form.querySelectorAll("textarea[data-prompt-id]"));
    textareas.forEach(function (textarea) {
      var promptId = textarea.getAttribute("data-prompt-id");
      var timer = null;
      var local = readLocal(promptId);
      if (local && typeof local.text === "string") {
        if (local.text !== textarea.value) {
          // Typed on this device but never confirmed by the server (e.g. signed out): newer.
          textarea.value = local.text;
          var note = form.querySelector("#prompt-" + promptId + "-note");
          if (note) {
            note.textContent = "We restored what you typed on this device that had not been saved yet. It is being saved now.";
            note.hidden = false;
          }
          save(textarea);
        } else {
          drafts().remove(name(promptId));
        }
      }
      textarea.addEventListener("input", function () {
        keepLocal(promptId, textarea.value);
        say("Not saved yet…");
        if (timer) window.clearTimeout(timer);
        timer = window.setTimeout(function () { timer = null; save(textarea); }, DELAY);
      });
      textarea.addEventListener("blur", function () {
        if (timer) { window.clearTimeout(timer); timer = null; save(textarea); }
      });
    });
    form.addEventListener("submit", function () {
      // The plain post goes ahead; the local copies stay until the next page confirms them.
      textareas.forEach(function (t) { keepLocal(t.getAttribute("data-prompt-id"), t.value); });
    });
  }

  var form = document.querySelector("[data-reflection-form]");
  if (form) setupReflections(form);
})();
