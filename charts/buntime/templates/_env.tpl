{{/*
Secret-backed environment of the runtime container. Least privilege: runtime pods get the data-port
token of turso-server, never its admin token (only turso-server and the backup/restore Jobs do).
Fail closed: a token that must exist is a required secretKeyRef, so a Secret without the key stops
the pod (CreateContainerConfigError naming the key) instead of running without authentication.
Only tokens that may legitimately be absent (no root key configured, an external sync endpoint
without auth, plugin tokens) are optional.
*/}}
{{- define "buntime.secretEnv" -}}
- name: RUNTIME_ROOT_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.runtimeSecretName" . }}
      key: RUNTIME_ROOT_KEY
      {{- if not (or .Values.buntime.existingSecret .Values.buntime.rootKey) }}
      optional: true
      {{- end }}
{{- if .Values.tursoServer.enabled }}
{{- /* The ApiKeyStore and plugin-turso sync through turso-server's data port with its token. */}}
- name: RUNTIME_AUTH_DB_SYNC_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.tursoSecretName" . }}
      key: TURSO_AUTH_TOKEN
- name: TURSO_SERVER_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.tursoSecretName" . }}
      key: TURSO_AUTH_TOKEN
{{- else }}
{{- /* External sync endpoint: its token, kept in the runtime Secret, may be absent (no auth). */}}
- name: RUNTIME_AUTH_DB_SYNC_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.runtimeSecretName" . }}
      key: RUNTIME_AUTH_DB_SYNC_TOKEN
      optional: true
{{- end }}
{{- end -}}

{{/*
buntime.assertClaimTemplates: (dict "root" $ "name" STS "want" (list "state" …))
volumeClaimTemplates cannot change on a live StatefulSet; the API server would reject the upgrade
with a generic "Forbidden: updates to statefulset spec" after other objects were already changed.
When the cluster can be read (install/upgrade, --dry-run=server) compare the live templates first
and fail with the fix. `lookup` returns nothing in `helm template`, so offline renders are unaffected.
*/}}
{{- define "buntime.assertClaimTemplates" -}}
{{- $live := lookup "apps/v1" "StatefulSet" .root.Release.Namespace .name -}}
{{- if and $live $live.spec -}}
{{- $have := list -}}
{{- range ($live.spec.volumeClaimTemplates | default list) -}}
{{- $have = append $have .metadata.name -}}
{{- end -}}
{{- if ne ($have | sortAlpha | join ",") (.want | sortAlpha | join ",") -}}
{{- fail (printf "StatefulSet %s has volumeClaimTemplates [%s] but this configuration needs [%s] (persistence.turso.type changed?). Kubernetes cannot change them in place. Keep the previous value, or run `kubectl -n %s delete statefulset %s --cascade=orphan` (pods and PVCs stay) and upgrade again." .name ($have | sortAlpha | join ", ") (.want | sortAlpha | join ", ") .root.Release.Namespace .name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
