import {Box, type DOMElement, measureElement, Text, useInput} from 'ink';
import {type ReactNode, useEffect, useRef, useState} from 'react';
import {useTerminalSize} from '../status/use-terminal-size.js';
import {wrapWords} from '../wrap.js';
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
        <Text>
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
          {model.namespace}{' '}
          <Text dimColor>
            {model.namespaceHoldsRelease
              ? `(exists, holds release ${model.releaseName})`
              : model.namespaceExists
                ? '(exists)'
                : '(will be created)'}
          </Text>
        </Text>
      </Field>
    </>
  );
}

/** What the questions will offer: StorageClasses, the suggested preset, cert-manager. */
function ClusterDetails({model}: {readonly model: StartModel}): ReactNode {
  if (!model.online || !model.nodes) return null;
  return (
    <>
      <Field label="Storage">
        {model.storageClasses.length === 0 ? (
          <Text color={theme.warn}>no StorageClass: volumes cannot be provisioned</Text>
        ) : null}
        {model.storageClasses.map((sc) => (
          <Text key={sc.name}>
            {sc.name}
            {sc.isDefault ? <Text color={theme.info}> (default)</Text> : null}{' '}
            <Text color={sc.rwx === 'yes' ? theme.ok : undefined}>
              {sc.rwx === 'yes' ? 'RWO+RWX' : sc.rwx === 'no' ? 'RWO' : 'RWO, RWX?'}
            </Text>{' '}
            <Text dimColor>{sc.provisioner}</Text>
          </Text>
        ))}
      </Field>
      {model.preset ? (
        <Field label="Preset">
          <Text>
            {model.preset.preset} <Text dimColor>(suggested: {model.preset.reason})</Text>
          </Text>
        </Field>
      ) : null}
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
          {release?.appVersion || release?.lastDeployed ? (
            <Text dimColor>
              {release.appVersion ? `app ${release.appVersion}` : ''}
              {release.appVersion && release.lastDeployed ? ' · ' : ''}
              {release.lastDeployed ? `last deployed ${release.lastDeployed.replace(/\.\d+/, '')}` : ''}
            </Text>
          ) : null}
          {release?.description ? <Text dimColor>{release.description}</Text> : null}
          {release?.notes ? (
            <Text dimColor>{release.notes.trim().split('\n')[0]} (all notes: buntime-deploy status)</Text>
          ) : null}
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

/** Lines the menu takes at `width` before it is measured (question, items as they wrap, hint). */
function menuEstimate(model: StartModel, width: number): number {
  const items = model.actions.reduce(
    (sum, item) => sum + wrapWords(`${item.label}${item.disabled ? ` (${item.disabled})` : ''}`, width - 2).length,
    0,
  );
  return 1 + items + wrapWords('↑/↓ move · enter choose · ? keys · q quit', width).length;
}

/** Not installed, but an earlier install left claims and the credentials Secret: an install re-uses them. */
function KeptRows({model}: {readonly model: StartModel}): ReactNode {
  if (!model.kept) return null;
  return (
    <Field label="Kept data">
      <Text color={theme.warn}>An earlier install of {model.releaseName} left data here; an install re-uses it:</Text>
      {model.kept.claims.map((claim) => (
        <Text key={claim} dimColor>
          PVC {claim}
        </Text>
      ))}
      {model.kept.secret ? <Text dimColor>Secret {model.kept.secret} (the same root key)</Text> : null}
    </Field>
  );
}

/**
 * The first screen: what the wizard sees before it asks anything, and what it offers to do. It
 * always fits the terminal (a frame as tall as the terminal makes Ink clear it, scrollback and
 * all): when the facts do not fit above the menu they are clipped with a position line, and
 * PgUp/PgDn scroll them.
 */
export function StartScreen(props: {
  readonly model: StartModel;
  readonly onChoose: (action: WizardAction) => void;
}): ReactNode {
  const {model} = props;
  const {columns, rows} = useTerminalSize();
  const factsRef = useRef<DOMElement>(null);
  const menuRef = useRef<DOMElement>(null);
  const [measured, setMeasured] = useState<{facts: number; menu: number}>();
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (!factsRef.current || !menuRef.current) return;
    const facts = measureElement(factsRef.current).height;
    const menu = measureElement(menuRef.current).height;
    if (measured?.facts !== facts || measured.menu !== menu) setMeasured({facts, menu});
  });
  // The estimate counts the menu as it wraps at this width; the measure adds the ? list when open.
  const menu = Math.max(measured?.menu ?? 0, menuEstimate(model, columns));
  // One line stays free; the other goes to the blank line above the menu, or to the position line.
  const room = Math.max(3, rows - 2 - menu);
  const clipped = measured === undefined || measured.facts > room;
  const last = Math.max(0, (measured?.facts ?? 0) - room);
  const top = Math.min(offset, last);
  useInput((_input, key) => {
    if (key.pageDown) setOffset(Math.min(last, top + room));
    else if (key.pageUp) setOffset(Math.max(0, top - room));
  });
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" overflowY="hidden" {...(clipped ? {height: room} : {})}>
        <Box ref={factsRef} flexDirection="column" flexShrink={0} marginTop={-top}>
          <Text bold color={theme.accent}>
            buntime-deploy
          </Text>
          <ClusterRows model={model} />
          <ReleaseRows model={model} />
          <KeptRows model={model} />
          <ClusterDetails model={model} />
          {model.notes.map((note) => (
            <Text key={note} dimColor>
              note: {note}
            </Text>
          ))}
        </Box>
      </Box>
      {clipped && measured ? (
        <Text dimColor wrap="truncate">
          {`── ${top + 1}-${Math.min(measured.facts, top + room)}/${measured.facts} · PgUp PgDn `.padEnd(columns, '─')}
        </Text>
      ) : null}
      <Box ref={menuRef} marginTop={clipped ? 0 : 1} flexDirection="column">
        <Text bold>What do you want to do?</Text>
        <ActionMenu items={model.actions} initial={model.defaultAction} cancelId="quit" onChoose={props.onChoose} />
      </Box>
    </Box>
  );
}
