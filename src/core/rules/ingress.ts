/** Exposure rules: Ingress host and TLS, OpenShift Route, and the Service type behind them. */
import {getPath, isPlainObject} from '../values/paths.js';
import {checkHostname} from '../values/formats.js';
import {flag, text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

function hostFindings(rule: Rule, path: string, host: string): Finding[] {
  const problem = checkHostname(host);
  if (!problem) return [];
  return [
    finding(rule, `${path} '${host}' ${problem.reason}`, {
      path,
      hint: problem.suggestion
        ? `Did you mean '${problem.suggestion}'?`
        : 'Use a DNS name such as buntime.example.com (or *.example.com).',
    }),
  ];
}

export const ingressHostRule: Rule = {
  id: 'ingress.host',
  severity: 'error',
  description: 'ingress.host is a valid DNS name (wildcards allowed) and ingress.path starts with /.',
  check: ({values}) => {
    const host = text(values, 'ingress.host');
    const out = host === '' ? [] : hostFindings(ingressHostRule, 'ingress.host', host);
    const path = text(values, 'ingress.path');
    if (host !== '' && path !== '' && !path.startsWith('/'))
      out.push(
        finding(ingressHostRule, `ingress.path '${path}' must start with /`, {
          path: 'ingress.path',
          hint: `Use /${path}.`,
        }),
      );
    return out;
  },
};

const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

export const ingressTlsRule: Rule = {
  id: 'ingress.tls',
  severity: 'error',
  description: 'Ingress TLS names a certificate Secret or a cert-manager issuer.',
  check: ({values}) => {
    if (!flag(values, 'ingress.tls.enabled')) return [];
    if (text(values, 'ingress.host') === '') {
      if (flag(values, 'route.enabled')) return [];
      return [
        finding(
          ingressTlsRule,
          'ingress.tls.enabled=true but ingress.host is empty, so no Ingress (and no certificate) is created',
          {path: 'ingress.host', severity: 'warning', hint: 'Set ingress.host, or turn ingress.tls.enabled off.'},
        ),
      ];
    }
    const annotations = getPath(values, 'ingress.annotations');
    const annotated =
      isPlainObject(annotations) &&
      ISSUER_ANNOTATIONS.some((key) => typeof annotations[key] === 'string' && annotations[key] !== '');
    if (text(values, 'ingress.tls.secretName') !== '' || text(values, 'ingress.tls.clusterIssuer') !== '' || annotated)
      return [];
    return [
      finding(
        ingressTlsRule,
        'ingress.tls.enabled=true with neither a certificate Secret nor a cert-manager issuer: the Ingress would point at a Secret nobody creates',
        {
          path: 'ingress.tls.clusterIssuer',
          hint: 'Set ingress.tls.clusterIssuer to your cert-manager ClusterIssuer, or ingress.tls.secretName to an existing TLS Secret.',
        },
      ),
    ];
  },
};

export const serviceTypeRule: Rule = {
  id: 'service.cluster-ip',
  severity: 'warning',
  description: 'service.type ClusterIP is recommended when an Ingress or Route fronts the runtime.',
  check: ({values}) => {
    const fronted = text(values, 'ingress.host') !== '' || flag(values, 'route.enabled');
    const type = text(values, 'service.type');
    if (!fronted || type === 'ClusterIP' || type === '') return [];
    return [
      finding(
        serviceTypeRule,
        `service.type is ${type} although an ${flag(values, 'route.enabled') ? 'OpenShift Route' : 'Ingress'} already exposes the runtime: it also opens a port on every node`,
        {
          path: 'service.type',
          hint: 'Set service.type=ClusterIP.',
        },
      ),
    ];
  },
};

export const routeRule: Rule = {
  id: 'route.host',
  severity: 'error',
  description: 'route.host is a valid DNS name; Route and Ingress are not both enabled.',
  check: ({values}) => {
    if (!flag(values, 'route.enabled')) return [];
    const host = text(values, 'route.host');
    const out = host === '' ? [] : hostFindings(routeRule, 'route.host', host);
    if (text(values, 'ingress.host') !== '') {
      out.push(
        finding(routeRule, 'both route.enabled and ingress.host are set: the runtime would be exposed twice', {
          path: 'ingress.host',
          severity: 'warning',
          hint: 'On OpenShift keep the Route and clear ingress.host.',
        }),
      );
    }
    return out;
  },
};
