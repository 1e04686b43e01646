{{/*
The four Driftwatch services, in a fixed order. Every per-service template ranges over this list.
*/}}
{{- define "driftwatch.serviceNames" -}}
collector snapshot-diff evaluator notifier
{{- end }}

{{/*
Values key of a service: "snapshot-diff" -> "snapshotDiff".
*/}}
{{- define "driftwatch.valuesKey" -}}
{{- camelcase (replace "-" "_" .) | untitle -}}
{{- end }}

{{/*
Chart name.
*/}}
{{- define "driftwatch.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified prefix of resource names (kept short enough for "-snapshot-diff").
*/}}
{{- define "driftwatch.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 49 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 49 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 49 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of a service's resources. Call with (dict "root" $ "name" "collector").
*/}}
{{- define "driftwatch.componentName" -}}
{{- printf "%s-%s" (include "driftwatch.fullname" .root) .name }}
{{- end }}

{{- define "driftwatch.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels. Call with (dict "root" $ "name" "collector").
*/}}
{{- define "driftwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "driftwatch.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Common labels. Call with (dict "root" $ "name" "collector"); name may be empty for chart-wide objects.
*/}}
{{- define "driftwatch.labels" -}}
helm.sh/chart: {{ include "driftwatch.chart" .root }}
app.kubernetes.io/name: {{ include "driftwatch.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}
app.kubernetes.io/part-of: driftwatch
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/*
ServiceAccount of the collector (IRSA).
*/}}
{{- define "driftwatch.collectorServiceAccountName" -}}
{{- if .Values.collector.serviceAccount.create }}
{{- default (include "driftwatch.componentName" (dict "root" . "name" "collector")) .Values.collector.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.collector.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
ServiceAccount shared by the other services.
*/}}
{{- define "driftwatch.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "driftwatch.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image of a service. Call with (dict "root" $ "name" "collector" "svc" $svcValues).
*/}}
{{- define "driftwatch.image" -}}
{{- $repo := .svc.image.repository | default (printf "%s/driftwatch-%s" (trimSuffix "/" .root.Values.image.registry) .name) }}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repo (toString $tag) }}
{{- end }}

{{/*
Environment shared by every service. Secrets by reference only.
*/}}
{{- define "driftwatch.commonEnv" -}}
- name: QUARKUS_HTTP_PORT
  value: "8080"
- name: DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" .Values.kafka.bootstrapServers | quote }}
- name: DRIFTWATCH_JDBC_URL
  value: {{ required "postgresql.jdbcUrl is required" .Values.postgresql.jdbcUrl | quote }}
- name: DRIFTWATCH_JDBC_USER
  valueFrom:
    secretKeyRef:
      name: {{ required "postgresql.existingSecret is required (the chart never holds database credentials)" .Values.postgresql.existingSecret | quote }}
      key: {{ .Values.postgresql.usernameKey | quote }}
- name: DRIFTWATCH_JDBC_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret | quote }}
      key: {{ .Values.postgresql.passwordKey | quote }}
{{- end }}

{{/*
Service-specific environment. Call with (dict "root" $ "name" "collector" "svc" $svcValues).
*/}}
{{- define "driftwatch.serviceEnv" -}}
{{- if eq .name "collector" }}
- name: DRIFTWATCH_AWS_ROLE_NAME
  value: {{ .svc.aws.roleName | quote }}
{{- if .svc.aws.regions }}
- name: DRIFTWATCH_AWS_REGIONS
  value: {{ join "," .svc.aws.regions | quote }}
{{- end }}
- name: DRIFTWATCH_COLLECTION_CRON
  value: {{ .svc.collectionCron | quote }}
{{- if .svc.javaOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .svc.javaOptions | quote }}
{{- end }}
{{- if .svc.aws.externalId.existingSecret }}
- name: DRIFTWATCH_AWS_EXTERNAL_ID
  valueFrom:
    secretKeyRef:
      name: {{ .svc.aws.externalId.existingSecret | quote }}
      key: {{ .svc.aws.externalId.key | quote }}
{{- end }}
{{- end }}
{{- if eq .name "notifier" }}
{{- if .svc.webhook.urls }}
- name: DRIFTWATCH_WEBHOOK_URLS
  value: {{ join "," .svc.webhook.urls | quote }}
{{- end }}
{{- if .svc.webhook.secret.existingSecret }}
- name: DRIFTWATCH_WEBHOOK_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .svc.webhook.secret.existingSecret | quote }}
      key: {{ .svc.webhook.secret.key | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Ingress routes, one "<path below ingress.basePath> <service>" per line, in routing-table order.
*/}}
{{- define "driftwatch.ingressRoutes" -}}
collections collector
resources snapshot-diff
snapshots snapshot-diff
inventory snapshot-diff
baselines snapshot-diff
diff snapshot-diff
findings evaluator
rules evaluator
alerts notifier
routes notifier
{{- end }}
