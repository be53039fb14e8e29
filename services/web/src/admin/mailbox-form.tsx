import { useId, useState, type FormEvent } from 'react';

import { useDepartments, useSaveMailbox } from '../api/queries';
import type { CreateMailboxBody, MailboxView, UpdateMailboxBody } from '../api/types';
import { FormFooter } from '../components/form-footer';
import { formatDateTime } from '../components/format';
import { InputField } from '../components/input-field';

type AfterImportChoice = 'flag' | 'move' | 'delete';

const AFTER_IMPORT_LABELS: Record<AfterImportChoice, string> = {
  flag: 'Mark as read (flag)',
  move: 'Move to a folder',
  delete: 'Delete from the server',
};

const MOVE_PREFIX = 'move:';

interface MailboxFormState {
  departmentId: string;
  address: string;
  aliases: string;
  host: string;
  port: string;
  tls: boolean;
  username: string;
  /** Blank when editing: the current password stays. */
  password: string;
  folder: string;
  afterImport: AfterImportChoice;
  moveTo: string;
  confirmDelete: boolean;
  /** A date (yyyy-mm-dd), or blank: the server's default (creating) or unchanged (editing). */
  importSince: string;
}

function initialState(mailbox: MailboxView | null): MailboxFormState {
  const afterImport = mailbox?.afterImport ?? 'flag';
  const moveTo = afterImport.startsWith(MOVE_PREFIX) ? afterImport.slice(MOVE_PREFIX.length) : null;
  return {
    departmentId: mailbox ? String(mailbox.departmentId) : '',
    address: mailbox?.address ?? '',
    aliases: mailbox?.aliases.join('\n') ?? '',
    host: mailbox?.host ?? '',
    port: String(mailbox?.port ?? 993),
    tls: mailbox?.tls ?? true,
    username: mailbox?.username ?? '',
    password: '',
    folder: mailbox?.folder ?? 'INBOX',
    afterImport: moveTo === null ? (afterImport as 'flag' | 'delete') : 'move',
    moveTo: moveTo ?? '',
    confirmDelete: afterImport === 'delete',
    importSince: '',
  };
}

function bodyOf(form: MailboxFormState): CreateMailboxBody {
  return {
    departmentId: Number(form.departmentId),
    address: form.address.trim(),
    aliases: form.aliases.split(/[\s,]+/).filter(Boolean),
    host: form.host.trim(),
    port: Number(form.port),
    tls: form.tls,
    username: form.username,
    password: form.password,
    folder: form.folder.trim() || 'INBOX',
    afterImport: form.afterImport === 'move' ? `${MOVE_PREFIX}${form.moveTo.trim()}` : form.afterImport,
    ...(form.afterImport === 'delete' ? { confirmDelete: form.confirmDelete } : {}),
    // Midnight where the admin is, not in UTC.
    ...(form.importSince ? { importSince: new Date(`${form.importSince}T00:00`).toISOString() } : {}),
  };
}

/** Only what an edit changed: connection settings left alone are not tested again, a blank password is kept. */
function changesOf(before: CreateMailboxBody, after: CreateMailboxBody): UpdateMailboxBody {
  const keys = Object.keys(after) as (keyof CreateMailboxBody)[];
  const changed = keys.filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  return Object.fromEntries(changed.map((key) => [key, after[key]]));
}

