"""Server-side SVG drawing: campaign timelines, report charts, waveforms."""
