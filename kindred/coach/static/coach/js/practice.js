/* "Practise a message": live reading as the member types (progressive enhancement).
   Without JavaScript the form posts and the server renders the same result. Text from the
   member is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var form = document.querySelector("[data-coach-form]");
  if (!form || !window.fetch) return;
  /* Another page (the toolkit's invitation planner) may name its draft box differently. */
  var textarea = form.querySelector(form.getAttribute("data-coach-field") || "textarea[name=text]");
  if (!textarea) return;
  var result = document.getElementById("coach-result");
  var crisisRegion = document.getElementById("crisis-region");
  var labels = JSON.parse(document.getElementById("coach-labels").textContent);
  var apiUrl = form.getAttribute("data-api-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var note = form.querySelector("[data-coach-live-note]");
  var timer = null;
  var latest = 0;
  if (note) note.hidden = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The API's offsets count Unicode code points (Python); JavaScript strings count UTF-16
     units, so slice an array of code points. */
  function highlighted(text, data) {
    var chars = Array.from(text);
    var spans = [];
    data.pitfalls.forEach(function (f) { spans.push([f.start, f.end, f.kind, "pitfall"]); });
    data.strengths.forEach(function (f) { spans.push([f.start, f.end, f.kind, "strength"]); });
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var p = el("p", "coach-highlighted");
    var cursor = 0;
    spans.forEach(function (s) {
      if (s[0] < cursor) return;
      p.appendChild(document.createTextNode(chars.slice(cursor, s[0]).join("")));
      var mark = el("mark", "coach-mark coach-mark--" + s[3], chars.slice(s[0], s[1]).join(""));
      mark.setAttribute("data-kind", s[2]);
      mark.appendChild(el("span", "visually-hidden", " (" + (labels.kinds[s[2]] || s[2]) + ")"));
      p.appendChild(mark);
      cursor = s[1];
    });
    p.appendChild(document.createTextNode(chars.slice(cursor).join("")));
    return p;
  }

  function findings(list, group) {
    var ul = el("ul", "coach-findings");
    list.forEach(function (f) {
      var li = el("li", "coach-finding coach-finding--" + group);
      var head = el("p");
      head.appendChild(el("strong", "", labels.kinds[f.kind] || f.kind));
      head.appendChild(document.createTextNode(" — “" + f.excerpt + "”"));
      li.appendChild(head);
      if (f.why) li.appendChild(el("p", "", f.why));
      if (f.try_instead) {
        var tip = el("p");
        tip.appendChild(el("span", "coach-finding__try", "Try instead:"));
        tip.appendChild(document.createTextNode(" " + f.try_instead));
        li.appendChild(tip);
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function renderResult(text, data) {
    var box = el("div", "coach-result");
    var verdict = el("p", "coach-verdict coach-verdict--" + (data.may_hurt ? "hurt" : "ok"));
    verdict.setAttribute("data-may-hurt", data.may_hurt ? "true" : "false");
    verdict.appendChild(el("strong", "", data.may_hurt ? "This message may hurt." : "Nothing here is likely to hurt."));
    if (data.may_hurt) verdict.appendChild(document.createTextNode(" Look at the underlined words first: each one comes with a kinder way to say it."));
    box.appendChild(verdict);
    var score = el("p", "coach-score");
    score.appendChild(el("span", "coach-score__number", String(data.score)));
    score.appendChild(el("span", "coach-score__label", " / 100 — how likely this message is to be heard"));
    box.appendChild(score);
    box.appendChild(el("h3", "", "Your message, as the coach reads it"));
    box.appendChild(highlighted(text, data));
    box.appendChild(el("h3", "", "PIUS checklist"));
    var pius = el("ul", "pius-list");
    Object.keys(labels.pius).forEach(function (key) {
      var done = data.pius[key];
      var li = el("li", "pius-list__item" + (done ? " pius-list__item--done" : ""));
      var icon = el("span", "", done ? "✓" : "○");
      icon.setAttribute("aria-hidden", "true");
      li.appendChild(icon);
      li.appendChild(document.createTextNode(" " + labels.pius[key]));
      li.appendChild(el("span", "visually-hidden", done ? ": present" : ": not yet"));
      pius.appendChild(li);
    });
    box.appendChild(pius);
    box.appendChild(el("h3", "", "What may hurt"));
    box.appendChild(data.pitfalls.length ? findings(data.pitfalls, "pitfall")
      : el("p", "", "Nothing here is likely to shut the conversation down."));
    box.appendChild(el("h3", "", "What will help"));
    box.appendChild(data.strengths.length ? findings(data.strengths, "strength")
      : el("p", "", "Try adding how you feel (“I’m worried…”), something you understand about them, or an offer to help."));
    result.replaceChildren(box);
  }

  function renderCrisis(crisis) {
    if (!crisis) return;
    var existing = crisisRegion.querySelector("[data-crisis-kind='" + crisis.kind + "']");
    if (existing && (crisis.possible || !existing.hasAttribute("data-crisis-possible"))) return;
    var copy = labels.crisis[crisis.kind];
    var panel = el("section", "crisis-panel" + (crisis.possible ? " crisis-panel--possible" : ""));
    /* A possible (low-confidence) signal is announced politely, not as an alert. */
    panel.setAttribute("role", crisis.possible ? "status" : "alert");
    panel.setAttribute("data-crisis-kind", crisis.kind);
    if (crisis.possible) panel.setAttribute("data-crisis-possible", "true");
    panel.appendChild(el("h2", "", crisis.possible ? copy.possible_heading : copy.heading));
    panel.appendChild(el("p", "", crisis.possible ? copy.possible_message : copy.message));
    var list = el("ul", "crisis-panel__lines");
    crisis.resources.forEach(function (r) {
      var li = el("li");
      li.appendChild(el("strong", "", r.name));
      li.appendChild(document.createTextNode(": "));
      if (r.tel) { var call = el("a", "", "call " + r.phone); call.href = r.tel; li.appendChild(call); }
      if (r.tel && r.sms) li.appendChild(document.createTextNode(" or "));
      if (r.sms) {
        var text = el("a", "", "text " + (r.sms_body ? r.sms_body + " to " : "") + r.sms_number);
        text.href = r.sms; li.appendChild(text);
      }
      list.appendChild(li);
    });
    panel.appendChild(list);
    var more = el("p", "", "More numbers and what to do: ");
    var link = el("a", "", "Get help now"); link.href = "/get-help/";
    more.appendChild(link);
    panel.appendChild(more);
    crisisRegion.replaceChildren(panel);
  }

  function status(message) {
    result.replaceChildren(el("p", "muted", message));
  }

  function analyse() {
    var text = textarea.value;
    if (!text.trim()) { status("Write a message and the coach will read it as you type."); return; }
    var request = ++latest;
    fetch(apiUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (request !== latest) return; // an older answer arrived late
      if (!answer.ok) { status(answer.body.error || "The coach could not read this just now. Your text is safe; try “Read my message”."); return; }
      renderCrisis(answer.body.crisis);
      renderResult(text, answer.body);
    }).catch(function () {
      if (request === latest) status("The coach could not be reached. Your text is safe here; try “Read my message”.");
    });
  }

  textarea.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(analyse, 450);
  });
})();
