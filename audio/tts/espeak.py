"""Offline Vietnamese speech with libespeak-ng (from the espeakng-loader wheel) through ctypes.

The C library keeps global state, so all synthesis in the process is serialised by one lock
and the library is initialised once, lazily, on first use.  Constants follow espeak-ng 1.52's
``speak_lib.h`` (API revision 12).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field

from audio.tts.base import (
    EngineUnavailable,
    Speech,
    SynthesisFailed,
    UnknownVoice,
    Voice,
    require_engine,
    require_text,
)
from audio.tts.wav import native_to_little_endian, pcm_to_wav

ENGINE_NAME = "espeak"

# speak_lib.h enums and flags
AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT
POS_CHARACTER = 1  # espeak_POSITION_TYPE
ESPEAK_CHARS_UTF8 = 1  # espeakCHARS_UTF8
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
ESPEAK_RATE, ESPEAK_PITCH, ESPEAK_WORDGAP = 1, 3, 7  # espeak_PARAMETER
EE_OK, EE_INTERNAL_ERROR, EE_BUFFER_FULL, EE_NOT_FOUND = 0, -1, 1, 2  # espeak_ERROR
BUFFER_MS = 500
RATE_MIN_WPM, RATE_MAX_WPM = 80, 450  # espeakRATE_MINIMUM / espeakRATE_MAXIMUM

# int cb(short *wav, int numsamples, espeak_EVENT *events); events left opaque.
_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# Measured with bench/intelligibility.py (offline ASR, 40 ward notices, 300 ms padding): 175 wpm
# 61 %; 130 wpm + 50 ms word gap 48-49 %, whatever the variant, word gap (100, 150 ms), rate
# (120 wpm) or phrase limit tried; slower settings only lengthened the airtime.  "vi" uses the
# "f3" variant (48.7 %, the lowest measured); the central and southern voices keep the plain
# variant (the same tuning made them worse).
VOICES: tuple[Voice, ...] = (
    Voice(name="vi", engine=ENGINE_NAME, language="vi", engine_voice="vi+f3"),
    Voice(name="vi-central", engine=ENGINE_NAME, language="vi", engine_voice="vi-vn-x-central"),
    Voice(name="vi-south", engine=ENGINE_NAME, language="vi", engine_voice="vi-vn-x-south"),
)

_LOCK = threading.Lock()  # one synthesis at a time per process: the C library is global


@dataclass
class _Library:
    """The loaded, initialised C library and the PCM collected by its callback."""

    cdll: ctypes.CDLL
    sample_rate: int
    version: str
    pcm: bytearray = field(default_factory=bytearray)
    callback: object = None  # keeps the ctypes callback alive for the library's lifetime


_library: _Library | None = None


def _declare(cdll: ctypes.CDLL) -> None:
    """Declare argument and result types of the functions used."""
    c_int, c_uint, c_char_p = ctypes.c_int, ctypes.c_uint, ctypes.c_char_p
    cdll.espeak_Initialize.argtypes = [c_int, c_int, c_char_p, c_int]
    cdll.espeak_Initialize.restype = c_int
    cdll.espeak_Info.argtypes = [ctypes.POINTER(c_char_p)]
    cdll.espeak_Info.restype = c_char_p
    cdll.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    cdll.espeak_SetSynthCallback.restype = None
    cdll.espeak_SetVoiceByName.argtypes = [c_char_p]
    cdll.espeak_SetVoiceByName.restype = c_int
    cdll.espeak_SetParameter.argtypes = [c_int, c_int, c_int]
    cdll.espeak_SetParameter.restype = c_int
    cdll.espeak_Synth.argtypes = [
        ctypes.c_void_p,  # const void *text
        ctypes.c_size_t,  # size
        c_uint,  # position
        c_int,  # position_type
        c_uint,  # end_position
        c_uint,  # flags
        ctypes.POINTER(c_uint),  # unique_identifier
        ctypes.c_void_p,  # user_data
    ]
    cdll.espeak_Synth.restype = c_int
    cdll.espeak_Synchronize.argtypes = []
    cdll.espeak_Synchronize.restype = c_int


def _load() -> _Library:
    """Load and initialise libespeak-ng; call with _LOCK held."""
    global _library
    if _library is not None:
        return _library
    try:
        import espeakng_loader

        cdll = ctypes.CDLL(espeakng_loader.get_library_path())
        data_path = str(espeakng_loader.get_data_path()).encode()
        _declare(cdll)
    except (ImportError, OSError, AttributeError) as exc:
        raise EngineUnavailable(f"espeak-ng library not available: {exc}") from exc
    options = ESPEAK_INITIALIZE_DONT_EXIT
    sample_rate = cdll.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, data_path, options)
    if sample_rate <= 0:
        raise EngineUnavailable(f"espeak_Initialize failed (returned {sample_rate})")
    data_dir = ctypes.c_char_p()
    raw_version = cdll.espeak_Info(ctypes.byref(data_dir)) or b"unknown"
    library = _Library(cdll=cdll, sample_rate=sample_rate, version=raw_version.decode())

    def on_audio(wav: ctypes._Pointer[ctypes.c_short], numsamples: int, _events: int) -> int:
        if wav and numsamples > 0:
            library.pcm.extend(ctypes.string_at(wav, numsamples * 2))
        return 0  # 0 = continue synthesis

    library.callback = _SynthCallback(on_audio)
    cdll.espeak_SetSynthCallback(library.callback)
    _library = library
    return library


def _check(result: int, what: str) -> None:
    """Raise SynthesisFailed unless an espeak call returned EE_OK."""
    if result != EE_OK:
        raise SynthesisFailed(f"espeak-ng {what} failed with error code {result}")


def _apply_voice(library: _Library, voice: Voice) -> None:
    """Select the voice and set rate, pitch and word gap (parameters persist globally)."""
    result = library.cdll.espeak_SetVoiceByName(voice.engine_voice.encode())
    if result == EE_NOT_FOUND:
        raise UnknownVoice(f"espeak-ng has no voice {voice.engine_voice!r} (voice {voice.name!r})")
    _check(result, f"SetVoiceByName({voice.engine_voice!r})")
    rate = min(max(voice.rate_wpm, RATE_MIN_WPM), RATE_MAX_WPM)
    gap_units = round(voice.word_gap_ms / 10)
    set_parameter = library.cdll.espeak_SetParameter
    _check(set_parameter(ESPEAK_RATE, rate, 0), "SetParameter(RATE)")
    _check(set_parameter(ESPEAK_PITCH, voice.pitch, 0), "SetParameter(PITCH)")
    _check(set_parameter(ESPEAK_WORDGAP, gap_units, 0), "SetParameter(WORDGAP)")


def _synthesize_pcm(library: _Library, text: str) -> bytes:
    """Run espeak_Synth synchronously and return the native-endian PCM it produced."""
    encoded = text.encode("utf-8") + b"\x00"
    library.pcm.clear()
    try:
        result = library.cdll.espeak_Synth(
            encoded, len(encoded), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None
        )
        _check(result, "Synth")
        _check(library.cdll.espeak_Synchronize(), "Synchronize")
        return bytes(library.pcm)
    finally:
        library.pcm.clear()


class EspeakEngine:
    """TTSEngine backed by libespeak-ng; safe to share between threads."""

    name = ENGINE_NAME

    def version(self) -> str:
        """Return the library version, e.g. "1.52.0" (loads the library)."""
        with _LOCK:
            return _load().version

    def sample_rate(self) -> int:
        """Return the output sample rate in Hz (22050 for espeak-ng)."""
        with _LOCK:
            return _load().sample_rate

    def voices(self) -> list[Voice]:
        """Return the Vietnamese voices: "vi" (Northern), "vi-central", "vi-south"."""
        return list(VOICES)

    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak ``text`` with ``voice`` and return a 16-bit mono WAV."""
        require_engine(voice, self.name)
        spoken = require_text(text)
        with _LOCK:
            library = _load()
            _apply_voice(library, voice)
            pcm = _synthesize_pcm(library, spoken)
        if not pcm:
            raise SynthesisFailed(f"espeak-ng produced no audio for voice {voice.name!r}")
        wav = pcm_to_wav(native_to_little_endian(pcm), library.sample_rate)
        return Speech(
            wav=wav,
            sample_rate=library.sample_rate,
            engine=self.name,
            engine_version=library.version,
        )
