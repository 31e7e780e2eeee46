# The API only; Neo4j runs in its own container (docker-compose.yml).
FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY schema ./schema
COPY resolvers ./resolvers
COPY src ./src
USER node
EXPOSE 4000
STOPSIGNAL SIGTERM
CMD ["node", "src/main.ts"]
