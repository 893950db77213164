# The API's image: the Node that package.json pins (the `node` devDependency), the production
# dependencies only, run as an unprivileged user. `docker compose up` runs it on PostgreSQL and Redis
# (compose.yaml); docs/operations.md#containers says how to run it elsewhere.
# test/operations/containers.test.ts keeps NODE_VERSION equal to the pin.
ARG NODE_VERSION=24.21.0

# Dependencies apart: the image gets node_modules without npm's cache, and a change to src/ reuses
# this layer.
FROM node:${NODE_VERSION}-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# No compiler, test or codegen tools in the image (and no second Node from the `node` devDependency).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production PORT=4000
WORKDIR /app
# Owned by root and read-only to the API's user: the process cannot change its own code.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
# The committed contract and generated code: the image runs what CI checked, no codegen at build.
COPY schema ./schema
COPY src ./src
# `node`, the unprivileged user of the official image (uid 1000).
USER node
EXPOSE 4000
# Node 24 runs the TypeScript as is; no npm at run time, so SIGTERM reaches the API itself, which
# closes its connections and exits.
CMD ["node", "src/main.ts"]
