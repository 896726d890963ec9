"""MPEG audio Layer III frames: headers, the Xing/Info + LAME frame, and a frame scan of a file.

Enough of the format to join CBR MP3 files written by LAME (through ffmpeg) without decoding:
an ID3v2 tag is skipped, an ID3v1 tag dropped, the first frame is recognised as an Info/Xing
frame and its LAME tag read (encoder delay and padding, 12 bits each, at tag offset 21).
A decoder plays ``frames * samples_per_frame - delay - padding`` samples (stored values); the
first real sample sits ``delay + 529`` samples into the decoder's output, the last one
``padding - 529`` samples before its end; Mp3Scan holds those two real positions.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio.errors import AudioError

DECODER_DELAY: Final = 529  # decoder delay: shifts both the stored delay and padding
_BITRATES_V1: Final = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_V2: Final = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_RATES: Final = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_INFO_TAGS: Final = (b"Info", b"Xing")
# Header bits every frame of one CBR stream shares: sync, version, layer, bitrate, sample rate
# (not CRC, padding, private, mode extension, copyright or emphasis).
_STREAM_BITS: Final = 0xFFFEFC00
_HEADER: Final = struct.Struct(">I")
_FLAG_FRAMES, _FLAG_BYTES, _FLAG_TOC = 1, 2, 4


class NotJoinable(AudioError):
    """The file cannot be joined frame by frame (not a clean CBR Layer III stream)."""


@dataclass(frozen=True)
class FrameHeader:
    """The fields of a Layer III frame header that joining needs."""

    raw: int
    version_id: int  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    bitrate_kbps: int
    sample_rate: int
    padding: int
    channels: int
    crc: bool

    @property
    def samples(self) -> int:
        """Samples per frame (1152 for MPEG-1, 576 for MPEG-2/2.5)."""
        return 1152 if self.version_id == 3 else 576

    @property
    def length(self) -> int:
        """Frame length in bytes."""
        coef = 144 if self.version_id == 3 else 72
        return coef * self.bitrate_kbps * 1000 // self.sample_rate + self.padding

    @property
    def side_info(self) -> int:
        """Bytes of side information after the header (and CRC)."""
        if self.version_id == 3:
            return 17 if self.channels == 1 else 32
        return 9 if self.channels == 1 else 17

    def compatible(self, other: FrameHeader) -> bool:
        """True when frames of both headers may follow each other in one stream."""
        keys = ("version_id", "bitrate_kbps", "sample_rate", "channels")
        return all(getattr(self, k) == getattr(other, k) for k in keys)


def parse_header(data: bytes, pos: int = 0) -> FrameHeader | None:
    """The Layer III header at ``data[pos:pos+4]``, or None if there is none."""
    if pos + 4 > len(data):
        return None
    (raw,) = struct.unpack_from(">I", data, pos)
    if raw >> 21 != 0x7FF or (raw >> 17) & 3 != 1:  # sync, layer III
        return None
    version, rate_idx, br_idx = (raw >> 19) & 3, (raw >> 10) & 3, (raw >> 12) & 15
    if version == 1 or rate_idx == 3 or br_idx in (0, 15):
        return None
    table = _BITRATES_V1 if version == 3 else _BITRATES_V2
    channels = 1 if (raw >> 6) & 3 == 3 else 2
    return FrameHeader(
        raw=raw,
        version_id=version,
        bitrate_kbps=table[br_idx],
        sample_rate=_RATES[version][rate_idx],
        padding=(raw >> 9) & 1,
        channels=channels,
        crc=not (raw >> 16) & 1,
    )


def main_data_begin(frame: bytes, header: FrameHeader) -> int:
    """The bit-reservoir back pointer of a frame (0: the frame needs no earlier bytes)."""
    start = 4 + (2 if header.crc else 0)
    word = int.from_bytes(frame[start : start + 2], "big")
    return word >> 7 if header.version_id == 3 else word >> 8


@dataclass(frozen=True)
class Mp3Scan:
    """Where the audio frames of a file are and how many samples they decode to."""

    header: FrameHeader  # of the first audio frame
    info_frame: bytes | None  # the Info/Xing frame with a LAME tag, if any
    audio_start: int
    audio_end: int
    frames: int
    delay: int  # samples before the first real one (stored delay + decoder delay)
    padding: int  # samples after the last real one (stored padding - decoder delay)

    @property
    def samples(self) -> int:
        """Samples a decoder outputs for this file."""
        return self.frames * self.header.samples - self.delay - self.padding


def _id3v2_size(data: bytes) -> int:
    if len(data) >= 10 and data[:3] == b"ID3":
        size = 0
        for byte in data[6:10]:
            size = (size << 7) | (byte & 0x7F)
        return 10 + size + (10 if data[5] & 0x10 else 0)
    return 0


def lame_tag_offset(frame: bytes, header: FrameHeader) -> int | None:
    """Offset of the LAME tag inside an Info/Xing frame, or None when the frame has none."""
    pos = 4 + (2 if header.crc else 0) + header.side_info
    if frame[pos : pos + 4] not in _INFO_TAGS:
        return None
    flags = int.from_bytes(frame[pos + 4 : pos + 8], "big")
    pos += 8 + 4 * bool(flags & _FLAG_FRAMES) + 4 * bool(flags & _FLAG_BYTES)
    pos += 100 * bool(flags & _FLAG_TOC) + 4 * bool(flags & 8)
    return pos if pos + 36 <= len(frame) else None


def is_info_frame(frame: bytes, header: FrameHeader) -> bool:
    """True when the frame is a Xing/Info frame rather than audio."""
    pos = 4 + (2 if header.crc else 0) + header.side_info
    return frame[pos : pos + 4] in _INFO_TAGS


def frame_offsets(data: bytes, start: int, end: int) -> list[int]:
    """Byte offsets of the frames in ``data[start:end]`` (stops at the first non-frame)."""
    offsets, pos = [], start
    while pos < end and (header := parse_header(data, pos)) is not None:
        offsets.append(pos)
        pos += header.length
    return offsets


def scan_mp3(path: Path) -> Mp3Scan:
    """Walk every frame of a CBR MP3; NotJoinable when the stream is not clean and constant."""
    data = path.read_bytes()
    pos, end = _id3v2_size(data), len(data)
    if end - pos >= 128 and data[end - 128 : end - 125] == b"TAG":
        end -= 128
    first = parse_header(data, pos)
    if first is None:
        raise NotJoinable(f"{path.name}: no MP3 frame at the start")
    info, delay, padding = None, 0, 0
    frame = data[pos : pos + first.length]
    if is_info_frame(frame, first):
        tag = lame_tag_offset(frame, first)
        if tag is not None:
            info = frame
            packed = int.from_bytes(frame[tag + 21 : tag + 24], "big")
            delay = (packed >> 12) + DECODER_DELAY
            padding = (packed & 0xFFF) - DECODER_DELAY
        pos += first.length
    audio_start, header = pos, parse_header(data, pos)
    if header is None or not header.compatible(first):
        raise NotJoinable(f"{path.name}: no audio frame after the Info frame")
    frames, pos = _count_frames(data, pos, end, header)
    if pos >= 0:
        raise NotJoinable(f"{path.name}: broken or variable frame at byte {pos}")
    return Mp3Scan(header, info, audio_start, end, frames, delay, padding)


def _count_frames(data: bytes, pos: int, end: int, first: FrameHeader) -> tuple[int, int]:
    """(frames, -1) when ``data[pos:end]`` is whole frames like ``first``, else (0, bad pos)."""
    stream, mono = first.raw & _STREAM_BITS, first.channels == 1
    unpadded = first.length - first.padding
    frames = 0
    while pos < end:  # header by header without objects: this runs for every cached item
        if pos + 4 > end:
            return 0, pos
        (raw,) = _HEADER.unpack_from(data, pos)
        if raw & _STREAM_BITS != stream or ((raw >> 6) & 3 == 3) != mono:
            return 0, pos
        length = unpadded + ((raw >> 9) & 1)
        if pos + length > end:
            return 0, pos
        pos += length
        frames += 1
    return frames, -1


def crc16(data: bytes) -> int:
    """CRC-16/ARC, as ffmpeg and LAME use for the LAME tag."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def build_info_frame(
    template: bytes, header: FrameHeader, frames: int, audio_bytes: int, delay: int, padding: int
) -> bytes:
    """A copy of an Info frame (with LAME tag) describing a stream of ``frames`` audio frames."""
    frame = bytearray(template)
    pos = 4 + (2 if header.crc else 0) + header.side_info
    tag = lame_tag_offset(template, header)
    if tag is None:
        raise NotJoinable("the template frame has no LAME tag")
    flags = int.from_bytes(frame[pos + 4 : pos + 8], "big")
    field = pos + 8
    total_bytes = audio_bytes + len(frame)
    if flags & _FLAG_FRAMES:
        struct.pack_into(">I", frame, field, frames)
        field += 4
    if flags & _FLAG_BYTES:
        struct.pack_into(">I", frame, field, total_bytes)
        field += 4
    if flags & _FLAG_TOC:  # CBR: byte position grows linearly with time
        frame[field : field + 100] = bytes(min(255, i * 256 // 100) for i in range(100))
    stored_delay, stored_padding = delay - DECODER_DELAY, padding + DECODER_DELAY
    if not (0 <= stored_delay <= 0xFFF and 0 <= stored_padding <= 0xFFF):
        raise NotJoinable(f"delay {delay} / padding {padding} do not fit a LAME tag")
    packed = (stored_delay << 12) | stored_padding
    frame[tag + 21 : tag + 24] = packed.to_bytes(3, "big")
    struct.pack_into(">I", frame, tag + 28, total_bytes)  # music length
    frame[tag + 32 : tag + 36] = bytes(4)  # music CRC unknown (not computed), tag CRC below
    struct.pack_into(">H", frame, tag + 34, crc16(bytes(frame[:190])))
    return bytes(frame)


def scan_to_dict(scan: Mp3Scan) -> dict[str, object]:
    """A JSON-able form of a scan, cached beside the MP3 it describes."""
    return {
        "header": scan.header.raw,
        "info": scan.info_frame.hex() if scan.info_frame else None,
        "audio_start": scan.audio_start,
        "audio_end": scan.audio_end,
        "frames": scan.frames,
        "delay": scan.delay,
        "padding": scan.padding,
    }


def scan_from_dict(data: dict[str, object]) -> Mp3Scan:
    """The scan stored by scan_to_dict; ValueError/KeyError/TypeError if it is damaged."""
    header = parse_header(int(str(data["header"])).to_bytes(4, "big"))
    if header is None:
        raise ValueError("stored MP3 header is invalid")
    info = data.get("info")
    return Mp3Scan(
        header=header,
        info_frame=bytes.fromhex(str(info)) if info else None,
        audio_start=int(str(data["audio_start"])),
        audio_end=int(str(data["audio_end"])),
        frames=int(str(data["frames"])),
        delay=int(str(data["delay"])),
        padding=int(str(data["padding"])),
    )
