# syntax=docker/dockerfile:1
# One image for both processes: `node dist/main.js` (API, the default) and `node dist/worker.js` (worker).
# docker-compose.yml runs it; build alone with `docker build -t vehicle-parking .`.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, compile TypeScript to dist/ --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# @scarf/scarf (via swagger-ui-dist) phones home from its install script; package.json denies it too.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# The Angular client, served by the API at / from client/dist/client/browser.
RUN npm --prefix client ci --no-audit --no-fund && npm --prefix client run build

# --- deps: production dependencies only ----------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the app); only the data folders are writable:
# .data/ for the cwd-relative defaults, /data/exports for EXPORT_DIR (a volume shared by api and worker).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY --from=build /app/client/dist/client/browser ./client/dist/client/browser
RUN mkdir -p /app/.data /data/exports && chown -R node:node /app/.data /data
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
