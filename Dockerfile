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
# The gazetteers are reviewed data next to the seeds, not package code.
ENV KG_DICTIONARIES=/app/seeds/dictionaries
CMD ["sh", "-c", "kg load seeds/ && kg serve"]
