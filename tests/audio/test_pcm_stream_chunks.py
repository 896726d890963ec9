"""A decoder fed MP3 pieces by this process (a live relay) gives their audio as PCM, then ends."""

import array
import time
from collections.abc import Iterator
from pathlib import Path

from audio._ffmpeg_gen import generate_tone
from audio.pcm_stream import BYTES_PER_S, Decoder


def _pieces(path: Path, size: int = 2048) -> Iterator[bytes]:
    data = path.read_bytes()
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_mp3_pieces_decode_to_their_sound_and_the_decoder_ends(tmp_path: Path) -> None:
    tone = tmp_path / "tone.mp3"
    generate_tone(tone, seconds=1.0, freq=1000, sample_rate=24000, volume_db=-6)
    decoder = Decoder(_pieces(tone))
    pcm = bytearray()
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and len(pcm) < BYTES_PER_S // 2:
            pcm += decoder.read(2400).rstrip(b"\x00")
            time.sleep(0.01)
    finally:
        decoder.close()
    samples = array.array("h", bytes(pcm[: len(pcm) // 2 * 2]))
    assert len(samples) >= BYTES_PER_S // 4, "no audio came out of the pieces"
    assert max(abs(s) for s in samples) > 8000  # a -6 dBFS tone, not silence
