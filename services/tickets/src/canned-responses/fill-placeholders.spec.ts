import { fillPlaceholders } from './fill-placeholders';

const values = {
  clientName: 'Casey Jones',
  ticketId: 1042,
  ticketSubject: 'Invoice charged twice',
  departmentName: 'Billing',
  staffName: 'Alex Agent',
};

describe(fillPlaceholders.name, () => {
  it('fills every documented placeholder', () => {
    const template =
      'Hello {{client.firstName}} ({{client.name}}), about #{{ticket.id}} "{{ticket.subject}}" — {{department.name}}, {{staff.name}}';
    expect(fillPlaceholders(template, values)).toBe(
      'Hello Casey (Casey Jones), about #1042 "Invoice charged twice" — Billing, Alex Agent',
    );
  });

  it('tolerates spaces inside the braces', () => {
    expect(fillPlaceholders('#{{ ticket.id }}', values)).toBe('#1042');
  });

  it('leaves unknown placeholders as written', () => {
    expect(fillPlaceholders('{{client.password}} {{nope}}', values)).toBe('{{client.password}} {{nope}}');
  });

  it('does not re-interpret placeholders that come from the values', () => {
    expect(fillPlaceholders('{{ticket.subject}}', { ...values, ticketSubject: '{{staff.name}}' })).toBe(
      '{{staff.name}}',
    );
  });
});
