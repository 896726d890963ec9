"""Plain Vietnamese for technical settings: output profiles, engines and the voices shown."""

from typing import Any

from audio.profiles import LOW_BANDWIDTH_PROFILE, OutputProfile
from audio.tts import CLOUD_ENGINES, Voice, list_voices
from broadcast.config import Settings
from broadcast.media import cloud_config

NAMED_PROFILES = {LOW_BANDWIDTH_PROFILE.name: "MP3 48 kbps, mono — cho loa 3G/4G"}
TEST_ENGINE = "fake"  # the silent test voice: listed only when the server itself runs on it
ENGINE_WORDS = {
    "espeak": "eSpeak NG, đọc ngay trên máy chủ",
    "gtts": "Google, cần Internet",
    "piper": "Piper, giọng tự nhiên trên máy chủ",
    "google": "Google Cloud, trực tuyến, tính ký tự",
    "azure": "Microsoft Azure, trực tuyến, tính ký tự",
    "fpt": "FPT.AI, trực tuyến, tính ký tự",
    "viettel": "Viettel AI, trực tuyến, tính ký tự",
    TEST_ENGINE: "giọng thử nghiệm",
}


def profile_hint(profile: OutputProfile) -> str:
    """What a format is good for, in words."""
    if profile.codec == "wav":
        return "không nén, tệp lớn; cho máy phát chỉ đọc WAV"
    if profile.codec == "opus":
        return "rất nhẹ, cho loa IP và truyền qua mạng"
    if profile.channels == 2:
        return "hai kênh, cho nhạc và loa trong nhà"
    if profile.bitrate_kbps <= 64:
        return "rất nhẹ, đủ cho tiếng nói"
    if profile.bitrate_kbps <= 128:
        return "nhẹ, hợp loa đường phố"
    return "chất lượng cao, tệp lớn hơn"


def profile_words(name: str) -> str:
    """A profile name (mp3-128k-mono-44100) as words: "MP3 128 kbps, mono — nhẹ, …"."""
    if name in NAMED_PROFILES:
        return NAMED_PROFILES[name]
    try:
        profile = OutputProfile.parse(name)
    except ValueError:
        return name
    layout = "mono" if profile.channels == 1 else "stereo"
    rate = "" if profile.sample_rate == 44100 else f", {profile.sample_rate / 1000:g} kHz"
    rate = rate.replace(".", ",")
    if profile.codec == "wav":
        head = f"WAV, {layout}{rate}"
    else:
        codec = {"mp3": "MP3", "opus": "Opus"}[profile.codec]
        head = f"{codec} {profile.bitrate_kbps} kbps, {layout}{rate}"
    return f"{head} — {profile_hint(profile)}"


def shown_voices(settings: Settings, keep: str | None = None) -> list[Voice]:
    """The voices the pages offer: the test voice only when the server runs on it, a cloud
    voice only when its key is set (or either when it is `keep`, the current choice)."""
    testing = settings.tts_engine == TEST_ENGINE
    configured = {name for name in CLOUD_ENGINES if cloud_config(settings, name).key}
    return [
        voice
        for voice in list_voices()
        if voice.name == keep
        or (voice.engine != TEST_ENGINE or testing)
        and (voice.engine not in CLOUD_ENGINES or voice.engine in configured)
    ]


def voice_words(voice: Voice) -> str:
    """A voice as a menu shows it: its name and its engine in words."""
    return f"{voice.name} ({ENGINE_WORDS.get(voice.engine, voice.engine)})"


def windows_text(windows: Any) -> str:
    """Quiet windows as the forms show them: "22:00-05:30, 11:30-13:00"."""
    if not isinstance(windows, list):
        return ""
    return ", ".join(f"{w.get('start')}-{w.get('end')}" for w in windows if isinstance(w, dict))


def zone_quiet_text(zones: Any) -> str:
    """Per-zone quiet hours, one zone a line: "Tổ dân phố 3: 21:00-06:00, 11:30-13:00"."""
    if not isinstance(zones, dict):
        return ""
    return "\n".join(f"{zone}: {windows_text(windows)}" for zone, windows in zones.items())


def level(value: float | None, unit: str) -> str:
    """A level the Vietnamese way: −16 LUFS, −1,5 dBTP (true minus sign, decimal comma)."""
    if value is None:
        return "–"
    number = f"{abs(value):g}".replace(".", ",")
    return f"{'−' if value < 0 else ''}{number} {unit}"


def duration_words(seconds: float) -> str:
    """15 phút, 2 phút 05 giây, 45 giây."""
    total = int(round(seconds))
    if total < 60:
        return f"{total} giây"
    return f"{total // 60} phút" + (f" {total % 60:02d} giây" if total % 60 else "")
