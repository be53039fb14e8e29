import { useAllApiTokens, useRevokeApiToken } from '../api/queries';
import { ErrorMessage, Loading } from '../components/feedback';
import { PageHeader } from '../components/page';
import { TokenTable } from '../profile/api-tokens-page';
import { AdminOnly } from './admin-only';

/** Everyone's API tokens, newest first, for an administrator to see and revoke. */
export function AllApiTokensPage() {
  const tokens = useAllApiTokens();
  const revoke = useRevokeApiToken(true);
  return (
    <>
      <PageHeader title="All API tokens" crumbs={['Admin', 'System', 'API tokens']} />
      <AdminOnly what="see everyone’s API tokens">
        {tokens.isPending ? <Loading /> : null}
        <ErrorMessage error={tokens.error ?? revoke.error} />
        {tokens.data && tokens.data.length === 0 ? <p className="empty">Nobody has an API token.</p> : null}
        {tokens.data && tokens.data.length > 0 ? (
          <TokenTable
            tokens={tokens.data}
            showOwner
            revoking={revoke.isPending}
            revoke={(token) => {
              if (window.confirm(`Revoke "${token.name}"? Whatever uses it stops working at once.`)) {
                revoke.mutate(token.id);
              }
            }}
          />
        ) : null}
      </AdminOnly>
    </>
  );
}
