"""Page view-models: what each page shows, read from the broadcast services (no HTML here)."""
