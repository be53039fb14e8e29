const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Markup that is already safe: built by `html` from escaped parts. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type HtmlValue = SafeHtml | string | number | null | undefined | HtmlValue[];

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so a template
 * cannot forget to escape user content: html`<p>${subject}</p>`.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

/** User text as HTML: escaped, line breaks kept (Outlook ignores `white-space: pre-wrap`). */
export function textToHtml(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text).replace(/\r?\n/g, '<br>\n'));
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(render).join('');
  }
  return value instanceof SafeHtml ? value.value : escapeHtml(String(value));
}
