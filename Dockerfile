# Builds the web app and the server, then runs `hulian serve` on port 8080.
FROM node:20-bookworm AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY . .
RUN cargo build --release -p hulian-cli

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=server /src/target/release/hulian /usr/local/bin/hulian
COPY --from=web /src/frontend/dist /srv/hulian/web
ENV HULIAN_DATA_DIR=/var/lib/hulian HULIAN_ADDR=0.0.0.0:8080 HULIAN_SPA_DIR=/srv/hulian/web
VOLUME /var/lib/hulian
EXPOSE 8080
CMD ["hulian", "serve"]
