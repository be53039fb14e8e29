/** One staff member on a ticket, as the list rows and the presence route both give it. */
export interface PresentStaff {
  staffId: number;
  name: string;
  state: 'viewing' | 'replying';
}

/** "Alice is replying · Bob is viewing": the others on the ticket, replying first; null when nobody. */
export function describePresence(present: readonly PresentStaff[], meId: number | undefined): string | null {
  const others = present
    .filter((entry) => entry.staffId !== meId)
    .sort((a, b) => Number(b.state === 'replying') - Number(a.state === 'replying'));
  return others.length === 0 ? null : others.map((entry) => `${entry.name} is ${entry.state}`).join(' · ');
}
