import { Fragment, useState, type ReactNode } from 'react';

import { ErrorMessage, Loading } from '../components/feedback';
import { PageHeader } from '../components/page';
import { AdminOnly } from './admin-only';

interface AdminListPageProps<T extends { id: number }> {
  title: string;
  crumbs: string[];
  addLabel: string;
  /** When only administrators may use the page: what they do on it ("manage staff"). */
  adminTask?: string;
  list: { isPending: boolean; error: unknown };
  /** The form for a new item (null) or the one being edited; `done` closes it. */
  form: (item: T | null, done: () => void) => ReactNode;
  /** The list itself; `edit` opens the form for an item. */
  children: (edit: (item: T) => void) => ReactNode;
}

/** An admin list page: its header with the Add button, the form above the list, loading and errors. */
export function AdminListPage<T extends { id: number }>(props: AdminListPageProps<T>) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const content = (
    <>
      {editing ? (
        // A new key per item: the form starts from that item's values, not the previous one's.
        <Fragment key={editing === 'new' ? 'new' : editing.id}>
          {props.form(editing === 'new' ? null : editing, () => setEditing(null))}
        </Fragment>
      ) : null}
      {props.list.isPending ? <Loading /> : null}
      <ErrorMessage error={props.list.error} />
      {props.children(setEditing)}
    </>
  );
  return (
    <>
      <PageHeader title={props.title} crumbs={props.crumbs}>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {props.addLabel}
        </button>
      </PageHeader>
      {props.adminTask ? <AdminOnly what={props.adminTask}>{content}</AdminOnly> : content}
    </>
  );
}
