export interface PlaceholderValues {
  clientName: string;
  ticketId: number;
  ticketSubject: string;
  departmentName: string;
  staffName: string;
}

/** Fills the documented placeholders; anything else in braces is left as written. */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  const byName: Record<string, string> = {
    'client.name': values.clientName,
    'client.firstName': values.clientName.trim().split(/\s+/)[0] ?? '',
    'ticket.id': String(values.ticketId),
    'ticket.subject': values.ticketSubject,
    'department.name': values.departmentName,
    'staff.name': values.staffName,
  };
  return template.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (placeholder, name: string) => byName[name] ?? placeholder);
}
