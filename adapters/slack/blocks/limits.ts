// Block Kit's documented limits, checked on a built view or message (pure). Slack refuses a whole
// views.open / views.publish / chat.postMessage over any of them with `invalid_arguments`, so
// every builder is run through this in tests with long inputs: a long mission must never break
// a view. Returns the violations as readable paths ("blocks[3].label: 2412 > 2000"), [] when fine.
import type { SlackBlock } from "../render.js";

export const BLOCK_KIT_LIMITS = {
  /** modals and Home tabs */
  viewBlocks: 100,
  /** messages */
  messageBlocks: 50,
  title: 24,
  submit: 24,
  close: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  sectionText: 3000,
  field: 2000,
  sectionFields: 10,
  contextElements: 10,
  actionsElements: 25,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  initialValue: 3000,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  url: 3000,
  confirmTitle: 100,
  confirmText: 300,
} as const;

const L = BLOCK_KIT_LIMITS;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (typeof v === "string" ? v : isObj(v) && typeof v.text === "string" ? v.text : undefined);

class Checker {
  readonly problems: string[] = [];
  private readonly actionIds = new Set<string>();
  private readonly blockIds = new Set<string>();

  len(path: string, value: unknown, max: number): void {
    const text = textOf(value);
    if (text !== undefined && [...text].length > max) this.problems.push(`${path}: ${[...text].length} > ${max}`);
  }

  count(path: string, list: unknown, max: number): void {
    if (Array.isArray(list) && list.length > max) this.problems.push(`${path}: ${list.length} items > ${max}`);
  }

  block(path: string, block: Obj): void {
    if (typeof block.block_id === "string") {
      this.len(`${path}.block_id`, block.block_id, L.blockId);
      if (this.blockIds.has(block.block_id)) this.problems.push(`${path}.block_id: "${block.block_id}" is not unique`);
      this.blockIds.add(block.block_id);
    }
    this.len(`${path}.label`, block.label, L.label);
    this.len(`${path}.hint`, block.hint, L.hint);
    this.len(`${path}.text`, block.text, block.type === "header" ? L.headerText : L.sectionText);
    this.count(`${path}.fields`, block.fields, L.sectionFields);
    if (Array.isArray(block.fields)) block.fields.forEach((f, i) => this.len(`${path}.fields[${i}]`, f, L.field));
    if (block.type === "context") this.count(`${path}.elements`, block.elements, L.contextElements);
    if (block.type === "actions") this.count(`${path}.elements`, block.elements, L.actionsElements);
    if (block.type !== "context" && Array.isArray(block.elements)) block.elements.forEach((e, i) => isObj(e) && this.element(`${path}.elements[${i}]`, e));
    if (isObj(block.element)) this.element(`${path}.element`, block.element);
    if (isObj(block.accessory)) this.element(`${path}.accessory`, block.accessory);
  }

  element(path: string, el: Obj): void {
    if (typeof el.action_id === "string") {
      this.len(`${path}.action_id`, el.action_id, L.actionId);
      if (this.actionIds.has(el.action_id)) this.problems.push(`${path}.action_id: "${el.action_id}" is not unique`);
      this.actionIds.add(el.action_id);
    }
    if (el.type === "button") {
      this.len(`${path}.text`, el.text, L.buttonText);
      this.len(`${path}.value`, el.value, L.buttonValue);
      this.len(`${path}.url`, el.url, L.url);
    }
    if (isObj(el.confirm)) {
      for (const key of ["title", "confirm", "deny"] as const) this.len(`${path}.confirm.${key}`, el.confirm[key], L.confirmTitle);
      this.len(`${path}.confirm.text`, el.confirm.text, L.confirmText);
    }
    this.len(`${path}.placeholder`, el.placeholder, L.placeholder);
    this.len(`${path}.initial_value`, el.initial_value, L.initialValue);
    this.count(`${path}.options`, el.options, L.options);
    for (const key of ["options", "initial_options"] as const) {
      const list = el[key];
      if (Array.isArray(list)) list.forEach((o, i) => isObj(o) && this.option(`${path}.${key}[${i}]`, o));
    }
    if (isObj(el.initial_option)) this.option(`${path}.initial_option`, el.initial_option);
  }

  option(path: string, o: Obj): void {
    this.len(`${path}.text`, o.text, L.optionText);
    this.len(`${path}.value`, o.value, L.optionValue);
  }
}

/** Violations of a modal or Home view (views.open / views.update / views.publish). */
export function blockKitLimits(view: SlackBlock): string[] {
  const c = new Checker();
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  c.count("blocks", blocks, L.viewBlocks);
  c.len("title", view.title, L.title);
  c.len("submit", view.submit, L.submit);
  c.len("close", view.close, L.close);
  c.len("private_metadata", view.private_metadata, L.privateMetadata);
  c.len("callback_id", view.callback_id, L.callbackId);
  blocks.forEach((b, i) => isObj(b) && c.block(`blocks[${i}]`, b));
  return c.problems;
}

/** Violations of a message's blocks (chat.postMessage / chat.update). */
export function messageBlockLimits(blocks: SlackBlock[]): string[] {
  const c = new Checker();
  c.count("blocks", blocks, L.messageBlocks);
  blocks.forEach((b, i) => c.block(`blocks[${i}]`, b));
  return c.problems;
}
