"""ffmpeg playback: to the sound card (PulseAudio, ALSA or OSS), a null sink or WAV files."""

import logging
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

log = logging.getLogger("player.playout")
SOUND_SINKS = {  # ffmpeg output device → its output arguments
    "pulse": ["-f", "pulse", "loa-player"],
    "alsa": ["-f", "alsa", "default"],
    "oss": ["-f", "oss", "/dev/dsp"],
}


def find_ffmpeg(explicit: str | None = None) -> str:
    """The ffmpeg to run: --ffmpeg, else the one on PATH, else imageio-ffmpeg's if installed."""
    if explicit:
        return explicit
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg  # type: ignore[import-untyped]  # only to find its binary
    except ImportError:
        raise SystemExit(
            "ffmpeg not found: install it (apt install ffmpeg) or pass --ffmpeg"
        ) from None
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def sound_sinks(ffmpeg: str) -> list[str]:
    """The sound-card outputs this ffmpeg offers, best first (PulseAudio only when running)."""
    try:
        listed = subprocess.run(
            [ffmpeg, "-hide_banner", "-devices"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    rows = [line.split() for line in listed.splitlines() if line[:3].strip().endswith("E")]
    names = {row[1] for row in rows if len(row) > 1}
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}"))
    pulse = bool(os.environ.get("PULSE_SERVER")) or (runtime / "pulse" / "native").exists()
    return [n for n in SOUND_SINKS if n in names and (n != "pulse" or pulse)] or ["oss"]


class Output:
    """Where playback goes: "sound", "null" or "file:DIR" (one WAV per playback)."""

    def __init__(self, spec: str, ffmpeg: str) -> None:
        self.spec = spec
        self.folder: Path | None = None
        self.sinks: list[str] = []
        if spec.startswith("file:"):
            self.folder = Path(spec.removeprefix("file:"))
            self.folder.mkdir(parents=True, exist_ok=True)
        elif spec == "sound":
            self.sinks = sound_sinks(ffmpeg)
        elif spec != "null":
            raise ValueError("--output: sound, null or file:DIR")

    def args(self, label: str, started: datetime) -> list[str]:
        """ffmpeg output arguments for one playback named `label` (e.g. session-12)."""
        if self.folder is not None:
            name = f"{started:%Y%m%dT%H%M%S.%f}-{label}.wav"
            # written as it plays (ffmpeg would otherwise hold small outputs until the end)
            return ["-flush_packets", "1", "-f", "wav", "-y", str(self.folder / name)]
        if self.sinks:
            return SOUND_SINKS[self.sinks[0]]
        return ["-f", "null", "-"]

    def failed(self) -> None:
        """The current sound sink failed: use the next one from now on."""
        if len(self.sinks) > 1:
            log.warning("output %s failed; falling back to %s", self.sinks[0], self.sinks[1])
            self.sinks.pop(0)


class Playback:
    """One running ffmpeg playing a source from an offset."""

    def __init__(
        self,
        ffmpeg: str,
        source: str,
        output: list[str],
        offset_s: float = 0.0,
        realtime: bool = True,
        headers: str | None = None,
        volume: float | None = None,
    ) -> None:
        command = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error"]
        if realtime:
            command.append("-re")
        if offset_s > 0:
            command += ["-ss", f"{offset_s:.3f}"]
        if headers:
            command += ["-headers", headers]
        command += ["-i", source]
        if volume is not None:
            command += ["-af", f"volume={volume:.2f}"]
        self.process = subprocess.Popen(
            command + output, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip

    def finished(self) -> bool:
        """Whether ffmpeg has exited."""
        return self.process.poll() is not None

    def ok(self) -> bool:
        """Whether ffmpeg exited cleanly (logs its error otherwise)."""
        code = self.process.wait()
        if code != 0 and self.process.stderr is not None:
            log.error("ffmpeg exited %d: %s", code, self.process.stderr.read()[-500:].decode(
                "utf-8", "replace"))  # fmt: skip
        return code == 0

    def stop(self) -> None:
        """Stop playing at once."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
