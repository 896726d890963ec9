"""HTTP routes, thin: each calls a broadcast service."""
