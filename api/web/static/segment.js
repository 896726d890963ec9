/* Segment editor: speech preview with unknown words, one-click lexicon entries, speech rendering.
   Uses window.Loa from loa.js (JSON calls with the CSRF token, field errors, job progress). */
(function () {
  "use strict";
  const SOURCES = { rule: "quy tắc", lexicon: "từ điển sẵn có", operator: "từ điển của đài",
    text: "như viết", unknown: "chưa biết cách đọc" };

  function editor() { return document.getElementById("segment-editor"); }
  function byId(id) { return document.getElementById(id); }

  function currentText() {
    const box = byId("f-script");
    if (box && box.closest("#segment-form")) return box.value;
    const pre = byId("segment-script");
    return pre ? pre.textContent : "";
  }

  function currentVoice() {
    const select = document.querySelector("#segment-form [name=voice]");
    return select ? select.value : editor().dataset.voice;
  }

  function renderSpans(spans) {
    const box = byId("spoken-text");
    box.textContent = "";
    spans.forEach((span, index) => {
      if (index) box.appendChild(document.createTextNode(" "));
      const el = document.createElement("span");
      if (span.source === "unknown") {
        el.className = "unknown"; el.dataset.testid = "unknown-word"; el.dataset.word = span.text;
        el.setAttribute("role", "button"); el.tabIndex = 0; el.title = SOURCES.unknown;
        el.textContent = span.text;
      } else {
        el.className = "span-" + span.source;
        el.title = span.text + " — " + (SOURCES[span.source] || span.source);
        el.textContent = span.spoken;
      }
      box.appendChild(el);
    });
  }

  function playWhenReady(job, url) {
    const holder = byId("preview-job");
    const audio = byId("preview-audio");
    holder.innerHTML = '<div class="job" data-job="' + job + '" data-status="queued">' +
      '<progress max="100" value="0">0%</progress><span class="job-pct">0%</span>' +
      '<span class="job-msg"></span></div>';
    const box = holder.firstElementChild;
    box.addEventListener("loa:job", (event) => {
      if (event.detail.status === "succeeded") {
        audio.src = url; audio.hidden = false; holder.textContent = "";
        const fallback = (event.detail.result || {}).fallback;
        byId("preview-status").textContent = fallback
          ? "Giọng đọc trực tuyến không dùng được lúc này (chưa có khóa, hết hạn mức hoặc mất mạng): bản đọc thử dùng giọng ngoại tuyến espeak-ng."
          : "Bản đọc thử đã sẵn sàng.";
      } else {
        byId("preview-error").textContent = event.detail.message || "Không tổng hợp được bản đọc thử.";
      }
    });
    window.Loa.watchJob(box);
  }

  async function preview(withAudio) {
    const status = byId("preview-status");
    byId("preview-error").textContent = "";
    const text = currentText();
    if (!text.trim()) { byId("preview-error").textContent = "Kịch bản đang trống, không có gì để đọc."; return; }
    status.textContent = "Đang phân tích…";
    try {
      const body = { text: text, voice: currentVoice(), station_id: Number(editor().dataset.station) };
      const data = await window.Loa.api("POST", "/speech/preview", body);
      renderSpans(data.spans);
      status.textContent = data.unknown.length
        ? "Có " + data.unknown.length + " từ chưa biết cách đọc." : "Mọi từ đều đã biết cách đọc.";
      if (withAudio) playWhenReady(data.job_id, data.audio_url);
    } catch (error) {
      status.textContent = "";
      byId("preview-error").textContent = error.message;
    }
  }

  function openLexiconForm(word, anchor) {
    const form = byId("lexicon-quick");
    if (!form) return;
    document.querySelectorAll("#spoken-text .picked").forEach((el) => el.classList.remove("picked"));
    window.Loa.clearErrors(form);
    form.querySelector("[name=written]").value = word;
    form.querySelector("[name=spoken]").value = "";
    form.hidden = false;
    anchor.classList.add("picked");
    form.querySelector("[name=spoken]").focus();
  }

  function onSpokenClick(event) {
    const word = event.target.closest(".unknown[data-word]");
    if (!word) return;
    openLexiconForm(word.dataset.word, word);
  }

  function onSpokenKey(event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches(".unknown[data-word]")) {
      event.preventDefault(); onSpokenClick(event);
    }
  }

  function onRenderQueued(event) {
    const job = event.detail;
    const holder = byId("render-job");
    holder.innerHTML = '<div class="job" data-job="' + job.id + '" data-status="' + job.status + '">' +
      '<progress max="100" value="' + job.progress + '">' + job.progress + '%</progress>' +
      '<span class="job-pct">' + job.progress + '%</span><span class="job-msg"></span></div>';
    const box = holder.firstElementChild;
    box.addEventListener("loa:job", renderFinished);
    window.Loa.watchJob(box);
  }

  function renderFinished(event) {
    const job = event.detail;
    if (job.status !== "succeeded") {
      byId("render-error").textContent = job.message || "Tổng hợp giọng đọc thất bại.";
      return;
    }
    let audio = byId("segment-audio");
    if (!audio) {
      audio = document.createElement("audio");
      audio.id = "segment-audio"; audio.dataset.testid = "segment-audio"; audio.controls = true;
      const none = byId("no-audio");
      if (none) none.replaceWith(audio); else byId("render-job").before(audio);
    }
    audio.src = "/segments/" + editor().dataset.segment + "/audio?job=" + job.id;
    const wave = byId("segment-waveform");  // the player's picture follows the new speech
    if (wave) wave.src = "/segments/" + editor().dataset.segment + "/waveform.svg?job=" + job.id;
    byId("render-job").textContent = "Đã tổng hợp xong giọng đọc.";
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!editor()) return;
    const spoken = byId("spoken-text");
    spoken.addEventListener("click", onSpokenClick);
    spoken.addEventListener("keydown", onSpokenKey);
    const button = byId("preview-button");
    if (button) button.addEventListener("click", () => preview(true));
    const form = byId("lexicon-quick");
    if (form) {
      form.addEventListener("loa:done", () => {
        form.hidden = true;
        window.Loa.toast("Đã thêm vào từ điển phát âm.");
        preview(false);
      });
      byId("lexicon-quick-cancel").addEventListener("click", () => { form.hidden = true; });
    }
    const render = byId("render-speech");
    if (render) render.addEventListener("loa:done", onRenderQueued);
    const pending = document.querySelector("#render-job > [data-job]");
    if (pending) pending.addEventListener("loa:job", renderFinished);
  });
})();
