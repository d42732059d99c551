# Kindred's production image: the same commands as the CI smoke test
# (scripts/smoke_production.py) and `make serve`. Untested here (no Docker engine on the
# machine it was written on); see docs/deployment.md.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.base \
    KINDRED_VAR_DIR=/var/lib/kindred \
    MEDIA_ROOT=/var/lib/kindred/media \
    STATIC_ROOT=/app/static_collected \
    PORT=8000

RUN useradd --create-home --uid 10001 kindred \
    && mkdir -p /var/lib/kindred/media && chown -R kindred /var/lib/kindred

WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY config ./config
COPY kindred ./kindred
COPY gunicorn.conf.py manage.py ./
RUN pip install --require-hashes -r requirements.lock && pip install --no-deps .

# collectstatic needs settings that load: throwaway values, used for this one command only.
RUN SECRET_KEY=collectstatic-only KINDRED_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LWtleS0zMi1ieXRlcyE= \
    python manage.py collectstatic --no-input -v 0

USER kindred
EXPOSE 8000
# migrate runs once per release (the compose `migrate` service), not in every web container.
CMD ["gunicorn", "config.wsgi", "-c", "gunicorn.conf.py"]
