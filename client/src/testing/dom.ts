/**
 * The text of an element as a screen reader reads it: what is `aria-hidden` (icon ligatures) left
 * out, white space collapsed.
 */
export function readableText(element: Element | null | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return;
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(element);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The input of the Material field labelled `label` inside `root`, found the way a user finds it. */
export function fieldInput(root: Element, label: string): HTMLInputElement {
  const field = [...root.querySelectorAll('mat-form-field')].find(
    (f) => f.querySelector('mat-label')!.textContent!.replace('*', '').trim() === label,
  );
  if (!field) throw new Error(`No field labelled "${label}"`);
  return field.querySelector('input')!;
}

/** Types `value` into the field labelled `label`, as the browser reports typing to Angular. */
export function typeInto(root: Element, label: string, value: string): void {
  const input = fieldInput(root, label);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
