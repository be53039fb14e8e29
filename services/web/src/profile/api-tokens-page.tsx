import { useId, useState, type FormEvent } from 'react';

import { useCreateApiToken, useOwnApiTokens, useRevokeApiToken } from '../api/queries';
import type { ApiScope, ApiTokenSecret, ApiTokenView, Principal } from '../api/types';
import { isAdmin, useSession } from '../auth/session';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { FormFooter } from '../components/form-footer';
import { Time } from '../components/format';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';

export const SCOPE_LABELS: Record<ApiScope, string> = {
  'tickets:read': 'tickets:read — read tickets, their history and files',
  'tickets:write': 'tickets:write — open, change, reply to and note tickets; upload files',
  'clients:read': 'clients:read — read clients',
  'clients:write': 'clients:write — add clients',
  admin: 'admin — the admin routes (staff, departments, webhooks, everyone’s tokens)',
};

/** The scopes this user may give a token: clients their tickets; staff more; admins everything. */
function scopesFor(me: Principal | null): ApiScope[] {
  if (me?.kind === 'client') {
    return ['tickets:read', 'tickets:write'];
  }
  const staff: ApiScope[] = ['tickets:read', 'tickets:write', 'clients:read', 'clients:write'];
  return isAdmin(me) ? [...staff, 'admin'] : staff;
}

const EXPIRY_DAYS: { days: number | null; label: string }[] = [
  { days: 30, label: 'in 30 days' },
  { days: 90, label: 'in 90 days' },
  { days: 365, label: 'in a year' },
  { days: null, label: 'never (revoke it when done)' },
];

/** Profile → API tokens: the user's own tokens, for scripts and integrations acting as them. */
export function ApiTokensPage() {
  const tokens = useOwnApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenSecret | null>(null);

  return (
    <>
      <PageHeader title="API tokens" crumbs={['Profile', 'API tokens']}>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New token
        </button>
      </PageHeader>
      <p className="muted">
        A token acts as you, limited to its scopes, with <code>Authorization: Bearer hdk_…</code>. It is shown once.
      </p>
      {creating ? (
        <TokenForm
          done={(secret) => {
            setCreating(false);
            setCreated(secret);
          }}
        />
      ) : null}
      {created ? <ShownOnce secret={created} dismiss={() => setCreated(null)} /> : null}
      {tokens.isPending ? <Loading /> : null}
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {tokens.data && tokens.data.length === 0 ? <p className="empty">No API tokens yet.</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <TokenTable
          tokens={tokens.data}
          revoking={revoke.isPending}
          revoke={(token) => {
            if (window.confirm(`Revoke "${token.name}"? Whatever uses it stops working at once.`)) {
              revoke.mutate(token.id);
            }
          }}
        />
      ) : null}
    </>
  );
}

function ShownOnce({ secret, dismiss }: { secret: ApiTokenSecret; dismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Notice tone="warning">
      Your new token, shown only now: <code data-testid="api-token-secret">{secret.token}</code>{' '}
      <button
        type="button"
        className="secondary small"
        onClick={() => void navigator.clipboard.writeText(secret.token).then(() => setCopied(true))}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>{' '}
      <button type="button" className="secondary small" onClick={dismiss}>
        I have saved it
      </button>
    </Notice>
  );
}

export function TokenTable({
  tokens,
  revoke,
  revoking,
  showOwner = false,
}: {
  tokens: (ApiTokenView & { owner?: { name: string; email: string } })[];
  revoke: (token: ApiTokenView) => void;
  revoking: boolean;
  showOwner?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {showOwner ? <th scope="col">Owner</th> : null}
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>
                {token.name}
                <div className="muted small-text">
                  <code>{token.prefix}…</code>
                </div>
              </td>
              {showOwner ? (
                <td>
                  {token.owner?.name}
                  <div className="muted small-text">{token.owner?.email}</div>
                </td>
              ) : null}
              <td>{token.scopes.join(', ')}</td>
              <td>
                <Time iso={token.createdAt} />
              </td>
              <td>
                {token.expiresAt ? (
                  <>
                    {new Date(token.expiresAt).getTime() <= Date.now() ? 'expired ' : ''}
                    <Time iso={token.expiresAt} relativeTime={false} />
                  </>
                ) : (
                  'never'
                )}
              </td>
              <td data-testid="token-last-used">{token.lastUsedAt ? <Time iso={token.lastUsedAt} /> : 'never'}</td>
              <td className="actions">
                <button type="button" className="danger small" disabled={revoking} onClick={() => revoke(token)}>
                  Revoke<span className="visually-hidden"> {token.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenForm({ done }: { done: (created: ApiTokenSecret | null) => void }) {
  const { me } = useSession();
  const create = useCreateApiToken();
  const offered = scopesFor(me);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['tickets:read']);
  const [expiryDays, setExpiryDays] = useState<number | null>(30);
  const ids = { name: useId(), expiry: useId(), heading: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiryDays === null ? undefined : new Date(Date.now() + expiryDays * 86_400_000).toISOString();
    create.mutate({ name, scopes, expiresAt }, { onSuccess: done });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="section-title span-all">
        New API token
      </h2>
      <InputField
        id={ids.name}
        label="Name"
        required
        maxLength={100}
        placeholder="CRM sync"
        value={name}
        onChange={setName}
      />
      <div className="field">
        <label htmlFor={ids.expiry}>Expires</label>
        <select
          id={ids.expiry}
          value={expiryDays ?? 'never'}
          onChange={(event) => setExpiryDays(event.target.value === 'never' ? null : Number(event.target.value))}
        >
          {EXPIRY_DAYS.map((option) => (
            <option key={option.label} value={option.days ?? 'never'}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field span-all checkbox-group">
        <legend>Scopes</legend>
        {offered.map((scope) => (
          <label key={scope}>
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) =>
                setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((item) => item !== scope))
              }
            />
            {SCOPE_LABELS[scope]}
          </label>
        ))}
      </fieldset>
      <FormFooter
        error={create.error}
        pending={create.isPending}
        submitLabel="Create token"
        onLeave={() => done(null)}
      />
    </form>
  );
}
