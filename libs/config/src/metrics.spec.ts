import { knownNameLabel, routeLabel } from './metrics';

describe('routeLabel', () => {
  it.each([
    ['/api/tickets/:id', '/api/tickets/:id'],
    ['/api/tickets', '/api/tickets'],
    ['/*', '/*'],
  ])('keeps the route template %s', (template, label) => {
    expect(routeLabel(template)).toBe(label);
  });

  it.each([undefined, ''])('labels a request no route matched (%p) as unmatched, never its raw URL', (template) => {
    expect(routeLabel(template)).toBe('unmatched');
  });
});

describe('knownNameLabel', () => {
  const known = new Set(['ticket.created', 'ticket.closed']);

  it('keeps a name the code knows', () => {
    expect(knownNameLabel('ticket.created', known)).toBe('ticket.created');
  });

  it.each(['ticket.created-42', 'anything a sender makes up', 42, undefined])(
    'labels %p as unknown, so a sender cannot mint label values',
    (name) => {
      expect(knownNameLabel(name, known)).toBe('unknown');
    },
  );
});
