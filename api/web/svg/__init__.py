"""Server-side SVG drawing: campaign timelines, report charts, waveforms.

chart.py     A small server-side SVG chart: stacked bars of minutes per event per week
timeline.py  A campaign's timeline as server-side SVG: events, phases with their peak windows,
             today
waveform.py  SVG rendering of a waveform picture: a mirrored filled shape, markers and a time axis
"""
