/** The ticket list's address with its filters, so "All tickets" goes back to the same view. */
let lastListSearch = '';

export function rememberListSearch(search: string): void {
  lastListSearch = search;
}

export function listAddress(): string {
  return `/admin/tickets${lastListSearch}`;
}
