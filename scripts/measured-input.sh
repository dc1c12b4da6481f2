# Sourced (with ROOT set to the repository) by the measurement scripts, so that
# they build the same input: v223 in ../shared unless TLGEN_DOCS/TLGEN_SCHEMAS
# say otherwise, and the two method selections PERFORMANCE.md calls `small`
# and `mid`.
SHARED=$(cd "$ROOT/.." && pwd)/shared
DOCS=${TLGEN_DOCS:-$SHARED/madelineproto-docs/v223}
SCHEMAS=${TLGEN_SCHEMAS:-$SHARED/tl-schemas/TL_telegram_v223.tl:$SHARED/tl-schemas/TL_secret.tl}
SEL_small='users.getUsers,help.getConfig,auth.sendCode'
SEL_mid='messages.sendMessage,messages.getHistory,channels.getParticipants,users.getFullUser,updates.getDifference'
