/* Thu âm: record the announcer with MediaRecorder, listen, re-record, keep (upload as `file`).
   Uses window.Loa from loa.js for the CSRF-protected upload and the toast. */
(function () {
  "use strict";
  const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
  const state = { recorder: null, stream: null, chunks: [], blob: null, started: 0, timer: null,
    meter: null, audioContext: null };

  function byId(id) { return document.getElementById(id); }
  function show(id, visible) { const el = byId(id); if (el) el.hidden = !visible; }
  function error(message) { byId("rec-error").textContent = message || ""; }

  function clock(seconds) {
    const total = Math.floor(seconds);
    return Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0");
  }

  function pickType() {
    if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return "";
    return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || "";
  }

  function extension(type) {
    if (type.indexOf("ogg") >= 0) return "ogg";
    if (type.indexOf("mp4") >= 0) return "m4a";
    return "webm";
  }

  function startMeter(stream) {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    state.audioContext = new Context();
    const analyser = state.audioContext.createAnalyser();
    analyser.fftSize = 1024;
    state.audioContext.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const bar = byId("rec-level");
    function draw() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const value of samples) sum += value * value;
      const rms = Math.sqrt(sum / samples.length);
      const db = 20 * Math.log10(rms || 1e-9);
      bar.style.width = Math.max(0, Math.min(100, (db + 60) * (100 / 60))) + "%";
      state.meter = requestAnimationFrame(draw);
    }
    draw();
  }

  function stopDevices() {
    if (state.meter) cancelAnimationFrame(state.meter);
    if (state.audioContext) state.audioContext.close();
    if (state.stream) state.stream.getTracks().forEach((track) => track.stop());
    clearInterval(state.timer);
    state.meter = state.audioContext = state.stream = null;
    byId("rec-level").style.width = "0";
    byId("recorder").classList.remove("recording");
  }

  function explainDeviceError(err) {
    if (err && (err.name === "NotAllowedError" || err.name === "SecurityError")) {
      return "Trình duyệt không cho dùng micrô. Hãy cho phép micrô cho trang này rồi thử lại.";
    }
    if (err && err.name === "NotFoundError") return "Không tìm thấy micrô nào trên máy này.";
    return "Không mở được micrô: " + (err && err.message ? err.message : err);
  }

  async function start() {
    error(""); show("rec-saved", false);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      error("Trình duyệt này không hỗ trợ thu âm. Hãy dùng Chrome, Edge hoặc Firefox bản mới.");
      return;
    }
    try {
      state.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) { error(explainDeviceError(err)); return; }
    const type = pickType();
    state.recorder = type ? new MediaRecorder(state.stream, { mimeType: type }) : new MediaRecorder(state.stream);
    state.chunks = [];
    state.recorder.addEventListener("dataavailable", (event) => { if (event.data.size) state.chunks.push(event.data); });
    state.recorder.addEventListener("stop", finished);
    state.recorder.start(1000);
    state.started = Date.now();
    const limit = Number(byId("recorder").dataset.maxSeconds || 3600);
    state.timer = setInterval(() => {
      const seconds = (Date.now() - state.started) / 1000;
      byId("rec-time").textContent = clock(seconds);
      if (seconds >= limit) stop();
    }, 250);
    startMeter(state.stream);
    byId("recorder").classList.add("recording");
    show("rec-start", false); show("rec-stop", true); show("rec-review", false);
    byId("rec-stop").focus();
  }

  function stop() {
    if (state.recorder && state.recorder.state !== "inactive") state.recorder.stop();
  }

  // A MediaRecorder file carries no length: the player shows 0:00 and cannot seek until it has
  // read to the end once. Seek far, wait for the real length, come back to the start.
  function resolveLength(take) {
    const note = byId("rec-take-length");
    const known = () => {
      if (!Number.isFinite(take.duration)) return false;
      take.removeEventListener("durationchange", known);
      take.currentTime = 0;
      if (note) note.textContent = "Bản thu dài " + clock(take.duration) + ".";
      return true;
    };
    take.addEventListener("loadedmetadata", () => {
      if (known()) return;
      take.addEventListener("durationchange", known);
      take.currentTime = 1e101;
    }, { once: true });
  }

  function finished() {
    stopDevices();
    const type = (state.recorder && state.recorder.mimeType) || pickType() || "audio/webm";
    state.blob = new Blob(state.chunks, { type: type });
    const take = byId("rec-take");
    if (take.src) URL.revokeObjectURL(take.src);
    take.src = URL.createObjectURL(state.blob);
    resolveLength(take);
    show("rec-stop", false); show("rec-start", true); show("rec-review", true);
    byId("rec-start").textContent = "● Thu lại từ đầu";
    if (!state.blob.size) error("Bản thu rỗng: micrô không gửi âm thanh nào. Hãy kiểm tra micrô rồi thu lại.");
  }

  function redo() {
    state.blob = null; show("rec-review", false); byId("rec-time").textContent = "0:00";
    start();
  }

  async function keep() {
    if (!state.blob || !state.blob.size) { error("Chưa có bản thu nào để lưu."); return; }
    const box = byId("recorder");
    const button = byId("rec-keep");
    const form = new FormData();
    form.append("file", state.blob, "ban-thu-" + box.dataset.segment + "." + extension(state.blob.type));
    error(""); button.disabled = true; button.textContent = "Đang lưu…";
    try {
      const segment = await window.Loa.api("POST", "/segments/" + box.dataset.segment + "/audio", form, true);
      show("rec-review", false); show("rec-saved", true);
      const current = byId("current-audio");
      current.src = "/segments/" + segment.id + "/audio?v=" + segment.audio_asset_id;
      current.hidden = false;
      byId("current-audio-note").textContent = "Bản thu mới dài " + clock(segment.duration_s || 0) + ".";
      byId("record-status-note").textContent = "Chuyên mục đang ở trạng thái Nháp: cần được duyệt lại.";
      window.Loa.toast("Đã lưu bản thu.");
    } catch (err) {
      error("Không lưu được bản thu: " + err.message);
    } finally {
      button.disabled = false; button.textContent = "✔ Giữ bản thu này";
    }
  }

  function resizer(step) {
    const box = byId("teleprompter");
    return () => {
      const size = parseFloat(getComputedStyle(box).fontSize) + step;
      box.style.fontSize = Math.max(14, Math.min(72, size)) + "px";
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    byId("font-smaller").addEventListener("click", resizer(-4));
    byId("font-larger").addEventListener("click", resizer(4));
    if (!byId("recorder")) return;
    byId("rec-start").addEventListener("click", start);
    byId("rec-stop").addEventListener("click", stop);
    byId("rec-redo").addEventListener("click", redo);
    byId("rec-keep").addEventListener("click", keep);
  });
})();
