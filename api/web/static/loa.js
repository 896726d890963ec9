/* Loa UI helpers: JSON calls with the CSRF token, forms that keep their text and show field
   errors next to the field, action buttons, and live job progress. No dependencies. */
(function () {
  "use strict";
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.detail) || ("Lỗi " + status));
      this.status = status; this.body = body || {}; this.field = this.body.field || null;
    }
  }

  async function api(method, url, body, isForm) {
    const options = { method: method, headers: { "X-CSRF-Token": csrf(), "Accept": "application/json" },
      credentials: "same-origin" };
    if (body !== undefined && body !== null) {
      if (isForm) { options.body = body; }
      else { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    }
    const response = await fetch(url, options);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
    if (response.status === 401) {
      window.location.href = "/dang-nhap?next=" + encodeURIComponent(location.pathname + location.search);
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  function toast(message) {
    const box = document.getElementById("toast");
    if (!box) return;
    box.textContent = message; box.classList.add("show");
    clearTimeout(box._timer); box._timer = setTimeout(() => box.classList.remove("show"), 4000);
  }

  function windows(raw) {  // "22:00-05:30, 11:30-13:00" → [{start, end}, …]; odd parts left for the server to name
    return raw.split(/[\n,;]+/).map((v) => v.trim()).filter(Boolean).map((v) => {
      const parts = v.split(/\s*[-–]\s*/);
      return parts.length === 2 ? { start: parts[0], end: parts[1] } : { start: v };
    });
  }

  function convert(el) {
    const type = el.dataset.type || "";
    if (el.type === "checkbox") return el.checked;
    const raw = el.value;
    if (raw === "" && el.dataset.empty !== "keep") {
      if (type === "zone-windows") return {};
      return ["list", "list-int", "windows"].includes(type) ? [] : null;
    }
    if (type === "int") return Number.parseInt(raw, 10);
    if (type === "float") return Number.parseFloat(raw.replace(",", "."));
    if (type === "minutes") return Number.parseFloat(raw.replace(",", ".")) * 60;  // sent as seconds
    if (type === "list-int") return raw.split(/[\s,;]+/).filter(Boolean).map((v) => Number.parseInt(v, 10));
    if (type === "list") return raw.split(/[\n,;]+/).map((v) => v.trim()).filter(Boolean);
    if (type === "json") return JSON.parse(raw);
    if (type === "windows") return windows(raw);
    if (type === "zone-windows") {  // "Tổ 3: 21:00-06:00, 11:30-13:00" a line → {zone: [{start, end}, …]}
      const zones = {};
      for (const line of raw.split("\n").map((v) => v.trim()).filter(Boolean)) {
        const found = line.match(/^(.+?)\s*:\s*(\d{1,2}:\d{2}.*)$/);  // a line without hours: left for the server to name
        if (found) zones[found[1]] = windows(found[2]); else zones[line] = [{ start: line }];
      }
      return zones;
    }
    return raw;
  }

  function formBody(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.dataset.skip !== undefined || el.type === "submit") continue;
      if (el.type === "radio" && !el.checked) continue;
      if (el.multiple) {
        const values = Array.from(el.selectedOptions).map((o) => el.dataset.type === "list-int" ? Number(o.value) : o.value);
        body[el.name] = values; continue;
      }
      if (el.type === "checkbox" && el.dataset.group) {
        body[el.name] = body[el.name] || [];
        if (el.checked) body[el.name].push(el.dataset.type === "list-int" ? Number(el.value) : el.value);
        continue;
      }
      const value = convert(el);
      if (value === null && el.dataset.omitEmpty !== undefined) continue;
      body[el.name] = value;
    }
    return body;
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-error, .form-error").forEach((e) => { e.textContent = ""; });
    form.querySelectorAll(".has-error").forEach((e) => e.classList.remove("has-error"));
  }

  function stripField(message, field) {
    return field && message.startsWith(field + ": ") ? message.slice(field.length + 2) : message;
  }

  function placeError(form, field, message) {
    const name = field ? String(field).split(".")[0] : null;
    const slot = name && form.querySelector('[data-error-for="' + name + '"]');
    if (!slot) return false;
    slot.textContent = slot.textContent ? slot.textContent + "; " + message : message;
    const box = slot.closest(".field"); if (box) box.classList.add("has-error");
    return true;
  }

  function showError(form, error) {
    const body = error.body || {};
    const each = Array.isArray(body.errors) && body.errors.length ? body.errors
      : [{ field: error.field, detail: stripField(error.message, body.field) }];
    const unplaced = [];
    each.forEach((e) => { if (!placeError(form, e.field, e.detail)) unplaced.push(e); });
    const first = form.querySelector(".has-error [name]");
    if (first) first.focus();
    if (unplaced.length) {
      const text = unplaced.map((e) => (e.field && each.length > 1 ? e.field + ": " : "") + e.detail).join("; ");
      const general = form.querySelector(".form-error");
      if (general) general.textContent = text; else toast(text);
    }
  }

  function target(template, data) {
    return template.replace(/\{(\w+)\}/g, (_, key) => (data && data[key] !== undefined ? data[key] : ""));
  }

  async function submitForm(event) {
    const form = event.target.closest("form[data-api]");
    if (!form) return;
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    try {
      const method = (form.dataset.method || "POST").toUpperCase();
      const isForm = form.enctype === "multipart/form-data";
      const body = isForm ? new FormData(form) : formBody(form);
      const data = await api(method, form.dataset.api, body, isForm);
      form.dispatchEvent(new CustomEvent("loa:done", { detail: data, bubbles: true }));
      if (form.dataset.toast) toast(form.dataset.toast);
      if (form.dataset.redirect) window.location.href = target(form.dataset.redirect, data);
      else if (form.dataset.reload !== undefined) window.location.reload();
    } catch (error) {
      if (error instanceof ApiError) showError(form, error); else showError(form, { message: String(error) });
    } finally {
      if (button) button.disabled = false;
    }
  }

  async function clickAction(event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    event.preventDefault();
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    let body = button.dataset.body ? JSON.parse(button.dataset.body) : null;
    if (button.dataset.prompt) {
      const answer = window.prompt(button.dataset.prompt, "");
      if (answer === null) return;
      body = Object.assign(body || {}, { [button.dataset.promptField || "note"]: answer });
    }
    button.disabled = true;
    try {
      const data = await api(button.dataset.method || "POST", button.dataset.action, body);
      button.dispatchEvent(new CustomEvent("loa:done", { detail: data, bubbles: true }));
      if (button.dataset.toast) toast(button.dataset.toast);
      if (button.dataset.redirect) window.location.href = target(button.dataset.redirect, data);
      else if (button.dataset.reload !== undefined) window.location.reload();
    } catch (error) {
      const slot = button.dataset.errorFor && document.getElementById(button.dataset.errorFor);
      if (slot) slot.textContent = error.message; else toast(error.message);
    } finally {
      button.disabled = false;
    }
  }

  // The status badge beside a job's bar follows it (queued → running → succeeded / failed).
  function showStatus(box, status) {
    const holder = box.closest("td, li, section, .card");
    const badge = holder && holder.querySelector(".badge[class*='badge-queued'], .badge[class*='badge-running'], .badge[data-job-badge]");
    if (!badge) return;
    const labels = JSON.parse(box.dataset.labels || "{}");
    badge.className = "badge badge-" + status;
    badge.dataset.jobBadge = "1";
    if (labels[status]) badge.textContent = labels[status];
  }

  function watchJob(box) {
    const id = box.dataset.job;
    const bar = box.querySelector("progress");
    const pct = box.querySelector(".job-pct");
    const msg = box.querySelector(".job-msg");
    async function tick() {
      try {
        const job = await api("GET", "/jobs/" + id);
        const value = Math.round(job.progress || 0);
        if (bar) { bar.value = value; bar.textContent = value + "%"; }
        if (pct) pct.textContent = value + "%";
        if (msg) msg.textContent = job.message || "";
        if (box.dataset.status !== job.status) showStatus(box, job.status);
        box.dataset.status = job.status;
        if (job.status === "succeeded" || job.status === "failed") {
          box.dispatchEvent(new CustomEvent("loa:job", { detail: job, bubbles: true }));
          return;
        }
      } catch (error) { if (msg) msg.textContent = error.message; }
      setTimeout(tick, 800);
    }
    if (box.dataset.status !== "succeeded" && box.dataset.status !== "failed") tick();
  }

  // A region that scrolls sideways must be reachable by keyboard: focusable, with a name.
  function markScrollable() {
    document.querySelectorAll(".table-wrap").forEach((wrap) => {
      if (wrap.scrollWidth <= wrap.clientWidth + 1) {
        if (wrap.dataset.scrollable) { wrap.removeAttribute("tabindex"); delete wrap.dataset.scrollable; }
        return;
      }
      if (wrap.dataset.scrollable) return;
      const section = wrap.closest("section, main");
      const heading = section && section.querySelector("h1, h2, h3");
      wrap.dataset.scrollable = "1";
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Bảng cuộn ngang" + (heading ? ": " + heading.textContent.trim() : ""));
    });
  }

  function watchJobs(root) { (root || document).querySelectorAll("[data-job]").forEach(watchJob); }

  // One player at a time: starting one pauses every other audio or video on the page.
  document.addEventListener("play", (event) => {
    document.querySelectorAll("audio, video").forEach((other) => { if (other !== event.target) other.pause(); });
  }, true);

  document.addEventListener("submit", submitForm);
  document.addEventListener("click", clickAction);
  document.addEventListener("DOMContentLoaded", () => { watchJobs(document); markScrollable(); });
  window.addEventListener("resize", () => { clearTimeout(markScrollable.timer); markScrollable.timer = setTimeout(markScrollable, 200); });
  window.Loa = { api: api, toast: toast, watchJob: watchJob, watchJobs: watchJobs, formBody: formBody,
    ApiError: ApiError, showError: showError, clearErrors: clearErrors };
})();
