#!/bin/sh
# Registers the namespace FlowBot uses and the search attributes its runs set (a run that sets an
# unregistered attribute is refused), and returns once the server accepts them. Safe to run again.
# Names as in workflows/definitions.ts.
#
# Run by docker-compose's `temporal-namespace` one-shot (temporalio/admin-tools) and by
# `npm run test:production` (the pinned `temporal` CLI of platform/temporal-binaries.ts).
#
# Environment: TEMPORAL_ADDRESS (host:port of the frontend, read by the CLI), NAMESPACE (default
# `default`), RETENTION (default 30d).
set -eu

namespace="${NAMESPACE:-default}"
attributes="FlowId ConversationId TriggerSource CustomerPhoneHash"

# Runs the command until it succeeds, once a second, for at most 3 minutes.
retry() {
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 180 ]; then
      echo "still failing after 3 minutes: $*" >&2
      "$@"
      return 1
    fi
    sleep 1
  done
}

retry temporal operator cluster health

temporal operator namespace describe -n "$namespace" >/dev/null 2>&1 ||
  temporal operator namespace create -n "$namespace" --retention "${RETENTION:-30d}"
# The servers learn of a new namespace from their cache, refreshed every few seconds.
retry temporal operator search-attribute list -n "$namespace"

for name in $attributes; do
  temporal operator search-attribute list -n "$namespace" | grep -qw "$name" ||
    temporal operator search-attribute create -n "$namespace" --name "$name" --type Keyword
done
# Likewise for the attributes: once a query on each is accepted, a run may set them.
for name in $attributes; do
  retry temporal workflow list -n "$namespace" --query "$name = 'probe'" --limit 1
done
echo "namespace $namespace ready with search attributes $attributes"