export function MailboxForm({ mailbox, done }: { mailbox: MailboxView | null; done: () => void }) {
  const departments = useDepartments();
  const save = useSaveMailbox();
  const [form, setForm] = useState(() => initialState(mailbox));
  const set = (changes: Partial<MailboxFormState>) => setForm((current) => ({ ...current, ...changes }));
  const ids = {
    title: useId(),
    department: useId(),
    address: useId(),
    aliases: useId(),
    host: useId(),
    port: useId(),
    tls: useId(),
    username: useId(),
    password: useId(),
    folder: useId(),
    afterImport: useId(),
    moveTo: useId(),
    confirmDelete: useId(),
    importSince: useId(),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(form);
    save.mutate(mailbox ? { id: mailbox.id, body: changesOf(bodyOf(initialState(mailbox)), body) } : { body }, {
      onSuccess: done,
    });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title span-all">
        {mailbox ? `Edit ${mailbox.address}` : 'New mailbox'}
      </h2>
      <div className="field">
        <label htmlFor={ids.department}>Department</label>
        <select
          id={ids.department}
          required
          value={form.departmentId}
          onChange={(event) => set({ departmentId: event.target.value })}
        >
          <option value="">Choose a department</option>
          {departments.data?.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
      <InputField
        id={ids.address}
        label="Address"
        type="email"
        required
        placeholder="support@example.com"
        value={form.address}
        onChange={(value) => set({ address: value })}
      />
      <div className="field span-all">
        <label htmlFor={ids.aliases}>Aliases (optional)</label>
        <textarea
          id={ids.aliases}
          rows={2}
          value={form.aliases}
          onChange={(event) => set({ aliases: event.target.value })}
          aria-describedby={`${ids.aliases}-hint`}
        />
        <p className="hint" id={`${ids.aliases}-hint`}>
          Other addresses delivered to this mailbox, separated by commas or new lines.
        </p>
      </div>
      <InputField
        id={ids.host}
        label="IMAP server"
        required
        placeholder="outlook.office365.com"
        value={form.host}
        onChange={(value) => set({ host: value })}
      />
      <InputField
        id={ids.port}
        label="Port"
        type="number"
        inputMode="numeric"
        required
        min={1}
        max={65535}
        value={form.port}
        onChange={(value) => set({ port: value })}
      />
      <div className="field checkbox span-all">
        <input
          id={ids.tls}
          type="checkbox"
          checked={form.tls}
          onChange={(event) => set({ tls: event.target.checked })}
        />
        <label htmlFor={ids.tls}>Use TLS (off: plain, upgraded with STARTTLS when offered)</label>
      </div>
      <InputField
        id={ids.username}
        label="Username"
        required
        autoComplete="off"
        value={form.username}
        onChange={(value) => set({ username: value })}
      />
      <div className="field">
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          required={!mailbox}
          autoComplete="new-password"
          value={form.password}
          onChange={(event) => set({ password: event.target.value })}
          aria-describedby={mailbox ? `${ids.password}-hint` : undefined}
        />
        {mailbox ? (
          <p className="hint" id={`${ids.password}-hint`}>
            Leave empty to keep the current password.
          </p>
        ) : null}
      </div>
      <InputField
        id={ids.folder}
        label="Folder"
        required
        value={form.folder}
        onChange={(value) => set({ folder: value })}
      />
      <AfterImportFields form={form} set={set} ids={ids} />
      <div className="field">
        <label htmlFor={ids.importSince}>Import mail since (optional)</label>
        <input
          id={ids.importSince}
          type="date"
          value={form.importSince}
          onChange={(event) => set({ importSince: event.target.value })}
          aria-describedby={`${ids.importSince}-hint`}
        />
        <p className="hint" id={`${ids.importSince}-hint`}>
          {mailbox
            ? `Empty: unchanged (since ${formatDateTime(mailbox.importSince)}).`
            : 'Default: only mail arriving from now on.'}
        </p>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        pendingLabel="Testing the connection…"
        submitLabel={mailbox ? 'Save changes' : 'Add mailbox'}
        onLeave={done}
      />
    </form>
  );
}

/** What becomes of a message on the server once imported: the choice, and the folder or the confirmation it needs. */
function AfterImportFields({
  form,
  set,
  ids,
}: {
  form: MailboxFormState;
  set: (changes: Partial<MailboxFormState>) => void;
  ids: { afterImport: string; moveTo: string; confirmDelete: string };
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={ids.afterImport}>After import</label>
        <select
          id={ids.afterImport}
          value={form.afterImport}
          onChange={(event) => set({ afterImport: event.target.value as AfterImportChoice })}
        >
          {Object.entries(AFTER_IMPORT_LABELS).map(([choice, label]) => (
            <option key={choice} value={choice}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {form.afterImport === 'move' ? (
        <InputField
          id={ids.moveTo}
          label="Move to folder"
          required
          placeholder="Archive"
          value={form.moveTo}
          onChange={(value) => set({ moveTo: value })}
        />
      ) : null}
      {form.afterImport === 'delete' ? (
        <div className="field checkbox span-all">
          <input
            id={ids.confirmDelete}
            type="checkbox"
            required
            checked={form.confirmDelete}
            onChange={(event) => set({ confirmDelete: event.target.checked })}
          />
          <label htmlFor={ids.confirmDelete}>Yes, delete imported mail from the mail server</label>
        </div>
      ) : null}
    </>
  );
}
