/**
 * Bounds on the work done for one YAML file (sidecar or corpus.yaml), not only on its bytes: the
 * `yaml` package is linear in neither flow mappings (unique-key checks) nor nesting (recursion),
 * and its alias expansion is quadratic. Inputs past these bounds are refused with a located
 * problem before the package sees them. See docs/sidecar-format.md, "Limits".
 */
/** Nesting of collections, block and flow together. Real sidecars nest 3 deep, corpus.yaml 4. */
export const MAX_NESTING = 64;
/** Pairs in one flow mapping (`{a: 1, …}`): unique keys are checked pairwise. */
export const MAX_FLOW_PAIRS = 1_000;
/**
 * Nodes (scalars, entries, pairs) in a file read by the general YAML parser; a sidecar in the
 * layout this tool writes is read by its own linear reader and is not counted.
 */
export const MAX_YAML_NODES = 200_000;
/** Expansions of aliases: a file may expand aliases to at most this many nodes beyond its own. */
export const ALIAS_EXPANSION_ALLOWANCE = 10_000;
/** Problems listed per file; the rest are summed up in one last problem. */
export const MAX_PROBLEMS = 500;
