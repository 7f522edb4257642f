# Rapport's image: `rapport serve` as a non-root user, with a health check.
#   docker build -t rapport .
#   docker run --env-file rapport.env -p 3000:3000 rapport            # serve (migrates first)
#   docker run --env-file rapport.env rapport rapport migrate           # the schema only
# deploy/compose.yaml runs PostgreSQL, a one-shot migrate and two replicas behind a proxy.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/rapport
# the pinned dependencies first: a code change does not reinstall them
COPY requirements.lock pyproject.toml README.md ./
COPY bot ./bot
RUN /opt/rapport/bin/pip install -c requirements.lock .

FROM python:3.11-slim
# a CJK font, so the charts of /customer stats and pipeline are labelled in Chinese too
# (without one they fall back to English labels): WenQuanYi Micro Hei is 5 MB, Noto CJK 90
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /app rapport
COPY --from=build /opt/rapport /opt/rapport
ENV PATH=/opt/rapport/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    RAPPORT_LOG_FORMAT=json
WORKDIR /app
USER rapport
EXPOSE 3000
# Ready: the database answers and its schema is this image's (/healthz is 503 until then).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=2)"]
STOPSIGNAL SIGTERM
CMD ["rapport", "serve"]
