"""Speech and sound, knowing nothing of stations or campaigns: text, voices, loudness, rendering.

_ffmpeg.py        The one place that starts ffmpeg processes (static build of the imageio-ffmpeg
                  wheel)
_ffmpeg_gen.py    Generated test and bench signals (tones, noise) written through ffmpeg's lavfi
                  sources
_ffmpeg_parse.py  Pure parsing of ffmpeg's output (stderr, ``-progress``, ebur128); starts no
                  processes
_ffmpeg_pipe.py   ffmpeg processes fed through stdin (streaming encoders), with an optional live
                  meter
_ffmpeg_read.py   Streaming decode: ffmpeg writes raw mono float PCM to a pipe that is read in
                  chunks
_items.py         Process one playlist item into the cache: chain, loudness, encoded file for one
                  profile
_lock.py          One render of a cache key at a time, across threads, processes and machines
                  sharing the folder (flock)
_measure.py       Measure an item's chain output once and store it: loudness, true peak, trim
                  bounds
_stream.py        Full render: stream processed items (raw PCM) into ONE encoder process, with flat
                  memory
_trim.py          Silence trim at both ends: found by silencedetect in a measuring pass, applied
                  with atrim
beds.py           A music bed under an announcement, ducked by the speech (ffmpeg
                  sidechaincompress)
bulletin.py       One MP3 of an emergency bulletin, fetched by devices when an alert pre-empts
bundle.py         Pack a rendered session into one ZIP for street loudspeaker players
chain.py          The per-item processing chain in one ffmpeg run per pass, from a stored
                  measurement
errors.py         Errors raised by the audio processing and export layer (``audio._ffmpeg`` …
                  ``audio.bundle``)
importing.py      Import an uploaded sound file once into a content-addressed store of FLAC files
loudness.py       Loudness (ITU-R BS.1770 / EBU R128) measured with ffmpeg's ebur128 filter
mic_transcoder.py A browser's microphone recording (WebM/Ogg Opus chunks) to MP3, as it comes
mp3frames.py      MPEG audio Layer III frames: headers, the Xing/Info + LAME frame, and a frame
                  scan of a file
mp3join.py        Join cached CBR MP3 items into one session MP3 without re-encoding
pcm_stream.py     Live PCM: decoders (file or URL to raw PCM), restartable Icecast and HLS encoders
player_bundle.py  A day's or a week's sessions in one ZIP for real players (USB/SD card, IP
                  speakers, PA)
playlist.py       A session's playlist as audio: items with explicit gaps, crossfades, fades, beds,
                  and jingles
presets.py        Processing presets: the chain every speech item goes through before loudness
                  normalisation
profiles.py       Output profiles: the encoded formats a station's players accept
render.py         Render a broadcast session: process every item (in parallel, cached), then one
                  session file
text/             Vietnamese text normalisation for speech (Northern reading conventions)
tts/              Text-to-speech engines (espeak-ng and Piper offline, gTTS online, a fake for
                  tests), a WAV
waveform.py       Peak envelopes of audio files, cached as JSON, and pictures of one file or a
                  whole session
"""
