/* Phát khẩn cấp: going live from the browser's microphone. The microphone is opened first (a
   refusal creates nothing), then a live alert is created and MediaRecorder's 250 ms pieces are
   sent one after another (POST /alerts/{id}/live?seq=N, with the CSRF token); "Dừng" sends the
   last pieces and ends the alert. */
(function () {
  "use strict";
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const section = document.getElementById("alert-live");
  if (!section) return;
  const form = document.getElementById("live-form");
  const state = document.getElementById("live-state");
  const error = document.getElementById("live-error");
  const live = { alertId: null, recorder: null, stream: null, queue: [], seq: 0, sending: null,
    failed: false, started: 0, timer: null };

  function chosenZones() {
    return Array.from(form.querySelectorAll('input[name="zones"]:checked')).map((el) => el.value);
  }

  function recorderType() {
    const wanted = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm"];
    return wanted.find((t) => window.MediaRecorder && MediaRecorder.isTypeSupported(t)) || "";
  }

  async function sendPieces() {
    while (live.queue.length && !live.failed) {
      const piece = live.queue[0];
      const response = await fetch("/alerts/" + live.alertId + "/live?seq=" + live.seq, {
        method: "POST", body: piece, credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), "Content-Type": piece.type || "application/octet-stream" },
      });
      if (!response.ok) {
        let detail = "Lỗi " + response.status;
        try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
        live.failed = true;
        error.textContent = "Không gửi được âm thanh: " + detail;
        stop();
        return;
      }
      live.queue.shift();
      live.seq += 1;
      document.getElementById("live-sent").textContent = String(live.seq);
    }
  }

  function pump() {
    if (!live.sending) live.sending = sendPieces().finally(() => { live.sending = null; if (live.queue.length && !live.failed) pump(); });
    return live.sending;
  }

  function tick() {
    const seconds = Math.floor((Date.now() - live.started) / 1000);
    document.getElementById("live-clock").textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  async function start(event) {
    event.preventDefault();
    error.textContent = "";
    const zones = chosenZones();
    const where = section.dataset.stationName + (zones.length ? " (khu vực: " + zones.join(", ") + ")" : " (mọi khu vực)");
    if (!window.confirm("Bạn sắp ngắt mọi loa đang phát ở " + where + " để phát trực tiếp. Tiếp tục?")) return;
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      error.textContent = "Trình duyệt này không ghi âm được: dùng Chrome, Edge hoặc Firefox mới.";
      return;
    }
    try {
      live.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      error.textContent = "Không mở được micrô: hãy cho phép trang dùng micrô rồi thử lại.";
      return;
    }
    const resume = form.querySelector('input[name="resume"]:checked').value === "true";
    let alert;
    try {
      alert = await window.Loa.api("POST", "/alerts", { station_id: Number(section.dataset.stationId), kind: "live", zones: zones, resume: resume });
    } catch (e) {
      live.stream.getTracks().forEach((t) => t.stop());
      error.textContent = e.message;
      return;
    }
    live.alertId = alert.id;
    const type = recorderType();
    live.recorder = new MediaRecorder(live.stream, type ? { mimeType: type, audioBitsPerSecond: 32000 } : {});
    live.recorder.addEventListener("dataavailable", (e) => { if (e.data && e.data.size) { live.queue.push(e.data); pump(); } });
    live.recorder.start(250);
    live.started = Date.now();
    live.timer = setInterval(tick, 500);
    document.getElementById("live-where").textContent = where;
    form.hidden = true;
    state.hidden = false;
  }

  async function stop() {
    const recorder = live.recorder;
    live.recorder = null;
    if (recorder && recorder.state !== "inactive") {
      const stopped = new Promise((resolve) => recorder.addEventListener("stop", resolve, { once: true }));
      recorder.stop();
      await stopped;
    }
    if (live.stream) live.stream.getTracks().forEach((t) => t.stop());
    clearInterval(live.timer);
    if (!live.failed) await pump();
    if (live.alertId !== null) {
      try { await window.Loa.api("POST", "/alerts/" + live.alertId + "/end"); } catch (e) { /* already ended */ }
    }
    window.location.reload();
  }

  form.addEventListener("submit", start);
  document.getElementById("live-stop").addEventListener("click", () => { document.getElementById("live-stop").disabled = true; stop(); });
})();
