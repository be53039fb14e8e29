import type { AnyNode, Element, ParentNode } from 'domhandler';
import { type FormatCallback, compile } from 'html-to-text';
import { DomUtils, parseDocument } from 'htmlparser2';

import { limitNesting } from './html-nesting';
import { isForwardMarker } from './quote-headers';

const QUOTE_ATTRIBUTE = 'data-reply-quote';
// The plain-text rules only need to know a quote is there, not what it says.
const QUOTE_PLACEHOLDER = '> …';
const MAX_RENDER_DEPTH = 400;
const LEADING_TEXT_LENGTH = 200;
const LEADING_NODE_COUNT = 100;

/** Where a client starts the quoted message: the element and everything after it are history. */
const HISTORY_START_IDS = new Set([
  'divRplyFwdMsg',
  'appendonsend',
  'OLK_SRC_BODY_SECTION',
  'mail-editor-reference-message-container',
]);
const HISTORY_START_CLASSES = ['yahoo_quoted'];
const ATTRIBUTION_CLASSES = ['gmail_attr', 'moz-cite-prefix'];
const SIGNATURE_CLASSES = ['gmail_signature', 'gmail_signature_prefix', 'moz-signature'];
const GMAIL_QUOTE_CLASS = 'gmail_quote';
// Outlook puts the quoted message's From/Sent/To block in a div with a solid top border.
const TOP_BORDER_PROPERTIES = ['border-top', 'border-top-style'];
const FIELD_LABEL = /^[^:：\n]{1,30}[:：]/;
// Gmail's and Apple Mail's "indent" button makes a borderless blockquote; quotes have a border.
const BORDERLESS = /(?:^|;)border:none/i;
const BLANK_LINE_RUN = /\n(?:[^\S\n]*\n){2,}/g;

const formatQuotePlaceholder: FormatCallback = (_element, _walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(QUOTE_PLACEHOLDER);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const renderText = compile({
  wordwrap: false,
  formatters: { quotePlaceholder: formatQuotePlaceholder },
  limits: { maxDepth: MAX_RENDER_DEPTH },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'blockquote', format: 'block' },
    { selector: `blockquote[${QUOTE_ATTRIBUTE}]`, format: 'quotePlaceholder' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
  ],
});

/**
 * Removes the history a client marks in the HTML (Outlook's reply header and what follows it,
 * Gmail/Thunderbird attributions, signatures) and renders the rest as text, where each quoted
 * blockquote becomes one `>` line for the plain-text rules to drop.
 */
export function htmlReplyToText(html: string): string {
  const document = parseDocument(limitNesting(html));
  for (const element of elementsInOrder(document, new Set())) {
    if (isHistoryStart(element)) {
      removeFromHere(element);
      break;
    }
  }
  const removed = new Set<Element>();
  const blockquotes: Element[] = [];
  for (const element of elementsInOrder(document, removed)) {
    if (isSignature(element) || (isAttribution(element) && !startsWithForward(element))) {
      removed.add(element);
    } else if (element.name === 'blockquote') {
      blockquotes.push(element);
    }
  }
  detachAll(removed);
  for (const quote of quotedBlockquotes(blockquotes)) {
    quote.children = [];
    quote.attribs[QUOTE_ATTRIBUTE] = '';
  }
  return toText(DomUtils.getOuterHTML(document));
}

/** Whether the rendered text is nothing but quote placeholders. */
export function isOnlyQuote(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 0 && lines.every((line) => line === QUOTE_PLACEHOLDER);
}

/** The whole body as text, nothing removed. */
export function htmlToText(html: string): string {
  return toText(limitNesting(html));
}

/** html-to-text leaves a blank line per empty `<div><br></div>`; one is enough. */
function toText(html: string): string {
  return renderText(html).replace(BLANK_LINE_RUN, '\n\n');
}

function isHistoryStart(element: Element): boolean {
  const id = element.attribs.id;
  if ((id !== undefined && HISTORY_START_IDS.has(id)) || hasAnyClass(element, HISTORY_START_CLASSES)) {
    return true;
  }
  if (element.name === 'hr' && element.attribs['data-marker'] === '__DIVIDER__') {
    return true;
  }
  return element.name === 'div' && hasSolidTopBorder(compactStyle(element)) && FIELD_LABEL.test(firstTextLine(element));
}

/** One pass over the declarations, so a style repeating `border-top:` costs its length once. */
function hasSolidTopBorder(style: string): boolean {
  return style.split(';').some((declaration) => {
    const colon = declaration.indexOf(':');
    const property = declaration.slice(0, colon).toLowerCase();
    return (
      colon !== -1 &&
      TOP_BORDER_PROPERTIES.some((name) => property.endsWith(name)) &&
      declaration
        .slice(colon + 1)
        .toLowerCase()
        .includes('solid')
    );
  });
}

