# One image for every Skiff role; docker-compose.yml picks the role with the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production SKIFF_HOME=/data SKIFF_LOG_FORMAT=json SKIFF_LOG_LEVEL=info
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/catalog ./catalog
COPY --from=build /app/package.json ./package.json
VOLUME /data
USER node
# bot | agent | query | all
ENTRYPOINT ["node", "dist/cli/serve.js"]
CMD ["all"]
