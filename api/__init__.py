"""The HTTP layer: FastAPI app, authentication, error mapping, JSON routes and the web UI.

auth.py           Authentication of every request (Bearer token or session cookie + CSRF) and role
                  checks
deps.py           Dependencies shared by the routes: the request's DB session and the settings
errors.py         The one place where errors become HTTP responses: {"error", "detail", "field",
                  "code"}
main.py           The FastAPI application: routes, error mapping, database and the job worker
messages.py       Validation errors in Vietnamese, so the operator reads what to fix next to the
                  field
route_actions.py  Which kind of write each write route is: an exact table, read by the access check
routes/           HTTP routes, thin: each calls a broadcast service
web/              The operator's web UI: server-rendered Vietnamese pages over the broadcast
                  services
"""
