{{/*
Secret-backed environment of the runtime container. Every entry is a secretKeyRef with
optional: true, so a missing token means "not set" instead of a pod stuck in
CreateContainerConfigError, and no template needs an {{ if }} around a token.
*/}}
{{- define "buntime.secretEnv" -}}
- name: RUNTIME_ROOT_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.runtimeSecretName" . }}
      key: RUNTIME_ROOT_KEY
      optional: true
{{- /* ApiKeyStore sync token: the turso-server data token when it runs in-cluster, else the
external syncAuthToken kept in the runtime Secret. */}}
- name: RUNTIME_AUTH_DB_SYNC_TOKEN
  valueFrom:
    secretKeyRef:
      {{- if .Values.tursoServer.enabled }}
      name: {{ include "buntime.tursoSecretName" . }}
      key: TURSO_AUTH_TOKEN
      {{- else }}
      name: {{ include "buntime.runtimeSecretName" . }}
      key: RUNTIME_AUTH_DB_SYNC_TOKEN
      {{- end }}
      optional: true
- name: TURSO_SERVER_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.tursoSecretName" . }}
      key: TURSO_AUTH_TOKEN
      optional: true
- name: TURSO_SERVER_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "buntime.tursoSecretName" . }}
      key: TURSO_ADMIN_TOKEN
      optional: true
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
