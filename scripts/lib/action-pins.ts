/**
 * The third-party actions we pin, and the release each is pinned to. GitHub runs a JavaScript action
 * on the Node.js its action.yml names, and node20 is deprecated (its actions are forced onto node24),
 * so every pin is a release whose action.yml at that commit says `using: node24`
 * (attest-build-provenance is composite: the actions/attest it pins does). `node24Since` is the first
 * major release that runs on node24, read from each tag's action.yml upstream.
 *
 * To move a pin: fetch the action's repository, take its newest vX.Y.Z tag, `git rev-list -n1 TAG`,
 * check action.yml at that commit (`runs.using`, and the inputs we pass: read the README's breaking
 * changes between the majors), then change the row here and every `uses:` with it. scripts/actionlint.ts
 * (npm run lint) and test/security/action-pins.test.ts hold every workflow and action to this table.
 */
import { isScalar, LineCounter, parseDocument, visit } from "yaml";

export interface ActionPin {
  /** The release tag the `# vX.Y.Z` comment names. */
  tag: string;
  /** The commit that tag points at. */
  sha: string;
  /** The first major release whose action.yml runs on node24. */
  node24Since: number;
}

export const PINNED_ACTIONS: Readonly<Record<string, ActionPin>> = {
  "actions/checkout": { tag: "v7.0.1", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", node24Since: 5 },
  "actions/setup-node": { tag: "v7.0.0", sha: "820762786026740c76f36085b0efc47a31fe5020", node24Since: 5 },
  // v5 shipped node24 support but still ran on node20 by default; v6 switched.
  "actions/upload-artifact": { tag: "v7.0.0", sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", node24Since: 6 },
  // v5+: a pattern's only match is extracted straight into `path` (model-ci.yml downloads by name).
  "actions/download-artifact": { tag: "v8.0.1", sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", node24Since: 7 },
  "actions/cache": { tag: "v5.0.5", sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae", node24Since: 5 },
  // Composite since v4: a wrapper of actions/attest (v4.1.0, node24); v3 was the first on node24.
  "actions/attest-build-provenance": { tag: "v4.1.0", sha: "a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32", node24Since: 3 },
  "actions/create-github-app-token": { tag: "v3.2.0", sha: "bcd2ba49218906704ab6c1aa796996da409d3eb1", node24Since: 3 },
  // GitHub Pages (site.yml). upload-pages-artifact is composite: v5 is the first whose
  // actions/upload-artifact (v7.0.0, the commit pinned above) runs on node24. actions/configure-pages
  // is not used: its releases up to v5.0.0 run on node20, and the Pages address comes from the REST API.
  "actions/upload-pages-artifact": { tag: "v5.0.0", sha: "fc324d3547104276b827a68afc52ff2a11cc49c9", node24Since: 5 },
  "actions/deploy-pages": { tag: "v5.0.0", sha: "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", node24Since: 5 },
};

export interface PinFinding {
  file: string;
  line: number;
  message: string;
}

/** The major version of a `vX.Y.Z` tag. */
export function majorOf(tag: string): number {
  const match = /^v(\d+)\.\d+\.\d+$/.exec(tag);
  if (match === null) throw new Error(`not a vX.Y.Z tag: ${tag}`);
  return Number(match[1]);
}

/**
 * Findings for every third-party `uses:` in a workflow or action.yml: an action the table does not
 * list, a commit other than the table's, a `# vX.Y.Z` comment missing or naming another release, or a
 * release older than the first on node24. Local (`./`), `docker://` and our own references
 * (`repository`) are checked elsewhere (workflow-policy.ts, check-self-refs.ts).
 */
export function checkActionPins(file: string, text: string, repository: string, pins = PINNED_ACTIONS): PinFinding[] {
  const findings: PinFinding[] = [];
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lines = text.split("\n");
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const uses = String(pair.value.value);
      if (uses.startsWith("./") || uses.startsWith("docker://")) return;
      if (uses.startsWith(`${repository}/`) || uses.startsWith(`${repository}@`)) return;
      const line = pair.value.range ? lineCounter.linePos(pair.value.range[0]).line : 1;
      const at = uses.indexOf("@");
      const path = at < 0 ? uses : uses.slice(0, at);
      const ref = at < 0 ? "" : uses.slice(at + 1);
      // actions/cache/restore is the actions/cache repository at the same commit.
      const action = path.split("/").slice(0, 2).join("/");
      const pin = pins[action];
      if (pin === undefined) {
        findings.push({
          file,
          line,
          message: `\`${action}\` is not in PINNED_ACTIONS (scripts/lib/action-pins.ts): add its release, commit and first node24 major after checking its action.yml`,
        });
        return;
      }
      const comment = /#\s*(v\d+\.\d+\.\d+)\b/.exec(lines[line - 1] ?? "")?.[1];
      if (comment === undefined) findings.push({ file, line, message: `\`${uses}\` has no \`# vX.Y.Z\` comment: write \`# ${pin.tag}\`` });
      const old = comment !== undefined && majorOf(comment) < pin.node24Since;
      if (old)
        findings.push({
          file,
          line,
          message: `\`${action}\` ${comment} runs on an older Node.js than node24 (node24 since v${pin.node24Since}): pin ${pin.tag} (${pin.sha})`,
        });
      // An old release already has its finding (which names the pin to write): one problem, one finding.
      else if (ref !== pin.sha || (comment !== undefined && comment !== pin.tag))
        findings.push({
          file,
          line,
          message: `\`${uses}\`${comment === undefined ? "" : ` # ${comment}`} is not the pinned release: write \`${action}@${pin.sha} # ${pin.tag}\``,
        });
    },
  });
  return findings;
}
