/* Chiến dịch: import a plan (or, when the station has it already, preview and apply the update
   of its campaign), re-import on a campaign's page. The preview is built with textContent only.
   On a campaign's page, a link or address to #phase-N opens that phase and its editor. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const labels = () => JSON.parse(($("reimport-labels") || {}).textContent || "{}");
  let current = null; // { form, match }

  function day(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : value;
  }

  function shown(field, value) {
    if (value === null || value === undefined || value === "") return "(trống)";
    const names = labels();
    if (field === "kind") return (names.kinds || {})[value] || value;
    if (field === "level") return (names.levels || {})[value] || value;
    return day(String(value));
  }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function fieldList(fields) {
    const names = labels().fields || {};
    const list = el("ul", undefined, "chg-fields");
    fields.forEach((f) => {
      const li = el("li");
      li.appendChild(el("span", (names[f.field] || f.field) + ": ", "chg-field"));
      li.appendChild(el("del", shown(f.field, f.before), "old"));
      li.appendChild(document.createTextNode(" → "));
      li.appendChild(el("ins", shown(f.field, f.after), "new"));
      list.appendChild(li);
    });
    return list;
  }

  function group(box, title, items) {
    if (!items.length) return;
    const section = el("div", undefined, "chg-group");
    section.appendChild(el("h3", title + " (" + items.length + ")"));
    const list = el("ul");
    items.forEach(([kind, text, fields]) => {
      const li = el("li", undefined, "chg chg-" + kind);
      li.dataset.change = kind;
      li.appendChild(el("strong", { add: "Thêm", change: "Sửa", remove: "Bỏ" }[kind] + ": "));
      li.appendChild(document.createTextNode(text));
      if (fields && fields.length) li.appendChild(fieldList(fields));
      list.appendChild(li);
    });
    section.appendChild(list);
    box.appendChild(section);
  }

  const phaseName = (p) => (p.code ? p.code + " · " : "") + p.title;

  function render(changes) {
    const box = $("reimport-changes");
    box.replaceChildren();
    const names = labels().fields || {};
    group(box, "Thông tin chiến dịch", changes.campaign.map((f) => ["change", names[f.field] || f.field, [f]]));
    const ev = changes.events, ph = changes.phases, tp = changes.topics;
    group(box, "Sự kiện", [
      ...ev.added.map((e) => ["add", e.name + (e.starts_on ? " (" + day(e.starts_on) + ")" : "")]),
      ...ev.changed.map((e) => ["change", e.name, e.fields]),
      ...ev.removed.map((e) => ["remove", e.name]),
    ]);
    group(box, "Giai đoạn", [
      ...ph.added.map((p) => ["add", phaseName(p) + " — " + (p.starts_on ? day(p.starts_on) : "?") + " – " +
        (p.ends_on ? day(p.ends_on) : "?") + ", " + p.topics + " chủ đề"]),
      ...ph.changed.map((p) => ["change", phaseName(p), p.fields]),
      ...ph.removed.map((p) => ["remove", phaseName(p) + " (cùng các chủ đề của nó)"]),
    ]);
    group(box, "Chủ đề", [
      ...tp.added.map((t) => ["add", t.phase + ": " + t.text]),
      ...tp.changed.map((t) => ["change", t.phase + ": " + t.after, [{ field: "text", before: t.before, after: t.after }]]),
      ...tp.removed.map((t) => ["remove", t.phase + ": " + t.text]),
    ]);
    const segs = changes.segments;
    group(box, "Chuyên mục", [
      ...segs.deleted.map((s) => ["remove", s.title + " (bản nháp tự tạo, chưa dùng)"]),
      ...segs.unlinked.map((s) => ["change", s.title + " (bỏ liên kết với phần bị bỏ, vẫn gắn với giai đoạn khác)"]),
    ]);
    if (changes.skipped.length) {
      const note = el("div", undefined, "chg-group muted");
      note.id = "reimport-skipped";
      note.appendChild(el("h3", "Giữ nguyên như hiện có (" + changes.skipped.length + ")"));
      const list = el("ul");
      changes.skipped.forEach((text) => list.appendChild(el("li", text)));
      note.appendChild(list);
      box.appendChild(note);
    }
    const blocking = $("reimport-blocking-list");
    blocking.replaceChildren(...segs.blocking.map((s) => el("li", "#" + s.id + " " + s.title + " — " + s.why)));
    $("reimport-blocking").hidden = !segs.blocking.length;
    $("reimport-empty").hidden = !changes.empty;
    $("reimport-apply").hidden = changes.empty;
    $("reimport-apply").disabled = segs.blocking.length > 0;
  }

  function show(form, answer) {
    const match = answer.match;
    current = { form: form, match: match };
    const station = form.dataset.station ? "?station=" + form.dataset.station : "";
    const link = $("reimport-campaign");
    const title = match.title.length > 120 ? match.title.slice(0, 119) + "…" : match.title;
    link.textContent = (match.document_number ? match.document_number + " — " : "") + title;
    link.href = "/chien-dich/" + match.id + station;
    const status = $("reimport-status");
    status.textContent = (labels().statuses || {})[match.status] || match.status;
    status.className = "badge badge-campaign-" + match.status;
    $("reimport-error").textContent = "";
    render(answer.changes);
    const box = $("reimport-preview");
    box.hidden = false;
    box.scrollIntoView({ block: "start" });
  }

  function openCampaign(form, id) {
    const station = form.dataset.station ? "?station=" + form.dataset.station : "";
    const url = "/chien-dich/" + id + station;
    if (location.pathname + location.search === url) window.location.reload(); // updated here
    else window.location.href = url + "#import-review";
  }

  async function send(button, url, extra) {
    const form = current.form;
    const body = new FormData(form);
    Object.entries(extra || {}).forEach(([k, v]) => body.set(k, v));
    button.disabled = true;
    try {
      const data = await window.Loa.api("POST", url, body, true);
      openCampaign(form, data.campaign.id);
    } catch (error) {
      $("reimport-error").textContent = error.message;
      button.disabled = false;
    }
  }

  document.addEventListener("loa:done", async (event) => {
    const form = event.target;
    if (!form || !form.dataset || form.dataset.preview === undefined) return;
    const answer = event.detail || {};
    if (answer.match) { show(form, answer); return; }
    try { // a plan the station does not have: import it as a new draft
      const data = await window.Loa.api("POST", "/campaigns/import", new FormData(form), true);
      openCampaign(form, data.campaign.id);
    } catch (error) {
      window.Loa.showError(form, error);
    }
  });

  document.addEventListener("click", (event) => {
    const id = event.target && event.target.id;
    if (!current || !id) return;
    if (id === "reimport-apply") send(event.target, "/campaigns/" + current.match.id + "/reimport");
    else if (id === "reimport-as-new" && window.confirm(event.target.dataset.confirm)) {
      send(event.target, "/campaigns/import", { as_new: "true" });
    } else if (id === "reimport-cancel") { $("reimport-preview").hidden = true; current = null; }
  });
  // A phase named by a link or by the address (#phase-N): open it and its editor, focus the
  // first empty date (else the first date) so the operator types the missing day at once.
  function openPhase(id) {
    const card = $("phase-" + id);
    if (!card) return;
    const fold = $("phase-fold-" + id);
    if (fold) fold.open = true;
    const editor = $("phase-edit-" + id);
    if (editor) editor.open = true;
    card.scrollIntoView({ block: "start" });
    const dates = editor ? Array.from(editor.querySelectorAll("input[type=date]")) : [];
    const field = dates.find((input) => !input.value) || dates[0];
    if (field) field.focus({ preventScroll: true });
  }

  function phaseFromAddress() {
    const m = /^#phase-(\d+)$/.exec(window.location.hash);
    if (m) openPhase(m[1]);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-open-phase]");
    if (link) {
      event.preventDefault();
      const hash = "#phase-" + link.dataset.openPhase;
      if (window.location.hash !== hash) window.history.pushState(null, "", hash);
      openPhase(link.dataset.openPhase);
      return;
    }
    const topic = event.target.closest && event.target.closest(".phase-card .topic-text");
    if (topic) topic.parentElement.classList.toggle("full"); // the whole text, or two lines
    const fold = event.target.closest && event.target.closest("[data-fold]");
    if (fold) {
      const open = fold.dataset.fold === "open";
      document.querySelectorAll("details.phase-fold").forEach((d) => { d.open = open; });
    }
  });
  window.addEventListener("hashchange", phaseFromAddress);
  // On arrival the browser scrolls to the fragment and moves focus to it (here: to the page)
  // once the page has loaded; open the phase and focus its date after that.
  if (document.readyState === "complete") phaseFromAddress();
  else window.addEventListener("load", () => window.setTimeout(phaseFromAddress, 0));
})();
