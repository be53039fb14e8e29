/** "41, #43 44" → [41, 43, 44]; null when something else is in it. */
export function parseTicketNumbers(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const numbers = parts.map((part) => (/^#?\d{1,12}$/.test(part) ? Number(part.replace('#', '')) : NaN));
  return numbers.length > 0 && numbers.every((n) => Number.isSafeInteger(n) && n > 0) ? [...new Set(numbers)] : null;
}
