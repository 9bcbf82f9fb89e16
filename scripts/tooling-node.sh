# Sourced by the scripts: puts the Node line the tooling runs on (a supported one: npm, the
# bundlers, the test runner for the browsers, the build's helpers) first on PATH. Its binary comes
# from the npm registry through scripts/node-lines.sh (cached in .node-lines/), so the machine's
# own node, of any version that runs npm, is needed only to fetch it the first time.
TOOLING_NODE_LINE=24
TOOLING_NODE=$(scripts/node-lines.sh "$TOOLING_NODE_LINE" | cut -d' ' -f2)
[ -x "$TOOLING_NODE" ] || { echo "scripts/node-lines.sh gave no Node $TOOLING_NODE_LINE binary" >&2; exit 1; }
PATH="$(dirname "$TOOLING_NODE"):$PATH"
export PATH
