# The API and its web console; Neo4j runs in its own container (docker-compose.yml).

# The console is built with the dev dependencies (Vite, React, the graph and chart libraries)
# and only its bundle goes into the image.
FROM node:24-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY console ./console
RUN npx vite build console

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY schema ./schema
COPY resolvers ./resolvers
COPY src ./src
COPY --from=console /app/console/dist ./console/dist
USER node
EXPOSE 4000
STOPSIGNAL SIGTERM
CMD ["node", "src/main.ts"]
