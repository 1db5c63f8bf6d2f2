import {describe, expect, it} from 'vitest';
import {serviceEndpoint} from './endpoint.js';

describe('in-cluster S3 endpoints', () => {
  it.each([
    ['http://minio.minio.svc.cluster.local:9000', {service: 'minio', namespace: 'minio', port: 9000, uncertain: false}],
    ['http://minio.storage.svc:9000', {service: 'minio', namespace: 'storage', port: 9000, uncertain: false}],
    ['http://minio.storage.svc.k8s.example/', {service: 'minio', namespace: 'storage', port: 80, uncertain: false}],
    ['http://minio:9000', {service: 'minio', namespace: 'zomme', port: 9000, uncertain: false}],
    ['http://minio.storage:9000', {service: 'minio', namespace: 'storage', port: 9000, uncertain: true}],
    ['https://minio.storage.svc', {service: 'minio', namespace: 'storage', port: 443, scheme: 'https'}],
  ])('%s is a Service', (endpoint, expected) => {
    expect(serviceEndpoint(endpoint, 'zomme')).toMatchObject(expected);
  });

  it.each([
    'https://s3.eu-west-1.amazonaws.com',
    'http://127.0.0.1:9000',
    'http://localhost:9000',
    'http://[::1]:9000',
    'http://minio.example.com:9000',
    'not a url',
    'ftp://minio:21',
  ])('%s is not', (endpoint) => {
    expect(serviceEndpoint(endpoint, 'zomme')).toBeUndefined();
  });
});
