"""The operator's web UI: server-rendered Vietnamese pages over the broadcast services.

context.py     Who is looking at a page: the browser's session, else a redirect to the login page
denied.py      The page a logged-in user sees for a page their roles do not open (403, in
               Vietnamese)
labels.py      Every Vietnamese label the pages show for a stored value: one label per enum value
pages/         Page routers of the web UI, one module per menu section, in menu order
setup.py       Wire the web UI into the app: static files, page routers, the login redirect
svg/           Server-side SVG drawing: campaign timelines, report charts, waveforms
templating.py  Jinja2 templates of the web UI and the one function that renders a page
views/         Page view-models: what each page shows, read from the broadcast services (no HTML
               here)
"""
