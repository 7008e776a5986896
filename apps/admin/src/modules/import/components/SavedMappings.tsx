import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, ConfirmDialog, SelectField, TextField, toApiProblem, useToast } from '@muster/ui';
import {
  DELETE_IMPORT_MAPPING_MUTATION, IMPORT_MAPPINGS_QUERY, SAVE_IMPORT_MAPPING_MUTATION, type ImportColumn, type ImportField, type ImportMapping,
} from '../graphql/import.graphql';
import { applySavedMapping, toSavedColumns } from '../lib/import-mapping';

/** Saved mappings of the organisation: apply one to this file (by header), save the current one, delete one. */
export function SavedMappings({ organisationId, columns, fields, onApply, disabled }: {
  organisationId: string;
  columns: readonly ImportColumn[];
  fields: readonly ImportField[];
  onApply: (fields: ImportField[]) => void;
  disabled?: boolean;
}) {
  const toast = useToast();
  const mappings = useQuery(IMPORT_MAPPINGS_QUERY, { variables: { organisationId }, fetchPolicy: 'cache-and-network' });
  const [save, { loading: saving }] = useMutation(SAVE_IMPORT_MAPPING_MUTATION);
  const [remove, { loading: removing }] = useMutation(DELETE_IMPORT_MAPPING_MUTATION);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<ImportMapping | null>(null);
  const list = mappings.data?.importMappings ?? [];
  const selected = list.find((m) => m.id === chosen) ?? null;

  const apply = () => {
    if (!selected) return;
    const result = applySavedMapping(columns, fields, selected);
    onApply(result.fields);
    toast.notify({
      tone: result.matched ? 'success' : 'warning',
      title: `Applied “${selected.name}”`,
      body: result.matched ? `${result.matched} of ${columns.length} columns matched by header.` : 'None of this file’s headers are in that mapping.',
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError('Name the mapping after where the file comes from, e.g. “Union membership system export”.');
      return;
    }
    setNameError(null);
    try {
      await save({ variables: { input: { organisationId, name: name.trim(), columns: toSavedColumns(columns, fields) } } });
      toast.notify({ tone: 'success', title: `Mapping “${name.trim()}” saved`, body: 'Apply it to the next file from the same system.' });
      setName('');
      await mappings.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      setNameError(p.fields[0]?.message ?? `${p.message} (${p.code})`);
    }
  };

  const confirmDelete = async () => {
    const target = toDelete;
    if (!target) return;
    try {
      await remove({ variables: { id: target.id } });
      toast.notify({ tone: 'success', title: `Mapping “${target.name}” deleted` });
      if (chosen === target.id) setChosen('');
      await mappings.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not delete the mapping', body: `${p.message} (${p.code})` });
    } finally {
      setToDelete(null);
    }
  };

  return (
    <div className="admin-saved-mappings" data-testid="saved-mappings">
      <div className="mu-inline-form">
        <SelectField
          label="Saved mappings"
          placeholder={mappings.loading && !mappings.data ? 'Loading…' : list.length ? 'Choose a saved mapping' : 'None saved yet'}
          options={list.map((m) => ({ value: m.id, label: m.name }))}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          disabled={disabled || !list.length}
          data-testid="saved-mapping-select"
          error={mappings.error && !mappings.data ? `Could not load saved mappings (${toApiProblem(mappings.error).code})` : null}
        />
        <Button onClick={apply} disabled={disabled || !selected} data-testid="apply-mapping">
          Apply
        </Button>
        <Button variant="ghost" onClick={() => selected && setToDelete(selected)} disabled={!selected} data-testid="delete-mapping">
          Delete
        </Button>
      </div>
      <form className="mu-inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Save this mapping as" value={name} onChange={(e) => setName(e.target.value)} error={nameError} data-testid="mapping-name" />
        <Button type="submit" busy={saving} data-testid="save-mapping">
          Save mapping
        </Button>
      </form>
      <ConfirmDialog
        open={Boolean(toDelete)}
        title="Delete this saved mapping?"
        confirmLabel="Delete mapping"
        tone="danger"
        busy={removing}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      >
        {toDelete ? `“${toDelete.name}” will no longer be offered for new files. Imports that used it are not affected.` : null}
      </ConfirmDialog>
    </div>
  );
}
