{{/*
Names, labels and small value helpers shared by every template.

Naming rule: every object name is derived from buntime.fullname plus a fixed suffix, and is
checked against the Kubernetes limit that applies to it. Nothing is silently truncated: a cut name
could collide with another object or stop matching what `buntime-deploy status` looks for, so an
over-long name fails the render with a message naming the release, the object and the limit.
*/}}

{{- define "buntime.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The base name before any limit check: fullnameOverride, else the release name when it already
contains the chart name, else <release>-<name>. */}}
{{- define "buntime.rawFullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "buntime.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
buntime.fitName: (dict "root" $ "suffix" "-turso" "limit" 52 "what" "turso-server StatefulSet")
Prints <fullname><suffix>, or fails when it is longer than limit. Limits: 52 for StatefulSets (the
controller-revision-hash label adds 11 characters to a 63-character label value) and CronJobs (Job
names add 11), 63 for Services and other DNS labels.
*/}}
{{- define "buntime.fitName" -}}
{{- $base := include "buntime.rawFullname" .root -}}
{{- $name := printf "%s%s" $base .suffix -}}
{{- if gt (len $name) (int .limit) -}}
{{- $room := sub (int .limit) (len .suffix) -}}
{{- fail (printf "[names.length] release %q: the %s name %q is %d characters, over the Kubernetes limit of %d. Use a shorter release name or set fullnameOverride to at most %d characters (fullname is now %q)." .root.Release.Name .what $name (len $name) (int .limit) $room $base) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/* The runtime StatefulSet (and base) name: at most 52 characters. */}}
{{- define "buntime.fullname" -}}
{{- include "buntime.fitName" (dict "root" . "suffix" "" "limit" 52 "what" "runtime StatefulSet") -}}
{{- end -}}
{{- define "buntime.headlessName" -}}
{{- include "buntime.fitName" (dict "root" . "suffix" "-headless" "limit" 63 "what" "headless Service") -}}
{{- end -}}
{{- define "buntime.tursoName" -}}
{{- include "buntime.fitName" (dict "root" . "suffix" "-turso" "limit" 52 "what" "turso-server StatefulSet") -}}
{{- end -}}
{{- define "buntime.tursoAdminName" -}}
{{- include "buntime.fitName" (dict "root" . "suffix" "-turso-admin" "limit" 63 "what" "turso-server admin Service") -}}
{{- end -}}
{{- define "buntime.backupName" -}}
{{- include "buntime.fitName" (dict "root" . "suffix" "-turso-backup" "limit" 52 "what" "backup CronJob") -}}
{{- end -}}

