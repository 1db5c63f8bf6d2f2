import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {ActionMenu} from './ActionMenu.js';
import {Field} from './Field.js';
import type {StartModel, WizardAction} from './start-model.js';
import {theme} from './theme.js';

function ClusterRows({model}: {readonly model: StartModel}): ReactNode {
  if (!model.online || !model.nodes) {
    return (
      <Field label="Cluster">
        <Text color={theme.warn}>offline{model.context ? ` (${model.context})` : ''}</Text>
        <Text>{model.offline?.reason}</Text>
        <Text dimColor>{model.offline?.hint}</Text>
      </Field>
    );
  }
  const allReady = model.nodes.ready === model.nodes.total && model.nodes.total > 0;
  return (
    <>
      <Field label="Cluster">
        <Text wrap="truncate-middle">
          {model.context} <Text dimColor>{model.server}</Text>
        </Text>
      </Field>
      <Field label="Server">
        <Text>
          {model.serverVersion} ·{' '}
          <Text color={allReady ? theme.ok : theme.warn}>
            {model.nodes.ready}/{model.nodes.total} nodes Ready
          </Text>
        </Text>
      </Field>
      <Field label="Namespace">
        <Text>
          {model.namespace} <Text dimColor>{model.namespaceExists ? '(exists)' : '(will be created)'}</Text>
        </Text>
      </Field>
      <Field label="Storage">
        {model.storageClasses.length === 0 ? (
          <Text color={theme.warn}>no StorageClass: volumes cannot be provisioned</Text>
        ) : null}
        {model.storageClasses.map((sc) => (
          <Text key={sc.name} wrap="truncate-end">
            {sc.name}
            {sc.isDefault ? <Text color={theme.info}> (default)</Text> : null}{' '}
            <Text color={sc.rwx === 'yes' ? theme.ok : undefined}>
              {sc.rwx === 'yes' ? 'RWO+RWX' : sc.rwx === 'no' ? 'RWO' : 'RWO, RWX?'}
            </Text>{' '}
            <Text dimColor>{sc.provisioner}</Text>
          </Text>
        ))}
      </Field>
      <Field label="TLS">
        <Text>
          {model.issuers?.installed
            ? `cert-manager: ${model.issuers.names.length ? model.issuers.names.join(', ') : 'no ClusterIssuer yet'}`
            : 'cert-manager not installed'}
        </Text>
      </Field>
    </>
  );
}

function ReleaseRows({model}: {readonly model: StartModel}): ReactNode {
  const release = model.release;
  const stuck = release?.status.startsWith('pending-');
  return (
    <>
      <Field label="Helm">
        {model.helm.found ? <Text>{model.helm.version}</Text> : <Text color={theme.error}>not found</Text>}
        {model.helm.found ? null : <Text dimColor>{model.helm.hint}</Text>}
      </Field>
      {model.online ? (
        <Field label="Release">
          {release ? (
            <Text color={stuck ? theme.error : release.status === 'deployed' ? theme.ok : theme.warn}>
              {release.name} rev {release.revision} · {release.status} · chart {release.chartVersion}
            </Text>
          ) : (
            <Text>
              {model.releaseName} <Text dimColor>(not installed)</Text>
            </Text>
          )}
          {stuck ? <Text color={theme.warn}>An earlier helm run was interrupted.</Text> : null}
          {stuck ? <Text color={theme.warn}>helm refuses changes until it is recovered.</Text> : null}
          {model.owner ? (
            <Text color={theme.warn}>
              managed by {model.owner.engineName} ({model.owner.owner})
              {model.force ? ' · --force: direct changes allowed' : ''}
            </Text>
          ) : null}
          {model.owner ? <Text dimColor>seen: {model.owner.evidence}</Text> : null}
          {model.owner && !model.force ? (
            <Text dimColor>Change it in git (Export for GitOps); helm changes here would be reverted.</Text>
          ) : null}
          {model.others.map((other) => (
            <Text key={`${other.namespace}/${other.name}`} dimColor>
              also: {other.namespace}/{other.name} ({other.status})
            </Text>
          ))}
        </Field>
      ) : null}
    </>
  );
}

/** The first screen: what the wizard sees before it asks anything, and what it offers to do. */
export function StartScreen(props: {
  readonly model: StartModel;
  readonly onChoose: (action: WizardAction) => void;
}): ReactNode {
  const {model} = props;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        buntime-deploy
      </Text>
      <ClusterRows model={model} />
      <ReleaseRows model={model} />
      {model.notes.map((note) => (
        <Text key={note} dimColor>
          note: {note}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <Text bold>What do you want to do?</Text>
        <ActionMenu items={model.actions} initial={model.defaultAction} cancelId="quit" onChoose={props.onChoose} />
      </Box>
    </Box>
  );
}
