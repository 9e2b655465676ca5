// What Discord refuses in an interaction callback, written from the API reference separately from
// the adapter's renderer (so the renderer cannot pass by agreeing with itself):
// - a second response to the same interaction (40060 "Interaction has already been acknowledged");
// - a MODAL (type 9) in answer to a modal submission (Discord cannot show a modal or an error
//   from a submitted modal: the adapter must answer with a message);
// - a modal over its limits: custom_id 1–100, title 1–45, 1–5 components, Label text 1–45,
//   description ≤ 100, a text input's min_length 0–4000 ≤ max_length 1–4000, its pre-filled value
//   no longer than max_length, placeholder ≤ 100.
export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const CALLBACK_MODAL = 9;

export interface CallbackRefusal {
  status: number;
  error: { code: number; message: string; errors?: unknown };
}

const invalid = (detail: string): CallbackRefusal => ({ status: 400, error: { code: 50035, message: "Invalid Form Body", errors: { detail } } });

interface TextInput {
  type?: number;
  custom_id?: string;
  min_length?: number;
  max_length?: number;
  value?: string;
  placeholder?: string;
}

function textInputRefusal(c: TextInput): string | undefined {
  if (!c.custom_id || c.custom_id.length > 100) return "data.components.component.custom_id: Must be between 1 and 100 in length.";
  const max = c.max_length ?? 4000;
  const min = c.min_length ?? 0;
  if (max < 1 || max > 4000) return "data.components.component.max_length: int value should be between 1 and 4000.";
  if (min < 0 || min > 4000) return "data.components.component.min_length: int value should be between 0 and 4000.";
  if (min > max) return "data.components.component.min_length: Must be less than or equal to max_length.";
  if (c.value !== undefined && c.value.length > max) return `data.components.component.value: Must be ${max} or fewer in length.`;
  if (c.placeholder !== undefined && c.placeholder.length > 100) return "data.components.component.placeholder: Must be 100 or fewer in length.";
  return undefined;
}

function modalRefusal(data: { custom_id?: string; title?: string; components?: { type?: number; label?: string; description?: string; component?: TextInput }[] } | undefined): string | undefined {
  if (!data?.custom_id || data.custom_id.length > 100) return "data.custom_id: Must be between 1 and 100 in length.";
  if (!data.title || data.title.length > 45) return "data.title: Must be between 1 and 45 in length.";
  const components = data.components ?? [];
  if (components.length < 1 || components.length > 5) return "data.components: Must be between 1 and 5 in length.";
  for (const item of components) {
    if (item.type !== 18 || !item.component) continue; // legacy action rows: not checked here
    if (!item.label || item.label.length > 45) return "data.components.label: Must be between 1 and 45 in length.";
    if (item.description !== undefined && item.description.length > 100) return "data.components.description: Must be 100 or fewer in length.";
    if (item.component.type === 4) {
      const refused = textInputRefusal(item.component);
      if (refused) return refused;
    }
  }
  return undefined;
}

/** Why Discord would refuse this callback for an interaction of `interactionType` (undefined: it accepts). */
export function callbackRefusal(interactionType: number | undefined, alreadyAnswered: boolean, body: unknown): CallbackRefusal | undefined {
  if (alreadyAnswered) return { status: 400, error: { code: 40060, message: "Interaction has already been acknowledged." } };
  const { type, data } = (body ?? {}) as { type?: number; data?: Parameters<typeof modalRefusal>[0] };
  if (type !== CALLBACK_MODAL) return undefined;
  if (interactionType === InteractionType.ModalSubmit || interactionType === InteractionType.Ping) {
    return invalid("type: A modal cannot be the response to this interaction type.");
  }
  const refused = modalRefusal(data);
  return refused ? invalid(refused) : undefined;
}
