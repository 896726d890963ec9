/* The waveform player: a waveform picture over which a playhead follows the audio, and which
   seeks on click and on ←/→ (Home/End, PageUp/PageDown; Space plays or pauses). Markup comes
   from the `waveplayer` macro (player_macros.html); one player at a time is loa.js's job.
   window.LoaWave.init(root) wires players added to the page later (e.g. a refreshed list). */
(function () {
  "use strict";

  function clock(seconds) {
    const total = Math.max(0, Math.round(seconds || 0));
    return Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0");
  }

  function initPlayer(player) {
    if (player.dataset.ready) return;
    player.dataset.ready = "1";
    const audio = player.querySelector("audio");
    const wave = player.querySelector(".wave");
    const head = wave.querySelector(".playhead");
    const length = () => (isFinite(audio.duration) && audio.duration) || Number(wave.dataset.duration) || 0;
    const step = () => (length() < 60 ? 1 : 5);
    const show = () => {
      const total = length();
      const fraction = total ? Math.min(1, audio.currentTime / total) : 0;
      head.style.left = (fraction * 100).toFixed(2) + "%";
      wave.setAttribute("aria-valuenow", String(Math.round(audio.currentTime)));
      wave.setAttribute("aria-valuetext", clock(audio.currentTime) + " / " + clock(total));
    };
    const seek = (seconds) => {
      const go = () => { audio.currentTime = Math.max(0, Math.min(length(), seconds)); show(); };
      if (audio.readyState >= 1) go();
      else { audio.preload = "metadata"; audio.addEventListener("loadedmetadata", go, { once: true }); audio.load(); }
    };
    wave.addEventListener("click", (event) => {
      const box = wave.getBoundingClientRect();
      seek(((event.clientX - box.left) / box.width) * length());
    });
    wave.addEventListener("keydown", (event) => {
      const total = length();
      const moves = {
        ArrowRight: step(), ArrowUp: step(), ArrowLeft: -step(), ArrowDown: -step(),
        PageUp: total / 10, PageDown: -total / 10,
      };
      if (event.key === " ") {
        event.preventDefault();
        if (audio.paused) audio.play(); else audio.pause();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault(); seek(event.key === "Home" ? 0 : total);
      } else if (moves[event.key] !== undefined) {
        event.preventDefault(); seek(audio.currentTime + moves[event.key]);
      }
    });
    ["timeupdate", "seeked", "loadedmetadata", "durationchange"].forEach((name) => audio.addEventListener(name, show));
  }

  function init(root) { (root || document).querySelectorAll("[data-waveplayer]").forEach(initPlayer); }

  window.LoaWave = { init: init };
  document.addEventListener("DOMContentLoaded", () => init(document));
})();
