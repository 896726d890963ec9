"""Intelligibility of each voice: synthesise 40 ward notices, transcribe offline, print the CER.

Run from the repository root (needs the bench extra ``viet-asr``, about 1-2 min per voice)::

    .venv/bin/python bench/intelligibility.py --pad-ms 300 --jobs 2  # every Vietnamese voice
    .venv/bin/python bench/intelligibility.py vi "vi:rate_wpm=175,word_gap_ms=0" --jobs 2

A voice spec is a voice name, optionally followed by ``:field=value,...`` overriding fields of
that Voice (rate_wpm, pitch, word_gap_ms, engine_voice, the pauses).  ``--front-end whole``
gives the engine each sentence as one string (no chunking, no trimming) for comparison;
``--front-end bare`` chunks but leaves out the ',' / '.' given to the engine.  Joined speech
has its silence trimmed; ``--pad-ms`` adds silence around each WAV before recognition, as the
gap between broadcast items does (without it the recogniser loses edge syllables).
The character error rate is computed on lowercase NFC text without punctuation against the
normalised spoken reference (audio.text.normalize_for_speech); inputs are fixed.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
import time
import unicodedata
import wave
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audio.text import normalize_for_speech, normalize_with_pauses  # noqa: E402
from audio.tts import (  # noqa: E402
    CLOUD_ENGINES,
    SpeechCache,
    Voice,
    get_engine,
    get_voice,
    list_voices,
)
from audio.tts.speak import speak_script  # noqa: E402

SENTENCES: tuple[str, ...] = (
    "UBND phường Quang Trung thông báo lịch tiêm chủng mở rộng tháng 3/2024.",
    "Thời gian tiêm từ 7h30 đến 11h00 ngày 15/03/2024 tại trạm y tế phường.",
    "Đề nghị các hộ gia đình đưa trẻ dưới 5 tuổi đến tiêm đúng lịch.",
    "Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam 03/02/1930-03/02/2024.",
    "Đại hội Đảng bộ phường lần thứ XIII, nhiệm kỳ 2025-2030 sẽ diễn ra vào tháng 10.",
    "Kế hoạch số 192/KH-UBND ngày 05/10/2019 về tuyên truyền phòng cháy chữa cháy.",
    "Mức thu phí vệ sinh môi trường là 25.000 đồng mỗi hộ mỗi tháng.",
    "Bà con có ý kiến phản ánh xin gọi số điện thoại 0912.345.678.",
    "Khi có cháy nổ, hãy gọi ngay số 114 để được hỗ trợ kịp thời.",
    "HĐND phường tổ chức tiếp xúc cử tri vào sáng thứ Bảy tuần này.",
    "Ban chỉ đạo đề nghị các tổ dân phố hoàn thành kế hoạch trước ngày 30/4.",
    "Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa năm 2023 là 92,5%.",
    "Phường phát động phong trào toàn dân đoàn kết xây dựng đời sống văn hóa.",
    "Đề nghị người dân không thả rông gia súc trên các tuyến đường.",
    "Lịch cắt điện ngày 12/6 từ 8h00 đến 16h30 tại khu vực tổ dân phố số 7.",
    "UBMTTQ phường vận động ủng hộ quỹ vì người nghèo năm 2024.",
    "Mỗi cán bộ, công chức ủng hộ tối thiểu một ngày lương.",
    "Học sinh tựu trường vào ngày 5/9, các gia đình chuẩn bị sách vở đầy đủ.",
    "Công an phường khuyến cáo người dân cảnh giác với các cuộc gọi lừa đảo.",
    "Tuyệt đối không cung cấp mã OTP cho bất kỳ ai qua điện thoại.",
    "Chương trình văn nghệ chào mừng Quốc khánh 2/9 bắt đầu lúc 19h30.",
    "Đoàn thanh niên tổ chức ra quân dọn vệ sinh đường làng ngõ xóm vào Chủ nhật.",
    "Hạn chót nộp hồ sơ đăng ký nghĩa vụ quân sự là ngày 20/12/2024.",
    "Thanh niên đủ 18 tuổi có trách nhiệm đăng ký nghĩa vụ quân sự.",
    "Diện tích lúa vụ xuân năm nay đạt 120 ha, tăng 5% so với cùng kỳ.",
    "Trạm y tế khám sức khỏe miễn phí cho người cao tuổi trên 60 tuổi.",
    "Phòng Văn hóa thông tin huyện kiểm tra hệ thống truyền thanh cơ sở.",
    "Mọi thắc mắc xin liên hệ văn phòng Đảng ủy, UBND phường trong giờ hành chính.",
    "Người dân cần khai báo tạm trú, tạm vắng theo quy định của pháp luật.",
    "Ngày hội đại đoàn kết toàn dân tộc được tổ chức vào ngày 18/11 hằng năm.",
    "Đề nghị các hộ kinh doanh thực hiện nghiêm các quy định về an toàn thực phẩm.",
    "Lễ phát động trồng cây đời đời nhớ ơn Bác Hồ diễn ra lúc 7h00 sáng mai.",
    "Quỹ khuyến học phường đã trao 45 suất học bổng, mỗi suất 2.000.000 đồng.",
    "Phường tổ chức hội nghị sơ kết 6 tháng đầu năm 2024 vào ngày 10/7.",
    "Người dân không đốt rơm rạ gây ô nhiễm môi trường và mất an toàn giao thông.",
    "Cuộc thi tìm hiểu pháp luật kéo dài từ ngày 01/8 đến ngày 31/8/2024.",
    "Đề nghị các chủ phương tiện không đỗ xe trên vỉa hè, lòng đường.",
    "Mùa mưa bão đang đến, bà con chủ động gia cố nhà cửa, phòng chống thiên tai.",
    "Ban quản lý chợ thông báo chợ đóng cửa ngày mùng 1 Tết để tổng vệ sinh.",
    "Trân trọng cảm ơn bà con đã lắng nghe, xin chúc bà con mạnh khỏe.",
)
SPEC_FIELDS = {f.name: f.type for f in dataclasses.fields(Voice)}


def clean(text: str) -> str:
    """Lowercase NFC text without punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate of a hypothesis against a reference (both cleaned first)."""
    ref, hyp = clean(reference), clean(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def parse_spec(spec: str) -> Voice:
    """``name[:field=value,...]`` -> the named voice with fields overridden."""
    name, _, overrides = spec.partition(":")
    voice = get_voice(name)
    changes: dict[str, Any] = {}
    for item in filter(None, overrides.split(",")):
        key, _, value = item.partition("=")
        if key not in SPEC_FIELDS:
            raise SystemExit(f"unknown voice field {key!r} in {spec!r}")
        changes[key] = value if key in {"engine_voice", "language", "name"} else int(value)
    return dataclasses.replace(voice, **changes)


def synthesize(voice: Voice, sentence: str, cache: SpeechCache, front_end: str) -> Path:
    """The WAV of one sentence with the chosen text front-end."""
    engine = get_engine(voice.engine)
    if front_end == "bare":  # experiment: chunks given to the engine without ',' or '.'
        import audio.tts.speak as speak_module

        speak_module.engine_text = lambda chunk: chunk.text  # type: ignore[assignment]
    if front_end == "whole":
        return cache.synthesize(normalize_with_pauses(sentence), voice, engine).path
    return speak_script(sentence, voice, cache, engine, normalize_with_pauses).path


def padded(path: Path, pad_ms: int) -> Path:
    """A copy of a WAV with ``pad_ms`` of silence before and after (as between broadcast items)."""
    if pad_ms <= 0:
        return path
    from audio.tts.wav import pcm_to_wav, wav_info

    wav = path.read_bytes()
    rate = wav_info(wav).sample_rate
    with wave.open(str(path), "rb") as reader:
        pcm = reader.readframes(reader.getnframes())
    pad = bytes(2 * round(rate * pad_ms / 1000))
    out = path.with_name(path.stem + ".padded.wav")
    out.write_bytes(pcm_to_wav(pad + pcm + pad, rate))
    return out


def measure(
    spec: str, front_end: str, limit: int, pad_ms: int = 0
) -> tuple[str, float, float, float]:
    """(spec, CER, seconds of audio, seconds taken) for one voice over the sentence set."""
    import vietasr

    from audio.tts.wav import wav_info

    started = time.perf_counter()
    voice = parse_spec(spec)
    pipeline = vietasr.Pipeline.preset("transcribe")
    edits = chars = 0
    audio_s = 0.0
    with tempfile.TemporaryDirectory(prefix="loa-intel-") as tmp:
        cache = SpeechCache(Path(tmp))
        for sentence in SENTENCES[:limit]:
            path = synthesize(voice, sentence, cache, front_end)
            audio_s += wav_info(path.read_bytes()).duration
            ref = clean(normalize_for_speech(sentence))
            hyp = clean(pipeline.transcribe(padded(path, pad_ms)).text)
            edits += edit_distance(ref, hyp)
            chars += len(ref)
    return spec, edits / max(1, chars), audio_s, time.perf_counter() - started


def main() -> None:
    """Measure every requested voice and print one table row each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", help="voice specs (default: every 'vi' voice)")
    parser.add_argument("--front-end", choices=("chunked", "whole", "bare"), default="chunked")
    parser.add_argument("--jobs", type=int, default=1, help="voices measured in parallel")
    parser.add_argument("--pad-ms", type=int, default=0, help="silence around each WAV")
    parser.add_argument("--limit", type=int, default=len(SENTENCES), help="first N sentences")
    args = parser.parse_args()
    offline = [v for v in list_voices() if v.language == "vi" and v.engine not in CLOUD_ENGINES]
    specs = args.specs or [v.name for v in offline]  # cloud voices cannot run here
    specs = [s for s in specs if not re.match(r"gtts", s)] if not args.specs else specs
    print(
        f"{min(args.limit, len(SENTENCES))} sentences, "
        f"front-end {args.front_end}, pad {args.pad_ms} ms"
    )
    print(f"{'voice':<60} {'CER':>7} {'audio s':>8} {'time s':>7}")
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(measure, s, args.front_end, args.limit, args.pad_ms) for s in specs]
        for future in futures:
            spec, rate, audio_s, took = future.result()
            print(f"{spec:<60} {rate:>7.1%} {audio_s:>8.1f} {took:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