{{- define "buntime.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. `component` is added per group (runtime, turso-server, turso-backup). */}}
{{- define "buntime.labels" -}}
helm.sh/chart: {{ include "buntime.chart" . }}
app: {{ include "buntime.name" . }}
app.kubernetes.io/name: {{ include "buntime.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Pod template labels: like buntime.labels without helm.sh/chart, so a chart version bump alone
does not restart every pod. */}}
{{- define "buntime.podLabels" -}}
app: {{ include "buntime.name" . }}
app.kubernetes.io/name: {{ include "buntime.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selectors always include the component, so runtime, turso-server and backup pods never
overlap (a runtime Service or PDB must not count turso or backup pods). */}}
{{- define "buntime.selectorLabels" -}}
app.kubernetes.io/name: {{ include "buntime.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "buntime.runtimeSelectorLabels" -}}
{{ include "buntime.selectorLabels" . }}
app.kubernetes.io/component: runtime
{{- end -}}
{{- define "buntime.runtimeLabels" -}}
{{ include "buntime.labels" . }}
app.kubernetes.io/component: runtime
{{- end -}}

{{- define "buntime.tursoSelectorLabels" -}}
{{ include "buntime.selectorLabels" . }}
app.kubernetes.io/component: turso-server
{{- end -}}
{{- define "buntime.tursoLabels" -}}
{{ include "buntime.labels" . }}
app.kubernetes.io/component: turso-server
{{- end -}}

{{- define "buntime.backupSelectorLabels" -}}
{{ include "buntime.selectorLabels" . }}
app.kubernetes.io/component: turso-backup
{{- end -}}
{{- define "buntime.backupLabels" -}}
{{ include "buntime.labels" . }}
app.kubernetes.io/component: turso-backup
{{- end -}}

{{/* Restore Job pods: like backups, they may reach turso-server's admin port (NetworkPolicy). */}}
{{- define "buntime.restoreSelectorLabels" -}}
{{ include "buntime.selectorLabels" . }}
app.kubernetes.io/component: turso-restore
{{- end -}}
{{- define "buntime.restoreLabels" -}}
{{ include "buntime.labels" . }}
app.kubernetes.io/component: turso-restore
{{- end -}}

{{/* Secrets: an existingSecret wins; otherwise the chart's own Secret. Every consumer reads keys
with secretKeyRef, required where the key must exist (fail closed) and optional only where a
missing token is a valid choice. The key names are the same in all three, so one Secret can serve
them all. */}}
{{- define "buntime.runtimeSecretName" -}}
{{- .Values.buntime.existingSecret | default (include "buntime.fullname" .) -}}
{{- end -}}
{{- define "buntime.tursoSecretName" -}}
{{- .Values.tursoServer.existingSecret | default (printf "%s-turso" (include "buntime.fullname" .)) -}}
{{- end -}}
{{- define "buntime.backupSecretName" -}}
{{- .Values.tursoServer.backup.s3.existingSecret | default (printf "%s-backup" (include "buntime.fullname" .)) -}}
{{- end -}}

{{/* apiPrefix without trailing slashes, as the runtime trims it: "" (and "/") mean no prefix,
null (a value removed with --reuse-values or set to null) means the default /_. */}}
{{- define "buntime.apiPrefix" -}}
{{- $prefix := .Values.buntime.apiPrefix -}}
{{- if kindIs "invalid" $prefix }}{{ $prefix = "/_" }}{{ end -}}
{{- regexReplaceAll "/+$" (toString $prefix) "" -}}
{{- end -}}

{{- define "buntime.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) -}}
{{- end -}}

{{/* turso-server URLs: the data URL for the runtime ConfigMap, the admin URL for the backup (and
restore) Jobs and NOTES only. */}}
{{- define "buntime.tursoDataUrl" -}}
{{- printf "http://%s:%d" (include "buntime.tursoName" .) (int .Values.tursoServer.service.dataPort) -}}
{{- end -}}
{{- define "buntime.tursoAdminUrl" -}}
{{- printf "http://%s:%d" (include "buntime.tursoAdminName" .) (int .Values.tursoServer.service.adminPort) -}}
{{- end -}}

{{/* RUNTIME_AUTH_DB_SYNC_URL: the in-cluster api-keys namespace when turso-server runs and the
mode is sync, else the external syncUrl (empty in local mode). Always a value, never a missing key. */}}
{{- define "buntime.authDbSyncUrl" -}}
{{- if and (eq (.Values.buntime.authDb.mode | default "local") "sync") .Values.tursoServer.enabled -}}
{{- printf "%s/api-keys" (include "buntime.tursoDataUrl" .) -}}
{{- else -}}
{{- .Values.buntime.authDb.syncUrl | default "" -}}
{{- end -}}
{{- end -}}

{{/*
buntime.orDefault: (list VALUE DEFAULT) → VALUE as an integer string, or DEFAULT when VALUE is
unset (null or missing). Unlike `default`, a deliberate 0 is kept (0 disables caches, 0 = no queue),
and `int` keeps large numbers out of float notation (1000000, never 1e+06).
*/}}
{{- define "buntime.orDefault" -}}
{{- $value := index . 0 -}}
{{- if kindIs "invalid" $value -}}
{{- index . 1 -}}
{{- else -}}
{{- $value | int64 -}}
{{- end -}}
{{- end -}}

{{/* storageClassName line: "" = cluster default (nothing printed), "-" = no class (static PVs only). */}}
{{- define "buntime.storageClass" -}}
{{- if eq (toString .) "-" -}}
storageClassName: ""
{{- else if . -}}
storageClassName: {{ . | quote }}
{{- end -}}
{{- end -}}

{{/* True ("true") when a shared runtime volume is ReadWriteOnce: then every runtime pod must run
on the node that holds it, or a second pod hangs in ContainerCreating with a Multi-Attach error. */}}
{{- define "buntime.sharedVolumesRWO" -}}
{{- if or (eq .Values.persistence.plugins.accessMode "ReadWriteOnce") (eq .Values.persistence.apps.accessMode "ReadWriteOnce") -}}
true
{{- end -}}
{{- end -}}
