import { useId } from 'react';

import { PASSWORD_MIN_LENGTH } from '../api/vocabulary';

/** A password being chosen (sign-up, reset), with the rule it must meet. */
export function NewPasswordField({
  label,
  value,
  onChange,
  hint = '',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={200}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        At least {PASSWORD_MIN_LENGTH} characters.{hint ? ` ${hint}` : ''}
      </p>
    </div>
  );
}
