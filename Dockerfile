# One image for web and worker. torch comes from PyPI (a CUDA build), so the same image runs the
# GPU worker profile; the CPU worker simply sees no GPU.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN DJANGO_ENV=development DATABASE_URL=postgres://unused/unused python manage.py collectstatic --noinput
RUN useradd --create-home bankcrm && mkdir -p .data/mlflow-artifacts && chown -R bankcrm .data
USER bankcrm
EXPOSE 8000
CMD ["gunicorn", "bankcrm.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--timeout", "60"]
