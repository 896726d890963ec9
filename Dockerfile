# Loa service image: the pip install of `make run` plus the PostgreSQL driver, as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LOA_HOST=0.0.0.0 \
    LOA_PORT=8000 \
    LOA_DATA_DIR=/app/var

WORKDIR /app
COPY pyproject.toml README.md ./
COPY audio ./audio
COPY playlists ./playlists
COPY broadcast ./broadcast
COPY api ./api
RUN pip install --no-cache-dir '.[postgres]' \
    && useradd --create-home --uid 1000 loa \
    && mkdir -p /app/var \
    && chown loa:loa /app/var

USER loa
VOLUME ["/app/var"]
EXPOSE 8000
CMD ["loa", "serve"]
