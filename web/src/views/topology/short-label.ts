const separators = /[/:_.\s]/g;

/** A rest this short says little alone (`a`, `1`): the kind goes with it (`pdu a`, `ups 1`). */
const bareRestLength = 2;

/**
 * A node's name as drawn inside its box: what is left after the part it shares with the box's
 * name, so the twelve VMs of host `dc1-a-r01-h01` read `vm1`…`vm12` instead of twelve long names
 * that run into each other. Names that do not extend their box's name are drawn whole.
 */
export function shortLabel(name: string, kind: string, parentName: string | undefined): string {
  if (parentName === undefined) return name;
  const normalName = name.replace(separators, '-');
  const normalParent = parentName.replace(separators, '-');
  if (!normalName.startsWith(`${normalParent}-`)) return name;
  const rest = name.slice(normalParent.length + 1);
  if (rest === '') return name;
  return rest.length <= bareRestLength ? `${kind} ${rest}` : rest;
}
