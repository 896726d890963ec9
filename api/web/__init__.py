"""The operator's web UI: server-rendered Vietnamese pages over the broadcast services."""
