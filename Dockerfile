# The API image for docker-compose: loads the seeds into the compose Neo4j, then serves.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kg kg
COPY ingest ingest
COPY graph graph
COPY api api
COPY queries queries
COPY seeds seeds
RUN pip install --no-cache-dir .
CMD ["sh", "-c", "kg load seeds/ && kg serve"]
