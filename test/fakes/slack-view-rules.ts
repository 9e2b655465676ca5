// What Slack refuses in a view (views.open / views.update / views.push / views.publish), written
// independently of the adapter's own checker so that a bug there is caught here: Slack answers
// `invalid_arguments` with one message per problem in response_metadata.messages.
type Node = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "object" && v !== null ? String((v as Node).text ?? "") : typeof v === "string" ? v : "");

export function viewRefusals(view: unknown): string[] {
  if (typeof view !== "object" || view === null) return ["[ERROR] must provide an object [json-pointer:/view]"];
  const v = view as Node;
  const out: string[] = [];
  const blocks = Array.isArray(v.blocks) ? (v.blocks as Node[]) : [];
  if (blocks.length > 100) out.push("[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]");
  if (v.type === "modal" && (text(v.title).length === 0 || [...text(v.title)].length > 24)) out.push("[ERROR] must be between 1 and 24 characters [json-pointer:/view/title/text]");
  if (v.submit && [...text(v.submit)].length > 24) out.push("[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]");
  if (typeof v.private_metadata === "string" && v.private_metadata.length > 3000) out.push("[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]");
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `/view/blocks/${i}`;
    if (typeof b.block_id === "string") {
      if (blockIds.has(b.block_id)) out.push(`[ERROR] duplicate block_id [json-pointer:${at}/block_id]`);
      blockIds.add(b.block_id);
    }
    if (b.label && [...text(b.label)].length > 2000) out.push(`[ERROR] must be less than 2001 characters [json-pointer:${at}/label/text]`);
    if (b.text && [...text(b.text)].length > (b.type === "header" ? 150 : 3000)) out.push(`[ERROR] text too long [json-pointer:${at}/text/text]`);
    const elements = [b.element, b.accessory, ...(b.type === "actions" && Array.isArray(b.elements) ? b.elements : [])].filter((e): e is Node => typeof e === "object" && e !== null);
    for (const e of elements) {
      if (typeof e.action_id === "string") {
        if (actionIds.has(e.action_id)) out.push(`[ERROR] duplicate action_id [json-pointer:${at}/action_id]`);
        actionIds.add(e.action_id);
      }
      const options = Array.isArray(e.options) ? (e.options as Node[]) : [];
      if (options.length > 100) out.push(`[ERROR] no more than 100 items allowed [json-pointer:${at}/element/options]`);
      if (options.some((o) => [...text(o.text)].length > 75)) out.push(`[ERROR] must be less than 76 characters [json-pointer:${at}/element/options]`);
      if (typeof e.initial_value === "string" && e.initial_value.length > 3000) out.push(`[ERROR] must be less than 3001 characters [json-pointer:${at}/element/initial_value]`);
    }
  });
  return out;
}
