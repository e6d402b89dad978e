# proxylab images, one multi-stage build:
#   docker build --target tiny-server -t proxylab/tiny-server .   # Tiny origin on :8000
#   docker build --target proxy       -t proxylab/proxy .         # reference proxy on :15213 (default target)
#   docker build --target grader      -t proxylab/grader .        # the grader CLI as entrypoint
#
# NODE_IMAGE is the base of every stage: the official Node 26 (Active LTS) image by default; air-gapped builders
# pass their own (or tag a stand-in with this name, see docker/make-base-image.sh).
# Behind a TLS-intercepting proxy, hand npm the CA bundle as a BuildKit secret (never stored in a layer):
#   DOCKER_BUILDKIT=1 docker build --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt ...
ARG NODE_IMAGE=node:26-slim

# ---- build: install (dev) dependencies, compile TypeScript, keep production dependencies only ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Manifests first, so the dependency layer is reused until package*.json change.
COPY package.json package-lock.json ./
COPY tiny-server/package.json tiny-server/
COPY proxy/package.json proxy/
COPY grader/package.json grader/
# --ignore-scripts: the root `prepare` script builds, and the sources are not here yet.
# If the lock file is out of sync with the manifests, npm ci refuses; fall back (loudly) to
# npm install, which still takes every version the lock pins.
RUN --mount=type=secret,id=npm_ca --mount=type=cache,target=/root/.npm,sharing=locked \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    if ! npm ci --ignore-scripts 2>/tmp/npm-ci.err; then \
      if ! grep -q 'in sync' /tmp/npm-ci.err; then cat /tmp/npm-ci.err >&2; exit 1; fi; \
      grep -E 'Missing|Invalid' /tmp/npm-ci.err >&2; \
      echo 'WARNING: package-lock.json is out of sync with package.json; using npm install --no-save' >&2; \
      npm install --ignore-scripts --no-save || exit 1; \
    fi; \
    rm -f /tmp/npm-ci.err
COPY tsconfig.json ./
COPY tiny-server/ tiny-server/
COPY proxy/ proxy/
COPY grader/ grader/
RUN npm run build
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm prune --omit=dev --ignore-scripts
COPY docker/assemble-runtime.sh /usr/local/bin/assemble-runtime
RUN sh /usr/local/bin/assemble-runtime /deploy

# ---- runtime base: the same Node image, non-root, production mode ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
LABEL org.proxylab=1 org.opencontainers.image.licenses="MIT"
# The servers exit cleanly on SIGTERM; run with an init (`docker run --init`, compose `init: true`)
# so that signals reach them and zombies (CGI children) are reaped.
STOPSIGNAL SIGTERM
USER node

FROM runtime AS tiny-server
LABEL org.proxylab.role=tiny-server org.opencontainers.image.title="proxylab tiny-server"
COPY --from=build /deploy/tiny-server/ /app/
EXPOSE 8000
CMD ["node", "tiny-server/dist/main.js", "8000"]

FROM runtime AS grader
LABEL org.proxylab.role=grader org.opencontainers.image.title="proxylab grader"
COPY --from=build /deploy/grader/ /app/
ENTRYPOINT ["node", "grader/dist/cli.js"]
CMD ["--help"]

# Last, so a plain `docker build .` gives the reference proxy.
FROM runtime AS proxy
LABEL org.proxylab.role=proxy org.opencontainers.image.title="proxylab reference proxy"
COPY --from=build /deploy/proxy/ /app/
EXPOSE 15213
CMD ["node", "proxy/dist/main.js", "15213"]