function isAttribution(element: Element): boolean {
  return hasAnyClass(element, ATTRIBUTION_CLASSES);
}

function isSignature(element: Element): boolean {
  return hasAnyClass(element, SIGNATURE_CLASSES);
}

function startsWithForward(element: Element): boolean {
  return isForwardMarker(firstTextLine(element));
}

/**
 * Cited blockquotes (Apple, Thunderbird), Gmail's quote inside its quote container, and — as
 * talon does — the last outermost blockquote. A lone `blockquote.gmail_quote` is Gmail's indent.
 */
function quotedBlockquotes(blockquotes: readonly Element[]): Element[] {
  const quoted = blockquotes.filter(
    (quote) =>
      (quote.attribs.type ?? '').toLowerCase() === 'cite' ||
      (hasAnyClass(quote, [GMAIL_QUOTE_CLASS]) && hasGmailQuoteAncestor(quote)),
  );
  const outermost = blockquotes.filter(
    (quote) =>
      !hasAnyClass(quote, [GMAIL_QUOTE_CLASS]) &&
      !BORDERLESS.test(compactStyle(quote)) &&
      !hasBlockquoteAncestor(quote),
  );
  const lastOutermost = outermost.at(-1);
  return lastOutermost ? [...quoted, lastOutermost] : quoted;
}

function hasGmailQuoteAncestor(element: Element): boolean {
  return ancestors(element).some((ancestor) => hasAnyClass(ancestor, [GMAIL_QUOTE_CLASS]));
}

function hasBlockquoteAncestor(element: Element): boolean {
  return ancestors(element).some((ancestor) => ancestor.name === 'blockquote');
}

function ancestors(element: Element): Element[] {
  const found: Element[] = [];
  for (let parent = element.parent; parent && DomUtils.isTag(parent); parent = parent.parent) {
    found.push(parent);
  }
  return found;
}

function compactStyle(element: Element): string {
  return (element.attribs.style ?? '').replace(/\s+/g, '');
}

function hasAnyClass(element: Element, classNames: readonly string[]): boolean {
  const classes = (element.attribs.class ?? '').split(/\s+/);
  return classNames.some((className) => classes.includes(className));
}

/**
 * The first non-blank line of an element's text, `<br>` counting as a line break. Reads at most
 * LEADING_TEXT_LENGTH characters and LEADING_NODE_COUNT nodes, whatever the element holds.
 */
function firstTextLine(element: Element): string {
  let text = '';
  let visited = 0;
  const frames: { nodes: readonly AnyNode[]; next: number }[] = [{ nodes: [element], next: 0 }];
  while (frames.length > 0 && text.length < LEADING_TEXT_LENGTH && visited++ < LEADING_NODE_COUNT) {
    const frame = frames[frames.length - 1];
    const node = frame.nodes[frame.next++];
    if (node === undefined) {
      frames.pop();
    } else if (DomUtils.isText(node)) {
      text += node.data.slice(0, LEADING_TEXT_LENGTH - text.length);
    } else if (DomUtils.isTag(node) && node.name === 'br') {
      text += '\n';
    } else if (DomUtils.hasChildren(node)) {
      frames.push({ nodes: node.children, next: 0 });
    }
  }
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? ''
  );
}

/** Elements in document order, skipping the children of those added to `pruned` when visited. */
function* elementsInOrder(root: ParentNode, pruned: ReadonlySet<Element>): Generator<Element> {
  const stack: AnyNode[] = [];
  pushReversed(stack, root.children);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (DomUtils.isTag(node)) {
      yield node;
      if (!pruned.has(node)) {
        pushReversed(stack, node.children);
      }
    }
  }
}

/** Removes the element and everything that follows it in document order. */
function removeFromHere(element: Element): void {
  let current: AnyNode = element;
  let keepCurrent = false;
  for (let parent = current.parent; parent; parent = parent.parent) {
    const siblings = parent.children;
    siblings.splice(siblings.indexOf(current) + (keepCurrent ? 1 : 0));
    keepCurrent = true;
    current = parent;
  }
}

/** Each parent's children are filtered once, however many of them go. */
function detachAll(nodes: ReadonlySet<AnyNode>): void {
  const parents = new Set([...nodes].map((node) => node.parent));
  for (const parent of parents) {
    if (parent) {
      parent.children = parent.children.filter((child) => !nodes.has(child));
    }
  }
  for (const node of nodes) {
    node.parent = null;
  }
}

/** Pushes children last-first so popping the stack visits them in document order. */
function pushReversed(stack: AnyNode[], children: readonly AnyNode[]): void {
  for (let index = children.length - 1; index >= 0; index--) {
    stack.push(children[index]);
  }
}
