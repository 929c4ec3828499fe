# FlowBot API and worker image. The same image runs either role: the command picks it.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
# The web console (console/dist), served by the API at /.
RUN npm run console:build
# The workflow bundle, so a worker container polls within seconds of starting instead of bundling first.
RUN npm run build:workflows -- /app/dist/workflow-bundle.js
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js

USER node
EXPOSE 3000
# node directly (not npm or the tsx CLI): SIGTERM from `docker stop` reaches FlowBot's own
# handler, which drains requests and closes connections before exiting.
CMD ["node", "--import", "tsx", "api/main.ts"]
